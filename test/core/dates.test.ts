/**
 * Reading dates: the formats exports write, four-digit years as written, the 1900–2200 range, and
 * day/month order — each input gives its day or the exact reason it is refused.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type DateOrder,
  dayMonthParts,
  dayNumber,
  isoDay,
  localeDateOrder,
  numberLocale,
  parseDateText,
  readDay,
  sheetContext,
  Where,
} from "../../src/core/cells";
import { readTransactions } from "../../src/core/cohorts";

const en = numberLocale("en_US");
const ru = numberLocale("ru_RU");
const ko = numberLocale("ko_KR");
const read = (text: string, locale = en, order?: DateOrder) => {
  const day = parseDateText(text, locale, order);
  return typeof day === "number" ? isoDay(day) : day;
};

describe("parseDateText", () => {
  it.each([
    // Year first, whatever the locale.
    ["2024-03-14", en, "2024-03-14"],
    ["2024/3/14", ru, "2024-03-14"],
    ["2024. 3. 14.", ko, "2024-03-14"],
    ["2024년 3월 14일", ko, "2024-03-14"],
    ["20240314", en, "2024-03-14"],
    // Exports with a time: the day as written, the time and its offset ignored.
    ["2024-01-01 23:30:00 -0500", en, "2024-01-01"],
    ["2024-01-01T23:30:00Z", en, "2024-01-01"],
    ["2024-01-01T08:00:00.000+09:00", en, "2024-01-01"],
    ["1/13/2024 10:00", en, "2024-01-13"],
    ["1/13/2024 3:05:00 PM", en, "2024-01-13"],
    ["2024. 1. 13. 오후 3:00:00", ko, "2024-01-13"],
    ["13.01.2024 10:00", ru, "2024-01-13"],
    // Year last in the locale's order.
    ["3/14/2024", en, "2024-03-14"],
    ["14.03.2024", ru, "2024-03-14"],
    ["14/03/2024", numberLocale("en_GB"), "2024-03-14"],
    ["14-03-2024", ru, "2024-03-14"],
    // Month names.
    ["01-Jan-2024", en, "2024-01-01"],
    ["Jan 01, 2024", en, "2024-01-01"],
    ["1 January 2024", en, "2024-01-01"],
    ["September 5, 2024", en, "2024-09-05"],
    ["Thu, Sept 5, 2024", en, "2024-09-05"],
    ["14 марта 2024 г.", ru, "2024-03-14"],
    ["1 мая 2024", ru, "2024-05-01"],
    // Written like dates, refused with a reason.
    ["0024-03-14", en, "the year 24 is outside 1900–2200 (type all four digits of the year)"],
    ["9999-12-31", en, "the year 9999 is outside 1900–2200"],
    ["1899-12-31", en, "the year 1899 is outside 1900–2200"],
    ["2201-01-01", en, "the year 2201 is outside 1900–2200"],
    ["3/14/24", en, "the year has two digits — write it with four (2024, not 24)"],
    ["01-Jan-24", en, "the year has two digits — write it with four (2024, not 24)"],
    ["14/03/2024", en, "not a date in month/day/year order (it would be in day/month/year)"],
    ["03/14/2024", ru, "not a date in day/month/year order (it would be in month/day/year)"],
    ["3/14/2024", ko, "not a date in year/month/day order"],
    // Not dates at all.
    ["2024-02-30", en, undefined],
    ["13/14/2024", en, undefined],
    ["20241301", en, undefined],
    ["10000101", en, undefined],
    ["Q1 2024", en, undefined],
    ["Jan 2024", en, undefined],
    ["1,234,567", en, undefined],
    ["12:00", en, undefined],
    ["abc", en, undefined],
  ])("%j → %s", (text, locale, expected) => {
    expect(read(text, locale)).toBe(expected);
  });

  it("reads year-last dates in the order it is told, whatever the locale", () => {
    expect(read("03/04/2024", en, "dmy")).toBe("2024-04-03");
    expect(read("03/04/2024", ru, "mdy")).toBe("2024-03-04");
    expect(read("2024-03-04", en, "dmy")).toBe("2024-03-04");
  });

  it("reads back every day of 1900–2200 as Intl writes it in en-US, en-GB, ru-RU and ko-KR", () => {
    const first = dayNumber(1900, 1, 1);
    const last = dayNumber(2200, 12, 31);
    const formats = ["en-US", "en-GB", "ru-RU", "ko-KR"].flatMap((tag) =>
      (["numeric", "2-digit", "short", "long"] as const).map((month) => ({
        locale: numberLocale(tag.replace("-", "_")),
        format: new Intl.DateTimeFormat(tag, { timeZone: "UTC", year: "numeric", month, day: "numeric" }),
      })),
    );
    fc.assert(
      fc.property(fc.integer({ min: first, max: last }), (day) => {
        for (const { locale, format } of formats)
          expect(parseDateText(format.format(new Date(day * 86_400_000)), locale)).toBe(day);
      }),
    );
  });
});

describe("date order", () => {
  it("follows the locale's short date", () => {
    expect(
      ["en_US", "en_GB", "ru_RU", "ko_KR", "de_DE"].map((l) => localeDateOrder(numberLocale(l))),
    ).toEqual(["mdy", "dmy", "dmy", "ymd", "dmy"]);
    expect(sheetContext("en_US", "UTC", "dmy").dateOrder).toBe("dmy");
  });

  it("finds the day and month of a year-last date written with numbers", () => {
    expect(dayMonthParts("03/14/2024 10:00")).toEqual([3, 14]);
    expect(dayMonthParts("14.03.2024")).toEqual([14, 3]);
    expect(dayMonthParts("2024-03-14")).toBeUndefined();
    expect(dayMonthParts("14 Mar 2024")).toBeUndefined();
    expect(dayMonthParts("3/14/24")).toBeUndefined();
  });
});

describe("readDay keeps to 1900–2200", () => {
  const ctx = sheetContext();
  const where = new Where("RFM", "dates").at(3);
  const message = (value: Parameters<typeof readDay>[0]) => {
    try {
      return isoDay(readDay(value, ctx, where));
    } catch (error) {
      return (error as Error).message;
    }
  };

  it.each([
    [45365, "2024-03-14"],
    [new Date(Date.UTC(2024, 2, 14)), "2024-03-14"],
    // A date cell typed 24/3/14 in a year-first locale is year 24, not 1924 or 2024.
    [
      new Date("0024-03-14T00:00:00Z"),
      "RFM: dates, row 3, is 0024-03-14 — the year 24 is outside 1900–2200 (type all four digits of the year)",
    ],
    [
      new Date("9999-12-31T00:00:00Z"),
      "RFM: dates, row 3, is 9999-12-31 — the year 9999 is outside 1900–2200",
    ],
    [
      new Date("1899-12-30T10:00:00Z"),
      "RFM: dates, row 3, is 1899-12-30 — the year 1899 is outside 1900–2200 (a time of day without a date)",
    ],
    [
      20240314,
      "RFM: dates, row 3, is 20240314 — as a date number (days since 1899-12-30) it is not in the years 1900–2200",
    ],
    [
      "0024-03-14",
      'RFM: dates, row 3, is "0024-03-14" — the year 24 is outside 1900–2200 (type all four digits of the year)',
    ],
    ["soon", 'RFM: dates, row 3, is "soon" — expected a date such as 2024-03-14'],
  ])("%s → %s", (value, expected) => {
    expect(message(value)).toBe(expected);
  });

  it("refuses a Date outside the range in a table of Dates too", () => {
    const rows = [
      ["a", new Date(Date.UTC(2024, 0, 5)), 10],
      ["b", new Date("0024-01-05T00:00:00Z"), 10],
    ];
    expect(() => readTransactions(rows, { customerId: 0, date: 1, amount: 2 }, ctx, { firstRow: 2 })).toThrow(
      "Transactions: date, row 3, column 2, is 0024-01-05 — the year 24 is outside 1900–2200",
    );
  });
});
