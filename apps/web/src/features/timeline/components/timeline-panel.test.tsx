import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import i18n from "i18next";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { renderWithQueries, stubFetch } from "../../cs-settings/test-utils";
import { userKeys } from "../../users/users.queries";
import { LogInteractionModal } from "./log-interaction-modal";
import { TimelinePanel } from "./timeline-panel";

const ACCOUNT_ID = "00000000-0000-4000-8000-000000000001";
const TIMELINE = `GET /api/v1/accounts/${ACCOUNT_ID}/timeline`;
const RUN_ID = "00000000-0000-4000-8000-0000000000aa";

const page1 = [
  {
    kind: "healthBand",
    id: "e1",
    at: "2026-06-06T09:00:00.000Z",
    from: "green",
    to: "red",
    score: 41,
  },
  {
    kind: "phase",
    id: "e2",
    at: "2026-06-05T09:00:00.000Z",
    from: "onboarding",
    to: "adoption",
  },
  {
    kind: "note",
    id: "00000000-0000-4000-8000-000000000010",
    at: "2026-06-04T09:00:00.000Z",
    subject: null,
    body: "更新の相談 @[Sato](u2) さん\n次回は来週",
    mentions: [{ id: "u2", name: "佐藤 花子" }],
    author: { id: "u1", name: "管理者" },
  },
];
const page2 = [
  {
    kind: "playbookRun",
    id: RUN_ID,
    at: "2026-06-01T09:00:00.000Z",
    playbookId: RUN_ID,
    playbookName: { ja: "オンボーディング", en: "Onboarding" },
    status: "completed",
    steps: [],
    startedBy: null,
    finishedAt: null,
  },
];

const settings = {
  "GET /api/v1/settings/phases": () => ({
    mode: "manual",
    custom: true,
    phases: [
      { key: "onboarding", name: { ja: "導入", en: "Onboarding" }, exitCriteria: [] },
      { key: "adoption", name: { ja: "活用", en: "Adoption" }, exitCriteria: [] },
    ],
  }),
  "GET /api/v1/settings/maturity-models": () => ({ models: [] }),
  "GET /api/v1/users": () => ({
    data: [
      { userId: "u1", name: "管理者", email: "a@example.com", role: "admin", memberSince: "" },
      { userId: "u2", name: "佐藤 花子", email: "s@example.com", role: "csm", memberSince: "" },
    ],
  }),
};

type Calls = ReturnType<typeof stubFetch>;

/** The timeline answers page 1, then page 2 for its cursor. */
const stubTimeline = (extra: Record<string, (body: unknown) => unknown> = {}) => {
  const calls: Calls = stubFetch({
    ...settings,
    [TIMELINE]: () => {
      const url = new URL(calls.at(-1)?.url ?? "", "http://localhost");
      return url.searchParams.get("cursor") === "c2"
        ? { data: page2, nextCursor: null }
        : { data: page1, nextCursor: "c2" };
    },
    ...extra,
  });
  return calls;
};

