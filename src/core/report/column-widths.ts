/**
 * Column widths from what the cells show: each column as wide as its widest formatted value (totals
 * included), so no spreadsheet shows "###" for a number wider than its column. One rule for the
 * Sheets writer and the .xlsx writer: SheetWriter.build applies it to every report sheet.
 *
 * Widths are in pixels of the spreadsheets' default fonts (Arial 10 in Sheets, Calibri 11 in Excel,
 * their metric twins in LibreOffice): about 7 px a digit or Latin letter, twice that for Hangul and
 * CJK, a tenth more in bold, plus the cell's padding.
 */
import { isDate } from "../cells";
import { isFormula, type RangeStyle, type ReportCell } from "./model";

const CHARACTER = 7;
const PADDING = 12;
/** The default column width of Sheets and Excel. */
export const DEFAULT_WIDTH = 64;
/** Text wider than this is cut by its neighbour rather than widening the column (numbers never are). */
const MAX_TEXT_WIDTH = 360;

const WIDE = /[\u1100-\u11ff\u3000-\u9fff\uac00-\ud7af\uff00-\uffef]/g;

/** Pixels a text takes in the default font. */
export function textWidth(text: string, bold = false): number {
  const wide = text.match(WIDE)?.length ?? 0;
  return Math.ceil((text.length + wide) * CHARACTER * (bold ? 1.1 : 1));
}

/** How the report's languages group digits and mark decimals in text they write themselves. */
const SEPARATORS: Record<string, { group: string; decimal: string }> = {
  ru: { group: "\u00a0", decimal: "," },
};

/** The digits in groups of three from the right (a loop: the look-ahead pattern for it is quadratic). */
function grouped(digits: string, group: string): string {
  let out = digits.slice(0, digits.length % 3 || 3);
  for (let i = out.length; i < digits.length; i += 3) out += group + digits.slice(i, i + 3);
  return out;
}

/**
 * A number as a spreadsheet format pattern of the report shows it (`"$"#,##0.00`, `0.0%`,
 * `0.00"x"`, `#,##0.00 "₽"`, `General`), with the separators of `language`. Covers the patterns the
 * report writes (model.ts FORMATS and currencyFormat), not the whole format language.
 * @example formatNumber(3364566.314, '"£"#,##0.00') // "£3,364,566.31"
 */
