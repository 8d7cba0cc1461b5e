/**
 * The Customers sheet, a list to act on: per customer its RFM scores and segment (as RFM_SEGMENTS
 * computes them, segments/rfm-segments.ts), total net spend and last purchase day, and from the
 * report's one customer forecast (customer-forecast.ts, the same numbers as Predicted CLV) P(alive),
 * predicted 12-month CLV and the value at risk = total spend × (1 − P(alive)): what the customer has
 * spent, weighted by the model's probability that they are gone. Most valuable first, under a summary
 * per segment in the map's order, with a filter on the table so a marketer lists one segment
 * ("At risk") and copies it into an email tool.
 */
import { MS_PER_DAY } from "../cells";
import type { CustomerHistories } from "../forecast/histories";
import { PURCHASE_MODELS, type PurchaseModelName } from "../forecast/purchase-model";
import { RFM_SEGMENT_NAMES, type RfmSegment, scoresOf } from "../segments/rfm-segments";
import { CLV_HORIZON_MONTHS, customerForecast } from "./customer-forecast";
import type { ReportData } from "./data";
import { FORMATS, type ReportSheet } from "./model";
import { MAX_CUSTOMER_ROWS } from "./predicted-clv";
import { PRINTED_CUSTOMERS } from "./print";
import { COLORS, range, SheetWriter } from "./sheet";
import type { ReportWords } from "./words";

export interface CustomerRow {
  id: string;
  segment: RfmSegment;
  recency: number;
  frequency: number;
  monetary: number;
  /** Net spend (purchases less refunds) to the observation end. */
  spend: number;
  lastDay: number;
  /** From the forecast; null when it could not be fitted. */
  alive: number | null;
  clv: number | null;
  valueAtRisk: number | null;
}

export interface SegmentSummary {
  segment: RfmSegment;
  customers: number;
  /** The segment's share of all customers' net spend; null when that total is not above 0. */
  revenueShare: number | null;
  meanClv: number | null;
  valueAtRisk: number | null;
}

export interface CustomerTable {
  /** By predicted CLV, highest first (by spend when the forecast failed). */
  rows: CustomerRow[];
  /** One per segment of the map, in its order (empty segments included). */
  summary: SegmentSummary[];
  /** Why the forecast failed, in the fit's words. */
  error?: string;
}

/** Every customer's row and the per-segment summary. */
export function customerTable(data: ReportData, h: CustomerHistories): CustomerTable {
  const end = data.observationEnd;
  const scores = scoresOf(
    h.ids,
    Float64Array.from(h.last, (last) => end - last),
    h.days,
    h.spend,
  );
  const { rfm, forecast, error } = customerForecast(data, h);
  const at = new Map(rfm.ids.map((id, i) => [id, i]));
  const rows: CustomerRow[] = scores.ids.map((id, i) => {
    const c = at.get(id) ?? -1;
    const alive = forecast && c >= 0 ? forecast.customers.probabilityAlive[c] : null;
    return {
      id,
      segment: scores.segment[i],
      recency: scores.recency[i],
      frequency: scores.frequency[i],
      monetary: scores.monetary[i],
      spend: scores.spend[i],
      lastDay: end - scores.daysSince[i],
      alive,
      clv: forecast && c >= 0 ? forecast.customers.clv[c] : null,
      valueAtRisk: alive === null ? null : scores.spend[i] * (1 - alive),
    };
  });
  const value = (row: CustomerRow) => (forecast ? (row.clv ?? 0) : row.spend);
  rows.sort((x, y) => value(y) - value(x));

  let total = 0;
  for (const row of rows) total += row.spend;
  const summary = RFM_SEGMENT_NAMES.map((segment): SegmentSummary => {
    let customers = 0;
    let spend = 0;
    let clv = 0;
    let atRisk = 0;
    for (const row of rows) {
      if (row.segment !== segment) continue;
      customers++;
      spend += row.spend;
      clv += row.clv ?? 0;
      atRisk += row.valueAtRisk ?? 0;
    }
    return {
      segment,
      customers,
      revenueShare: total > 0 ? spend / total : null,
      meanClv: forecast && customers ? clv / customers : null,
      valueAtRisk: forecast ? atRisk : null,
    };
  });
  return error === undefined ? { rows, summary } : { rows, summary, error };
}

/** Mean P(alive) of the Lost segment above which the sheet says the model sees no dropout. */
const LOST_BUT_ALIVE = 0.9;

/**
 * When the RFM map's Lost customers still look alive to the purchase model on average (its dropout
 * parameters at a boundary: no sign of customers leaving in the data), the sentence that says so.
 */