describe("TimelinePanel", () => {
  beforeEach(async () => {
    await i18n.changeLanguage("ja");
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("shows each kind as one line in words, bodies as plain text, and loads more", async () => {
    const calls = stubTimeline();
    renderWithQueries(<TimelinePanel accountId={ACCOUNT_ID} />);
    expect(await screen.findByText("ヘルスが 緑 → 赤 に変化")).toBeTruthy();
    expect(await screen.findByText("フェーズが 導入 → 活用 に変化")).toBeTruthy();
    expect(screen.getByText("管理者 がメモを追加")).toBeTruthy();
    // The mention by its current name; markdown and line breaks kept as text.
    expect(screen.getByText("@佐藤 花子")).toBeTruthy();
    expect(screen.getByText(/次回は来週/)).toBeTruthy();
    expect(document.body.textContent).not.toContain("healthBand");
    expect(document.body.textContent).not.toContain("@[Sato]");

    fireEvent.click(screen.getByRole("button", { name: "さらに表示" }));
    expect(await screen.findByText("プレイブック「オンボーディング」を実行完了")).toBeTruthy();
    await waitFor(() => expect(screen.queryByRole("button", { name: "さらに表示" })).toBeNull());
    const timelineCalls = calls.filter((call) => call.url.includes("/timeline"));
    expect(new URL(timelineCalls.at(-1)?.url ?? "", "http://x").searchParams.get("cursor")).toBe(
      "c2",
    );
  });

  it("filters by kind", async () => {
    const calls = stubTimeline();
    renderWithQueries(<TimelinePanel accountId={ACCOUNT_ID} />);
    await screen.findByText("ヘルスが 緑 → 赤 に変化");
    fireEvent.click(screen.getByRole("checkbox", { name: "メモ" }));
    fireEvent.click(screen.getByRole("checkbox", { name: "電話" }));
    await waitFor(() => {
      const last = calls.filter((call) => call.url.includes("/timeline")).at(-1);
      expect(new URL(last?.url ?? "", "http://x").searchParams.get("kind")).toBe("note,call");
    });
    fireEvent.click(screen.getByRole("checkbox", { name: "すべて" }));
    await waitFor(() => {
      const last = calls.filter((call) => call.url.includes("/timeline")).at(-1);
      expect(new URL(last?.url ?? "", "http://x").searchParams.get("kind")).toBeNull();
    });
  });

  it("adds a note with a mention and reads the timeline again", async () => {
    const calls = stubTimeline({
      [`POST /api/v1/accounts/${ACCOUNT_ID}/notes`]: (body) => ({
        ...page1[2],
        body: (body as { body: string }).body,
      }),
    });
    // The members are known before the picker opens.
    renderWithQueries(<TimelinePanel accountId={ACCOUNT_ID} />, {
      data: [[userKeys.all, settings["GET /api/v1/users"]()]],
    });
    await screen.findByText("ヘルスが 緑 → 赤 に変化");
    const textarea = screen.getByRole("textbox", { name: "メモ" });
    fireEvent.change(textarea, { target: { value: "来週デモ" } });
    const picker = screen.getByRole("combobox", { name: "メンバーをメンション" });
    fireEvent.focus(picker);
    fireEvent.click(picker);
    const options = await screen.findAllByRole("option", { hidden: true });
    fireEvent.click(options.find((option) => option.textContent === "佐藤 花子") as HTMLElement);
    expect((textarea as HTMLTextAreaElement).value).toBe("来週デモ @[佐藤 花子](u2) ");
    const before = calls.filter((call) => call.url.includes("/timeline")).length;
    fireEvent.click(screen.getByRole("button", { name: "メモを追加" }));
    await waitFor(() => expect(calls.some((call) => call.method === "POST")).toBe(true));
    expect(calls.find((call) => call.method === "POST")?.body).toEqual({
      body: "来週デモ @[佐藤 花子](u2) ",
    });
    await waitFor(() =>
      expect(calls.filter((call) => call.url.includes("/timeline")).length).toBeGreaterThan(before),
    );
  });

  it("asks for a body before sending a note", async () => {
    const calls = stubTimeline();
    renderWithQueries(<TimelinePanel accountId={ACCOUNT_ID} />);
    await screen.findByText("ヘルスが 緑 → 赤 に変化");
    fireEvent.click(screen.getByRole("button", { name: "メモを追加" }));
    expect(await screen.findByText("内容を入力してください")).toBeTruthy();
    expect(calls.some((call) => call.method === "POST")).toBe(false);
  });

  it("shows a viewer the timeline without the composer or delete buttons", async () => {
    stubTimeline();
    renderWithQueries(<TimelinePanel accountId={ACCOUNT_ID} />, { role: "viewer" });
    await screen.findByText("ヘルスが 緑 → 赤 に変化");
    expect(screen.queryByRole("textbox", { name: "メモ" })).toBeNull();
    expect(screen.queryByRole("button", { name: "電話・会議を記録" })).toBeNull();
    expect(screen.queryByRole("button", { name: "削除" })).toBeNull();
  });

  it("lets the author delete their note", async () => {
    const noteId = page1[2]?.id;
    const calls = stubTimeline({
      [`DELETE /api/v1/accounts/${ACCOUNT_ID}/notes/${noteId}`]: () =>
        new Response(null, { status: 204 }),
    });
    renderWithQueries(<TimelinePanel accountId={ACCOUNT_ID} />, { role: "csm" });
    await screen.findByText("管理者 がメモを追加");
    fireEvent.click(screen.getByRole("button", { name: "削除" }));
    const dialog = await screen.findByRole("dialog", { name: "この記録を削除しますか？" });
    fireEvent.click(within(dialog).getByRole("button", { name: "削除" }));
    await waitFor(() => expect(calls.some((call) => call.method === "DELETE")).toBe(true));
  });

  it("writes in English too", async () => {
    await i18n.changeLanguage("en");
    stubTimeline();
    renderWithQueries(<TimelinePanel accountId={ACCOUNT_ID} />);
    expect(await screen.findByText("Health changed from Green to Red")).toBeTruthy();
    expect(await screen.findByText("Phase changed from Onboarding to Adoption")).toBeTruthy();
  });
});

describe("LogInteractionModal", () => {
  beforeEach(async () => {
    await i18n.changeLanguage("ja");
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("logs a meeting with its subject and time", async () => {
    const calls = stubFetch({
      ...settings,
      [`POST /api/v1/accounts/${ACCOUNT_ID}/interactions`]: (body) => ({
        kind: "meeting",
        id: "x",
        at: "2026-06-01T00:00:00.000Z",
        subject: null,
        body: "",
        mentions: [],
        author: null,
        source: "interaction",
        plan: null,
        audience: null,
        decisions: null,
        ...(body as object),
      }),
    });
    const onClose = vi.fn();
    renderWithQueries(<LogInteractionModal accountId={ACCOUNT_ID} opened onClose={onClose} />);
    const dialog = await screen.findByRole("dialog", { name: "メモ・電話・会議を記録" });
    fireEvent.click(within(dialog).getByRole("radio", { name: "会議" }));
    fireEvent.change(within(dialog).getByLabelText("件名"), { target: { value: "定例会" } });
    fireEvent.change(within(dialog).getByLabelText("日時"), {
      target: { value: "2026-01-05T10:00" },
    });
    fireEvent.click(within(dialog).getByRole("button", { name: "記録する" }));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    const sent = calls.find((call) => call.method === "POST");
    expect(sent?.body).toEqual({
      kind: "meeting",
      subject: "定例会",
      body: "",
      occurredAt: new Date("2026-01-05T10:00").toISOString(),
    });
  });

  it("asks for a subject or notes", async () => {
    const calls = stubFetch(settings);
    renderWithQueries(<LogInteractionModal accountId={ACCOUNT_ID} opened onClose={vi.fn()} />);
    const dialog = await screen.findByRole("dialog", { name: "メモ・電話・会議を記録" });
    fireEvent.click(within(dialog).getByRole("button", { name: "記録する" }));
    expect(await within(dialog).findByText("件名か内容を入力してください")).toBeTruthy();
    expect(calls.some((call) => call.method === "POST")).toBe(false);
  });

  it("adds a note too, for the work queue", async () => {
    const calls = stubFetch({
      ...settings,
      [`POST /api/v1/accounts/${ACCOUNT_ID}/notes`]: (body) => ({
        ...page1[2],
        ...(body as object),
      }),
    });
    const onClose = vi.fn();
    renderWithQueries(
      <LogInteractionModal accountId={ACCOUNT_ID} opened onClose={onClose} initialKind="note" />,
    );
    const dialog = await screen.findByRole("dialog", { name: "メモ・電話・会議を記録" });
    expect(within(dialog).queryByLabelText("件名")).toBeNull();
    fireEvent.change(within(dialog).getByLabelText("内容"), { target: { value: "折り返し待ち" } });
    fireEvent.click(within(dialog).getByRole("button", { name: "記録する" }));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(calls.find((call) => call.method === "POST")?.body).toEqual({ body: "折り返し待ち" });
  });
});
