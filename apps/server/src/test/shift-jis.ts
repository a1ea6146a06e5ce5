/**
 * A Shift_JIS encoder for tests, built by inverting Node's own decoder (ICU's
 * table), so that files made here check the import's reader (iconv-lite's
 * CP932 table) against another one, never against itself. Printable ASCII,
 * tab, CR and LF are written as themselves.
 */
let table: Map<string, number[]> | undefined;

const buildTable = () => {
  const decoder = new TextDecoder("shift_jis", { fatal: true });
  const map = new Map<string, number[]>();
  const add = (bytes: number[]) => {
    try {
      const char = decoder.decode(new Uint8Array(bytes));
      // The first code wins where two decode alike (髙 is 0xEEE0 and 0xFBFC).
      if ([...char].length === 1 && !map.has(char)) map.set(char, bytes);
    } catch {
      // Not a character in this table.
    }
  };
  for (let byte = 0xa1; byte <= 0xdf; byte++) add([byte]);
  for (let lead = 0x81; lead <= 0xfc; lead++) {
    if (lead >= 0xa0 && lead <= 0xdf) continue;
    for (let trail = 0x40; trail <= 0xfc; trail++) add([lead, trail]);
  }
  return map;
};

export const encodeShiftJisForTest = (text: string): Uint8Array => {
  table ??= buildTable();
  const out: number[] = [];
  for (const char of text) {
    const code = char.charCodeAt(0);
    if (code === 9 || code === 10 || code === 13 || (code >= 0x20 && code < 0x7f)) {
      out.push(code);
      continue;
    }
    const bytes = table.get(char);
    if (!bytes) throw new Error(`${char} has no Shift_JIS code in this test table`);
    out.push(...bytes);
  }
  return new Uint8Array(out);
};
