import { describe, expect, it } from "vitest";
import {
  charactersOutsideShiftJis,
  decodeCsvBytes,
  MAX_LISTED_CELLS,
  writeCsvFile,
} from "./csv-file";

/*
 * Shift_JIS bytes are written out by hand here (as Python's own cp932 codec
 * gives them), so that these tests do not check iconv-lite against itself.
 */
const ascii = (text: string) => [...new TextEncoder().encode(text)];
/** 外部ID,顧客名 */
const SJIS_HEADER = [0x8a, 0x4f, 0x95, 0x94, 0x49, 0x44, 0x2c, 0x8c, 0xda, 0x8b, 0x71, 0x96, 0xbc];
/** 株式会社サンプル物流 */
const SJIS_NAME = [
  0x8a, 0x94, 0x8e, 0xae, 0x89, 0xef, 0x8e, 0xd0, 0x83, 0x54, 0x83, 0x93, 0x83, 0x76, 0x83, 0x8b,
  0x95, 0xa8, 0x97, 0xac,
];
const bytes = (...parts: number[][]) => new Uint8Array(parts.flat());
const utf8 = (text: string) => new TextEncoder().encode(text);

describe("decodeCsvBytes", () => {
  it("reads UTF-8 with and without a BOM, dropping the BOM", () => {
    const text = "外部ID,顧客名\r\na-1,株式会社サンプル物流\r\n";
    expect(decodeCsvBytes(utf8(text))).toEqual({ ok: true, text, encoding: "utf-8" });
    expect(decodeCsvBytes(utf8(`\uFEFF${text}`))).toEqual({ ok: true, text, encoding: "utf-8" });
    expect(decodeCsvBytes(utf8(text), "UTF-8")).toEqual({ ok: true, text, encoding: "utf-8" });
  });

  it("reads plain ASCII as UTF-8", () => {
    expect(decodeCsvBytes(utf8("externalId,name\n"))).toMatchObject({ encoding: "utf-8" });
  });

  it("reads bytes that are not UTF-8 but are CP932 as Shift_JIS, Excel's extensions included", () => {
    const file = bytes(SJIS_HEADER, ascii("\r\na-1,"), SJIS_NAME, ascii(",\x1a\r\n"));
    expect(decodeCsvBytes(file)).toEqual({
      ok: true,
      // 0x1A stays 0x1A (Node's ICU "shift_jis" would make it U+001C).
      text: "外部ID,顧客名\r\na-1,株式会社サンプル物流,\x1a\r\n",
      encoding: "shift_jis",
    });
    // NEC and IBM extensions: ①㈱, and 髙 in both of its CP932 codes.
    const extended = bytes([0x87, 0x40, 0x87, 0x8a, 0xee, 0xe0, 0xfb, 0xfc, 0x81, 0x60]);
    expect(decodeCsvBytes(extended)).toMatchObject({ text: "①㈱髙髙～", encoding: "shift_jis" });
  });

  it("reads Shift_JIS even when the request says utf-8, the label many clients put on any file", () => {
    expect(decodeCsvBytes(bytes(SJIS_HEADER), "utf-8")).toMatchObject({
      ok: true,
      text: "外部ID,顧客名",
      encoding: "shift_jis",
    });
  });

  it("honours a charset the request names", () => {
    expect(decodeCsvBytes(bytes(SJIS_HEADER), "Shift_JIS")).toMatchObject({
      text: "外部ID,顧客名",
      encoding: "shift_jis",
    });
    expect(decodeCsvBytes(bytes(SJIS_HEADER), "windows-31j")).toMatchObject({ ok: true });
    // あ in EUC-JP
    expect(decodeCsvBytes(bytes([0xa4, 0xa2]), "euc-jp")).toEqual({
      ok: true,
      text: "あ",
      encoding: "euc-jp",
    });
    expect(decodeCsvBytes(bytes([0x82]), "shift_jis")).toMatchObject({
      ok: false,
      reason: "undecodable",
    });
    expect(decodeCsvBytes(utf8("a"), "klingon")).toMatchObject({
      ok: false,
      reason: "unsupported-charset",
      message: expect.stringContaining("klingon"),
    });
  });

  it("refuses bytes that are neither, naming the line, and never returns garbled text", () => {
    // Line 3 holds a lead byte followed by a line break: neither UTF-8 nor CP932.
    const broken = bytes(SJIS_HEADER, ascii("\r\na-1,"), SJIS_NAME, ascii("\r\na-2,"), [0x82]);
    const result = decodeCsvBytes(broken);
    expect(result).toEqual({
      ok: false,
      reason: "undecodable",
      message: expect.stringContaining("neither UTF-8 nor Shift_JIS"),
    });
    expect(result.ok ? "" : result.message).toContain("read as Shift_JIS, line 3");
    // Mostly UTF-8 with one stray byte: the UTF-8 reading goes further.
    const mostlyUtf8 = bytes(ascii("a,b\n"), [...utf8("株式会社\n")], [0xff]);
    const second = decodeCsvBytes(mostlyUtf8);
    expect(second.ok ? "" : second.message).toContain("read as UTF-8, line 3");
  });

  it("refuses a BOM followed by bytes that are not UTF-8, and UTF-16", () => {
    expect(decodeCsvBytes(bytes([0xef, 0xbb, 0xbf], SJIS_HEADER))).toMatchObject({
      ok: false,
      message: expect.stringContaining("has a BOM"),
    });
    expect(decodeCsvBytes(bytes([0xff, 0xfe, 0x61, 0x00]))).toMatchObject({
      ok: false,
      message: expect.stringContaining("UTF-16"),
    });
  });
});

