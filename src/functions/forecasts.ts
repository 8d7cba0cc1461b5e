/**
 * The forecast formulas: retention curves (sBG) and predicted customer lifetime value (BG/NBD +
 * Gamma-Gamma), fitted by maximum likelihood on the sheet's own data. This layer reads the cells and
 * names bad input; the models live in `core/models`, the transaction summary in `core/cohorts`.
 */

import { currentSheetContext } from "../addon/context";
import { CellError, isBlank, readNumber, type SheetContext, showCell, Where } from "../core/cells";
import { parseRfmUnit, type RfmSummary, type RfmUnit, rfmSummary } from "../core/cohorts/rfm";
import { readTransactionRanges, type Transactions } from "../core/cohorts/transactions";
import { observedCustomers } from "../core/fit/condense";
import {
  type FitFacts,
  fitNotes,
  forecastNotes,
  spendFrequencyCorrelation,
} from "../core/forecast/diagnostics";
import { PURCHASE_MODELS, type PurchaseModelName } from "../core/forecast/purchase-model";
import { MetricError } from "../core/metrics/errors";
import { forecastClv, MAX_HORIZON_MONTHS, repeatSpend } from "../core/models/clv";
import { rfmClvInterval } from "../core/models/clv-interval";
import { fitGammaGamma } from "../core/models/gamma-gamma";
import { checkSurvivors, fitSbg, retentionRate, survival } from "../core/models/sbg";
import {
  fitStandardErrors,
  GAMMA_GAMMA_ORDER,
  gammaGammaNegLogLikelihood,
  SBG_ORDER,
  sbgNegLogLikelihood,
  toValues,
} from "../core/models/uncertainty";
import {
  type Arg,
  columnArg,
  count,
  type Result,
  rangeArg,
  rate,
  readOptionalDay,
  singleArg,
} from "./arguments";
import { gammaGammaFromSummary } from "./model-fits";
import { parseSpendForm, type SpendForm, settledSpendForm } from "./summary-columns";

/**
 * Runs a formula, turning a model's complaint about its data into an error naming the argument, and a
 * result beyond the largest number (values near 1e308 summed or multiplied) into one naming `inputs`.
 */
export function run(fn: string, rename: Record<string, string>, inputs: string, body: () => Result): Result {
  let result: Result;
  try {
    result = body();
  } catch (error) {
    if (error instanceof MetricError)
      throw new CellError(fn, rename[error.arg] ?? error.arg, undefined, error.detail);
    throw error;
  }
  const rows = Array.isArray(result) ? result : [[result]];
  if (rows.some((row) => row.some((value) => typeof value === "number" && !Number.isFinite(value))))
    throw new CellError(
      fn,
      inputs,
      undefined,
      "are so large that a result is beyond 1.8e308, the largest number a spreadsheet holds",
    );
  return result;
}

/**
 * Survivor curves: a single column (or row) is one cohort; a table is one cohort per column. Trailing
 * blanks are dropped so whole-column references work, and blank columns are skipped.
 */
function readSurvivorCurves(fn: string, survivors: Arg, ctx: SheetContext): number[][] {
  const range = rangeArg(fn, "survivors", survivors);
  const row = range.length === 1;
  const columns = row ? [range[0]] : range[0].map((_, c) => range.map((cells) => cells[c]));
  const wide = columns.length > 1;
  const curves: number[][] = [];
  columns.forEach((cells, c) => {
    let end = cells.length;
    while (end > 0 && isBlank(cells[end - 1])) end--;
    if (end === 0 && wide) return;
    const curve = cells
      .slice(0, end)
      .map((value, i) =>
        count(value, ctx, new Where(fn, "survivors").at(row ? 1 : i + 1, row ? i + 1 : c + 1, row || wide)),
      );
    try {
      checkSurvivors(curve);
    } catch (error) {
      if (!(error instanceof MetricError)) throw error;
      throw new CellError(fn, wide ? `survivors (column ${c + 1})` : "survivors", undefined, error.detail);
    }
    curves.push(curve);
  });
  if (curves.length === 0)
    throw new CellError(fn, "survivors", undefined, "is empty — give the active counts, period 0 first");
  return curves;
}

/** One survivor curve: a single column or row. */
function readSurvivors(fn: string, survivors: Arg, ctx: SheetContext): number[] {
  const cells = columnArg(fn, "survivors", survivors);
  return readSurvivorCurves(
    fn,
    cells.map((cell) => [cell]),
    ctx,
  )[0];
}

