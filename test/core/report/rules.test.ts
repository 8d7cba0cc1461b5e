/**
 * The report's rules, hand-worked: blended curves that cannot fall, monthly spend spread over weekly
 * cohorts by days (and summed into quarters), and a width limit that refuses a mistyped year.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type DayNumber, sheetContext } from "../../../src/core/cells";
import { daysFromCivil } from "../../../src/core/cohorts";
import { MAX_PERIODS, ReportError, reportFromTable } from "../../../src/core/report/build";
import { blendedCurve, type CohortSeries } from "../../../src/core/report/data";
import type { ReportSheet } from "../../../src/core/report/model";
import { spendByPeriod } from "../../../src/core/report/spend";

const context = sheetContext("en_US", "UTC");
const day = (y: number, m: number, d: number): DayNumber => daysFromCivil(y, m, d);

/** A cohort row with cumulative `ltv` built from per-period increments. */
function series(size: number, increments: number[], partial = false): CohortSeries {
  let sum = 0;
  const ltv = increments.map((x) => (sum += x));
  return {
    period: 0,
    start: 0,
    size,
    active: increments.map(() => size),
    revenue: increments.map((x) => x * size),
    ltv,
    marginLtv: ltv,
    ...(partial && increments.length ? { partialIndex: increments.length - 1 } : {}),
  } as CohortSeries;
}

describe("blended curve", () => {
  it("sums the average increment of the cohorts that completed each period", () => {
    // Old cohort: 100 customers, +10 a period for 3 periods; new one: 300 customers, +50 then partial.
    const rows = [series(100, [10, 10, 10]), series(300, [50, 1], true)];
    const curve = blendedCurve(rows, 3, (c) => c.ltv);
    // k = 0: (100·10 + 300·50) / 400 = 40; k = 1: only the old cohort completed it, +10; k = 2: +10.
    expect(curve).toEqual([40, 50, 60]);
    // Averaging cumulative values instead gave 40, 20, 30: a curve that falls.
  });

  it("never falls while increments are non-negative, per any set of cohorts", () => {
    const cohort = fc.record({
      size: fc.integer({ min: 1, max: 500 }),
      increments: fc.array(fc.double({ min: 0, max: 1e4, noNaN: true }), { minLength: 1, maxLength: 24 }),
      partial: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(cohort, { minLength: 1, maxLength: 12 }), (cohorts) => {
        const rows = cohorts.map((c) => series(c.size, c.increments, c.partial));
        const curve = blendedCurve(rows, 24, (c) => c.ltv);
        const values = curve.filter((v): v is number => v !== null);
        // Nulls only at the end, where no cohort completed the period.
        expect(curve.slice(values.length).every((v) => v === null)).toBe(true);
        for (let k = 1; k < values.length; k++) expect(values[k]).toBeGreaterThanOrEqual(values[k - 1]);
      }),
    );
  });
});

