/**
 * The predicted value of a new customer by channel (segment), as the LTV-CAC sheet and Summary show
 * it: BG/NBD and Gamma-Gamma fitted on each channel's customers (in weeks, to the observation end;
 * a channel with too few repeat buyers takes the pooled fit), valued at 12, 24 and 36 months with the
 * 80% interval (core/segments/new-customer-value.ts), at the report's margin and PREDICTED_CLV's
 * discount of 1% a month; and the channel's recent CAC: spend ÷ new customers of its last
 * {@link RECENT_COHORTS} cohorts with a spend. Fitted once per report.
 */
import type { DayNumber } from "../cells";
import { rfmSummary } from "../cohorts";
import { BLANK_SEGMENT } from "../cohorts/cohort-table";
import { MetricError } from "../metrics/errors";
import { newCustomerValues, type SegmentValue } from "../segments/new-customer-value";
import { CLV_MONTHLY_DISCOUNT } from "./customer-forecast";
import type { CohortSeries, ReportData, ReportDataWithRows } from "./data";
import { fitErrorText } from "./fit-errors";
import { CLV_INTERVAL } from "./predicted-clv";

/** The horizons a new customer is valued at, in months. */
export const PREDICTED_HORIZONS = [12, 24, 36] as const;

/** "Recent" CAC: over a channel's last this-many cohorts with a spend. */
export const RECENT_COHORTS = 3;

export interface ChannelValue extends SegmentValue {
  /** The channel's recent cohorts with a spend: from the first one's start; null without any. */
  recent: { from: DayNumber; cac: number } | null;
}

export type ChannelValues =
  /** `margin`: the share of revenue valued (1 without a margin). */
  | { margin: number; channels: ChannelValue[]; error?: undefined }
  /** The pooled fit failed: the sheet says why (in the fit's words). */
  | { error: string; margin?: undefined; channels?: undefined };

/**
 * The share of revenue kept as margin over the report's cohorts: the margin rate, or the margin (cost)
 * column's total over the revenue's; 1 without a margin.
 */
export function marginShare(data: ReportData): number {
  if (!data.hasMargin) return 1;
  let margin = 0;
  let revenue = 0;
  for (const c of data.cohorts) {
    margin += c.size * (c.marginLtv.at(-1) ?? 0);
    revenue += c.size * (c.ltv.at(-1) ?? 0);
  }
  return revenue > 0 ? margin / revenue : 1;
}

/** CAC over the last {@link RECENT_COHORTS} of `rows` (in date order) that have a spend. */
function recentCac(rows: readonly CohortSeries[]): ChannelValue["recent"] {
  const recent = rows.filter((c) => c.spend !== undefined).slice(-RECENT_COHORTS);
  if (recent.length === 0) return null;
  const spend = recent.reduce((s, c) => s + (c.spend ?? 0), 0);
  const customers = recent.reduce((n, c) => n + c.size, 0);
  return { from: recent[0].start, cac: spend / customers };
}

const fitted = new WeakMap<ReportDataWithRows, ChannelValues>();

/** The report's channels valued, fitted on first use; one row "All customers" when it has no segments. */
export function channelValues(data: ReportDataWithRows): ChannelValues {
  let result = fitted.get(data);
  if (!result) {
    result = valueChannels(data);
    fitted.set(data, result);
  }
  return result;
}

function valueChannels(data: ReportDataWithRows): ChannelValues {
  const tx = data.transactions;
  const rfm = rfmSummary(tx, { endDay: data.observationEnd, unit: "week" });
  const margin = marginShare(data);
  // Each customer's channel is that of their first purchase, as the cohort rows split them.
  const groups =
    data.segments && tx.segments && tx.segment
      ? {
          labels: tx.segments.map((label) => label || BLANK_SEGMENT),
          segmentOf: Int32Array.from(rfm.customer, (c) => (tx.segment as Int32Array)[tx.firstPurchase[c]]),
        }
      : undefined;
  let values: SegmentValue[];
  try {
    values = newCustomerValues(
      rfm,
      { horizonsMonths: PREDICTED_HORIZONS, monthlyDiscountRate: CLV_MONTHLY_DISCOUNT, margin },
      CLV_INTERVAL,
      groups,
    );
  } catch (error) {
    if (!(error instanceof MetricError)) throw error;
    return { error: fitErrorText(error, data.words) };
  }
  // In the order of the sheet's rows.
  const order = data.segments ?? [];
  const rank = (s: SegmentValue) => order.indexOf(s.segment);
  const channels = values
    .sort((a, b) => rank(a) - rank(b))
    .map((v) => {
      const segment = groups ? v.segment : data.words.allCustomers;
      const rows = groups ? data.cohorts.filter((c) => c.segment === segment) : data.cohorts;
      return { ...v, segment, recent: recentCac(rows) };
    });
  return { margin, channels };
}