/** A whole number from 1 to `max` from a single cell; `limit` says why the maximum. */
export function readWhole(
  fn: string,
  arg: string,
  value: Arg,
  ctx: SheetContext,
  what: string,
  max: number,
  limit: string,
): number {
  const where = new Where(fn, arg);
  const cell = singleArg(fn, arg, value);
  const n = readNumber(cell, ctx, where);
  if (!(Number.isInteger(n) && n >= 1))
    throw where.error(`is ${showCell(cell)} — expected a whole number of ${what}, 1 or more`);
  if (n > max)
    throw where.error(`is ${showCell(cell)} — at most ${max.toLocaleString("en-US")} ${what} (${limit})`);
  return n;
}

/**
 * The longest retention projection: 1,000 periods (83 years of months). A survivor curve of a few
 * periods says nothing that far out, and every period is a row of the spilled column.
 */
export const MAX_PERIODS_AHEAD = 1000;

interface TransactionArgs {
  customer_ids: Arg;
  dates: Arg;
  amounts?: Arg;
  end_date?: Arg;
  unit?: RfmUnit;
}

/** The transactions of the customer_ids, dates and (optional) amounts arguments. */
export function readTransactionArgs(fn: string, args: TransactionArgs, ctx: SheetContext): Transactions {
  return readTransactionRanges(
    {
      customerId: rangeArg(fn, "customer_ids", args.customer_ids),
      date: rangeArg(fn, "dates", args.dates),
      amount: args.amounts === undefined ? undefined : rangeArg(fn, "amounts", args.amounts),
    },
    ctx,
    { fn, names: { customerId: "customer_ids", date: "dates", amount: "amounts" } },
  );
}

/** Raw transactions → the RFM summary the models are fitted on (transactions after end_date ignored). */
export function summarize(
  fn: string,
  args: TransactionArgs,
  ctx: SheetContext,
  model = "BG/NBD",
  transactions = readTransactionArgs(fn, args, ctx),
): RfmSummary {
  const endDay = readOptionalDay(fn, "end_date", args.end_date, ctx);
  const rfm = rfmSummary(transactions, { endDay, unit: args.unit ?? "week" });
  if (rfm.length === 0)
    throw new CellError(
      fn,
      "dates",
      undefined,
      "have no purchase on or before end_date — nothing to fit the model on",
    );
  if (rfm.frequency.every((x) => x === 0))
    throw new CellError(
      fn,
      "dates",
      undefined,
      `show no repeat purchase — every customer bought on one day only, so the ${model} model cannot be fitted`,
    );
  return rfm;
}

export function readUnit(fn: string, unit: Arg | undefined): RfmUnit {
  const cell = singleArg(fn, "unit", unit);
  if (isBlank(cell)) return "week";
  const parsed = typeof cell === "string" ? parseRfmUnit(cell) : undefined;
  if (!parsed)
    throw new CellError(
      fn,
      "unit",
      undefined,
      `is ${showCell(cell)} — expected "day", "week", "month", "quarter" or "year"`,
    );
  return parsed;
}

/**
 * A *_PARAMS result: the names, the estimates and log-likelihood (then any counts), and a third row of
 * standard errors under the estimates, blank elsewhere (all blank when the data do not pin them).
 */
export function paramsTable(
  names: readonly string[],
  values: readonly number[],
  errors: readonly number[] | undefined,
  logLikelihood: number,
  counts: [string, number][] = [],
  facts: Omit<FitFacts, "params"> = {},
): Result {
  return withNotes(
    [
      [...names, "log_likelihood", ...counts.map(([name]) => name)],
      [...values, logLikelihood, ...counts.map(([, n]) => n)],
      [...names.map((_, i) => errors?.[i] ?? ""), "", ...counts.map(() => "")],
    ],
    fitNotes({ ...facts, params: { names, values, errors } }),
  );
}

/**
 * A table with the fit's plain-words notes (core/forecast/diagnostics) as one more, last row — "Note: …"
 * in its first cell, blanks after — only when there are any: a formula cannot set a cell note, and the
 * rows above keep their places, so INDEX(…, 2, k) and lookups by id find what they found before.
 */
