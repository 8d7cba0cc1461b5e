/**
 * The Predicted CLV sheet's forecast from an RFM summary condensed in a database (core/sql), so the
 * fits run on a few thousand rows whatever the table's size: BG/NBD (the Forecast check's back-test
 * needs the rows) and Gamma-Gamma fitted on the distinct rows weighted by their customers — the same
 * likelihoods as on the rows — then the total predicted CLV and its interval. A customer's expected
 * order value is linear in their mean repeat value z̄ (models/gamma-gamma.ts, `expectedOrderValue`),
 * so the spenders of one (x, t_x, T) row add up to one customer with their mean z̄, weighted by their
 * number: the total is the rows' total.
 */
import { observedCustomers } from "../fit/condense";
import { fittedNotes } from "../forecast/diagnostics";
import { DEFAULT_PURCHASE_MODEL, PURCHASE_MODELS } from "../forecast/purchase-model";
import { MetricError } from "../metrics/errors";
import { DAYS_PER_MONTH, predictClv } from "../models/clv";
import { deltaInterval } from "../models/clv-interval";
import { fitGammaGamma, type GammaGammaParams } from "../models/gamma-gamma";
import { CLV_HORIZON_MONTHS, CLV_MONTHLY_DISCOUNT } from "./customer-forecast";
import { fitErrorText } from "./fit-errors";
import { CLV_INTERVAL, type ClvSheetFailure, type ClvSheetForecast, repeatHistogram } from "./predicted-clv";
import type { ReportWords } from "./words";

/** An RFM summary condensed in a database, in the unit of `unitDays` days. */
export interface CondensedSummary {
  /** Distinct (x, t_x, T) with their customers, the spenders among them and the sum of their mean repeat values. */
  groups: {
    x: Float64Array;
    tx: Float64Array;
    T: Float64Array;
    customers: Float64Array;
    spenders: Float64Array;
    monetarySum: Float64Array;
  };
  /** Gamma-Gamma's data: distinct (x, z̄) of the spenders with their customers. */
  spend: { x: Float64Array; zbar: Float64Array; weight: Float64Array };
  unitDays: number;
}

/** The summary's rows as customers of one z̄ each, weighted: each row's spenders, then the rest (z̄ = 0: the population mean). */
function weightedCustomers(groups: CondensedSummary["groups"]) {
  const x: number[] = [];
  const tx: number[] = [];
  const T: number[] = [];
  const zbar: number[] = [];
  const weight: number[] = [];
  const add = (g: number, z: number, w: number) => {
    if (w <= 0) return;
    x.push(groups.x[g]);
    tx.push(groups.tx[g]);
    T.push(groups.T[g]);
    zbar.push(z);
    weight.push(w);
  };
  for (let g = 0; g < groups.x.length; g++) {
    const spenders = groups.spenders[g];
    if (spenders > 0) add(g, groups.monetarySum[g] / spenders, spenders);
    add(g, 0, groups.customers[g] - spenders);
  }
  return { x, tx, T, zbar, weight };
}

const sum = (values: Float64Array) => values.reduce((s, v) => s + v, 0);

/** The sheet's forecast from a condensed summary, or why the models could not be fitted. */
export function summaryForecast(
  summary: CondensedSummary,
  words: ReportWords,
): ClvSheetForecast | ClvSheetFailure {
  const reason = words.clvDefaultModel(words.clvInDatabase);
  const { groups, spend } = summary;
  const rfm = { x: groups.x, tx: groups.tx, T: groups.T, weight: groups.customers };
  let leftOut = 0;
  for (let g = 0; g < groups.x.length; g++) {
    if (groups.x[g] > 0) leftOut += groups.customers[g] - groups.spenders[g];
  }
  try {
    const fitted = { purchases: observedCustomers(rfm), spend };
    const purchases = PURCHASE_MODELS[DEFAULT_PURCHASE_MODEL].fit(fitted.purchases);
    const gammaGamma = fitGammaGamma(spend);
    const customers = weightedCustomers(groups);
    const options = {
      horizonMonths: CLV_HORIZON_MONTHS,
      monthlyDiscountRate: CLV_MONTHLY_DISCOUNT,
      margin: 1,
      unitsPerMonth: DAYS_PER_MONTH / summary.unitDays,
    };
    const valueAt = (bg: unknown, gg: GammaGammaParams) =>
      predictClv(bg, gg, options, customers, DEFAULT_PURCHASE_MODEL).clv.map(
        (clv, i) => clv * customers.weight[i],
      );
    let totalInterval: ClvSheetForecast["totalInterval"];
    try {
      const { lower, upper } = deltaInterval(
        CLV_INTERVAL,
        purchases.params,
        gammaGamma.params,
        fitted,
        valueAt,
        DEFAULT_PURCHASE_MODEL,
      ).total;
      totalInterval = { lower, upper };
    } catch (error) {
      if (!(error instanceof MetricError)) throw error;
      totalInterval = { why: fitErrorText(error, words) };
    }
    const forecast = { model: DEFAULT_PURCHASE_MODEL, purchases, gammaGamma };
    const all = sum(groups.customers);
    return {
      ...forecast,
      reason,
      customers: all,
      spenders: sum(spend.weight),
      leftOut,
      total: sum(valueAt(purchases.params, gammaGamma.params)),
      totalInterval,
      notes: fittedNotes(forecast, all, fitted.purchases, { ...spend, leftOut }, words),
      fit: repeatHistogram(PURCHASE_MODELS[DEFAULT_PURCHASE_MODEL], purchases.params, rfm),
      top: [],
    };
  } catch (error) {
    if (!(error instanceof MetricError)) throw error;
    return { reason, error: fitErrorText(error, words) };
  }
}
