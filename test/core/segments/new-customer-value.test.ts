import fc from "fast-check";
import { expect, it } from "vitest";
import { dayNumber, sheetContext } from "../../../src/core/cells";
import { rfmSummary } from "../../../src/core/cohorts/rfm";
import { readTransactions } from "../../../src/core/cohorts/transactions";
import { type BgNbdParams, fitBgNbd } from "../../../src/core/models/bg-nbd";
import { DAYS_PER_MONTH, repeatSpend } from "../../../src/core/models/clv";
import { fitGammaGamma, type GammaGammaParams } from "../../../src/core/models/gamma-gamma";
import {
  MIN_REPEAT_BUYERS,
  newCustomerValue,
  newCustomerValues,
} from "../../../src/core/segments/new-customer-value";
import { describeWithReferenceData, readReferenceCsv } from "../../helpers/reference-data";

/** The CDNOW sample read and fitted once, by the suites that need it (../shared/data). */
let fitted: ReturnType<typeof fitCdnow> | undefined;
function fitCdnow() {
  const [header, ...rows] = readReferenceCsv("cdnow_sample.csv");
  const columns = {
    customerId: header.indexOf("customer_id"),
    date: header.indexOf("date"),
    amount: header.indexOf("amount"),
  };
  const tx = readTransactions(
    rows.map((row) => row.map((cell, i) => (i === columns.amount ? Number(cell) : cell))),
    columns,
    sheetContext("en_US", "UTC"),
  );
  const rfm = rfmSummary(tx, { endDay: dayNumber(1997, 9, 30), unit: "week" });
  const bg = fitBgNbd({ x: rfm.frequency, tx: rfm.recency, T: rfm.T }).params;
  const gg = fitGammaGamma(repeatSpend(rfm)).params;
  return { header, rows, columns, tx, rfm, bg, gg };
}
const cdnow = () => {
  fitted ??= fitCdnow();
  return fitted;
};
const WEEKS_PER_MONTH = DAYS_PER_MONTH / 7;

/** E[X(t)] by the closed form of Fader, Hardie & Lee (2005) eq. 9, ₂F₁ summed term by term. */
function expectedRepeats({ r, alpha, a, b }: BgNbdParams, t: number): number {
  const c = a + b - 1;
  const z = t / (alpha + t);
  let term = 1;
  let sum = 1;
  for (let n = 0; Math.abs(term) > 1e-17 * sum; n++) {
    term *= ((r + n) * (b + n) * z) / ((c + n) * (n + 1));
    sum += term;
  }
  return (c / (a - 1)) * (1 - (alpha / (alpha + t)) ** r * sum);
}

/** margin · p·γ/(q − 1) · (1 + Σ_m ΔE[X] / (1 + d)^m), written out. */
function closedForm(
  purchases: BgNbdParams,
  spend: GammaGammaParams,
  months: number,
  d: number,
  margin: number,
) {
  let total = 1;
  for (let m = 1; m <= months; m++)
    total +=
      (expectedRepeats(purchases, m * WEEKS_PER_MONTH) -
        expectedRepeats(purchases, (m - 1) * WEEKS_PER_MONTH)) /
      (1 + d) ** m;
  return ((margin * spend.p * spend.gamma) / (spend.q - 1)) * total;
}

