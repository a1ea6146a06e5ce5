import { Ajv2020 } from "ajv/dist/2020";
import addFormats from "ajv-formats";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import example from "./fixtures/plan-example.json" with { type: "json" };
import { planDocumentSchema, planLimits } from "./plan-document";
import jsonSchema from "./plan-format.schema.json" with { type: "json" };

// allErrors is off: only accept/reject is compared, not the messages.
const ajv = new Ajv2020({ strict: true });
addFormats(ajv);
const validateWithJsonSchema = ajv.compile(jsonSchema);

type Json = null | boolean | number | string | Json[] | { [name: string]: Json };
type Doc = { [name: string]: Json };

const verdicts = (doc: unknown) => ({
  jsonSchema: validateWithJsonSchema(doc),
  zod: planDocumentSchema.safeParse(doc).success,
});

const clone = (): Doc => structuredClone(example) as Doc;

/** The example with one change made at a path such as "pufu.measures.0.status". */
const changed = (path: string, value: Json | undefined): Doc => {
  const doc = clone();
  const names = path.split(".");
  const last = names.pop()!;
  let parent: any = doc;
  for (const name of names) parent = parent[name];
  if (value === undefined) delete parent[last];
  else parent[last] = value;
  return doc;
};

const minimal: Doc = {
  format: "michi.plan/v1",
  title: "t",
  pufu: { goal: "", winCondition: { text: "" } },
};

const emoji = (count: number) => "🚚".repeat(count);

const kpi = (i: number): Json => ({ key: `k${i}`, kind: "kpi", name: `KPI ${i}` });
const task = (i: number): Json => ({ key: `t${i}`, title: `Task ${i}` });
const measurement = (i: number): Json => ({ date: "2026-01-01", value: i });
const times = <T>(count: number, make: (i: number) => T) =>
  Array.from({ length: count }, (_, i) => make(i));

const valid: [string, unknown][] = [
  ["the example", example],
  ["the smallest document", minimal],
  ["empty arrays everywhere", { ...minimal, team: [], roadmap: [], kpis: [], tasks: [] }],
  ["a leap day", changed("period.start", "2028-02-29")],
  ["a title of 200 emoji (400 UTF-16 units)", changed("title", emoji(200))],
  ["a text of 10000 emoji", changed("purpose.problem", emoji(10_000))],
  ["effort 0 and fractional hours", changed("pufu.measures.0.effortHoursPerWeek", 0.5)],
  ["headcount 0", changed("pufu.factors.headcount", 0)],
  ["impact 1 and everyDays 366", changed("meetingCadences.0.everyDays", 366)],
  ["a negative baseline", changed("kpis.0.baseline", -12.5)],
  ["an integer written as 5.0", changed("roadmap.0.impact", 5.0)],
  ["a 64-character key", changed("failurePatterns.0.key", "a".repeat(64))],
  ["keys with _ and -", changed("tasks.0.key", "task_1-a")],
  ["an empty goal", changed("pufu.goal", "")],
  ["an empty account", changed("account", {})],
  ["as many KPIs as a plan may have", { ...minimal, kpis: times(planLimits.kpis, kpi) }],
  [
    "as many measurements as a KPI may have",
    changed("kpis.0.measurements", times(planLimits.measurementsPerKpi, measurement)),
  ],
  ["as many tasks as a plan may have", { ...minimal, tasks: times(planLimits.tasks, task) }],
  ["a task title of 500 emoji", changed("tasks.0.title", emoji(500))],
  [
    "100 keys in a list",
    changed(
      "roadmap.0.kpiKeys",
      times(100, (i) => `k${i}`),
    ),
  ],
];

