/**
 * The repeat-purchase models beside BG/NBD: Pareto/NBD on raw transactions, and BG/BB on a summary
 * table of discrete opportunities. Reading and naming bad input as in `forecasts.ts`.
 */
import { currentSheetContext } from "../addon/context";
import { observedCustomers } from "../core/forecast/purchase-model";
import { fitParetoNbd } from "../core/models/pareto-nbd";
import { fitStandardErrors, PARETO_NBD_ORDER, paretoNbdNegLogLikelihood } from "../core/models/uncertainty";
import type { Arg, Result } from "./arguments";
import { FROM_RFM, paramsTable, readUnit, run, summarize } from "./forecasts";

/**
 * Fits the Pareto/NBD repeat-purchase model (Schmittlein, Morrison & Colombo 1987; likelihood as in
 * Fader, Hardie & Lee 2005, "A Note on Implementing the Pareto/NBD Model") by maximum likelihood to each
 * customer's repeat purchase days, recency and age (as RFM computes them): purchase rate
 * λ ~ Gamma(r, α), lifetime exponential with rate μ ~ Gamma(s, β).
 *
 * @param {Array<Array<string>>} customer_ids A column of customer ids, one per transaction.
 * @param {Array<Array<Date>>} dates A column of transaction dates, same length.
 * @param {Date} end_date Optional end of the calibration period; later transactions are ignored. Default: the last date.
 * @param {string} unit Optional time unit of α and β: "day", "week" (default), "month", "quarter" or "year".
 * @return A header row, a row of estimates: r, alpha, s, beta (α and β in the unit), log_likelihood (natural log), and a row of their standard errors (observed information).
 * @example =PARETONBD_PARAMS(A2:A6920, B2:B6920, DATE(1997,9,30)) → r 0.553, alpha 10.578, s 0.606, beta 11.669, log_likelihood −9595.0 on CDNOW
 * @customfunction
 */
export function PARETONBD_PARAMS(customer_ids: Arg, dates: Arg, end_date?: Arg, unit?: Arg): Result {
  const fn = "PARETONBD_PARAMS";
  const ctx = currentSheetContext();
  const rfm = summarize(fn, { customer_ids, dates, end_date, unit: readUnit(fn, unit) }, ctx, "Pareto/NBD");
  return run(fn, FROM_RFM, () => {
    const data = observedCustomers({ x: rfm.frequency, tx: rfm.recency, T: rfm.T });
    const fit = fitParetoNbd(data);
    const { r, alpha, s, beta } = fit.params;
    const errors = fitStandardErrors(PARETO_NBD_ORDER, fit, paretoNbdNegLogLikelihood(data));
    return paramsTable(PARETO_NBD_ORDER.names, [r, alpha, s, beta], errors, fit.logLikelihood);
  });
}
