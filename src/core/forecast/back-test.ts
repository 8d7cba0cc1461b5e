/**
 * A back-test of a repeat-purchase model: fit it on the transactions up to a calibration end, then
 * compare, for the customers first seen by then, the purchases they actually made in the hold-out
 * (calibration end, hold-out end] — distinct purchase days, as RFM counts them — with the model's
 * conditional expectation E[Y(t) | x, t_x, T] over the same span t. The comparison by number of
 * repeat purchases in calibration is the one Fader, Hardie & Lee (2005, fig. 4) show for BG/NBD.
 */
import { type DayNumber, isoDay, plural } from "../cells";
import { type RfmSummary, type RfmUnit, rfmSummary } from "../cohorts/rfm";
import type { Transactions } from "../cohorts/transactions";
import { condenseRfm, observedCustomers } from "../fit/condense";
import { type Fit, IdentificationError } from "../fit/mle";
import { MetricError } from "../metrics/errors";
import { wordsOf } from "../report/words";
import { fitNotes, type NoteWords, paramFacts } from "./diagnostics";
import { PURCHASE_MODELS, type PurchaseModelName } from "./purchase-model";

export interface BackTestOptions {
  calibrationEnd: DayNumber;
  /** @default the last date in the data */
  holdoutEnd?: DayNumber;
  /** @default "bgnbd" */
  model?: PurchaseModelName;
  /** @default "week" */
  unit?: RfmUnit;
}

/** Calibration repeat purchases 0 … 6 each have a bucket, then 7 or more. */
export const TOP_BUCKET = 7;

export interface Bucket {
  /** 0 … 6, "7+" or "All". */
  label: number | string;
  customers: number;
  /** Mean hold-out purchases per customer, actual and predicted; undefined for an empty bucket. */
  actual?: number;
  predicted?: number;
}

export interface BackTest {
  model: PurchaseModelName;
  fit: Fit<unknown>;
  /** The RFM summary on the calibration period, one row per customer first seen by its end. */
  calibration: RfmSummary;
  holdoutEnd: DayNumber;
  /** The hold-out end asked for, when it was after the last date in the data and the hold-out was cut there. */
  holdoutCut?: DayNumber;
  /** The hold-out's length in the model's unit. */
  span: number;
  /** Per calibration customer: purchase days in the hold-out, and the model's expectation of them. */
  actual: Float64Array;
  predicted: Float64Array;
  buckets: Bucket[];
}

/**
 * Why a split of the data cannot be back-tested, as facts a report words in its own language and with
 * its own control for the calibration end (the formula's argument, the sidebar's field, the command
 * line's option).
 */
export type SplitReason =
  | { kind: "after-data"; end: string; last: string }
  | { kind: "holdout-before"; holdout: string; end: string }
  | { kind: "before-first"; end: string; first: string }
  | { kind: "one-customer"; end: string }
  | { kind: "no-repeat"; end: string; customers: number };

/** A split that cannot be back-tested; `detail` words it for the FORECAST_CHECK formula. */
export class SplitError extends MetricError {
  override name = "SplitError";
  constructor(
    arg: string,
    detail: string,
    readonly reason: SplitReason,
  ) {
    super(arg, detail);
  }
}

/** Checks the split of the data into a calibration period and a hold-out before anything is fitted. */
function checkSplit(tx: DataSpan, calibrationEnd: DayNumber, holdoutEnd: DayNumber): void {
  const [end, last] = [isoDay(calibrationEnd), isoDay(tx.lastDay)];
  if (!(calibrationEnd < tx.lastDay))
    throw new SplitError(
      "calibration_end",
      `is ${end}, on or after the last date in the data (${last}) — no purchases are left to check the forecast against`,
      { kind: "after-data", end, last },
    );
  if (!(holdoutEnd > calibrationEnd))
    throw new SplitError(
      "holdout_end",
      `is ${isoDay(holdoutEnd)} — expected a date after calibration_end (${end})`,
      { kind: "holdout-before", holdout: isoDay(holdoutEnd), end },
    );
}

