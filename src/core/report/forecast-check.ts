/**
 * The Forecast check sheet: BG/NBD, MBG/NBD and Pareto/NBD back-tested on the same calibration / hold-out split
 * (core/forecast/back-test), the one that fits the hold-out better named; the bucket table; cumulative
 * repeat purchases week by week over both periods, actual against the model's E[X(t)] summed over
 * customers by their first purchase (as Fader, Hardie & Lee 2005, fig. 2); the hold-out total's bias and
 * the mean absolute error per customer; one plain sentence; and the fit's plain-words notes (in English,
 * as the formulas give them).
 */
import { type DayNumber, isoDay } from "../cells";
import type { Transactions } from "../cohorts/transactions";
import { type BackTest, backTestNotes, backTestSummary, SplitError } from "../forecast/back-test";
import {
  type CustomerHistories,
  DAYS_PER_WEEK,
  halfwayDay,
  historiesOf,
  historyRfm,
  weeksTo,
} from "../forecast/histories";
import { PURCHASE_MODEL_NAMES, PURCHASE_MODELS } from "../forecast/purchase-model";
import { MetricError } from "../metrics/errors";
import type { ReportData } from "./data";
import { fitErrorText } from "./fit-errors";
import { FORMATS, type ReportSheet } from "./model";
import { COLORS, range, SheetWriter } from "./sheet";
import { type ReportWords, wordsOf } from "./words";

/** The default split: halfway from the first date to the observation end, as the CDNOW studies split 78 weeks into 39 + 39. */
export function defaultCalibrationEnd(tx: Transactions, end: DayNumber = tx.lastDay): DayNumber {
  return halfwayDay(tx.firstDay, tx.lastDay, end);
}

/** Hold-out accuracy: bias of the total (share of the actual total) and mean absolute error per customer. */
export function holdoutErrors(result: BackTest): {
  actual: number;
  predicted: number;
  bias: number;
  mae: number;
} {
  let actual = 0;
  let predicted = 0;
  let absolute = 0;
  result.actual.forEach((a, i) => {
    actual += a;
    predicted += result.predicted[i];
    absolute += Math.abs(result.predicted[i] - a);
  });
  return { actual, predicted, bias: (predicted - actual) / actual, mae: absolute / result.actual.length };
}

/** Cumulative repeat purchase days of the calibration customers at the end of each week, actual and expected. */
function cumulativeByWeek(result: BackTest, h: CustomerHistories) {
  const { calibration, fit } = result;
  const start = h.firstDay;
  const weeks = weeksTo(start, result.holdoutEnd);
  const weekEnd = (w: number) => Math.min(start + (w + 1) * DAYS_PER_WEEK - 1, result.holdoutEnd);
  const actual = Float64Array.from(h.weekly);
  for (let w = 1; w < weeks; w++) actual[w] += actual[w - 1];
  const customersByFirstDay = new Map<number, number>();
  for (const first of calibration.firstDay)
    customersByFirstDay.set(first, (customersByFirstDay.get(first) ?? 0) + 1);
  const model = PURCHASE_MODELS[result.model];
  const expected = Array.from({ length: weeks }, (_, w) => {
    let sum = 0;
    for (const [first, customers] of customersByFirstDay)
      sum += customers * model.expected(fit.params, (weekEnd(w) - first) / calibration.unitDays);
    return sum;
  });
  return { weeks, weekEnd, actual, expected };
}

/** BG/NBD, MBG/NBD and Pareto/NBD back-tested on one split of the data. */
export interface ModelComparison {
  calibrationEnd: DayNumber;
  holdoutEnd: DayNumber;
  /** No calibration end was given: the default split. */
  halfway: boolean;
  /** The back-tests that ran, the one whose hold-out forecast errs least per customer first. */
  ranked: BackTest[];
  /** Why a model could not be back-tested: "Pareto/NBD: …." each. */
  failures: string[];
  /** The customers' histories the models were back-tested on. */
  histories: CustomerHistories;
}

/**
 * Back-tests the three models on the transactions to `holdoutEnd`, split at `split` (@default
 * {@link defaultCalibrationEnd}). A split that cannot be back-tested is said once, in the report's words,
 * naming `control`, where the reader sets the calibration end (the sidebar's field by default, the
 * command line's `--calibration-end`).
 */
export function compareModels(
  tx: Transactions,
  holdoutEnd: DayNumber,
  split?: DayNumber,
  w: ReportWords = wordsOf(),
  control: string = w.calibrationControl,
): ModelComparison {
  const calibrationEnd = split ?? defaultCalibrationEnd(tx, holdoutEnd);
  return compareHistories(historiesOf(tx, holdoutEnd, calibrationEnd), split === undefined, w, control);
}

/**
 * Back-tests the three models on customers' histories (from rows in memory or a database), to their
 * end at their calibration end; `halfway` when that is the default split.
 */
export function compareHistories(
  h: CustomerHistories,
  halfway: boolean,
  w: ReportWords = wordsOf(),
  control: string = w.calibrationControl,
): ModelComparison {
  const { calibrationEnd, endDay: holdoutEnd } = h;
  const results: BackTest[] = [];
  const failures: string[] = [];
  const calibration = historyRfm(h, "calibration");
  const toHoldoutEnd = Float64Array.from(calibration.customer, (i) => h.days[i] - 1);
  for (const model of PURCHASE_MODEL_NAMES) {
    try {
      results.push(backTestSummary(h, calibration, toHoldoutEnd, holdoutEnd, model));
    } catch (error) {
      if (!(error instanceof MetricError)) throw error;
      const why =
        error instanceof SplitError
          ? w.fcSplit(error.reason, control)
          : `${PURCHASE_MODELS[model].label}: ${fitErrorText(error, w)}.`;
      if (!failures.includes(why)) failures.push(why);
    }
  }
  const ranked = results.sort((a, b) => holdoutErrors(a).mae - holdoutErrors(b).mae);
  return { calibrationEnd, holdoutEnd, halfway, ranked, failures, histories: h };
}

