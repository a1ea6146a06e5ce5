import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { buildAccount, buildContact, buildContract } from "./seed/factories";
import {
  buildApiKey,
  buildUser,
  buildWorkspace,
  call,
  createTestContext,
  type TestContext,
} from "./test/context";

/*
 * Fuzzes every operation of the generated OpenAPI document: bodies built
 * from each operation's own schema (so most get past validation into the
 * services) with NUL, lone surrogates, huge and negative numbers, wrong
 * types, unknown fields, bad ids and cursors mixed in, plus malformed JSON,
 * deep nesting and wrong content types. No answer may be a 5xx, and every
 * error answer must be problem+json. Seeded, so a failure reproduces.
 */

const SEED = 20_261_215;
/** Requests per operation: ~90 operations, so the file stays well under a minute on PGlite. */
const RUNS_PER_OPERATION = 10;

type Schema = {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
};
type Parameter = {
  name: string;
  in: "path" | "query" | "header";
  required?: boolean;
  schema?: Schema;
};
type Operation = {
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema?: Schema }> };
};
type OpenApiDocument = {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
};

const evilStrings = [
  "\u0000",
  "a\u0000b",
  "\ud800",
  "x\udfffy",
  "",
  " ",
  "-1",
  "0",
  "99999999999999999999999999",
  "null",
  "[]",
  "{}",
  "😀日本語",
  "%00",
  "../../etc/passwd",
  "'; drop table accounts; --",
  "a".repeat(5_000),
  "2026-02-30",
  "0000-01-01T00:00:00Z",
  "1970-01-01",
  "9999-12-31T23:59:59Z",
  "\u202e\n\t\\",
];
const evilString = fc.constantFrom(...evilStrings);
const evilNumber = fc.constantFrom(
  0,
  -1,
  -0.5,
  1.5,
  1e308,
  -1e308,
  2 ** 53,
  -(2 ** 53),
  2 ** 31,
  -(2 ** 31) - 1,
  5e-324,
);
const wrongType = fc.constantFrom<unknown>(null, 42, -7.5, "text", true, [], {}, [1, "a"]);
/** Anything JSON can hold, a little of everything. */
const anyJson = fc.jsonValue({ maxDepth: 3 });

