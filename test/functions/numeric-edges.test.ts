/**
 * The numeric edges the fuzzing of issue 15 found (precision, impossible fits, unbounded output), as
 * Sheets calls the shipped dist/Code.js: inputs → the exact value or the exact error.
 */
import { describe, expect, it } from "vitest";
import { customFunctionServices, loadBundle } from "../helpers/bundle";

const sheets = loadBundle(customFunctionServices("en_US", "UTC"));
const column = (values: number[]) => values.map((v) => [v]);

describe("values", () => {
  it("PAYBACK(300, 50, 1E-17) = 6: ln(1 − 6e-17)/ln(1 − 1e-17) = 6·(1 + 2.5e-17 + …)", () => {
    expect(sheets.PAYBACK(300, 50, 1e-17)).toBe(6);
  });

  it("PAYBACK(1000000, 278.42, 1E-12) = 3591.6960…, (u/c)(1 + u/2)(1 − c/2) with u = 1e-6/278.42", () => {
    const u = 1e-6 / 278.42;
    expect(sheets.PAYBACK(1_000_000, 278.42, 1e-12)).toBeCloseTo((u / 1e-12) * (1 + u / 2) * (1 - 5e-13), 9);
  });

  it("SBG_PARAMS on counts near 1e200 fits as on the same shares of 1 customer: α = β = 2 exactly fit {1; 0.5; 0.3}", () => {
    // α/(α + β) = 0.5 and β(β + 1)/((α + β)(α + β + 1)) = 0.3 give α = β = 2.
    const [, [alpha, beta, logLikelihood]] = sheets.SBG_PARAMS(column([1e200, 5e199, 3e199]));
    expect(alpha).toBeCloseTo(2, 6);
    expect(beta).toBeCloseTo(2, 6);
    // ln L = 1e200·(0.5 ln 0.5 + 0.2 ln 0.2 + 0.3 ln 0.3)
    expect(logLikelihood / 1e200).toBeCloseTo(
      0.5 * Math.log(0.5) + 0.2 * Math.log(0.2) + 0.3 * Math.log(0.3),
      8,
    );
  });
});

describe("errors", () => {
  it.each([
    [
      "SBG_PARAMS({1E9;0;0;0})",
      () => sheets.SBG_PARAMS(column([1e9, 0, 0, 0])),
      "SBG_PARAMS: survivors falls to 0 in period 1 — every customer left at once, so nothing shows how retention changes with tenure",
    ],
    [
      "SBG_PARAMS({1000;500;250;125})",
      () => sheets.SBG_PARAMS(column([1000, 500, 250, 125])),
      "SBG_PARAMS: survivors shows no rise in retention with tenure — the share kept each period stays level or falls, as if every customer had the same churn rate: the sBG model tends to that single rate (CHURN gives it), with β growing without bound",
    ],
    [
      "RETENTION_FORECAST({1000;527;371}, 10000000)",
      () => sheets.RETENTION_FORECAST(column([1000, 527, 371]), 10_000_000),
      "RETENTION_FORECAST: periods_ahead is 10000000 — at most 1,000 periods (a projection from a few periods of counts means nothing further out)",
    ],
    [
      "PREDICTED_CLV(…, 1201)",
      () => sheets.PREDICTED_CLV([["a"]], [["2024-01-01"]], [[5]], 1201),
      "PREDICTED_CLV: horizon_months is 1201 — at most 1,200 months (100 years: no purchase history says anything further out)",
    ],
    [
      "LTV(1E200, 1E200, 1E200)",
      () => sheets.LTV(1e200, 1e200, 1e200),
      "LTV: aov (1e+200) × purchase_frequency (1e+200) × lifespan (1e+200) is too large: the result is beyond 1.8e308, the largest number a spreadsheet holds",
    ],
    [
      "PAYBACK(1E300, 1E-300)",
      () => sheets.PAYBACK(1e300, 1e-300),
      "PAYBACK: cac (1e+300) / margin_per_period (1e-300) is too large: the result is beyond 1.8e308, the largest number a spreadsheet holds",
    ],
  ])("%s", (_, call, message) => {
    expect(call).toThrow(message);
  });

  it("an overflow inside a range names the row", () => {
    expect(() => sheets.CAC([[100], [1e300]], [[4], [1e-10]])).toThrow(
      "CAC: spend, row 2, (1e+300) / new_customers (1e-10) is too large: the result is beyond 1.8e308, the largest number a spreadsheet holds",
    );
  });
});
