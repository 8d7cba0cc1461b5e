/**
 * The repeat-purchase models beside BG/NBD: Pareto/NBD on raw transactions, and BG/BB on a summary
 * table of discrete opportunities. Reading and naming bad input as in `forecasts.ts`.
 */
import { currentSheetContext } from "../addon/context";
import { type Cell, CellError, isBlank, readNumber, type SheetContext, Where } from "../core/cells";
import { type BgBbData, bgBbConditionalExpected, checkBgBbRow, fitBgBb } from "../core/models/bg-bb";
import { BG_BB_ORDER, bgBbNegLogLikelihood, fitStandardErrors } from "../core/models/uncertainty";
import type { Arg, Result } from "./arguments";
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

/** One column (or row) of cells. */
function cellsOf(fn: string, name: string, value: Arg): Cell[] {
  if (!Array.isArray(value)) return [value];
  if (value.length === 1) return value[0];
  if (value.every((row) => row.length === 1)) return value.map((row) => row[0]);
  throw new CellError(fn, name, undefined, "is a table — expected one column");
}

/**
 * A summary table of patterns: frequency, recency, periods and optionally customers, columns of one
 * length; rows blank in every column are skipped (whole-column references work). A malformed pattern
 * raises the model's MetricError, which `run` names.
 */
function readPatterns(fn: string, columns: [string, Arg | undefined][], ctx: SheetContext): BgBbData {
  const given = columns.filter((entry): entry is [string, Arg] => entry[1] !== undefined);
  const cells = given.map(([name, value]) => cellsOf(fn, name, value));
  const length = cells[0].length;
  given.forEach(([name], k) => {
    if (cells[k].length !== length)
      throw new CellError(
        fn,
        name,
        undefined,
        `has ${cells[k].length} rows — expected ${length}, as frequency`,
      );
  });
  const read: number[][] = given.map(() => []);
  for (let i = 0; i < length; i++) {
    if (cells.every((column) => isBlank(column[i]))) continue;
    given.forEach(([name], k) => {
      read[k].push(readNumber(cells[k][i], ctx, new Where(fn, name).at(i + 1)));
    });
    const [x, tx, n, count] = read.map((column) => column[column.length - 1]);
    checkBgBbRow(x, tx, n, count ?? 1, i);
  }
  if (read[0].length === 0)
    throw new CellError(fn, "frequency", undefined, "is empty — give one row per pattern");
  return { x: read[0], tx: read[1], n: read[2], count: read[3] };
}

const patternColumns = (
  frequency: Arg,
  recency: Arg,
  periods: Arg,
  customers?: Arg,
): [string, Arg | undefined][] => [
  ["frequency", frequency],
  ["recency", recency],
  ["periods", periods],
  ["customers", customers],
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
 * @param {Array<Array<number>>} customers Optional column: customers with that pattern. Default: 1 per row.
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
 * @return A column: expected transactions per customer in the next periods_ahead opportunities, one per row of the table.
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
    return Array.from(data.x, (x, i) => [bgBbConditionalExpected(params, ahead, x, data.tx[i], data.n[i])]);
  });
}