const isoDay = fc
  .date({ min: new Date("1990-01-01"), max: new Date("2035-12-31"), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const isoTime = fc
  .date({ min: new Date("1990-01-01"), max: new Date("2035-12-31"), noInvalidDate: true })
  .map((d) => d.toISOString());

/** fc.oneof without the entries weighted 0. */
const weighted = <T>(...entries: { weight: number; arbitrary: fc.Arbitrary<T> }[]) =>
  fc.oneof(...entries.filter((e) => e.weight > 0));

/**
 * Builds arbitraries from the document's JSON schemas: mostly valid, often
 * not. `plausible` leaves the mistakes out and gives every field ("all") or
 * only the required ones: the bases that examples poison. `idOf` names a
 * real object for a field such as ownerUserId or planId.
 */
const schemaArbitraries = (
  doc: OpenApiDocument,
  pool: fc.Arbitrary<string>,
  options: { plausible?: "all" | "required"; idOf?: (field: string) => string | undefined } = {},
) => {
  const { plausible } = options;
  const bad = plausible ? 0 : 1;
  const resolve = (schema: Schema): Schema => {
    let current = schema;
    for (let i = 0; current.$ref && i < 10; i++) {
      current = doc.components.schemas[current.$ref.replace("#/components/schemas/", "")] ?? {};
    }
    return current;
  };

  const validString = (schema: Schema): fc.Arbitrary<string> => {
    switch (schema.format) {
      case "date":
        return isoDay;
      case "date-time":
        return isoTime;
      case "uuid":
        return pool;
      case "email":
        return fc.emailAddress();
      default:
        return fc.oneof(
          fc.string({
            minLength: schema.minLength ?? 0,
            maxLength: Math.min(schema.maxLength ?? 30, 30),
          }),
          pool,
          isoDay,
        );
    }
  };

  const of = (input: Schema, depth: number, field = ""): fc.Arbitrary<unknown> => {
    const schema = resolve(input);
    if (depth > 6) return fc.constant(null);
    const union = schema.anyOf ?? schema.oneOf;
    if (union && union.length > 0) return fc.oneof(...union.map((s) => of(s, depth + 1)));
    if (schema.allOf && schema.allOf.length > 0) return of(schema.allOf[0] as Schema, depth + 1);
    if (schema.enum && schema.enum.length > 0) {
      return weighted(
        { weight: 12, arbitrary: fc.constantFrom(...schema.enum) },
        { weight: bad, arbitrary: evilString },
      );
    }
    if (schema.const !== undefined) {
      return weighted(
        { weight: 6, arbitrary: fc.constant(schema.const) },
        { weight: bad, arbitrary: evilString },
      );
    }
    const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
    if (types.length > 1) {
      return fc.oneof(...types.map((type) => of({ ...schema, type }, depth)));
    }
    const mistake = { weight: bad, arbitrary: wrongType };
    switch (types[0]) {
      case "string": {
        const id = options.idOf?.(field);
        return weighted(
          { weight: 12, arbitrary: id ? fc.constant(id) : validString(schema) },
          { weight: 2 * bad, arbitrary: evilString },
          mistake,
        );
      }
      case "integer":
      case "number": {
        const min = schema.minimum ?? -1_000;
        const max = schema.maximum ?? 1_000_000;
        const inRange =
          types[0] === "integer"
            ? fc.integer({
                min: Math.ceil(Math.max(min, -(2 ** 31))),
                max: Math.floor(Math.min(max, 2 ** 31)),
              })
            : fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
        return weighted(
          { weight: 12, arbitrary: inRange },
          { weight: 2 * bad, arbitrary: evilNumber },
          mistake,
        );
      }
      case "boolean":
        return weighted({ weight: 6, arbitrary: fc.boolean() }, mistake);
      case "null":
        return fc.constant(null);
      case "array":
        return weighted(
          { weight: 12, arbitrary: fc.array(of(schema.items ?? {}, depth + 1), { maxLength: 3 }) },
          mistake,
        );
      case "object":
      case undefined: {
        if (!schema.properties && types[0] === undefined) {
          return plausible ? anyJson : fc.oneof(anyJson, evilString, evilNumber);
        }
        const shape = Object.fromEntries(
          Object.entries(schema.properties ?? {}).map(([key, child]) => [
            key,
            of(child, depth + 1, key),
          ]),
        );
        // Plausible bodies have every field, so that each can be poisoned.
        const known = fc.record(shape, {
          requiredKeys:
            plausible === "all"
              ? Object.keys(shape)
              : (schema.required ?? []).filter((k) => k in shape),
        });
        const extra =
          typeof schema.additionalProperties === "object"
            ? fc.dictionary(
                fc.string({ maxLength: 8 }),
                of(schema.additionalProperties, depth + 1),
                {
                  maxKeys: 3,
                },
              )
            : weighted(
                { weight: 5, arbitrary: fc.constant({}) },
                {
                  weight: bad,
                  arbitrary: fc.dictionary(
                    fc.oneof(fc.string({ maxLength: 8 }), evilString),
                    anyJson,
                    { maxKeys: 2 },
                  ),
                },
              );
        return weighted(
          { weight: 16, arbitrary: fc.tuple(known, extra).map(([k, e]) => ({ ...e, ...k })) },
          mistake,
        );
      }
      default:
        return anyJson;
    }
  };
  return (schema: Schema | undefined) => of(schema ?? {}, 0);
};

/** What one leaf of an otherwise plausible body is replaced with. */
const poisons = [
  "a\u0000b",
  "\u0000",
  "x\ud800",
  "\udc00",
  1e308,
  -1,
  -(2 ** 53),
  2 ** 53,
  "",
  null,
];

/**
 * The value with its `pick`-th leaf (string, number, boolean or null, or
 * only strings when `stringsOnly`; counted depth first) replaced by
 * `poison`: a body valid but for one field reaches the service with it,
 * where a wholly random one stops at validation.
 */
const poisonLeaf = (
  value: unknown,
  pick: number,
  poison: unknown,
  stringsOnly = false,
): unknown => {
  const isTarget = (v: unknown) => !stringsOnly || typeof v === "string";
  const count = (v: unknown): number =>
    v !== null && typeof v === "object"
      ? Object.values(v).reduce<number>((n, c) => n + count(c), 0)
      : isTarget(v)
        ? 1
        : 0;
  const target = pick % Math.max(count(value), 1);
  let seen = 0;
  const walk = (v: unknown): unknown => {
    if (v !== null && typeof v === "object") {
      return Array.isArray(v)
        ? v.map(walk)
        : Object.fromEntries(Object.entries(v).map(([k, c]) => [k, walk(c)]));
    }
    if (!isTarget(v)) return v;
    return seen++ === target ? poison : v;
  };
  return walk(value);
};

const stringLeaves = (v: unknown): number =>
  v !== null && typeof v === "object"
    ? Object.values(v).reduce<number>((n, c) => n + stringLeaves(c), 0)
    : typeof v === "string"
      ? 1
      : 0;

/** A JSON text nested `depth` deep, in arrays. */
const deepJson = (depth: number) => `{"deep":${"[".repeat(depth)}${"]".repeat(depth)}}`;

type FuzzRequest = {
  path: string;
  query: [string, string][];
  contentType: string | undefined;
  body: string | undefined;
};

/** Percent-encodes a path segment; a lone surrogate cannot be, so it goes as invalid UTF-8. */
const encodeSegment = (value: string) => {
  try {
    return encodeURIComponent(value);
  } catch {
    return "%ED%A0%80";
  }
};

let ctx: TestContext;
let doc: OpenApiDocument;
let headers: Record<string, string>;
let idPool: fc.Arbitrary<string>;
/** An admin's session, for better-auth's endpoints. */
let session: { cookie: string; email: string };
let workspace: string;
let plausibleIds: fc.Arbitrary<string>;
/** The id of a real object for a path parameter, so that a request gets past the 404. */
let realIdFor: (path: string, name: string) => string;
/** The id of a real object for a body field named like one (ownerUserId, planId). */
let realIdOfField: (field: string) => string | undefined;

beforeAll(async () => {
  ctx = await createTestContext();
  // A workspace of its own: whatever the fuzz deletes or changes stays in it.
  const workspaceId = (await buildWorkspace(ctx)).id;
  const admin = await buildApiKey(ctx, { workspaceId, role: "admin" });
  headers = admin.headers;
  const other = await buildUser(ctx, { workspaceId, role: "csm" });
  session = await buildUser(ctx, { workspaceId, role: "admin" });
  workspace = workspaceId;
  const account = await buildAccount(ctx.db, { workspaceId, externalId: "fuzz-1" });
  const contact = await buildContact(ctx.db, { workspaceId, accountId: account.id });
  const contract = await buildContract(ctx.db, { workspaceId, accountId: account.id });
  const plan = await call(ctx, "POST", `/api/v1/accounts/${account.id}/plans`, {
    headers,
    body: {},
  });
  const ids = [account.id, contact.id, contract.id, plan.json.id as string, other.user.id];
  plausibleIds = fc.oneof(fc.constantFrom(...ids), fc.uuid());
  realIdOfField = (field) => {
    if (/userId$/i.test(field)) return other.user.id;
    if (field === "accountId") return account.id;
    if (field === "contactId") return contact.id;
    if (field === "planId") return plan.json.id as string;
    if (field === "workspaceId") return workspaceId;
    return undefined;
  };
  realIdFor = (path, name) => {
    if (name === "userId") return other.user.id;
    if (name === "n") return "1";
    if (name === "key") return "kpi-1";
    if (path.startsWith("/api/v1/contacts/")) return contact.id;
    if (path.startsWith("/api/v1/contracts/")) return contract.id;
    if (path.startsWith("/api/v1/plans/")) return plan.json.id as string;
    if (path.startsWith("/api/v1/accounts/")) return account.id;
    return crypto.randomUUID();
  };
  idPool = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...ids) },
    { weight: 2, arbitrary: fc.uuid() },
    { weight: 2, arbitrary: evilString },
    // Cursors and ids that look encoded but are not.
    { weight: 1, arbitrary: fc.base64String({ maxLength: 40 }) },
    { weight: 1, arbitrary: fc.string({ maxLength: 20 }) },
  );
  doc = (await (await ctx.app.request("/api/openapi.json")).json()) as OpenApiDocument;
});

