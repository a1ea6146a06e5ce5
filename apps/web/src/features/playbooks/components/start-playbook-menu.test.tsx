import { fireEvent, screen, waitFor } from "@testing-library/react";
import i18n from "i18next";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { renderInRouter } from "../../cs-settings/test-utils";
import { healthRed, playbookRecord, stubApi } from "../test-fixtures";
import { StartPlaybookMenu } from "./start-playbook-menu";

const accountId = "22222222-2222-4222-8222-222222222222";
const live = playbookRecord();
const paused = playbookRecord({
  id: "55555555-5555-4555-8555-555555555555",
  definition: { ...healthRed, name: { ja: "止めてあるもの", en: "Paused one" }, paused: true },
});

describe("StartPlaybookMenu", () => {
  beforeEach(async () => {
    await i18n.changeLanguage("ja");
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("lists the live playbooks and starts the chosen one on the account", async () => {
    const requests = stubApi(({ method, path }) => {
      if (path === "/api/v1/playbooks") return { body: { data: [live, paused] } };
      if (method === "POST" && path.endsWith("/start")) {
        return { status: 202, body: { runId: "44444444-4444-4444-8444-444444444444" } };
      }
      return undefined;
    });
    await renderInRouter(() => <StartPlaybookMenu accountId={accountId} />);
    fireEvent.click(screen.getByRole("button", { name: "プレイブックを開始" }));
    const item = await screen.findByRole("menuitem", { name: "ヘルス赤への対応" });
    expect(screen.queryByRole("menuitem", { name: "止めてあるもの" })).toBeNull();
    fireEvent.click(item);
    await waitFor(() =>
      expect(requests.find((request) => request.path.endsWith("/start"))).toMatchObject({
        path: `/api/v1/playbooks/${live.id}/start`,
        body: { accountId },
      }),
    );
  });
});
