/**
 * The parameters' uncertainty in the shipped dist/Code.js, called as Sheets calls it: the *_PARAMS
 * formulas' third row (standard errors from the observed information) and PREDICTED_CLV's interval.
 */
import { expect, it } from "vitest";
import { customFunctionServices, loadBundle } from "../helpers/bundle";
import { describeWithReferenceData, readReferenceCsv } from "../helpers/reference-data";

const sheets = loadBundle(customFunctionServices("en_US", "America/New_York"));
const column = (values: (string | number)[]) => values.map((v) => [v]);

describeWithReferenceData("standard errors from the raw CDNOW transactions", () => {
  const [header, ...rows] = readReferenceCsv("cdnow_sample.csv");
  const pick = (name: string) => column(rows.map((row) => row[header.indexOf(name)]));
  const ids = pick("customer_id");
  const dates = pick("date");

  it("BGNBD_PARAMS's third row is r 0.013, α 0.378, a 0.186, b 0.705 (as `lifetimes` reports), blank under the log-likelihood", () => {
    const result = sheets.BGNBD_PARAMS(ids, dates, "1997-09-30", "week");
    expect(result).toHaveLength(3);
    expect(result[2].slice(0, 4).map((v: number) => v.toFixed(3))).toEqual([
      "0.013",
      "0.378",
      "0.186",
      "0.705",
    ]);
    expect(result[2][4]).toBe("");
  });

  it("PREDICTED_CLV with interval 80% adds clv_lower ≤ predicted_clv ≤ clv_upper, and names a bad level", () => {
    const amounts = pick("amount").map(([v]) => [Number(v)]);
    const result = sheets.PREDICTED_CLV(ids, dates, amounts, 12, 0.01, 1, "1997-09-30", "80%");
    expect(result[0].slice(4)).toEqual(["predicted_clv", "clv_lower", "clv_upper"]);
    for (const [, , , , clv, lower, upper] of result.slice(1)) {
      expect(lower).toBeGreaterThan(0);
      expect(lower).toBeLessThanOrEqual(clv);
      expect(upper).toBeGreaterThanOrEqual(clv);
    }
    const without = sheets.PREDICTED_CLV(ids, dates, amounts, 12, 0.01, 1, "1997-09-30");
    expect(without[1]).toEqual(result[1].slice(0, 5));
    expect(() => sheets.PREDICTED_CLV(ids, dates, amounts, 12, 0.01, 1, "1997-09-30", 1)).toThrow(
      "PREDICTED_CLV: interval is 1 — expected a level between 0 and 1, e.g. 0.8 or 80%",
    );
  });

  it("GAMMAGAMMA_PARAMS's third row has positive errors for p, q, γ and blanks under the log-likelihood and counts", () => {
    const amounts = pick("amount").map(([v]) => [Number(v)]);
    const [names, , errors] = sheets.GAMMAGAMMA_PARAMS(ids, dates, amounts, "1997-09-30");
    expect(errors).toHaveLength(names.length);
    for (const e of errors.slice(0, 3)) expect(e).toBeGreaterThan(0);
    expect(errors.slice(3)).toEqual(["", "", ""]);
  });
});

it("SBG_PARAMS's third row has the standard errors of α and β", () => {
  const [, values, errors] = sheets.SBG_PARAMS(column([1000, 631, 468, 382, 326, 289, 262, 241]));
  expect(errors[2]).toBe("");
  for (const i of [0, 1]) {
    expect(errors[i]).toBeGreaterThan(0);
    expect(errors[i]).toBeLessThan(values[i] / 2);
  }
});
