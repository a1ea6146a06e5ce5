import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { addCalendarDays, type PlaybookInput } from "@michi/core";
import { addBusinessDays } from "@michi/core/playbook-runs";
import { and, eq } from "drizzle-orm";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  accountEvents,
  accountInteractions,
  accounts,
  accountTasks,
  playbookRuns,
} from "../../db/schema";
import { jobNames, michiJobs } from "../../jobs/michi-jobs";
import { createOutboundMailer, type OutboundMailer } from "../../lib/outbound/mail";
import { verifyUnsubscribeToken } from "../../lib/outbound/unsubscribe-token";
import { upsertHealthScores } from "../../recompute/health-scores.queries";
import { healthScoreLine } from "../../recompute/score-lines";
import { buildAccount, buildContact, buildContract } from "../../seed/factories";
import {
  buildUser,
  buildWorkspace,
  call,
  createTestContext,
  TEST_SECRET,
  type TestContext,
} from "../../test/context";
import { insertAccountEvent } from "./account-events.queries";
import { dispatchAccountEvents } from "./playbook-dispatcher";
import { dryRunPlaybook, startPlaybookManually } from "./playbook-engine";
import { type RunnerDeps, runDuePlaybookRuns } from "./playbook-runner";
import { insertPlaybook } from "./playbooks.queries";

let ctx: TestContext;

beforeAll(async () => {
  ctx = await createTestContext();
});

const DAY_MS = 24 * 60 * 60 * 1000;
const today = new Date().toISOString().slice(0, 10);

const notConfigured = createOutboundMailer(undefined);

const depsWith = (overrides: Partial<RunnerDeps> = {}): RunnerDeps => ({
  mailer: notConfigured,
  baseURL: ctx.baseURL,
  authSecret: TEST_SECRET,
  allowPrivate: true,
  // Three attempts, a minute apart: the tests move the clock instead of waiting.
  retryDelayMs: (attempt) => (attempt < 3 ? 60_000 : null),
  ...overrides,
});

/** One dispatch pass and one runner pass, at `now`. */
/** One dispatch and one runner pass over this workspace's rows (PostgreSQL is shared by files). */
const pass = async (workspaceId: string, deps: RunnerDeps, now = new Date()) => {
  await dispatchAccountEvents(ctx.db, { baseURL: deps.baseURL }, { now, workspaceId });
  await runDuePlaybookRuns(ctx.db, deps, { now, workspaceId });
};

const line = (accountId: string, score: number) =>
  healthScoreLine({
    accountId,
    score,
    band: score < 50 ? "red" : score < 75 ? "yellow" : "green",
    coverage: 1,
    measures: [],
    scorecardKey: "default",
  });

const setup = async (account: { segment?: string } = {}) => {
  const workspaceId = (await buildWorkspace(ctx)).id;
  const owner = await buildUser(ctx, { workspaceId, role: "csm", name: "担当 太郎" });
  const a = await buildAccount(ctx.db, {
    workspaceId,
    name: "株式会社サンプル",
    ownerUserId: owner.user.id,
    ...account,
  });
  return { workspaceId, owner, account: a };
};

const addPlaybook = (workspaceId: string, definition: PlaybookInput) =>
  insertPlaybook(ctx.db, { workspaceId, definition, templateKey: null, createdByUserId: null });

const callOwner: PlaybookInput["steps"][number] = {
  kind: "createTask",
  title: { ja: "{{account.name}}に電話する", en: "Call {{account.name}}" },
  owner: { kind: "accountOwner" },
  dueInBusinessDays: 2,
};

const onRed = (extra: Partial<PlaybookInput> = {}): PlaybookInput => ({
  name: "赤になったら電話",
  trigger: { kind: "healthBandChanged", to: ["red"] },
  steps: [callOwner],
  ...extra,
});

const manual = (steps: PlaybookInput["steps"]): PlaybookInput => ({
  name: "手動",
  trigger: { kind: "manual" },
  steps,
});

