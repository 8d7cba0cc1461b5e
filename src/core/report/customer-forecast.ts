/**
 * The per-customer forecast of a report — the purchase and spend models fitted on its transactions
 * (in weeks, to the observation end), then each customer's P(alive), expected purchases and predicted
 * CLV over the next 12 months as PREDICTED_CLV computes them — fitted once per report and shared by
 * every sheet that shows it (Predicted CLV, Customers), so a team never sees two answers.
 */
import { rfmSummary } from "../cohorts";
import type { RfmSummary } from "../cohorts/rfm";
import { MetricError } from "../metrics/errors";
import { type ClvForecast, forecastClv } from "../models/clv";
import type { ReportDataWithRows } from "./data";

/** What the sheets value: PREDICTED_CLV's defaults. */
export const CLV_HORIZON_MONTHS = 12;
export const CLV_MONTHLY_DISCOUNT = 0.01;

export type CustomerForecast =
  | { rfm: RfmSummary; forecast: ClvForecast; error?: undefined }
  /** The fit failed: the sheets say why (in the fit's words) and the other sheets are still built. */
  | { rfm: RfmSummary; forecast?: undefined; error: string };

const fitted = new WeakMap<ReportDataWithRows, CustomerForecast>();

/** The report's customer forecast, fitted on first use. */
export function customerForecast(data: ReportDataWithRows): CustomerForecast {
  let result = fitted.get(data);
  if (!result) {
    const rfm = rfmSummary(data.transactions, { endDay: data.observationEnd, unit: "week" });
    try {
      const forecast = forecastClv(rfm, {
        horizonMonths: CLV_HORIZON_MONTHS,
        monthlyDiscountRate: CLV_MONTHLY_DISCOUNT,
        margin: 1,
      });
      result = { rfm, forecast };
    } catch (error) {
      if (!(error instanceof MetricError)) throw error;
      result = { rfm, error: error.message };
    }
    fitted.set(data, result);
  }
  return result;
}
