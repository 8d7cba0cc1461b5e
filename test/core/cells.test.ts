import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  DayReader,
  dayNumber,
  isoDay,
  numberLocale,
  parseDateText,
  parseNumberText,
  readDay,
  readId,
  readNumber,
  sheetContext,
  Where,
} from "../../src/core/cells";

const en = numberLocale("en_US");
const ru = numberLocale("ru_RU");
const de = numberLocale("de_DE");

describe("parseNumberText reads numbers as people type and paste them", () => {
  it.each([
    ["$1,234.50", en, 1234.5],
    ["1 234,50 ₽", ru, 1234.5],
    ["₩12,000", numberLocale("ko_KR"), 12000],
    ["12%", en, 0.12],
    ["12,5 %", de, 0.125],
    ["1.234,50 €", de, 1234.5],
    ["1,234", en, 1234],
    ["1,234", de, 1.234],
    ["1.234", de, 1234],
    ["1,5", en, 1.5],
    ["(45.00)", en, -45],
    ["-$3.10", en, -3.1],
    ["USD 99", en, 99],
    ["1 234 567", ru, 1234567],
    ["0.5", ru, 0.5],
    [".75", en, 0.75],
    ["1e3", en, 1000],
  ])("%s → %d", (text, locale, expected) => {
    expect(parseNumberText(text, locale)).toBe(expected);
  });

  it.each(["abc", "", "1,23,4", "12-3", "$", "1.2.3,4,5", "--3"])("%j is not a number", (text) => {
    expect(parseNumberText(text, en)).toBeUndefined();
  });

  const locales = ["en-US", "de-DE", "fr-FR", "ru-RU", "ko-KR"];
  it.each(locales)("any number Intl formats in %s parses back to itself", (tag) => {
    const locale = numberLocale(tag.replace("-", "_"));
    fc.assert(
      fc.property(
        fc.double({ min: -1e9, max: 1e9, noNaN: true }).map((x) => Math.round(x * 100) / 100),
        fc.boolean(),
        (value, currency) => {
          const format = new Intl.NumberFormat(tag, {
            maximumFractionDigits: 2,
            ...(currency ? { style: "currency", currency: tag === "ko-KR" ? "KRW" : "EUR" } : {}),
          });
          expect(parseNumberText(format.format(value), locale)).toBe(value + 0);
        },
      ),
    );
  });

  it("reads percents formatted by Intl back as fractions", () => {
    fc.assert(
      fc.property(fc.integer({ min: -10000, max: 10000 }), (basisPoints) => {
        const text = new Intl.NumberFormat("fr-FR", { style: "percent", maximumFractionDigits: 2 }).format(
          basisPoints / 10000,
        );
        expect(parseNumberText(text, numberLocale("fr_FR"))).toBe(basisPoints / 10000);
      }),
    );
  });
});

describe("dates", () => {
  it("reads ISO and locale dates", () => {
    expect(isoDay(parseDateText("2024-03-14", en) as number)).toBe("2024-03-14");
    expect(isoDay(parseDateText("3/14/2024", en) as number)).toBe("2024-03-14");
    expect(isoDay(parseDateText("14.03.2024", ru) as number)).toBe("2024-03-14");
    expect(isoDay(parseDateText("2024. 3. 14.", numberLocale("ko_KR")) as number)).toBe("2024-03-14");
    expect(isoDay(parseDateText("14/03/2024", numberLocale("en_GB")) as number)).toBe("2024-03-14");
    expect(parseDateText("2024-02-30", en)).toBeUndefined();
    expect(parseDateText("13/14/2024", en)).toBeUndefined();
  });

  it("reads a Date as its calendar day in the spreadsheet's time zone, east and west of UTC", () => {
    // Midnight of 1 February in Seoul is 31 January 15:00 UTC; in Los Angeles it is 08:00 UTC.
    expect(isoDay(new DayReader("Asia/Seoul").day(new Date("2024-01-31T15:00:00Z")))).toBe("2024-02-01");
    expect(isoDay(new DayReader("America/Los_Angeles").day(new Date("2024-02-01T08:00:00Z")))).toBe(
      "2024-02-01",
    );
    expect(isoDay(new DayReader("UTC").day(new Date("2024-01-31T15:00:00Z")))).toBe("2024-01-31");
  });

  it("reads Sheets serial numbers as dates", () => {
    const ctx = sheetContext();
    expect(isoDay(readDay(45365, ctx, new Where("F", "dates")))).toBe("2024-03-14");
    expect(dayNumber(1970, 1, 1)).toBe(0);
  });
});

describe("cell readers name the function, argument and cell", () => {
  const ctx = sheetContext();
  it("says what is wrong", () => {
    const where = new Where("LTV", "aov").at(7);
    expect(() => readNumber("abc", ctx, where)).toThrow('LTV: aov, row 7, is "abc" — expected a number');
    expect(() => readNumber(true, ctx, where)).toThrow(
      "LTV: aov, row 7, is TRUE (a checkbox or logical value) — expected a number",
    );
    expect(() => readNumber("#N/A", ctx, new Where("CAC", "spend"))).toThrow(
      "CAC: spend is the error #N/A — expected a number",
    );
    expect(() => readDay("soon", ctx, new Where("RFM", "dates").at(2, 3, true))).toThrow(
      'RFM: dates, row 2, column 3, is "soon" — expected a date such as 2024-03-14',
    );
  });
  it("keeps ids as text", () => {
    expect(readId("00004", new Where("RFM", "customer_ids"))).toBe("00004");
    expect(readId(42, new Where("RFM", "customer_ids"))).toBe("42");
  });
});