const requestArbitrary = (path: string, operation: Operation): fc.Arbitrary<FuzzRequest> => {
  const fromSchema = schemaArbitraries(doc, idPool);
  const params = operation.parameters ?? [];
  const pathParams = params.filter((p) => p.in === "path");
  const queryParams = params.filter((p) => p.in === "query");

  const pathArb = fc
    .tuple(
      ...pathParams.map((p) =>
        fc.oneof(
          {
            weight: 4,
            arbitrary: p.schema?.enum ? fc.constantFrom(...(p.schema.enum as string[])) : idPool,
          },
          { weight: 1, arbitrary: evilString },
        ),
      ),
    )
    .map((values) =>
      pathParams.reduce(
        (url, p, i) => url.replace(`{${p.name}}`, encodeSegment(String(values[i]))),
        path,
      ),
    );

  const queryArb = fc
    .tuple(
      ...queryParams.map((p) =>
        fc.option(
          fc.oneof(
            { weight: 4, arbitrary: fromSchema(p.schema) },
            { weight: 1, arbitrary: idPool },
            { weight: 1, arbitrary: evilNumber },
            { weight: 1, arbitrary: fc.constantFrom("a\u0000b", "\ud800") },
          ),
          { freq: 2 },
        ),
      ),
      fc.option(fc.tuple(fc.oneof(fc.string({ maxLength: 6 }), evilString), evilString), {
        freq: 5,
      }),
    )
    .map((values) => {
      const unknown = values.pop() as [string, string] | null;
      const query = queryParams.flatMap((p, i): [string, string][] => {
        const value = values[i];
        if (value === null || value === undefined) return [];
        return [[p.name, typeof value === "object" ? JSON.stringify(value) : String(value)]];
      });
      return unknown ? [...query, unknown] : query;
    });

  const content = operation.requestBody?.content ?? {};
  const jsonSchema = content["application/json"]?.schema;
  const takesCsv = "text/csv" in content;
  const csvText = fc
    .array(
      fc.array(
        fc.oneof(
          fc.string({ maxLength: 12 }),
          evilString,
          fc.constantFrom("accounts", "externalId", "name"),
        ),
        { maxLength: 5 },
      ),
      {
        maxLength: 5,
      },
    )
    .map((rows) =>
      ["externalId,name,email,mrrMinor,startDate", ...rows.map((r) => r.join(","))].join("\n"),
    );

  const bodyArb: fc.Arbitrary<{ contentType: string | undefined; body: string | undefined }> =
    takesCsv
      ? fc.oneof(
          { weight: 6, arbitrary: csvText.map((body) => ({ contentType: "text/csv", body })) },
          {
            weight: 1,
            arbitrary: csvText.map((body) => ({ contentType: "application/json", body })),
          },
          {
            weight: 1,
            arbitrary: fc.constant({ contentType: "text/csv; charset=shift_jis", body: "a,b" }),
          },
        )
      : fc.oneof(
          {
            weight: 5,
            arbitrary: fromSchema(jsonSchema).map((value) => ({
              contentType: "application/json",
              body: JSON.stringify(value) ?? "null",
            })),
          },
          {
            weight: 5,
            arbitrary: fc
              .tuple(fromSchema(jsonSchema), fc.nat(), fc.constantFrom(...poisons))
              .map(([value, pick, poison]) => ({
                contentType: "application/json",
                body: JSON.stringify(poisonLeaf(value, pick, poison)) ?? "null",
              })),
          },
          {
            weight: 1,
            arbitrary: anyJson.map((value) => ({
              contentType: "application/json",
              body: JSON.stringify(value),
            })),
          },
          {
            weight: 1,
            arbitrary: fc
              .constantFrom(
                "{",
                "[1,",
                "nul",
                '{"a":}',
                "\u0000",
                '"\\ud800"',
                deepJson(5_000),
                deepJson(50_000),
                "",
              )
              .map((body) => ({ contentType: "application/json", body })),
          },
          {
            weight: 1,
            arbitrary: fc
              .constantFrom(
                "text/plain",
                "application/x-www-form-urlencoded",
                "multipart/form-data; boundary=x",
                "application/xml",
                "application/json; charset=shift_jis",
              )
              .map((contentType) => ({ contentType, body: "name=x&a=%00" })),
          },
          { weight: 1, arbitrary: fc.constant({ contentType: undefined, body: undefined }) },
        );

  return fc
    .record({ path: pathArb, query: queryArb, body: bodyArb })
    .map(({ path: url, query, body }) => ({
      path: url,
      query,
      contentType: body.contentType,
      body: body.body,
    }));
};

