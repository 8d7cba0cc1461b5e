/**
 * An interval for each customer's predicted CLV from the uncertainty of the fitted parameters, by the
 * delta method on ln CLV: Var[ln CLV] ≈ ∇ᵀ Σ ∇, with ∇ the gradient of ln CLV in the seven parameters
 * (BG/NBD r, α, a, b or Pareto/NBD r, α, s, β; Gamma-Gamma p, q, γ) by central differences and Σ their
 * covariance from the observed information — block-diagonal, the two models being fitted separately
 * (Fader, Hardie & Lee 2005, "RFM and CLV"). The interval CLV · exp(±z·sd), z the normal quantile, keeps
 * the bounds positive and always contains the estimate. It is a confidence interval for the expected
 * CLV, not a range for what one customer will spend.
 */
import { observedCustomers, type RfmColumns } from "../fit/condense";
import { observedCovariance } from "../fit/std-errors";
import { PURCHASE_MODELS, type PurchaseModelName } from "../forecast/purchase-model";
import { MetricError } from "../metrics/errors";
import { type ClvOptions, DAYS_PER_MONTH, predictClv, type RfmInput, repeatSpend } from "./clv";
import type { GammaGammaParams, SpendColumns } from "./gamma-gamma";
import { fromValues, GAMMA_GAMMA_ORDER, gammaGammaNegLogLikelihood, toValues } from "./uncertainty";

/**
 * The standard normal quantile Φ⁻¹(p), 0 < p < 1, by Acklam's rational approximation (relative error
 * below 1.2e-9; P. J. Acklam, "An algorithm for computing the inverse normal cumulative distribution
 * function", 2003).
 */
/** No interval: the data do not pin `model`'s parameters (a report sheet says so in its own words). */
export class UnpinnedIntervalError extends MetricError {
  constructor(readonly model: string) {
    super(
      "interval",
      `cannot be computed: the data do not pin the ${model} parameters (the likelihood is flat in some direction)`,
    );
  }
}

export function normalQuantile(p: number): number {
  const a = [
    -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716,
    2.506628277459239,
  ];
  const b = [
    -54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572,
  ];
  const c = [
    -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968,
    2.938163982698783,
  ];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const poly = (k: number[], x: number) => k.reduce((sum, ki) => sum * x + ki, 0);
  const tail = (q: number) => poly(c, q) / (poly(d, q) * q + 1);
  if (p < 0.02425) return tail(Math.sqrt(-2 * Math.log(p)));
  if (p > 1 - 0.02425) return -tail(Math.sqrt(-2 * Math.log(1 - p)));
  const q = p - 0.5;
  const r = q * q;
  return (poly(a, r) * q) / (poly(b, r) * r + 1);
}

export interface ClvInterval {
  lower: Float64Array;
  upper: Float64Array;
  /**
   * The interval of the customers' total CLV, by the same delta method on ln Σ CLV: every customer's
   * CLV moves with the same parameters, so the sum of the customers' bounds would not be the total's.
   */
  total: { estimate: number; lower: number; upper: number };
}

const sum = (values: Float64Array) => values.reduce((s, v) => s + v, 0);

// Central differences of ln CLV with a step of 1e-4 of each parameter: CLV is smooth in them.
const STEP = 1e-4;

/**
 * The `level` (e.g. 0.8) interval of the CLV of each of `customers` at the parameters of `model`
 * (BG/NBD unless told) and Gamma-Gamma fitted to `fitted` (the covariance comes from those data).
 * @throws MetricError when the level is not inside (0, 1), or when the data do not pin the parameters
 *   (the observed information is not positive definite), so no interval can be given.
 */
export function clvInterval(
  level: number,
  purchases: unknown,
  spend: GammaGammaParams,
  options: ClvOptions,
  customers: RfmColumns & { zbar: ArrayLike<number> },
  fitted: { purchases: RfmColumns; spend: SpendColumns },
  model: PurchaseModelName = "bgnbd",
): ClvInterval {
  return deltaInterval(
    level,
    purchases,
    spend,
    fitted,
    (bg, gg) => predictClv(bg, gg, options, customers, model).clv,
    model,
  );
}

