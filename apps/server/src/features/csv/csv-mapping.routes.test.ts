import { and, asc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { accounts, contacts, contracts, workspaceCsSettings } from "../../db/schema";
import { buildAccount, buildContact, buildContract } from "../../seed/factories";
import { buildUser, buildWorkspace, createTestContext, type TestContext } from "../../test/context";
import { encodeShiftJisForTest } from "../../test/shift-jis";

let ctx: TestContext;

beforeAll(async () => {
  ctx = await createTestContext();
});

const setup = async () => {
  const workspaceId = (await buildWorkspace(ctx)).id;
  const csm = await buildUser(ctx, { workspaceId, role: "csm", name: "Csm" });
  return { workspaceId, csm };
};

const csvOf = (...lines: string[]) => `${lines.join("\r\n")}\r\n`;

const post = async (path: string, body: string | Uint8Array, headers: Record<string, string>) => {
  const res = await ctx.app.request(`/api/v1${path}`, {
    method: "POST",
    headers: { "content-type": "text/csv", origin: ctx.baseURL, ...headers },
    body,
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : null };
};

/** The import's query: dryRun, the mapping as the API takes it, the match. */
const importPath = (
  entity: string,
  options: { dryRun?: boolean; columns?: (string | null)[]; matchBy?: string } = {},
) => {
  const query = new URLSearchParams({ dryRun: String(options.dryRun ?? false) });
  if (options.columns) query.set("columns", options.columns.map((c) => c ?? "").join(","));
  if (options.matchBy) query.set("matchBy", options.matchBy);
  return `/import/${entity}?${query}`;
};

const accountsOf = (workspaceId: string) =>
  ctx.db
    .select()
    .from(accounts)
    .where(eq(accounts.workspaceId, workspaceId))
    .orderBy(asc(accounts.name));

const rememberedOf = async (workspaceId: string) =>
  (
    await ctx.db
      .select({ mappings: workspaceCsSettings.csvColumnMappings })
      .from(workspaceCsSettings)
      .where(eq(workspaceCsSettings.workspaceId, workspaceId))
  )[0]?.mappings;

/** A CRM's accounts export: its own headers, one the table does not know. */
const crmAccounts = csvOf(
  "顧客ID,取引先名,業種,社内メモ",
  "crm-1,北斗精機株式会社,製造,大口",
  "crm-2,湊運輸株式会社,物流,",
);

describe("CSV column mapping", () => {
  it("previews a Shift_JIS file: headers, the proposed columns and the first rows", async () => {
    const { workspaceId, csm } = await setup();
    const res = await post(
      "/import/accounts/preview",
      encodeShiftJisForTest(crmAccounts),
      csm.headers,
    );
    expect(res.status).toBe(200);
    expect(res.json).toEqual({
      entity: "accounts",
      encoding: "shift_jis",
      columns: [
        { header: "顧客ID", column: "externalId", source: "label" },
        { header: "取引先名", column: null, source: "none" },
        { header: "業種", column: "industry", source: "label" },
        { header: "社内メモ", column: null, source: "none" },
      ],
      missing: ["name"],
      duplicates: [],
      matchOptions: ["externalId", "name"],
      totalRows: 2,
      rows: [
        ["crm-1", "北斗精機株式会社", "製造", "大口"],
        ["crm-2", "湊運輸株式会社", "物流", ""],
      ],
    });
    // A preview stores nothing.
    expect(await accountsOf(workspaceId)).toEqual([]);
    expect(await rememberedOf(workspaceId)).toBeUndefined();
  });

  it("imports by a mapping, remembers it, and proposes it for the next file of that kind", async () => {
    const { workspaceId, csm } = await setup();
    const columns = ["externalId", "name", "industry", null];
    // A dry run remembers nothing.
    const dry = await post(
      importPath("accounts", { dryRun: true, columns }),
      crmAccounts,
      csm.headers,
    );
    expect(dry.status).toBe(200);
    expect(dry.json).toMatchObject({ created: 2, errors: [] });
    expect(await rememberedOf(workspaceId)).toBeUndefined();

    const real = await post(importPath("accounts", { columns }), crmAccounts, csm.headers);
    expect(real.status).toBe(200);
    expect(real.json).toMatchObject({ created: 2, updated: 0, errors: [] });
    expect((await accountsOf(workspaceId)).map((a) => [a.externalId, a.name, a.industry])).toEqual([
      ["crm-1", "北斗精機株式会社", "製造"],
      ["crm-2", "湊運輸株式会社", "物流"],
    ]);
    expect(await rememberedOf(workspaceId)).toEqual({
      accounts: { 顧客ID: "externalId", 取引先名: "name", 業種: "industry", 社内メモ: null },
    });

    // Next month's export: the same headers, one in full-width, in another order.
    const next = csvOf("取引先名,社内メモ,顧客ＩＤ", "北斗精機株式会社（本社）,特記なし,crm-1");
    const preview = await post("/import/accounts/preview", next, csm.headers);
    expect(preview.json.columns).toEqual([
      { header: "取引先名", column: "name", source: "remembered" },
      { header: "社内メモ", column: null, source: "remembered" },
      { header: "顧客ＩＤ", column: "externalId", source: "remembered" },
    ]);
    expect(preview.json.missing).toEqual([]);
    // Sent without a mapping (as the CLI does), the header is read by its names alone: what was
    // chosen on screen proposes, never decides for a file nobody looked at. Nothing changes.
    const unmapped = await post(importPath("accounts"), next, csm.headers);
    expect(unmapped.status).toBe(422);
    expect((await accountsOf(workspaceId)).map((a) => a.name)).toEqual([
      "北斗精機株式会社",
      "湊運輸株式会社",
    ]);
    // With the mapping the step proposed, as the screen sends it.
    const again = await post(
      importPath("accounts", {
        columns: preview.json.columns.map((c: { column: string | null }) => c.column),
      }),
      next,
      csm.headers,
    );
    expect(again.status).toBe(200);
    expect(again.json).toMatchObject({ created: 0, updated: 1 });
    expect((await accountsOf(workspaceId)).map((a) => a.name)).toEqual([
      "北斗精機株式会社（本社）",
      "湊運輸株式会社",
    ]);

    // Another kind's mapping is kept beside it.
    const account = (await accountsOf(workspaceId))[0]!;
    const contactsFile = csvOf("担当者ID,会社ID,担当者名", `p-1,${account.externalId},佐藤`);
    const contactsRes = await post(
      importPath("contacts", { columns: ["externalId", "accountExternalId", "name"] }),
      contactsFile,
      csm.headers,
    );
    expect(contactsRes.status).toBe(200);
    expect(await rememberedOf(workspaceId)).toEqual({
      // The accounts mapping is the last one sent, with the last file's headers.
      accounts: { 取引先名: "name", 社内メモ: null, 顧客ＩＤ: "externalId" },
      contacts: { 担当者ID: "externalId", 会社ID: "accountExternalId", 担当者名: "name" },
    });
  });

  it("answers 422 with codes for a mapping that does not fit, in a dry run too, storing nothing", async () => {
    const { workspaceId, csm } = await setup();
    const cases: [(string | null)[], string[]][] = [
      [["externalId", "name"], ["csv-mapping-length"]],
      [["externalId", "name", "mrr", null], ["csv-unknown-column"]],
      [["externalId", "name", "name", null], ["csv-duplicate-column"]],
      [[null, "name", "industry", null], ["csv-missing-column"]],
    ];
    for (const [columns, codes] of cases) {
      for (const dryRun of [true, false]) {
        const res = await post(
          importPath("accounts", { dryRun, columns }),
          crmAccounts,
          csm.headers,
        );
        expect(res.status).toBe(422);
        expect(res.json.code).toBe("csv-invalid-mapping");
        expect(res.json.errors.map((e: { code: string }) => e.code)).toEqual(codes);
        expect(res.json.errors[0].pointer).toBe("/columns");
      }
    }
    const wrongMatch = await post(
      importPath("accounts", { columns: ["externalId", "name", null, null], matchBy: "email" }),
      crmAccounts,
      csm.headers,
    );
    expect(wrongMatch.status).toBe(422);
    expect(wrongMatch.json.errors).toMatchObject([
      { pointer: "/matchBy", code: "invalid_enum", params: { options: ["externalId", "name"] } },
    ]);
    expect(await accountsOf(workspaceId)).toEqual([]);
    expect(await rememberedOf(workspaceId)).toBeUndefined();
  });
});

describe("CSV rows without an externalId, matched by a chosen column", () => {
  it("updates accounts found by exact name, creates the others, refuses a name two share", async () => {
    const { workspaceId, csm } = await setup();
    const kept = await buildAccount(ctx.db, {
      workspaceId,
      name: "北斗精機株式会社",
      externalId: "sf-001",
    });
    const noId = await buildAccount(ctx.db, { workspaceId, name: "湊運輸株式会社" });
    const file = csvOf(
      "取引先名,業種",
      "北斗精機株式会社,製造",
      "湊運輸株式会社,物流",
      "新星商事,商社",
    );
    const columns = ["name", "industry"];
    const res = await post(importPath("accounts", { columns, matchBy: "name" }), file, csm.headers);
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({
      created: 1,
      updated: 2,
      rows: [
        { row: 2, action: "update", externalId: "sf-001" },
        { row: 3, action: "update", externalId: null },
        { row: 4, action: "create", externalId: null },
      ],
    });
    const stored = await accountsOf(workspaceId);
    expect(stored.map((a) => [a.id, a.externalId, a.name, a.industry])).toEqual(
      expect.arrayContaining([
        [expect.any(String), null, "新星商事", "商社"],
        [kept.id, "sf-001", "北斗精機株式会社", "製造"],
        [noId.id, null, "湊運輸株式会社", "物流"],
      ]),
    );
    expect(stored).toHaveLength(3);

    // The same file again changes no count: matched, not duplicated.
    const again = await post(
      importPath("accounts", { columns, matchBy: "name" }),
      file,
      csm.headers,
    );
    expect(again.json).toMatchObject({ created: 0, updated: 3 });
    expect(await accountsOf(workspaceId)).toHaveLength(3);

    // Two accounts of one name: which one is meant cannot be told.
    await buildAccount(ctx.db, { workspaceId, name: "新星商事" });
    const twice = await post(
      importPath("accounts", { columns, matchBy: "name" }),
      file,
      csm.headers,
    );
    expect(twice.status).toBe(422);
    expect(twice.json.errors).toMatchObject([
      { row: 4, field: "name", code: "csv-ambiguous-match", params: { count: 2 } },
    ]);
  });

  it("matches contacts by email in any case and contracts by account, product and start", async () => {
    const { workspaceId, csm } = await setup();
    const account = await buildAccount(ctx.db, { workspaceId, externalId: "a-1", name: "北斗" });
    const contact = await buildContact(ctx.db, {
      workspaceId,
      accountId: account.id,
      name: "佐藤",
      email: "sato@hokuto.example",
    });
    const contract = await buildContract(ctx.db, {
      workspaceId,
      accountId: account.id,
      product: "Michi Cloud",
      startDate: "2026-04-01",
      mrrMinor: 100_000,
    });

    const contactsRes = await post(
      importPath("contacts", { matchBy: "email" }),
      csvOf("顧客の外部ID,氏名,メールアドレス,役職", "a-1,佐藤 一郎,SATO@hokuto.example,部長"),
      csm.headers,
    );
    expect(contactsRes.status).toBe(200);
    expect(contactsRes.json).toMatchObject({ created: 0, updated: 1 });
    const storedContacts = await ctx.db
      .select()
      .from(contacts)
      .where(eq(contacts.workspaceId, workspaceId));
    expect(storedContacts.map((c) => [c.id, c.name, c.title, c.email])).toEqual([
      [contact.id, "佐藤 一郎", "部長", "SATO@hokuto.example"],
    ]);

    const contractsRes = await post(
      importPath("contracts", { matchBy: "product" }),
      csvOf(
        "顧客の外部ID,製品,MRR（月額）,契約開始日",
        'a-1,Michi Cloud,"120,000",2026/4/1',
        "a-1,Michi Cloud,50000,2027/4/1",
      ),
      csm.headers,
    );
    expect(contractsRes.status).toBe(200);
    expect(contractsRes.json).toMatchObject({ created: 1, updated: 1 });
    const storedContracts = await ctx.db
      .select()
      .from(contracts)
      .where(and(eq(contracts.workspaceId, workspaceId), eq(contracts.accountId, account.id)))
      .orderBy(asc(contracts.startDate));
    expect(storedContracts.map((k) => [k.id, k.startDate, k.mrrMinor])).toEqual([
      [contract.id, "2026-04-01", 120_000],
      [expect.any(String), "2027-04-01", 50_000],
    ]);
  });

  it("takes a contact's or contract's account by its name when the file has no account ID", async () => {
    const { workspaceId, csm } = await setup();
    // A CRM export without IDs: the accounts are found and kept by name.
    const accountsRes = await post(
      importPath("accounts", { matchBy: "name" }),
      csvOf("顧客名,業種", "北斗精機株式会社,製造", "湊運輸株式会社,物流"),
      csm.headers,
    );
    expect(accountsRes.json).toMatchObject({ created: 2, errors: [] });
    const byName = new Map((await accountsOf(workspaceId)).map((a) => [a.name, a.id]));

    const contactsFile = csvOf(
      "顧客名,氏名,メールアドレス",
      "北斗精機株式会社,佐藤 一郎,sato@hokuto.example",
      "湊運輸株式会社,鈴木 花子,suzuki@minato.example",
    );
    const first = await post(
      importPath("contacts", { matchBy: "email" }),
      contactsFile,
      csm.headers,
    );
    expect(first.status, JSON.stringify(first.json)).toBe(200);
    expect(first.json).toMatchObject({ created: 2, updated: 0 });
    const stored = await ctx.db
      .select({ name: contacts.name, accountId: contacts.accountId })
      .from(contacts)
      .where(eq(contacts.workspaceId, workspaceId))
      .orderBy(asc(contacts.name));
    expect(stored).toEqual([
      { name: "佐藤 一郎", accountId: byName.get("北斗精機株式会社") },
      { name: "鈴木 花子", accountId: byName.get("湊運輸株式会社") },
    ]);
    const again = await post(
      importPath("contacts", { matchBy: "email" }),
      contactsFile,
      csm.headers,
    );
    expect(again.json).toMatchObject({ created: 0, updated: 2 });

    // A contract with its own ID names its account by name too.
    const contractsRes = await post(
      importPath("contracts"),
      csvOf(
        "外部ID,顧客名,製品,MRR（月額）,契約開始日",
        "k-1,湊運輸株式会社,Michi Cloud,50000,2026/4/1",
      ),
      csm.headers,
    );
    expect(contractsRes.json).toMatchObject({ created: 1, errors: [] });
    const [contract] = await ctx.db
      .select({ accountId: contracts.accountId })
      .from(contracts)
      .where(eq(contracts.workspaceId, workspaceId));
    expect(contract?.accountId).toBe(byName.get("湊運輸株式会社"));

    // A name no account has, or two share, is the row's problem; nothing is stored.
    await buildAccount(ctx.db, { workspaceId, name: "湊運輸株式会社" });
    const refused = await post(
      importPath("contacts", { matchBy: "email" }),
      csvOf(
        "顧客名,氏名,メールアドレス",
        "湊運輸株式会社,田中 次郎,tanaka@minato.example",
        "存在しない株式会社,高橋 三郎,takahashi@example.com",
      ),
      csm.headers,
    );
    expect(refused.status).toBe(422);
    expect(refused.json.errors).toEqual([
      expect.objectContaining({ row: 2, field: "accountName", code: "csv-ambiguous-match" }),
      expect.objectContaining({ row: 3, field: "accountName", code: "csv-unknown-account" }),
    ]);
    const count = await ctx.db.select().from(contacts).where(eq(contacts.workspaceId, workspaceId));
    expect(count).toHaveLength(2);
  });

  it("round trip: an export imports back without changing a thing, rows without IDs included", async () => {
    const { workspaceId, csm } = await setup();
    const owner = csm.user.id;
    const withId = await buildAccount(ctx.db, {
      workspaceId,
      externalId: "a-1",
      name: "北斗精機株式会社",
      nameKana: "ホクトセイキ",
      industry: "製造",
      ownerUserId: owner,
      touchModel: "high",
      profile: { persona: "=工場長", challenges: "配車の属人化, 紙の日報" },
    });
    const withoutId = await buildAccount(ctx.db, { workspaceId, name: "湊運輸株式会社" });
    await buildContact(ctx.db, {
      workspaceId,
      accountId: withId.id,
      externalId: "p-1",
      name: "佐藤",
      notes: "行1\n行2",
    });
    await buildContract(ctx.db, {
      workspaceId,
      accountId: withId.id,
      externalId: "k-1",
      currency: "USD",
      mrrMinor: 9_950,
      seats: 40,
    });
    await buildContract(ctx.db, { workspaceId, accountId: withId.id, product: "Michi Edge" });

    const snapshot = async () => {
      const [a, p, k] = await Promise.all([
        ctx.db.select().from(accounts).where(eq(accounts.workspaceId, workspaceId)),
        ctx.db.select().from(contacts).where(eq(contacts.workspaceId, workspaceId)),
        ctx.db.select().from(contracts).where(eq(contracts.workspaceId, workspaceId)),
      ]);
      const strip = <T extends { updatedAt: Date }>(rows: T[]) =>
        rows
          .map(({ updatedAt: _, ...row }) => row)
          .sort((x, y) => JSON.stringify(x).localeCompare(JSON.stringify(y)));
      return { accounts: strip(a), contacts: strip(p), contracts: strip(k) };
    };
    const exportOf = async (file: string) => {
      const res = await ctx.app.request(`/api/v1/export/${file}`, { headers: csm.headers });
      expect(res.status).toBe(200);
      return new Uint8Array(await res.arrayBuffer());
    };

    const before = await snapshot();
    const files = {
      accounts: await exportOf("accounts.csv"),
      contacts: await exportOf("contacts.csv"),
      contracts: await exportOf("contracts.csv"),
    };
    const matchBy = { accounts: "name", contacts: "email", contracts: "product" } as const;
    for (const entity of ["accounts", "contacts", "contracts"] as const) {
      const res = await post(
        importPath(entity, { matchBy: matchBy[entity] }),
        files[entity],
        csm.headers,
      );
      expect(res.status, JSON.stringify(res.json)).toBe(200);
      expect(res.json.created).toBe(0);
    }
    expect(await snapshot()).toEqual(before);
    expect(await exportOf("accounts.csv")).toEqual(files.accounts);
    expect(await exportOf("contracts.csv")).toEqual(files.contracts);
    expect((await accountsOf(workspaceId)).find((a) => a.id === withoutId.id)?.externalId).toBe(
      null,
    );
  });
});
