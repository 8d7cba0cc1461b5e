/**
 * Reads a CSV export as people get them: from Excel, Google Sheets, Shopify, a bank or a CRM. The
 * text may be UTF-8 (with or without a BOM), UTF-16 ("Unicode text" from Excel), or the legacy
 * Windows encodings Korean and Russian Excel still write (CP949, CP1251); the delimiter may be `,`,
 * `;` (locales with a decimal comma) or a tab. Parsing is csv-parse's; this module picks the
 * encoding and delimiter and turns its errors into one sentence that names the line.
 */
import { parse } from "csv-parse/sync";

export interface CsvTable {
  /** Records, the header first; every field a string. */
  rows: string[][];
  /** The file's 1-based line number where each record starts (quoted fields can span lines). */
  lines: number[];
  delimiter: "," | ";" | "\t";
  encoding: string;
}

/** A file that can't be read as a table; the message is for the person who gave the file. */
export class CsvError extends Error {
  override name = "CsvError";
}

/**
 * Decodes bytes: a BOM decides; else UTF-16 when every other byte is mostly zero; else strict UTF-8;
 * else CP949 (Korean Excel) when that reads as Hangul; else CP1251 (Russian Excel) or CP1252
 * (German, French, Spanish, Portuguese Excel; Latin-1 is its subset), told apart by the text
 * ({@link cyrillicText}), never by the delimiter. Russian text read as CP949 is mostly Hanja, which
 * tells them apart.
 */
export function decode(bytes: Uint8Array): { text: string; encoding: string } {
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    return { text: new TextDecoder("utf-16le").decode(bytes), encoding: "utf-16le" };
  if (bytes[0] === 0xfe && bytes[1] === 0xff)
    return { text: new TextDecoder("utf-16be").decode(bytes), encoding: "utf-16be" };
  const utf16 = utf16WithoutBom(bytes);
  try {
    if (utf16) return { text: new TextDecoder(utf16, { fatal: true }).decode(bytes), encoding: utf16 };
  } catch {
    // Not UTF-16 after all.
  }
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(bytes), encoding: "utf-8" };
  } catch {
    // Not UTF-8: a legacy Windows code page.
  }
  try {
    const text = new TextDecoder("euc-kr", { fatal: true }).decode(bytes);
    const wide = text.replace(/[^\u0080-\uffff]/g, "");
    const hangul = wide.replace(/[^\uac00-\ud7a3]/g, "");
    if (hangul.length >= 0.9 * wide.length) return { text, encoding: "euc-kr" };
  } catch {
    // Not CP949 either.
  }
  return cyrillicText(bytes)
    ? { text: new TextDecoder("windows-1251").decode(bytes), encoding: "windows-1251" }
    : { text: decodeWindows1252(bytes), encoding: "windows-1252" };
}

/**
 * Windows-1252's 0x80–0x9F block (€ ‚ ƒ „ … † ‡ ˆ ‰ Š ‹ Œ Ž ‘ ’ “ ” • – — ˜ ™ š › œ ž Ÿ; the five
 * unassigned bytes as themselves), as the WHATWG Encoding Standard's index-windows-1252 maps it.
 */
const CP1252_HIGH =
  "\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178";

/**
 * Windows-1252 text: Latin-1 but for the 0x80–0x9F block. Node 20.18.3+ and 22.13+ decode the label
 * "windows-1252" as Latin-1, so "–" (0x96) became a control character (nodejs/node#60888, #56542):
 * the block is mapped here rather than trusting the runtime.
 */
function decodeWindows1252(bytes: Uint8Array): string {
  const text = new TextDecoder("latin1").decode(bytes);
  return text.replace(/[\u0080-\u009f]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80]);
}

/**
 * Whether a single-byte text is Cyrillic (CP1251) rather than Western European (CP1252). Russian
 * words are all letters above 0xC0, so such bytes come in runs ("Сумма" is five); in German, French
 * or Spanish an accented letter sits between ASCII letters ("für", "Réseaux", "año"). Counted over
 * the letters above 0xC0: neighbours of their kind against lone ones.
 */
