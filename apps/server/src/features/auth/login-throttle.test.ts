import { accountLockoutPolicy, addressLockoutPolicy } from "@michi/core";
import { eq, inArray } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { createApp } from "../../app";
import { type Db, openDatabase } from "../../db/client";
import { loginThrottles, rateLimits } from "../../db/schema";
import {
  buildUser,
  buildWorkspace,
  createTestContext,
  TEST_PASSWORD,
  TEST_SECRET,
  uniqueSuffix,
} from "../../test/context";
import { createAuth } from "./auth";
import { clientAddressOf } from "./client-address";

const ctx = await createTestContext();
const url = process.env.TEST_DATABASE_URL;
const second = url ? await openDatabase({ kind: "postgres", url, poolSize: 4 }) : undefined;

/** The lockout's clock: tests move it instead of waiting. */
let clock = new Date();
const usedKeys: string[] = [];
afterAll(async () => {
  // The PostgreSQL test database is shared and kept between runs.
  await ctx.db.delete(loginThrottles).where(inArray(loginThrottles.key, usedKeys));
  await second?.close();
});

const makeApp = (options: { trustProxy?: number; db?: Db } = {}) => {
  const db = options.db ?? ctx.db;
  const auth = createAuth({ db, secret: TEST_SECRET, baseURL: ctx.baseURL, now: () => clock });
  return createApp({ db, auth, baseURL: ctx.baseURL, trustProxy: options.trustProxy ?? 0 });
};
type App = ReturnType<typeof makeApp>;

/** A fresh address from 198.18.0.0/15 (benchmarking), so runs and tests never share a counter. */
const newAddress = () => {
  const [a = 0, b = 0] = crypto.getRandomValues(new Uint8Array(2));
  const address = `198.${18 + (a % 2)}.${b}.${1 + (a % 250)}`;
  usedKeys.push(`address:${address}`);
  return address;
};

const newUser = async () => {
  const workspace = await buildWorkspace(ctx);
  const { email, cookie } = await buildUser(ctx, { workspaceId: workspace.id, role: "csm" });
  usedKeys.push(`email:${email}`);
  return { email, cookie };
};

/** A sign-in as it reaches the server: over a connection from `peer`. */
const signIn = (
  app: App,
  params: { email: string; password: string; peer: string; headers?: Record<string, string> },
) =>
  app.request(
    "/api/auth/sign-in/email",
    {
      method: "POST",
      headers: { "content-type": "application/json", origin: ctx.baseURL, ...params.headers },
      body: JSON.stringify({ email: params.email, password: params.password }),
    },
    { incoming: { socket: { remoteAddress: params.peer } } },
  );

const failTimes = async (
  app: App,
  times: number,
  params: { email?: string; peer: string; headers?: Record<string, string> },
) => {
  const statuses: number[] = [];
  for (let i = 0; i < times; i++) {
    const email = params.email ?? `nobody-${uniqueSuffix()}@example.test`;
    if (!params.email) usedKeys.push(`email:${email}`);
    const res = await signIn(app, { ...params, email, password: "wrong-password" });
    statuses.push(res.status);
  }
  return statuses;
};

const expectTooMany = async (res: Response, retryAfter?: number) => {
  expect(res.status).toBe(429);
  expect(res.headers.get("content-type")).toContain("application/problem+json");
  const seconds = Number(res.headers.get("retry-after"));
  if (retryAfter === undefined) expect(seconds).toBeGreaterThan(0);
  else expect(seconds).toBe(retryAfter);
  const body = (await res.json()) as Record<string, unknown>;
  expect(body).toMatchObject({ status: 429, title: "Too many requests" });
  expect(body.type).toMatch(/too-many-requests$/);
  expect(body.detail).toMatch(/Too many/);
  return body as { detail: string };
};

const minutes = (n: number) => n * 60 * 1000;