describe("charactersOutsideShiftJis", () => {
  it("lists what CP932 cannot hold as it is, once each", () => {
    expect(charactersOutsideShiftJis("株式会社サンプル①㈱髙～ｱ abc")).toEqual([]);
    expect(charactersOutsideShiftJis("10〜20名〜 café 😀 𠮷野家 ¥100")).toEqual([
      "〜",
      "é",
      "😀",
      "𠮷",
      "¥",
    ]);
  });
});

describe("writeCsvFile", () => {
  const data = {
    fields: ["externalId", "name", "notes"],
    rows: [
      ["a-1", "株式会社サンプル物流", "=1+1"],
      ["a-2", "髙橋商事 ①", null],
    ],
  };
  const expectedText = `externalId,name,notes\r\na-1,株式会社サンプル物流,"'=1+1"\r\na-2,髙橋商事 ①,\r\n`;

  it("writes UTF-8 with a BOM and CRLF, formulas behind an apostrophe", () => {
    const written = writeCsvFile(data, "utf-8-bom");
    if (!written.ok) throw new Error("not written");
    expect(written.contentType).toBe("text/csv; charset=utf-8");
    expect([...written.bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder().decode(written.bytes)).toBe(expectedText);
  });

  it("writes Shift_JIS that another decoder reads back as the same text", () => {
    const written = writeCsvFile(data, "shift_jis");
    if (!written.ok) throw new Error("not written");
    expect(written.contentType).toBe("text/csv; charset=shift_jis");
    expect([...written.bytes.slice(0, 3)]).toEqual(ascii("ext"));
    // Node's own (ICU) decoder, not iconv-lite.
    expect(new TextDecoder("shift_jis", { fatal: true }).decode(written.bytes)).toBe(expectedText);
    const at = ascii("externalId,name,notes\r\na-1,").length;
    expect([...written.bytes.slice(at, at + SJIS_NAME.length)]).toEqual(SJIS_NAME);
  });

  it("refuses, cell by cell, text that Shift_JIS cannot hold rather than writing ?", () => {
    const written = writeCsvFile(
      {
        fields: ["externalId", "name", "notes"],
        rows: [
          ["a-1", "株式会社サンプル", "10〜20名"],
          ["a-2", "Café 😀", "¥100"],
        ],
      },
      "shift_jis",
    );
    expect(written).toEqual({
      ok: false,
      total: 3,
      problems: [
        {
          row: 2,
          field: "notes",
          message: "has “〜” (U+301C), which Shift_JIS cannot hold (externalId a-1)",
          code: "csv-not-shift-jis",
          params: { chars: "“〜” (U+301C)" },
        },
        {
          row: 3,
          field: "name",
          message: "has “é” (U+00E9), “😀” (U+1F600), which Shift_JIS cannot hold (externalId a-2)",
          code: "csv-not-shift-jis",
          params: { chars: "“é” (U+00E9), “😀” (U+1F600)" },
        },
        {
          row: 3,
          field: "notes",
          message: "has “¥” (U+00A5), which Shift_JIS cannot hold (externalId a-2)",
          code: "csv-not-shift-jis",
          params: { chars: "“¥” (U+00A5)" },
        },
      ],
    });
  });

  it("lists at most MAX_LISTED_CELLS cells but counts them all", () => {
    const rows = Array.from({ length: MAX_LISTED_CELLS + 5 }, (_, i) => [`a-${i}`, "😀"]);
    const written = writeCsvFile({ fields: ["externalId", "name"], rows }, "shift_jis");
    expect(written.ok).toBe(false);
    if (written.ok) return;
    expect(written.problems).toHaveLength(MAX_LISTED_CELLS);
    expect(written.total).toBe(MAX_LISTED_CELLS + 5);
  });
});
