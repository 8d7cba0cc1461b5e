/**
 * The forecast formulas in the shipped dist/Code.js, called as Sheets calls them, against the
 * published results: Fader & Hardie (2007) for SBG_PARAMS / RETENTION_FORECAST, and Fader, Hardie &
 * Lee (2005) for BGNBD_PARAMS / GAMMAGAMMA_PARAMS / PREDICTED_CLV on the raw CDNOW transactions.
 */
import { describe, expect, it } from "vitest";
import { Random } from "../../src/core/sample/random";
import { customFunctionServices, loadBundle } from "../helpers/bundle";
import { describeWithReferenceData, readReferenceCsv } from "../helpers/reference-data";

const sheets = loadBundle(customFunctionServices("en_US", "America/New_York"));
const column = (values: (string | number)[]) => values.map((v) => [v]);

describe("forecast formulas as Sheets calls them", () => {
  it("SBG_PARAMS names what is wrong with the survivors", () => {
    expect(() => sheets.SBG_PARAMS(column([1000, 600]))).toThrow(
      "SBG_PARAMS: survivors has 2 periods — the sBG model needs counts for at least 3 (periods 0, 1 and 2)",
    );
    expect(() => sheets.SBG_PARAMS(column([1000, 600, 650]))).toThrow(
      "SBG_PARAMS: survivors increases from 600 at period 1 to 650 at period 2 — survivors of one cohort can only fall",
    );
    expect(() => sheets.SBG_PARAMS(column([1000, -5, 3]))).toThrow(
      "SBG_PARAMS: survivors, row 2, is -5 — a count cannot be negative",
    );
    expect(() => sheets.SBG_PARAMS(column([500, 500, 500]))).toThrow(/never falls/);
  });

  it("RETENTION_FORECAST wants a whole number of periods ahead and ignores trailing blank cells", () => {
    expect(() => sheets.RETENTION_FORECAST(column([1000, 631, 468]), 1.5)).toThrow(
      "RETENTION_FORECAST: periods_ahead is 1.5 — expected a whole number of periods, 1 or more",
    );
    const withBlanks = sheets.RETENTION_FORECAST(column([1000, 631, 468, 382, "", ""]), 2);
    expect(withBlanks).toEqual(sheets.RETENTION_FORECAST(column([1000, 631, 468, 382]), 2));
  });

  it("BGNBD_PARAMS says so when nobody bought on a second day, and names a bad unit", () => {
    const ids = column(["a", "b", "b"]);
    const dates = column(["2024-01-01", "2024-01-05", "2024-01-05"]);
    expect(() => sheets.BGNBD_PARAMS(ids, dates)).toThrow(
      "BGNBD_PARAMS: dates show no repeat purchase — every customer bought on one day only, so the BG/NBD model cannot be fitted",
    );
    expect(() => sheets.BGNBD_PARAMS(ids, dates, "", "fortnight")).toThrow(
      'BGNBD_PARAMS: unit is "fortnight" — expected "day", "week", "month", "quarter" or "year"',
    );
  });

  it("GAMMAGAMMA_PARAMS leaves out and counts a customer whose repeat purchases net to 0, and says when spend cannot identify the model", () => {
    const random = new Random(3);
    const rows: [string, string, number][] = [];
    for (let c = 0; c < 60; c++) {
      const scale = random.gamma(3, 40);
      const orders = 2 + Math.floor(random.next() * 4);
      for (let k = 0; k < orders; k++)
        rows.push([`c${c}`, `2024-0${1 + k}-1${c % 10}`, Math.round(random.gamma(4, scale) * 100) / 100]);
    }
    rows.push(["z", "2024-01-02", 30], ["z", "2024-01-09", 25], ["z", "2024-01-10", -25]);
    const col = (i: number) => rows.map((row) => [row[i]]);
    const [names, values] = sheets.GAMMAGAMMA_PARAMS(col(0), col(1), col(2));
    expect(names.slice(4)).toEqual(["customers", "left_out"]);
    expect(values.slice(4)).toEqual([60, 1]);
    for (const v of values.slice(0, 3)) expect(v).toBeGreaterThan(0);

    // Six customers whose orders vary too little: the likelihood has no maximum.
    const few = [
      [12, 30, 18],
      [55, 40],
      [9, 14, 11, 10],
      [80, 95],
      [22, 25, 31],
      [45, 41],
    ].flatMap((spend, c) =>
      spend.map((v, k) => [`c${c}`, `2024-01-${String(1 + k * 3 + c).padStart(2, "0")}`, v]),
    );
    expect(() =>
      sheets.GAMMAGAMMA_PARAMS(
        few.map((r) => [r[0]]),
        few.map((r) => [r[1]]),
        few.map((r) => [r[2]]),
      ),
    ).toThrow(
      "GAMMAGAMMA_PARAMS: amounts — the model has no best fit: each customer's orders seem to be all of one value (p grows without bound and γ shrinks toward 0); the likelihood keeps improving toward that limit, so there is no estimate to report (more customers or a longer history may give one)",
    );
  });

  it("PREDICTED_CLV names a bad horizon or discount rate", () => {
    const ids = column(["a", "a", "b"]);
    const dates = column(["2024-01-01", "2024-02-01", "2024-01-05"]);
    const amounts = column([10, 20, 30]);
    expect(() => sheets.PREDICTED_CLV(ids, dates, amounts, 0)).toThrow(
      "PREDICTED_CLV: horizon_months is 0 — expected a whole number of months, 1 or more",
    );
    expect(() => sheets.PREDICTED_CLV(ids, dates, amounts, 12, 5)).toThrow(
      /PREDICTED_CLV: monthly_discount_rate is 5/,
    );
  });
});