function cyrillicText(bytes: Uint8Array): boolean {
  let runs = 0;
  let lone = 0;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] < 0xc0) continue;
    const beside = (i > 0 && bytes[i - 1] >= 0xc0) || (i + 1 < bytes.length && bytes[i + 1] >= 0xc0);
    if (beside) runs++;
    else lone++;
  }
  return runs > lone;
}

/**
 * UTF-16 saved without a BOM: a CSV is mostly ASCII (digits, separators, line breaks), whose
 * characters have a zero high byte — the odd bytes in little-endian order, the even ones in big-endian.
 */
function utf16WithoutBom(bytes: Uint8Array): "utf-16le" | "utf-16be" | undefined {
  const n = Math.min(bytes.length, 4096) & ~1;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) even++;
    if (bytes[i + 1] === 0) odd++;
  }
  const pairs = n / 2;
  if (pairs < 2 || bytes.length % 2 !== 0) return undefined;
  if (odd > 0.3 * pairs && even < 0.05 * pairs) return "utf-16le";
  if (even > 0.3 * pairs && odd < 0.05 * pairs) return "utf-16be";
  return undefined;
}

/**
 * The compression of a file from its first bytes (gzip, zstd, bzip2, xz), or undefined. A compressed
 * CSV is refused, not unpacked: 116 KB of gzip can hold gigabytes of text, and its size on disk says
 * nothing of the rows to read.
 */
export function compression(bytes: Uint8Array): string | undefined {
  const starts = (...magic: number[]) => magic.every((b, i) => bytes[i] === b);
  if (starts(0x1f, 0x8b)) return "gzip";
  if (starts(0x28, 0xb5, 0x2f, 0xfd)) return "zstd";
  if (starts(0x42, 0x5a, 0x68)) return "bzip2";
  if (starts(0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00)) return "xz";
  return undefined;
}

/** The sentence for a compressed file, after its name. */
export function compressedText(kind: string): string {
  return `is compressed (${kind}) — decompress it first and give the .csv (the size of what it holds is then known before it is read)`;
}

/** What a file that is not text is, from its first bytes, or undefined for text. */
function notText(bytes: Uint8Array, text: string): string | undefined {
  const starts = (...magic: number[]) => magic.every((b, i) => bytes[i] === b);
  const compressed = compression(bytes);
  if (compressed) return compressedText(compressed);
  if (starts(0x50, 0x4b, 0x03, 0x04))
    return "is a zip file — an Excel workbook (.xlsx)? Save it as CSV first";
  if (starts(0xd0, 0xcf, 0x11, 0xe0)) return "is an Excel 97–2003 workbook (.xls) — save it as CSV first";
  // NUL or other control characters a text file doesn't have (tab, line breaks and form feed aside).
  const sample = text.slice(0, 65_536);
  let controls = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if (c < 9 || (c > 13 && c < 32) || c === 127) controls++;
    if (c === 0 || controls > 1 + sample.length / 100)
      return "is not a text file (it holds binary data) — export the transactions as CSV";
  }
  return undefined;
}

type Delimiter = CsvTable["delimiter"];

/** How many of a file's first lines the delimiter is guessed from: a title or two and the table's first rows. */
const SNIFFED_LINES = 20;

/**
 * The delimiter of the table's rows: the candidate whose count outside quotes most of the first
 * {@link SNIFFED_LINES} non-blank lines share (more columns, then tab, comma, semicolon breaking a
 * tie). Ad platforms put a title and a date range above the header — Google Ads' UTF-16 export is
 * tab-separated under "Campaign report" and "March 1, 2024 - May 31, 2024" — so the first line alone
 * would guess a comma; the header and the rows under it agree on tabs. A `;` file of a decimal-comma
 * locale has its `;` on every row and its commas only in some amounts.
 */