export function withNotes(table: (number | string)[][], notes: readonly string[]): (number | string)[][] {
  if (notes.length === 0) return table;
  const width = table[0].length;
  return [...table, [`Note: ${notes.join(" ")}`, ...new Array<string>(width - 1).fill("")]];
}

/** A repeat-purchase model's *_PARAMS table fitted to an RFM summary, the customers it was fitted on counted for the notes. */
export function purchaseParamsTable(name: PurchaseModelName, rfm: RfmSummary): Result {
  const model = PURCHASE_MODELS[name];
  const data = observedCustomers({ x: rfm.frequency, tx: rfm.recency, T: rfm.T });
  const fit = model.fit(data);
  const errors = fitStandardErrors(model.order, fit, model.negLogLikelihood(data));
  const values = toValues(model.order, fit.params);
  return paramsTable(model.order.names, values, errors, fit.logLikelihood, [], customerCounts(rfm));
}

/** Customers and repeat buyers of an RFM summary, as the notes count them. */
const customerCounts = (rfm: RfmSummary): FitFacts => ({
  customers: rfm.length,
  repeatBuyers: rfm.frequency.filter((x) => x > 0).length,
});

export const FROM_RFM = { frequency: "dates", recency: "dates", T: "dates", monetary: "amounts" };

/**
 * Projects a cohort's active customers with the shifted-beta-geometric model (Fader & Hardie 2007,
 * "How to Project Customer Retention"): fits α, β by maximum likelihood to the counts given, then
 * projects n₀ · S(t), S(t) = B(α, β + t)/B(α, β), for the next periods.
 * Source: Fader & Hardie, “How to Project Customer Retention”, Journal of Interactive Marketing 21(1)
 * (2007).
 *
 * @param {Array<Array<number>>} survivors A column of customers still active at the start of each period, period 0 (the cohort size) first; at least 3 periods.
 * @param {number} periods_ahead How many further periods to project, a whole number from 1 to 1,000 (each is a row of the result; a few periods of counts say nothing further out).
 * @return A column of projected active customers for the periods after the last one given.
 * @example =RETENTION_FORECAST({1000;631;468;382;326;289;262;241}, 2) → {220.1; 204.4}
 * @customfunction
 */
export function RETENTION_FORECAST(survivors: Arg, periods_ahead: Arg): Result {
  const fn = "RETENTION_FORECAST";
  const ctx = currentSheetContext();
  const curve = readSurvivors(fn, survivors, ctx);
  const ahead = readWhole(
    fn,
    "periods_ahead",
    periods_ahead,
    ctx,
    "periods",
    MAX_PERIODS_AHEAD,
    "a projection from a few periods of counts means nothing further out",
  );
  return run(fn, {}, "survivors", () => {
    const { params } = fitSbg([curve]);
    // S(t) = S(t − 1)·r(t): a running product, exact to a few units in the last place at any t.
    let survivors = curve[0] * survival(params, curve.length - 1);
    return Array.from({ length: ahead }, (_, k) => {
      survivors *= retentionRate(params, curve.length + k);
      return [survivors];
    });
  });
}

/**
 * Fits the shifted-beta-geometric retention model (Fader & Hardie 2007) by maximum likelihood:
 * churn probability θ ~ Beta(α, β) across customers.
 * Source: Fader & Hardie, “How to Project Customer Retention”, Journal of Interactive Marketing 21(1)
 * (2007).
 *
 * @param {Array<Array<number>>} survivors A column of customers still active at the start of each period, period 0 (the cohort size) first; at least 3 periods. Several columns: one cohort each, fitted together.
 * @return A header row, a row of estimates: alpha, beta, log_likelihood (natural log), and a row of their standard errors (observed information; blank under the log-likelihood). When the fit is doubtful, one more, last row says why in its first cell ("Note: …": too few customers or repeat buyers, a parameter the data hardly pin, a hold-out too short…); the rows above keep their places.
 * @example =SBG_PARAMS({1000;631;468;382;326;289;262;241}) → alpha 0.704, beta 1.182, log_likelihood −1680.27
 * @customfunction
 */
export function SBG_PARAMS(survivors: Arg): Result {
  const fn = "SBG_PARAMS";
  const curves = readSurvivorCurves(fn, survivors, currentSheetContext());
  return run(fn, {}, "survivors", () => {
    const fit = fitSbg(curves);
    const errors = fitStandardErrors(SBG_ORDER, fit, sbgNegLogLikelihood(curves));
    return paramsTable(SBG_ORDER.names, [fit.params.alpha, fit.params.beta], errors, fit.logLikelihood);
  });
}

