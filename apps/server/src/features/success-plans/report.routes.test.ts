import { formatReportDate, type ReportDeck, reportSections, todayInTokyo } from "@michi/core";
import JSZip from "jszip";
import { beforeAll, describe, expect, it } from "vitest";
import {
  buildUser,
  buildWorkspace,
  call,
  createTestContext,
  type TestContext,
} from "../../test/context";
import { importExample } from "./plan-test-helpers";

let ctx: TestContext;
let csm: Awaited<ReturnType<typeof buildUser>>;
let workspaceId: string;

beforeAll(async () => {
  ctx = await createTestContext();
  workspaceId = (await buildWorkspace(ctx)).id;
  csm = await buildUser(ctx, { workspaceId, role: "csm" });
});

const PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation";

const download = async (path: string) => {
  const res = await ctx.app.request(path, { headers: { ...csm.headers, origin: ctx.baseURL } });
  return { res, bytes: new Uint8Array(await res.arrayBuffer()) };
};

/** The deck's slides in order, each slide's XML. */
const slidesOf = async (zip: JSZip) => {
  const names = Object.keys(zip.files)
    .filter((name) => /^ppt\/slides\/slide\d+\.xml$/.test(name))
    .sort((a, b) => Number(a.match(/\d+/)![0]) - Number(b.match(/\d+/)![0]));
  return Promise.all(names.map((name) => zip.file(name)!.async("string")));
};

/** A slide's text, runs joined (a table cell or a text box may hold several). */
const textOf = (xml: string) => xml.replace(/<[^>]+>/g, "");

/** Every language tag in the package's XML parts (slides, charts, masters, layouts). */
const languagesOf = async (zip: JSZip) => {
  const tags = new Set<string>();
  for (const name of Object.keys(zip.files).filter((n) => /^ppt\/.*\.xml$/.test(n))) {
    const xml = await zip.file(name)!.async("string");
    for (const [, tag] of xml.matchAll(/\blang="([^"]+)"/g)) tags.add(tag!);
  }
  return tags;
};

