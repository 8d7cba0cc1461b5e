/**
 * Every custom function the bundle ships — found from src/main.ts, so formulas added later are fuzzed
 * too — called as Sheets calls it with random cells of every type (numbers huge, tiny, negative and
 * non-finite; text with every minus sign, currencies and junk; booleans; dates of extreme years and
 * invalid ones; blanks; ranges, also empty and ragged ones) in several locales and time zones. The
 * contract: a finite number, text, or a non-empty rectangular table of finite numbers, text, valid
 * dates and blanks; or an error whose message starts with the function's name. Never NaN, Infinity,
 * undefined, a ragged table or a TypeError. Seeded, so a failure reproduces.
 */
import { join } from "node:path";
import fc from "fast-check";
import { expect } from "vitest";
import { readExports } from "../../scripts/exports";
import { customFunctionServices, loadBundle } from "./bundle";

export const FUNCTIONS = readExports(join(import.meta.dirname, "..", "..", "src", "main.ts")).filter(
  (fn) => fn.customFunction,
);

const PLACES: [locale: string, timeZone: string][] = [
  ["en_US", "America/Los_Angeles"],
  ["de_DE", "Europe/Berlin"],
  ["fr_FR", "Europe/Paris"],
  ["ru_RU", "Europe/Moscow"],
  ["ko_KR", "Asia/Seoul"],
  ["en_IN", "Asia/Kolkata"],
  ["ja_JP", "Asia/Tokyo"],
  ["en_GB", "Pacific/Kiritimati"],
];

const isDate = (value: unknown): value is Date => Object.prototype.toString.call(value) === "[object Date]";

const number = fc.oneof(
  { weight: 5, arbitrary: fc.integer({ min: -3, max: 40 }) },
  { weight: 2, arbitrary: fc.double() },
  {
    weight: 1,
    arbitrary: fc.constantFrom(1e308, -1e308, 5e-324, 1e-17, 0.05, 0.5, 1e9, 1e200, 45365, -0),
  },
);

const TEXTS = [
  "",
  " ",
  "abc",
  "#N/A",
  "12%",
  "$1,000",
  "–5",
  "‒5",
  "−5",
  "－5",
  "﹣5",
  "5-",
  "(5)",
  "1.234,50-",
  "1 234,50 ₽",
  "₹1,23,456.78",
  "₩12,000",
  "１２３",
  "1e309",
  "Q1 2024",
  "No. 5",
  "12 34",
  "v2",
  "5 apples",
  "2024-03-14",
  "14.03.2024",
  "3/14/2024",
  "0024-03-14",
  "9999-12-31",
  "month",
  "week",
  "quarter",
  "day",
  "year",
  "count",
  "percent",
];
const text = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...TEXTS) },
  { weight: 1, arbitrary: fc.string({ unit: "grapheme", maxLength: 8 }) },
);

const date = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.integer({ min: Date.UTC(2023, 0, 1), max: Date.UTC(2024, 11, 31) }).map((t) => new Date(t)),
  },
  { weight: 1, arbitrary: fc.date({ noInvalidDate: false }) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      new Date(-8.64e15),
      new Date(8.64e15),
      new Date(Date.UTC(0, 0, 1)),
      new Date(Date.UTC(9999, 11, 31)),
    ),
  },
);

const id = fc.constantFrom("a", "b", "c", "a", "b", "00004", 7, " d ");
const cell = fc.oneof(number, text, fc.boolean(), date, id, fc.constant(""));

/** A column of n cells of one kind, so that transaction arguments are often readable. */
const column = (n: number) =>
  fc.constantFrom(id, date, number, cell).chain((kind) =>
    fc.array(fc.oneof({ weight: 6, arbitrary: kind }, { weight: 1, arbitrary: cell }), {
      minLength: n,
      maxLength: n,
    }),
  );

/** One argument: a cell, an n-row column or table, or (rarely) an empty or ragged array. */
const argument = (n: number) =>
  fc.oneof(
    { weight: 3, arbitrary: cell },
    { weight: 5, arbitrary: column(n).map((cells) => cells.map((c) => [c])) },
    {
      weight: 1,
      arbitrary: fc.array(fc.array(cell, { minLength: 2, maxLength: 2 }), { minLength: n, maxLength: n }),
    },
    { weight: 1, arbitrary: fc.constantFrom([], [[]]) },
    { weight: 1, arbitrary: fc.array(fc.array(cell, { maxLength: 3 }), { minLength: 2, maxLength: 4 }) },
  );

/** What an argument's JSDoc says it takes: its type (`{number|Array<Array<number>>}`) and description. */
function documented(doc: string, param: string): { type: string; description: string } {
  const line = new RegExp(`@param\\s+\\{([^}]*)\\}\\s+${param}\\s+(.*)`).exec(doc);
  return { type: line?.[1] ?? "", description: line?.[2] ?? "" };
}