const NUL = "a\u0000b";
const LONE = "a\ud800b";

/**
 * Requests every operation gets besides the random ones: a plausible request
 * (real ids, every field) with NUL in each of its first string fields in
 * turn, a lone surrogate in the first, and NUL in each query and path
 * parameter. A random request rarely is valid but for one field.
 */
const examplesFor = (path: string, operation: Operation): FuzzRequest[] => {
  const params = operation.parameters ?? [];
  const realPath = params
    .filter((p) => p.in === "path")
    .reduce(
      (url, p) =>
        url.replace(`{${p.name}}`, String(p.schema?.enum?.[0] ?? realIdFor(path, p.name))),
      path,
    );
  const content = operation.requestBody?.content ?? {};
  const jsonSchema = content["application/json"]?.schema;
  const requests: FuzzRequest[] = [];
  const plain = { path: realPath, query: [] as [string, string][] };
  if (jsonSchema) {
    const json = (value: unknown) => ({
      contentType: "application/json",
      body: JSON.stringify(value),
    });
    for (const plausible of ["required", "all"] as const) {
      const fromSchema = schemaArbitraries(doc, plausibleIds, { plausible, idOf: realIdOfField });
      const [base] = fc.sample(fromSchema(jsonSchema), { seed: SEED, numRuns: 1 });
      requests.push({ ...plain, ...json(base) });
      for (let i = 0; i < Math.min(stringLeaves(base), 4); i++) {
        requests.push({ ...plain, ...json(poisonLeaf(base, i, NUL, true)) });
      }
      if (stringLeaves(base) > 0) {
        requests.push({ ...plain, ...json(poisonLeaf(base, 0, LONE, true)) });
      }
    }
  }
  if ("text/csv" in content) {
    requests.push({ ...plain, contentType: "text/csv", body: `externalId,name\nx,${NUL}\n` });
  }
  const body = jsonSchema
    ? { contentType: "application/json", body: requests[0]?.body }
    : { contentType: undefined, body: undefined };
  for (const p of params.filter((q) => q.in === "query").slice(0, 5)) {
    requests.push({ ...plain, query: [[p.name, NUL]], ...body });
  }
  for (const p of params.filter((q) => q.in === "path")) {
    requests.push({
      ...plain,
      path: realPath.replace(
        String(p.schema?.enum?.[0] ?? realIdFor(path, p.name)),
        encodeURIComponent(NUL),
      ),
      ...body,
    });
  }
  return requests;
};