describe("spend and period", () => {
  const january = { day: day(2024, 1, 1), spend: 310 };
  const february = { day: day(2024, 2, 1), spend: 290 };

  it("spreads a monthly table over the weeks by days", () => {
    const { spread, amounts } = spendByPeriod({ rows: [january, february], bySegment: false }, "week");
    expect(spread).toBe(true);
    const byWeek = new Map<number, number>();
    for (const a of amounts) byWeek.set(a.period, (byWeek.get(a.period) ?? 0) + a.spend);
    // 10 a day in both months. The week of Monday 29 January: 3 January days + 4 February days = 70.
    const weekOf = (d: DayNumber) => Math.floor((d + 3) / 7);
    expect(byWeek.get(weekOf(day(2024, 1, 29)))).toBeCloseTo(70, 9);
    // Monday 1 January 2024 starts a whole week: 70; the last week, from Monday 26 February: 4 days, 40.
    expect(byWeek.get(weekOf(day(2024, 1, 1)))).toBeCloseTo(70, 9);
    expect(byWeek.get(weekOf(day(2024, 2, 26)))).toBeCloseTo(40, 9);
    expect([...byWeek.values()].reduce((a, b) => a + b, 0)).toBeCloseTo(600, 9);
    // One month alone is spread too: 29 days of February over five weeks, 4 + 7 + 7 + 7 + 4 days.
    const one = spendByPeriod({ rows: [february], bySegment: false }, "week").amounts.map((a) => a.spend);
    expect(one).toEqual([40, 70, 70, 70, 40].map((x) => expect.closeTo(x, 9)));
  });

  it("sums monthly rows into quarters and keeps weekly rows on their week", () => {
    const march = { day: day(2024, 3, 1), spend: 100 };
    const quarters = spendByPeriod({ rows: [january, february, march], bySegment: false }, "quarter");
    expect(quarters.spread).toBe(false);
    expect(new Set(quarters.amounts.map((a) => a.period)).size).toBe(1);
    const weekly = spendByPeriod(
      { rows: [{ day: day(2024, 1, 8), spend: 5 }, january], bySegment: false },
      "week",
    );
    expect(weekly.spread).toBe(false);
    expect(weekly.amounts).toHaveLength(2);
  });

  it("gives weekly cohorts their days' share, and says so in Summary's settings", () => {
    const rows = [
      ["Customer", "Date", "Amount"],
      ["a", "2024-01-29", "10"],
      ["b", "2024-02-05", "10"],
    ];
    const spend = [
      ["Month", "Spend"],
      ["2024-01-01", "310"],
      ["2024-02-01", "290"],
    ];
    const { report, data } = reportFromTable({ rows, spend, context, options: { period: "week" } });
    expect(data.cohorts.map((c) => c.spend)).toEqual([expect.closeTo(70, 9), expect.closeTo(70, 9)]);
    const summary = report.sheets.find((s) => s.key === "summary") as ReportSheet;
    const setting = summary.cells.find((r) => r[0] === "Spend table")?.[1];
    expect(setting).toMatch(/rows dated the 1st are months, spread over their days/);
    expect(setting).toMatch(/left out/);
  });
});

describe("width limit", () => {
  const rows = (dates: string[]) => [
    ["Customer", "Date", "Amount"],
    ...dates.map((d, i) => [`c${i}`, d, "10"]),
  ];

  it("refuses a mistyped year with the date range and the limit", () => {
    const build = () =>
      reportFromTable({
        rows: rows(["1924-03-02", "2024-05-01", "2024-06-30"]),
        spend: null,
        context,
        options: { period: "week" },
      });
    expect(build).toThrow(ReportError);
    expect(build).toThrow(
      /^Transactions: dates run from 1924-03-02 to 2024-06-30, \d+ weeks: over the 260 columns a sheet may have/,
    );
  });

  it("takes its own limit, and builds up to it", () => {
    const options = { period: "month" as const, maxPeriods: 6 };
    expect(() =>
      reportFromTable({ rows: rows(["2024-01-05", "2024-07-01"]), spend: null, context, options }),
    ).toThrow(/7 months: over the 6 columns/);
    const { data } = reportFromTable({
      rows: rows(["2024-01-05", "2024-06-30"]),
      spend: null,
      context,
      options,
    });
    expect(data.periods).toBe(6);
    expect(MAX_PERIODS).toEqual({ week: 260, month: 120, quarter: 40 });
  });

  it("names a date in 2099, and counts only to an observation end when one is set", () => {
    const dates = rows(["2024-01-05", "2024-03-01", "2099-01-01"]);
    expect(() => reportFromTable({ rows: dates, spend: null, context, options: {} })).toThrow(
      /to 2099-01-01, 901 months/,
    );
    const observationEnd = day(2024, 3, 31);
    const { data } = reportFromTable({ rows: dates, spend: null, context, options: { observationEnd } });
    expect(data.periods).toBe(3);
  });
});
