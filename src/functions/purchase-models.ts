/**
 * The repeat-purchase models beside BG/NBD: Pareto/NBD on raw transactions, and BG/BB on a summary
 * table of discrete opportunities. Reading and naming bad input as in `forecasts.ts`.
 */
import { currentSheetContext } from "../addon/context";
import { CellError, type SheetContext } from "../core/cells";
import {
  type BgBbData,
  bgBbConditionalExpected,
  checkBgBbRow,
  condensePatterns,
  fitBgBb,
} from "../core/models/bg-bb";
import { BG_BB_ORDER, bgBbNegLogLikelihood, fitStandardErrors } from "../core/models/uncertainty";
import {
  type Arg,
  anyNumber,
  type ColumnParam,
  inPlace,
  type Result,
  type RowTable,
  readRows,
} from "./arguments";
import {
  FROM_RFM,
  MAX_PERIODS_AHEAD,
  paramsTable,
  purchaseParamsTable,
  readUnit,
  readWhole,
  run,
  summarize,
} from "./forecasts";

/**
 * Fits the Pareto/NBD repeat-purchase model (Schmittlein, Morrison & Colombo 1987; likelihood as in
 * Fader, Hardie & Lee 2005, "A Note on Implementing the Pareto/NBD Model") by maximum likelihood to each
 * customer's repeat purchase days, recency and age (as RFM computes them): purchase rate
 * λ ~ Gamma(r, α), lifetime exponential with rate μ ~ Gamma(s, β).
 * Source: Schmittlein, Morrison & Colombo, “Counting Your Customers”, Management Science 33(1) (1987);
 * Fader, Hardie & Lee, “A Note on Implementing the Pareto/NBD Model in MATLAB” (2005).
 *
 * @param {Array<Array<string>>} customer_ids A column of customer ids, one per transaction.
 * @param {Array<Array<Date>>} dates A column of transaction dates, same length.
 * @param {Date} end_date Optional end of the calibration period; later transactions are ignored. Default: the last date.
 * @param {string} unit Optional time unit of α and β: "day", "week" (default), "month", "quarter" or "year".
 * @return A header row, a row of estimates: r, alpha, s, beta (α and β in the unit), log_likelihood (natural log), and a row of their standard errors (observed information). When the fit is doubtful, one more, last row says why in its first cell ("Note: …": too few customers or repeat buyers, a parameter the data hardly pin, a hold-out too short…); the rows above keep their places.
 * @example =PARETONBD_PARAMS(A2:A6920, B2:B6920, DATE(1997,9,30)) → r 0.553, alpha 10.578, s 0.606, beta 11.669, log_likelihood −9595.0 on CDNOW
 * @customfunction
 */
export function PARETONBD_PARAMS(customer_ids: Arg, dates: Arg, end_date?: Arg, unit?: Arg): Result {
  const fn = "PARETONBD_PARAMS";
  const ctx = currentSheetContext();
  const rfm = summarize(fn, { customer_ids, dates, end_date, unit: readUnit(fn, unit) }, ctx, "Pareto/NBD");
  return run(fn, FROM_RFM, "dates", () => purchaseParamsTable("paretonbd", rfm));
}

/**
 * A summary table of patterns: frequency, recency, periods and optionally customers, columns of one
 * length (arguments.ts readRows: blank rows skipped in place, a 2-column range refused). A malformed
 * pattern raises the model's MetricError, which `run` names.
 */
function readPatterns(fn: string, columns: ColumnParam[], ctx: SheetContext): BgBbData & { table: RowTable } {
  const table = readRows(fn, columns, ctx);
  const [x, tx, n, count] = table.columns;
  table.kept.forEach((row, k) => {
    checkBgBbRow(x[k], tx[k], n[k], count?.[k] ?? 1, row);
  });
  if (table.kept.length === 0)
    throw new CellError(fn, "frequency", undefined, "is empty — give one row per pattern");
  return { x, tx, n, count, table };
}

const patternColumns = (frequency: Arg, recency: Arg, periods: Arg, customers?: Arg): ColumnParam[] => [
  { name: "frequency", arg: frequency, read: anyNumber },
  { name: "recency", arg: recency, read: anyNumber },
  { name: "periods", arg: periods, read: anyNumber },
  { name: "customers", arg: customers, read: anyNumber },
];