/**
 * Fits the BG/NBD repeat-purchase model (Fader, Hardie & Lee 2005, "Counting Your Customers the Easy
 * Way") by maximum likelihood to each customer's repeat purchase days, recency and age (as RFM
 * computes them): purchase rate λ ~ Gamma(r, α), dropout after a purchase p ~ Beta(a, b).
 * Source: Fader, Hardie & Lee, “Counting Your Customers the Easy Way: An Alternative to the Pareto/NBD
 * Model”, Marketing Science 24(2) (2005).
 *
 * @param {Array<Array<string>>} customer_ids A column of customer ids, one per transaction.
 * @param {Array<Array<Date>>} dates A column of transaction dates, same length.
 * @param {Date} end_date Optional end of the calibration period; later transactions are ignored (the hold-out). Default: the last date.
 * @param {string} unit Optional time unit of α: "day", "week" (default), "month", "quarter" or "year".
 * @return A header row, a row of estimates: r, alpha (in the unit), a, b, log_likelihood (natural log), and a row of their standard errors (observed information; blank under the log-likelihood). When the fit is doubtful, one more, last row says why in its first cell ("Note: …": too few customers or repeat buyers, a parameter the data hardly pin, a hold-out too short…); the rows above keep their places.
 * @example =BGNBD_PARAMS(A2:A6920, B2:B6920, DATE(1997,9,30)) → r 0.243, alpha 4.414, a 0.793, b 2.426, log_likelihood −9582.4 on CDNOW
 * @customfunction
 */
export function BGNBD_PARAMS(customer_ids: Arg, dates: Arg, end_date?: Arg, unit?: Arg): Result {
  const fn = "BGNBD_PARAMS";
  const ctx = currentSheetContext();
  const rfm = summarize(fn, { customer_ids, dates, end_date, unit: readUnit(fn, unit) }, ctx);
  return run(fn, FROM_RFM, "dates", () => purchaseParamsTable("bgnbd", rfm));
}

/**
 * Fits the Gamma-Gamma spend model (Fader, Hardie & Lee 2005, "RFM and CLV") by maximum likelihood to
 * the customers with at least one repeat purchase day: order values ~ Gamma(p, ν), ν ~ Gamma(q, γ).
 * Customers whose repeat purchases net to 0 or less (refunds) cannot enter and are counted in left_out.
 * On a summary instead — GAMMAGAMMA_PARAMS(frequency, mean repeat value, [weights], "summary"), as
 * lifetimes' GammaGammaFitter takes it — customers with frequency 0 are skipped. Without "summary" or
 * "transactions" as the last argument the form is read from the values only when they settle it (date
 * cells or an end_date: transactions; means with cents or below 18,264: a summary); whole means that
 * could all be date serial numbers (1950–2099, e.g. in won or roubles) stop with a request for it.
 * Source: Fader, Hardie & Lee, “RFM and CLV: Using Iso-Value Curves for Customer Base Analysis”,
 * Journal of Marketing Research 42(4) (2005); Fader & Hardie, “The Gamma-Gamma Model of Monetary Value”
 * (2013).
 *
 * @param {Array<Array<string>>} customer_ids A column of customer ids, one per transaction; on a summary, the repeat purchases (frequency) per customer.
 * @param {Array<Array<Date>>} dates A column of transaction dates, same length; on a summary, each customer's mean repeat purchase value (monetary_value).
 * @param {Array<Array<number>>} amounts A column of transaction amounts in currency; negative for refunds. On a summary: optional weights, the customers each row stands for.
 * @param {Date} end_date Optional end of the calibration period; later transactions are ignored. Default: the last date. Not used on a summary.
 * @param {string} form Optional "summary" or "transactions" (any case): which form the data are in; put it after the last argument you give. Needed when the values could be either.
 * @return A header row, a row of estimates: p, q, gamma (in currency), log_likelihood, customers (fitted), left_out, and a row of the standard errors of p, q, gamma (observed information). When the fit is doubtful, one more, last row says why in its first cell ("Note: …": too few customers or repeat buyers, a parameter the data hardly pin, a hold-out too short…); the rows above keep their places.
 * @example =GAMMAGAMMA_PARAMS(A2:A6920, B2:B6920, D2:D6920, DATE(1997,9,30)) → p 6.25, q 3.74, gamma 15.44 on CDNOW
 * @customfunction
 */