const compared = new WeakMap<ReportData, ModelComparison>();
const histories = new WeakMap<Transactions, CustomerHistories>();

/**
 * The report's customers' histories: computed in a database (`data.histories`), or from its rows in
 * memory on first use, split at its calibration end. Null when the report has neither.
 */
export function reportHistories(data: ReportData): CustomerHistories | null {
  if (data.histories) return data.histories;
  const tx = data.transactions;
  if (!tx) return null;
  let h = histories.get(tx);
  if (!h) {
    const end = data.observationEnd;
    h = historiesOf(tx, end, data.calibrationEnd ?? defaultCalibrationEnd(tx, end));
    histories.set(tx, h);
  }
  return h;
}

/**
 * The report's comparison, at its calibration end, to its observation end: run once, by whichever
 * sheet asks first (Forecast check, or Predicted CLV and Customers, which use the better model).
 */
export function reportComparison(data: ReportData, h: CustomerHistories): ModelComparison {
  let result = compared.get(data);
  if (!result) {
    result = compareHistories(h, data.calibrationEnd === undefined, data.words, data.calibrationControl);
    compared.set(data, result);
  }
  return result;
}

/** The sheet of a comparison of the models on customers' histories. */
export function forecastCheckSheet(comparison: ModelComparison, w: ReportWords = wordsOf()): ReportSheet {
  const { calibrationEnd, holdoutEnd, ranked, failures } = comparison;
  const sheet = new SheetWriter("forecast-check", w.sheets["forecast-check"]);
  sheet.title(1, w.fcTitle, w.fcNote(isoDay(calibrationEnd), isoDay(holdoutEnd), comparison.halfway));
  if (ranked.length === 0) {
    sheet.set(3, 1, w.fcFailed(failures.join(" ")));
    sheet.style(range(3, 1), { color: COLORS.muted });
    return sheet.build();
  }
  const best = ranked[0];
  const label = PURCHASE_MODELS[best.model].label;
  const errors = holdoutErrors(best);
  const round = (n: number) => Math.round(n).toLocaleString("en-US");
  const percent = `${errors.bias >= 0 ? "+" : "−"}${Math.abs(errors.bias * 100).toFixed(1)}%`;
  const verdict =
    ranked.length > 1
      ? w.fcBetter(label, errors.mae.toFixed(3), holdoutErrors(ranked[1]).mae.toFixed(3))
      : w.fcOnly(label, failures.join(" "));
  sheet.set(3, 1, `${w.fcSentence(round(errors.predicted), round(errors.actual), percent)} ${verdict}`);
  sheet.style(range(3, 1), { bold: true });

  // Buckets: every model that could be fitted, side by side, in a fixed order.
  const results = new Map(ranked.map((result) => [result.model, result]));
  const models = PURCHASE_MODEL_NAMES.filter((m) => results.has(m));
  sheet.header(5, 1, w.fcBucketHeader(models.map((m) => PURCHASE_MODELS[m].label)));
  best.buckets.forEach((bucket, k) => {
    sheet.row(6 + k, 1, [
      bucket.label === "All" ? w.fcAll : String(bucket.label),
      bucket.customers,
      bucket.actual ?? null,
      ...models.map((m) => (results.get(m) as BackTest).buckets[k].predicted ?? null),
    ]);
  });
  const bucketRows = best.buckets.length;
  sheet.style(range(6, 2, bucketRows), { numberFormat: FORMATS.integer });
  sheet.style(range(6, 3, bucketRows, 1 + models.length), { numberFormat: FORMATS.decimal });
  const summaryTop = 6 + bucketRows + 1;
  const summary: [string, number, string][] = [
    [w.fcActual, errors.actual, FORMATS.integer],
    [w.fcPredicted(label), errors.predicted, FORMATS.integer],
    [w.fcBias, errors.bias, FORMATS.percent],
    [w.fcMae, errors.mae, FORMATS.decimal],
  ];
  summary.forEach(([name, value, format], i) => {
    sheet.row(summaryTop + i, 1, [name, value]);
    sheet.style(range(summaryTop + i, 2), { numberFormat: format });
  });
  const notes = backTestNotes(best, comparison.histories, comparison.histories.ids.length, w);
  notes.forEach((note, i) => {
    sheet.set(summaryTop + summary.length + 1 + i, 1, note);
    sheet.style(range(summaryTop + summary.length + 1 + i, 1), { color: COLORS.muted });
  });

  // Cumulative repeat purchases by week, the split marked in its own column.
  const c = 8;
  const curve = cumulativeByWeek(best, comparison.histories);
  sheet.header(5, c, w.fcCurveHeader(label));
  for (let week = 0; week < curve.weeks; week++) {
    const end = curve.weekEnd(week);
    sheet.row(6 + week, c, [
      isoDay(end),
      curve.actual[week],
      curve.expected[week],
      end <= calibrationEnd ? w.fcCalibration : w.fcHoldout,
    ]);
  }
  sheet.style(range(6, c + 1, curve.weeks, 2), { numberFormat: FORMATS.integer });
  sheet.chart({
    type: "line",
    title: w.fcChart(label, isoDay(calibrationEnd)),
    data: range(5, c, curve.weeks + 1, 3),
    seriesIn: "columns",
    anchor: { row: 5, column: c + 5 },
    xAxisTitle: w.fcWeek,
    yAxisTitle: w.fcRepeats,
  });
  sheet.frozenRows = 5;
  sheet.columnWidths[1] = 240;
  sheet.columnWidths[c] = 110;
  return sheet.build();
}