const invalid: [string, unknown][] = [
  ["wrong format", changed("format", "michi.plan/v2")],
  ["no format", changed("format", undefined)],
  ["no title", changed("title", undefined)],
  ["an empty title", changed("title", "")],
  ["a title of 201 emoji", changed("title", emoji(201))],
  ["a text of 10001 emoji", changed("purpose.problem", emoji(10_001))],
  ["no pufu", changed("pufu", undefined)],
  ["no goal", changed("pufu.goal", undefined)],
  ["no win condition text", changed("pufu.winCondition.text", undefined)],
  ["a team member without a role", changed("team.0.role", undefined)],
  ["a cadence without everyDays", changed("meetingCadences.0.everyDays", undefined)],
  ["a measurement without a value", changed("kpis.0.measurements.0.value", undefined)],
  ["an extra property at the root", changed("owner", "x")],
  ["an extra property in pufu", changed("pufu.notes", "x")],
  ["an extra property in factors", changed("pufu.factors.budget", 100)],
  ["an extra property in a measurement", changed("kpis.0.measurements.0.by", "x")],
  ["an extra property in account", changed("account.id", "x")],
  ["a key with a space", changed("pufu.objectives.0.key", "o 1")],
  ["an empty key", changed("team.0.key", "")],
  ["a 65-character key", changed("team.0.key", "a".repeat(65))],
  ["a Japanese key", changed("team.0.key", "キー")],
  ["a key ending in a newline", changed("team.0.key", "c1\n")],
  ["a bad key in a reference", changed("tasks.0.ownerKey", "v1!")],
  ["February 30th", changed("period.start", "2026-02-30")],
  ["February 29th in a common year", changed("kpis.0.dueDate", "2027-02-29")],
  ["month 13", changed("milestones.0.dueDate", "2026-13-01")],
  ["an unpadded date", changed("tasks.0.dueDate", "2026-1-5")],
  ["a date-time", changed("kpis.0.measurements.0.date", "2026-10-31T00:00:00Z")],
  ["impact 0", changed("roadmap.0.impact", 0)],
  ["difficulty 6", changed("roadmap.0.difficulty", 6)],
  ["impact 2.5", changed("roadmap.0.impact", 2.5)],
  ["everyDays 0", changed("meetingCadences.0.everyDays", 0)],
  ["everyDays 367", changed("meetingCadences.0.everyDays", 367)],
  ["everyDays 7.5", changed("meetingCadences.0.everyDays", 7.5)],
  ["negative effort", changed("pufu.measures.0.effortHoursPerWeek", -1)],
  ["negative headcount", changed("pufu.factors.headcount", -1)],
  ["a KPI named twice in the win condition", changed("pufu.winCondition.kpiKeys", ["k1", "k1"])],
  ["an objective named twice by a measure", changed("pufu.measures.1.objectiveKeys", ["o1", "o1"])],
  ["a KPI named twice by a roadmap item", changed("roadmap.0.kpiKeys", ["k2", "k1", "k2"])],
  ["plan status paused", changed("status", "paused")],
  ["role owner", changed("team.0.role", "owner")],
  ["side both", changed("team.0.side", "both")],
  ["KPI kind okr", changed("kpis.0.kind", "okr")],
  ["direction up", changed("kpis.0.direction", "up")],
  ["audience everyone", changed("meetingCadences.0.audience", "everyone")],
  ["task status blocked", changed("tasks.0.status", "blocked")],
  ["measure status doing", changed("pufu.measures.0.status", "doing")],
  ["team as an object", changed("team", {})],
  ["pufu as an array", changed("pufu", [])],
  ["a title as a number", changed("title", 1)],
  ["null for an optional property", changed("status", null)],
  ["a baseline as a string", changed("kpis.0.baseline", "90")],
  ["discussed as a string", changed("failurePatterns.0.discussed", "yes")],
  ["an array as the document", [example]],
  ["null as the document", null],
  ["one KPI too many", { ...minimal, kpis: times(planLimits.kpis + 1, kpi) }],
  [
    "one measurement too many",
    changed("kpis.0.measurements", times(planLimits.measurementsPerKpi + 1, measurement)),
  ],
  ["one task too many", { ...minimal, tasks: times(planLimits.tasks + 1, task) }],
  ["a task title of 501 emoji", changed("tasks.0.title", emoji(501))],
  ["a goal of 10,001 characters", changed("pufu.goal", "a".repeat(10_001))],
  [
    "101 keys in a list",
    changed(
      "roadmap.0.kpiKeys",
      times(101, (i) => `k${i}`),
    ),
  ],
];