const tasksOf = (workspaceId: string, accountId: string) =>
  ctx.db
    .select()
    .from(accountTasks)
    .where(and(eq(accountTasks.workspaceId, workspaceId), eq(accountTasks.accountId, accountId)));

const runsOf = (workspaceId: string) =>
  ctx.db.select().from(playbookRuns).where(eq(playbookRuns.workspaceId, workspaceId));

const runOf = async (workspaceId: string, runId: string) => {
  const [run] = await ctx.db
    .select()
    .from(playbookRuns)
    .where(and(eq(playbookRuns.workspaceId, workspaceId), eq(playbookRuns.id, runId)));
  return run!;
};

const redEvent = (workspaceId: string, accountId: string, at: string) =>
  insertAccountEvent(ctx.db, {
    workspaceId,
    accountId,
    type: "account.health_band_changed",
    dedupeKey: `test-band:${accountId}:${at}`,
    data: { from: "green", to: "red" },
    signal: { kind: "healthBandChanged", accountId, at, from: "green", to: "red" },
  });

describe("the jobs", () => {
  it("are registered when the playbook settings are given", () => {
    const names = michiJobs(ctx.db, {
      dirtyIntervalSeconds: 5,
      dailyHourUtc: 2,
      playbooks: depsWith(),
    }).map((job) => job.name);
    expect(names).toEqual(
      expect.arrayContaining([
        jobNames.dispatchAccountEvents,
        jobNames.runPlaybooks,
        jobNames.playbookDailySweep,
      ]),
    );
    expect(jobNames.dispatchAccountEvents).toBe("dispatch-account-events");
    expect(jobNames.runPlaybooks).toBe("run-playbooks");
    expect(jobNames.playbookDailySweep).toBe("playbook-daily-sweep");
  });
});