describe("login lockout per account", () => {
  it("answers 429 after a handful of wrong passwords, refuses the right one, and lets it in after", async () => {
    const app = makeApp();
    const { email } = await newUser();
    const peer = newAddress();
    const max = accountLockoutPolicy.maxFailures;

    expect(await failTimes(app, max, { email, peer })).toEqual(Array(max).fill(401));
    const wrong = await signIn(app, { email, password: "wrong-password", peer });
    const body = await expectTooMany(wrong, accountLockoutPolicy.lockoutSeconds);
    expect(body.detail).toBe("Too many failed logins. Try again in 15 minutes.");

    // The right password, from this address or another, waits too.
    await expectTooMany(await signIn(app, { email, password: TEST_PASSWORD, peer }));
    const elsewhere = newAddress();
    await expectTooMany(await signIn(app, { email, password: TEST_PASSWORD, peer: elsewhere }));

    clock = new Date(clock.getTime() + minutes(14));
    await expectTooMany(await signIn(app, { email, password: TEST_PASSWORD, peer }), 60);

    clock = new Date(clock.getTime() + minutes(1) + 1000);
    const ok = await signIn(app, { email, password: TEST_PASSWORD, peer });
    expect(ok.status).toBe(200);
    // A success clears the account's count: the next lockout starts from the beginning.
    expect(await failTimes(app, max - 1, { email, peer })).toEqual(Array(max - 1).fill(401));
  });

  it("locks longer each time failures go on after a lockout", async () => {
    const app = makeApp();
    const { email } = await newUser();
    const peer = newAddress();
    const max = accountLockoutPolicy.maxFailures;
    await failTimes(app, max, { email, peer });
    clock = new Date(clock.getTime() + minutes(15) + 1000);
    const again = await failTimes(app, max + 1, { email, peer });
    expect(again).toEqual([...Array(max).fill(401), 429]);
    await expectTooMany(
      await signIn(app, { email, password: TEST_PASSWORD, peer }),
      2 * accountLockoutPolicy.lockoutSeconds,
    );
  });
});

describe("login lockout per client address", () => {
  const max = addressLockoutPolicy.maxFailures;

  it("counts the connection's address, whatever X-Forwarded-For says, when no proxy is trusted", async () => {
    const app = makeApp({ trustProxy: 0 });
    const peer = newAddress();
    const statuses: number[] = [];
    for (let i = 0; i <= max; i++) {
      const forwarded = `203.0.113.${i + 1}`;
      const [status] = await failTimes(app, 1, { peer, headers: { "x-forwarded-for": forwarded } });
      statuses.push(status ?? 0);
    }
    expect(statuses).toEqual([...Array(max).fill(401), 429]);

    const { email } = await newUser();
    const spoofing = {
      "x-forwarded-for": "203.0.113.250",
      // The header the app uses internally is overwritten, not believed.
      "x-michi-client-address": "203.0.113.251",
    };
    await expectTooMany(
      await signIn(app, { email, password: TEST_PASSWORD, peer, headers: spoofing }),
    );
    const other = await signIn(app, { email, password: TEST_PASSWORD, peer: newAddress() });
    expect(other.status).toBe(200);
  });

  it("counts each forwarded client apart when MICHI_TRUST_PROXY says a proxy is in front", async () => {
    const app = makeApp({ trustProxy: 1 });
    const proxy = newAddress();
    const attacker = newAddress();
    const colleague = newAddress();
    const fromAttacker = { "x-forwarded-for": attacker };
    expect(await failTimes(app, max + 1, { peer: proxy, headers: fromAttacker })).toEqual([
      ...Array(max).fill(401),
      429,
    ]);

    const { email } = await newUser();
    const byColleague = await signIn(app, {
      email,
      password: TEST_PASSWORD,
      peer: proxy,
      headers: { "x-forwarded-for": colleague },
    });
    expect(byColleague.status).toBe(200);
    // What the client wrote left of the proxy's entry is not believed.
    const spoofed = { "x-forwarded-for": `${colleague}, ${attacker}` };
    await expectTooMany(
      await signIn(app, { email, password: TEST_PASSWORD, peer: proxy, headers: spoofed }),
    );
  });

  it("picks the address the outermost trusted proxy saw", () => {
    const peer = "10.0.0.2";
    expect(clientAddressOf({ peer, forwardedFor: "1.1.1.1, 2.2.2.2", trustProxy: 0 })).toBe(peer);
    expect(clientAddressOf({ peer, forwardedFor: "1.1.1.1, 2.2.2.2", trustProxy: 1 })).toBe(
      "2.2.2.2",
    );
    expect(clientAddressOf({ peer, forwardedFor: "1.1.1.1, 2.2.2.2", trustProxy: 2 })).toBe(
      "1.1.1.1",
    );
    expect(clientAddressOf({ peer, forwardedFor: undefined, trustProxy: 1 })).toBe(peer);
  });
});