export function GAMMAGAMMA_PARAMS(
  customer_ids: Arg,
  dates: Arg,
  amounts?: Arg,
  end_date?: Arg,
  form?: Arg,
): Result {
  const fn = "GAMMAGAMMA_PARAMS";
  const given = readSpendForm(fn, [amounts, end_date, form]);
  [amounts, end_date] = given.rest;
  const chosen = given.form ?? settledSpendForm(customer_ids, dates, end_date !== undefined);
  if (chosen === undefined)
    throw new CellError(
      fn,
      "form",
      undefined,
      'is needed — every value of the second argument is a whole number that could be a date serial number (1950–2099), so it may be mean repeat values (a summary) or purchase dates (transactions): add "summary" or "transactions" as the last argument',
    );
  if (chosen === "summary") {
    if (end_date !== undefined)
      throw new CellError(
        fn,
        "end_date",
        undefined,
        'is given with "summary" — a summary takes (frequency, mean repeat value, [weights]) and no end date',
      );
    return gammaGammaFromSummary(fn, customer_ids, dates, amounts);
  }
  if (amounts === undefined)
    throw new CellError(
      fn,
      "amounts",
      undefined,
      'is missing — give the transaction amounts, or (frequency, mean repeat value) with "summary" as the last argument',
    );
  const ctx = currentSheetContext();
  const rfm = summarize(fn, { customer_ids, dates, amounts, end_date }, ctx);
  return run(fn, FROM_RFM, "amounts", () => {
    const spend = repeatSpend(rfm);
    const fit = fitGammaGamma(spend);
    const { p, q, gamma } = fit.params;
    const errors = fitStandardErrors(GAMMA_GAMMA_ORDER, fit, gammaGammaNegLogLikelihood(spend));
    return paramsTable(
      GAMMA_GAMMA_ORDER.names,
      [p, q, gamma],
      errors,
      fit.logLikelihood,
      [
        ["customers", spend.x.length],
        ["left_out", spend.leftOut],
      ],
      { ...customerCounts(rfm), spendCorrelation: spendFrequencyCorrelation(spend.x, spend.zbar) },
    );
  });
}

/**
 * GAMMAGAMMA_PARAMS's form word, taken from the last argument given wherever it lands — a summary has
 * two or three arguments, transactions three or four, and the user appends it — and the other optional
 * arguments with it taken out and blanks (skipped arguments) read as omitted.
 */
function readSpendForm(
  fn: string,
  optional: (Arg | undefined)[],
): { form: SpendForm | undefined; rest: (Arg | undefined)[] } {
  const single = (arg: Arg | undefined) =>
    Array.isArray(arg) ? (arg.length === 1 && arg[0].length === 1 ? arg[0][0] : arg) : arg;
  const rest = optional.map((arg) => {
    const cell = single(arg);
    return !Array.isArray(cell) && isBlank(cell) ? undefined : arg;
  });
  let last = rest.length - 1;
  while (last >= 0 && rest[last] === undefined) last--;
  if (last < 0) return { form: undefined, rest };
  const cell = single(rest[last]);
  const form = typeof cell === "string" ? parseSpendForm(cell) : undefined;
  if (form) return { form, rest: rest.map((arg, i) => (i === last ? undefined : arg)) };
  if (last === optional.length - 1)
    throw new CellError(
      fn,
      "form",
      undefined,
      Array.isArray(cell)
        ? "is a range — expected a single cell"
        : `is ${showCell(cell)} — expected "summary" or "transactions"`,
    );
  return { form: undefined, rest };
}

/** A rate (0.05 or 5%) from a single cell; `fallback` when the argument is omitted or blank. */
export function optionalRate(
  fn: string,
  arg: string,
  value: Arg | undefined,
  fallback: number,
  ctx: SheetContext,
) {
  const cell = singleArg(fn, arg, value);
  return isBlank(cell) ? fallback : rate(cell, ctx, new Where(fn, arg));
}

