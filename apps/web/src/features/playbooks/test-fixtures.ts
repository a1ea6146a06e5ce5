import { type Playbook, playbookSchema } from "@michi/core";
import { vi } from "vitest";
import type { PlaybookRecord } from "./playbooks.queries";

/* Playbooks and a stubbed API for the feature's tests. */

export const healthRed: Playbook = playbookSchema.parse({
  name: { ja: "ヘルス赤への対応", en: "Health turned red" },
  trigger: { kind: "healthBandChanged", to: ["red"] },
  steps: [
    {
      kind: "createTask",
      title: { ja: "{{account.name}}: 状況を確認する", en: "{{account.name}}: check in" },
      owner: { kind: "accountOwner" },
      dueInBusinessDays: 2,
    },
    { kind: "wait", days: 7 },
    { kind: "stopIf", condition: { field: "healthBand", in: ["yellow", "green"] } },
  ],
});

export const playbookRecord = (overrides: Partial<PlaybookRecord> = {}): PlaybookRecord => ({
  id: "11111111-1111-4111-8111-111111111111",
  definition: healthRed,
  templateKey: "health-red-high-touch",
  createdAt: "2026-12-01T00:00:00.000Z",
  updatedAt: "2026-12-01T00:00:00.000Z",
  runs: { total: 4, lastAt: "2026-12-05T03:00:00.000Z" },
  ...overrides,
});

export type Recorded = { method: string; path: string; body: unknown };
type Answer = { status?: number; body: unknown };
export type Handler = (request: Recorded) => Answer | undefined;

/**
 * fetch answering from `handler` (then the phases, the users and the
 * accounts every page asks for); every request is recorded.
 */
export const stubApi = (handler: Handler) => {
  const requests: Recorded[] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      const request = new Request(
        new URL(String(input instanceof Request ? input.url : input), "http://localhost"),
        init,
      );
      const url = new URL(request.url);
      const text = request.method === "GET" ? "" : await request.text();
      const recorded: Recorded = {
        method: request.method,
        path: url.pathname + url.search,
        body: text ? JSON.parse(text) : null,
      };
      requests.push(recorded);
      const answer = handler(recorded) ?? fallback(url.pathname);
      const status = answer.status ?? 200;
      return new Response(status === 204 ? null : JSON.stringify(answer.body), {
        status,
        headers: {
          "content-type": status >= 400 ? "application/problem+json" : "application/json",
        },
      });
    }),
  );
  return requests;
};

const fallback = (pathname: string): Answer => {
  if (pathname === "/api/v1/settings/phases") {
    return {
      body: {
        phases: [{ key: "onboarding", name: { ja: "導入", en: "Onboarding" }, exitCriteria: [] }],
        mode: "propose",
      },
    };
  }
  if (pathname === "/api/v1/users") {
    return {
      body: {
        data: [{ userId: "u1", name: "佐藤 花子", email: "sato@example.com", role: "csm" }],
      },
    };
  }
  if (pathname === "/api/v1/accounts") {
    return {
      body: {
        data: [{ id: "22222222-2222-4222-8222-222222222222", name: "株式会社みち物流" }],
        nextCursor: null,
      },
    };
  }
  return { status: 404, body: { title: "Not Found", status: 404 } };
};
