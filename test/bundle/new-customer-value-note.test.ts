/**
 * Issue 25.4: where BGNBD_PARAMS gives a fit with the note "The data do not pin the parameters",
 * PREDICTED_NEW_CUSTOMER_VALUE gives the value too, with blank bounds and a last row "Note: …" saying
 * why, instead of refusing with an error that names no argument.
 */
import { describe, expect, it } from "vitest";
import { Random } from "../../src/core/sample/random";
import { customFunctionServices, loadBundle } from "../helpers/bundle";

const sheets = loadBundle(customFunctionServices("en_US", "UTC"));

/**
 * 180 customers in two channels, each buying every 60 days or so for as long as observed (nobody
 * drops out, rates alike: BG/NBD's dropout parameters are barely pinned), order values around a
 * mean of their own. Seed 23 gives a data set like the issue's: one channel fits on its own, the
 * pooled fit of the other has no interval.
 */
function alikeCustomers(seed: number) {
  const random = new Random(seed);
  const ids: string[][] = [];
  const dates: Date[][] = [];
  const amounts: number[][] = [];
  const channels: string[][] = [];
  for (let c = 0; c < 180; c++) {
    const first = Math.floor(random.next() * 365);
    const channel = random.next() < 0.5 ? "ads" : "email";
    const mean = 10 + 40 * random.next();
    for (let day = first; day <= 548; day += Math.max(1, Math.round(random.exponential(1 / 60)))) {
      ids.push([`c${c}`]);
      dates.push([new Date(Date.UTC(2024, 0, 1) + day * 86_400_000)]);
      amounts.push([Math.round(mean * (0.3 + 1.4 * random.next()))]);
      channels.push([channel]);
    }
  }
  return { ids, dates, amounts, channels };
}

describe("PREDICTED_NEW_CUSTOMER_VALUE where the data do not pin the BG/NBD parameters", () => {
  const { ids, dates, amounts, channels } = alikeCustomers(23);

  it("BGNBD_PARAMS fits with a note on the same data", () => {
    const fit = sheets.BGNBD_PARAMS(ids, dates) as (string | number)[][];
    expect(fit.at(-1)?.[0]).toMatch(/^Note: The data do not pin the parameters/);
  });

  it("gives every value, the interval where it can be computed, and a note where it cannot", () => {
    const table = sheets.PREDICTED_NEW_CUSTOMER_VALUE(ids, dates, amounts, 6, "", "", channels) as (
      | string
      | number
    )[][];
    const [header, ...rows] = table;
    expect(header).toEqual(["Segment", "Customers", "Value", "Lower", "Upper"]);
    const note = rows.pop() as (string | number)[];
    expect(note).toEqual([
      "Note: The 80% interval of ads (pooled fit) cannot be computed: the data do not pin the BG/NBD parameters (the likelihood is flat in some direction), so treat the value as rough.",
      "",
      "",
      "",
      "",
    ]);
    expect(rows.map((r) => r[0])).toEqual(["email", "ads (pooled fit)"]);
    expect(rows.reduce((sum, r) => sum + Number(r[1]), 0)).toBe(180);
    for (const [, , value, lower, upper] of rows) {
      expect(value).toBeGreaterThan(0);
      if (lower === "") expect(upper).toBe("");
      else expect([lower, upper]).toEqual([expect.any(Number), expect.any(Number)]);
    }
    const [email, ads] = rows;
    expect(Number(email[3])).toBeLessThan(Number(email[2]));
    expect(Number(email[4])).toBeGreaterThan(Number(email[2]));
    expect([ads[3], ads[4]]).toEqual(["", ""]);
  });

  it("gives the value with its note without segments too, when the pooled fit has no interval", () => {
    const table = sheets.PREDICTED_NEW_CUSTOMER_VALUE(ids, dates, amounts, 6) as (string | number)[][];
    const last = String(table.at(-1)?.[0]);
    if (last.startsWith("Note:")) {
      expect(table[1][0]).toBe("All");
      expect(table[1].slice(3)).toEqual(["", ""]);
      expect(last).toMatch(/^Note: The 80% interval of All cannot be computed/);
    } else expect(table).toHaveLength(2);
    expect(table[1][2]).toBeGreaterThan(0);
  });
});
