import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import i18n from "i18next";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { renderInRouter } from "../../cs-settings/test-utils";
import { type DryRunResult, playbookKeys } from "../playbooks.queries";
import { playbookRecord, stubApi } from "../test-fixtures";
import { PlaybookPage, type PlaybookTab } from "./playbook-page";

const playbook = playbookRecord();
const account = { id: "22222222-2222-4222-8222-222222222222", name: "株式会社みち物流" };

const renderPage = (tab: PlaybookTab, role: "admin" | "viewer" = "admin") =>
  renderInRouter(
    () => (
      <PlaybookPage
        playbookId={playbook.id}
        tab={tab}
        onTabChange={() => {}}
        onDeleted={() => {}}
      />
    ),
    { role, data: [[playbookKeys.detail(playbook.id), playbook]] },
  );

describe("PlaybookPage: the editor", () => {
  beforeEach(async () => {
    await i18n.changeLanguage("ja");
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("sends the whole definition and shows a server problem at its field", async () => {
    const requests = stubApi(({ method }) =>
      method === "PATCH"
        ? {
            status: 422,
            body: {
              type: "about:blank",
              title: "Validation failed",
              status: 422,
              code: "validation-failed",
              errors: [
                {
                  pointer: "/definition/steps/0/title/ja",
                  code: "template-unknown-field",
                  params: { field: "account.nam" },
                  message: "names a field Michi does not know: account.nam",
                },
                {
                  pointer: "/definition/trigger/to/0",
                  message: "must be one of the bands",
                },
              ],
            },
          }
        : undefined,
    );
    await renderPage("edit");
    const step = screen.getByRole("listitem", { name: "ステップ 1" });
    const title = within(step).getByLabelText("タスク名（日本語）");
    fireEvent.change(title, { target: { value: "{{account.nam}} を確認" } });
    fireEvent.click(screen.getByRole("button", { name: "保存" }));

    const patch = await waitFor(() => {
      const found = requests.find((request) => request.method === "PATCH");
      expect(found).toBeTruthy();
      return found;
    });
    expect(patch?.body).toMatchObject({
      definition: {
        name: { ja: "ヘルス赤への対応", en: "Health turned red" },
        trigger: { kind: "healthBandChanged", to: ["red"] },
        steps: [
          { kind: "createTask", title: { ja: "{{account.nam}} を確認" } },
          { kind: "wait", days: 7 },
          { kind: "stopIf", condition: { field: "healthBand", in: ["yellow", "green"] } },
        ],
      },
    });
    // At the Japanese title of step 1, in words; the band problem at the band chips.
    expect(await within(step).findByText("Michi にない項目です: account.nam")).toBeTruthy();
    expect(screen.getByText("must be one of the bands")).toBeTruthy();
  });

  it("shows a JSON mistake in the conditions at the field, without sending", async () => {
    const requests = stubApi(() => undefined);
    await renderPage("edit");
    fireEvent.change(screen.getByLabelText("条件(JSON)"), { target: { value: "{ field: " } });
    fireEvent.click(screen.getByRole("button", { name: "保存" }));
    expect(await screen.findByText(/JSON として読めません/)).toBeTruthy();
    expect(requests.some((request) => request.method === "PATCH")).toBe(false);
  });

  it("lets a viewer read the playbook but not save it", async () => {
    stubApi(() => undefined);
    await renderPage("edit", "viewer");
    expect(screen.getByText(/変更できるのは管理者とマネージャーです/)).toBeTruthy();
    expect(screen.queryByRole("button", { name: "保存" })).toBeNull();
  });
});

describe("PlaybookPage: trying it on an account", () => {
  beforeEach(async () => {
    await i18n.changeLanguage("ja");
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  const pickAccount = async () => {
    // The label names the input and its list of options: the input.
    const input = screen
      .getAllByLabelText("顧客")
      .find((element) => element instanceof HTMLInputElement) as HTMLInputElement;
    fireEvent.click(input);
    fireEvent.change(input, { target: { value: "みち" } });
    fireEvent.click(await screen.findByRole("option", { name: account.name, hidden: true }));
  };

  it("words why it would not fire and each action it would take", async () => {
    const result: DryRunResult = {
      fires: false,
      skipped: { reason: "coolingDown", until: "2026-12-20" },
      actions: [
        {
          stepIndex: 0,
          on: "2026-12-07",
          provisional: false,
          kind: "createTask",
          title: "株式会社みち物流: 状況を確認する",
          owner: { userId: "u1" },
          dueDate: "2026-12-09",
        },
        {
          stepIndex: 1,
          on: "2026-12-07",
          provisional: false,
          kind: "wait",
          days: 7,
          until: "2026-12-14",
        },
        {
          stepIndex: 2,
          on: "2026-12-14",
          provisional: true,
          kind: "stopIf",
          holds: false,
          conditions: { holds: false, parts: [] } as never,
        },
      ],
    };
    const requests = stubApi(({ method, path }) =>
      method === "POST" && path.endsWith("/dry-run") ? { body: result } : undefined,
    );
    await renderPage("try");
    await pickAccount();
    fireEvent.click(screen.getByRole("button", { name: "試す" }));
    expect(await screen.findByText("この顧客ではいま動きません。")).toBeTruthy();
    expect(screen.getByText(/2026\/12\/20までクールダウン中です/)).toBeTruthy();
    const actions = screen.getByRole("list", { name: "すること" });
    expect(
      within(actions).getByText(
        "タスク「株式会社みち物流: 状況を確認する」を佐藤 花子に、期限 2026/12/09",
      ),
    ).toBeTruthy();
    expect(within(actions).getByText("7日待つ(2026/12/14まで)")).toBeTruthy();
    expect(within(actions).getByText("続けます: ヘルスが黄または緑ではありません")).toBeTruthy();
    expect(requests.find((request) => request.path.endsWith("/dry-run"))?.body).toEqual({
      accountId: account.id,
    });
  });

  it("starts the playbook on the chosen account", async () => {
    const requests = stubApi(({ method, path }) =>
      method === "POST" && path.endsWith("/start")
        ? { status: 202, body: { runId: "44444444-4444-4444-8444-444444444444" } }
        : undefined,
    );
    await renderPage("try");
    await pickAccount();
    fireEvent.click(screen.getByRole("button", { name: "この顧客で開始" }));
    await waitFor(() =>
      expect(requests.find((request) => request.path.endsWith("/start"))).toMatchObject({
        path: `/api/v1/playbooks/${playbook.id}/start`,
        body: { accountId: account.id },
      }),
    );
  });
});

describe("PlaybookPage: its runs", () => {
  beforeEach(async () => {
    await i18n.changeLanguage("ja");
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  const run = (id: string, status: "waiting" | "failed") => ({
    id,
    playbookId: playbook.id,
    playbookName: playbook.definition.name,
    accountId: account.id,
    accountName: account.name,
    signal: { kind: "manual" },
    status,
    steps: [
      { stepIndex: 0, kind: "createTask", outcome: "done", at: "2026-12-07T00:00:00.000Z" },
      status === "failed"
        ? {
            stepIndex: 1,
            kind: "callWebhook",
            outcome: "failed",
            at: "2026-12-07T00:00:00.000Z",
            detail: "answered 500",
          }
        : {
            stepIndex: 1,
            kind: "sendEmail",
            outcome: "skipped",
            at: "2026-12-07T00:00:00.000Z",
            detail: "noEmail",
          },
    ],
    error: status === "failed" ? "step 2 failed: answered 500" : null,
    resumeAt: status === "waiting" ? "2026-12-14T00:00:00.000Z" : null,
    startedByUserId: "u1",
    createdAt: "2026-12-07T00:00:00.000Z",
    finishedAt: null,
  });

  it("lists runs with their status and steps in words, and loads more by cursor", async () => {
    const requests = stubApi(({ path }) => {
      if (!path.startsWith("/api/v1/playbook-runs")) return undefined;
      return path.includes("cursor=")
        ? { body: { data: [run("r2", "failed")], nextCursor: null } }
        : { body: { data: [run("r1", "waiting")], nextCursor: "next-page" } };
    });
    await renderPage("runs");
    const table = await screen.findByRole("table", { name: "実行履歴" });
    expect(within(table).getByText("待機中")).toBeTruthy();
    expect(within(table).getByLabelText("ステップ 1: タスクを作る、完了")).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "さらに読み込む" }));
    expect(
      within(table).getByLabelText(
        "ステップ 2: メールを送る、スキップ(メールアドレスがありません)",
      ),
    ).toBeTruthy();
    expect(await within(table).findByText("失敗")).toBeTruthy();
    expect(within(table).getByText("ステップ 2 が失敗しました")).toBeTruthy();
    expect(
      requests
        .filter((request) => request.path.startsWith("/api/v1/playbook-runs"))
        .map((r) => r.path),
    ).toEqual([
      `/api/v1/playbook-runs?playbookId=${playbook.id}`,
      `/api/v1/playbook-runs?playbookId=${playbook.id}&cursor=next-page`,
    ]);
  });
});
