import JSZip from "jszip";
import { beforeAll, describe, expect, it } from "vitest";
import {
  buildUser,
  buildWorkspace,
  call,
  createTestContext,
  type TestContext,
} from "../../test/context";
import { buildPlanPptx, fitFontSize } from "./export-pptx";
import { importExample, loadExamplePlan } from "./plan-test-helpers";

let ctx: TestContext;
let csm: Awaited<ReturnType<typeof buildUser>>;
let workspaceId: string;

beforeAll(async () => {
  ctx = await createTestContext();
  workspaceId = (await buildWorkspace(ctx)).id;
  csm = await buildUser(ctx, { workspaceId, role: "csm" });
});

/** The slide's text, runs joined (pptxgenjs splits table text into one run per word). */
const textOf = async (zip: JSZip, slide: number) =>
  ((await zip.file(`ppt/slides/slide${slide}.xml`)?.async("string")) ?? "").replace(/<[^>]+>/g, "");

const download = async (path: string) => {
  const res = await ctx.app.request(path, { headers: { ...csm.headers, origin: ctx.baseURL } });
  return { res, bytes: new Uint8Array(await res.arrayBuffer()) };
};

describe("PowerPoint export", () => {
  it("answers a .pptx with the プ譜 on slide 1 and the KPI sheet on slide 2", async () => {
    const { planId } = await importExample(ctx, { workspaceId, headers: csm.headers });
    const { res, bytes } = await download(`/api/v1/plans/${planId}/export.pptx`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe(
      "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    );
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="plan-.*\.pptx"/);

    const zip = await JSZip.loadAsync(bytes);
    const slide1 = await zip.file("ppt/slides/slide1.xml")?.async("string");
    const slide2 = await zip.file("ppt/slides/slide2.xml")?.async("string");
    expect(slide1).toBeDefined();
    expect(slide1).toContain("運送会社が予約する"); // objective o1
    expect(slide1).toContain("主要運送会社10社への説明会"); // measure m1
    expect(slide1).toContain("平均待機時間が90分から45分以下になる"); // win condition
    expect(slide1).toContain("2024年問題による運転手不足"); // a factor
    expect(slide1).toContain('typeface="Yu Gothic"');
    // measures → objectives (m1…m4: 1 + 2 + 1 + 1) and objectives → win condition (3)
    expect(slide1?.match(/prst="line"/g)).toHaveLength(8);
    // Every shape lies on the 13.333 × 7.5 in slide (EMU: 914,400 an inch): nothing is cut off.
    const frames = [
      ...slide1!.matchAll(/<a:off x="(\d+)" y="(\d+)"\/><a:ext cx="(\d+)" cy="(\d+)"\/>/g),
    ];
    expect(frames.length).toBeGreaterThan(20);
    for (const [, x, y, cx, cy] of frames) {
      expect(Number(x) + Number(cx)).toBeLessThanOrEqual(12_192_000);
      expect(Number(y) + Number(cy)).toBeLessThanOrEqual(6_858_000);
    }
    expect(slide2).toContain("事前予約率");
    expect(slide2).toContain("予約ログと受付打刻");
    // Progress: k1 went 90 → 71 of 90 → 45 (42%); k2 went 0 → 35 of 0 → 80 (44%).
    expect(slide2).toContain("<a:t>42%</a:t>");
    expect(slide2).toContain("<a:t>44%</a:t>");
  });

  it("writes English labels on request and copes with an empty plan", async () => {
    const empty = await buildPlanPptx(
      { format: "michi.plan/v1", title: "Empty", pufu: { goal: "", winCondition: { text: "" } } },
      "en",
    );
    const zip = await JSZip.loadAsync(empty);
    expect(await textOf(zip, 1)).toContain("Win condition");
    expect(await textOf(zip, 2)).toContain("No KPIs yet");
    const many = loadExamplePlan();
    many.pufu.measures = Array.from({ length: 30 }, (_, i) => ({
      key: `m${i}`,
      title: `施策 ${i} `.repeat(12),
      objectiveKeys: ["o1"],
    }));
    many.tasks = [];
    const zipped = await JSZip.loadAsync(await buildPlanPptx(many));
    expect(await zipped.file("ppt/slides/slide1.xml")?.async("string")).toContain("施策 29");
  });

  it("answers concurrent downloads alike, and a changed plan anew", async () => {
    const { planId, example } = await importExample(ctx, { workspaceId, headers: csm.headers });
    const url = `/api/v1/plans/${planId}/export.pptx`;
    const [first, second] = await Promise.all([download(url), download(url)]);
    expect([first.res.status, second.res.status]).toEqual([200, 200]);
    expect(second.bytes).toEqual(first.bytes);
    expect(await textOf(await JSZip.loadAsync(first.bytes), 1)).toContain("運送会社が予約する");

    const changed = structuredClone(example);
    changed.pufu.objectives![0]!.title = "荷主が予約枠を公開する";
    const put = await call(ctx, "PUT", `/api/v1/plans/${planId}/document`, {
      ...csm,
      body: { version: 1, document: changed },
    });
    expect(put.status).toBe(200);
    const after = await download(url);
    const slide1 = await textOf(await JSZip.loadAsync(after.bytes), 1);
    expect(slide1).toContain("荷主が予約枠を公開する");
    expect(slide1).not.toContain("運送会社が予約する");
  });

  it("shrinks the font as text grows, within bounds", () => {
    const box = { w: 3.7, h: 0.8 };
    expect(fitFontSize("短い", box)).toBe(14);
    const long = fitFontSize("長い文章".repeat(40), box);
    expect(long).toBeLessThan(10);
    expect(long).toBeGreaterThanOrEqual(6);
    expect(fitFontSize("あ".repeat(10_000), box)).toBe(6);
  });
});
