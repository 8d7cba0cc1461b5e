/**
 * The cohort formulas in the shipped dist/Code.js, called as Sheets calls them: 2-D arrays for
 * ranges, `Date`s at midnight in the spreadsheet's zone, "" for blank cells, numbers and text.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DayReader, dayNumber, isDate, isoDay } from "../../src/core/cells";
import { startOfDayIn } from "../../src/core/cohorts/zone";
import { customFunctionServices, loadBundle } from "../helpers/bundle";
import { describeWithReferenceData, readReferenceCsv } from "../helpers/reference-data";

const COHORT_FORMULAS = ["COHORT_RETENTION", "COHORT_REVENUE", "COHORT_LTV", "RFM"];
const day = (iso: string) => {
  const [y, m, d] = iso.split("-").map(Number);
  return dayNumber(y, m, d);
};
const column = <T>(values: T[]) => values.map((v) => [v]);

/** A transactions log as three columns, dates as Sheets passes them in `zone`, with blank rows below. */
function log(zone: string, rows: [string | number, string, number][], blanks = 3) {
  const pad = Array.from({ length: blanks }, () => "" as const);
  return {
    ids: column([...rows.map((r) => r[0]), ...pad]),
    dates: column([...rows.map((r) => startOfDayIn(day(r[1]), zone)), ...pad]),
    amounts: column([...rows.map((r) => r[2]), ...pad]),
  };
}

const ROWS: [string | number, string, number][] = [
  ["00004", "2024-01-05", 100],
  ["00004", "2024-01-20", 50],
  ["00018", "2024-01-31", 30],
  ["00004", "2024-02-10", 20],
  [21, "2024-02-01", 40],
  ["00018", "2024-03-15", -10],
  [21, "2024-03-02", 60],
];

/** A table with its dates written as ISO days read in `zone` (and checked to be that day's midnight there). */
function readable(table: unknown[][], zone: string): unknown[][] {
  const reader = new DayReader(zone);
  return table.map((row) =>
    row.map((cell) => {
      if (!isDate(cell)) return cell;
      const d = reader.day(cell);
      expect(cell.getTime()).toBe(startOfDayIn(d, zone).getTime());
      return isoDay(d);
    }),
  );
}

describe.each(["Asia/Seoul", "America/Los_Angeles"])("cohort formulas in a %s spreadsheet", (zone) => {
  const sheets = loadBundle(customFunctionServices("en_US", zone));
  const { ids, dates, amounts } = log(zone, ROWS);

  it("COHORT_RETENTION spills cohort start dates (midnight in the zone), sizes and retention, blank after the end", () => {
    expect(readable(sheets.COHORT_RETENTION(ids, dates), zone)).toEqual([
      ["Cohort", "Customers", "Month 0", "Month 1", "Month 2"],
      // With no amounts every row is a purchase, the March refund too.
      ["2024-01-01", 2, 1, 0.5, 0.5],
      ["2024-02-01", 1, 1, 1, ""],
    ]);
    expect(readable(sheets.COHORT_RETENTION(ids, dates, "month", "count"), zone)).toEqual([
      ["Cohort", "Customers", "Month 0", "Month 1", "Month 2"],
      ["2024-01-01", 2, 2, 1, 1],
      ["2024-02-01", 1, 1, 1, ""],
    ]);
  });

  it("COHORT_REVENUE nets refunds; weeks start on Monday", () => {
    expect(readable(sheets.COHORT_REVENUE(ids, dates, amounts), zone)).toEqual([
      ["Cohort", "Customers", "Month 0", "Month 1", "Month 2"],
      ["2024-01-01", 2, 180, 20, -10],
      ["2024-02-01", 1, 40, 60, ""],
    ]);
    const weekly = readable(sheets.COHORT_REVENUE(ids, dates, amounts, "Week"), zone);
    expect(weekly[0].slice(0, 3)).toEqual(["Cohort", "Customers", "Week 0"]);
    expect(weekly.slice(1).map((row) => row.slice(0, 3))).toEqual([
      ["2024-01-01", 1, 100],
      ["2024-01-29", 2, 70],
    ]);
    expect(readable(sheets.COHORT_REVENUE(ids, dates, amounts, "quarter"), zone)).toEqual([
      ["Cohort", "Customers", "Quarter 0"],
      ["2024-01-01", 3, 290],
    ]);
  });

  it("COHORT_LTV gives cumulative revenue per customer", () => {
    expect(readable(sheets.COHORT_LTV(ids, dates, amounts), zone)).toEqual([
      ["Cohort", "Customers", "Month 0", "Month 1", "Month 2"],
      ["2024-01-01", 2, 90, 100, 95],
      ["2024-02-01", 1, 40, 100, ""],
    ]);
  });

  it("RFM keeps text ids as text and measures in weeks to the end date", () => {
    const end = startOfDayIn(day("2024-03-31"), zone);
    const table = sheets.RFM(ids, dates, amounts, end);
    expect(table[0]).toEqual(["Customer", "Frequency", "Recency (weeks)", "T (weeks)", "Monetary"]);
    expect(table.slice(1).map((row: unknown[]) => row[0])).toEqual(["00004", "00018", "21"]);
    expect(table[1][1]).toBe(2);
    expect(table[1][2]).toBeCloseTo(36 / 7, 12);
    expect(table[1][3]).toBeCloseTo(86 / 7, 12);
    expect(table[1][4]).toBeCloseTo(35, 12);
    expect(sheets.RFM(ids, dates, amounts, "", "day")[3]).toEqual(["21", 1, 30, 43, 60]);
  });
});