/** Checks there is something to fit: two customers or more, and at least one repeat purchase. */
function checkCalibration(calibration: RfmSummary, tx: DataSpan): void {
  const end = isoDay(calibration.endDay);
  if (calibration.length === 0)
    throw new SplitError(
      "calibration_end",
      `is ${end}, before the first purchase (${isoDay(tx.firstDay)}) — no customer to fit the model on`,
      { kind: "before-first", end, first: isoDay(tx.firstDay) },
    );
  if (calibration.length === 1)
    throw new SplitError(
      "customer_ids",
      `have one customer by calibration_end (${end}) — a model of customers needs many; choose a later calibration_end`,
      { kind: "one-customer", end },
    );
  if (calibration.frequency.every((x) => x === 0))
    throw new SplitError(
      "dates",
      `show no repeat purchase by calibration_end (${end}) — all ${plural(calibration.length, "customer")} bought on one day only, so the model cannot be fitted; choose a later calibration_end`,
      { kind: "no-repeat", end, customers: calibration.length },
    );
}

/**
 * The customers sorted by x, t_x, T and hold-out purchases: those equal in all four have equal
 * predictions, so every sum over customers (buckets, errors, the curve) runs in one order however
 * the customers came (first appearance in rows, or a database's rows by id) and gives the same bits.
 */
function canonical(summary: RfmSummary, holdout: ArrayLike<number>) {
  const { frequency: x, recency: tx, T } = summary;
  const order = Array.from({ length: summary.length }, (_, i) => i).sort(
    (i, j) => x[i] - x[j] || tx[i] - tx[j] || T[i] - T[j] || holdout[i] - holdout[j],
  );
  const int = (column: Int32Array) => Int32Array.from(order, (i) => column[i]);
  const float = (column: Float64Array) => Float64Array.from(order, (i) => column[i]);
  return {
    calibration: {
      ...summary,
      ids: order.map((i) => summary.ids[i]),
      customer: int(summary.customer),
      firstDay: int(summary.firstDay),
      frequency: float(x),
      recency: float(tx),
      T: float(T),
      monetary: float(summary.monetary),
    },
    toHoldoutEnd: Float64Array.from(order, (i) => holdout[i]),
  };
}

/** Runs a fit, adding the counts a marketer needs to its complaint when the data cannot identify it. */
function withCounts<T>(calibration: RfmSummary, body: () => T): T {
  try {
    return body();
  } catch (error) {
    if (!(error instanceof IdentificationError)) throw error;
    const repeat = calibration.frequency.filter((x) => x > 0).length;
    throw new IdentificationError(
      error.arg,
      `${error.detail} (${plural(calibration.length, "customer")} by the calibration end ${isoDay(calibration.endDay)}, ${repeat.toLocaleString("en-US")} of them repeat buyers)`,
      error.kind,
    );
  }
}

/** Groups customers by calibration repeat purchases and averages actual and predicted hold-out purchases. */
export function bucketize(
  x: ArrayLike<number>,
  actual: ArrayLike<number>,
  predicted: ArrayLike<number>,
): Bucket[] {
  const size = TOP_BUCKET + 2; // 0 … 6, 7+, All
  const customers = new Float64Array(size);
  const actualSum = new Float64Array(size);
  const predictedSum = new Float64Array(size);
  for (let i = 0; i < x.length; i++) {
    for (const k of [Math.min(x[i], TOP_BUCKET), TOP_BUCKET + 1]) {
      customers[k]++;
      actualSum[k] += actual[i];
      predictedSum[k] += predicted[i];
    }
  }
  return Array.from(customers, (n, k) => ({
    label: k < TOP_BUCKET ? k : k === TOP_BUCKET ? `${TOP_BUCKET}+` : "All",
    customers: n,
    actual: n > 0 ? actualSum[k] / n : undefined,
    predicted: n > 0 ? predictedSum[k] / n : undefined,
  }));
}

/** The data's first and last dates: all a back-test needs of the data beside the customers' summaries. */
export type DataSpan = Pick<Transactions, "firstDay" | "lastDay">;