const sensibleNumber = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 1, max: 40 }) },
  { weight: 1, arbitrary: fc.double({ min: 0, max: 1000, noNaN: true }) },
  { weight: 1, arbitrary: fc.constantFrom(0, 1e308, "12%", "$1,000", "5", "0.5", "1 234,5", "(3)") },
);
const sensibleRate = fc.oneof(
  { weight: 4, arbitrary: fc.double({ min: 0, max: 1, noNaN: true }) },
  { weight: 1, arbitrary: fc.constantFrom("5%", "30%", 0, 1) },
);
const sensibleDate = fc.oneof(
  { weight: 12, arbitrary: fc.integer({ min: 19358, max: 20088 }).map((day) => new Date(day * 86_400_000)) },
  { weight: 1, arbitrary: fc.constantFrom("2024-03-14", "2023-12-31", "14.03.2024", "3/14/2024") },
  { weight: 1, arbitrary: date },
);

/** An argument of the documented type (most often valid), or, one time in eight, any argument. */
function typedArgument(doc: string, param: string, n: number) {
  const { type, description } = documented(doc, param);
  // A column of the type, clean or with a stray cell of any kind here and there.
  const columnOf = (kind: fc.Arbitrary<unknown>) =>
    fc
      .boolean()
      .chain((clean) =>
        fc.array(clean ? kind : fc.oneof({ weight: 20, arbitrary: kind }, { weight: 1, arbitrary: cell }), {
          minLength: n,
          maxLength: n,
        }),
      )
      .map((cells) => cells.map((c) => [c]));
  const scalar = /%/.test(description) ? sensibleRate : sensibleNumber;
  // Sums and models pushed to the ends of the doubles.
  const extremes = fc.oneof(sensibleNumber, fc.constantFrom(1e308, 1e154, 5e-324, 1e-17));
  // Counts that fall period after period, as survivor curves do.
  const falling = fc
    .array(fc.integer({ min: 0, max: 1000 }), { minLength: n, maxLength: n })
    .map((xs) => xs.sort((x, y) => y - x).map((x) => [x]));
  const typed: Record<string, fc.Arbitrary<unknown>> = {
    number: scalar,
    "number|Array<Array<number>>": fc.oneof(scalar, columnOf(scalar), columnOf(extremes)),
    "Array<Array<number>>": fc.oneof(columnOf(sensibleNumber), falling, columnOf(extremes)),
    "Array<Array<string>>": columnOf(id),
    "Array<Array<Date>>": columnOf(sensibleDate),
    Date: sensibleDate,
    string: fc.constantFrom("", ...[...description.matchAll(/"([^"]+)"/g)].map((m) => m[1])),
  };
  return fc.oneof({ weight: 7, arbitrary: typed[type] ?? cell }, { weight: 1, arbitrary: argument(n) });
}

export const call = fc
  .record({
    fn: fc.constantFrom(...FUNCTIONS),
    place: fc.constantFrom(...PLACES),
    rows: fc.integer({ min: 1, max: 16 }),
    omitted: fc.nat({ max: 3 }),
  })
  .chain(({ fn, place, rows, omitted }) => {
    // Optional arguments may be left out at the end, as users leave them out.
    const required = fn.params.filter((p) => !/^Optional\b/.test(documented(fn.doc, p).description)).length;
    const params = fn.params.slice(0, Math.max(required, fn.params.length - omitted));
    return fc.tuple(
      fc.constant(fn.name),
      fc.constant(place),
      fc.tuple(...params.map((param) => typedArgument(fn.doc, param, rows))),
    );
  });

export const bundles = new Map(
  PLACES.map(([locale, timeZone]) => [
    `${locale} ${timeZone}`,
    loadBundle(customFunctionServices(locale, timeZone)),
  ]),
);

/** What Sheets can show in a cell: a finite number, text, or a valid date ("" is a blank). */
function isShowable(value: unknown): boolean {
  return (
    (typeof value === "number" && Number.isFinite(value)) ||
    typeof value === "string" ||
    (isDate(value) && !Number.isNaN(value.getTime()))
  );
}

export function checkContract(name: string, run: () => unknown): void {
  let result: unknown;
  try {
    result = run();
  } catch (error) {
    const message = (error as { message?: unknown })?.message;
    expect(typeof message === "string" && message.startsWith(`${name}: `), String(message)).toBe(true);
    return;
  }
  if (!Array.isArray(result)) {
    expect(isShowable(result), `result ${String(result)}`).toBe(true);
    return;
  }
  expect(result.length, "an empty table").toBeGreaterThan(0);
  const width = Array.isArray(result[0]) ? result[0].length : 0;
  expect(width, "a table without columns").toBeGreaterThan(0);
  for (const row of result) {
    expect(Array.isArray(row) && row.length === width, "a ragged table").toBe(true);
    for (const value of row) expect(isShowable(value), `cell ${String(value)}`).toBe(true);
  }
}