export function formatNumber(value: number, pattern: string, language = "en"): string {
  const { group, decimal } = SEPARATORS[language] ?? { group: ",", decimal: "." };
  const section = pattern.split(";")[0];
  const digits = /[#0][#0,]*(\.0+)?%?/.exec(section.replace(/"[^"]*"/g, (q) => "\u0000".repeat(q.length)));
  if (!digits || section === "General" || section === "@") {
    return String(Math.round(value * 1e6) / 1e6);
  }
  const decimals = digits[1] ? digits[1].length - 1 : 0;
  const percent = digits[0].endsWith("%");
  const scaled = Math.abs(percent ? value * 100 : value).toFixed(decimals);
  const [whole, fraction] = scaled.split(".");
  const number =
    (digits[0].includes(",") ? grouped(whole, group) : whole) +
    (fraction ? decimal + fraction : "") +
    (percent ? "%" : "");
  const sign = value < 0 && Number(scaled) !== 0 ? "-" : "";
  const before = section.slice(0, digits.index).replace(/"/g, "");
  const after = section.slice(digits.index + digits[0].length).replace(/"/g, "");
  return `${sign}${before}${number}${after}`;
}

/** A date as a `yyyy-mm-dd`-like pattern shows it at its widest (two-digit month and day). */
function formatDate(date: Date, pattern: string): string {
  const d = date.toISOString();
  return pattern
    .replace(/"/g, "")
    .replace(/yyyy/g, d.slice(0, 4))
    .replace(/mm?/g, d.slice(5, 7))
    .replace(/dd?/g, d.slice(8, 10));
}

/** What a cell shows under a number format, as text. */
export function shownText(cell: ReportCell, pattern = "General"): string {
  const value = isFormula(cell) ? cell.value : cell;
  if (value === null || value === undefined) return "";
  if (isDate(value)) return formatDate(value, /[ymd]/.test(pattern) ? pattern : "yyyy-mm-dd");
  if (typeof value === "number") return formatNumber(value, pattern);
  return String(value);
}

/**
 * Lines a text takes wrapped in a column `width` pixels wide: word by word as spreadsheets wrap, a
 * word wider than the column broken across lines. Sheets grows such rows itself; Excel and
 * LibreOffice keep the height a file gives them.
 */
export function wrappedLines(text: string, width: number, bold = false): number {
  const room = Math.max(width - PADDING, CHARACTER);
  const space = textWidth(" ", bold);
  let lines = 0;
  for (const paragraph of text.split("\n")) {
    lines++;
    let line = 0;
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      const wordWidth = textWidth(word, bold);
      if (line > 0 && line + space + wordWidth > room) {
        lines++;
        line = 0;
      }
      line += (line > 0 ? space : 0) + wordWidth;
      while (line > room) {
        lines++;
        line -= room;
      }
    }
  }
  return lines;
}

export interface Look {
  format?: string;
  bold: boolean;
  wrap: boolean;
}

/** Each cell's number format, weight and wrapping, the later style winning as in both writers. */
export function looks(cells: readonly ReportCell[][], styles: readonly RangeStyle[]): Look[][] {
  const grid = cells.map((row) => row.map((): Look => ({ bold: false, wrap: false })));
  for (const style of styles) {
    const { row, column, rows, columns } = style.range;
    for (let r = row; r < Math.min(row + rows, grid.length + 1); r++) {
      const line = grid[r - 1];
      for (let c = column; c < Math.min(column + columns, line.length + 1); c++) {
        const look = line[c - 1];
        if (style.numberFormat) look.format = style.numberFormat;
        if (style.bold !== undefined) look.bold = style.bold;
        if (style.wrap !== undefined) look.wrap = style.wrap;
      }
    }
  }
  return grid;
}

const blank = (cell: ReportCell | undefined) => cell === null || cell === undefined || cell === "";

/**
 * The pixels each column needs: its widest number or date as formatted; its widest text that cannot
 * spill into an empty neighbour (at most {@link MAX_TEXT_WIDTH}); for wrapped text, its longest word.
 * Text with an empty cell to its right (titles, notes) spills over and needs nothing.
 */
export function neededWidths(
  cells: readonly ReportCell[][],
  styles: readonly RangeStyle[],
): Record<number, number> {
  const grid = looks(cells, styles);
  const widths: Record<number, number> = {};
  cells.forEach((row, r) => {
    row.forEach((cell, c) => {
      if (blank(cell)) return;
      const look = grid[r][c];
      const text = shownText(cell, look.format);
      const value = isFormula(cell) ? cell.value : cell;
      let width: number;
      if (typeof value !== "string") width = textWidth(text, look.bold);
      else if (look.wrap) width = Math.max(...text.split(/\s+/).map((word) => textWidth(word, look.bold)));
      else if (blank(row[c + 1])) return;
      else width = Math.min(MAX_TEXT_WIDTH, textWidth(text, look.bold));
      widths[c + 1] = Math.max(widths[c + 1] ?? 0, width + PADDING);
    });
  });
  return widths;
}

/**
 * The sheet's widths: every column with content, by runs of neighbours the sheet gave the same width
 * (or none), each run as wide as its widest value needs and never narrower than chosen. A run stays
 * one width (a matrix's period columns alike), so the Sheets writer sets it in one call whatever the
 * data: its calls depend on the sheet's shape, not on its values.
 */
export function fittedWidths(
  cells: readonly ReportCell[][],
  styles: readonly RangeStyle[],
  chosen: Readonly<Record<number, number>>,
): Record<number, number> {
  const widths: Record<number, number> = { ...chosen };
  const needed = neededWidths(cells, styles);
  const used = cells.reduce((n, row) => Math.max(n, row.length), 0);
  const sameRun = (a: number, b: number) => chosen[a] === chosen[b];
  for (let start = 1; start <= used; ) {
    let end = start;
    while (end < used && sameRun(end + 1, start)) end++;
    let width = chosen[start] ?? DEFAULT_WIDTH;
    for (let c = start; c <= end; c++) width = Math.max(width, needed[c] ?? 0);
    for (let c = start; c <= end; c++) widths[c] = width;
    start = end + 1;
  }
  return widths;
}
