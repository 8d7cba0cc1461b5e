import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { civilDate, dayNumber } from "../../../src/core/cells";
import {
  civilFromDays,
  daysFromCivil,
  type PeriodUnit,
  parsePeriodUnit,
  periodEnd,
  periodIndex,
  periodLabel,
  periodStart,
  periodsBetween,
  periodTable,
  startOfPeriod,
} from "../../../src/core/cohorts/periods";

const day = (iso: string) => {
  const [y, m, d] = iso.split("-").map(Number);
  return dayNumber(y, m, d);
};
const UNITS: PeriodUnit[] = ["week", "month", "quarter"];
const anyDay = fc.integer({ min: day("1900-01-01"), max: day("2200-12-31") });

describe("calendar arithmetic on day numbers", () => {
  it("civilFromDays and daysFromCivil agree with Date's proleptic Gregorian calendar", () => {
    fc.assert(
      fc.property(anyDay, (d) => {
        const civil = civilFromDays(d);
        expect(civil).toEqual(civilDate(d));
        expect(daysFromCivil(civil.year, civil.month, civil.day)).toBe(d);
      }),
    );
  });
});

describe("period boundaries", () => {
  it.each([
    // ISO weeks start on Monday: Sunday belongs to the week before.
    ["week", "2024-01-07", "2024-01-01", "2024-01-07"],
    ["week", "2024-01-08", "2024-01-08", "2024-01-14"],
    ["week", "2021-01-03", "2020-12-28", "2021-01-03"],
    ["week", "1969-12-31", "1969-12-29", "1970-01-04"],
    ["week", "1950-06-15", "1950-06-12", "1950-06-18"],
    ["month", "2024-02-29", "2024-02-01", "2024-02-29"],
    ["month", "2023-02-28", "2023-02-01", "2023-02-28"],
    ["month", "2024-12-31", "2024-12-01", "2024-12-31"],
    ["month", "1969-12-31", "1969-12-01", "1969-12-31"],
    ["quarter", "2024-03-31", "2024-01-01", "2024-03-31"],
    ["quarter", "2024-04-01", "2024-04-01", "2024-06-30"],
    ["quarter", "2024-12-31", "2024-10-01", "2024-12-31"],
  ] as const)("%s of %s runs %s … %s", (unit, d, start, end) => {
    const index = periodIndex(unit, day(d));
    expect(periodStart(unit, index)).toBe(day(start));
    expect(periodEnd(unit, index)).toBe(day(end));
    expect(startOfPeriod(unit, day(d))).toBe(day(start));
  });

  it("every day lies in its period, periods tile the calendar, and the index counts periods", () => {
    fc.assert(
      fc.property(anyDay, fc.constantFrom(...UNITS), (d, unit) => {
        const index = periodIndex(unit, d);
        const start = periodStart(unit, index);
        const end = periodEnd(unit, index);
        expect(start).toBeLessThanOrEqual(d);
        expect(end).toBeGreaterThanOrEqual(d);
        expect(periodIndex(unit, start)).toBe(index);
        expect(periodIndex(unit, end + 1)).toBe(index + 1);
        expect(periodIndex(unit, start - 1)).toBe(index - 1);
        const civil = civilFromDays(start);
        if (unit === "week") expect(new Date(start * 86_400_000).getUTCDay()).toBe(1);
        else expect(civil.day).toBe(1);
        if (unit === "quarter") expect([1, 4, 7, 10]).toContain(civil.month);
      }),
    );
  });

  it("counts whole periods between two periods", () => {
    const between = (unit: PeriodUnit, a: string, b: string) =>
      periodsBetween(periodIndex(unit, day(a)), periodIndex(unit, day(b)));
    expect(between("month", "2023-11-30", "2024-02-01")).toBe(3);
    expect(between("month", "2024-01-01", "2024-01-31")).toBe(0);
    expect(between("quarter", "2023-12-31", "2024-01-01")).toBe(1);
    expect(between("week", "2024-01-07", "2024-01-08")).toBe(1);
    expect(between("week", "2024-01-01", "2024-01-07")).toBe(0);
    expect(between("month", "2024-03-01", "2024-01-15")).toBe(-2);
  });

  it("labels periods the way reports show them, ISO weeks in their ISO year", () => {
    expect(periodLabel("month", periodIndex("month", day("2024-03-14")))).toBe("2024-03");
    expect(periodLabel("quarter", periodIndex("quarter", day("2024-08-14")))).toBe("2024-Q3");
    expect(periodLabel("week", periodIndex("week", day("2024-02-14")))).toBe("2024-W07");
    expect(periodLabel("week", periodIndex("week", day("2021-01-03")))).toBe("2020-W53");
    expect(periodLabel("week", periodIndex("week", day("2019-12-30")))).toBe("2020-W01");
  });

  it("a lookup table of periods matches periodIndex day by day", () => {
    fc.assert(
      fc.property(
        anyDay,
        fc.integer({ min: 0, max: 800 }),
        fc.constantFrom(...UNITS),
        (first, span, unit) => {
          const table = periodTable(unit, first, first + span);
          expect(table.length).toBe(span + 1);
          for (let i = 0; i <= span; i++) expect(table[i]).toBe(periodIndex(unit, first + i));
        },
      ),
      { numRuns: 50 },
    );
  });
});

describe("parsePeriodUnit", () => {
  it.each([
    ["month", "month"],
    [" Monthly ", "month"],
    ["M", "month"],
    ["weeks", "week"],
    ["ISO week", "week"],
    ["Q", "quarter"],
    ["quarterly", "quarter"],
  ] as const)("%j is %s", (text, unit) => {
    expect(parsePeriodUnit(text)).toBe(unit);
  });

  it.each(["year", "day", "", "fortnight"])("%j is not a period", (text) => {
    expect(parsePeriodUnit(text)).toBeUndefined();
  });
});
