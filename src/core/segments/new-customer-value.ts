/**
 * The predicted value of a NEW customer acquired today: the expected discounted margin over the next
 * H months, the first purchase included,
 *
 *   V = margin · E[Z] · (1 + Σ_{m=1..H} (E[X(m)] − E[X(m − 1)]) / (1 + d)^m),
 *
 * with E[X(t)] the BG/NBD unconditional expected repeat purchases by age t (Fader, Hardie & Lee 2005,
 * "Counting Your Customers the Easy Way", eq. 9; evaluated by `purchaseCurve`), E[Z] = p·γ/(q − 1) the
 * Gamma-Gamma population mean order value (Fader, Hardie & Lee 2005, "RFM and CLV"), months of
 * 365.25/12 days and the first purchase at month 0 (undiscounted). It is `predictClv` of a customer
 * with no history (x = t_x = T = 0, alive, at the population mean) plus the first order. The 80%
 * (`level`) interval is the delta method on ln V with the parameters' covariance from the observed
 * information of each fit (`deltaInterval`, clv-interval.ts): it is a range for the expected value,
 * not for what one customer spends.
 */
import { gather, observedCustomers } from "../fit/condense";
import { MetricError } from "../metrics/errors";
import type { BgNbdParams } from "../models/bg-nbd";
import { fitBgNbd } from "../models/bg-nbd";
import { type ClvOptions, DAYS_PER_MONTH, predictClv, type RfmInput, repeatSpend } from "../models/clv";
import { deltaInterval } from "../models/clv-interval";
import { fitGammaGamma, type GammaGammaParams, meanOrderValue } from "../models/gamma-gamma";

/** A segment is fitted on its own from this many repeat buyers with positive repeat spend; else pooled. */
export const MIN_REPEAT_BUYERS = 30;

const NEW_CUSTOMER = { x: [0], tx: [0], T: [0], zbar: [0] };

/** V above for a fit in a unit of `unitsPerMonth` per month. */
export function newCustomerValue(
  purchases: BgNbdParams,
  spend: GammaGammaParams,
  options: ClvOptions,
): number {
  const repeat = predictClv(purchases, spend, options, NEW_CUSTOMER).clv[0];
  return options.margin * meanOrderValue(spend) + repeat;
}

/** The value of a new customer at one horizon, with its interval (absent when it cannot be computed). */
export interface ValueEstimate {
  value: number;
  lower?: number;
  upper?: number;
}

export interface SegmentValue {
  segment: string;
  /** Whether the segment had too few repeat buyers (or its fit failed) and took the pooled fit. */
  pooled: boolean;
  customers: number;
  /** The segment's own repeat buyers with positive repeat spend (those Gamma-Gamma is fitted on). */
  repeatBuyers: number;
  /** One per horizon asked for, in that order. */
  values: ValueEstimate[];
  /**
   * Why the values have no interval: "cannot be computed: the data do not pin the BG/NBD parameters
   * (…)". Only the pooled fit (or "All") may lack one; a segment's own fit without one is pooled.
   */
  noInterval?: string;
}

/** The horizons to value (whole months), the monthly discount rate and the margin. */
export type Options = Omit<ClvOptions, "unitsPerMonth" | "horizonMonths"> & {
  horizonsMonths: readonly number[];
};

/** The customers `rows` of an RFM summary. */
function subset(rfm: RfmInput, rows: number[]): RfmInput {
  const pick = (column: ArrayLike<number>) => gather(column, rows);
  return {
    frequency: pick(rfm.frequency),
    recency: pick(rfm.recency),
    T: pick(rfm.T),
    monetary: pick(rfm.monetary),
    unitDays: rfm.unitDays,
  };
}

/**
 * Fits both models on `rfm` and values a new customer at each horizon, with the `level` interval —
 * or without it, saying why, when the observed information of a fit is not positive definite (the
 * likelihood is flat in some direction): the fit still gives its values, as BGNBD_PARAMS gives its
 * estimates with a note.
 */
function fitValues(
  rfm: RfmInput,
  options: Options,
  level: number,
): { values: ValueEstimate[]; noInterval?: string } {
  // A customer first seen on the last day (T = 0) tells the fit nothing and is left out of it.
  const purchases = observedCustomers({ x: rfm.frequency, tx: rfm.recency, T: rfm.T });
  const spend = repeatSpend(rfm);
  const bg = fitBgNbd(purchases).params;
  const gg = fitGammaGamma(spend).params;
  // The interval at margin 1, scaled: ln V needs V > 0, and a margin only scales V.
  const { horizonsMonths, ...rest } = options;
  const at = (b: BgNbdParams, g: GammaGammaParams) =>
    Float64Array.from(horizonsMonths, (horizonMonths) =>
      newCustomerValue(b, g, {
        ...rest,
        horizonMonths,
        margin: 1,
        unitsPerMonth: DAYS_PER_MONTH / rfm.unitDays,
      }),
    );
  const values = at(bg, gg);
  let bounds: ReturnType<typeof deltaInterval> | undefined;
  try {
    bounds = deltaInterval(level, bg, gg, { purchases, spend }, at);
  } catch (error) {
    if (!(error instanceof MetricError && error.arg === "interval")) throw error;
    return { values: Array.from(values, (v) => ({ value: v * options.margin })), noInterval: error.detail };
  }
  const { lower, upper } = bounds;
  return {
    values: horizonsMonths.map((_, h) => {
      const [low, high] = [lower[h], upper[h]].map((v) => v * options.margin).sort((a, b) => a - b);
      return { value: values[h] * options.margin, lower: low, upper: high };
    }),
  };
}

/**
 * The value of a new customer at each of `options.horizonsMonths`, overall (segments omitted: one row
 * "All") or per segment, `segmentOf[i]` indexing `labels` for customer i of `rfm`. A segment with
 * fewer than {@link MIN_REPEAT_BUYERS} repeat buyers, or whose own fit fails, takes the pooled fit
 * (made only then) and says so; so does one whose own fit gives no interval. Only the pooled fit may
 * come without an interval (`noInterval` says why).
 */
export function newCustomerValues(
  rfm: RfmInput,
  options: Options,
  level: number,
  segments?: { labels: readonly string[]; segmentOf: ArrayLike<number> },
): SegmentValue[] {
  // The pooled fit only when some segment needs it: on large data each fit takes seconds.
  let pooled: ReturnType<typeof fitValues> | undefined;
  const pooledValues = () => {
    pooled ??= fitValues(rfm, options, level);
    return pooled;
  };
  if (!segments) {
    const all = { customers: rfm.frequency.length, repeatBuyers: repeatSpend(rfm).x.length };
    return [{ segment: "All", pooled: false, ...all, ...pooledValues() }];
  }
  const members: number[][] = segments.labels.map(() => []);
  for (let i = 0; i < rfm.frequency.length; i++) members[segments.segmentOf[i]].push(i);
  return segments.labels.flatMap((segment, s): SegmentValue[] => {
    if (members[s].length === 0) return [];
    const own = subset(rfm, members[s]);
    const counts = { customers: members[s].length, repeatBuyers: repeatSpend(own).x.length };
    if (counts.repeatBuyers >= MIN_REPEAT_BUYERS)
      try {
        const fit = fitValues(own, options, level);
        if (!fit.noInterval) return [{ segment, pooled: false, ...counts, ...fit }];
      } catch (error) {
        if (!(error instanceof MetricError)) throw error;
      }
    return [{ segment, pooled: true, ...counts, ...pooledValues() }];
  });
}
