/**
 * The Forecast check sheet: BG/NBD and Pareto/NBD back-tested on the same calibration / hold-out split
 * (core/forecast/back-test), the one that fits the hold-out better named; the bucket table; cumulative
 * repeat purchases week by week over both periods, actual against the model's E[X(t)] summed over
 * customers by their first purchase (as Fader, Hardie & Lee 2005, fig. 2); the hold-out total's bias and
 * the mean absolute error per customer; one plain sentence; and the fit's plain-words notes.
 * Not yet offered in the sidebar.
 */
import { type DayNumber, isoDay } from "../cells";
import { groupByCustomer, type Transactions } from "../cohorts/transactions";
import { type BackTest, backTest, backTestNotes } from "../forecast/back-test";
import { PURCHASE_MODELS, type PurchaseModelName } from "../forecast/purchase-model";
import { MetricError } from "../metrics/errors";
import { FORMATS, type ReportSheet } from "./model";
import { COLORS, range, SheetWriter } from "./sheet";

const DAYS_PER_WEEK = 7;

/** The default split: halfway through the data, as the CDNOW studies split 78 weeks into 39 + 39. */
export function defaultCalibrationEnd(tx: Transactions): DayNumber {
  return Math.floor((tx.firstDay + tx.lastDay) / 2);
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
function cumulativeByWeek(result: BackTest, tx: Transactions) {
  const { calibration, fit } = result;
  const start = tx.firstDay;
  const weeks = Math.ceil((result.holdoutEnd - start + 1) / DAYS_PER_WEEK);
  const weekEnd = (w: number) => Math.min(start + (w + 1) * DAYS_PER_WEEK - 1, result.holdoutEnd);
  const actual = new Float64Array(weeks);
  const { offsets, order } = groupByCustomer(tx);
  for (let i = 0; i < calibration.length; i++) {
    const c = calibration.customer[i];
    const days = new Set<number>();
    for (let j = offsets[c]; j < offsets[c + 1]; j++) {
      const row = order[j];
      const day = tx.day[row];
      if (day > calibration.firstDay[i] && day <= result.holdoutEnd && !(tx.amount && tx.amount[row] < 0))
        days.add(day);
    }
    for (const day of days) actual[Math.floor((day - start) / DAYS_PER_WEEK)]++;
  }
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

/** The sheet for the transactions observed to `observationEnd`, split at `calibrationEnd`. */
export function forecastCheckSheet(
  tx: Transactions,
  observationEnd: DayNumber,
  calibrationEnd = defaultCalibrationEnd(tx),
): ReportSheet {
  const sheet = new SheetWriter("forecast-check", "Forecast check");
  const results = new Map<PurchaseModelName, BackTest>();
  const failures: string[] = [];
  for (const name of ["bgnbd", "paretonbd"] as const) {
    try {
      results.set(name, backTest(tx, { calibrationEnd, holdoutEnd: observationEnd, model: name }));
    } catch (error) {
      if (!(error instanceof MetricError)) throw error;
      failures.push(`${PURCHASE_MODELS[name].label}: ${error.message}.`);
    }
  }
  sheet.title(
    1,
    "Forecast check: how accurate is the purchase forecast?",
    `Fitted on purchases to ${isoDay(calibrationEnd)}, then compared with what the customers first seen by then bought to ${isoDay(observationEnd)}.`,
  );
  if (results.size === 0) {
    sheet.set(3, 1, `The models could not be checked on these transactions: ${failures.join(" ")}`);
    sheet.style(range(3, 1), { color: COLORS.muted });
    return sheet.build();
  }
  // The model whose hold-out forecast errs least per customer.
  const ranked = [...results.values()].sort((a, b) => holdoutErrors(a).mae - holdoutErrors(b).mae);
  const best = ranked[0];
  const label = PURCHASE_MODELS[best.model].label;
  const errors = holdoutErrors(best);
  const round = (n: number) => Math.round(n).toLocaleString("en-US");
  const percent = `${errors.bias >= 0 ? "+" : "−"}${Math.abs(errors.bias * 100).toFixed(1)}%`;
  const verdict =
    results.size > 1
      ? `${label} fits the hold-out better (mean absolute error per customer ${errors.mae.toFixed(3)} against ${holdoutErrors(ranked[1]).mae.toFixed(3)}).`
      : `${label} only: ${failures.join(" ")}`;
  sheet.set(
    3,
    1,
    `The model predicted ${round(errors.predicted)} repeat purchases in the hold-out; customers made ${round(errors.actual)} (${percent}). ${verdict}`,
  );
  sheet.style(range(3, 1), { bold: true });

  // Buckets: every model that could be fitted, side by side.
  const models = [...results.keys()];
  sheet.header(5, 1, [
    "Repeat purchases in calibration",
    "Customers",
    "Actual, mean",
    ...models.map((m) => `${PURCHASE_MODELS[m].label}, mean`),
  ]);
  best.buckets.forEach((bucket, k) => {
    sheet.row(6 + k, 1, [
      String(bucket.label),
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
    ["Hold-out purchases, actual", errors.actual, FORMATS.integer],
    [`Hold-out purchases, ${label}`, errors.predicted, FORMATS.integer],
    ["Bias of the total", errors.bias, FORMATS.percent],
    ["Mean absolute error per customer", errors.mae, FORMATS.decimal],
  ];
  summary.forEach(([name, value, format], i) => {
    sheet.row(summaryTop + i, 1, [name, value]);
    sheet.style(range(summaryTop + i, 2), { numberFormat: format });
  });
  const notes = backTestNotes(best, tx);
  notes.forEach((note, i) => {
    sheet.set(summaryTop + summary.length + 1 + i, 1, note);
    sheet.style(range(summaryTop + summary.length + 1 + i, 1), { color: COLORS.muted });
  });

  // Cumulative repeat purchases by week, the split marked in its own column.
  const c = 8;
  const curve = cumulativeByWeek(best, tx);
  sheet.header(5, c, ["Week ending", "Actual", label, "Period"]);
  for (let w = 0; w < curve.weeks; w++) {
    const end = curve.weekEnd(w);
    sheet.row(6 + w, c, [
      isoDay(end),
      curve.actual[w],
      curve.expected[w],
      end <= calibrationEnd ? "calibration" : "hold-out",
    ]);
  }
  sheet.style(range(6, c + 1, curve.weeks, 2), { numberFormat: FORMATS.integer });
  sheet.chart({
    type: "line",
    title: `Cumulative repeat purchases: actual vs ${label} (calibration to ${isoDay(calibrationEnd)}, then hold-out)`,
    data: range(5, c, curve.weeks + 1, 3),
    seriesIn: "columns",
    anchor: { row: 5, column: c + 5 },
    xAxisTitle: "Week",
    yAxisTitle: "Repeat purchases",
  });
  sheet.frozenRows = 5;
  sheet.columnWidths[1] = 240;
  sheet.columnWidths[c] = 110;
  return sheet.build();
}
