/**
 * PARETONBD_PARAMS, BGBB_PARAMS and BGBB_FORECAST in the shipped dist/Code.js, called as Sheets calls
 * them, against the published results: Fader, Hardie & Lee (2005, the Pareto/NBD note) on the raw
 * CDNOW transactions, and Fader, Hardie & Shang (2010) on the donation data.
 */
import { expect, it } from "vitest";
import { customFunctionServices, loadBundle } from "../helpers/bundle";
import { describeWithReferenceData, itWithReferenceData, readReferenceCsv } from "../helpers/reference-data";

const sheets = loadBundle(customFunctionServices("en_US", "America/New_York"));
const column = (values: (string | number)[]) => values.map((v) => [v]);

describeWithReferenceData("PARETONBD_PARAMS on the raw CDNOW transactions", () => {
  const [header, ...rows] = readReferenceCsv("cdnow_sample.csv");
  const pick = (name: string) => column(rows.map((row) => row[header.indexOf(name)]));
  const ids = pick("customer_id");
  const dates = pick("date");

  it("with end 1997-09-30 in weeks reproduces the note: r 0.553, α 10.578, s 0.606, β 11.669, LL −9595.0, with standard errors", () => {
    const [names, values, errors] = sheets.PARETONBD_PARAMS(ids, dates, "1997-09-30", "week");
    expect(names).toEqual(["r", "alpha", "s", "beta", "log_likelihood"]);
    expect(values.slice(0, 4).map((v: number) => v.toFixed(3))).toEqual([
      "0.553",
      "10.578",
      "0.606",
      "11.669",
    ]);
    expect(values[4].toFixed(1)).toBe("-9595.0");
    for (const e of errors.slice(0, 4)) expect(e).toBeGreaterThan(0);
    expect(errors[4]).toBe("");
  });

  it("names the model when nobody bought on a second day", () => {
    expect(() => sheets.PARETONBD_PARAMS(column(["a", "b"]), column(["2024-01-01", "2024-01-05"]))).toThrow(
      "PARETONBD_PARAMS: dates show no repeat purchase — every customer bought on one day only, so the Pareto/NBD model cannot be fitted",
    );
  });
});

describeWithReferenceData(
  "BGBB_PARAMS and BGBB_FORECAST on the donation data (Fader, Hardie & Shang 2010)",
  () => {
    const [, ...rows] = readReferenceCsv("donations_bgbb_fader_hardie_shang_2010.csv");
    const col = (i: number) => rows.map((row) => [Number(row[i])]);
    const [frequency, recency, periods, customers] = [0, 1, 2, 3].map(col);

    it("BGBB_PARAMS reproduces α 1.204, β 0.750, γ 0.657, δ 2.783, LL −33,225.6, with standard errors", () => {
      const [names, values, errors] = sheets.BGBB_PARAMS(frequency, recency, periods, customers);
      expect(names).toEqual(["alpha", "beta", "gamma", "delta", "log_likelihood"]);
      expect(values.slice(0, 4).map((v: number) => v.toFixed(3))).toEqual([
        "1.204",
        "0.750",
        "0.657",
        "2.783",
      ]);
      expect(values[4].toFixed(1)).toBe("-33225.6");
      for (const e of errors.slice(0, 4)) expect(e).toBeGreaterThan(0);
    });

    it("BGBB_FORECAST gives one expectation per row, rising with frequency at full recency, and blank rows blank", () => {
      const forecast = sheets.BGBB_FORECAST(frequency, recency, periods, 5, customers);
      expect(forecast).toHaveLength(rows.length);
      const byPattern = (x: number, tx: number) =>
        forecast[rows.findIndex((r) => Number(r[0]) === x && Number(r[1]) === tx)][0];
      for (let x = 1; x < 6; x++) expect(byPattern(x + 1, 6)).toBeGreaterThan(byPattern(x, 6));
      const padded = (c: number[][]) => [...c, [""], [""]];
      expect(
        sheets.BGBB_FORECAST(padded(frequency), padded(recency), padded(periods), 5, padded(customers)),
      ).toEqual([...forecast, [""], [""]]);
    });

    it("names the column and row of an impossible pattern, and a bad periods_ahead", () => {
      expect(() => sheets.BGBB_PARAMS([[1], [7]], [[1], [7]], [[6], [6]])).toThrow(
        "BGBB_PARAMS: frequency (row 2) is 7 — expected a whole number of transactions from 0 to periods (6)",
      );
      expect(() => sheets.BGBB_FORECAST(frequency, recency, periods, 0, customers)).toThrow(
        "BGBB_FORECAST: periods_ahead is 0 — expected a whole number of periods, 1 or more",
      );
    });
  },
);

itWithReferenceData(
  "BGNBD_PARAMS leaves out customers first seen on end_date (T = 0: nothing could have happened yet), as PARETONBD_PARAMS does",
  () => {
    const [header, ...rows] = readReferenceCsv("cdnow_sample.csv");
    const [id, date] = [header.indexOf("customer_id"), header.indexOf("date")];
    const end = "1997-03-25";
    const first = new Map<string, string>();
    for (const row of rows)
      if (!first.has(row[id]) || row[date] < (first.get(row[id]) as string)) first.set(row[id], row[date]);
    const kept = rows.filter((row) => first.get(row[id]) !== end);
    expect(kept.length).toBeLessThan(rows.length);
    const all = sheets.BGNBD_PARAMS(column(rows.map((r) => r[id])), column(rows.map((r) => r[date])), end);
    const without = sheets.BGNBD_PARAMS(
      column(kept.map((r) => r[id])),
      column(kept.map((r) => r[date])),
      end,
    );
    expect(all[1]).toEqual(without[1]);
  },
);
