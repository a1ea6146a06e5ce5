import { CSV_FORMULA_TRIGGER, type CsvProblem, coded } from "@michi/core";
import iconv from "iconv-lite";
import Papa from "papaparse";

/*
 * A CSV file's bytes, both ways: which encoding an upload is in, and writing a
 * download in the encoding asked for. Pure: bytes and text in, bytes, text or
 * problems out.
 *
 * "Shift_JIS" here is Microsoft's CP932 (Windows-31J), what Japanese Excel
 * writes when it saves "CSV (コンマ区切り)": JIS X 0208 with the NEC and IBM
 * extensions (①, ㈱, 髙). It is read and written with iconv-lite, not with
 * TextDecoder("shift_jis"): Node's ICU converter behind that name swaps the
 * control bytes 0x1A, 0x1C and 0x7F and refuses 0x80, where CP932 (and the
 * WHATWG encoding standard) do not, and TextEncoder writes UTF-8 only. One
 * library both ways means one table both ways (decision 0017).
 */
const CP932 = "cp932";

/** What an upload was read as: "utf-8", "shift_jis", or another charset the request named. */
export type CsvUploadEncoding = string;

/** What a download can be written as; UTF-8 with a BOM is the default. */
export const csvFileEncodings = ["utf-8-bom", "shift_jis"] as const;
export type CsvFileEncoding = (typeof csvFileEncodings)[number];

export type DecodedCsv =
  | { ok: true; text: string; encoding: CsvUploadEncoding }
  | { ok: false; reason: "unsupported-charset" | "undecodable"; message: string };

const SAVE_AS_UTF8 =
  "In Excel, save it as “CSV UTF-8 (comma delimited)” (CSV UTF-8（コンマ区切り）) or “CSV (comma delimited)” (CSV（コンマ区切り）).";

/** Charset names that mean CP932 in practice (Excel, Windows, the WHATWG labels). */
const shiftJisLabels = new Set([
  "shift_jis",
  "shift-jis",
  "sjis",
  "x-sjis",
  "ms_kanji",
  "csshiftjis",
  "windows-31j",
  "cp932",
  "ms932",
]);
const utf8Labels = new Set(["utf-8", "utf8", "unicode-1-1-utf-8"]);

const startsWith = (bytes: Uint8Array, prefix: readonly number[]) =>
  prefix.every((byte, index) => bytes[index] === byte);

/** The 1-based line of the first U+FFFD a lenient decoder left, or null for none. */
const lineOfFirstReplacement = (text: string): number | null => {
  const at = text.indexOf("\uFFFD");
  if (at < 0) return null;
  let line = 1;
  for (let i = 0; i < at; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
};

const strictUtf8 = (bytes: Uint8Array): string | null => {
  try {
    // A leading BOM is dropped (ignoreBOM: false).
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
};

/**
 * CP932, strictly: iconv-lite writes U+FFFD for every byte sequence CP932 does
 * not define (a lone lead byte, a bad trail byte, an unassigned code), and
 * CP932 maps nothing to U+FFFD, so a U+FFFD in its output means "not CP932".
 */
const decodeCp932 = (bytes: Uint8Array): { text: string; badLine: number | null } => {
  const text = iconv.decode(bytes, CP932, { stripBOM: false });
  return { text, badLine: lineOfFirstReplacement(text) };
};

const undecodable = (message: string): DecodedCsv => ({
  ok: false,
  reason: "undecodable",
  message,
});

/**
 * Reads an upload's bytes as text, honestly:
 * - a charset the request names is used (a Shift_JIS name means CP932); only
 *   "utf-8", which many clients put on every upload whatever the file, is
 *   treated as no charset at all;
 * - otherwise valid UTF-8 (with or without a BOM) is UTF-8;
 * - bytes that are not UTF-8 but are all valid CP932 are CP932;
 * - anything else is refused, naming the line where it stops being readable,
 *   never stored garbled.
 * A CP932 file whose text happens to be valid UTF-8 reads as UTF-8; with
 * Japanese text that practically never happens, and the dry run shows the
 * names as read before anything is stored.
 */
export const decodeCsvBytes = (bytes: Uint8Array, charset?: string): DecodedCsv => {
  const declared = charset?.trim().toLowerCase();
  if (declared && !utf8Labels.has(declared)) {
    if (shiftJisLabels.has(declared)) {
      const { text, badLine } = decodeCp932(bytes);
      return badLine === null
        ? { ok: true, text, encoding: "shift_jis" }
        : undecodable(
            `The file is not valid Shift_JIS (CP932) as its charset says: see line ${badLine}.`,
          );
    }
    let decoder: InstanceType<typeof TextDecoder>;
    try {
      decoder = new TextDecoder(declared, { fatal: true });
    } catch {
      return {
        ok: false,
        reason: "unsupported-charset",
        message: `The charset ${charset} is not supported; send UTF-8 or Shift_JIS.`,
      };
    }
    try {
      // Another charset the request names (EUC-JP, say) is read as such.
      return { ok: true, text: decoder.decode(bytes), encoding: declared };
    } catch {
      return undecodable(`The file is not valid ${charset} as its charset says.`);
    }
  }

  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) {
    const text = strictUtf8(bytes);
    if (text !== null) return { ok: true, text, encoding: "utf-8" };
    const line = lineOfFirstReplacement(new TextDecoder("utf-8").decode(bytes));
    return undecodable(
      `The file starts as UTF-8 (it has a BOM) but line ${line} is not UTF-8. ${SAVE_AS_UTF8}`,
    );
  }
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) {
    return undecodable(
      `The file is UTF-16 (Excel's “Unicode text”), which is not read here. ${SAVE_AS_UTF8}`,
    );
  }
  const utf8 = strictUtf8(bytes);
  if (utf8 !== null) return { ok: true, text: utf8, encoding: "utf-8" };
  const cp932 = decodeCp932(bytes);
  if (cp932.badLine === null) return { ok: true, text: cp932.text, encoding: "shift_jis" };

  // Neither: name the line where the likelier of the two (the one that read
  // further) stops making sense.
  const utf8Line = lineOfFirstReplacement(new TextDecoder("utf-8").decode(bytes)) ?? 1;
  const [likely, line] =
    utf8Line >= cp932.badLine ? ["UTF-8", utf8Line] : ["Shift_JIS", cp932.badLine];
  return undecodable(
    `The file is neither UTF-8 nor Shift_JIS (CP932): read as ${likely}, line ${line} has bytes that are not text. ${SAVE_AS_UTF8}`,
  );
};

