/**
 * MBG/NBD on raw transactions, and the repeat-purchase models fitted on a summary table (frequency,
 * recency, T and optional weights), as lifetimes and BTYD users and BigQuery hold their data. Reading and
 * naming bad input as in `forecasts.ts`; the models live in `core/models`.
 */
import { currentSheetContext } from "../addon/context";
import { CellError, type SheetContext } from "../core/cells";
import { observedCustomers, type RfmColumns } from "../core/fit/condense";
import { spendFrequencyCorrelation } from "../core/forecast/diagnostics";
import { PURCHASE_MODELS } from "../core/forecast/purchase-model";
import { MetricError } from "../core/metrics/errors";
import { fitBgBb } from "../core/models/bg-bb";
import { fitGammaGamma } from "../core/models/gamma-gamma";
import {
  BG_BB_ORDER,
  bgBbNegLogLikelihood,
  fitStandardErrors,
  GAMMA_GAMMA_ORDER,
  gammaGammaNegLogLikelihood,
  toValues,
} from "../core/models/uncertainty";
import type { Arg, Result } from "./arguments";
import { FROM_RFM, paramsTable, purchaseParamsTable, readUnit, run, summarize } from "./forecasts";
import { readPredictor } from "./predictions";
import { readSummaryColumns } from "./summary-columns";

/**
 * Fits the modified BG/NBD repeat-purchase model (MBG/NBD: Batislam, Denizel & Filiztekin 2007) by maximum
 * likelihood to each customer's repeat purchase days, recency and age (as RFM computes them): as BG/NBD —
 * purchase rate λ ~ Gamma(r, α), dropout after a purchase p ~ Beta(a, b) — but a customer may also drop
 * out right after the first purchase, so a one-time buyer can be lost (lifetimes' ModifiedBetaGeoFitter).
 * Source: Batislam, Denizel & Filiztekin, “Empirical validation and comparison of models for customer base
 * analysis”, International Journal of Research in Marketing 24(3) (2007); Wagner & Hoppe, “Erratum on the
 * MBG/NBD Model”, IJRM 25(3) (2008).
 *
 * @param {Array<Array<string>>} customer_ids A column of customer ids, one per transaction.
 * @param {Array<Array<Date>>} dates A column of transaction dates, same length.
 * @param {Date} end_date Optional end of the calibration period; later transactions are ignored (the hold-out). Default: the last date.
 * @param {string} unit Optional time unit of α: "day", "week" (default), "month", "quarter" or "year".
 * @return A header row, a row of estimates: r, alpha (in the unit), a, b, log_likelihood (natural log), and a row of their standard errors (observed information; blank under the log-likelihood). When the fit is doubtful, one more, last row says why in its first cell ("Note: …": too few customers or repeat buyers, a parameter the data hardly pin, a hold-out too short…); the rows above keep their places.
 * @example =MBGNBD_PARAMS(A2:A6920, B2:B6920, DATE(1997,9,30)) → r 0.525, alpha 6.183, a 0.891, b 1.614, log_likelihood −9582.1 on CDNOW
 * @customfunction
 */
export function MBGNBD_PARAMS(customer_ids: Arg, dates: Arg, end_date?: Arg, unit?: Arg): Result {
  const fn = "MBGNBD_PARAMS";
  const ctx = currentSheetContext();
  const rfm = summarize(fn, { customer_ids, dates, end_date, unit: readUnit(fn, unit) }, ctx, "MBG/NBD");
  return run(fn, FROM_RFM, "dates", () => purchaseParamsTable("mbgnbd", rfm));
}

/**
 * A summary's rows as model data: T = 0 rows left out (a customer first seen at the end tells a fit
 * nothing: its likelihood is 1 whatever the parameters, in lifetimes as here).
 */
function summaryRfm(
  fn: string,
  frequency: Arg,
  recency: Arg,
  T: Arg,
  weights: Arg | undefined,
  ctx: SheetContext,
) {
  const { values, rows } = readSummaryColumns(
    fn,
    [
      ["frequency", frequency],
      ["recency", recency],
      ["T", T],
      ["weights", weights],
    ],
    ctx,
  );
  const [x, tx, age, w] = values as [number[], number[], number[], number[] | undefined];
  return { x, tx, T: age, weight: w, rows };
}

/** A MetricError about a summary row, named at its row. */
function atRow(fn: string, rows: number[], check: () => void, row: number): void {
  try {
    check();
  } catch (error) {
    if (!(error instanceof MetricError)) throw error;
    throw new CellError(fn, error.arg, { row: rows[row], column: 1, wide: false }, error.detail);
  }
}

/**
 * Fits a repeat-purchase model by maximum likelihood to a summary table — one row per customer, or per
 * pattern with its number of customers in weights — as the `lifetimes` package's fitters take it
 * (BetaGeoFitter, ModifiedBetaGeoFitter, ParetoNBDFitter, BetaGeoBetaBinomFitter): the log-likelihood is
 * Σ weight × each row's log-likelihood. Rows with T = 0 are left out (their likelihood is 1).
 * Source: Fader, Hardie & Lee, Marketing Science 24(2) (2005) (BG/NBD); Batislam, Denizel & Filiztekin,
 * IJRM 24(3) (2007) (MBG/NBD); Schmittlein, Morrison & Colombo, Management Science 33(1) (1987)
 * (Pareto/NBD); Fader, Hardie & Shang, Marketing Science 29(6) (2010) (BG/BB).
 *
 * @param {string} model "BG/NBD", "MBG/NBD", "Pareto/NBD" or "BG/BB".
 * @param {Array<Array<number>>} frequency A column: repeat purchases x per customer (BG/BB: transactions in the periods after the first).
 * @param {Array<Array<number>>} recency A column: age at the last purchase t_x, 0 when frequency is 0 (BG/BB: the period of the last transaction).
 * @param {Array<Array<number>>} T A column: age at the end of observation, in the unit of recency; the parameters α, β come out in that unit (BG/BB: the periods observed after the first).
 * @param {Array<Array<number>>} weights Optional column: customers with that row's pattern. Default: 1 per row.
 * @return The model's _PARAMS table: a header row, a row of estimates and log_likelihood (natural log), a row of standard errors (observed information), and a "Note: …" row when the fit is doubtful.
 * @example =FIT_PURCHASE_MODEL("BG/NBD", B2:B2358, C2:C2358, D2:D2358) → r 0.243, alpha 4.414, a 0.793, b 2.426 on the CDNOW summary
 * @customfunction
 */
