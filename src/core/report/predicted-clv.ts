/**
 * The Predicted CLV sheet: the purchase model the Forecast check finds better (BG/NBD or Pareto/NBD,
 * named with the reason) and Gamma-Gamma fitted by maximum likelihood on the report's transactions (in
 * weeks, to the observation end; report/customer-forecast.ts), then each customer's predicted CLV over
 * the next 12 months as PREDICTED_CLV computes it, sorted by value, with its 80% interval from the
 * parameters' uncertainty (delta method, models/clv-interval.ts) and that of the total; the fitted
 * parameters; and the in-sample fit the BG/NBD paper checks first: customers by number of repeat
 * purchases, actual against Σᵢ P(X(Tᵢ) = k) under the model, the last group open-ended; and the fit's
 * plain-words notes (in English, as PREDICTED_CLV gives them) when it is doubtful. A report computed
 * in a database draws the same sheet from its condensed RFM summary (report/clv-summary.ts): BG/NBD,
 * the same fit, total and interval, and in place of the list a line saying it needs the rows.
 */
import type { RfmSummary } from "../cohorts/rfm";
import type { Fit } from "../fit/mle";
import { forecastNotes } from "../forecast/diagnostics";
import type { CustomerHistories } from "../forecast/histories";
import { PURCHASE_MODELS, type PurchaseModel, type PurchaseModelName } from "../forecast/purchase-model";
import { MetricError } from "../metrics/errors";
import type { ClvForecast } from "../models/clv";
import { type ClvInterval, rfmClvInterval } from "../models/clv-interval";
import type { GammaGammaParams } from "../models/gamma-gamma";
import { toValues } from "../models/uncertainty";
import { CLV_HORIZON_MONTHS, CLV_MONTHLY_DISCOUNT, customerForecast } from "./customer-forecast";
import type { ReportData } from "./data";
import { fitErrorText } from "./fit-errors";
import { FORMATS, type ReportSheet } from "./model";
import { PRINTED_CUSTOMERS } from "./print";
import { COLORS, range, SheetWriter } from "./sheet";
import type { ReportWords } from "./words";

/** The level of the interval shown beside each CLV and the total. */
export const CLV_INTERVAL = 0.8;
/** Repeat purchases 0 … 6, then "7+", as the paper's histogram. */
const FIT_GROUPS = 7;
/** A sheet of more rows gets slow to draw and to scroll; the rest are summed in the totals. */
export const MAX_CUSTOMER_ROWS = 50_000;

/**
 * Expected number of customers with k = 0 … groups − 1 repeat purchases, and with more, of customers
 * of the given ages (each standing for `weight` customers, 1 unless told).
 */
