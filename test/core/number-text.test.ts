/**
 * parseNumberText, locale by locale: a text is a number only if all of it reads as one in the locale.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { numberLocale, parseNumberText } from "../../src/core/number-text";

type Case = [text: string, expected: number | undefined];

const LOCALES: Record<string, Case[]> = {
  en_US: [
    ["1,234.50", 1234.5],
    ["$1,234,567.89", 1234567.89],
    ["-$3.10", -3.1],
    ["$-3.10", -3.1],
    ["–5", -5],
    ["‒5", -5],
    ["−5", -5],
    ["－5", -5],
    ["﹣5", -5],
    ["5-", -5],
    ["$5.00-", -5],
    ["+5", 5],
    ["(45.00)", -45],
    ["($45.00)", -45],
    ["$(45.00)", -45],
    ["USD 99", 99],
    ["99 USD", 99],
    ["US$99", 99],
    ["12.5%", 0.125],
    ["-12%", -0.12],
    ["1,234", 1234],
    ["1,5", 1.5],
    ["0,123", 0.123],
    [".75", 0.75],
    ["1e3", 1000],
    ["１２３", 123],
    ["-0", 0],
    ["(0.00)", 0],
    ["1,23,456.78", undefined],
    ["12,34", 12.34],
    ["1,234,5", undefined],
    ["1 234", undefined],
    ["12 34", undefined],
    ["Q1 2024", undefined],
    ["No. 5", undefined],
    ["v2", undefined],
    ["5 apples", undefined],
    ["5 dollars", undefined],
    ["ABC 5", undefined],
    ["1e309", undefined],
    ["-1e309", undefined],
    [`1${"0".repeat(400)}`, undefined],
    ["--3", undefined],
    ["-(5)", undefined],
    ["(5", undefined],
    ["5)(", undefined],
    ["$5%", undefined],
    ["5%%", undefined],
    ["$€5", undefined],
    ["5.", undefined],
    ["12-3", undefined],
    ["-", undefined],
    ["$", undefined],
    ["()", undefined],
    ["#N/A", undefined],
  ],
  en_IN: [
    ["₹1,23,456.78", 123456.78],
    ["12,34,567", 1234567],
    ["1,234,567", 1234567],
    ["₹ 1,00,000", 100000],
    ["-₹12,345", -12345],
    ["1,2,345", undefined],
    ["12,3,456", undefined],
    ["123,45,678", undefined],
  ],
  de_DE: [
    ["1.234,50 €", 1234.5],
    ["1.234,50-", -1234.5],
    ["-1.234,50 €", -1234.5],
    ["1.234", 1234],
    ["1,234", 1.234],
    ["1.234.567", 1234567],
    ["12,5 %", 0.125],
    ["1 234,50", undefined],
    ["12.34", 12.34],
  ],
  fr_FR: [
    ["1 234,50 €", 1234.5],
    ["1\u202f234,50\u00a0€", 1234.5],
    ["1\u00a0234\u00a0567", 1234567],
    ["-12,5\u202f%", -0.125],
    ["12 34", undefined],
    ["1 2345", undefined],
  ],
  ru_RU: [
    ["1 234,50 ₽", 1234.5],
    ["1 234,50 руб.", 1234.5],
    ["1 234 руб", 1234],
    ["–1 234,50 р.", -1234.5],
    ["0.5", 0.5],
    ["12 34", undefined],
    ["5 шт", undefined],
  ],
  ko_KR: [
    ["₩12,000", 12000],
    ["12,000원", 12000],
    ["-₩1,235", -1235],
    ["KRW 5,000", 5000],
    ["1만", undefined],
  ],
  ja_JP: [
    ["￥1,234", 1234],
    ["¥1,234", 1234],
    ["1,234円", 1234],
    ["１，２３４", 1234],
    ["－１２３", -123],
    ["１２％", 0.12],
  ],
  de_CH: [
    ["1'234.50", 1234.5],
    ["1’234.50", 1234.5],
    ["CHF-1'234.50", -1234.5],
    ["1'23", undefined],
  ],
  nl_NL: [["€ -1.234,50", -1234.5]],
};

describe.each(Object.entries(LOCALES))("parseNumberText in %s", (sheetsLocale, cases) => {
  const locale = numberLocale(sheetsLocale);
  it.each(cases)("%j → %s", (text, expected) => {
    expect(parseNumberText(text, locale)).toBe(expected);
  });
});

describe("numberLocale", () => {
  it("knows the separators and the Indian grouping from Intl", () => {
    expect(numberLocale("en_IN")).toMatchObject({ decimal: ".", group: ",", indian: true });
    expect(numberLocale("hi_IN").indian).toBe(true);
    expect(numberLocale("en_US")).toMatchObject({ decimal: ".", group: ",", indian: false });
    expect(numberLocale("de_DE")).toMatchObject({ decimal: ",", group: "." });
    expect(numberLocale("not a locale").tag).toBe("en-US");
  });
});

describe("parseNumberText reads back what Intl writes", () => {
  const TAGS = ["en-US", "en-IN", "de-DE", "fr-FR", "ru-RU", "ko-KR", "ja-JP", "de-CH", "nl-NL", "es-ES"];
  const CURRENCY: Record<string, string> = { "en-IN": "INR", "ko-KR": "KRW", "ja-JP": "JPY", "ru-RU": "RUB" };
  it.each(TAGS)("in %s: numbers and money, with every sign display", (tag) => {
    const locale = numberLocale(tag.replace("-", "_"));
    fc.assert(
      fc.property(
        fc.double({ min: -1e12, max: 1e12, noNaN: true }).map((x) => Math.round(x)),
        fc.constantFrom("decimal", "currency", "accounting"),
        (value, style) => {
          const format = new Intl.NumberFormat(tag, {
            maximumFractionDigits: 0,
            ...(style === "decimal"
              ? {}
              : {
                  style: "currency",
                  currency: CURRENCY[tag] ?? "EUR",
                  currencySign: style === "accounting" ? "accounting" : "standard",
                }),
          });
          expect(parseNumberText(format.format(value), locale)).toBe(value + 0);
        },
      ),
      { seed: 15 },
    );
  });

  it("never reads text with letters other than a currency, nor a non-finite number", () => {
    const locale = numberLocale("en_US");
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 12 }), (text) => {
        const value = parseNumberText(text, locale);
        if (value === undefined) return;
        expect(Number.isFinite(value)).toBe(true);
        expect(text.replace(/US\$|[A-Z]{3}|\p{Sc}/gu, "")).not.toMatch(/\p{L}/u);
      }),
      { seed: 15, numRuns: 2000 },
    );
  });
});