export function FIT_PURCHASE_MODEL(model: Arg, frequency: Arg, recency: Arg, T: Arg, weights?: Arg): Result {
  const fn = "FIT_PURCHASE_MODEL";
  const ctx = currentSheetContext();
  const predictor = readPredictor(fn, model);
  const data = summaryRfm(fn, frequency, recency, T, weights, ctx);
  const { x, tx, rows, weight } = data;
  const age = data.T;
  const w = (i: number) => (weight ? weight[i] : 1);
  let customers = 0;
  let repeatBuyers = 0;
  for (let i = 0; i < x.length; i++) {
    atRow(fn, rows, () => predictor.checkHistory(x[i], tx[i], age[i]), i);
    if (!(w(i) >= 0))
      throw new CellError(
        fn,
        "weights",
        { row: rows[i], column: 1, wide: false },
        `is ${w(i)} — expected a count of customers, 0 or more`,
      );
    customers += w(i);
    if (x[i] > 0) repeatBuyers += w(i);
  }
  const facts = { customers, repeatBuyers };
  if (predictor.label === "BG/BB")
    return run(fn, { periods: "T", customers: "weights" }, "weights", () => {
      const patterns = { x, tx, n: age, count: weight };
      const fit = fitBgBb(patterns);
      const errors = fitStandardErrors(BG_BB_ORDER, fit, bgBbNegLogLikelihood(patterns));
      return paramsTable(
        BG_BB_ORDER.names,
        toValues(BG_BB_ORDER, fit.params),
        errors,
        fit.logLikelihood,
        [],
        facts,
      );
    });
  const name = (Object.keys(PURCHASE_MODELS) as (keyof typeof PURCHASE_MODELS)[]).find(
    (key) => PURCHASE_MODELS[key].label === predictor.label,
  ) as keyof typeof PURCHASE_MODELS;
  const purchaseModel = PURCHASE_MODELS[name];
  return run(fn, {}, "frequency", () => {
    const columns: RfmColumns = observedCustomers({ x, tx, T: age, ...(weight && { weight }) });
    const fit = purchaseModel.fit(columns);
    const errors = fitStandardErrors(purchaseModel.order, fit, purchaseModel.negLogLikelihood(columns));
    const values = toValues(purchaseModel.order, fit.params);
    return paramsTable(purchaseModel.order.names, values, errors, fit.logLikelihood, [], facts);
  });
}

/**
 * GAMMAGAMMA_PARAMS on a summary: frequency and mean repeat value per customer (lifetimes'
 * GammaGammaFitter.fit(frequency, monetary_value, weights)); customers with no repeat purchase carry no
 * repeat value and are skipped, those whose mean is 0 or less are left out and counted.
 */
export function gammaGammaFromSummary(
  fn: string,
  frequency: Arg,
  monetary: Arg,
  weights: Arg | undefined,
): Result {
  const ctx = currentSheetContext();
  const { values, rows } = readSummaryColumns(
    fn,
    [
      ["frequency", frequency],
      ["monetary_value", monetary],
      ["weights", weights],
    ],
    ctx,
  );
  const [x, zbar, w] = values as [number[], number[], number[] | undefined];
  const spend = { x: [] as number[], zbar: [] as number[], weight: [] as number[] };
  let leftOut = 0;
  let customers = 0;
  for (let i = 0; i < x.length; i++) {
    const where = { row: rows[i], column: 1, wide: false };
    if (!(Number.isInteger(x[i]) && x[i] >= 0))
      throw new CellError(
        fn,
        "frequency",
        where,
        `is ${x[i]} — expected a whole number of repeat purchases, 0 or more`,
      );
    const weight = w ? w[i] : 1;
    if (!(weight >= 0))
      throw new CellError(fn, "weights", where, `is ${weight} — expected a count of customers, 0 or more`);
    customers += weight;
    if (x[i] === 0) continue;
    if (zbar[i] > 0) {
      spend.x.push(x[i]);
      spend.zbar.push(zbar[i]);
      spend.weight.push(weight);
    } else leftOut += weight;
  }
  return run(fn, {}, "monetary_value", () => {
    const fit = fitGammaGamma(spend);
    const errors = fitStandardErrors(GAMMA_GAMMA_ORDER, fit, gammaGammaNegLogLikelihood(spend));
    const fitted = spend.weight.reduce((sum, v) => sum + v, 0);
    return paramsTable(
      GAMMA_GAMMA_ORDER.names,
      toValues(GAMMA_GAMMA_ORDER, fit.params),
      errors,
      fit.logLikelihood,
      [
        ["customers", fitted],
        ["left_out", leftOut],
      ],
      {
        customers,
        repeatBuyers: fitted + leftOut,
        spendCorrelation: spendFrequencyCorrelation(spend.x, spend.zbar, spend.weight),
      },
    );
  });
}