/**
 * Fits the BG/BB model of transactions at discrete opportunities — yearly donations, events, seasons
 * (Fader, Hardie & Shang 2010) — by maximum likelihood to a summary table: at each opportunity an alive
 * customer transacts with probability p ~ Beta(α, β), and before it dies with probability θ ~ Beta(γ, δ).
 * Source: Fader, Hardie & Shang, “Customer-Base Analysis in a Discrete-Time Noncontractual Setting”,
 * Marketing Science 29(6) (2010).
 *
 * @param {Array<Array<number>>} frequency A column: transactions in the opportunities after the first (x).
 * @param {Array<Array<number>>} recency A column: the opportunity of the last transaction (t_x), 0 when frequency is 0.
 * @param {Array<Array<number>>} periods A column: opportunities observed after the first (n).
 * @param {Array<Array<number>>} customers Optional column: customers with that pattern. Default: 1 per row — one row per customer, identical rows counted together (the same fit as the summary table).
 * @return A header row, a row of estimates: alpha, beta, gamma, delta, log_likelihood (natural log), and a row of their standard errors (observed information). When the fit is doubtful, one more, last row says why in its first cell ("Note: …": too few customers or repeat buyers, a parameter the data hardly pin, a hold-out too short…); the rows above keep their places.
 * @example =BGBB_PARAMS(A2:A23, B2:B23, C2:C23, D2:D23) → alpha 1.204, beta 0.750, gamma 0.657, delta 2.783, log_likelihood −33225.6 on the donation data
 * @customfunction
 */
export function BGBB_PARAMS(frequency: Arg, recency: Arg, periods: Arg, customers?: Arg): Result {
  const fn = "BGBB_PARAMS";
  const ctx = currentSheetContext();
  return run(fn, {}, "customers", () => {
    const data = readPatterns(fn, patternColumns(frequency, recency, periods, customers), ctx);
    const fit = fitBgBb(data);
    const { alpha, beta, gamma, delta } = fit.params;
    const errors = fitStandardErrors(BG_BB_ORDER, fit, bgBbNegLogLikelihood(data));
    const counts = { customers: 0, repeatBuyers: 0 };
    for (let i = 0; i < data.x.length; i++) {
      const count = data.count?.[i] ?? 1;
      counts.customers += count;
      if (data.x[i] > 0) counts.repeatBuyers += count;
    }
    return paramsTable(BG_BB_ORDER.names, [alpha, beta, gamma, delta], errors, fit.logLikelihood, [], counts);
  });
}

/**
 * Expected transactions in the next opportunities of a customer with each row's pattern, from the BG/BB
 * model (Fader, Hardie & Shang 2010, eq. 13) fitted to the whole table.
 * Source: Fader, Hardie & Shang, “Customer-Base Analysis in a Discrete-Time Noncontractual Setting”,
 * Marketing Science 29(6) (2010), eq. 13.
 *
 * @param {Array<Array<number>>} frequency A column: transactions in the opportunities after the first (x).
 * @param {Array<Array<number>>} recency A column: the opportunity of the last transaction (t_x), 0 when frequency is 0.
 * @param {Array<Array<number>>} periods A column: opportunities observed after the first (n).
 * @param {number} periods_ahead How many further opportunities to forecast, a whole number.
 * @param {Array<Array<number>>} customers Optional column: customers with that pattern (weights of the fit). Default: 1 per row.
 * @return A column: expected transactions per customer in the next periods_ahead opportunities, one per row of the table, in its place (a blank row of the table gives a blank cell).
 * @example =BGBB_FORECAST(A2:A23, B2:B23, C2:C23, 5, D2:D23) → 3.75 for a donor who gave in all 6 years … on the donation data
 * @customfunction
 */
export function BGBB_FORECAST(
  frequency: Arg,
  recency: Arg,
  periods: Arg,
  periods_ahead: Arg,
  customers?: Arg,
): Result {
  const fn = "BGBB_FORECAST";
  const ctx = currentSheetContext();
  const ahead = readWhole(
    fn,
    "periods_ahead",
    periods_ahead,
    ctx,
    "periods",
    MAX_PERIODS_AHEAD,
    "a forecast from a few periods of history means nothing further out",
  );
  return run(fn, {}, "customers", () => {
    const data = readPatterns(fn, patternColumns(frequency, recency, periods, customers), ctx);
    const { params } = fitBgBb(data);
    // One forecast per distinct pattern: 100,000 customers' rows share a few dozen.
    const patterns = condensePatterns({ x: data.x, tx: data.tx, n: data.n });
    const forecasts = Array.from(patterns.x, (x, k) =>
      bgBbConditionalExpected(params, ahead, x, patterns.tx[k], patterns.n[k]),
    );
    return inPlace(
      data.table,
      Array.from(patterns.patternOf, (k) => [forecasts[k]]),
    );
  });
}
