import { AppError } from "@michi/core";
import { and, asc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { accounts, contacts, contracts } from "../../db/schema";
import { buildAccount } from "../../seed/factories";
import {
  buildApiKey,
  buildUser,
  buildWorkspace,
  call,
  createTestContext,
  type TestContext,
} from "../../test/context";
import { encodeShiftJisForTest } from "../../test/shift-jis";
import { importCsv } from "./csv.service";

let ctx: TestContext;

beforeAll(async () => {
  ctx = await createTestContext();
});

const BOM = "\uFEFF";

/** A fresh workspace with an admin, a csm (the uploader) and a viewer. */
const setup = async () => {
  const workspaceId = (await buildWorkspace(ctx)).id;
  const admin = await buildUser(ctx, { workspaceId, role: "admin", name: "Admin" });
  const csm = await buildUser(ctx, { workspaceId, role: "csm", name: "Csm" });
  return { workspaceId, admin, csm };
};

const upload = async (
  entity: string,
  body: string | Uint8Array,
  options: { headers: Record<string, string>; dryRun?: boolean; contentType?: string },
) => {
  const query = options.dryRun === undefined ? "" : `?dryRun=${options.dryRun}`;
  const res = await ctx.app.request(`/api/v1/import/${entity}${query}`, {
    method: "POST",
    headers: {
      "content-type": options.contentType ?? "text/csv",
      origin: ctx.baseURL,
      ...options.headers,
    },
    body,
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, json: text ? JSON.parse(text) : null };
};

const download = async (file: string, headers: Record<string, string>, query = "") => {
  const res = await ctx.app.request(`/api/v1/export/${file}${query}`, { headers });
  const bytes = new Uint8Array(await res.arrayBuffer());
  return {
    status: res.status,
    headers: res.headers,
    bytes,
    text: new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes),
  };
};

const csvOf = (...lines: string[]) => `${lines.join("\r\n")}\r\n`;

const accountsOf = (workspaceId: string) =>
  ctx.db
    .select()
    .from(accounts)
    .where(eq(accounts.workspaceId, workspaceId))
    .orderBy(asc(accounts.externalId));
const contactsOf = (workspaceId: string) =>
  ctx.db
    .select()
    .from(contacts)
    .where(eq(contacts.workspaceId, workspaceId))
    .orderBy(asc(contacts.externalId));
const contractsOf = (workspaceId: string) =>
  ctx.db
    .select()
    .from(contracts)
    .where(eq(contracts.workspaceId, workspaceId))
    .orderBy(asc(contracts.externalId));

describe("CSV import: accounts", () => {
  it("previews a BOM-prefixed Japanese file, then imports it, then updates on re-import", async () => {
    const { workspaceId, admin, csm } = await setup();
    const file = csvOf(
      `${BOM}externalId,name,industry,segment,ownerEmail,touchModel,persona,challenges,successFactors`,
      `a-1,株式会社サンプル物流,物流,enterprise,${csm.email},high,物流部長,"配車の属人化, 紙の日報",配車時間の半減`,
      `a-2,みらい銀行,金融,mid-market,,Low,,,`,
    );
    const preview = await upload("accounts", file, { headers: csm.headers, dryRun: true });
    expect(preview.status).toBe(200);
    expect(preview.json).toEqual({
      dryRun: true,
      entity: "accounts",
      encoding: "utf-8",
      totalRows: 2,
      created: 2,
      updated: 0,
      errors: [],
      rows: [
        { row: 2, action: "create", externalId: "a-1", name: "株式会社サンプル物流" },
        { row: 3, action: "create", externalId: "a-2", name: "みらい銀行" },
      ],
    });
    expect(await accountsOf(workspaceId)).toEqual([]);

    const real = await upload("accounts", file, { headers: csm.headers });
    expect(real.status).toBe(200);
    expect(real.json).toMatchObject({ dryRun: false, created: 2, updated: 0, errors: [] });
    const stored = await accountsOf(workspaceId);
    expect(stored).toMatchObject([
      {
        externalId: "a-1",
        name: "株式会社サンプル物流",
        industry: "物流",
        ownerUserId: csm.user.id,
        touchModel: "high",
        profile: {
          persona: "物流部長",
          challenges: "配車の属人化, 紙の日報",
          successFactors: "配車時間の半減",
        },
      },
      { externalId: "a-2", name: "みらい銀行", ownerUserId: null, touchModel: "low", profile: {} },
    ]);
    // The header's first cell is "externalId", not "\uFEFFexternalId": the BOM did not leak.
    expect(stored[0]?.externalId).toBe("a-1");

    // Re-import: changed cells update, a column left out keeps its values, nothing duplicates.
    const again = csvOf(
      "externalId,name,ownerEmail,challenges",
      `a-1,株式会社サンプル物流 HD,${admin.email.toUpperCase()},`,
      "a-3,新規商事,,",
    );
    const second = await upload("accounts", again, { headers: csm.headers });
    expect(second.json).toMatchObject({ created: 1, updated: 1 });
    expect(second.json.rows.map((r: { action: string }) => r.action)).toEqual(["update", "create"]);
    const after = await accountsOf(workspaceId);
    expect(after).toHaveLength(3);
    expect(after[0]).toMatchObject({
      id: stored[0]?.id,
      name: "株式会社サンプル物流 HD",
      industry: "物流",
      touchModel: "high",
      ownerUserId: admin.user.id,
      profile: { persona: "物流部長", successFactors: "配車時間の半減" },
    });
    expect(after[0]?.profile.challenges).toBeUndefined();
    expect(after[0]!.updatedAt.getTime()).toBeGreaterThanOrEqual(stored[0]!.updatedAt.getTime());
  });

  it("refuses an owner who is not a member of the workspace", async () => {
    const { workspaceId, csm } = await setup();
    const other = await setup();
    const file = csvOf("externalId,name,ownerEmail", `a-1,X,${other.csm.email}`, "a-2,Y,");
    const res = await upload("accounts", file, { headers: csm.headers });
    expect(res.status).toBe(422);
    expect(res.json.errors).toEqual([
      {
        row: 2,
        field: "ownerEmail",
        pointer: "/rows/2/ownerEmail",
        message: "is not a member of this workspace",
        code: "not-a-member",
      },
    ]);
    expect(await accountsOf(workspaceId)).toEqual([]);
  });
});

describe("CSV import: contacts", () => {
  it("stores nothing when one row is bad, names the row and field, then imports the fixed file", async () => {
    const { workspaceId, csm } = await setup();
    await buildAccount(ctx.db, { workspaceId, externalId: "a-1" });
    const header = "externalId,accountExternalId,name,email,title,department,notes";
    const rows = [
      "c-1,a-1,山田 太郎,yamada@example.co.jp,部長,物流部,最終評価者",
      "c-2,a-1,佐藤 花子,sato(at)example.co.jp,課長,物流部,推進者",
      "c-3,a-1,鈴木 一郎,,,,",
    ];
    const bad = csvOf(header, ...rows);
    const res = await upload("contacts", bad, { headers: csm.headers });
    expect(res.status).toBe(422);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    // The English detail stays; the codes are for a UI to word in its language.
    expect(res.json).toMatchObject({
      status: 422,
      title: "Validation failed",
      code: "csv-file-has-problems",
      params: { count: 1 },
      detail: "The file has 1 problem; nothing was imported.",
    });
    expect(res.json.errors).toEqual([
      {
        row: 3,
        field: "email",
        pointer: "/rows/3/email",
        message: "is not a valid email address",
        code: "invalid_format",
        params: { format: "email" },
      },
    ]);
    expect(await contactsOf(workspaceId)).toEqual([]);

    const preview = await upload("contacts", bad, { headers: csm.headers, dryRun: true });
    expect(preview.status).toBe(200);
    expect(preview.json).toMatchObject({ totalRows: 3, created: 2, updated: 0 });
    expect(preview.json.errors).toEqual([
      {
        row: 3,
        field: "email",
        message: "is not a valid email address",
        code: "invalid_format",
        params: { format: "email" },
      },
    ]);

    const fixed = csvOf(header, rows[0]!, rows[1]!.replace("(at)", "@"), rows[2]!);
    const ok = await upload("contacts", fixed, { headers: csm.headers });
    expect(ok.status).toBe(200);
    expect(ok.json).toMatchObject({ created: 3, updated: 0, errors: [] });
    const stored = await contactsOf(workspaceId);
    expect(stored.map((c) => [c.externalId, c.name, c.email])).toEqual([
      ["c-1", "山田 太郎", "yamada@example.co.jp"],
      ["c-2", "佐藤 花子", "sato@example.co.jp"],
      ["c-3", "鈴木 一郎", null],
    ]);

    const moved = await buildAccount(ctx.db, { workspaceId, externalId: "a-2" });
    const update = csvOf("externalId,accountExternalId,name", "c-3,a-2,鈴木 一郎");
    const reimport = await upload("contacts", update, { headers: csm.headers });
    expect(reimport.json).toMatchObject({ created: 0, updated: 1 });
    const after = await contactsOf(workspaceId);
    expect(after).toHaveLength(3);
    expect(after[2]).toMatchObject({ id: stored[2]?.id, accountId: moved.id });
    expect(after[0]).toMatchObject({ title: "部長", notes: "最終評価者" });
  });

  it("reports header problems, duplicates, unknown accounts and blank lines by spreadsheet row", async () => {
    const { workspaceId, csm } = await setup();
    await buildAccount(ctx.db, { workspaceId, externalId: "a-1" });
    const wrongHeader = csvOf("externalId,name,phone,fax", "c-1,X,03,04");
    const header = await upload("contacts", wrongHeader, { headers: csm.headers, dryRun: true });
    expect(header.json.errors).toEqual([
      {
        row: 1,
        field: "phone",
        message: expect.stringContaining("not a column"),
        code: "csv-unknown-column",
        params: { name: "phone", columns: expect.stringContaining("externalId (外部ID)") },
      },
      {
        row: 1,
        field: "fax",
        message: expect.stringContaining("not a column"),
        code: "csv-unknown-column",
        params: expect.objectContaining({ name: "fax" }),
      },
      {
        row: 1,
        field: "accountExternalId",
        message: "is a required column and is missing",
        code: "csv-missing-column",
      },
    ]);

    const file = csvOf(
      "externalId,accountExternalId,name",
      "c-1,a-1,One",
      "",
      "c-1,a-1,One again",
      "c-2,no-such-account,Two",
      ",,",
      "c-3,a-1,",
    );
    const res = await upload("contacts", file, { headers: csm.headers });
    expect(res.status).toBe(422);
    expect(res.json.errors).toEqual([
      {
        row: 4,
        field: "externalId",
        pointer: "/rows/4/externalId",
        message: "is also on row 2",
        code: "csv-duplicate-row",
        params: { firstRow: 2 },
      },
      {
        row: 5,
        field: "accountExternalId",
        pointer: "/rows/5/accountExternalId",
        message: "is not the externalId of an account in this workspace",
        code: "csv-unknown-account",
      },
      {
        row: 7,
        field: "name",
        pointer: "/rows/7/name",
        message: "is required",
        code: "required",
      },
    ]);
    expect(await contactsOf(workspaceId)).toEqual([]);

    const unclosed = csvOf("externalId,accountExternalId,name", "c-1,a-1,Fine", 'c-2,a-1,"Open');
    const parse = await upload("contacts", unclosed, { headers: csm.headers, dryRun: true });
    expect(parse.json.errors).toEqual([
      {
        row: 3,
        field: null,
        message: "Quoted field unterminated",
        code: "csv-malformed",
        params: { reason: "MissingQuotes" },
      },
    ]);
    expect(parse.json.rows.map((r: { row: number }) => r.row)).toEqual([2]);
  });
});

describe("CSV import: contracts", () => {
  it("converts mrr by currency, reads Excel's dates and checks the period", async () => {
    const { workspaceId, csm } = await setup();
    const account = await buildAccount(ctx.db, { workspaceId, externalId: "a-1" });
    const header = "externalId,accountExternalId,product,mrr,currency,startDate,endDate,status";
    const bad = csvOf(
      header,
      'k-1,a-1,Michi Cloud,"120,000",,2026/4/1,2027/3/31,',
      "k-2,a-1,Michi Analytics,99.50,USD,2026-04-01,2026-03-31,pending",
      "k-3,a-1,Michi Add-on,100.5,JPY,2026-04-01,,active",
    );
    const res = await upload("contracts", bad, { headers: csm.headers });
    expect(res.status).toBe(422);
    expect(res.json.errors.map((e: { pointer: string }) => e.pointer)).toEqual([
      "/rows/3/endDate",
      "/rows/4/mrr",
    ]);
    expect(await contractsOf(workspaceId)).toEqual([]);

    const good = bad.replace("2026-03-31,pending", "2027-03-31,pending").replace("100.5", "100");
    const ok = await upload("contracts", good, { headers: csm.headers });
    expect(ok.status).toBe(200);
    expect(ok.json.rows.map((r: { name: string }) => r.name)).toEqual([
      "Michi Cloud",
      "Michi Analytics",
      "Michi Add-on",
    ]);
    expect(await contractsOf(workspaceId)).toMatchObject([
      {
        accountId: account.id,
        mrrMinor: 120_000,
        currency: "JPY",
        startDate: "2026-04-01",
        endDate: "2027-03-31",
        status: "active",
      },
      { mrrMinor: 9950, currency: "USD", status: "pending" },
      { mrrMinor: 100, currency: "JPY", endDate: null },
    ]);

    // Without a currency column, mrr converts in the stored currency (USD keeps its cents).
    const partial = csvOf(
      "externalId,accountExternalId,product,mrr,startDate",
      "k-2,a-1,Michi Analytics,120.25,2026-04-01",
    );
    const updated = await upload("contracts", partial, { headers: csm.headers });
    expect(updated.json).toMatchObject({ created: 0, updated: 1 });
    const k2 = (await contractsOf(workspaceId))[1];
    expect(k2).toMatchObject({ mrrMinor: 12_025, currency: "USD", endDate: "2027-03-31" });
  });

  it("reads licensed seats: a count, empty for none, a missing column keeps them", async () => {
    const { workspaceId, csm } = await setup();
    await buildAccount(ctx.db, { workspaceId, externalId: "a-1" });
    const header = "externalId,accountExternalId,product,mrr,startDate,seats";
    const bad = csvOf(
      header,
      "k-1,a-1,Michi Cloud,120000,2026-04-01,-5",
      "k-2,a-1,Michi Cloud,120000,2026-04-01,12.5",
      "k-3,a-1,Michi Cloud,120000,2026-04-01,many",
    );
    const refused = await upload("contracts", bad, { headers: csm.headers });
    expect(refused.status).toBe(422);
    expect(refused.json.errors.map((e: { pointer: string }) => e.pointer)).toEqual([
      "/rows/2/seats",
      "/rows/3/seats",
      "/rows/4/seats",
    ]);
    expect(await contractsOf(workspaceId)).toEqual([]);

    const good = csvOf(
      header,
      'k-1,a-1,Michi Cloud,120000,2026-04-01,"1,200"',
      "k-2,a-1,Michi Analytics,30000,2026-04-01,",
    );
    expect((await upload("contracts", good, { headers: csm.headers })).status).toBe(200);
    expect((await contractsOf(workspaceId)).map((k) => k.seats)).toEqual([1200, null]);

    // Without a seats column the stored seats stay; an empty cell clears them.
    const withoutSeats = csvOf(
      "externalId,accountExternalId,product,mrr,startDate",
      "k-1,a-1,Michi Cloud,130000,2026-04-01",
    );
    expect((await upload("contracts", withoutSeats, { headers: csm.headers })).status).toBe(200);
    expect((await contractsOf(workspaceId))[0]).toMatchObject({ mrrMinor: 130_000, seats: 1200 });
    const cleared = csvOf(header, "k-1,a-1,Michi Cloud,130000,2026-04-01,");
    expect((await upload("contracts", cleared, { headers: csm.headers })).status).toBe(200);
    expect((await contractsOf(workspaceId))[0]?.seats).toBeNull();
  });
});

describe("CSV export", () => {
  it("exports with a BOM and the import's columns, and the export imports back unchanged", async () => {
    const { workspaceId, csm } = await setup();
    const accountsFile = csvOf(
      "externalId,name,industry,segment,ownerEmail,touchModel,persona,challenges,successFactors",
      `a-1,株式会社サンプル物流,物流,enterprise,${csm.email},high,物流部長,"改行を含む
課題",`,
      'a-2,"Comma, Inc.",,,,,,"=HYPERLINK(""http://evil"")",',
    );
    const contactsFile = csvOf(
      "externalId,accountExternalId,name,email,title,department,notes",
      'c-1,a-1,山田 太郎,yamada@example.co.jp,部長,物流部,"""引用"" と +81-3-1234-5678"',
      "c-2,a-2,Jane Doe,,,,",
    );
    const contractsFile = csvOf(
      "externalId,accountExternalId,product,mrr,currency,startDate,endDate,status,seats",
      "k-1,a-1,Michi Cloud,120000,JPY,2026-04-01,2027-03-31,active,250",
      "k-2,a-2,Michi Analytics,99.5,USD,2025-10-01,,churned,",
    );
    for (const [entity, file] of [
      ["accounts", accountsFile],
      ["contacts", contactsFile],
      ["contracts", contractsFile],
    ] as const) {
      const res = await upload(entity, file, { headers: csm.headers });
      expect(res.status, res.text).toBe(200);
    }
    const before = {
      accounts: await accountsOf(workspaceId),
      contacts: await contactsOf(workspaceId),
      contracts: await contractsOf(workspaceId),
    };

    const exported: Record<string, string> = {};
    for (const entity of ["accounts", "contacts", "contracts"] as const) {
      const res = await download(`${entity}.csv`, csm.headers);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
      expect(res.headers.get("content-disposition")).toMatch(
        new RegExp(`attachment; filename="michi-${entity}-\\d{4}-\\d\\d-\\d\\d\\.csv"`),
      );
      expect([...res.bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      exported[entity] = res.text;
    }
    expect(exported.accounts).toContain(
      `${BOM}externalId,name,industry,segment,ownerEmail,touchModel,persona,challenges,successFactors,nameKana\r\n`,
    );
    // A formula is written with an apostrophe so a spreadsheet shows it as text.
    expect(exported.accounts).toContain(`"'=HYPERLINK(""http://evil"")"`);
    // The account's name last: a file read back by someone without IDs still names the account.
    expect(exported.contracts).toContain(
      "externalId,accountExternalId,product,mrr,currency,startDate,endDate,status,seats,accountName\r\n",
    );
    expect(exported.contracts).toContain(
      "k-1,a-1,Michi Cloud,120000,JPY,2026-04-01,2027-03-31,active,250,株式会社サンプル物流\r\n",
    );
    expect(exported.contracts).toContain(
      'k-2,a-2,Michi Analytics,99.50,USD,2025-10-01,,churned,,"Comma, Inc."\r\n',
    );

    for (const entity of ["accounts", "contacts", "contracts"] as const) {
      const preview = await upload(entity, exported[entity]!, {
        headers: csm.headers,
        dryRun: true,
      });
      expect(preview.json).toMatchObject({ totalRows: 2, created: 0, updated: 2, errors: [] });
      const real = await upload(entity, exported[entity]!, { headers: csm.headers });
      expect(real.status, real.text).toBe(200);
    }
    const withoutUpdatedAt = <T extends { updatedAt: Date }>(rows: T[]) =>
      rows.map(({ updatedAt: _u, ...rest }) => rest);
    expect(withoutUpdatedAt(await accountsOf(workspaceId))).toEqual(
      withoutUpdatedAt(before.accounts),
    );
    expect(withoutUpdatedAt(await contactsOf(workspaceId))).toEqual(
      withoutUpdatedAt(before.contacts),
    );
    expect(withoutUpdatedAt(await contractsOf(workspaceId))).toEqual(
      withoutUpdatedAt(before.contracts),
    );
    expect(before.accounts[1]?.profile.challenges).toBe('=HYPERLINK("http://evil")');
    expect(before.accounts[0]?.profile.challenges).toBe("改行を含む\n課題");
    expect(before.contracts.map((k) => k.seats)).toEqual([250, null]);
  });

  it("exports only the caller's workspace, and answers 400 for an unknown file", async () => {
    const a = await setup();
    const b = await setup();
    await buildAccount(ctx.db, { workspaceId: a.workspaceId, externalId: "mine", name: "Mine" });
    await buildAccount(ctx.db, { workspaceId: b.workspaceId, externalId: "theirs", name: "B" });
    const res = await download("accounts.csv", a.csm.headers);
    expect(res.text).toContain("mine,Mine");
    expect(res.text).not.toContain("theirs");
    expect((await download("users.csv", a.csm.headers)).status).toBe(400);
  });
});

/** Node's own (ICU) Shift_JIS decoder: another table than the server's iconv-lite. */
const decodeShiftJis = (bytes: Uint8Array) =>
  new TextDecoder("shift_jis", { fatal: true }).decode(bytes);

describe("Japanese files: Shift_JIS, Japanese headers, templates", () => {
  it("stores a フリガナ column in katakana, and a file without it leaves readings alone", async () => {
    const { workspaceId, csm } = await setup();
    const withReading = csvOf("外部ID,顧客名,フリガナ", "a-1,株式会社かもめ倉庫,かもめそうこ");
    expect((await upload("accounts", withReading, { headers: csm.headers })).status).toBe(200);
    expect((await accountsOf(workspaceId))[0]?.nameKana).toBe("カモメソウコ");
    const without = csvOf("外部ID,顧客名", "a-1,株式会社かもめ倉庫");
    expect((await upload("accounts", without, { headers: csm.headers })).status).toBe(200);
    expect((await accountsOf(workspaceId))[0]?.nameKana).toBe("カモメソウコ");
  });

  it("imports Shift_JIS files with Japanese headers and names, and the rows read back equal", async () => {
    const { workspaceId, csm } = await setup();
    const files = {
      accounts: csvOf(
        "外部ID,顧客名,業種,セグメント,担当者,タッチモデル,課題",
        `a-1,株式会社サンプル物流,物流,enterprise,${csm.email},high,"配車の属人化, 紙の日報"`,
        "a-2,髙橋製作所㈱,製造,mid-market,,low,①品質 ②納期",
      ),
      contacts: csvOf(
        "外部ID,顧客の外部ID,氏名,メールアドレス,役職,部署,メモ",
        "c-1,a-1,山田 太郎,yamada@example.co.jp,部長,物流部,最終評価者",
        "c-2,a-2,髙橋 花子,,課長,品質保証部,ｶﾀｶﾅも可",
      ),
      contracts: csvOf(
        "外部ID,顧客の外部ID,製品,MRR（月額）,契約開始日,契約終了日（更新日）,ライセンス数",
        'k-1,a-1,Michi クラウド,"￥120,000",2026/4/1,2027/3/31,50',
        "k-2,a-2,Michi 分析,30000,2026/5/1,,",
      ),
    };
    for (const entity of ["accounts", "contacts", "contracts"] as const) {
      const body = encodeShiftJisForTest(files[entity]);
      // Truly not UTF-8: the server has to tell.
      expect(() => new TextDecoder("utf-8", { fatal: true }).decode(body)).toThrow();
      const preview = await upload(entity, body, { headers: csm.headers, dryRun: true });
      expect(preview.status, preview.text).toBe(200);
      expect(preview.json).toMatchObject({ encoding: "shift_jis", totalRows: 2, errors: [] });
      const res = await upload(entity, body, { headers: csm.headers });
      expect(res.status, res.text).toBe(200);
      expect(res.json).toMatchObject({ encoding: "shift_jis", created: 2, updated: 0 });
    }
    expect(await accountsOf(workspaceId)).toMatchObject([
      {
        externalId: "a-1",
        name: "株式会社サンプル物流",
        industry: "物流",
        segment: "enterprise",
        ownerUserId: csm.user.id,
        touchModel: "high",
        profile: { challenges: "配車の属人化, 紙の日報" },
      },
      {
        externalId: "a-2",
        name: "髙橋製作所㈱",
        industry: "製造",
        ownerUserId: null,
        touchModel: "low",
        profile: { challenges: "①品質 ②納期" },
      },
    ]);
    expect(
      (await contactsOf(workspaceId)).map((c) => [c.name, c.title, c.department, c.notes]),
    ).toEqual([
      ["山田 太郎", "部長", "物流部", "最終評価者"],
      ["髙橋 花子", "課長", "品質保証部", "ｶﾀｶﾅも可"],
    ]);
    expect(await contractsOf(workspaceId)).toMatchObject([
      {
        product: "Michi クラウド",
        mrrMinor: 120_000,
        startDate: "2026-04-01",
        endDate: "2027-03-31",
        seats: 50,
      },
      {
        product: "Michi 分析",
        mrrMinor: 30_000,
        startDate: "2026-05-01",
        endDate: null,
        seats: null,
      },
    ]);
  });

  it("serves a template per file in each language and encoding, and each imports as it is", async () => {
    const { workspaceId, csm } = await setup();
    const names: string[] = [];
    for (const lang of ["ja", "en"] as const) {
      for (const encoding of ["utf-8-bom", "shift_jis"] as const) {
        for (const entity of ["accounts", "contacts", "contracts"] as const) {
          const res = await ctx.app.request(
            `/api/v1/import-templates/${entity}.csv?lang=${lang}&encoding=${encoding}`,
            { headers: csm.headers },
          );
          expect(res.status).toBe(200);
          expect(res.headers.get("content-disposition")).toBe(
            `attachment; filename="michi-${entity}-template-${lang}.csv"`,
          );
          const bytes = new Uint8Array(await res.arrayBuffer());
          const text =
            encoding === "shift_jis"
              ? decodeShiftJis(bytes)
              : new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
          if (encoding === "shift_jis") {
            expect(res.headers.get("content-type")).toBe("text/csv; charset=shift_jis");
          } else {
            expect(text.startsWith(BOM)).toBe(true);
          }
          const lines = text.replace(BOM, "").split("\r\n");
          expect(lines).toHaveLength(3);
          if (entity === "accounts") {
            expect(
              lines[0]?.startsWith(
                lang === "ja" ? "外部ID,顧客名,業種" : "External ID,Account name,Industry",
              ),
            ).toBe(true);
          }
          // The file as downloaded goes back through the importer.
          const imported = await upload(entity, bytes, { headers: csm.headers });
          expect(imported.status, `${entity} ${lang} ${encoding}: ${imported.text}`).toBe(200);
          expect(imported.json.totalRows).toBe(1);
          if (entity === "accounts") names.push(imported.json.rows[0].name);
        }
      }
    }
    expect(names).toEqual([
      "株式会社サンプル物流",
      "株式会社サンプル物流",
      "Example Logistics Inc.",
      "Example Logistics Inc.",
    ]);
    // Written over in place, in both languages: one row each.
    expect(await accountsOf(workspaceId)).toMatchObject([
      { externalId: "A-0001", name: "Example Logistics Inc." },
    ]);
    expect(await contactsOf(workspaceId)).toHaveLength(1);
    expect(await contractsOf(workspaceId)).toMatchObject([{ mrrMinor: 120_000, currency: "USD" }]);

    const viewer = await buildUser(ctx, { workspaceId, role: "viewer" });
    const byViewer = await ctx.app.request("/api/v1/import-templates/contacts.csv", {
      headers: viewer.headers,
    });
    expect(byViewer.status).toBe(200);
    expect(await byViewer.text()).toContain("外部ID,顧客の外部ID,氏名");
    const bad = await ctx.app.request("/api/v1/import-templates/accounts.csv?lang=fr", {
      headers: csm.headers,
    });
    expect(bad.status).toBe(400);
  });

  it("exports Shift_JIS that decodes to the UTF-8 export's text, and imports back unchanged", async () => {
    const { workspaceId, csm } = await setup();
    const file = csvOf(
      "externalId,name,industry,challenges",
      'a-1,髙橋製作所㈱,製造,"①品質\n②納期"',
      'a-2,株式会社サンプル物流,物流,"=SUM(A1:A2)"',
      "a-3,ｶﾀｶﾅ商事,～波ダッシュ～,",
    );
    expect((await upload("accounts", file, { headers: csm.headers })).status).toBe(200);
    const before = await accountsOf(workspaceId);

    const utf8 = await download("accounts.csv", csm.headers, "?encoding=utf-8-bom");
    const plain = await download("accounts.csv", csm.headers);
    expect(plain.bytes).toEqual(utf8.bytes);
    const sjis = await download("accounts.csv", csm.headers, "?encoding=shift_jis");
    expect(sjis.status).toBe(200);
    expect(sjis.headers.get("content-type")).toBe("text/csv; charset=shift_jis");
    expect(sjis.headers.get("content-disposition")).toMatch(
      /filename="michi-accounts-\d{4}-\d\d-\d\d\.csv"/,
    );
    expect(sjis.bytes[0]).toBe("e".charCodeAt(0));
    expect(decodeShiftJis(sjis.bytes)).toBe(utf8.text.replace(BOM, ""));
    expect(decodeShiftJis(sjis.bytes)).toContain("a-1,髙橋製作所㈱,製造,,,,,");

    const again = await upload("accounts", sjis.bytes, { headers: csm.headers });
    expect(again.json).toMatchObject({ encoding: "shift_jis", created: 0, updated: 3 });
    const after = await accountsOf(workspaceId);
    expect(after.map(({ updatedAt: _u, ...rest }) => rest)).toEqual(
      before.map(({ updatedAt: _u, ...rest }) => rest),
    );
  });

  it("refuses a Shift_JIS export with a character it cannot hold, naming each cell (422)", async () => {
    const { workspaceId, csm } = await setup();
    await buildAccount(ctx.db, { workspaceId, externalId: "a-1", name: "𠮷野商店" });
    await buildAccount(ctx.db, {
      workspaceId,
      externalId: "a-2",
      name: "Fine",
      industry: "10〜20名",
    });
    const res = await download("accounts.csv", csm.headers, "?encoding=shift_jis");
    expect(res.status).toBe(422);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    const problem = JSON.parse(res.text);
    expect(problem.detail).toContain("2 cells cannot be written in Shift_JIS");
    expect(problem.detail).toContain("UTF-8");
    expect(problem.errors).toEqual([
      // Rows in the export's order: by name.
      {
        row: 2,
        field: "industry",
        pointer: "/rows/2/industry",
        message: "has “〜” (U+301C), which Shift_JIS cannot hold (externalId a-2)",
        code: "csv-not-shift-jis",
        params: { chars: "“〜” (U+301C)" },
      },
      {
        row: 3,
        field: "name",
        pointer: "/rows/3/name",
        message: "has “𠮷” (U+20BB7), which Shift_JIS cannot hold (externalId a-1)",
        code: "csv-not-shift-jis",
        params: { chars: "“𠮷” (U+20BB7)" },
      },
    ]);
    // UTF-8 holds them.
    const utf8 = await download("accounts.csv", csm.headers, "?encoding=utf-8-bom");
    expect(utf8.text).toContain("𠮷野商店");
    expect((await download("accounts.csv", csm.headers, "?encoding=latin1")).status).toBe(400);
  });
});

describe("CSV import: limits, encodings, roles and tenants", () => {
  it("answers 413 problem+json for a body over 10 MB and stores nothing", async () => {
    const { workspaceId, csm } = await setup();
    const line = "a-0000000,Some account name that is fairly long\r\n";
    const big = `externalId,name\r\n${line.repeat(Math.ceil((10 * 1024 * 1024) / line.length) + 1)}`;
    expect(big.length).toBeGreaterThan(10 * 1024 * 1024);
    const res = await upload("accounts", big, { headers: csm.headers });
    expect(res.status).toBe(413);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    expect(res.json).toMatchObject({ status: 413, title: "Payload too large" });
    expect(await accountsOf(workspaceId)).toEqual([]);
  });

  it("reads Shift_JIS bytes, honours a declared charset, refuses non-CSV content types", async () => {
    const { csm } = await setup();
    // "externalId,name\r\na-1,あ" with あ in Shift_JIS (0x82 0xA0), as Excel's plain "CSV" saves it.
    const sjis = new Uint8Array([
      ...new TextEncoder().encode("externalId,name\r\na-1,"),
      0x82,
      0xa0,
    ]);
    for (const contentType of [
      "text/csv",
      "text/csv; charset=utf-8",
      "text/csv; charset=shift_jis",
    ]) {
      const res = await upload("accounts", sjis, {
        headers: csm.headers,
        dryRun: true,
        contentType,
      });
      expect(res.status, contentType).toBe(200);
      expect(res.json.encoding).toBe("shift_jis");
      expect(res.json.rows).toEqual([{ row: 2, action: "create", externalId: "a-1", name: "あ" }]);
    }
    const json = await upload("accounts", "{}", {
      headers: csm.headers,
      contentType: "application/json",
    });
    expect(json.status).toBe(415);
    // あ in EUC-JP, as its charset says.
    const eucJp = new Uint8Array([
      ...new TextEncoder().encode("externalId,name\na-1,"),
      0xa4,
      0xa2,
    ]);
    const declared = await upload("accounts", eucJp, {
      headers: csm.headers,
      dryRun: true,
      contentType: "text/csv; charset=euc-jp",
    });
    expect(declared.json).toMatchObject({ encoding: "euc-jp", rows: [{ name: "あ" }] });
    const octet = await upload("accounts", "externalId,name\na-1,X\n", {
      headers: csm.headers,
      dryRun: true,
      contentType: "application/octet-stream",
    });
    expect(octet.json.totalRows).toBe(1);
  });

  it("answers 415 problem+json for bytes that are neither UTF-8 nor Shift_JIS, storing nothing", async () => {
    const { workspaceId, csm } = await setup();
    const head = new TextEncoder().encode("externalId,name\r\na-1,One\r\na-2,");
    const cases = [
      // A lead byte with nothing after it.
      { body: new Uint8Array([...head, 0x82]), detail: "line 3" },
      // A BOM, then Shift_JIS.
      { body: new Uint8Array([0xef, 0xbb, 0xbf, ...head, 0x82, 0xa0]), detail: "has a BOM" },
      { body: new Uint8Array([0xff, 0xfe, 0x61, 0x00]), detail: "UTF-16" },
    ];
    for (const { body, detail } of cases) {
      for (const dryRun of [true, false]) {
        const res = await upload("accounts", body, { headers: csm.headers, dryRun });
        expect(res.status).toBe(415);
        expect(res.headers.get("content-type")).toContain("application/problem+json");
        expect(res.json).toMatchObject({ status: 415, title: "Unsupported media type" });
        expect(res.json.detail).toContain(detail);
        expect(res.json.detail).toContain("CSV UTF-8");
      }
    }
    const klingon = await upload("accounts", "externalId,name\n", {
      headers: csm.headers,
      contentType: "text/csv; charset=klingon",
    });
    expect(klingon.status).toBe(415);
    expect(klingon.json.detail).toContain("klingon");
    expect(await accountsOf(workspaceId)).toEqual([]);
  });

  it("rejects an unknown entity and a bad dryRun value with 400", async () => {
    const { csm } = await setup();
    expect((await upload("users", "x", { headers: csm.headers })).status).toBe(400);
    const res = await ctx.app.request("/api/v1/import/accounts?dryRun=yes", {
      method: "POST",
      headers: { "content-type": "text/csv", ...csm.headers },
      body: "externalId,name\n",
    });
    expect(res.status).toBe(400);
  });

  it("lets a viewer export but not import; an API key imports", async () => {
    const { workspaceId } = await setup();
    const viewer = await buildUser(ctx, { workspaceId, role: "viewer" });
    const file = csvOf("externalId,name", "a-1,Viewer's");
    for (const dryRun of [true, false]) {
      const res = await upload("accounts", file, { headers: viewer.headers, dryRun });
      expect(res.status).toBe(403);
    }
    expect((await download("accounts.csv", viewer.headers)).status).toBe(200);
    expect(await accountsOf(workspaceId)).toEqual([]);
    const key = await buildApiKey(ctx, { workspaceId });
    const res = await upload("accounts", file, key);
    expect(res.status).toBe(200);
    expect(await accountsOf(workspaceId)).toHaveLength(1);
    expect((await upload("accounts", file, { headers: {} })).status).toBe(401);
  });

  it("never reads or writes another workspace's rows", async () => {
    const a = await setup();
    const b = await setup();
    const accountB = await buildAccount(ctx.db, {
      workspaceId: b.workspaceId,
      externalId: "shared-1",
      name: "B's account",
    });
    const contactsFile = csvOf("externalId,accountExternalId,name", "c-1,shared-1,Intruder");
    const res = await upload("contacts", contactsFile, { headers: a.csm.headers });
    expect(res.status).toBe(422);
    expect(res.json.errors[0]).toMatchObject({ row: 2, field: "accountExternalId" });

    const accountsFile = csvOf("externalId,name", "shared-1,A's own account");
    const created = await upload("accounts", accountsFile, { headers: a.csm.headers });
    expect(created.json).toMatchObject({ created: 1, updated: 0 });
    const [stillB] = await ctx.db
      .select()
      .from(accounts)
      .where(and(eq(accounts.workspaceId, b.workspaceId), eq(accounts.id, accountB.id)));
    expect(stillB?.name).toBe("B's account");
    expect(await contactsOf(b.workspaceId)).toEqual([]);
  });
});

describe("importCsv (the CLI's entry)", () => {
  it("imports as the system actor and throws validation-failed with every problem", async () => {
    const { workspaceId } = await setup();
    const system = { kind: "system", workspaceId, role: "admin" } as const;
    const bad = csvOf("externalId,name,touchModel", "a-1,One,medium", "a-2,,high");
    const error = await importCsv(ctx.db, system, {
      entity: "accounts",
      csv: bad,
      dryRun: false,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("validation-failed");
    expect((error as AppError).errors.map((e) => e.pointer)).toEqual([
      "/rows/2/touchModel",
      "/rows/3/name",
    ]);
    expect(await accountsOf(workspaceId)).toEqual([]);

    const result = await importCsv(ctx.db, system, {
      entity: "accounts",
      csv: `${BOM}externalId,name\na-1,One\n`,
      dryRun: false,
    });
    expect(result).toMatchObject({ dryRun: false, created: 1, totalRows: 1 });
  });

  it("writes thousands of rows in a few statements", async () => {
    const { workspaceId } = await setup();
    const system = { kind: "system", workspaceId, role: "admin" } as const;
    await buildAccount(ctx.db, { workspaceId, externalId: "a-1" });
    const lines = Array.from({ length: 2500 }, (_, i) => `c-${i},a-1,担当者 ${i},p${i}@example.jp`);
    const csv = csvOf("externalId,accountExternalId,name,email", ...lines);
    const first = await importCsv(ctx.db, system, { entity: "contacts", csv, dryRun: false });
    expect(first).toMatchObject({ created: 2500, updated: 0 });
    const second = await importCsv(ctx.db, system, { entity: "contacts", csv, dryRun: false });
    expect(second).toMatchObject({ created: 0, updated: 2500 });
    expect(await contactsOf(workspaceId)).toHaveLength(2500);
  });
});

describe("OpenAPI", () => {
  it("documents import and export", async () => {
    const doc = await call(ctx, "GET", "/api/openapi.json");
    expect(doc.json.paths["/api/v1/import/{entity}"].post.requestBody.content).toHaveProperty(
      "text/csv",
    );
    const exportOp = doc.json.paths["/api/v1/export/{file}"].get;
    expect(exportOp.parameters.map((p: { name: string }) => p.name)).toContain("encoding");
    const template = doc.json.paths["/api/v1/import-templates/{file}"].get;
    expect(template.parameters.map((p: { name: string }) => p.name).sort()).toEqual([
      "encoding",
      "file",
      "lang",
    ]);
  });
});