describeWithReferenceData("SBG_PARAMS and RETENTION_FORECAST on Fader & Hardie (2007)", () => {
  const [header, ...rows] = readReferenceCsv("sbg_retention_fader_hardie_2007.csv");
  const regular = rows.map((row) => Number(row[header.indexOf("regular")]));

  it("SBG_PARAMS on years 0–7 gives the published α = 0.704, β = 1.182 as a header row and a row of values", () => {
    const result = sheets.SBG_PARAMS(column(regular.slice(0, 8)));
    expect(result[0]).toEqual(["alpha", "beta", "log_likelihood"]);
    expect(result[1][0].toFixed(3)).toBe("0.704");
    expect(result[1][1].toFixed(3)).toBe("1.182");
    expect(result[1][2]).toBeLessThan(0);
  });

  it("SBG_PARAMS fits a table of cohorts (one per column, blanks below the shorter one) with one α and β", () => {
    const highEnd = rows.map((row) => Number(row[header.indexOf("high_end")]));
    const table = regular.slice(0, 8).map((n, t) => [n, t < 6 ? highEnd[t] : ""]);
    const [, joint] = sheets.SBG_PARAMS(table);
    const separate = [
      sheets.SBG_PARAMS(column(regular.slice(0, 8)))[1][2],
      sheets.SBG_PARAMS(column(highEnd.slice(0, 6)))[1][2],
    ];
    expect(joint[2]).toBeLessThan(separate[0] + separate[1]);
    expect(joint[0]).toBeGreaterThan(0);
    expect(() => sheets.SBG_PARAMS(regular.slice(0, 8).map((n, t) => [n, t < 2 ? highEnd[t] : ""]))).toThrow(
      "SBG_PARAMS: survivors (column 2) has 2 periods — the sBG model needs counts for at least 3 (periods 0, 1 and 2)",
    );
  });

  it("RETENTION_FORECAST projects years 8–12 within 5% of the held-out counts", () => {
    const projected = sheets.RETENTION_FORECAST(column(regular.slice(0, 8)), 5);
    expect(projected).toHaveLength(5);
    projected.forEach(([value]: number[], k: number) => {
      expect(Math.abs(value - regular[8 + k]) / regular[8 + k]).toBeLessThan(0.05);
    });
  });
});

