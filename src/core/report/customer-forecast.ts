/**
 * The per-customer forecast of a report — the purchase model the Forecast check finds better on the
 * report's hold-out (BG/NBD, MBG/NBD or Pareto/NBD; MBG/NBD when the check cannot run) and Gamma-Gamma fitted on
 * its transactions (in weeks, to the observation end), then each customer's P(alive), expected
 * purchases and predicted CLV over the next 12 months as PREDICTED_CLV computes them — fitted once per
 * report and shared by every sheet that shows it (Predicted CLV, Customers), so a team never sees two answers.
 */
import type { RfmSummary } from "../cohorts/rfm";
import { type CustomerHistories, historyRfm } from "../forecast/histories";
import { DEFAULT_PURCHASE_MODEL, PURCHASE_MODELS, type PurchaseModelName } from "../forecast/purchase-model";
import { MetricError } from "../metrics/errors";
import { type ClvForecast, forecastClv } from "../models/clv";
import type { ReportData } from "./data";
import { fitErrorText } from "./fit-errors";
import { holdoutErrors, reportComparison } from "./forecast-check";
import type { ReportWords } from "./words";

/** What the sheets value: PREDICTED_CLV's defaults. */
export const CLV_HORIZON_MONTHS = 12;
export const CLV_MONTHLY_DISCOUNT = 0.01;

/** The purchase model a report forecasts with, and why, in the report's words. */
export interface ModelChoice {
  model: PurchaseModelName;
  reason: string;
}

export type CustomerForecast =
  | { rfm: RfmSummary; choice: ModelChoice; forecast: ClvForecast; error?: undefined }
  /** The fit failed: the sheets say why (in the fit's words) and the other sheets are still built. */
  | { rfm: RfmSummary; choice: ModelChoice; forecast?: undefined; error: string };

/** The model with the smaller hold-out error in the report's back-test (the one the Forecast check names). */
function chooseModel(data: ReportData, h: CustomerHistories): ModelChoice {
  const w = data.words;
  const { ranked, failures } = reportComparison(data, h);
  const [best, other] = ranked;
  if (!best) return { model: DEFAULT_PURCHASE_MODEL, reason: w.clvDefaultModel(failures.join(" ")) };
  const label = PURCHASE_MODELS[best.model].label;
  const mae = holdoutErrors(best).mae.toFixed(3);
  return {
    model: best.model,
    reason: other
      ? w.clvBetterModel(label, mae, PURCHASE_MODELS[other.model].label, holdoutErrors(other).mae.toFixed(3))
      : w.clvOnlyModel(label, failures.join(" ")),
  };
}

/** The forecast with the chosen model, or why it could not be fitted. */
function forecastWith(rfm: RfmSummary, choice: ModelChoice, w: ReportWords): CustomerForecast {
  try {
    const options = {
      horizonMonths: CLV_HORIZON_MONTHS,
      monthlyDiscountRate: CLV_MONTHLY_DISCOUNT,
      margin: 1,
    };
    return { rfm, choice, forecast: forecastClv(rfm, options, choice.model) };
  } catch (error) {
    if (!(error instanceof MetricError)) throw error;
    return { rfm, choice, error: fitErrorText(error, w) };
  }
}

const fitted = new WeakMap<ReportData, CustomerForecast>();

/** The report's customer forecast from its customers' histories, fitted on first use. */
export function customerForecast(data: ReportData, h: CustomerHistories): CustomerForecast {
  let result = fitted.get(data);
  if (!result) {
    const rfm = historyRfm(h, "end");
    const choice = chooseModel(data, h);
    result = forecastWith(rfm, choice, data.words);
    // The chosen model fitted on the calibration period but not on all the data: the default, saying so.
    if (result.error !== undefined && choice.model !== DEFAULT_PURCHASE_MODEL) {
      const why = `${PURCHASE_MODELS[choice.model].label}: ${result.error}.`;
      result = forecastWith(
        rfm,
        { model: DEFAULT_PURCHASE_MODEL, reason: data.words.clvDefaultModel(why) },
        data.words,
      );
    }
    fitted.set(data, result);
  }
  return result;
}