describe("the evaluator report as PowerPoint", () => {
  it("answers a deck of every section in Japanese, tagged ja-JP, with a line chart per KPI", async () => {
    const { planId } = await importExample(ctx, { workspaceId, headers: csm.headers });
    const report = await call(ctx, "GET", `/api/v1/plans/${planId}/report`, csm);
    expect(report.status).toBe(200);
    const deck = report.json.deck as ReportDeck;

    const { res, bytes } = await download(`/api/v1/plans/${planId}/export.pptx`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe(PPTX);
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="plan-.*\.pptx"/);

    const zip = await JSZip.loadAsync(bytes);
    const slides = await slidesOf(zip);
    // cover, purpose, team, プ譜, KPIs (2 a slide), milestones, roadmap, retrospective, risks
    expect(slides).toHaveLength(9);
    expect(deck.slides.map((s) => s.section)).toEqual([...reportSections]);

    const texts = slides.map(textOf);
    expect(texts[0]).toContain("評価者への報告");
    expect(texts[0]).toContain("東和精機株式会社");
    expect(texts[0]).toContain(formatReportDate(todayInTokyo(new Date()), "ja"));
    expect(texts[1]).toContain("トラックの到着時刻が分からず");
    expect(texts[2]).toContain("最終評価者");
    expect(texts[2]).toContain("月次報告(評価者)");
    expect(texts[3]).toContain("運送会社が予約する");
    expect(texts[4]).toContain("事前予約率");
    expect(texts[4]).toContain("2027年1月31日");
    expect(texts[5]).toContain("第一倉庫で予約開始");
    expect(texts[6]).toContain("入場受付");
    // No ISO date on any slide: every date is written in the deck's language.
    for (const text of texts) expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}/);

    // Japanese throughout: every run, the masters and the charts say ja-JP.
    expect([...(await languagesOf(zip))]).toEqual(["ja-JP"]);
    expect(slides[1]).toContain('<a:ea typeface="Yu Gothic" pitchFamily="34" charset="-128"/>');
    expect(slides[1]).toContain('<a:latin typeface="Noto Sans CJK JP"');
    expect(slides.join("")).not.toContain('<a:ea typeface="Noto Sans CJK JP"');

    // A native line chart per KPI, on a date axis, actual against plan.
    const charts = Object.keys(zip.files).filter((n) => /^ppt\/charts\/chart\d+\.xml$/.test(n));
    expect(charts).toHaveLength(2);
    const chart = await zip.file(charts[0]!)!.async("string");
    expect(chart).toContain("<c:lineChart>");
    expect(chart).toContain("<c:dateAx>");
    expect(chart).toContain("計画線");
    expect(chart).toContain("実績");
    expect(await zip.file("[Content_Types].xml")!.async("string")).toContain(
      "application/vnd.openxmlformats-officedocument.drawingml.chart+xml",
    );
    expect(slides[4]).toMatch(/<c:chart [^>]*r:id=/);

    // Every shape lies on the 13.333 × 7.5 in slide (EMU: 914,400 an inch): nothing is cut off.
    for (const slide of slides) {
      for (const [, x, y, cx, cy] of slide.matchAll(
        /<a:off x="(-?\d+)" y="(-?\d+)"\/><a:ext cx="(\d+)" cy="(\d+)"\/>/g,
      )) {
        expect(Number(x)).toBeGreaterThanOrEqual(0);
        expect(Number(y)).toBeGreaterThanOrEqual(0);
        expect(Number(x) + Number(cx)).toBeLessThanOrEqual(12_192_000);
        expect(Number(y) + Number(cy)).toBeLessThanOrEqual(6_858_000);
      }
    }
  });

  it("writes the chosen sections in English, tagged en-US", async () => {
    const { planId } = await importExample(ctx, { workspaceId, headers: csm.headers });
    const { res, bytes } = await download(
      `/api/v1/plans/${planId}/export.pptx?lang=en&sections=kpis,cover,risks`,
    );
    expect(res.status).toBe(200);
    const zip = await JSZip.loadAsync(bytes);
    const texts = (await slidesOf(zip)).map(textOf);
    expect(texts).toHaveLength(3);
    expect(texts[0]).toContain("Report to the evaluators");
    expect(texts[0]).toContain(formatReportDate(todayInTokyo(new Date()), "en"));
    expect(texts[1]).toContain("Measured on");
    expect(texts[1]).toContain("Jan\u00a031,\u00a02027");
    expect(texts[2]).toContain("Open risks");
    expect([...(await languagesOf(zip))]).toEqual(["en-US"]);
  });

  it("reviews the last closed stage and lists the open findings", async () => {
    const { planId } = await importExample(ctx, { workspaceId, headers: csm.headers });
    const closed = await call(ctx, "POST", `/api/v1/plans/${planId}/stages`, {
      ...csm,
      body: {
        retrospective: {
          summary: "説明会は好評。割当表は未着手。",
          objectives: [{ key: "o2", direction: "further", changesNext: "割当表を先に作る" }],
        },
      },
    });
    expect(closed.status).toBe(201);
    const report = await call(
      ctx,
      "GET",
      `/api/v1/plans/${planId}/report?sections=retrospective,risks`,
      csm,
    );
    expect(report.status).toBe(200);
    const [retrospective, risks] = (report.json.deck as ReportDeck).slides;
    expect(retrospective).toMatchObject({
      section: "retrospective",
      summary: { value: "説明会は好評。割当表は未着手。" },
      reviews: [{ objective: "荷役が予約に沿って動く", directionLabel: "遠ざかった" }],
      focus: { heading: "第2局面の重点" },
    });
    expect(retrospective?.section === "retrospective" && retrospective.focus?.items[0]).toEqual({
      label: "荷役が予約に沿って動く",
      value: "割当表を先に作る",
    });
    // The example's milestones and tasks of 2026 are past due by now.
    expect(risks?.section === "risks" && risks.findings.length).toBeGreaterThan(0);
  });

  it("answers 400 problem+json for an unknown language or section", async () => {
    const { planId } = await importExample(ctx, { workspaceId, headers: csm.headers });
    for (const [query, pointer] of [
      ["lang=fr", "/lang"],
      ["sections=cover,nope", "/sections/1"],
      ["sections=", "/sections/0"],
    ] as const) {
      for (const path of ["export.pptx", "report"]) {
        const res = await call(ctx, "GET", `/api/v1/plans/${planId}/${path}?${query}`, csm);
        expect(res.status, `${path}?${query}`).toBe(400);
        expect(res.headers.get("content-type")).toContain("application/problem+json");
        expect(res.json.errors.map((e: { pointer: string }) => e.pointer)).toContain(pointer);
      }
    }
  });

  it("documents lang and sections as query strings", async () => {
    const doc = (await call(ctx, "GET", "/api/openapi.json")).json;
    for (const path of ["/api/v1/plans/{id}/report", "/api/v1/plans/{id}/export.pptx"]) {
      const params = doc.paths[path].get.parameters as { name: string; schema: { type: string } }[];
      expect(params.find((p) => p.name === "lang")?.schema).toMatchObject({
        type: "string",
        enum: ["ja", "en"],
      });
      expect(params.find((p) => p.name === "sections")?.schema.type).toBe("string");
    }
  });

  it("copes with an empty plan", async () => {
    const { planId, example } = await importExample(ctx, { workspaceId, headers: csm.headers });
    const put = await call(ctx, "PUT", `/api/v1/plans/${planId}/document`, {
      ...csm,
      body: {
        version: 1,
        document: {
          format: example.format,
          title: "Empty",
          pufu: { goal: "", winCondition: { text: "" } },
        },
      },
    });
    expect(put.status).toBe(200);
    const { res, bytes } = await download(`/api/v1/plans/${planId}/export.pptx?lang=en`);
    expect(res.status).toBe(200);
    const texts = (await slidesOf(await JSZip.loadAsync(bytes))).map(textOf);
    expect(texts).toHaveLength(9);
    expect(texts[4]).toContain("Nothing here yet");
    expect(texts[8]).toContain("The goal is missing");
  });

  it("answers concurrent downloads alike, and a changed plan anew", async () => {
    const { planId, example } = await importExample(ctx, { workspaceId, headers: csm.headers });
    const url = `/api/v1/plans/${planId}/export.pptx?sections=pufu`;
    const [first, second] = await Promise.all([download(url), download(url)]);
    expect([first.res.status, second.res.status]).toEqual([200, 200]);
    expect(second.bytes).toEqual(first.bytes);
    const [before] = await slidesOf(await JSZip.loadAsync(first.bytes));
    expect(textOf(before!)).toContain("運送会社が予約する");

    const changed = structuredClone(example);
    changed.pufu.objectives![0]!.title = "荷主が予約枠を公開する";
    const put = await call(ctx, "PUT", `/api/v1/plans/${planId}/document`, {
      ...csm,
      body: { version: 1, document: changed },
    });
    expect(put.status).toBe(200);
    const after = await download(url);
    const [slide] = await slidesOf(await JSZip.loadAsync(after.bytes));
    expect(textOf(slide!)).toContain("荷主が予約枠を公開する");
    expect(textOf(slide!)).not.toContain("運送会社が予約する");
  });
});