export function expectedRepeatHistogram<P>(
  model: PurchaseModel<P>,
  params: P,
  ages: ArrayLike<number>,
  groups: number,
  weight?: ArrayLike<number>,
): number[] {
  const byAge = new Map<number, number>();
  for (let i = 0; i < ages.length; i++)
    byAge.set(ages[i], (byAge.get(ages[i]) ?? 0) + (weight ? weight[i] : 1));
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

/** The in-sample fit: customers by repeat purchases x, actual and expected under the model (FIT_GROUPS + 1 groups). */
export function repeatHistogram<P>(
  model: PurchaseModel<P>,
  params: P,
  data: { x: ArrayLike<number>; T: ArrayLike<number>; weight?: ArrayLike<number> },
): { actual: number[]; expected: number[] } {
  const actual = new Array<number>(FIT_GROUPS + 1).fill(0);
  for (let i = 0; i < data.x.length; i++)
    actual[Math.min(data.x[i], FIT_GROUPS)] += data.weight ? data.weight[i] : 1;
  return { actual, expected: expectedRepeatHistogram(model, params, data.T, FIT_GROUPS, data.weight) };
}

/**
 * What the Predicted CLV sheet shows, however it was computed: from the rows in memory, or from an RFM
 * summary condensed in a database (report/clv-summary.ts).
 */
export interface ClvSheetForecast {
  model: PurchaseModelName;
  /** Why this purchase model, in the report's words. */
  reason: string;
  purchases: Fit<unknown>;
  gammaGamma: Fit<GammaGammaParams>;
  customers: number;
  /** Repeat customers in the spend model, and those left out of it (repeat purchases netting to 0 or less). */
  spenders: number;
  leftOut: number;
  /** Σ predicted CLV, with its interval at {@link CLV_INTERVAL} or why there is none. */
  total: number;
  totalInterval: { lower: number; upper: number } | { why: string };
  notes: string[];
  fit: { actual: number[]; expected: number[] };
  /**
   * The most valuable customers first: id, x, P(alive), expected purchases, order value, CLV[, lower,
   * upper]; none from a summary (the sheet says the list needs the rows).
   */
  top: (string | number)[][];
}

/** The sheet when the models could not be fitted: why, in the fit's words. */
export interface ClvSheetFailure {
  reason: string;
  error: string;
}

/** The sheet's forecast from the rows in memory (the fit shared with Customers, report/customer-forecast.ts). */
export function rowsClvForecast(data: ReportData, h: CustomerHistories): ClvSheetForecast | ClvSheetFailure {
  const { rfm, forecast, error, choice } = customerForecast(data, h);
  return forecast ? rowsForecast(rfm, forecast, choice.reason, data.words) : { reason: choice.reason, error };
}

/** The sheet's forecast of every customer of an RFM summary, the purchase model chosen for `reason`. */
export function rowsForecast(
  rfm: RfmSummary,
  forecast: ClvForecast,
  reason: string,
  w: ReportWords,
): ClvSheetForecast {
  const { customers } = forecast;
  let bounds: ClvInterval | { why: string };
  try {
    bounds = rfmClvInterval(
      CLV_INTERVAL,
      rfm,
      forecast.purchases.params,
      forecast.gammaGamma.params,
      { horizonMonths: CLV_HORIZON_MONTHS, monthlyDiscountRate: CLV_MONTHLY_DISCOUNT, margin: 1 },
      forecast.model,
    );
  } catch (error) {
    if (!(error instanceof MetricError)) throw error;
    bounds = { why: fitErrorText(error, w) };
  }
  const order = Array.from({ length: rfm.length }, (_, i) => i).sort(
    (i, j) => customers.clv[j] - customers.clv[i],
  );
  let total = 0;
  for (let i = 0; i < rfm.length; i++) total += customers.clv[i];
  const spenders = rfm.frequency.filter((x) => x > 0).length - forecast.leftOut;
  return {
    model: forecast.model,
    reason,
    purchases: forecast.purchases,
    gammaGamma: forecast.gammaGamma,
    customers: rfm.length,
    spenders,
    leftOut: forecast.leftOut,
    total,
    totalInterval: "why" in bounds ? bounds : bounds.total,
    notes: forecastNotes(rfm, forecast, w),
    fit: repeatHistogram(PURCHASE_MODELS[forecast.model], forecast.purchases.params, {
      x: rfm.frequency,
      T: rfm.T,
    }),
    top: order
      .slice(0, MAX_CUSTOMER_ROWS)
      .map((c) => [
        rfm.ids[c],
        rfm.frequency[c],
        customers.probabilityAlive[c],
        customers.expectedPurchases[c],
        customers.expectedOrderValue[c],
        customers.clv[c],
        ...("why" in bounds ? [] : [bounds.lower[c], bounds.upper[c]]),
      ]),
  };
}

/** The Predicted CLV sheet of a forecast, from the rows ({@link rowsClvForecast}) or a summary (clv-summary.ts). */
export function predictedClvSheet(
  data: Pick<ReportData, "words" | "currencyFormat">,
  forecast: ClvSheetForecast | ClvSheetFailure,
): ReportSheet {
  const w = data.words;
  const sheet = new SheetWriter("predicted-clv", w.sheets["predicted-clv"]);
  if ("error" in forecast) {
    // The other sheets are still worth having: say why this one is empty.
    sheet.title(1, w.clvTitle, forecast.reason);
    sheet.set(3, 1, w.clvFailed(forecast.error));
    sheet.style(range(3, 1), { color: COLORS.muted });
    return sheet.build();
  }
  const { purchases, gammaGamma, totalInterval, top } = forecast;
  const model = PURCHASE_MODELS[forecast.model];
  const money = data.currencyFormat;
  const level = CLV_INTERVAL * 100;
  const bounds = "why" in totalInterval ? undefined : totalInterval;

  sheet.title(
    1,
    w.clvTitle,
    `${w.clvNote(CLV_HORIZON_MONTHS, CLV_MONTHLY_DISCOUNT * 100, model.label)} ${forecast.reason} ${bounds ? w.clvIntervalNote(level) : w.clvNoInterval(level, (totalInterval as { why: string }).why)}`,
  );

  if (forecast.notes.length > 0) {
    sheet.set(3, 1, forecast.notes.join(" "));
    sheet.style(range(3, 1), { color: COLORS.muted });
  }

  // Customers, most valuable first.
  sheet.header(4, 1, [...w.clvHeader(CLV_HORIZON_MONTHS), ...(bounds ? w.clvBounds(level) : [])]);
  sheet.frozenRows = 4;
  sheet.printed = {
    rows: 4 + PRINTED_CUSTOMERS,
    footer: w.printedTop(PRINTED_CUSTOMERS, top.length.toLocaleString("en-US")),
  };
  const rows = top.length;
  if (rows === 0) {
    sheet.set(5, 1, w.clvListNeedsRows);
    sheet.style(range(5, 1), { color: COLORS.muted });
  } else {
    top.forEach((row, i) => {
      sheet.row(5 + i, 1, row);
    });
    sheet.style(range(5, 2, rows), { numberFormat: FORMATS.integer });
    sheet.style(range(5, 3, rows), { numberFormat: FORMATS.percent });
    sheet.style(range(5, 4, rows), { numberFormat: FORMATS.decimal });
    sheet.style(range(5, 5, rows, bounds ? 4 : 2), { numberFormat: money });
    sheet.colorScale(range(5, 6, rows));
    if (rows < forecast.customers) {
      sheet.note(4, 1, w.clvTop(rows.toLocaleString("en-US"), forecast.customers.toLocaleString("en-US")));
    }
  }

  // The fitted parameters, beside the list.
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
    [w.customers, w.fitted(model.label), forecast.customers, FORMATS.integer],
    [w.customers, w.withRepeat, forecast.spenders, FORMATS.integer],
    [w.customers, w.leftOut, forecast.leftOut, FORMATS.integer],
    [w.total, w.clvTotal(CLV_HORIZON_MONTHS), forecast.total, money],
    ...(bounds
      ? ([
          [w.total, w.clvTotalLower(level), bounds.lower, money],
          [w.total, w.clvTotalUpper(level), bounds.upper, money],
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
  const { actual, expected } = forecast.fit;
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