describe("dispatching and running", () => {
  it("turns a band change written by the recompute into one task for the owner", async () => {
    const { workspaceId, owner, account } = await setup();
    const playbookId = await addPlaybook(workspaceId, onRed());
    const yesterday = addCalendarDays(today, -1);
    await upsertHealthScores(ctx.db, {
      workspaceId,
      day: yesterday,
      lines: [line(account.id, 90)],
    });
    await upsertHealthScores(ctx.db, { workspaceId, day: today, lines: [line(account.id, 20)] });

    const deps = depsWith();
    await pass(workspaceId, deps);
    // Again, and two at once: still one run and one task.
    await pass(workspaceId, deps);
    await Promise.all([pass(workspaceId, deps), pass(workspaceId, deps)]);

    const tasks = await tasksOf(workspaceId, account.id);
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({
      title: "株式会社サンプルに電話する",
      ownerUserId: owner.user.id,
      dueDate: addBusinessDays(today, 2),
      status: "open",
    });
    const runs = await runsOf(workspaceId);
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ playbookId, status: "completed", nextStep: 1 });
    expect(runs[0]!.steps).toMatchObject([
      { kind: "createTask", outcome: "done", ref: tasks[0]!.id },
    ]);
    expect(tasks[0]!.playbookRunId).toBe(runs[0]!.id);

    // The task and the finished run are on the account's history, once each.
    const events = await ctx.db
      .select({ type: accountEvents.type, data: accountEvents.data })
      .from(accountEvents)
      .where(
        and(eq(accountEvents.workspaceId, workspaceId), eq(accountEvents.accountId, account.id)),
      );
    expect(events.filter((e) => e.type === "task.created")).toHaveLength(1);
    const finished = events.filter((e) => e.type === "playbook.run_completed");
    expect(finished).toHaveLength(1);
    expect(finished[0]!.data).toMatchObject({
      runId: runs[0]!.id,
      playbookId,
      status: "completed",
    });
    // Every event is dispatched.
    await dispatchAccountEvents(ctx.db, { baseURL: ctx.baseURL }, { workspaceId });
    const after = await ctx.db
      .select({ dispatchedAt: accountEvents.dispatchedAt })
      .from(accountEvents)
      .where(eq(accountEvents.workspaceId, workspaceId));
    expect(after.every((e) => e.dispatchedAt !== null)).toBe(true);
  });

  it("starts no run when the conditions do not hold, or the playbook is paused", async () => {
    const { workspaceId, account } = await setup({ segment: "smb" });
    await addPlaybook(workspaceId, onRed({ conditions: { field: "segment", in: ["enterprise"] } }));
    await addPlaybook(workspaceId, onRed({ paused: true }));
    await redEvent(workspaceId, account.id, today);
    await pass(workspaceId, depsWith());
    expect(await runsOf(workspaceId)).toHaveLength(0);
    expect(await tasksOf(workspaceId, account.id)).toHaveLength(0);
  });

  it("fires when the conditions hold", async () => {
    const { workspaceId, account } = await setup({ segment: "enterprise" });
    await addPlaybook(workspaceId, onRed({ conditions: { field: "segment", in: ["enterprise"] } }));
    await redEvent(workspaceId, account.id, today);
    await pass(workspaceId, depsWith());
    expect(await tasksOf(workspaceId, account.id)).toHaveLength(1);
  });

  it("reads a metric condition as the recompute computes it (MRR from contracts)", async () => {
    const { workspaceId, account } = await setup();
    const small = await buildAccount(ctx.db, { workspaceId, name: "小口" });
    await buildContract(ctx.db, {
      workspaceId,
      accountId: account.id,
      mrrMinor: 300_000,
      startDate: addCalendarDays(today, -30),
      endDate: addCalendarDays(today, 300),
    });
    await buildContract(ctx.db, {
      workspaceId,
      accountId: small.id,
      mrrMinor: 10_000,
      startDate: addCalendarDays(today, -30),
      endDate: addCalendarDays(today, 300),
    });
    await addPlaybook(
      workspaceId,
      onRed({ conditions: { metric: "mrr", op: ">=", value: 100_000 } }),
    );
    await redEvent(workspaceId, account.id, today);
    await redEvent(workspaceId, small.id, today);
    await pass(workspaceId, depsWith());
    const runs = await runsOf(workspaceId);
    expect(runs.map((run) => run.accountId)).toEqual([account.id]);
  });

  it("keeps to the cool-down", async () => {
    const { workspaceId, account } = await setup();
    await addPlaybook(workspaceId, onRed({ coolDownDays: 30 }));
    const day1 = new Date(`${addCalendarDays(today, 1)}T09:00:00Z`);
    const day5 = new Date(`${addCalendarDays(today, 5)}T09:00:00Z`);
    const day40 = new Date(`${addCalendarDays(today, 40)}T09:00:00Z`);
    await redEvent(workspaceId, account.id, addCalendarDays(today, 1));
    await pass(workspaceId, depsWith(), day1);
    await redEvent(workspaceId, account.id, addCalendarDays(today, 5));
    await pass(workspaceId, depsWith(), day5);
    expect(await runsOf(workspaceId)).toHaveLength(1);
    await redEvent(workspaceId, account.id, addCalendarDays(today, 40));
    await pass(workspaceId, depsWith(), day40);
    expect(await runsOf(workspaceId)).toHaveLength(2);
  });

  it("waits, then continues with the facts of that day, or stops when a stop-if holds", async () => {
    const { workspaceId, account } = await setup();
    const playbookId = await addPlaybook(
      workspaceId,
      manual([
        callOwner,
        { kind: "wait", days: 3 },
        { kind: "stopIf", condition: { field: "healthBand", in: ["green"] } },
        { kind: "addNote", body: "まだ赤です: {{account.healthBand}}" },
      ]),
    );
    await upsertHealthScores(ctx.db, { workspaceId, day: today, lines: [line(account.id, 20)] });
    const t0 = new Date();
    const deps = depsWith();
    const { runId } = await startPlaybookManually(ctx.db, {
      workspaceId,
      playbookId,
      accountId: account.id,
      userId: null,
      requestId: "req-1",
      now: t0,
    });
    await runDuePlaybookRuns(ctx.db, deps, { now: t0, workspaceId });
    expect(await runOf(workspaceId, runId)).toMatchObject({ status: "waiting", nextStep: 2 });
    await runDuePlaybookRuns(ctx.db, deps, { now: new Date(t0.getTime() + DAY_MS), workspaceId });
    expect(await runOf(workspaceId, runId)).toMatchObject({ status: "waiting" });
    await runDuePlaybookRuns(ctx.db, deps, {
      now: new Date(t0.getTime() + 3 * DAY_MS + 1000),
      workspaceId,
    });
    const done = await runOf(workspaceId, runId);
    expect(done.status).toBe("completed");
    expect(done.steps.map((s) => [s.kind, s.outcome])).toEqual([
      ["createTask", "done"],
      ["wait", "done"],
      ["stopIf", "done"],
      ["addNote", "done"],
    ]);
    const notes = await ctx.db
      .select()
      .from(accountInteractions)
      .where(
        and(eq(accountInteractions.workspaceId, workspaceId), eq(accountInteractions.kind, "note")),
      );
    expect(notes.map((n) => n.body)).toEqual(["まだ赤です: 赤"]);

    // The same playbook, but the account is green when the wait is over: stopped.
    const second = await startPlaybookManually(ctx.db, {
      workspaceId,
      playbookId,
      accountId: account.id,
      userId: null,
      requestId: "req-2",
      now: t0,
    });
    await runDuePlaybookRuns(ctx.db, deps, { now: t0, workspaceId });
    await upsertHealthScores(ctx.db, { workspaceId, day: today, lines: [line(account.id, 95)] });
    await runDuePlaybookRuns(ctx.db, deps, {
      now: new Date(t0.getTime() + 3 * DAY_MS + 1000),
      workspaceId,
    });
    const stopped = await runOf(workspaceId, second.runId);
    expect(stopped.status).toBe("stopped");
    expect(stopped.steps.at(-1)).toMatchObject({ kind: "stopIf" });
    expect(await tasksOf(workspaceId, account.id)).toHaveLength(2);
  });

  it("sets fields on the account", async () => {
    const { workspaceId, account } = await setup();
    const playbookId = await addPlaybook(
      workspaceId,
      manual([
        { kind: "setField", field: "touchModel", value: "high" },
        { kind: "setField", field: "segment", value: "enterprise" },
      ]),
    );
    const { runId } = await startPlaybookManually(ctx.db, {
      workspaceId,
      playbookId,
      accountId: account.id,
      userId: null,
      requestId: "fields",
    });
    await runDuePlaybookRuns(ctx.db, depsWith(), { workspaceId });
    expect(await runOf(workspaceId, runId)).toMatchObject({ status: "completed" });
    const [row] = await ctx.db
      .select()
      .from(accounts)
      .where(and(eq(accounts.workspaceId, workspaceId), eq(accounts.id, account.id)));
    expect(row).toMatchObject({ touchModel: "high", segment: "enterprise" });
  });
});