describe("fuzzing every operation of the OpenAPI document", () => {
  it("never answers 5xx, and every error is problem+json", { timeout: 240_000 }, async () => {
    const byStatus = new Map<number, number>();
    const failures: string[] = [];
    let requests = 0;
    const operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, operation]) => ({
        method: method.toUpperCase(),
        path,
        operation,
      })),
    );
    expect(operations.length).toBeGreaterThan(80);
    // Deletions last, so that they do not take the real objects from the others.
    operations.sort((a, b) => Number(a.method === "DELETE") - Number(b.method === "DELETE"));

    for (const { method, path, operation } of operations) {
      const examples = examplesFor(path, operation);
      const result = await fc.check(
        fc.asyncProperty(requestArbitrary(path, operation), async (request) => {
          const search = new URLSearchParams(request.query).toString();
          const sendsBody = method !== "GET" && request.body !== undefined;
          const res = await ctx.app.request(`${request.path}${search ? `?${search}` : ""}`, {
            method,
            headers: {
              ...headers,
              origin: ctx.baseURL,
              ...(request.contentType ? { "content-type": request.contentType } : {}),
            },
            ...(sendsBody ? { body: request.body } : {}),
          });
          requests += 1;
          byStatus.set(res.status, (byStatus.get(res.status) ?? 0) + 1);
          const text = await res.text();
          if (res.status >= 500) return false;
          if (res.status >= 400) {
            if (res.headers.get("content-type") !== "application/problem+json") return false;
            const problem = JSON.parse(text) as Record<string, unknown>;
            return (
              typeof problem.type === "string" &&
              typeof problem.title === "string" &&
              problem.status === res.status
            );
          }
          return true;
        }),
        {
          seed: SEED,
          numRuns: RUNS_PER_OPERATION + examples.length,
          examples: examples.map((request) => [request] as [FuzzRequest]),
          endOnFailure: true,
        },
      );
      if (result.failed) {
        const [request] = result.counterexample ?? [];
        failures.push(
          `${method} ${path}: ${JSON.stringify(request).slice(0, 500)} ${String(result.errorInstance ?? "")}`,
        );
      }
    }

    const classes = new Map<string, number>();
    for (const [status, count] of byStatus) {
      const key = `${Math.floor(status / 100)}xx`;
      classes.set(key, (classes.get(key) ?? 0) + count);
    }
    console.log(
      `OpenAPI fuzz (${ctx.kind}): ${operations.length} operations, ${requests} requests; ` +
        `${[...classes]
          .sort()
          .map(([k, v]) => `${k} ${v}`)
          .join(", ")}; by status ` +
        `${[...byStatus]
          .sort(([a], [b]) => a - b)
          .map(([s, n]) => `${s}×${n}`)
          .join(" ")}`,
    );
    expect(failures).toEqual([]);
  });

  it("never answers 5xx from better-auth's endpoints either", async () => {
    const text = fc.oneof(
      { weight: 2, arbitrary: fc.string({ maxLength: 20 }) },
      { weight: 1, arbitrary: fc.emailAddress() },
      { weight: 1, arbitrary: fc.constantFrom(session.email, workspace) },
      { weight: 3, arbitrary: evilString },
    );
    type AuthRequest = { method: "GET" | "POST"; path: string; body?: unknown };
    const request: fc.Arbitrary<AuthRequest> = fc.oneof(
      fc.record({ email: text, password: text }).map((body) => ({
        method: "POST" as const,
        path: "/api/auth/sign-in/email",
        body,
      })),
      fc.record({ email: text, password: text, name: text }).map((body) => ({
        method: "POST" as const,
        path: "/api/auth/sign-up/email",
        body,
      })),
      fc.record({ organizationId: text }).map((body) => ({
        method: "POST" as const,
        path: "/api/auth/organization/set-active",
        body,
      })),
      text.map((id) => ({
        method: "GET" as const,
        path: `/api/auth/organization/get-full-organization?organizationId=${encodeURIComponent(id.replace(/[\ud800-\udfff]/g, ""))}`,
      })),
      fc.record({ name: text, image: fc.option(text) }).map((body) => ({
        method: "POST" as const,
        path: "/api/auth/update-user",
        body,
      })),
      anyJson.map((body) => ({ method: "POST" as const, path: "/api/auth/sign-in/email", body })),
    );
    const counts = new Map<number, number>();
    const runs = 80;
    await fc.assert(
      fc.asyncProperty(request, async ({ method, path, body }) => {
        const res = await ctx.app.request(path, {
          method,
          headers: {
            cookie: session.cookie,
            origin: ctx.baseURL,
            ...(body === undefined ? {} : { "content-type": "application/json" }),
          },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        });
        counts.set(res.status, (counts.get(res.status) ?? 0) + 1);
        expect(res.status, `${method} ${path} ${JSON.stringify(body)}`).toBeLessThan(500);
      }),
      {
        seed: SEED,
        numRuns: runs,
        // NUL in each field of each endpoint, whatever the random ones hit.
        examples: [
          { method: "POST", path: "/api/auth/sign-in/email", body: { email: NUL, password: NUL } },
          {
            method: "POST",
            path: "/api/auth/sign-in/email",
            body: { email: session.email, password: NUL },
          },
          {
            method: "POST",
            path: "/api/auth/sign-up/email",
            body: { email: "x@example.test", password: "long-enough", name: NUL },
          },
          {
            method: "POST",
            path: "/api/auth/organization/set-active",
            body: { organizationId: NUL },
          },
          {
            method: "GET",
            path: `/api/auth/organization/get-full-organization?organizationId=${encodeURIComponent(NUL)}`,
          },
          { method: "POST", path: "/api/auth/update-user", body: { name: NUL } },
          { method: "POST", path: "/api/auth/update-user", body: { name: "x", image: LONE } },
        ].map((r) => [r as AuthRequest] as [AuthRequest]),
      },
    );
    console.log(
      `better-auth fuzz (${ctx.kind}): ${[...counts.values()].reduce((a, b) => a + b, 0)} requests; by status ${[
        ...counts,
      ]
        .sort(([a], [b]) => a - b)
        .map(([s, n]) => `${s}×${n}`)
        .join(" ")}`,
    );
  });
});
