/**
 * Predictions at given parameters — scenarios from a fitted row: P(alive), expected purchases, the chance
 * of exactly n purchases, for BG/NBD, MBG/NBD, Pareto/NBD and BG/BB, as the `lifetimes` package's fitters
 * define them (core/forecast/predictors.ts). Every history argument takes a cell or a column, row by row.
 */
import { currentSheetContext } from "../addon/context";
import { CellError, isBlank, readNumber, type SheetContext, showCell, Where } from "../core/cells";
import { PREDICTORS, type Predictor, parsePredictor } from "../core/forecast/predictors";
import { MetricError } from "../core/metrics/errors";
import {
  type Arg,
  anyNumber,
  columnArg,
  elementwise,
  type Param,
  type Result,
  rangeArg,
  singleArg,
} from "./arguments";

/** The model argument: "BG/NBD", "MBG/NBD", "Pareto/NBD" or "BG/BB". */
export function readPredictor(fn: string, model: Arg): Predictor {
  const cell = singleArg(fn, "model", model);
  const name = typeof cell === "string" ? parsePredictor(cell) : undefined;
  if (!name)
    throw new CellError(
      fn,
      "model",
      undefined,
      `is ${showCell(cell)} — expected "BG/NBD", "MBG/NBD", "Pareto/NBD" or "BG/BB"`,
    );
  return PREDICTORS[name];
}

/**
 * The params argument: the parameter row of the model's `_PARAMS` table (its estimates first, in the
 * table's order; a log-likelihood and counts after them are ignored), or the whole table, header first.
 */
export function readParamsRow(fn: string, predictor: Predictor, params: Arg, ctx: SheetContext): number[] {
  const range = rangeArg(fn, "params", params);
  const hint = `give the parameter row of the ${predictor.label} _PARAMS table (${predictor.names.join(", ")}), e.g. INDEX(…_PARAMS(…), 2)`;
  const header = range[0].map((cell) => (typeof cell === "string" ? cell.trim().toLowerCase() : ""));
  const hasHeader = predictor.names.every((name, i) => header[i] === name.toLowerCase());
  if (hasHeader && range.length < 2)
    throw new CellError(fn, "params", undefined, `is the header row of the table alone — ${hint}`);
  if (!hasHeader && range.length > 1)
    throw new CellError(fn, "params", undefined, `has ${range.length} rows — ${hint}`);
  const row = range[hasHeader ? 1 : 0];
  if (row.length < predictor.names.length)
    throw new CellError(
      fn,
      "params",
      undefined,
      `has ${row.length} cell${row.length === 1 ? "" : "s"} — ${predictor.label} has ${predictor.names.length} parameters: ${hint}`,
    );
  return predictor.names.map((name, i) => {
    const where = new Where(fn, `params (${name})`);
    const value = readNumber(row[i], ctx, where);
    if (!(value > 0)) throw where.error(`is ${showCell(row[i])} — expected a parameter above 0`);
    return value;
  });
}

/** A range argument that must be one column (or one row, or a cell): a wider table is an error naming it, as everywhere ({@link columnArg}). */
function oneColumn(fn: string, name: string, arg: Arg): Arg {
  columnArg(fn, name, arg);
  return arg;
}

const number = (name: string): Param => ({ name, read: anyNumber });

/** Runs a prediction row by row over the columns given, each checked to be one column. */
function perRow(fn: string, columns: [string, Arg][], compute: (...values: number[]) => number): Result {
  const ctx = currentSheetContext();
  return elementwise(
    fn,
    columns.map(([name]) => number(name)),
    columns.map(([name, arg]) => oneColumn(fn, name, arg)),
    ctx,
    compute,
  );
}

/** The history arguments: all three given, or (when `optional`) none. */
function historyGiven(fn: string, history: [string, Arg | undefined][], optional: boolean): boolean {
  const given = history.filter(([, arg]) => arg !== undefined && !isBlankArg(arg));
  if (given.length === 0 && optional) return false;
  const missing = history.find(([, arg]) => arg === undefined || isBlankArg(arg));
  if (missing)
    throw new CellError(
      fn,
      missing[0],
      undefined,
      `is missing — give frequency, recency and T together${optional ? ", or none of them for a new customer" : ""}`,
    );
  return true;
}

const isBlankArg = (arg: Arg) => !Array.isArray(arg) && isBlank(arg);