/** "U+301C": how a character is named in a message. */
const codePoint = (char: string) =>
  `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`;

/** The distinct characters of a text that CP932 cannot hold as they are, in order. */
export const charactersOutsideShiftJis = (text: string): string[] => {
  const outside = new Set<string>();
  for (const char of text) {
    if (char.charCodeAt(0) < 0x80) continue;
    if (iconv.decode(iconv.encode(char, CP932), CP932) !== char) outside.add(char);
  }
  return [...outside];
};

/** At most this many cells are listed when a download cannot be written. */
export const MAX_LISTED_CELLS = 100;

export type CsvFileData = {
  fields: readonly string[];
  rows: readonly (readonly (string | null)[])[];
};

export type WrittenCsv =
  | { ok: true; bytes: Uint8Array<ArrayBuffer>; contentType: string }
  | { ok: false; problems: CsvProblem[]; total: number };

/**
 * The cells CP932 cannot hold, as problems: the row a spreadsheet shows (the
 * header is row 1), the column, the characters, and the first column's value
 * (an export's externalId) so that the record can be found.
 */
const findShiftJisProblems = (data: CsvFileData): { problems: CsvProblem[]; total: number } => {
  const problems: CsvProblem[] = [];
  let total = 0;
  const records = [data.fields, ...data.rows];
  for (const [index, record] of records.entries()) {
    for (const [column, cell] of record.entries()) {
      if (!cell) continue;
      const outside = charactersOutsideShiftJis(cell);
      if (outside.length === 0) continue;
      total++;
      if (problems.length >= MAX_LISTED_CELLS) continue;
      const chars = outside.map((char) => `“${char}” (${codePoint(char)})`).join(", ");
      const where = index > 0 && column > 0 ? ` (${data.fields[0]} ${record[0] ?? ""})` : "";
      problems.push({
        row: index + 1,
        field: data.fields[column] ?? null,
        message: `has ${chars}, which Shift_JIS cannot hold${where}`,
        ...coded("csv-not-shift-jis", { chars }),
      });
    }
  }
  return { problems, total };
};

/**
 * Writes a CSV file: CRLF line ends (what Excel writes), formula-like cells
 * behind an apostrophe (CSV injection), in the encoding asked for.
 *
 * UTF-8 gets a BOM, so that Excel reads it as UTF-8. Shift_JIS (CP932) is for
 * Excel setups that read nothing else. A character CP932 cannot hold (〜
 * U+301C as a Mac types it, an emoji, 𠮷, é, ¥ which CP932 writes as a
 * backslash) is NOT replaced: a "?" or a look-alike would import back as a
 * changed name, and an export must import back unchanged. The whole file is
 * refused instead, listing each cell, and UTF-8 remains the way to export it.
 */
export const writeCsvFile = (data: CsvFileData, encoding: CsvFileEncoding): WrittenCsv => {
  const text = `${Papa.unparse(
    { fields: [...data.fields], data: data.rows.map((row) => [...row]) },
    { newline: "\r\n", escapeFormulae: CSV_FORMULA_TRIGGER },
  )}\r\n`;
  if (encoding === "utf-8-bom") {
    return {
      ok: true,
      bytes: new TextEncoder().encode(`\uFEFF${text}`),
      contentType: "text/csv; charset=utf-8",
    };
  }
  const bytes = iconv.encode(text, CP932);
  // The common case costs one decode: a file that reads back the same holds no such cell.
  if (iconv.decode(bytes, CP932) === text) {
    return { ok: true, bytes: new Uint8Array(bytes), contentType: "text/csv; charset=shift_jis" };
  }
  const found = findShiftJisProblems(data);
  // CP932 is stateless, so a file that does not read back has such a cell.
  if (found.total === 0) throw new Error("A Shift_JIS file did not read back, yet every cell does");
  return { ok: false, ...found };
};
