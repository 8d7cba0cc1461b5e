/**
 * The Predicted CLV sheet: BG/NBD and Gamma-Gamma fitted by maximum likelihood on the report's
 * transactions (in weeks, to the observation end), then each customer's predicted CLV over the next
 * 12 months as PREDICTED_CLV computes it, sorted by value; the fitted parameters; and the in-sample
 * fit the BG/NBD paper checks first: customers by number of repeat purchases, actual against
 * Σᵢ P(X(Tᵢ) = k) under the model, the last group open-ended.
 */
import { rfmSummary } from "../cohorts";
import { MetricError } from "../metrics/errors";
import { type BgNbdParams, purchaseCountProbabilities } from "../models/bg-nbd";
import { forecastClv } from "../models/clv";
import type { ReportData } from "./data";
import { FORMATS, type ReportSheet } from "./model";
import { COLORS, range, SheetWriter } from "./sheet";

/** What the sheet values: PREDICTED_CLV's defaults. */
export const CLV_HORIZON_MONTHS = 12;
export const CLV_MONTHLY_DISCOUNT = 0.01;
/** Repeat purchases 0 … 6, then "7+", as the paper's histogram. */
const FIT_GROUPS = 7;
/** A sheet of more rows gets slow to draw and to scroll; the rest are summed in the totals. */
export const MAX_CUSTOMER_ROWS = 50_000;

/** Expected number of customers with k = 0 … groups − 1 repeat purchases, and with more. */
export function expectedRepeatHistogram(
  params: BgNbdParams,
  ages: ArrayLike<number>,
  groups: number,
): number[] {
  const byAge = new Map<number, number>();
  for (let i = 0; i < ages.length; i++) byAge.set(ages[i], (byAge.get(ages[i]) ?? 0) + 1);
  const expected = new Array<number>(groups + 1).fill(0);
  for (const [age, customers] of byAge) {
    const probabilities = purchaseCountProbabilities(params, age, groups);
    let rest = 1;
    probabilities.forEach((p, k) => {
      expected[k] += customers * p;
      rest -= p;
    });
    expected[groups] += customers * Math.max(0, rest);
  }
  return expected;
}

