/**
 * Predicted customer lifetime value as the `lifetimes` package defines it
 * (`GammaGammaFitter.customer_lifetime_value`): month by month over the horizon, the purchase model's
 * (BG/NBD, or Pareto/NBD) expected purchases in that month times the Gamma-Gamma expected order value, times the margin, discounted by
 * (1 + d)^month. The expected order value is the customer's conditional mean, or the population mean
 * p·γ/(q − 1) for a customer without repeat purchases (or whose repeat purchases are not positive,
 * who could not enter the spend model). A month is 365.25/12 days whatever unit the model was fitted in.
 */
import { condenseRfm, observedCustomers, type RfmColumns } from "../fit/condense";
import type { Fit } from "../fit/mle";
import { PURCHASE_MODELS, type PurchaseModelName } from "../forecast/purchase-model";
import { MetricError } from "../metrics/errors";
import { expectedOrderValue, fitGammaGamma, type GammaGammaParams, meanOrderValue } from "./gamma-gamma";

/** Days in a month on average over the Gregorian calendar's four-year cycle. */
export const DAYS_PER_MONTH = 365.25 / 12;

/**
 * The longest horizon, 1,200 months (100 years): beyond a customer's lifetime the forecast says
 * nothing, and the cost grows with the horizon (one step of the purchase curve per month for each
 * distinct (repeat purchases, age) pair: 10,000 distinct customers × 1,200 months take about two seconds).
 */
export const MAX_HORIZON_MONTHS = 1200;

export interface ClvOptions {
  /** Whole months ahead, 1 or more. */
  horizonMonths: number;
  /** Discount rate per month, e.g. 0.01. */
  monthlyDiscountRate: number;
  /** Share of revenue kept as profit, 1 for revenue. */
  margin: number;
  /** The purchase model's time units in a month: 365.25/12/7 for weeks, 365.25/12 for days. */
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
  if (!(Number.isInteger(horizonMonths) && horizonMonths >= 1 && horizonMonths <= MAX_HORIZON_MONTHS))
    throw new MetricError(
      "horizon_months",
      `is ${horizonMonths} — expected a whole number of months from 1 to ${MAX_HORIZON_MONTHS.toLocaleString("en-US")} (100 years)`,
    );
  if (!(monthlyDiscountRate >= 0 && Number.isFinite(monthlyDiscountRate)))
    throw new MetricError(
      "monthly_discount_rate",
      `is ${monthlyDiscountRate} — expected a rate of 0 or more`,
    );
  if (!Number.isFinite(margin)) throw new MetricError("margin", `is ${margin} — expected a number`);
}

/**
 * Predicted CLV of each customer from their (x, t_x, T) in the purchase model's unit and zbar, the
 * mean value of their repeat purchases, under `purchases`, the parameters of `model`. E[purchases in (T, T + t]] is P(alive | x, t_x, T) times a curve that
 * depends on x and T only, so the month-by-month sum is done once per distinct (x, T), walking the
 * curve forward month by month.
 */
export function predictClv(
  purchases: unknown,
  spend: GammaGammaParams,
  options: ClvOptions,
  data: RfmColumns & { zbar: ArrayLike<number> },
  model: PurchaseModelName = "bgnbd",
): ClvColumns {
  checkOptions(options);
  const purchaseModel = PURCHASE_MODELS[model];
  const { horizonMonths, monthlyDiscountRate, margin, unitsPerMonth } = options;
  const n = data.x.length;
  const groups = condenseRfm({ x: data.x, tx: new Float64Array(n), T: data.T });
  const m = groups.x.length;
  const inHorizon = new Float64Array(m);
  const discounted = new Float64Array(m); // Σ_k (G_k − G_{k−1}) / (1 + d)^k
  const discount = 1 / (1 + monthlyDiscountRate);
  for (let g = 0; g < m; g++) {
    const curve = purchaseModel.curve(purchases, groups.x[g], groups.T[g]);
    let previous = 0;
    let sum = 0;
    let factor = 1;
    for (let month = 1; month <= horizonMonths; month++) {
      const cumulative = curve.at(month * unitsPerMonth);
      factor *= discount;
      sum += (cumulative - previous) * factor;
      previous = cumulative;
    }
    inHorizon[g] = previous;
    discounted[g] = sum;
  }
  const populationMean = meanOrderValue(spend);
  const result: ClvColumns = {
    probabilityAlive: new Float64Array(n),
    expectedPurchases: new Float64Array(n),
    expectedOrderValue: new Float64Array(n),
    clv: new Float64Array(n),
  };
  for (let c = 0; c < n; c++) {
    const g = groups.rowOf[c];
    const x = data.x[c];
    const zbar = data.zbar[c];
    const alive = purchaseModel.alive(purchases, x, data.tx[c], data.T[c]);
    const orderValue = x > 0 && zbar > 0 ? expectedOrderValue(spend, x, zbar) : populationMean;
    result.probabilityAlive[c] = alive;
    result.expectedPurchases[c] = alive * inHorizon[g];
    result.expectedOrderValue[c] = orderValue;
    result.clv[c] = margin * orderValue * alive * discounted[g];
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
  /** The purchase model and its fit. */
  model: PurchaseModelName;
  purchases: Fit<unknown>;
  gammaGamma: Fit<GammaGammaParams>;
  /** Repeat customers left out of the spend model (mean repeat value not positive). */
  leftOut: number;
  customers: ClvColumns;
}

/**
 * Fits the purchase model (BG/NBD unless told) and Gamma-Gamma on an RFM summary and predicts every
 * customer's CLV. A customer first seen on the end date (T = 0) tells the fit nothing (likelihood 1
 * whatever the parameters) and is left out of it, as BGNBD_PARAMS does; their forecast is still exact:
 * with x = 0, P(alive) = 1 and the conditional curve at T = 0 is the new customer's E[X(t)].
 */
export function forecastClv(
  rfm: RfmInput,
  options: Omit<ClvOptions, "unitsPerMonth">,
  model: PurchaseModelName = "bgnbd",
): ClvForecast {
  checkOptions({ ...options, unitsPerMonth: 1 });
  const data = { x: rfm.frequency, tx: rfm.recency, T: rfm.T };
  const purchases = PURCHASE_MODELS[model].fit(observedCustomers(data));
  const spend = repeatSpend(rfm);
  const gammaGamma = fitGammaGamma(spend);
  const customers = predictClv(
    purchases.params,
    gammaGamma.params,
    { ...options, unitsPerMonth: DAYS_PER_MONTH / rfm.unitDays },
    { ...data, zbar: rfm.monetary },
    model,
  );
  return { model, purchases, gammaGamma, leftOut: spend.leftOut, customers };
}
