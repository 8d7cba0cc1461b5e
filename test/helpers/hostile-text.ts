/**
 * Text built to make a backtracking regular expression take polynomial or exponential time, and
 * every parser that reads text a user typed, pasted or exported: cells, headers, number formats,
 * CSV fields and the command line's and sidebar's inputs. Shared by test/core/hostile-text.test.ts
 * (a generous bound) and scripts/bench/hostile-text.ts (times against a linear scan).
 */

import { tableParts } from "../../src/addon/bigquery";
import { dataMessage } from "../../src/addon/data-errors";
import { currencySymbol } from "../../src/addon/source";
import { parseCsvText } from "../../src/cli/csv";
import { checkDayMonthOrder, withSerialDays } from "../../src/cli/dates";
import {
  type Cell,
  dayMonthParts,
  parseDateText,
  readDay,
  readId,
  readNumber,
  sheetContext,
  Where,
} from "../../src/core/cells";
import { parseRfmUnit } from "../../src/core/cohorts/rfm";
import { detectColumns, foldHeader, headerRole, looksLikeHeader } from "../../src/core/columns";
import { numberLocale, parseNumberText } from "../../src/core/number-text";
import { readSpendTable } from "../../src/core/report/spend";
import { dateColumnType, quoteName, quoteTable } from "../../src/core/sql/dialect";

/** The cell of issue 21: 612 characters of tabs around two times that took a sidebar 8 s to open. */
export const ISSUE_CELL = `x${"\t".repeat(300)}0:00\t${"\t".repeat(300)}\t0:00x`;

/** Units that repeat into backtracking-prone text: whitespace, digits, separators, date and time pieces. */
const UNITS = [
  " ",
  "\t",
  "\u00a0",
  "0",
  "1",
  "9",
  ",",
  ".",
  "-",
  "/",
  ":",
  "'",
  "%",
  "$",
  "(",
  ")",
  "T",
  "t",
  "x",
  "1 ",
  "1,",
  "1.",
  "1-",
  "1/",
  "12:",
  "0:00 ",
  "0:00\t",
  "\t0:00",
  "1 t",
  "T ",
  "t\t",
  "AM ",
  "P.M. ",
  "+09:00 ",
  "2024-01-01 ",
  "14 марта ",
  "Mar ",
  "1년 ",
  "년",
  "오후 ",
  "[$",
  "[$a-",
  '"',
  '"a',
  '\\"',
  "$1,",
  "1,23",
  "₩",
  "руб. ",
  "e1",
  "1e",
  'a column "',
  "is — ",
  "has 1,",
];

// biome-ignore format: one hostile shape a line
/** Hostile texts of about `length` characters. */
export function hostileTexts(length: number): { name: string; text: string }[] {
  const half = Math.floor(length / 2);
  const around = (unit: string, middle: string, end: string) =>
    `x${unit.repeat(half / unit.length)}${middle}${unit.repeat(half / unit.length)}${end}`;
  return [
    ...UNITS.map((unit) => ({ name: JSON.stringify(unit), text: unit.repeat(Math.ceil(length / unit.length)) })),
    ...UNITS.map((unit) => ({ name: `${JSON.stringify(unit)} then x`, text: `${unit.repeat(Math.ceil(length / unit.length))}x` })),
    { name: "the issue's cell, stretched", text: around("\t", "0:00\t", "\t0:00x") },
    { name: "spaces around times", text: around(" ", "10:00 PM ", " 10:00 PM +09:00x") },
    { name: "a date, then spaces", text: `2024-03-14${" ".repeat(length)}x` },
    { name: "a date and time, then tabs", text: `3/14/2024 10:00${"\t".repeat(length)}x` },
    { name: "digits, then a separator", text: `${"1".repeat(length)},` },
    { name: "a long fraction", text: `1.${"0".repeat(length)}` },
    { name: "a long time fraction", text: `2024-03-14 10:00:00.${"0".repeat(length)}x` },
    { name: "an unclosed [$", text: `[$${"a".repeat(length)}-0` },
    { name: "an unclosed quote", text: `"${"a".repeat(length)}` },
  ];
}

const EN = sheetContext("en_US");
const RU = sheetContext("ru_RU");
const KO = sheetContext("ko_KR");
const CH = numberLocale("de_CH");
const IN = numberLocale("en_IN");

/** A three-column table of orders with the text in a fourth, unused column of one row. */
function tableWith(text: string): Cell[][] {
  return [
    ["Customer", "Date", "Amount", "Note"],
    ["a", "2024-01-05", "10", ""],
    ["b", "2024-02-05", "12.50", text],
    ["a", "2024-03-05", "8", ""],
  ];
}

const swallow = (read: () => unknown) => {
  try {
    read();
  } catch {
    // A parser may refuse the text; only its time counts here.
  }
};

/** Each parser that reads user text, as a function of the text. */
// biome-ignore format: one parser a line
export const PARSERS: Record<string, (text: string) => unknown> = {
  "parseDateText (mdy)": (text) => parseDateText(text, EN.locale, "mdy"),
  "parseDateText (dmy, ru)": (text) => parseDateText(text, RU.locale, "dmy"),
  "parseDateText (ymd, ko)": (text) => parseDateText(text, KO.locale, "ymd"),
  dayMonthParts: (text) => dayMonthParts(text),
  "readDay": (text) => swallow(() => readDay(text, EN, new Where("F", "date"))),
  "readNumber (en_US)": (text) => swallow(() => readNumber(text, EN, new Where("F", "amount"))),
  "parseNumberText (ru_RU)": (text) => parseNumberText(text, RU.locale),
  "parseNumberText (de_CH)": (text) => parseNumberText(text, CH),
  "parseNumberText (en_IN)": (text) => parseNumberText(text, IN),
  readId: (text) => readId(text, new Where("F", "id")),
  foldHeader: (text) => foldHeader(text),
  headerRole: (text) => headerRole(text),
  looksLikeHeader: (text) => looksLikeHeader([text, "Date"], EN),
  "detectColumns (header)": (text) => swallow(() => detectColumns([[text, "Date", "Amount"], ["a", "2024-01-05", "1"]], EN)),
  "detectColumns (unused cell)": (text) => detectColumns(tableWith(text), EN),
  "readSpendTable": (text) => swallow(() => readSpendTable([["Month", "Spend"], [text, text]], EN)),
  "parseCsvText (a field)": (text) => parseCsvText(`Customer,Date,Amount,Note\na,2024-01-05,1,"${text.replace(/"/g, '""')}"\n`, "f.csv"),
  "parseCsvText (a line)": (text) => swallow(() => parseCsvText(`Customer,Date,Amount\n${text}\n`, "f.csv")),
  "checkDayMonthOrder": (text) => swallow(() => checkDayMonthOrder("f.csv", { rows: [["Date"], [text], ["14/03/2024"]], lines: [1, 2, 3], delimiter: ",", encoding: "utf-8" }, 0, 1, { order: "dmy", explicit: false, said: "the default" })),
  withSerialDays: (text) => withSerialDays([[text], [text]], 0, 0),
  currencySymbol: (text) => currencySymbol(text),
  parseRfmUnit: (text) => parseRfmUnit(text),
  tableParts: (text) => swallow(() => tableParts(text)),
  dateColumnType: (text) => dateColumnType(text),
  quoteName: (text) => quoteName("bigquery", text),
  quoteTable: (text) => swallow(() => quoteTable("duckdb", text)),
  "dataMessage (a value)": (text) => dataMessage(new Where("F", "amount").at(3).error(`is ${JSON.stringify(text)} — expected a number`)),
};