/** Fits the model on the calibration period and compares its hold-out forecast with what happened. */
export function backTest(tx: Transactions, options: BackTestOptions): BackTest {
  const { calibrationEnd, unit = "week" } = options;
  const asked = options.holdoutEnd ?? tx.lastDay;
  const calibration = rfmSummary(tx, { endDay: calibrationEnd, unit });
  checkCalibration(calibration, tx);
  // Hold-out purchase days: repeat purchase days to the hold-out end less those to the calibration end.
  const whole = rfmSummary(tx, { endDay: Math.min(asked, tx.lastDay), unit });
  const toHoldoutEnd = new Float64Array(tx.ids.length);
  for (let i = 0; i < whole.length; i++) toHoldoutEnd[whole.customer[i]] = whole.frequency[i];
  const toEnd = Float64Array.from(calibration.customer, (c) => toHoldoutEnd[c]);
  return backTestSummary(tx, calibration, toEnd, asked, options.model);
}

/**
 * The back-test of a calibration RFM summary whose customers made `toHoldoutEnd[i]` repeat purchase
 * days to the hold-out end (`asked`, cut at the last date in the data): from transactions
 * ({@link backTest}) or from per-customer histories computed in a database (histories.ts).
 */
export function backTestSummary(
  dates: DataSpan,
  summary: RfmSummary,
  holdout: ArrayLike<number>,
  asked: DayNumber,
  model: PurchaseModelName = "bgnbd",
): BackTest {
  const { calibration, toHoldoutEnd } = canonical(summary, holdout);
  // A hold-out end after the data would compare the purchases made to the last date with predictions
  // over a longer span: the hold-out ends at the last date, and the notes say so.
  const holdoutEnd = Math.min(asked, dates.lastDay);
  checkSplit(dates, calibration.endDay, asked);
  checkCalibration(calibration, dates);
  const data = { x: calibration.frequency, tx: calibration.recency, T: calibration.T };
  const purchaseModel = PURCHASE_MODELS[model];
  const fit = withCounts(calibration, () => purchaseModel.fit(observedCustomers(data)));
  const span = (holdoutEnd - calibration.endDay) / calibration.unitDays;
  const actual = calibration.frequency.map((x, i) => toHoldoutEnd[i] - x);

  const rows = condenseRfm(data);
  const expected = rows.x.map((x, j) =>
    purchaseModel.conditional(fit.params, span, x, rows.tx[j], rows.T[j]),
  );
  const predicted = Float64Array.from(rows.rowOf, (j) => expected[j]);
  return {
    model,
    fit,
    calibration,
    holdoutEnd,
    ...(asked > holdoutEnd && { holdoutCut: asked }),
    span,
    actual,
    predicted,
    buckets: bucketize(calibration.frequency, actual, predicted),
  };
}

/** The back-test's plain-words notes: counts, parameters the data hardly pin, the split (`customersToHoldoutEnd`: customers with a purchase by the hold-out end). */
export function backTestNotes(
  result: BackTest,
  tx: DataSpan,
  customersToHoldoutEnd: number,
  w: NoteWords = wordsOf("en"),
): string[] {
  const { calibration, fit } = result;
  const model = PURCHASE_MODELS[result.model];
  const data = observedCustomers({ x: calibration.frequency, tx: calibration.recency, T: calibration.T });
  const cut =
    result.holdoutCut === undefined
      ? []
      : [w.noteHoldoutCut(isoDay(result.holdoutCut), isoDay(tx.lastDay), result.span, calibration.unit)];
  return cut.concat(
    fitNotes(
      {
        customers: calibration.length,
        repeatBuyers: calibration.frequency.filter((x) => x > 0).length,
        params: paramFacts(model.order, fit.params, model.negLogLikelihood(data)),
        split: {
          calibration: (calibration.endDay - tx.firstDay) / calibration.unitDays,
          holdout: result.span,
          unit: calibration.unit,
          lateCustomers: customersToHoldoutEnd - calibration.length,
        },
      },
      w,
    ),
  );
}
