import type { Phase } from "@michi/core";
import {
  createMemoryHistory,
  createRootRoute,
  createRouter,
  RouterProvider,
} from "@tanstack/react-router";
import { fireEvent, screen, waitFor } from "@testing-library/react";
import i18n from "i18next";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { PhasesAnswer } from "../cs-settings.queries";
import { renderWithQueries, stubFetch } from "../test-utils";
import { PhasesEditor } from "./phases-panel";

const t = (key: string) => i18n.t(key as never) as string;

const phases: Phase[] = [
  { key: "onboarding", name: "導入", exitCriteria: [] },
  { key: "operation", name: "運用", exitCriteria: [] },
];
const answer: PhasesAnswer = {
  phases,
  mode: "propose",
  custom: true,
  accountsByPhase: { onboarding: 3, operation: 1 },
};

/** The editor links to the print view, so it needs a router around it. */
const renderEditor = () => {
  const rootRoute = createRootRoute({ component: () => <PhasesEditor answer={answer} /> });
  const router = createRouter({
    routeTree: rootRoute,
    history: createMemoryHistory({ initialEntries: ["/"] }),
  });
  return renderWithQueries(<RouterProvider router={router} />);
};

describe("PhasesEditor", () => {
  beforeEach(async () => {
    await i18n.changeLanguage("ja");
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("sends the phases without the removed one and the mode, and shows the server's refusal", async () => {
    const calls = stubFetch({
      "PUT /api/v1/settings/phases": () =>
        new Response(
          JSON.stringify({
            type: "about:blank",
            title: "Conflict",
            status: 409,
            detail: 'The phase "onboarding" still holds 3 accounts.',
          }),
          { status: 409, headers: { "content-type": "application/problem+json" } },
        ),
    });
    renderEditor();
    fireEvent.click(await screen.findByLabelText(`導入: ${t("csSettings.remove")}`));
    fireEvent.click(screen.getByLabelText(t("csSettings.phases.modeAuto")));
    fireEvent.click(screen.getByText(t("common.save")));

    await screen.findByText('The phase "onboarding" still holds 3 accounts.');
    await waitFor(() => expect(calls.filter((call) => call.method === "PUT")).toHaveLength(1));
    expect(calls.find((call) => call.method === "PUT")?.body).toEqual({
      phases: [{ key: "operation", name: "運用", exitCriteria: [] }],
      mode: "auto",
    });
  }, 60_000);
});
