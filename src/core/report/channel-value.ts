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
import type { RfmSummary } from "../cohorts/rfm";
import { historyRfm } from "../forecast/histories";
import { MetricError } from "../metrics/errors";
import { newCustomerValues, type SegmentValue } from "../segments/new-customer-value";
import { CLV_MONTHLY_DISCOUNT } from "./customer-forecast";
import type { CohortSeries, ReportData } from "./data";
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

const fitted = new WeakMap<ReportData, ChannelValues>();

/**
 * The report's channels valued, fitted on first use; one row "All customers" when it has no segments.
 * Undefined when the report has neither its rows nor its customers' histories (a database computed
 * none).
 */
export function channelValues(data: ReportData): ChannelValues | undefined {
  let result = fitted.get(data);
  if (!result) {
    const customers = channelCustomers(data);
    if (!customers) return undefined;
    result = valueChannels(data, customers);
    fitted.set(data, result);
  }
  return result;
}

/** The customers to fit (RFM in weeks to the observation end) and, split, each one's channel label. */
interface ChannelCustomers {
  rfm: RfmSummary;
  segmentOf?: (i: number) => string;
}

/**
 * Each customer's channel is that of their first purchase, as the cohort rows split them: from the
 * rows in memory, or from the histories a database computed (core/sql, the cohorts' own rule).
 */
function channelCustomers(data: ReportData): ChannelCustomers | undefined {
  const tx = data.transactions;
  if (tx) {
    const rfm = rfmSummary(tx, { endDay: data.observationEnd, unit: "week" });
    const segment = tx.segment;
    const labels = tx.segments;
    return {
      rfm,
      segmentOf:
        data.segments && segment && labels
          ? (i) => labels[segment[tx.firstPurchase[rfm.customer[i]]]]
          : undefined,
    };
  }
  const h = data.histories;
  if (!h || (data.segments && !h.segment)) return undefined;
  const rfm = historyRfm(h, "end");
  const segment = h.segment;
  return {
    rfm,
    segmentOf: data.segments && segment ? (i) => segment[rfm.customer[i]] : undefined,
  };
}

function valueChannels(data: ReportData, { rfm, segmentOf }: ChannelCustomers): ChannelValues {
  const margin = marginShare(data);
  const groups = segmentOf && channelGroups(rfm.length, segmentOf);
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
  // In the order of the sheet's rows (and so whatever order the customers' labels came in).
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

/** Each customer's channel as an index into its labels (blank as {@link BLANK_SEGMENT}), in order of first appearance. */
function channelGroups(n: number, labelOf: (i: number) => string) {
  const labels: string[] = [];
  const index = new Map<string, number>();
  const segmentOf = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const label = labelOf(i) || BLANK_SEGMENT;
    let k = index.get(label);
    if (k === undefined) {
      k = labels.push(label) - 1;
      index.set(label, k);
    }
    segmentOf[i] = k;
  }
  return { labels, segmentOf };
}