/** The horizon, discount rate (default 1%) and margin (default 1) of a value formula. */
export function readValueOptions(
  fn: string,
  ctx: SheetContext,
  horizon_months: Arg,
  monthly_discount_rate: Arg | undefined,
  margin: Arg | undefined,
) {
  const horizonMonths = readWhole(
    fn,
    "horizon_months",
    horizon_months,
    ctx,
    "months",
    MAX_HORIZON_MONTHS,
    "100 years: no purchase history says anything further out",
  );
  return {
    horizonMonths,
    monthlyDiscountRate: optionalRate(fn, "monthly_discount_rate", monthly_discount_rate, 0.01, ctx),
    margin: optionalRate(fn, "margin", margin, 1, ctx),
  };
}

/**
 * Predicted customer lifetime value, as the `lifetimes` package's customer_lifetime_value defines it:
 * BG/NBD and Gamma-Gamma fitted on the transactions up to end_date, then month by month (365.25/12
 * days) expected purchases × expected order value × margin / (1 + monthly_discount_rate)^month.
 * lifetimes counts a month as 4.345 weeks on weekly data and 30 days on daily data, so its 12-month
 * CLV on CDNOW is 0.05–1.3% below this one at the same parameters.
 * Source: the `lifetimes` package (GammaGammaFitter.customer_lifetime_value); Fader, Hardie & Lee
 * (2005), “Counting Your Customers the Easy Way” and “RFM and CLV”.
 *
 * @param {Array<Array<string>>} customer_ids A column of customer ids, one per transaction.
 * @param {Array<Array<Date>>} dates A column of transaction dates, same length.
 * @param {Array<Array<number>>} amounts A column of transaction amounts in currency; negative for refunds.
 * @param {number} horizon_months Months ahead to value, a whole number from 1 to 1,200 (100 years). The time grows with the distinct (repeat purchases, age) pairs × months, not with the customers: 10,000 distinct customers × 1,200 months take a few seconds of the 30-second limit.
 * @param {number} monthly_discount_rate Optional discount rate per month (0.01 or 1%); default 1%.
 * @param {number} margin Optional share of revenue kept as profit (0.3 or 30%); default 1 (revenue).
 * @param {Date} end_date Optional end of the observation period; later transactions are ignored. Default: the last date.
 * @param {number} interval Optional confidence level (0.8 or 80%): adds the lower and upper bounds of each CLV from the parameters' uncertainty (delta method on ln CLV, observed information).
 * @return A header row, then one row per customer: id, P(alive), expected purchases in the horizon, expected order value, predicted CLV (currency)[, clv_lower, clv_upper]. When the fit is doubtful, one more, last row says why in its first cell ("Note: …": too few customers or repeat buyers, a parameter the data hardly pin, a hold-out too short…); the rows above keep their places.
 * @example =PREDICTED_CLV(A2:A6920, B2:B6920, D2:D6920, 12, 1%, 1, DATE(1997,9,30)) → header, then "00004", 0.727, 1.563, 24.65, 36.30 … on CDNOW
 * @customfunction
 */
export function PREDICTED_CLV(
  customer_ids: Arg,
  dates: Arg,
  amounts: Arg,
  horizon_months: Arg,
  monthly_discount_rate?: Arg,
  margin?: Arg,
  end_date?: Arg,
  interval?: Arg,
): Result {
  const fn = "PREDICTED_CLV";
  const ctx = currentSheetContext();
  const options = readValueOptions(fn, ctx, horizon_months, monthly_discount_rate, margin);
  const level = optionalRate(fn, "interval", interval, Number.NaN, ctx);
  const rfm = summarize(fn, { customer_ids, dates, amounts, end_date }, ctx);
  return run(fn, FROM_RFM, "amounts", () => {
    const forecast = forecastClv(rfm, options);
    const { customers, purchases, gammaGamma } = forecast;
    const bounds = Number.isNaN(level)
      ? undefined
      : rfmClvInterval(level, rfm, purchases.params, gammaGamma.params, options);
    const rows: (string | number)[][] = [
      [
        "customer_id",
        "p_alive",
        "expected_purchases",
        "expected_order_value",
        "predicted_clv",
        ...(bounds ? ["clv_lower", "clv_upper"] : []),
      ],
    ];
    for (let i = 0; i < rfm.length; i++) {
      rows.push([
        rfm.ids[i],
        customers.probabilityAlive[i],
        customers.expectedPurchases[i],
        customers.expectedOrderValue[i],
        customers.clv[i],
        ...(bounds ? [bounds.lower[i], bounds.upper[i]] : []),
      ]);
    }
    return withNotes(rows, forecastNotes(rfm, forecast));
  });
}