describeWithReferenceData("BG/NBD, Gamma-Gamma and predicted CLV from the raw CDNOW transactions", () => {
  const [header, ...rows] = readReferenceCsv("cdnow_sample.csv");
  const pick = (name: string) => column(rows.map((row) => row[header.indexOf(name)]));
  const ids = pick("customer_id");
  const dates = pick("date");
  const amounts = pick("amount").map(([v]) => [Number(v)]);
  const end = "1997-09-30";

  it("BGNBD_PARAMS with end 1997-09-30 in weeks reproduces Fader, Hardie & Lee (2005): r 0.243, α 4.414, a 0.793, b 2.426, LL −9582.4", () => {
    const [names, values] = sheets.BGNBD_PARAMS(ids, dates, end, "week");
    expect(names).toEqual(["r", "alpha", "a", "b", "log_likelihood"]);
    expect(values.slice(0, 4).map((v: number) => v.toFixed(3))).toEqual(["0.243", "4.414", "0.793", "2.426"]);
    expect(values[4].toFixed(1)).toBe("-9582.4");
  });

  it("GAMMAGAMMA_PARAMS reproduces p 6.25, q 3.74, γ 15.44 (Fader, Hardie & Lee 2005, RFM and CLV) on 946 repeat customers", () => {
    const [names, values] = sheets.GAMMAGAMMA_PARAMS(ids, dates, amounts, end);
    expect(names).toEqual(["p", "q", "gamma", "log_likelihood", "customers", "left_out"]);
    expect(values.slice(0, 3).map((v: number) => v.toFixed(2))).toEqual(["6.25", "3.74", "15.44"]);
    expect(values.slice(4)).toEqual([946, 0]);
  });

  it("PREDICTED_CLV gives one finite row per customer: P(alive) in [0, 1], the population mean for non-repeaters", () => {
    const result = sheets.PREDICTED_CLV(ids, dates, amounts, 12, 0.01, 1, end);
    expect(result[0]).toEqual([
      "customer_id",
      "p_alive",
      "expected_purchases",
      "expected_order_value",
      "predicted_clv",
    ]);
    expect(result).toHaveLength(2358);
    for (const [id, alive, purchases, value, clv] of result.slice(1)) {
      expect(typeof id).toBe("string");
      for (const n of [alive, purchases, value, clv]) expect(Number.isFinite(n)).toBe(true);
      expect(alive).toBeGreaterThanOrEqual(0);
      expect(alive).toBeLessThanOrEqual(1);
      expect(clv).toBeGreaterThanOrEqual(0);
    }
    const [, values] = sheets.GAMMAGAMMA_PARAMS(ids, dates, amounts, end);
    const [p, q, gamma] = values;
    // Only customers without repeat purchases have P(alive) = 1 exactly.
    const nonRepeaters = result.slice(1).filter((row: (string | number)[]) => row[1] === 1);
    expect(nonRepeaters.length).toBe(2357 - 946);
    for (const row of nonRepeaters) expect(row[3]).toBeCloseTo((p * gamma) / (q - 1), 8);
  });

  it("PREDICTED_CLV forecasts customers first seen on end_date (T = 0) without fitting to them: P(alive) 1, the new customer's expected purchases", () => {
    const early = "1997-03-25";
    const firstDay = new Map<string, string>();
    ids.forEach(([id], i) => {
      const day = dates[i][0] as string;
      const seen = firstDay.get(id as string);
      if (seen === undefined || day < seen) firstDay.set(id as string, day);
    });
    const newcomers = new Set([...firstDay].filter(([, day]) => day === early).map(([id]) => id));
    expect(newcomers.size).toBeGreaterThan(0);
    const result = sheets.PREDICTED_CLV(ids, dates, amounts, 12, 0.01, 1, early, 0.8);
    const rows = result.slice(1).filter((row: (string | number)[]) => newcomers.has(row[0] as string));
    expect(rows).toHaveLength(newcomers.size);
    // The same E[X(12 months)] for all of them: nothing tells them apart.
    for (const [, alive, purchases, , clv, lower, upper] of rows) {
      expect(alive).toBe(1);
      expect(purchases).toBeCloseTo(rows[0][2], 12);
      expect(purchases).toBeGreaterThan(0);
      expect(lower).toBeLessThanOrEqual(clv);
      expect(upper).toBeGreaterThanOrEqual(clv);
    }
  });
});