function lostButAlive(rows: CustomerRow[], model: PurchaseModelName | undefined, w: ReportWords) {
  if (model === undefined) return undefined;
  let n = 0;
  let sum = 0;
  for (const row of rows)
    if (row.segment === "Lost" && row.alive !== null) {
      n++;
      sum += row.alive;
    }
  const mean = sum / n;
  return n > 0 && mean >= LOST_BUT_ALIVE
    ? w.customersLostAlive(PURCHASE_MODELS[model].label, `${(mean * 100).toFixed(1)}%`)
    : undefined;
}

/** Rows of the sheet above the summary's header and the customer table's. */
const SUMMARY_ROW = 6;
const TABLE_ROW = SUMMARY_ROW + RFM_SEGMENT_NAMES.length + 3;

export function customersSheet(data: ReportData, h: CustomerHistories): ReportSheet {
  const w = data.words;
  const sheet = new SheetWriter("customers", w.sheets.customers);
  const { rows, summary, error } = customerTable(data, h);
  const money = data.currencyFormat;
  sheet.title(1, w.customersTitle, w.customersNote(CLV_HORIZON_MONTHS));
  sheet.set(3, 1, w.customersFilter);
  sheet.style(range(3, 1), { italic: true, color: COLORS.muted });
  const model = customerForecast(data, h).forecast?.model;
  const why =
    error !== undefined
      ? `${w.clvFailed(error)} ${w.customersNoFit}`
      : model === "bgnbd"
        ? w.customersOneTimers
        : lostButAlive(rows, model, w);
  if (why) {
    sheet.set(4, 1, why);
    sheet.style(range(4, 1), { color: COLORS.muted });
  }

  // Per segment, in the map's order, then all customers.
  sheet.header(SUMMARY_ROW, 1, w.customersSummaryHeader);
  summary.forEach((s, i) => {
    sheet.row(SUMMARY_ROW + 1 + i, 1, [
      w.rfmSegments[s.segment],
      s.customers,
      s.revenueShare,
      s.meanClv,
      s.valueAtRisk,
    ]);
  });
  const totalRow = SUMMARY_ROW + 1 + summary.length;
  const shares = summary.some((s) => s.revenueShare !== null);
  const sum = (pick: (s: SegmentSummary) => number | null) => summary.reduce((t, s) => t + (pick(s) ?? 0), 0);
  sheet.row(totalRow, 1, [
    w.total,
    rows.length,
    shares ? sum((s) => s.revenueShare) : null,
    error === undefined && rows.length ? sum((s) => (s.meanClv ?? 0) * s.customers) / rows.length : null,
    error === undefined ? sum((s) => s.valueAtRisk) : null,
  ]);
  sheet.style(range(totalRow, 1, 1, 5), { bold: true, background: COLORS.total });
  sheet.style(range(SUMMARY_ROW + 1, 2, summary.length + 1), { numberFormat: FORMATS.integer });
  sheet.style(range(SUMMARY_ROW + 1, 3, summary.length + 1), { numberFormat: FORMATS.percent });
  sheet.style(range(SUMMARY_ROW + 1, 4, summary.length + 1, 2), { numberFormat: money });

  // The customers, most valuable first, under a filter.
  const header = w.customersHeader(CLV_HORIZON_MONTHS);
  sheet.header(TABLE_ROW, 1, header);
  const shown = rows.slice(0, MAX_CUSTOMER_ROWS);
  shown.forEach((row, i) => {
    sheet.row(TABLE_ROW + 1 + i, 1, [
      row.id,
      w.rfmSegments[row.segment],
      row.recency,
      row.frequency,
      row.monetary,
      row.spend,
      new Date(row.lastDay * MS_PER_DAY),
      row.alive,
      row.clv,
      row.valueAtRisk,
    ]);
  });
  const first = TABLE_ROW + 1;
  const n = shown.length;
  sheet.style(range(first, 3, n, 3), { numberFormat: FORMATS.integer, horizontalAlignment: "center" });
  sheet.style(range(first, 6, n), { numberFormat: money });
  sheet.style(range(first, 7, n), { numberFormat: w.date });
  sheet.style(range(first, 8, n), { numberFormat: FORMATS.percent });
  sheet.style(range(first, 9, n, 2), { numberFormat: money });
  if (error === undefined) sheet.colorScale(range(first, 9, n));
  // Always a note, so a capped list (one more note) costs the writers no extra call.
  sheet.note(TABLE_ROW, header.length, w.atRiskNote);
  if (n < rows.length) {
    sheet.note(TABLE_ROW, 1, w.customersTop(n.toLocaleString("en-US"), rows.length.toLocaleString("en-US")));
  }
  sheet.filter = range(TABLE_ROW, 1, n + 1, header.length);
  sheet.printed = {
    rows: TABLE_ROW + PRINTED_CUSTOMERS,
    footer: w.printedTop(PRINTED_CUSTOMERS, n.toLocaleString("en-US")),
  };

  sheet.columnWidths[1] = 140;
  sheet.columnWidths[2] = 160;
  for (let column = 3; column <= header.length; column++) sheet.columnWidths[column] = 110;
  return sheet.build();
}
