/**
 * FIT_PURCHASE_MODEL, GAMMAGAMMA_PARAMS on a summary, MBGNBD_PARAMS and the predictions at given
 * parameters (P_ALIVE, EXPECTED_PURCHASES, PROB_PURCHASES) in the shipped dist/Code.js, called as Sheets
 * calls them: on the CDNOW calibration summary and the donation data lifetimes ships, against the
 * published estimates, the papers' closed forms worked here by hand, and their identities.
 */
import { describe, expect, it } from "vitest";
import { customFunctionServices, loadBundle } from "../helpers/bundle";
import { describeWithReferenceData, readReferenceCsv } from "../helpers/reference-data";

const sheets = loadBundle(customFunctionServices("en_US", "America/New_York"));
const column = (values: (string | number)[]) => values.map((v) => [v]);

const [rfmHeader, ...rfmRows] = readReferenceCsv("cdnow_sample_rfm.csv");
const rfm = (name: string) => rfmRows.map((row) => Number(row[rfmHeader.indexOf(name)]));
const [x, tx, T, zbar] = ["x", "t_x", "T", "zbar"].map(rfm);

/** The summary condensed to distinct (x, t_x, T) patterns with their customers, as weights. */
function condensed() {
  const counts = new Map<string, number>();
  x.forEach((_, i) => {
    const key = `${x[i]},${tx[i]},${T[i]}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  });
  const keys = [...counts.keys()].map((k) => k.split(",").map(Number));
  return {
    x: column(keys.map((k) => k[0])),
    tx: column(keys.map((k) => k[1])),
    T: column(keys.map((k) => k[2])),
    weights: column([...counts.values()]),
  };
}

describeWithReferenceData("FIT_PURCHASE_MODEL on the CDNOW calibration summary", () => {
  const fitted = (model: string) => sheets.FIT_PURCHASE_MODEL(model, column(x), column(tx), column(T));

  it("BG/NBD and Pareto/NBD reproduce the published estimates; MBG/NBD lifetimes' and BTYDplus'", () => {
    const estimates = (model: string) =>
      fitted(model)[1]
        .slice(0, 4)
        .map((v: number) => v.toFixed(3));
    expect(estimates("BG/NBD")).toEqual(["0.243", "4.414", "0.793", "2.426"]);
    // β is 11.668 on the summary's rounded weeks, 11.669 on the raw transactions (purchase-models.test.ts).
    expect(estimates("Pareto/NBD")).toEqual(["0.553", "10.578", "0.606", "11.668"]);
    expect(estimates("MBG/NBD")).toEqual(["0.525", "6.183", "0.891", "1.614"]);
    expect(fitted("BG/NBD")[0]).toEqual(["r", "alpha", "a", "b", "log_likelihood"]);
    expect(fitted("BG/NBD")[1][4].toFixed(1)).toBe("-9582.4");
  });

  it("the same rows condensed to patterns with weights give the same table", () => {
    const c = condensed();
    expect(c.x.length).toBeLessThan(x.length);
    for (const model of ["BG/NBD", "MBG/NBD", "Pareto/NBD"]) {
      const weighted = sheets.FIT_PURCHASE_MODEL(model, c.x, c.tx, c.T, c.weights);
      const plain = fitted(model);
      for (const [i, v] of weighted[1].entries()) expect(v).toBeCloseTo(plain[1][i], 4);
    }
  });

  it("MBGNBD_PARAMS on the raw transactions is FIT_PURCHASE_MODEL on their summary", () => {
    const [header, ...rows] = readReferenceCsv("cdnow_sample.csv");
    const pick = (name: string) => column(rows.map((row) => row[header.indexOf(name)]));
    const table = sheets.MBGNBD_PARAMS(pick("customer_id"), pick("date"), "1997-09-30");
    expect(table[0]).toEqual(["r", "alpha", "a", "b", "log_likelihood"]);
    expect(table[1].slice(0, 4).map((v: number) => v.toFixed(2))).toEqual(["0.52", "6.18", "0.89", "1.61"]);
    for (const e of table[2].slice(0, 4)) expect(e).toBeGreaterThan(0);
  });

  it("names the row and the argument of a bad summary row, and a table where a column is expected", () => {
    expect(() =>
      sheets.FIT_PURCHASE_MODEL("BG/NBD", column([1, 0]), column([5, 3]), column([10, 10])),
    ).toThrow("FIT_PURCHASE_MODEL: recency, row 2, is 3 with no repeat purchase (frequency 0) — expected 0");
    expect(() =>
      sheets.FIT_PURCHASE_MODEL("BG/NBD", column([1, 2]), column([5, 12]), column([10, 10])),
    ).toThrow("FIT_PURCHASE_MODEL: recency, row 2, is 12 — expected an age from 0 to T (10)");
    expect(() =>
      sheets.FIT_PURCHASE_MODEL(
        "BG/NBD",
        [
          [1, 2],
          [3, 4],
        ],
        column([5, 3]),
        column([10, 10]),
      ),
    ).toThrow("FIT_PURCHASE_MODEL: frequency is 2 rows × 2 columns — give a single column (or a single row)");
    expect(() => sheets.FIT_PURCHASE_MODEL("NBD", column([1]), column([5]), column([10]))).toThrow(
      'FIT_PURCHASE_MODEL: model is "NBD" — expected "BG/NBD", "MBG/NBD", "Pareto/NBD" or "BG/BB"',
    );
  });
});

describeWithReferenceData("BG/BB from the donation summary", () => {
  const [, ...rows] = readReferenceCsv("donations_bgbb_fader_hardie_shang_2010.csv");
  const [frequency, recency, periods, weights] = [0, 1, 2, 3].map((i) =>
    column(rows.map((r) => Number(r[i]))),
  );
  const table = sheets.FIT_PURCHASE_MODEL("BG/BB", frequency, recency, periods, weights);
  const params = [table[1]];
  const [alpha, beta, gamma, delta] = table[1];

  it("FIT_PURCHASE_MODEL is BGBB_PARAMS", () => {
    expect(table).toEqual(sheets.BGBB_PARAMS(frequency, recency, periods, weights));
  });

  it("E[X(n)] is α/(α + β) · δ/(γ − 1) · [1 − Γ(γ + δ)Γ(1 + δ + n)/(Γ(1 + δ)Γ(γ + δ + n))] and the mean of P(X(n) = x)", () => {
    const lnGamma = (z: number): number => {
      // Stirling with the recurrence: enough for these arguments.
      let shift = 0;
      while (z < 10) shift -= Math.log(z++);
      return (
        shift + (z - 0.5) * Math.log(z) - z + 0.5 * Math.log(2 * Math.PI) + 1 / (12 * z) - 1 / (360 * z ** 3)
      );
    };
    const n = 6;
    const closed =
      (alpha / (alpha + beta)) *
      (delta / (gamma - 1)) *
      (1 -
        Math.exp(
          lnGamma(gamma + delta) + lnGamma(1 + delta + n) - lnGamma(1 + delta) - lnGamma(gamma + delta + n),
        ));
    expect(sheets.EXPECTED_PURCHASES("BG/BB", params, n)).toBeCloseTo(closed, 8);
    const p = sheets
      .PROB_PURCHASES("BG/BB", params, column([0, 1, 2, 3, 4, 5, 6]), n)
      .map((r: number[]) => r[0]);
    expect(p.reduce((s: number, q: number) => s + q, 0)).toBeCloseTo(1, 12);
    expect(p.reduce((s: number, q: number, k: number) => s + k * q, 0)).toBeCloseTo(closed, 8);
  });

  it("P_ALIVE and the conditional expectation follow the donors' patterns: more recent, more alive", () => {
    const alive = sheets.P_ALIVE("BG/BB", params, column([3, 3, 0]), column([3, 6, 0]), 6);
    expect(alive[1][0]).toBeGreaterThan(alive[0][0]);
    expect(alive[1][0]).toBeCloseTo(1, 6);
    const forecast = sheets.BGBB_FORECAST(frequency, recency, periods, 5, weights);
    const conditional = sheets.EXPECTED_PURCHASES("BG/BB", params, 5, frequency, recency, periods);
    for (const [i, [v]] of forecast.entries()) expect(conditional[i][0]).toBeCloseTo(v, 5);
    expect(() => sheets.EXPECTED_PURCHASES("BG/BB", params, 1.5)).toThrow(
      "EXPECTED_PURCHASES: t is 1.5 — expected a whole number of opportunities, 0 to 1000",
    );
  });
});

describe("predictions at given parameters", () => {
  const bg = [[0.243, 4.414, 0.793, 2.426, -9582.4]];
  const mbg = [[0.525, 6.183, 0.891, 1.614, -9582.1]];
  const [r, alpha, a, b] = bg[0];

  it("P_ALIVE is BG/NBD's 1 / (1 + a/(b + x − 1) · ((α + T)/(α + t_x))^(r + x)), 1 for a one-time buyer; below 1 under MBG/NBD", () => {
    const byHand = (xi: number, t: number, age: number) =>
      xi === 0 ? 1 : 1 / (1 + (a / (b + xi - 1)) * ((alpha + age) / (alpha + t)) ** (r + xi));
    const result = sheets.P_ALIVE("BG/NBD", bg, column([0, 2, 7]), column([0, 30.43, 29.43]), 38.86);
    expect(result.map((row: number[]) => row[0])).toEqual([
      1,
      expect.closeTo(byHand(2, 30.43, 38.86), 12),
      expect.closeTo(byHand(7, 29.43, 38.86), 12),
    ]);
    const one = sheets.P_ALIVE("MBG/NBD", mbg, 0, 0, 38.86);
    expect(one).toBeCloseTo(1 / (1 + (0.891 / 1.614) * ((6.183 + 38.86) / 6.183) ** 0.525), 12);
  });

  it("EXPECTED_PURCHASES gives the paper's 1.226 for x = 2, t_x = 30.43, T = 38.86 over 39 weeks", () => {
    expect(sheets.EXPECTED_PURCHASES("BG/NBD", bg, 39, 2, 30.43, 38.86).toFixed(3)).toBe("1.226");
  });

  it("a new customer's E[X(t)] is the mean of PROB_PURCHASES, for every continuous-time model", () => {
    const ns = Array.from({ length: 300 }, (_, k) => k);
    for (const [model, params] of [
      ["BG/NBD", bg],
      ["MBG/NBD", mbg],
      ["Pareto/NBD", [[0.553, 10.578, 0.606, 11.669]]],
    ] as const) {
      const p = sheets.PROB_PURCHASES(model, params, column(ns), 20).map((row: number[]) => row[0]);
      expect(p.reduce((s: number, q: number) => s + q, 0)).toBeCloseTo(1, 6);
      const mean = p.reduce((s: number, q: number, k: number) => s + k * q, 0);
      expect(sheets.EXPECTED_PURCHASES(model, params, 20)).toBeCloseTo(mean, 5);
      // With history at T = 0 the conditional expectation is the new customer's.
      expect(sheets.EXPECTED_PURCHASES(model, params, 20, 0, 0, 0)).toBeCloseTo(mean, 5);
    }
  });

  it("takes the whole _PARAMS table too, and any t in the unit, not only whole months", () => {
    const table = [["r", "alpha", "a", "b", "log_likelihood"], bg[0], [0.01, 0.4, 0.2, 0.7, ""]];
    expect(sheets.EXPECTED_PURCHASES("BG/NBD", table, 2.5)).toBe(
      sheets.EXPECTED_PURCHASES("BG/NBD", bg, 2.5),
    );
  });

  it("keeps blank rows blank and in place, and names bad input", () => {
    const result = sheets.EXPECTED_PURCHASES(
      "BG/NBD",
      bg,
      column([10, "", 20]),
      column([1, "", 2]),
      column([5, "", 6]),
      column([8, "", 9]),
    );
    expect(result[1]).toEqual([""]);
    expect(result[0][0]).toBeGreaterThan(0);
    expect(() => sheets.P_ALIVE("BG/NBD", bg, [[1, 2]], [[1, 2]], [[3, 4]])).not.toThrow();
    expect(() =>
      sheets.P_ALIVE(
        "BG/NBD",
        bg,
        [
          [1, 2],
          [1, 2],
        ],
        column([1, 2]),
        column([3, 4]),
      ),
    ).toThrow("P_ALIVE: frequency is 2 rows × 2 columns — give a single column (or a single row)");
    expect(() => sheets.EXPECTED_PURCHASES("BG/NBD", bg, 10, 2)).toThrow(
      "EXPECTED_PURCHASES: recency is missing — give frequency, recency and T together, or none of them for a new customer",
    );
    expect(() => sheets.P_ALIVE("BG/NBD", [[0.2, 4, 0.8]], 1, 1, 2)).toThrow(
      /P_ALIVE: params has 3 cells — BG\/NBD has 4 parameters/,
    );
    expect(() => sheets.P_ALIVE("BG/NBD", bg, column([1, 1.5]), column([1, 1]), column([2, 2]))).toThrow(
      "P_ALIVE: frequency, row 2, is 1.5 — expected a whole number of repeat purchases, 0 or more",
    );
    expect(() => sheets.PROB_PURCHASES("BG/NBD", bg, -1, 5)).toThrow(
      "PROB_PURCHASES: n is -1 — expected a whole number of purchases from 0 to 1000",
    );
  });
});

describeWithReferenceData("GAMMAGAMMA_PARAMS on a summary (frequency, mean repeat value, [weights])", () => {
  it("reproduces p 6.25, q 3.74, γ 15.44; weights and one-time buyers' rows change nothing", () => {
    const table = sheets.GAMMAGAMMA_PARAMS(column(x), column(zbar));
    expect(table[0]).toEqual(["p", "q", "gamma", "log_likelihood", "customers", "left_out"]);
    expect(table[1].slice(0, 3).map((v: number) => v.toFixed(2))).toEqual(["6.25", "3.74", "15.45"]);
    const repeat = x.map((_, i) => i).filter((i) => x[i] > 0);
    const twice = sheets.GAMMAGAMMA_PARAMS(
      column(repeat.map((i) => x[i])),
      column(repeat.map((i) => zbar[i])),
      column(repeat.map(() => 2)),
    );
    expect(twice[1][0]).toBeCloseTo(table[1][0], 6);
    expect(twice[1][3]).toBeCloseTo(2 * table[1][3], 6);
  });
});