/**
 * The probability that a customer with the given history is still alive (has not dropped out), at given
 * parameters. BG/NBD: 1 / (1 + [x > 0] · a/(b + x − 1) · ((α + T)/(α + t_x))^(r + x)) (Fader, Hardie &
 * Lee 2008), 1 without repeat purchases; MBG/NBD: 1 / (1 + a/(b + x) · ((α + T)/(α + t_x))^(r + x))
 * (Batislam, Denizel & Filiztekin 2007), below 1 for a one-time buyer too; Pareto/NBD: Schmittlein,
 * Morrison & Colombo (1987), eq. 11; BG/BB: alive at opportunity n (Fader, Hardie & Shang 2010, eq. A10;
 * with T the periods). As the `lifetimes` package's conditional_probability_alive.
 * Source: Fader, Hardie & Lee, “Computing P(alive) Using the BG/NBD Model” (2008); Batislam, Denizel &
 * Filiztekin, International Journal of Research in Marketing 24(3) (2007); Schmittlein, Morrison &
 * Colombo, Management Science 33(1) (1987); Fader, Hardie & Shang, Marketing Science 29(6) (2010).
 *
 * @param {string} model "BG/NBD", "MBG/NBD", "Pareto/NBD" or "BG/BB".
 * @param {Array<Array<number>>} params The parameter row of the model's _PARAMS table, e.g. INDEX(BGNBD_PARAMS(…), 2): r, alpha, a, b (MBG/NBD too); r, alpha, s, beta; or alpha, beta, gamma, delta for BG/BB.
 * @param {Array<Array<number>>} frequency Repeat purchases x (purchase days after the first); BG/BB: transactions in the periods after the first.
 * @param {Array<Array<number>>} recency Age at the last purchase t_x, in the parameters' unit (0 when frequency is 0); BG/BB: the period of the last transaction.
 * @param {Array<Array<number>>} T Age at the end of observation, in the parameters' unit; BG/BB: the periods observed after the first (n).
 * @return P(alive), from 0 to 1, one per row (blank rows stay blank).
 * @example =P_ALIVE("BG/NBD", INDEX(BGNBD_PARAMS(A2:A6920, B2:B6920, DATE(1997,9,30)), 2), 2, 30.43, 38.86) → 0.727 on CDNOW
 * @customfunction
 */
export function P_ALIVE(model: Arg, params: Arg, frequency: Arg, recency: Arg, T: Arg): Result {
  const fn = "P_ALIVE";
  const predictor = readPredictor(fn, model);
  const p = readParamsRow(fn, predictor, params, currentSheetContext());
  historyGiven(
    fn,
    [
      ["frequency", frequency],
      ["recency", recency],
      ["T", T],
    ],
    false,
  );
  return perRow(
    fn,
    [
      ["frequency", frequency],
      ["recency", recency],
      ["T", T],
    ],
    (x, tx, age) => {
      predictor.checkHistory(x, tx, age);
      return predictor.alive(p, x, tx, age);
    },
  );
}

/**
 * Expected repeat purchases in the next t time units, at given parameters: of a new customer, E[X(t)],
 * when the history is omitted (BG/NBD: Fader, Hardie & Lee 2005, eq. 9; MBG/NBD: Batislam et al. 2007;
 * Pareto/NBD: Schmittlein et al. 1987, eq. 17; BG/BB: Fader, Hardie & Shang 2010, eq. 8), else of a
 * customer with that history, E[Y(t) | x, t_x, T] (FHL 2005, eq. 10; Wagner & Hoppe 2008; Schmittlein
 * et al. eq. 22; FHS 2010, eq. 13) — as the `lifetimes` package's expected_number_of_purchases_up_to_time
 * and conditional_expected_number_of_purchases_up_to_time. t is in the parameters' unit and need not be
 * whole (BG/BB: whole opportunities).
 * Source: Fader, Hardie & Lee, Marketing Science 24(2) (2005); Batislam, Denizel & Filiztekin, IJRM 24(3)
 * (2007); Wagner & Hoppe, IJRM 25(3) (2008); Schmittlein, Morrison & Colombo, Management Science 33(1)
 * (1987); Fader, Hardie & Shang, Marketing Science 29(6) (2010).
 *
 * @param {string} model "BG/NBD", "MBG/NBD", "Pareto/NBD" or "BG/BB".
 * @param {Array<Array<number>>} params The parameter row of the model's _PARAMS table, e.g. INDEX(BGNBD_PARAMS(…), 2).
 * @param {Array<Array<number>>} t The horizon, in the parameters' unit (weeks for BGNBD_PARAMS' default); BG/BB: whole opportunities ahead.
 * @param {Array<Array<number>>} frequency Optional repeat purchases x; omit frequency, recency and T for a new customer.
 * @param {Array<Array<number>>} recency Optional age at the last purchase t_x, in the parameters' unit; BG/BB: the period of the last transaction.
 * @param {Array<Array<number>>} T Optional age at the end of observation, in the parameters' unit; BG/BB: the periods observed.
 * @return Expected repeat purchases in the next t, one per row (blank rows stay blank).
 * @example =EXPECTED_PURCHASES("BG/NBD", INDEX(BGNBD_PARAMS(A2:A6920, B2:B6920, DATE(1997,9,30)), 2), 39, 2, 30.43, 38.86) → 1.226
 * @customfunction
 */
