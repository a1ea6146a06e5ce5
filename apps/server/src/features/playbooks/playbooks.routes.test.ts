import { findPlaybookTemplate } from "@michi/core";
import { beforeAll, describe, expect, it } from "vitest";
import {
  buildUser,
  buildWorkspace,
  call,
  createTestContext,
  type TestContext,
} from "../../test/context";

let ctx: TestContext;
let workspaceId: string;
let manager: Awaited<ReturnType<typeof buildUser>>;
let csm: Awaited<ReturnType<typeof buildUser>>;

beforeAll(async () => {
  ctx = await createTestContext();
  workspaceId = (await buildWorkspace(ctx)).id;
  manager = await buildUser(ctx, { workspaceId, role: "manager" });
  csm = await buildUser(ctx, { workspaceId, role: "csm" });
});

const redTemplate = () => {
  const template = findPlaybookTemplate("health-red-high-touch");
  if (!template) throw new Error("the health-turns-red template is missing");
  return template;
};

describe("playbooks API", () => {
  it("lists the shipped templates", async () => {
    const res = await call(ctx, "GET", "/api/v1/playbook-templates", { headers: csm.headers });
    expect(res.status).toBe(200);
    const keys = res.json.data.map((t: { key: string }) => t.key);
    expect(keys).toContain("health-red-high-touch");
    expect(keys.length).toBeGreaterThanOrEqual(8);
  });

  it("makes a playbook from a template, pauses it, changes it and removes it", async () => {
    const template = redTemplate();
    const created = await call(ctx, "POST", "/api/v1/playbooks", {
      headers: manager.headers,
      body: { definition: template.playbook, templateKey: template.key },
    });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({
      templateKey: template.key,
      definition: { trigger: template.playbook.trigger, paused: false },
      runs: { total: 0, lastAt: null },
    });
    const url = `/api/v1/playbooks/${created.json.id}`;

    const paused = await call(ctx, "PATCH", url, {
      headers: manager.headers,
      body: { paused: true },
    });
    expect(paused.status).toBe(200);
    expect(paused.json.definition.paused).toBe(true);

    const renamed = await call(ctx, "PATCH", url, {
      headers: manager.headers,
      body: { definition: { ...template.playbook, name: "赤になったら電話", coolDownDays: 14 } },
    });
    expect(renamed.status).toBe(200);
    expect(renamed.json.definition).toMatchObject({ name: "赤になったら電話", coolDownDays: 14 });

    const listed = await call(ctx, "GET", "/api/v1/playbooks", { headers: csm.headers });
    expect(listed.json.data.map((p: { id: string }) => p.id)).toContain(created.json.id);

    expect((await call(ctx, "DELETE", url, { headers: manager.headers })).status).toBe(204);
    expect((await call(ctx, "GET", url, { headers: csm.headers })).status).toBe(404);
    expect((await call(ctx, "DELETE", url, { headers: manager.headers })).status).toBe(404);
  });

  it("refuses a csm's change and a playbook with problems, naming each", async () => {
    const template = redTemplate();
    const byCsm = await call(ctx, "POST", "/api/v1/playbooks", {
      headers: csm.headers,
      body: { definition: template.playbook },
    });
    expect(byCsm.status).toBe(403);

    const bad = await call(ctx, "POST", "/api/v1/playbooks", {
      headers: manager.headers,
      body: {
        definition: {
          name: "bad",
          trigger: { kind: "phaseChanged", to: ["no-such-phase"] },
          steps: [
            {
              kind: "createTask",
              title: "{{account.nope}}",
              owner: { kind: "accountOwner" },
              dueInBusinessDays: 2,
            },
          ],
        },
      },
    });
    expect(bad.status).toBe(422);
    expect(bad.headers.get("content-type")).toContain("application/problem+json");
    expect(bad.json.errors).toEqual([
      expect.objectContaining({
        pointer: "/definition/steps/0/title",
        code: "template-unknown-field",
        params: { field: "account.nope" },
      }),
    ]);

    const unknownPhase = await call(ctx, "POST", "/api/v1/playbooks", {
      headers: manager.headers,
      body: {
        definition: {
          name: "phase",
          trigger: { kind: "phaseChanged", to: ["no-such-phase"] },
          steps: [{ kind: "addNote", body: "moved" }],
        },
      },
    });
    expect(unknownPhase.status).toBe(422);
    expect(unknownPhase.json.errors).toEqual([
      expect.objectContaining({
        pointer: "/definition/trigger/to/0",
        code: "unknown-phase",
        params: { phaseKey: "no-such-phase" },
      }),
    ]);

    const badTemplateKey = await call(ctx, "POST", "/api/v1/playbooks", {
      headers: manager.headers,
      body: { definition: template.playbook, templateKey: "nope" },
    });
    expect(badTemplateKey.status).toBe(422);
  });

  it("pages runs and refuses a tampered cursor", async () => {
    const res = await call(ctx, "GET", "/api/v1/playbook-runs", { headers: csm.headers });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ data: [], nextCursor: null });
    const bad = await call(ctx, "GET", "/api/v1/playbook-runs?cursor=xyz", {
      headers: csm.headers,
    });
    expect(bad.status).toBe(400);
  });
});
