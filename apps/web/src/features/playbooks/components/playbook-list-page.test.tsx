import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import i18n from "i18next";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { renderInRouter } from "../../cs-settings/test-utils";
import { healthRed, playbookRecord, stubApi } from "../test-fixtures";
import { PlaybookListPage } from "./playbook-list-page";

const playbook = playbookRecord();
const created = playbookRecord({ id: "33333333-3333-4333-8333-333333333333" });

describe("PlaybookListPage", () => {
  beforeEach(async () => {
    await i18n.changeLanguage("ja");
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("lists each playbook with its trigger in words, its steps and its runs", async () => {
    stubApi(({ path }) =>
      path === "/api/v1/playbooks" ? { body: { data: [playbook] } } : undefined,
    );
    await renderInRouter(() => <PlaybookListPage onOpen={() => {}} />);
    const table = await screen.findByRole("table", { name: "プレイブック" });
    const row = within(table).getByText("ヘルス赤への対応").closest("tr") as HTMLElement;
    expect(within(row).getByText("ヘルスが赤になったとき")).toBeTruthy();
    expect(within(row).getByText("3 ステップ")).toBeTruthy();
    expect(within(row).getByText("4")).toBeTruthy();
  });

  it("pauses a playbook with its switch", async () => {
    const requests = stubApi(({ method, path }) => {
      if (path === "/api/v1/playbooks") return { body: { data: [playbook] } };
      if (method === "PATCH") {
        return { body: { ...playbook, definition: { ...healthRed, paused: true } } };
      }
      return undefined;
    });
    await renderInRouter(() => <PlaybookListPage onOpen={() => {}} />);
    fireEvent.click(await screen.findByRole("switch", { name: "稼働: ヘルス赤への対応" }));
    await waitFor(() =>
      expect(requests.find((request) => request.method === "PATCH")).toMatchObject({
        path: `/api/v1/playbooks/${playbook.id}`,
        body: { paused: true },
      }),
    );
  });

  it("shows a viewer whether each is on, without a switch or a New button", async () => {
    stubApi(({ path }) =>
      path === "/api/v1/playbooks" ? { body: { data: [playbook] } } : undefined,
    );
    await renderInRouter(() => <PlaybookListPage onOpen={() => {}} />, { role: "viewer" });
    expect(await screen.findByText("稼働中")).toBeTruthy();
    expect(screen.queryByRole("switch")).toBeNull();
    expect(screen.queryByRole("button", { name: "新しいプレイブック" })).toBeNull();
  });

  it("makes a playbook from a template at once and opens it", async () => {
    const requests = stubApi(({ method, path }) => {
      if (path === "/api/v1/playbook-templates") {
        return {
          body: {
            data: [
              {
                key: "health-red-high-touch",
                summary: { ja: "ヘルスが赤になったら担当者が動きます。", en: "When red, act." },
                playbook: healthRed,
              },
            ],
          },
        };
      }
      if (path === "/api/v1/playbooks" && method === "POST") return { status: 201, body: created };
      if (path === "/api/v1/playbooks") return { body: { data: [] } };
      return undefined;
    });
    const onOpen = vi.fn();
    await renderInRouter(() => <PlaybookListPage onOpen={onOpen} />);
    fireEvent.click(await screen.findByRole("button", { name: "新しいプレイブック" }));
    const dialog = await screen.findByRole("dialog");
    // The card words the trigger and each step.
    expect(await within(dialog).findByText("ヘルスが赤になったとき")).toBeTruthy();
    expect(within(dialog).getByText("7日待つ")).toBeTruthy();
    expect(within(dialog).getByText("ヘルスが黄または緑なら止める")).toBeTruthy();
    fireEvent.click(
      within(dialog).getByRole("button", { name: "テンプレート「ヘルス赤への対応」を使う" }),
    );
    await waitFor(() => expect(onOpen).toHaveBeenCalledWith(created.id));
    expect(requests.find((request) => request.method === "POST")?.body).toEqual({
      definition: healthRed,
      templateKey: "health-red-high-touch",
    });
  });
});