describe("other auth endpoints", () => {
  it("limits password changes per address with a 429 problem", async () => {
    const app = makeApp();
    const { cookie } = await newUser();
    const peer = newAddress();
    const change = () =>
      app.request(
        "/api/auth/change-password",
        {
          method: "POST",
          headers: { "content-type": "application/json", origin: ctx.baseURL, cookie },
          body: JSON.stringify({
            currentPassword: "not-the-password",
            newPassword: "new-pass-1234",
          }),
        },
        { incoming: { socket: { remoteAddress: peer } } },
      );
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push((await change()).status);
    expect(statuses.every((s) => s === 400)).toBe(true);
    await expectTooMany(await change());
  });
});

describe("several server processes on one database", () => {
  // On PostgreSQL two apps on two connection pools, as two processes would be.
  const otherDb = () => second?.db ?? ctx.db;

  it("share the failure counts, and count failures made at the same moment", async () => {
    const appA = makeApp();
    const appB = makeApp({ db: otherDb() });
    const peer = newAddress();
    // Ten failures at once, half through each app: a lost update would count fewer.
    const at = await Promise.all(
      Array.from({ length: 10 }, (_, i) => failTimes(i % 2 === 0 ? appA : appB, 1, { peer })),
    );
    expect(at.flat()).toEqual(Array(10).fill(401));
    const [row] = await ctx.db
      .select()
      .from(loginThrottles)
      .where(inArray(loginThrottles.key, [`address:${peer}`]));
    expect(row?.failures).toBe(10);

    const { email } = await newUser();
    const max = accountLockoutPolicy.maxFailures;
    for (let i = 0; i < max; i++) await failTimes(i % 2 === 0 ? appA : appB, 1, { email, peer });
    await expectTooMany(await signIn(appA, { email, password: TEST_PASSWORD, peer }));
    await expectTooMany(await signIn(appB, { email, password: TEST_PASSWORD, peer }));
  });

  it("share better-auth's request counts", async () => {
    const apps = [makeApp(), makeApp({ db: otherDb() })];
    const { cookie } = await newUser();
    const peer = newAddress();
    const change = (app: App) =>
      app.request(
        "/api/auth/change-password",
        {
          method: "POST",
          headers: { "content-type": "application/json", origin: ctx.baseURL, cookie },
          body: JSON.stringify({
            currentPassword: "not-the-password",
            newPassword: "new-pass-1234",
          }),
        },
        { incoming: { socket: { remoteAddress: peer } } },
      );
    for (let i = 0; i < 10; i++) expect((await change(apps[i % 2] as App)).status).toBe(400);
    // Kept in the database, not in either process's memory.
    const [row] = await ctx.db
      .select()
      .from(rateLimits)
      .where(eq(rateLimits.key, `${peer}|/change-password`));
    expect(row?.count).toBe(10);
    await expectTooMany(await change(apps[0] as App));
    await expectTooMany(await change(apps[1] as App));
  });
});
