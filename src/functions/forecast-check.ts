/**
 * FORECAST_CHECK: how accurate the repeat-purchase forecast is, on the sheet's own data — fit on the
 * transactions to a calibration end, compare with what customers did afterwards (core/forecast/back-test).
 */
import { currentSheetContext } from "../addon/context";
import { CellError, isBlank, showCell } from "../core/cells";
import { rfmSummary } from "../core/cohorts/rfm";
import { backTest, backTestNotes } from "../core/forecast/back-test";
import { type PurchaseModelName, parsePurchaseModel } from "../core/forecast/purchase-model";
import { type Arg, type Result, readOptionalDay, singleArg } from "./arguments";
import { FROM_RFM, readTransactionArgs, readUnit, run, withNotes } from "./forecasts";

function readModel(fn: string, model: Arg | undefined): PurchaseModelName {
  const cell = singleArg(fn, "model", model);
  if (isBlank(cell)) return "bgnbd";
  const parsed = typeof cell === "string" ? parsePurchaseModel(cell) : undefined;
  if (!parsed)
    throw new CellError(
      fn,
      "model",
      undefined,
      `is ${showCell(cell)} — expected "bgnbd", "mbgnbd" or "paretonbd"`,
    );
  return parsed;
}

/**
 * Back-tests a repeat-purchase model (BG/NBD, Fader, Hardie & Lee 2005; MBG/NBD, Batislam, Denizel &
 * Filiztekin 2007; or Pareto/NBD, Schmittlein et al. 1987): fits it on the transactions up to calibration_end (the RFM summary: one purchase per
 * customer per day), then, for the customers first seen by then, compares the distinct purchase days
 * they actually had in (calibration_end, holdout_end] with the model's conditional expectation
 * E[Y(t) | x, t_x, T] over the same span, by number of repeat purchases in calibration. A holdout_end
 * after the last date in the data is cut to it, with a note: purchases and predictions cover one span.
 * Source: the calibration / hold-out validation of Fader, Hardie & Lee (2005), “Counting Your Customers
 * the Easy Way”, fig. 2 and table 2; Schmittlein, Morrison & Colombo (1987).
 *
 * @param {Array<Array<string>>} customer_ids A column of customer ids, one per transaction.
 * @param {Array<Array<Date>>} dates A column of transaction dates, same length.
 * @param {Date} calibration_end The last day of the calibration period the model is fitted on.
 * @param {Date} holdout_end Optional last day of the hold-out period. Default: the last date in the data.
 * @param {string} model Optional "bgnbd" (default), "mbgnbd" or "paretonbd".
 * @param {string} unit Optional time unit the model is fitted in: "day", "week" (default), "month", "quarter" or "year".
 * @return A header row, then one row per number of repeat purchases in calibration (0 … 6, "7+") and "All": customers, mean actual purchases in the hold-out, mean predicted. When the fit is doubtful, one more, last row says why in its first cell ("Note: …": too few customers or repeat buyers, a parameter the data hardly pin, a hold-out too short…); the rows above keep their places.
 * @example =FORECAST_CHECK(A2:A6920, B2:B6920, DATE(1997,9,30)) → … "All", 2357 customers, 0.798 actual, 0.701 predicted on CDNOW
 * @customfunction
 */
export function FORECAST_CHECK(
  customer_ids: Arg,
  dates: Arg,
  calibration_end: Arg,
  holdout_end?: Arg,
  model?: Arg,
  unit?: Arg,
): Result {
  const fn = "FORECAST_CHECK";
  const ctx = currentSheetContext();
  const calibrationEnd = readOptionalDay(fn, "calibration_end", calibration_end, ctx);
  if (calibrationEnd === undefined)
    throw new CellError(
      fn,
      "calibration_end",
      undefined,
      "is blank — give the last day of the calibration period",
    );
  const holdoutEnd = readOptionalDay(fn, "holdout_end", holdout_end, ctx);
  const options = { calibrationEnd, holdoutEnd, model: readModel(fn, model), unit: readUnit(fn, unit) };
  const transactions = readTransactionArgs(fn, { customer_ids, dates }, ctx);
  return run(fn, FROM_RFM, "dates", () => {
    const result = backTest(transactions, options);
    return withNotes(
      [
        ["repeat_purchases", "customers", "mean_actual", "mean_predicted"],
        ...result.buckets.map((b) => [b.label, b.customers, b.actual ?? "", b.predicted ?? ""]),
      ],
      backTestNotes(result, transactions, rfmSummary(transactions, { endDay: result.holdoutEnd }).length),
    );
  });
}