export function predictedClvSheet(data: ReportData): ReportSheet {
  const sheet = new SheetWriter("predicted-clv", "Predicted CLV");
  if (!data.transactions) throw new Error("Predicted CLV: needs the transactions in memory");
  const rfm = rfmSummary(data.transactions, { endDay: data.observationEnd, unit: "week" });
  let forecast: ReturnType<typeof forecastClv>;
  try {
    forecast = forecastClv(rfm, {
      horizonMonths: CLV_HORIZON_MONTHS,
      monthlyDiscountRate: CLV_MONTHLY_DISCOUNT,
      margin: 1,
    });
  } catch (error) {
    if (!(error instanceof MetricError)) throw error;
    // The other sheets are still worth having: say why this one is empty.
    sheet.title(1, "Predicted customer lifetime value");
    sheet.set(3, 1, `The models could not be fitted to these transactions: ${error.message}.`);
    sheet.style(range(3, 1), { color: COLORS.muted });
    return sheet.build();
  }
  const { bgNbd, gammaGamma, customers } = forecast;
  const money = data.currencyFormat;

  sheet.title(
    1,
    "Predicted customer lifetime value",
    `Expected revenue per customer over the next ${CLV_HORIZON_MONTHS} months, discounted ${CLV_MONTHLY_DISCOUNT * 100}% a month: ` +
      `BG/NBD (Fader, Hardie & Lee 2005) for purchases and Gamma-Gamma for order value, fitted by maximum likelihood on ` +
      `purchases to the observation end. Sorted by value.`,
  );

  // Customers, most valuable first.
  const header = [
    "Customer",
    "Repeat purchases",
    "P(alive)",
    `Expected purchases, next ${CLV_HORIZON_MONTHS} months`,
    "Expected order value",
    "Predicted CLV",
  ];
  sheet.header(4, 1, header);
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
    ]);
  });
  const rows = shown.length;
  sheet.style(range(5, 2, rows), { numberFormat: FORMATS.integer });
  sheet.style(range(5, 3, rows), { numberFormat: FORMATS.percent });
  sheet.style(range(5, 4, rows), { numberFormat: FORMATS.decimal });
  sheet.style(range(5, 5, rows, 2), { numberFormat: money });
  sheet.colorScale(range(5, 6, rows));
  if (rows < rfm.length) {
    sheet.note(
      4,
      1,
      `The ${rows.toLocaleString("en-US")} most valuable of ${rfm.length.toLocaleString("en-US")} customers.`,
    );
  }

  // The fitted parameters, beside the list.
  let total = 0;
  for (let i = 0; i < rfm.length; i++) total += customers.clv[i];
  const p = 8;
  sheet.header(4, p, ["Model", "Parameter", "Value"]);
  const parameters: [string, string, number, string][] = [
    ["BG/NBD", "r", bgNbd.params.r, FORMATS.decimal],
    ["BG/NBD", "α (weeks)", bgNbd.params.alpha, FORMATS.decimal],
    ["BG/NBD", "a", bgNbd.params.a, FORMATS.decimal],
    ["BG/NBD", "b", bgNbd.params.b, FORMATS.decimal],
    ["BG/NBD", "log-likelihood", bgNbd.logLikelihood, FORMATS.decimal],
    ["Gamma-Gamma", "p", gammaGamma.params.p, FORMATS.decimal],
    ["Gamma-Gamma", "q", gammaGamma.params.q, FORMATS.decimal],
    ["Gamma-Gamma", "γ", gammaGamma.params.gamma, FORMATS.decimal],
    ["Gamma-Gamma", "log-likelihood", gammaGamma.logLikelihood, FORMATS.decimal],
    ["Customers", "fitted (BG/NBD)", rfm.length, FORMATS.integer],
    [
      "Customers",
      "with repeat spend (Gamma-Gamma)",
      rfm.frequency.filter((x) => x > 0).length - forecast.leftOut,
      FORMATS.integer,
    ],
    ["Customers", "left out: repeat purchases net to 0 or less", forecast.leftOut, FORMATS.integer],
    ["Total", `predicted CLV, next ${CLV_HORIZON_MONTHS} months`, total, money],
  ];
  parameters.forEach(([model, name, value, format], i) => {
    sheet.row(5 + i, p, [model, name, value]);
    sheet.style(range(5 + i, p + 2), { numberFormat: format });
  });

  // In-sample fit: customers by number of repeat purchases, actual and under the model.
  const fitTop = 5 + parameters.length + 1;
  sheet.set(fitTop, p, "In-sample fit: customers by number of repeat purchases");
  sheet.style(range(fitTop, p), { bold: true, color: COLORS.title });
  sheet.header(fitTop + 1, p, ["Repeat purchases", "Actual", "BG/NBD"]);
  const actual = new Array<number>(FIT_GROUPS + 1).fill(0);
  for (let i = 0; i < rfm.length; i++) actual[Math.min(rfm.frequency[i], FIT_GROUPS)]++;
  const expected = expectedRepeatHistogram(bgNbd.params, rfm.T, FIT_GROUPS);
  for (let k = 0; k <= FIT_GROUPS; k++) {
    sheet.row(fitTop + 2 + k, p, [k < FIT_GROUPS ? String(k) : `${FIT_GROUPS}+`, actual[k], expected[k]]);
  }
  sheet.style(range(fitTop + 2, p + 1, FIT_GROUPS + 1, 2), { numberFormat: FORMATS.integer });
  sheet.chart({
    type: "column",
    title: "Customers by number of repeat purchases: actual vs BG/NBD",
    data: range(fitTop + 1, p, FIT_GROUPS + 2, 3),
    seriesIn: "columns",
    anchor: { row: fitTop + FIT_GROUPS + 4, column: p },
    xAxisTitle: "Repeat purchases to the observation end",
    yAxisTitle: "Customers",
  });

  sheet.columnWidths[1] = 140;
  for (const column of [2, 3, 4, 5, 6]) sheet.columnWidths[column] = 120;
  sheet.columnWidths[p] = 110;
  sheet.columnWidths[p + 1] = 230;
  sheet.columnWidths[p + 2] = 110;
  return sheet.build();
}