// ── Email ───────────────────────────────────────────────────────────────────

type Received = { to: string[]; raw: string };

const startSmtp = async () => {
  const inbox: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        inbox.push({
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString("latin1"),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    inbox,
    url: `smtp://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};

describe("email steps", () => {
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let mailer: OutboundMailer;
  beforeAll(async () => {
    smtp = await startSmtp();
    mailer = createOutboundMailer({ url: smtp.url, from: "ミチ <michi@example.test>" });
  });
  afterAll(() => smtp.close());

  const emailPrimary = manual([
    {
      kind: "sendEmail",
      to: { kind: "contact", role: "primary" },
      template: {
        subject: {
          ja: "【ご案内】{{account.name}}様 ご利用状況について",
          en: "About {{account.name}}",
        },
        text: {
          ja: "{{contact.name}}様\n\nいつもお世話になっております。",
          en: "Dear {{contact.name}}",
        },
      },
    },
  ]);

  const start = async (workspaceId: string, playbookId: string, accountId: string) =>
    startPlaybookManually(ctx.db, {
      workspaceId,
      playbookId,
      accountId,
      userId: null,
      requestId: crypto.randomUUID(),
    });

  it("sends to the primary contact once, in Japanese, with an unsubscribe link", async () => {
    const { workspaceId, account } = await setup();
    const contact = await buildContact(ctx.db, {
      workspaceId,
      accountId: account.id,
      name: "田中 花子",
      email: "hanako@example.test",
    });
    const playbookId = await addPlaybook(workspaceId, emailPrimary);
    const { runId } = await start(workspaceId, playbookId, account.id);
    const deps = depsWith({ mailer });
    const before = smtp.inbox.length;
    await runDuePlaybookRuns(ctx.db, deps, { workspaceId });
    await runDuePlaybookRuns(ctx.db, deps, { workspaceId });
    expect(smtp.inbox.length).toBe(before + 1);
    const received = smtp.inbox.at(-1)!;
    expect(received.to).toEqual(["hanako@example.test"]);
    const parsed = await simpleParser(Buffer.from(received.raw, "latin1"));
    expect(parsed.subject).toBe("【ご案内】株式会社サンプル様 ご利用状況について");
    expect(parsed.text?.trim()).toBe("田中 花子様\n\nいつもお世話になっております。");
    expect(received.raw).toMatch(/List-Unsubscribe-Post: List-Unsubscribe=One-Click/i);
    // Long headers are folded: unfold before reading the link.
    const unfolded = received.raw.replace(/\r\n[ \t]+/g, "");
    const link = /List-Unsubscribe:\s*<([^>]+)>/i.exec(unfolded)?.[1];
    expect(link).toMatch(new RegExp(`^${ctx.baseURL}/unsubscribe\\?token=`));
    const token = new URL(link!).searchParams.get("token")!;
    expect(await verifyUnsubscribeToken(TEST_SECRET, token)).toEqual({
      workspaceId,
      contactId: contact.id,
    });

    const run = await runOf(workspaceId, runId);
    expect(run.status).toBe("completed");
    expect(run.steps).toMatchObject([{ kind: "sendEmail", outcome: "done" }]);
    const emails = await ctx.db
      .select()
      .from(accountInteractions)
      .where(eq(accountInteractions.workspaceId, workspaceId));
    expect(emails).toMatchObject([
      { kind: "email", emailStatus: "sent", emailTo: "hanako@example.test", playbookRunId: runId },
    ]);
  });

  it("never sends again an email whose send was cut off, and says so on the run", async () => {
    const { workspaceId, account } = await setup();
    const contact = await buildContact(ctx.db, { workspaceId, accountId: account.id });
    const playbookId = await addPlaybook(workspaceId, emailPrimary);
    const { runId } = await start(workspaceId, playbookId, account.id);
    // What a crash during the send leaves: the row, with no status.
    await ctx.db.insert(accountInteractions).values({
      workspaceId,
      accountId: account.id,
      kind: "email",
      body: "",
      playbookRunId: runId,
      emailTo: contact.email,
      dedupeKey: `run:${runId}:0:contact:${contact.id}`,
    });
    const before = smtp.inbox.length;
    await runDuePlaybookRuns(ctx.db, depsWith({ mailer }), { workspaceId });
    expect(smtp.inbox.length).toBe(before);
    const run = await runOf(workspaceId, runId);
    expect(run.status).toBe("failed");
    expect(run.steps).toMatchObject([{ kind: "sendEmail", outcome: "failed" }]);
  });

  it("skips an unsubscribed contact and sends nothing", async () => {
    const { workspaceId, account } = await setup();
    await buildContact(ctx.db, {
      workspaceId,
      accountId: account.id,
      email: "gone@example.test",
      unsubscribedAt: new Date(),
    });
    const playbookId = await addPlaybook(workspaceId, emailPrimary);
    const { runId } = await start(workspaceId, playbookId, account.id);
    const before = smtp.inbox.length;
    await runDuePlaybookRuns(ctx.db, depsWith({ mailer }), { workspaceId });
    expect(smtp.inbox.length).toBe(before);
    const run = await runOf(workspaceId, runId);
    expect(run).toMatchObject({ status: "completed" });
    expect(run.steps).toMatchObject([
      { kind: "skipEmail", outcome: "skipped", detail: "unsubscribed" },
    ]);
    const [email] = await ctx.db
      .select()
      .from(accountInteractions)
      .where(eq(accountInteractions.workspaceId, workspaceId));
    expect(email).toMatchObject({ emailStatus: "notSent", emailDetail: "unsubscribed" });
  });

  it("records 'mail is not configured' without SMTP, and no error", async () => {
    const { workspaceId, account } = await setup();
    await buildContact(ctx.db, { workspaceId, accountId: account.id });
    const playbookId = await addPlaybook(workspaceId, emailPrimary);
    const { runId } = await start(workspaceId, playbookId, account.id);
    await runDuePlaybookRuns(ctx.db, depsWith(), { workspaceId });
    const run = await runOf(workspaceId, runId);
    expect(run).toMatchObject({ status: "completed", error: null });
    expect(run.steps).toMatchObject([
      { kind: "sendEmail", outcome: "notSent", detail: "mail is not configured" },
    ]);
    const [email] = await ctx.db
      .select()
      .from(accountInteractions)
      .where(eq(accountInteractions.workspaceId, workspaceId));
    expect(email).toMatchObject({ emailStatus: "notSent", emailDetail: "mail is not configured" });
  });
});

// ── Webhooks ────────────────────────────────────────────────────────────────

const startReceiver = async (answer: (count: number) => number) => {
  const received: { headers: Record<string, unknown>; body: string }[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
      res.statusCode = answer(received.length);
      res.end("ok");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    received,
    url: `http://127.0.0.1:${port}/hook`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};

describe("webhook and chat steps", () => {
  it("tries a failed webhook again after the delay, and succeeds", async () => {
    const receiver = await startReceiver((n) => (n === 1 ? 500 : 200));
    try {
      const { workspaceId, account } = await setup();
      const playbookId = await addPlaybook(
        workspaceId,
        manual([{ kind: "callWebhook", url: receiver.url }, callOwner]),
      );
      const t0 = new Date();
      const { runId } = await startPlaybookManually(ctx.db, {
        workspaceId,
        playbookId,
        accountId: account.id,
        userId: null,
        requestId: "hook",
        now: t0,
      });
      const deps = depsWith();
      await runDuePlaybookRuns(ctx.db, deps, { now: t0, workspaceId });
      expect(await runOf(workspaceId, runId)).toMatchObject({
        status: "running",
        attempts: 1,
        nextStep: 0,
      });
      // Not yet due: nothing more is sent.
      await runDuePlaybookRuns(ctx.db, deps, { now: new Date(t0.getTime() + 30_000), workspaceId });
      expect(receiver.received).toHaveLength(1);
      await runDuePlaybookRuns(ctx.db, deps, { now: new Date(t0.getTime() + 61_000), workspaceId });
      const run = await runOf(workspaceId, runId);
      expect(run).toMatchObject({ status: "completed", attempts: 0, error: null });
      expect(run.steps.map((s) => [s.kind, s.outcome])).toEqual([
        ["callWebhook", "done"],
        ["createTask", "done"],
      ]);
      expect(receiver.received).toHaveLength(2);
      const [first, second] = receiver.received;
      expect(first!.headers["webhook-id"]).toBe(second!.headers["webhook-id"]);
      expect(JSON.parse(second!.body)).toMatchObject({
        type: "playbook.step",
        data: { account: { id: account.id }, playbook: { id: playbookId } },
      });
    } finally {
      await receiver.close();
    }
  });

  it("fails the run after the last attempt, with the error", async () => {
    const receiver = await startReceiver(() => 503);
    try {
      const { workspaceId, account } = await setup();
      const playbookId = await addPlaybook(
        workspaceId,
        manual([
          { kind: "postToChat", url: receiver.url, text: "{{account.name}} が赤です" },
          callOwner,
        ]),
      );
      const t0 = new Date();
      const { runId } = await startPlaybookManually(ctx.db, {
        workspaceId,
        playbookId,
        accountId: account.id,
        userId: null,
        requestId: "chat",
        now: t0,
      });
      const deps = depsWith();
      for (let minute = 0; minute <= 3; minute += 1) {
        await runDuePlaybookRuns(ctx.db, deps, {
          now: new Date(t0.getTime() + minute * 61_000),
          workspaceId,
        });
      }
      expect(receiver.received).toHaveLength(3);
      expect(JSON.parse(receiver.received[0]!.body)).toEqual({ text: "株式会社サンプル が赤です" });
      const run = await runOf(workspaceId, runId);
      expect(run.status).toBe("failed");
      expect(run.error).toMatch(/after 3 attempts/);
      expect(run.steps).toMatchObject([{ kind: "postToChat", outcome: "failed" }]);
      expect(await tasksOf(workspaceId, account.id)).toHaveLength(0);
      // Visible in the runs API.
      const csm = await buildUser(ctx, { workspaceId, role: "viewer" });
      const res = await call(ctx, "GET", `/api/v1/playbook-runs?accountId=${account.id}`, {
        headers: csm.headers,
      });
      expect(res.status).toBe(200);
      expect(res.json.data[0]).toMatchObject({ id: runId, status: "failed" });
    } finally {
      await receiver.close();
    }
  });
});

// ── Dry run, manual start, and their routes ─────────────────────────────────

describe("dry run and manual start", () => {
  it("a dry run answers the actions and writes nothing", async () => {
    const { workspaceId, owner, account } = await setup();
    const definition = onRed({
      steps: [callOwner, { kind: "wait", days: 7 }, callOwner],
    });
    const playbookId = await addPlaybook(workspaceId, definition);
    const { playbookSchema } = await import("@michi/core");
    const dry = await dryRunPlaybook(ctx.db, {
      workspaceId,
      playbookId,
      playbook: playbookSchema.parse(definition),
      accountId: account.id,
    });
    expect(dry.fires).toBe(true);
    expect(dry.skipped).toBeNull();
    expect(dry.actions.map((a) => [a.kind, a.provisional])).toEqual([
      ["createTask", false],
      ["wait", false],
      ["createTask", true],
    ]);
    expect(dry.actions[0]).toMatchObject({ owner: { userId: owner.user.id } });
    expect(await runsOf(workspaceId)).toHaveLength(0);
    expect(await tasksOf(workspaceId, account.id)).toHaveLength(0);

    const paused = await dryRunPlaybook(ctx.db, {
      workspaceId,
      playbookId,
      playbook: playbookSchema.parse({ ...definition, paused: true }),
      accountId: account.id,
    });
    expect(paused).toMatchObject({ fires: false, skipped: { reason: "paused" } });
  });

  it("answers dry-run (200) and start (202 with the run) through the API", async () => {
    const { workspaceId, account } = await setup();
    const manager = await buildUser(ctx, { workspaceId, role: "manager" });
    const playbookId = await addPlaybook(workspaceId, onRed());
    const dry = await call(ctx, "POST", `/api/v1/playbooks/${playbookId}/dry-run`, {
      headers: manager.headers,
      body: { accountId: account.id },
    });
    expect(dry.status).toBe(200);
    expect(dry.json).toMatchObject({ fires: true, actions: [{ kind: "createTask" }] });

    const started = await call(ctx, "POST", `/api/v1/playbooks/${playbookId}/start`, {
      headers: manager.headers,
      body: { accountId: account.id },
    });
    expect(started.status).toBe(202);
    const runId = started.json.runId as string;
    expect(await runOf(workspaceId, runId)).toMatchObject({
      status: "running",
      playbookId,
      startedByUserId: manager.user.id,
    });
    await runDuePlaybookRuns(ctx.db, depsWith(), { workspaceId });
    expect(await runOf(workspaceId, runId)).toMatchObject({ status: "completed" });
    expect(await tasksOf(workspaceId, account.id)).toHaveLength(1);
  });
});
