/**
 * A GA4 export as the sidebar's source: the `analytics_<property>` dataset the GA4 BigQuery link
 * writes daily `events_YYYYMMDD` tables (and `events_intraday_YYYYMMDD` while a day streams) into.
 * Loading it lists the dataset's tables (metadata only, nothing scanned) to say which days the export
 * covers; the report itself is computed by bigquery.ts over the flattened events (core/sql/ga4.ts).
 */
import { isoDay } from "../core/cells";
import type { ReportSheetKey } from "../core/report/model";
import { type Ga4Currency, ga4Source, ga4TableDay } from "../core/sql/ga4";
import { BigQueryRunner, GA4_KIND, ROW_SHEETS } from "./bigquery";
import { AddonError } from "./errors";
import { quote } from "./messages";
import type { BigQuerySettings } from "./settings";

/** A GA4 export as the sidebar names it. */
export interface Ga4Request {
  /** The billing project the queries run in. */
  project: string;
  /** `project.analytics_123456`. */
  dataset: string;
  /** Revenue in the property's currency ("local", the default) or in US dollars. */
  currency?: Ga4Currency;
  /** The first day to read, `yyyy-mm-dd`; "", null or absent: the export's first day. */
  firstDay?: string | null;
  /** The bytes the user saw in the estimate and agreed to scan. */
  approvedBytes?: number;
}

/** The days a GA4 export covers, as its tables' names say. */
export interface Ga4Export {
  ok: true;
  dataset: string;
  /** The first and the last day of a daily or intraday table, `yyyy-mm-dd`. */
  first: string;
  last: string;
  /** How many daily tables (`events_YYYYMMDD`) and intraday tables there are. */
  daily: number;
  intraday: number;
  /** Sheets a report computed in BigQuery cannot have: they list or fit every row. */
  rowSheets: ReportSheetKey[];
}

/**
 * Lists the dataset's tables and finds GA4's event tables among them; none is an error naming the
 * dataset (a typo, or the link's dataset of another property).
 */
export function ga4Export(request: { project: string; dataset: string }): Ga4Export {
  const runner = new BigQueryRunner(
    String(request?.project ?? ""),
    String(request?.dataset ?? ""),
    "dataset",
  );
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  let daily = 0;
  let intraday = 0;
  for (const { name } of listed(runner)) {
    const day = ga4TableDay(name);
    if (day === undefined) continue;
    if (name.startsWith("events_intraday_")) intraday++;
    else daily++;
    first = Math.min(first, day);
    last = Math.max(last, day);
  }
  if (!daily && !intraday)
    throw new AddonError("input", { key: "ga4NoEvents", params: { dataset: quote(runner.table) } });
  return {
    ok: true,
    dataset: runner.table,
    first: isoDay(first),
    last: isoDay(last),
    daily,
    intraday,
    rowSheets: [...ROW_SHEETS],
  };
}

/** The dataset's tables; a dataset that does not exist is said as one without GA4's tables, naming it. */
function listed(runner: BigQueryRunner): { name: string; type: string }[] {
  try {
    return runner.listTables();
  } catch (error) {
    if (!(error instanceof AddonError) || error.said.key !== "bqNotFound") throw error;
    throw new AddonError("input", { key: "ga4NoEvents", params: { dataset: quote(runner.table) } });
  }
}

/**
 * What a GA4 report stores: the dataset as its table, the flattened events' columns (core/sql/ga4.ts),
 * the currency and first day; the kind "GA4" goes into the builder's approval.
 */
export function ga4Settings(request: Ga4Request): BigQuerySettings {
  const runner = new BigQueryRunner(
    String(request?.project ?? ""),
    String(request?.dataset ?? ""),
    "dataset",
  );
  const firstDay = request.firstDay ? String(request.firstDay).trim() : "";
  if (firstDay && !isDay(firstDay))
    throw new AddonError("input", { key: "ga4FirstDay", params: { text: quote(firstDay) } });
  const approved = Number(request.approvedBytes);
  return {
    project: runner.project,
    table: runner.table,
    columns: ga4Source({ dialect: "bigquery", dataset: runner.table, days: {} }, "local").columns,
    dateType: "DATE",
    approvedBytes: Number.isFinite(approved) ? approved : 0,
    tableType: GA4_KIND,
    lastModified: "",
    ga4: { currency: request.currency === "usd" ? "usd" : "local", firstDay: firstDay || null },
  };
}

/** Whether text is a real day written `yyyy-mm-dd` (as the sidebar's date field sends it). */
function isDay(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  return m !== null && isoDay(Date.UTC(+m[1], +m[2] - 1, +m[3]) / 86_400_000) === text;
}

/** The flattened events' columns as the report's mapping indexes them (customer, day, amount, segment). */
export const GA4_MAPPING = { customerId: 0, date: 1, amount: 2, segment: 3 };