export function EXPECTED_PURCHASES(
  model: Arg,
  params: Arg,
  t: Arg,
  frequency?: Arg,
  recency?: Arg,
  T?: Arg,
): Result {
  const fn = "EXPECTED_PURCHASES";
  const predictor = readPredictor(fn, model);
  const p = readParamsRow(fn, predictor, params, currentSheetContext());
  const history: [string, Arg | undefined][] = [
    ["frequency", frequency],
    ["recency", recency],
    ["T", T],
  ];
  if (!historyGiven(fn, history, true))
    return perRow(fn, [["t", t]], (span) => {
      predictor.checkSpan(span, "t");
      return predictor.expected(p, span);
    });
  return perRow(fn, [["t", t], ...(history as [string, Arg][])], (span, x, tx, age) => {
    predictor.checkSpan(span, "t");
    predictor.checkHistory(x, tx, age);
    return predictor.conditional(p, span, x, tx, age);
  });
}

/** The most purchases PROB_PURCHASES is asked about: the Pareto/NBD sum grows with n². */
const MAX_PURCHASES = 1000;

/**
 * The probability that a new customer makes exactly n repeat purchases in the first t time units, at given
 * parameters: BG/NBD, Fader, Hardie & Lee (2005), eq. 8; MBG/NBD, Batislam et al. (2007); Pareto/NBD, Fader
 * & Hardie, “Deriving an Expression for P(X(t) = x) Under the Pareto/NBD Model” (2006); BG/BB, Fader,
 * Hardie & Shang (2010), eq. 7 (t whole opportunities) — as the `lifetimes` package's
 * probability_of_n_purchases_up_to_time.
 * Source: Fader, Hardie & Lee, Marketing Science 24(2) (2005); Batislam, Denizel & Filiztekin, IJRM 24(3)
 * (2007); Fader & Hardie (2006), brucehardie.com/notes/012; Fader, Hardie & Shang, Marketing Science 29(6)
 * (2010).
 *
 * @param {string} model "BG/NBD", "MBG/NBD", "Pareto/NBD" or "BG/BB".
 * @param {Array<Array<number>>} params The parameter row of the model's _PARAMS table, e.g. INDEX(BGNBD_PARAMS(…), 2).
 * @param {Array<Array<number>>} n The number of repeat purchases, a whole number from 0 to 1,000.
 * @param {Array<Array<number>>} t The time span, in the parameters' unit; BG/BB: whole opportunities.
 * @return P(X(t) = n), from 0 to 1, one per row (blank rows stay blank).
 * @example =PROB_PURCHASES("BG/NBD", INDEX(BGNBD_PARAMS(A2:A6920, B2:B6920, DATE(1997,9,30)), 2), 0, 39) → 0.574 on CDNOW
 * @customfunction
 */
export function PROB_PURCHASES(model: Arg, params: Arg, n: Arg, t: Arg): Result {
  const fn = "PROB_PURCHASES";
  const predictor = readPredictor(fn, model);
  const p = readParamsRow(fn, predictor, params, currentSheetContext());
  return perRow(
    fn,
    [
      ["n", n],
      ["t", t],
    ],
    (k, span) => {
      if (!(Number.isInteger(k) && k >= 0 && k <= MAX_PURCHASES))
        throw new MetricError(
          "n",
          `is ${k} — expected a whole number of purchases from 0 to ${MAX_PURCHASES}`,
        );
      predictor.checkSpan(span, "t");
      return predictor.probability(p, k, span);
    },
  );
}