/**
 * The `level` interval of positive values `valueAt(bg, gg)` (one per item) by the delta method on their
 * logarithm, as {@link clvInterval} does for the CLV.
 */
export function deltaInterval<P>(
  level: number,
  purchases: P,
  spend: GammaGammaParams,
  fitted: { purchases: RfmColumns; spend: SpendColumns },
  valueAt: (purchases: P, spend: GammaGammaParams) => Float64Array,
  model: PurchaseModelName = "bgnbd",
): ClvInterval {
  if (!(level > 0 && level < 1))
    throw new MetricError("interval", `is ${level} — expected a level between 0 and 1, e.g. 0.8 or 80%`);
  const { order, negLogLikelihood, label } = PURCHASE_MODELS[model];
  const bg = toValues(order, purchases);
  const gg = toValues(GAMMA_GAMMA_ORDER, spend);
  const covariances = [
    observedCovariance(negLogLikelihood(fitted.purchases), bg),
    observedCovariance(gammaGammaNegLogLikelihood(fitted.spend), gg),
  ];
  if (!covariances[0] || !covariances[1])
    throw new UnpinnedIntervalError(covariances[0] ? "Gamma-Gamma" : label);
  const clvAt = (bgValues: number[], ggValues: number[]) =>
    valueAt(fromValues(order, bgValues) as P, fromValues(GAMMA_GAMMA_ORDER, ggValues));
  const estimate = clvAt(bg, gg);
  const n = estimate.length;
  const variance = new Float64Array(n);
  let totalVariance = 0;
  // One block per model: ∇ of ln CLV in that model's parameters, then ∇ᵀ Σ ∇.
  [bg, gg].forEach((values, model) => {
    const gradients = values.map((v, j) => {
      const h = STEP * v;
      const moved = (sign: number) => values.map((w, k) => (k === j ? w + sign * h : w));
      const [up, down] =
        model === 0
          ? [clvAt(moved(1), gg), clvAt(moved(-1), gg)]
          : [clvAt(bg, moved(1)), clvAt(bg, moved(-1))];
      const [totalUp, totalDown] = [sum(up), sum(down)];
      return {
        each: up.map((u, i) => (u > 0 && down[i] > 0 ? (Math.log(u) - Math.log(down[i])) / (2 * h) : 0)),
        total: totalUp > 0 && totalDown > 0 ? (Math.log(totalUp) - Math.log(totalDown)) / (2 * h) : 0,
      };
    });
    const cov = covariances[model] as number[][];
    for (let j = 0; j < values.length; j++)
      for (let k = 0; k < values.length; k++) {
        totalVariance += gradients[j].total * cov[j][k] * gradients[k].total;
        for (let i = 0; i < n; i++) variance[i] += gradients[j].each[i] * cov[j][k] * gradients[k].each[i];
      }
  });
  const z = normalQuantile(0.5 + level / 2);
  const total = sum(estimate);
  const spread = z * Math.sqrt(totalVariance);
  return {
    lower: estimate.map((clv, i) => clv * Math.exp(-z * Math.sqrt(variance[i]))),
    upper: estimate.map((clv, i) => clv * Math.exp(z * Math.sqrt(variance[i]))),
    total: { estimate: total, lower: total * Math.exp(-spread), upper: total * Math.exp(spread) },
  };
}

/** {@link clvInterval} from an RFM summary, as `forecastClv` takes it. */
export function rfmClvInterval(
  level: number,
  rfm: RfmInput,
  purchases: unknown,
  spend: GammaGammaParams,
  options: Omit<ClvOptions, "unitsPerMonth">,
  model: PurchaseModelName = "bgnbd",
): ClvInterval {
  const data = { x: rfm.frequency, tx: rfm.recency, T: rfm.T, zbar: rfm.monetary };
  const unitsPerMonth = DAYS_PER_MONTH / rfm.unitDays;
  return clvInterval(
    level,
    purchases,
    spend,
    { ...options, unitsPerMonth },
    data,
    {
      purchases: observedCustomers(data),
      spend: repeatSpend(rfm),
    },
    model,
  );
}
