/**
 * The Predicted CLV sheet: the purchase model the Forecast check finds better (BG/NBD or Pareto/NBD,
 * named with the reason) and Gamma-Gamma fitted by maximum likelihood on the report's transactions (in
 * weeks, to the observation end; report/customer-forecast.ts), then each customer's predicted CLV over
 * the next 12 months as PREDICTED_CLV computes it, sorted by value, with its 80% interval from the
 * parameters' uncertainty (delta method, models/clv-interval.ts) and that of the total; the fitted
 * parameters; and the in-sample fit the BG/NBD paper checks first: customers by number of repeat
 * purchases, actual against Σᵢ P(X(Tᵢ) = k) under the model, the last group open-ended; and the fit's
 * plain-words notes (in English, as PREDICTED_CLV gives them) when it is doubtful.
 */
import { forecastNotes } from "../forecast/diagnostics";
import { PURCHASE_MODELS, type PurchaseModel } from "../forecast/purchase-model";
import { MetricError } from "../metrics/errors";
import { type ClvInterval, rfmClvInterval } from "../models/clv-interval";
import { toValues } from "../models/uncertainty";
import { CLV_HORIZON_MONTHS, CLV_MONTHLY_DISCOUNT, customerForecast } from "./customer-forecast";
import type { ReportDataWithRows } from "./data";
import { FORMATS, type ReportSheet } from "./model";
import { COLORS, range, SheetWriter } from "./sheet";

/** The level of the interval shown beside each CLV and the total. */
export const CLV_INTERVAL = 0.8;
/** Repeat purchases 0 … 6, then "7+", as the paper's histogram. */
const FIT_GROUPS = 7;
/** A sheet of more rows gets slow to draw and to scroll; the rest are summed in the totals. */
export const MAX_CUSTOMER_ROWS = 50_000;

/** Expected number of customers with k = 0 … groups − 1 repeat purchases, and with more. */
export function expectedRepeatHistogram<P>(
  model: PurchaseModel<P>,
  params: P,
  ages: ArrayLike<number>,
  groups: number,
): number[] {
  const byAge = new Map<number, number>();
  for (let i = 0; i < ages.length; i++) byAge.set(ages[i], (byAge.get(ages[i]) ?? 0) + 1);
  const expected = new Array<number>(groups + 1).fill(0);
  for (const [age, customers] of byAge) {
    const probabilities = model.counts(params, age, groups);
    let rest = 1;
    probabilities.forEach((p, k) => {
      expected[k] += customers * p;
      rest -= p;
    });
    expected[groups] += customers * Math.max(0, rest);
  }
  return expected;
}