describe("cohort formulas read dates given as text and serial numbers too", () => {
  const sheets = loadBundle(customFunctionServices("en_US", "America/New_York"));
  it("ISO text, the locale's short date, and Sheets serials are the same day", () => {
    const ids = column(["a", "b", "c"]);
    const dates = column(["2024-01-31", "1/31/2024", 45322]);
    expect(readable(sheets.COHORT_RETENTION(ids, dates, "", ""), "America/New_York")).toEqual([
      ["Cohort", "Customers", "Month 0"],
      ["2024-01-01", 3, 1],
    ]);
  });
});

describe("cohort formulas name what is wrong", () => {
  const sheets = loadBundle(customFunctionServices("en_US", "America/New_York"));
  const ids = column(["a", "b", "a"]);
  const dates = column(["2024-01-05", "2024-01-06", "2024-02-01"]);
  const amounts = column([10, 20, 30]);

  it.each<[string, unknown[], string]>([
    [
      "COHORT_RETENTION",
      [ids, dates, "year"],
      'COHORT_RETENTION: period is "year" — expected "month", "week" or "quarter"',
    ],
    [
      "COHORT_REVENUE",
      [ids, dates, amounts, 3],
      'COHORT_REVENUE: period is 3 — expected "month", "week" or "quarter"',
    ],
    [
      "COHORT_RETENTION",
      [ids, dates, "month", "ratio"],
      'COHORT_RETENTION: as is "ratio" — expected "percent" or "count"',
    ],
    [
      "COHORT_REVENUE",
      [ids, dates, column([10, 20])],
      "COHORT_REVENUE: amounts has 2 rows but customer_ids has 3 rows — give ranges of the same length, e.g. A2:A100 and B2:B100",
    ],
    [
      "COHORT_LTV",
      [ids, column(["2024-01-05", "31/31/2024", "2024-02-01"]), amounts],
      'COHORT_LTV: dates, row 2, is "31/31/2024" — expected a date such as 2024-03-14',
    ],
    [
      "COHORT_REVENUE",
      [ids, dates, column([10, 20, "abc"])],
      'COHORT_REVENUE: amounts, row 3, is "abc" — expected a number',
    ],
    [
      "COHORT_REVENUE",
      [ids, column(["2024-01-05", "#N/A", "2024-02-01"]), amounts],
      "COHORT_REVENUE: dates, row 2, is the error #N/A — expected a date such as 2024-03-14",
    ],
    [
      "COHORT_RETENTION",
      [column(["a", "", "a"]), dates],
      "COHORT_RETENTION: customer_ids, row 2, is blank, but the row has other values — expected a customer id",
    ],
    [
      "COHORT_REVENUE",
      [column(["", ""]), column(["", ""]), column(["", ""])],
      "COHORT_REVENUE: customer_ids has no transactions — select the columns of your transactions, e.g. A2:A, B2:B",
    ],
    [
      "COHORT_RETENTION",
      [
        [
          ["a", "x"],
          ["b", "y"],
        ],
        column(["2024-01-05", "2024-01-06"]),
      ],
      "COHORT_RETENTION: customer_ids is 2 rows × 2 columns — give a single column (or a single row)",
    ],
    [
      "RFM",
      [ids, dates, column([true, 20, 30])],
      "RFM: amounts, row 1, is TRUE (a checkbox or logical value) — expected a number",
    ],
    [
      "RFM",
      [ids, dates, amounts, "", "fortnight"],
      'RFM: unit is "fortnight" — expected "week", "day", "month", "quarter" or "year"',
    ],
    ["RFM", [ids, dates, amounts, "soon"], 'RFM: end_date is "soon" — expected a date such as 2024-03-14'],
    [
      "RFM",
      [ids, dates, amounts, "2023-12-31"],
      "RFM: end_date is 2023-12-31, before the first purchase (2024-01-05) — choose a later end date",
    ],
    [
      "COHORT_REVENUE",
      [ids, column(["2024-01-05", "1024-01-06", "2024-02-01"]), amounts, "week"],
      'COHORT_REVENUE: dates, row 2, is "1024-01-06" — the year 1024 is outside 1900–2200',
    ],
    [
      "COHORT_LTV",
      [ids, dates, amounts, "month", "extra"],
      "COHORT_LTV: 5 arguments given — expected at most 4 (customer_ids, dates, amounts, period)",
    ],
  ])("%s(%j)", (name, args, message) => {
    expect(() => sheets[name](...args)).toThrow(message);
    try {
      sheets[name](...args);
    } catch (error) {
      expect((error as Error).message).toBe(message);
    }
  });

  it("never spill NaN, Infinity, undefined or null: every cell is a number, text or a date", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.constantFrom("a", "b", "c", "", 7),
            fc.integer({ min: day("2023-12-01"), max: day("2024-04-30") }),
            fc.oneof(fc.integer({ min: -50, max: 300 }), fc.constant("")),
          ),
          { minLength: 1, maxLength: 30 },
        ),
        fc.constantFrom(...COHORT_FORMULAS),
        fc.constantFrom("week", "month", "quarter"),
        (rows, name, period) => {
          const args = [
            column(rows.map((r) => r[0])),
            column(rows.map((r) => (r[0] === "" && r[2] === "" ? "" : isoDay(r[1])))),
            column(rows.map((r) => (r[0] === "" ? "" : r[2] === "" ? 0 : r[2]))),
          ];
          let table: unknown[][];
          try {
            table =
              name === "COHORT_RETENTION"
                ? sheets[name](args[0], args[1], period)
                : name === "RFM"
                  ? sheets[name](...args)
                  : sheets[name](...args, period);
          } catch (error) {
            expect((error as Error).message).toMatch(new RegExp(`^${name}: `));
            return;
          }
          for (const row of table) {
            expect(row.length).toBe(table[0].length);
            for (const cell of row)
              expect(
                (typeof cell === "number" && Number.isFinite(cell)) ||
                  typeof cell === "string" ||
                  isDate(cell),
              ).toBe(true);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});

describeWithReferenceData("cohort formulas on CDNOW through the bundle", () => {
  const sheets = loadBundle(customFunctionServices("en_US", "America/New_York"));
  const [, ...rows] = readReferenceCsv("cdnow_sample.csv");
  const ids = column(rows.map((r) => r[0]));
  const dates = column(rows.map((r) => r[1]));
  const amounts = column(rows.map((r) => Number(r[3])));

  it("RFM to 1997-09-30 in weeks gives the calibration summary's first customer", () => {
    const table = sheets.RFM(ids, dates, amounts, "1997-09-30", "week");
    expect(table.length).toBe(2358);
    const [id, x, tx, T, zbar] = table[1];
    expect(id).toBe("00004");
    expect(x).toBe(2);
    expect(tx).toBeCloseTo(30.43, 2);
    expect(T).toBeCloseTo(38.86, 2);
    // 22.345 exactly: the reference rounds it half up.
    expect(Math.abs(zbar - 22.35)).toBeLessThanOrEqual(0.005 + 1e-9);
  });

  it("COHORT_REVENUE adds up to the data's revenue, and COHORT_RETENTION's sizes to its customers", () => {
    const revenue = sheets.COHORT_REVENUE(ids, dates, amounts);
    let total = 0;
    for (const row of revenue.slice(1)) for (const cell of row.slice(2)) total += cell === "" ? 0 : cell;
    expect(total).toBeCloseTo(
      rows.reduce((s, r) => s + Number(r[3]), 0),
      6,
    );
    const retention = sheets.COHORT_RETENTION(ids, dates);
    expect(retention.slice(1).reduce((s: number, row: number[]) => s + row[1], 0)).toBe(2357);
    expect(retention[0].length).toBe(2 + 18);
  });
});