describe("planDocumentSchema and plan-format.schema.json", () => {
  it.each(valid)("both accept %s", (_, doc) => {
    expect(verdicts(doc)).toEqual({ jsonSchema: true, zod: true });
  });

  it.each(invalid)("both reject %s", (_, doc) => {
    expect(verdicts(doc)).toEqual({ jsonSchema: false, zod: false });
  });
});

/** Every path in the example, objects and arrays included, as lists of names and indexes. */
const pathsOf = (value: Json, prefix: (string | number)[] = []): (string | number)[][] => {
  if (value === null || typeof value !== "object") return [prefix];
  const entries = Array.isArray(value)
    ? value.map((item, index) => [index, item] as const)
    : Object.entries(value);
  return [prefix, ...entries.flatMap(([name, item]) => pathsOf(item, [...prefix, name]))];
};
const paths = pathsOf(example as Json).filter((path) => path.length > 0);

const propertyNames = [
  ...new Set(
    JSON.stringify(jsonSchema)
      .match(/"[a-zA-Z]+":/g)!
      .map((name) => name.slice(1, -2)),
  ),
];

const interestingValue = fc.oneof(
  fc.constantFrom<Json>(
    "",
    "x",
    "o1",
    "k1",
    "o 1",
    "a".repeat(65),
    emoji(201),
    "michi.plan/v1",
    "2026-02-30",
    "2028-02-29",
    "2026-10-01",
    "2026-1-1",
    0,
    1,
    5,
    6,
    -1,
    2.5,
    366,
    367,
    true,
    null,
    [],
    {},
    ["k1", "k1"],
    ["o1", "o2"],
    "planned",
    "inProgress",
    "done",
    "todo",
    "evaluators",
    "decrease",
    "kgi",
    "promoter",
    "customer",
  ),
  fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json>,
);

type Mutation =
  | { kind: "set"; path: (string | number)[]; value: Json }
  | { kind: "delete"; path: (string | number)[] }
  | { kind: "add"; path: (string | number)[]; name: string; value: Json };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({
    kind: fc.constant("set" as const),
    path: fc.constantFrom(...paths),
    value: interestingValue,
  }),
  fc.record({ kind: fc.constant("delete" as const), path: fc.constantFrom(...paths) }),
  fc.record({
    kind: fc.constant("add" as const),
    path: fc.constantFrom([], ...paths),
    name: fc.constantFrom(...propertyNames),
    value: interestingValue,
  }),
);

const apply = (doc: Doc, change: Mutation) => {
  const target = change.kind === "add" ? change.path : change.path.slice(0, -1);
  let parent: any = doc;
  for (const name of target) {
    if (parent === null || typeof parent !== "object") return;
    parent = parent[name];
  }
  if (parent === null || typeof parent !== "object") return;
  if (change.kind === "add") {
    if (!Array.isArray(parent)) parent[change.name] = change.value;
    return;
  }
  const last = change.path.at(-1)!;
  if (change.kind === "set") parent[last] = change.value;
  else if (Array.isArray(parent)) parent.splice(Number(last), 1);
  else delete parent[last];
};

describe("planDocumentSchema and plan-format.schema.json on random changes to the example", () => {
  it("agree on every changed document", () => {
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 3 }), (changes) => {
        const doc = clone();
        for (const change of changes) apply(doc, change);
        const { jsonSchema: bySchema, zod } = verdicts(doc);
        expect(zod, JSON.stringify(changes)).toBe(bySchema);
      }),
      { numRuns: 2000 },
    );
    // 2,000 runs take ~2 s alone; a busy machine (parallel suites) can take several times that.
  }, 60_000);
});