export function predictedClvSheet(data: ReportDataWithRows): ReportSheet {
  const w = data.words;
  const sheet = new SheetWriter("predicted-clv", w.sheets["predicted-clv"]);
  const { rfm, forecast, error, choice } = customerForecast(data);
  if (!forecast) {
    // The other sheets are still worth having: say why this one is empty.
    sheet.title(1, w.clvTitle, choice.reason);
    sheet.set(3, 1, w.clvFailed(error));
    sheet.style(range(3, 1), { color: COLORS.muted });
    return sheet.build();
  }
  const { purchases, gammaGamma, customers } = forecast;
  const model = PURCHASE_MODELS[forecast.model];
  const money = data.currencyFormat;
  const level = CLV_INTERVAL * 100;
  let bounds: ClvInterval | undefined;
  let noInterval = "";
  try {
    bounds = rfmClvInterval(
      CLV_INTERVAL,
      rfm,
      purchases.params,
      gammaGamma.params,
      { horizonMonths: CLV_HORIZON_MONTHS, monthlyDiscountRate: CLV_MONTHLY_DISCOUNT, margin: 1 },
      forecast.model,
    );
  } catch (error) {
    if (!(error instanceof MetricError)) throw error;
    noInterval = w.clvNoInterval(level, error.message);
  }

  sheet.title(
    1,
    w.clvTitle,
    `${w.clvNote(CLV_HORIZON_MONTHS, CLV_MONTHLY_DISCOUNT * 100, model.label)} ${choice.reason} ${noInterval || w.clvIntervalNote(level)}`,
  );

  const notes = forecastNotes(rfm, forecast);
  if (notes.length > 0) {
    sheet.set(3, 1, notes.join(" "));
    sheet.style(range(3, 1), { color: COLORS.muted });
  }

  // Customers, most valuable first.
  sheet.header(4, 1, [...w.clvHeader(CLV_HORIZON_MONTHS), ...(bounds ? w.clvBounds(level) : [])]);
  sheet.frozenRows = 4;
  const order = Array.from({ length: rfm.length }, (_, i) => i).sort(
    (i, j) => customers.clv[j] - customers.clv[i],
  );
  const shown = order.slice(0, MAX_CUSTOMER_ROWS);
  shown.forEach((c, i) => {
    sheet.row(5 + i, 1, [
      rfm.ids[c],
      rfm.frequency[c],
      customers.probabilityAlive[c],
      customers.expectedPurchases[c],
      customers.expectedOrderValue[c],
      customers.clv[c],
      ...(bounds ? [bounds.lower[c], bounds.upper[c]] : []),
    ]);
  });
  const rows = shown.length;
  sheet.style(range(5, 2, rows), { numberFormat: FORMATS.integer });
  sheet.style(range(5, 3, rows), { numberFormat: FORMATS.percent });
  sheet.style(range(5, 4, rows), { numberFormat: FORMATS.decimal });
  sheet.style(range(5, 5, rows, bounds ? 4 : 2), { numberFormat: money });
  sheet.colorScale(range(5, 6, rows));
  if (rows < rfm.length) {
    sheet.note(4, 1, w.clvTop(rows.toLocaleString("en-US"), rfm.length.toLocaleString("en-US")));
  }

  // The fitted parameters, beside the list.
  let total = 0;
  for (let i = 0; i < rfm.length; i++) total += customers.clv[i];
  const p = 10;
  sheet.header(4, p, w.paramsHeader);
  const inWeeks: Record<string, string> = { alpha: w.alphaWeeks, beta: w.betaWeeks };
  const values = toValues(model.order, purchases.params);
  const parameters: [string, string, number, string][] = [
    ...model.order.names.map(
      (name, i) =>
        [model.label, inWeeks[name] ?? name, values[i], FORMATS.decimal] as [string, string, number, string],
    ),
    [model.label, w.logLikelihood, purchases.logLikelihood, FORMATS.decimal],
    ["Gamma-Gamma", "p", gammaGamma.params.p, FORMATS.decimal],
    ["Gamma-Gamma", "q", gammaGamma.params.q, FORMATS.decimal],
    ["Gamma-Gamma", "γ", gammaGamma.params.gamma, FORMATS.decimal],
    ["Gamma-Gamma", w.logLikelihood, gammaGamma.logLikelihood, FORMATS.decimal],
    [w.customers, w.fitted(model.label), rfm.length, FORMATS.integer],
    [
      w.customers,
      w.withRepeat,
      rfm.frequency.filter((x) => x > 0).length - forecast.leftOut,
      FORMATS.integer,
    ],
    [w.customers, w.leftOut, forecast.leftOut, FORMATS.integer],
    [w.total, w.clvTotal(CLV_HORIZON_MONTHS), total, money],
    ...(bounds
      ? ([
          [w.total, w.clvTotalLower(level), bounds.total.lower, money],
          [w.total, w.clvTotalUpper(level), bounds.total.upper, money],
        ] as [string, string, number, string][])
      : []),
  ];
  parameters.forEach(([model, name, value, format], i) => {
    sheet.row(5 + i, p, [model, name, value]);
    sheet.style(range(5 + i, p + 2), { numberFormat: format });
  });

  // In-sample fit: customers by number of repeat purchases, actual and under the model.
  const fitTop = 5 + parameters.length + 1;
  sheet.set(fitTop, p, w.fitTitle);
  sheet.style(range(fitTop, p), { bold: true, color: COLORS.title });
  sheet.header(fitTop + 1, p, w.fitHeader(model.label));
  const actual = new Array<number>(FIT_GROUPS + 1).fill(0);
  for (let i = 0; i < rfm.length; i++) actual[Math.min(rfm.frequency[i], FIT_GROUPS)]++;
  const expected = expectedRepeatHistogram(model, purchases.params, rfm.T, FIT_GROUPS);
  for (let k = 0; k <= FIT_GROUPS; k++) {
    sheet.row(fitTop + 2 + k, p, [k < FIT_GROUPS ? String(k) : `${FIT_GROUPS}+`, actual[k], expected[k]]);
  }
  sheet.style(range(fitTop + 2, p + 1, FIT_GROUPS + 1, 2), { numberFormat: FORMATS.integer });
  sheet.chart({
    type: "column",
    title: w.fitChart(model.label),
    data: range(fitTop + 1, p, FIT_GROUPS + 2, 3),
    seriesIn: "columns",
    anchor: { row: fitTop + FIT_GROUPS + 4, column: p },
    xAxisTitle: w.fitAxis,
    yAxisTitle: w.customers,
  });

  sheet.columnWidths[1] = 140;
  for (const column of [2, 3, 4, 5, 6, 7, 8]) sheet.columnWidths[column] = 120;
  sheet.columnWidths[p] = 110;
  sheet.columnWidths[p + 1] = 230;
  sheet.columnWidths[p + 2] = 110;
  return sheet.build();
}
