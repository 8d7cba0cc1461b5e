/**
 * Predicted customer lifetime value as the `lifetimes` package defines it
 * (`GammaGammaFitter.customer_lifetime_value`): month by month over the horizon, the BG/NBD expected
 * purchases in that month times the Gamma-Gamma expected order value, times the margin, discounted by
 * (1 + d)^month. The expected order value is the customer's conditional mean, or the population mean
 * p·γ/(q − 1) for a customer without repeat purchases (or whose repeat purchases are not positive,
 * who could not enter the spend model). A month is 365.25/12 days whatever unit the model was fitted in.
 */
import { condenseRfm, type RfmColumns } from "../fit/condense";
import type { Fit } from "../fit/mle";
import { MetricError } from "../metrics/errors";
import { type BgNbdParams, conditionalExpectedPurchases, fitBgNbd, probabilityAlive } from "./bg-nbd";
import { expectedOrderValue, fitGammaGamma, type GammaGammaParams, meanOrderValue } from "./gamma-gamma";

/** Days in a month on average over the Gregorian calendar's four-year cycle. */
export const DAYS_PER_MONTH = 365.25 / 12;

export interface ClvOptions {
  /** Whole months ahead, 1 or more. */
  horizonMonths: number;
  /** Discount rate per month, e.g. 0.01. */
  monthlyDiscountRate: number;
  /** Share of revenue kept as profit, 1 for revenue. */
  margin: number;
  /** BG/NBD time units in a month: 365.25/12/7 for weeks, 365.25/12 for days. */
  unitsPerMonth: number;
}

export interface ClvColumns {
  probabilityAlive: Float64Array;
  /** Expected purchases within the horizon. */
  expectedPurchases: Float64Array;
  /** Expected value of one order, in currency. */
  expectedOrderValue: Float64Array;
  /** Discounted margin over the horizon, in currency. */
  clv: Float64Array;
}

function checkOptions(options: ClvOptions): void {
  const { horizonMonths, monthlyDiscountRate, margin } = options;
  if (!(Number.isInteger(horizonMonths) && horizonMonths >= 1))
    throw new MetricError(
      "horizon_months",
      `is ${horizonMonths} — expected a whole number of months, 1 or more`,
    );
  if (!(monthlyDiscountRate >= 0 && Number.isFinite(monthlyDiscountRate)))
    throw new MetricError(
      "monthly_discount_rate",
      `is ${monthlyDiscountRate} — expected a rate of 0 or more`,
    );
  if (!Number.isFinite(margin)) throw new MetricError("margin", `is ${margin} — expected a number`);
}

/**
 * Predicted CLV of each customer from their (x, t_x, T) in the BG/NBD unit and zbar, the mean value
 * of their repeat purchases. Customers with the same (x, t_x, T) share the purchase forecast.
 */
export function predictClv(
  purchases: BgNbdParams,
  spend: GammaGammaParams,
  options: ClvOptions,
  data: RfmColumns & { zbar: ArrayLike<number> },
): ClvColumns {
  checkOptions(options);
  const { horizonMonths, monthlyDiscountRate, margin, unitsPerMonth } = options;
  const rows = condenseRfm(data);
  const m = rows.x.length;
  const alive = new Float64Array(m);
  const inHorizon = new Float64Array(m);
  const discounted = new Float64Array(m); // Σ_k (E_k − E_{k−1}) / (1 + d)^k
  for (let i = 0; i < m; i++) {
    const x = rows.x[i];
    let previous = 0;
    let sum = 0;
    for (let month = 1; month <= horizonMonths; month++) {
      const cumulative = conditionalExpectedPurchases(
        purchases,
        month * unitsPerMonth,
        x,
        rows.tx[i],
        rows.T[i],
      );
      sum += (cumulative - previous) / (1 + monthlyDiscountRate) ** month;
      previous = cumulative;
    }
    alive[i] = probabilityAlive(purchases, x, rows.tx[i], rows.T[i]);
    inHorizon[i] = previous;
    discounted[i] = sum;
  }
  const populationMean = meanOrderValue(spend);
  const n = data.x.length;
  const result: ClvColumns = {
    probabilityAlive: new Float64Array(n),
    expectedPurchases: new Float64Array(n),
    expectedOrderValue: new Float64Array(n),
    clv: new Float64Array(n),
  };
  for (let c = 0; c < n; c++) {
    const row = rows.rowOf[c];
    const x = data.x[c];
    const zbar = data.zbar[c];
    const orderValue = x > 0 && zbar > 0 ? expectedOrderValue(spend, x, zbar) : populationMean;
    result.probabilityAlive[c] = alive[row];
    result.expectedPurchases[c] = inHorizon[row];
    result.expectedOrderValue[c] = orderValue;
    result.clv[c] = margin * orderValue * discounted[row];
  }
  return result;
}

/** The RFM columns the forecast needs, as `rfmSummary` gives them. */
export interface RfmInput {
  frequency: ArrayLike<number>;
  recency: ArrayLike<number>;
  T: ArrayLike<number>;
  monetary: ArrayLike<number>;
  /** Days in the unit of recency and T. */
  unitDays: number;
}

/**
 * The repeat customers the Gamma-Gamma model can use (x ≥ 1 and a positive mean repeat value), and
 * how many repeat customers were left out because their repeat purchases net to 0 or less.
 */
export function repeatSpend(rfm: RfmInput): { x: number[]; zbar: number[]; leftOut: number } {
  const x: number[] = [];
  const zbar: number[] = [];
  let leftOut = 0;
  for (let i = 0; i < rfm.frequency.length; i++) {
    if (rfm.frequency[i] === 0) continue;
    if (rfm.monetary[i] > 0) {
      x.push(rfm.frequency[i]);
      zbar.push(rfm.monetary[i]);
    } else leftOut++;
  }
  return { x, zbar, leftOut };
}

export interface ClvForecast {
  bgNbd: Fit<BgNbdParams>;
  gammaGamma: Fit<GammaGammaParams>;
  /** Repeat customers left out of the spend model (mean repeat value not positive). */
  leftOut: number;
  customers: ClvColumns;
}

/** Fits BG/NBD and Gamma-Gamma on an RFM summary and predicts every customer's CLV. */
export function forecastClv(rfm: RfmInput, options: Omit<ClvOptions, "unitsPerMonth">): ClvForecast {
  checkOptions({ ...options, unitsPerMonth: 1 });
  const data = { x: rfm.frequency, tx: rfm.recency, T: rfm.T };
  const bgNbd = fitBgNbd(data);
  const spend = repeatSpend(rfm);
  const gammaGamma = fitGammaGamma(spend);
  const customers = predictClv(
    bgNbd.params,
    gammaGamma.params,
    { ...options, unitsPerMonth: DAYS_PER_MONTH / rfm.unitDays },
    { ...data, zbar: rfm.monetary },
  );
  return { bgNbd, gammaGamma, leftOut: spend.leftOut, customers };
}