describeWithReferenceData("newCustomerValue on the CDNOW sample (fitted in weeks to 1997-09-30)", () => {
  const { bg, gg } = cdnow();
  for (const [months, d, margin] of [
    [12, 0.01, 1],
    [24, 0.01, 0.3],
    [36, 0, 1],
  ])
    it(`matches the BG/NBD closed form × the Gamma-Gamma mean to 1e-6 over ${months} months, d = ${d}, margin ${margin}`, () => {
      const options = {
        horizonMonths: months,
        monthlyDiscountRate: d,
        margin,
        unitsPerMonth: WEEKS_PER_MONTH,
      };
      const value = newCustomerValue(bg, gg, options);
      const expected = closedForm(bg, gg, months, d, margin);
      expect(Math.abs(value / expected - 1)).toBeLessThan(1e-6);
    });

  it("grows with the horizon and the margin, falls with the discount rate", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 120 }),
        fc.integer({ min: 1, max: 60 }),
        fc.double({ min: 0, max: 0.1, noNaN: true }),
        fc.double({ min: 0.01, max: 0.1, noNaN: true }),
        fc.double({ min: 0.05, max: 1, noNaN: true }),
        (months, more, d, extra, margin) => {
          const at = (h: number, rate: number, m: number) =>
            newCustomerValue(bg, gg, {
              horizonMonths: h,
              monthlyDiscountRate: rate,
              margin: m,
              unitsPerMonth: WEEKS_PER_MONTH,
            });
          const base = at(months, d, margin);
          expect(at(months + more, d, margin)).toBeGreaterThan(base);
          expect(at(months, d, margin * 1.5)).toBeGreaterThan(base);
          expect(at(months, d + extra, margin)).toBeLessThan(base);
        },
      ),
      { numRuns: 30 },
    );
  });
});

describeWithReferenceData("newCustomerValues", () => {
  const { rfm, bg, gg } = cdnow();
  const options = { horizonsMonths: [12], monthlyDiscountRate: 0.01, margin: 0.5 };

  it("gives one row 'All' with an 80% interval around the value", () => {
    const [all] = newCustomerValues(rfm, options, 0.8);
    expect(all.segment).toBe("All");
    expect(all.customers).toBe(rfm.length);
    expect(all.repeatBuyers).toBe(repeatSpend(rfm).x.length);
    const [at12] = all.values;
    expect(at12.value).toBeCloseTo(
      newCustomerValue(bg, gg, {
        horizonMonths: 12,
        monthlyDiscountRate: 0.01,
        margin: 0.5,
        unitsPerMonth: WEEKS_PER_MONTH,
      }),
      8,
    );
    expect(at12.lower).toBeLessThan(at12.value);
    expect(at12.upper).toBeGreaterThan(at12.value);
  });

  it("values several horizons from one fit, each as if asked alone", () => {
    const [all] = newCustomerValues(rfm, { ...options, horizonsMonths: [12, 24, 36] }, 0.8);
    const [alone] = newCustomerValues(rfm, { ...options, horizonsMonths: [36] }, 0.8);
    expect(all.values[0]).toEqual(newCustomerValues(rfm, options, 0.8)[0].values[0]);
    expect(all.values[2]).toEqual(alone.values[0]);
    expect(all.values[1].value).toBeGreaterThan(all.values[0].value);
    expect(all.values[2].value).toBeGreaterThan(all.values[1].value);
  });

  it(`fits a segment of ${MIN_REPEAT_BUYERS}+ repeat buyers on its own and pools a smaller one, marked`, () => {
    // "small": the first 40 customers, fewer than 30 of whom repeat; "big": the rest.
    const small = 40;
    const repeaters = Array.from(rfm.frequency.subarray(0, small)).filter((x) => x > 0).length;
    expect(repeaters).toBeLessThan(MIN_REPEAT_BUYERS);
    const segmentOf = Int32Array.from({ length: rfm.length }, (_, i) => (i < small ? 1 : 0));
    const [big, few] = newCustomerValues(rfm, options, 0.8, { labels: ["big", "small"], segmentOf });
    const pooled = newCustomerValues(rfm, options, 0.8)[0];
    expect(few).toEqual({
      ...pooled,
      segment: "small",
      pooled: true,
      customers: small,
      repeatBuyers: Array.from({ length: small }, (_, i) => i).filter(
        (i) => rfm.frequency[i] > 0 && rfm.monetary[i] > 0,
      ).length,
    });
    expect(big.pooled).toBe(false);
    expect(big.customers).toBe(rfm.length - small);
    expect(big.values[0].value).not.toBe(pooled.values[0].value);
  });
});
