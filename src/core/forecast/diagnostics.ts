/**
 * Plain-words notes on whether a fit can be trusted, for a marketer to act on: too few customers or
 * repeat buyers (with the counts), a parameter the data do not pin, a hold-out too short to judge,
 * a calibration end before most customers arrive, and spend that moves with frequency (Gamma-Gamma
 * assumes order value independent of purchase frequency: Fader, Hardie & Lee 2005, "RFM and CLV", §3).
 */
import type { RfmUnit } from "../cohorts/rfm";
import { observedCustomers, type RfmColumns } from "../fit/condense";
import { standardErrors } from "../fit/std-errors";
import { type ClvForecast, type RfmInput, repeatSpend } from "../models/clv";
import type { SpendColumns } from "../models/gamma-gamma";
import {
  GAMMA_GAMMA_ORDER,
  gammaGammaNegLogLikelihood,
  type ParamOrder,
  toValues,
} from "../models/uncertainty";
import { type ReportWords, wordsOf } from "../report/words";
import { PURCHASE_MODELS } from "./purchase-model";

/** The notes' words: the report's language, English under the formulas. */
export type NoteWords = Pick<
  ReportWords,
  | "noteFewCustomers"
  | "noteFewRepeat"
  | "noteUnpinned"
  | "noteLoose"
  | "noteShortHoldout"
  | "noteLateCustomers"
  | "noteSpendCorrelation"
  | "noteHoldoutCut"
>;

// Rules of thumb, not tests: the published fits use thousands of customers and hundreds of repeat
// buyers; below these counts estimates move a lot from one sample to the next.
const FEW_CUSTOMERS = 100;
const FEW_REPEAT_BUYERS = 30;
/** A standard error above this share of its estimate means the data hardly pin the parameter. */
const LOOSE = 1;
/** |correlation| of frequency and mean spend above which Gamma-Gamma's independence is doubtful. */
const CORRELATED = 0.3;

/**
 * Pearson's correlation of repeat customers' frequency and mean spend (each row standing for `weight`
 * customers, 1 unless told); NaN with fewer than 3 or no spread.
 */
export function spendFrequencyCorrelation(
  x: ArrayLike<number>,
  zbar: ArrayLike<number>,
  weight?: ArrayLike<number>,
): number {
  let n = 0;
  let [sx, sz, sxx, szz, sxz] = [0, 0, 0, 0, 0];
  for (let i = 0; i < x.length; i++) {
    if (!(x[i] > 0 && zbar[i] > 0)) continue;
    const w = weight ? weight[i] : 1;
    n += w;
    sx += w * x[i];
    sz += w * zbar[i];
    sxx += w * x[i] * x[i];
    szz += w * zbar[i] * zbar[i];
    sxz += w * x[i] * zbar[i];
  }
  const cov = sxz - (sx * sz) / n;
  const spread = Math.sqrt((sxx - (sx * sx) / n) * (szz - (sz * sz) / n));
  return n >= 3 && spread > 0 ? cov / spread : Number.NaN;
}

export interface FitFacts {
  /** Customers and repeat buyers, when the model is fitted on customers (not on survivor counts). */
  customers?: number;
  repeatBuyers?: number;
  /** Parameter names, estimates and standard errors (undefined: the data do not pin them). */
  params?: { names: readonly string[]; values: readonly number[]; errors: readonly number[] | undefined };
  /** Calibration and hold-out lengths in `unit`s, and customers first seen only in the hold-out. */
  split?: { calibration: number; holdout: number; unit: RfmUnit; lateCustomers: number };
  /** Correlation of frequency and mean spend among repeat buyers. */
  spendCorrelation?: number;
}

/** The notes that apply, each one plain sentence in `w`'s language; none when the fit looks sound. */
export function fitNotes(facts: FitFacts, w: NoteWords = wordsOf("en")): string[] {
  const notes: string[] = [];
  const { customers, repeatBuyers, params, split, spendCorrelation } = facts;
  if (customers !== undefined && customers < FEW_CUSTOMERS) notes.push(w.noteFewCustomers(customers));
  if (customers !== undefined && repeatBuyers !== undefined && repeatBuyers < FEW_REPEAT_BUYERS)
    notes.push(w.noteFewRepeat(repeatBuyers, customers));
  if (params && !params.errors) notes.push(w.noteUnpinned);
  params?.errors?.forEach((error, i) => {
    const ratio = error / params.values[i];
    if (ratio > LOOSE) notes.push(w.noteLoose(params.names[i], ratio));
  });
  if (split && split.holdout < split.calibration / 4)
    notes.push(w.noteShortHoldout(split.holdout, split.calibration, split.unit));
  if (split && split.lateCustomers > (customers ?? 0)) notes.push(w.noteLateCustomers(split.lateCustomers));
  if (spendCorrelation !== undefined && Math.abs(spendCorrelation) > CORRELATED)
    notes.push(w.noteSpendCorrelation(spendCorrelation));
  return notes;
}

/** The parameters of a fit, named, with their standard errors (undefined when the data do not pin them). */
export function paramFacts<P>(
  order: ParamOrder<P>,
  params: P,
  negLogLikelihood: Parameters<typeof standardErrors>[0],
): NonNullable<FitFacts["params"]> {
  const values = toValues(order, params);
  return { names: order.names, values, errors: standardErrors(negLogLikelihood, values) };
}

/** The notes on a CLV forecast: its purchase model's and Gamma-Gamma's parameters, the counts, spend against frequency. */
export function forecastNotes(rfm: RfmInput, forecast: ClvForecast, w?: NoteWords): string[] {
  return fittedNotes(
    forecast,
    rfm.frequency.length,
    observedCustomers({ x: rfm.frequency, tx: rfm.recency, T: rfm.T }),
    repeatSpend(rfm),
    w,
  );
}

/**
 * {@link forecastNotes} from the data the models were fitted on (rows may stand for several customers,
 * `weight`): `customers` in all, `purchases` those with T > 0, `spend` the repeat customers.
 */
export function fittedNotes(
  forecast: Pick<ClvForecast, "model" | "purchases" | "gammaGamma">,
  customers: number,
  data: RfmColumns,
  spend: SpendColumns & { leftOut: number },
  w?: NoteWords,
): string[] {
  const model = PURCHASE_MODELS[forecast.model];
  const purchases = paramFacts(model.order, forecast.purchases.params, model.negLogLikelihood(data));
  const orderValue = paramFacts(
    GAMMA_GAMMA_ORDER,
    forecast.gammaGamma.params,
    gammaGammaNegLogLikelihood(spend),
  );
  let repeatBuyers = spend.leftOut;
  for (let i = 0; i < spend.x.length; i++) repeatBuyers += spend.weight ? spend.weight[i] : 1;
  return fitNotes(
    {
      customers,
      repeatBuyers,
      params: {
        names: [...purchases.names, ...orderValue.names],
        values: [...purchases.values, ...orderValue.values],
        errors: purchases.errors && orderValue.errors && [...purchases.errors, ...orderValue.errors],
      },
      spendCorrelation: spendFrequencyCorrelation(spend.x, spend.zbar, spend.weight),
    },
    w,
  );
}