export function sniffDelimiter(text: string): Delimiter {
  const lines: Record<Delimiter, number>[] = [];
  let counts = { ",": 0, ";": 0, "\t": 0 };
  let blank = true;
  let quoted = false;
  for (const char of text.replace(/^\ufeff/, "")) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === "\n" || char === "\r")) {
      if (!blank) lines.push(counts);
      if (lines.length === SNIFFED_LINES) break;
      counts = { ",": 0, ";": 0, "\t": 0 };
      blank = true;
      continue;
    } else if (!quoted && char in counts) counts[char as Delimiter]++;
    if (char > " ") blank = false;
  }
  if (!blank && lines.length < SNIFFED_LINES) lines.push(counts);
  let best: { delimiter: Delimiter; lines: number; columns: number } = {
    delimiter: ",",
    lines: 0,
    columns: 0,
  };
  for (const delimiter of ["\t", ",", ";"] as const) {
    const { count, lines: agreeing } = commonCount(lines.map((line) => line[delimiter]));
    if (agreeing > best.lines || (agreeing === best.lines && count > best.columns))
      best = { delimiter, lines: agreeing, columns: count };
  }
  return best.delimiter;
}

/** The count above zero the most lines have (the larger on a tie), and how many have it. */
function commonCount(counts: number[]): { count: number; lines: number } {
  const tally = new Map<number, number>();
  for (const count of counts) if (count > 0) tally.set(count, (tally.get(count) ?? 0) + 1);
  let best = { count: 0, lines: 0 };
  for (const [count, lines] of tally)
    if (lines > best.lines || (lines === best.lines && count > best.count)) best = { count, lines };
  return best;
}

interface Info {
  record: string[];
  info: { lines: number };
}

/** Parses CSV text. `file` names the file in error messages. */
export function parseCsvText(text: string, file: string, encoding = "utf-8"): CsvTable {
  const delimiter = sniffDelimiter(text);
  let records: Info[];
  try {
    // One kind of line break, whatever mix an editor left: csv-parse takes the first it meets.
    records = parse(text.replace(/\r\n?/g, "\n"), {
      bom: true,
      delimiter,
      relax_column_count: true,
      skip_empty_lines: true,
      skip_records_with_empty_values: true,
      info: true,
    }) as unknown as Info[];
  } catch (error) {
    const code = (error as { code?: string }).code;
    const opened = code === "CSV_QUOTE_NOT_CLOSED" ? unclosedQuoteLine(text, delimiter) : undefined;
    throw new CsvError(`${file}: ${describeParseError(error, opened)}`);
  }
  // Info.lines is the line a record ends on; a record spans as many lines as its line breaks.
  const rows = records.map((r) => r.record);
  const lines = records.map((r) => r.info.lines - r.record.join("").split("\n").length + 1);
  if (rows.length === 0)
    throw new CsvError(`${file}: the file is empty — export the transactions with a header row`);
  return { rows, lines, delimiter, encoding };
}

/** Reads and parses a CSV file's bytes. */
export function parseCsv(bytes: Uint8Array, file: string): CsvTable {
  const { text, encoding } = decode(bytes);
  const binary = notText(bytes, text);
  if (binary) throw new CsvError(`${file} ${binary}`);
  return parseCsvText(text, file, encoding);
}

/** csv-parse reports an unclosed quote at the end of the file; the person needs where it opened. */
function unclosedQuoteLine(text: string, delimiter: string): number | undefined {
  let line = 1;
  let openedAt: number | undefined;
  let previous = "\n";
  for (const char of text) {
    if (char === '"') {
      if (openedAt === undefined && (previous === delimiter || previous === "\n" || previous === "\r"))
        openedAt = line;
      else if (openedAt !== undefined) openedAt = undefined;
    }
    if (char === "\n") line++;
    previous = char;
  }
  return openedAt;
}

function describeParseError(error: unknown, line?: number): string {
  const e = error as { code?: string; lines?: number; message?: string };
  const at = line ?? e.lines;
  const where = at ? `line ${at}: ` : "";
  switch (e.code) {
    case "CSV_QUOTE_NOT_CLOSED":
      return `${where}a quoted field is never closed — a field that starts with " must end with "; check for a stray quote`;
    case "CSV_INVALID_CLOSING_QUOTE":
    case "CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE":
      return `${where}text follows a closing quote — write a quote inside a quoted field as ""`;
    default:
      return `${where}not a readable CSV (${(e.message ?? String(error)).slice(0, 160)}) — save the file as CSV (comma, semicolon or tab separated)`;
  }
}
