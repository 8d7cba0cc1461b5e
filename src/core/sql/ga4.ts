/**
 * A Google Analytics 4 export as transactions: the `analytics_<property>` dataset's daily
 * `events_YYYYMMDD` tables (and `events_intraday_YYYYMMDD` while a day is still streaming), flattened
 * into one row per purchase or refund, which the report's queries then read like any flat table
 * (queries.ts, `SqlSource.from`). Schema: "[GA4] BigQuery Export schema",
 * https://support.google.com/analytics/answer/7029846 — field names as written there:
 * - purchases are `event_name = 'purchase'` events and refunds `'refund'` events;
 * - the customer is `user_id` when the site sets it, else `user_pseudo_id` (the browser or app
 *   instance): a person who signs in on one device and not another is two customers — the stats query
 *   counts the purchases without `user_id` so the report can say how many;
 * - the order is `ecommerce.transaction_id`: GA4 records a purchase again when a thank-you page is
 *   reloaded, and a day's events stand in both the daily and the intraday table while the export
 *   settles, so each transaction's first event counts once (events without a transaction id, or with
 *   "(not set)", count once per user and timestamp);
 * - the amount is `ecommerce.purchase_revenue` (the property's currency) or `purchase_revenue_in_usd`;
 *   a refund is `-ecommerce.refund_value` (or `refund_value_in_usd`) on the refund's day;
 * - the day is `event_date` (YYYYMMDD, already in the property's time zone; `event_timestamp` is UTC
 *   microseconds and only orders events within a day);
 * - the segment is either the user's first acquisition, `traffic_source.source / traffic_source.medium`,
 *   or the session's default channel group,
 *   `session_traffic_source_last_click.cross_channel_campaign.default_channel_group` ("Organic Search",
 *   "Paid Search", "Direct"…), which GA4 exports only from 2024-10-10 on
 *   (https://developers.google.com/analytics/bigquery/traffic-attribution-data): older daily tables
 *   lack the column, and a query naming a column that no table read has fails, so the flattening names
 *   it only when the export's schema has it ({@link ga4HasChannelGroup}), and {@link ga4SegmentChoice}
 *   decides which of the two the report splits by.
 * Only the days asked for are read: BigQuery's `_TABLE_SUFFIX` bounds the wildcard table's scan to the
 * daily (and intraday) tables of those days; DuckDB is given the files of those days only.
 */
import { type DayNumber, isoDay } from "../cells";
import type { Dialect } from "./dialect";
import { quoteName, SPELLING } from "./dialect";
import type { SqlSource } from "./queries";

/** Which GA4 revenue fields are read. */
export type Ga4Currency = "local" | "usd";

/** The days a GA4 report reads, inclusive; an open end reads every table on that side. */
export interface Ga4Days {
  from?: DayNumber;
  to?: DayNumber;
}

/** A GA4 event table's suffix for a day: `events_20240314` → "20240314". */
export function ga4Suffix(day: DayNumber): string {
  return isoDay(day).replace(/-/g, "");
}

/** The day of a GA4 table or file name (`events_20240314`, `events_intraday_20240314.parquet`), or undefined. */
export function ga4TableDay(name: string): DayNumber | undefined {
  const match = /^events_(?:intraday_)?(\d{4})(\d{2})(\d{2})(?:\.parquet)?$/.exec(name);
  if (!match) return undefined;
  const [, y, m, d] = match.map(Number);
  const ms = Date.UTC(y, m - 1, d);
  const date = new Date(ms);
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d)
    return undefined;
  return ms / 86_400_000;
}

/** Whether a day lies within the days asked for. */
export function ga4DayWanted(day: DayNumber, days: Ga4Days): boolean {
  return (days.from === undefined || day >= days.from) && (days.to === undefined || day <= days.to);
}

/**
 * How many of a dataset's tables a report over `days` reads: the daily and intraday event tables of
 * those days. BigQuery bills each table a query references at least 10 MB, however small
 * (core/sql/cost.ts), and the wildcard's dry run does not say how many it matched, so a job's cap
 * counts them from the dataset's table names.
 */
export function ga4TablesRead(names: readonly string[], days: Ga4Days): number {
  return names.filter((name) => {
    const day = ga4TableDay(name);
    return day !== undefined && ga4DayWanted(day, days);
  }).length;
}

/**
 * BigQuery's `_TABLE_SUFFIX` condition for a wildcard over `events_*`: the daily tables' suffixes are
 * the day, the intraday tables' `intraday_` and the day. The bounds are digits this module writes from
 * day numbers, never user text.
 */
export function ga4SuffixFilter(days: Ga4Days): string {
  const range = (prefix: string) => {
    const parts: string[] = [];
    if (days.from !== undefined) parts.push(`_TABLE_SUFFIX >= '${prefix}${ga4Suffix(days.from)}'`);
    if (days.to !== undefined) parts.push(`_TABLE_SUFFIX <= '${prefix}${ga4Suffix(days.to)}'`);
    // Without bounds a daily suffix is any 8 characters not starting with "intraday_".
    if (!parts.length)
      parts.push(
        prefix ? `STARTS_WITH(_TABLE_SUFFIX, '${prefix}')` : `NOT STARTS_WITH(_TABLE_SUFFIX, 'intraday_')`,
      );
    return `(${parts.join(" AND ")})`;
  };
  return `(${range("")} OR ${range("intraday_")})`;
}

/** Where the events are: BigQuery's wildcard table with its suffix bounds, or DuckDB's list of Parquet files. */
export type Ga4Events =
  | { dialect: "bigquery"; dataset: string; days: Ga4Days }
  | { dialect: "duckdb"; files: readonly string[] };

function eventsFrom(events: Ga4Events): { from: string; where: string } {
  if (events.dialect === "bigquery")
    return {
      from: quoteName("bigquery", `${events.dataset}.events_*`),
      where: `${ga4SuffixFilter(events.days)} AND `,
    };
  if (!events.files.length) throw new Error("GA4: no event files to read");
  const list = events.files.map((file) => `'${file.replace(/'/g, "''")}'`).join(", ");
  // union_by_name: days exported before a field was added to the schema lack its column (read as
  // NULL), and a STRUCT's fields are the union of the files' fields.
  return { from: `read_parquet([${list}], union_by_name = true)`, where: "" };
}

/**
 * A query of no rows whose result's columns are the events' schema as the report's queries will see
 * it: BigQuery's dry run of it gives the wildcard table's schema (`statistics.query.schema`, "present
 * only for successful dry run of non-legacy SQL queries",
 * https://cloud.google.com/bigquery/docs/reference/rest/v2/Job#JobStatistics2), free of charge;
 * DuckDB binds it to the union of the files' schemas without reading their rows.
 */
export function ga4SchemaQuery(events: Ga4Events): string {
  const { from, where } = eventsFrom(events);
  return `SELECT * FROM ${from} WHERE ${where}FALSE`;
}

/** The path of the session's default channel group in a GA4 event. */
export const GA4_CHANNEL_GROUP_FIELD = [
  "session_traffic_source_last_click",
  "cross_channel_campaign",
  "default_channel_group",
] as const;

/** A column of a schema, nested as BigQuery's `TableFieldSchema` is (a RECORD's `fields`). */
export interface Ga4SchemaField {
  name?: string;
  fields?: Ga4SchemaField[];
}

/** Whether an events schema has the session's default channel group (names compared as BigQuery and DuckDB do, case aside). */
export function ga4HasChannelGroup(fields: readonly Ga4SchemaField[] | undefined): boolean {
  let level = fields;
  for (const name of GA4_CHANNEL_GROUP_FIELD) {
    const field = level?.find((f) => f.name?.toLowerCase() === name);
    if (!field) return false;
    level = field.fields;
  }
  return true;
}

/** Text that is blank or GA4's "(not set)" as NULL. */
function setOrNull(expression: string): string {
  return `NULLIF(NULLIF(TRIM(${expression}), ''), '(not set)')`;
}

/** GA4's own word for a session no channel rule matched, and here for an event without a channel group. */
export const GA4_UNASSIGNED = "Unassigned";

/**
 * One row per purchase or refund — customer_id, day (DATE), amount, both segment candidates
 * (source_medium; channel_group, "Unassigned" where the event has none, and has_channel_group), ord
 * (the event's UTC microseconds), has_user_id, copies (how many events of that transaction there
 * were) — each transaction's first event only. A purchase without revenue counts as an order of 0; a
 * refund without a positive value is no refund at all (the report would read 0 as a purchase).
 * `channelGroupField`: whether the export has the channel group's column ({@link ga4HasChannelGroup});
 * without it no event has one.
 */
export function ga4Transactions(events: Ga4Events, currency: Ga4Currency, channelGroupField = false): string {
  const dialect: Dialect = events.dialect;
  const s = SPELLING[dialect];
  const usd = currency === "usd" ? "_in_usd" : "";
  const day =
    dialect === "bigquery"
      ? "SAFE.PARSE_DATE('%Y%m%d', event_date)"
      : "CAST(TRY_STRPTIME(event_date, '%Y%m%d') AS DATE)";
  // Events without a transaction id are told apart by who and when.
  const key = `COALESCE(transaction_id, CONCAT('~', COALESCE(customer_id, ''), '~', CAST(ord AS ${s.text})))`;
  const { from, where } = eventsFrom(events);
  const group = setOrNull(GA4_CHANNEL_GROUP_FIELD.join("."));
  const channelGroup = channelGroupField
    ? `COALESCE(${group}, '${GA4_UNASSIGNED}') AS channel_group,
          CASE WHEN ${group} IS NULL THEN 0 ELSE 1 END AS has_channel_group`
    : `'${GA4_UNASSIGNED}' AS channel_group, 0 AS has_channel_group`;
  const segments = "source_medium, channel_group, has_channel_group";
  return `(
    SELECT customer_id, day, amount, ${segments}, ord, has_user_id, copies FROM (
      SELECT event_name, customer_id, day, amount, ${segments}, ord, has_user_id,
        ROW_NUMBER() OVER (PARTITION BY event_name, ${key} ORDER BY ord, day) AS copy,
        COUNT(*) OVER (PARTITION BY event_name, ${key}) AS copies
      FROM (
        SELECT event_name, ${setOrNull("ecommerce.transaction_id")} AS transaction_id,
          COALESCE(${setOrNull("user_id")}, ${setOrNull("user_pseudo_id")}) AS customer_id,
          CASE WHEN ${setOrNull("user_id")} IS NULL THEN 0 ELSE 1 END AS has_user_id,
          ${day} AS day, event_timestamp AS ord,
          CASE WHEN event_name = 'purchase' THEN COALESCE(ecommerce.purchase_revenue${usd}, 0)
            ELSE -ecommerce.refund_value${usd} END AS amount,
          CONCAT(COALESCE(${setOrNull("traffic_source.source")}, '(direct)'), ' / ', COALESCE(${setOrNull("traffic_source.medium")}, '(none)')) AS source_medium,
          ${channelGroup}
        FROM ${from}
        WHERE ${where}event_name IN ('purchase', 'refund')
      ) AS events
    ) AS numbered WHERE copy = 1 AND (event_name = 'purchase' OR amount < 0)
  )`;
}

/** A flattened column that can be the report's segment. */
export type Ga4SegmentColumn = "source_medium" | "channel_group";

/** How the flattened export is segmented: whether the channel group's column exists, and which column is the segment. */
export interface Ga4Segmenting {
  channelGroupField: boolean;
  segment: Ga4SegmentColumn;
}

/** The user's first acquisition as the segment, the channel group's column not named. */
export const GA4_SOURCE_MEDIUM: Ga4Segmenting = { channelGroupField: false, segment: "source_medium" };

/** The flattened export as a source for the report's queries (queries.ts), segmented by `segmenting`. */
export function ga4Source(
  events: Ga4Events,
  currency: Ga4Currency,
  timeZone = "UTC",
  segmenting: Ga4Segmenting = GA4_SOURCE_MEDIUM,
): SqlSource {
  return {
    table: "ga4",
    from: ga4Transactions(events, currency, segmenting.channelGroupField),
    columns: {
      customerId: "customer_id",
      date: "day",
      amount: "amount",
      segment: segmenting.segment,
      order: "ord",
    },
    dateType: "DATE",
    timeZone,
  };
}

/**
 * What the export held, for the report's notes: purchases, those without user_id and without a
 * channel group (all of them when the export has no channel group), refunds, duplicate events left out.
 */
export interface Ga4Stats {
  purchases: number;
  purchases_without_user_id: number;
  purchases_without_channel_group: number;
  refunds: number;
  duplicate_events: number;
}

/** `--ga4-segment` and the sidebar's choice: the channel group where it can be had, or either one. */
export type Ga4SegmentAsked = "auto" | "channel-group" | "source-medium";

/** Whether the segment asked for can be had: not the channel group from an export without its column. */
export function ga4SegmentAvailable(channelGroupField: boolean, asked: Ga4SegmentAsked): boolean {
  return channelGroupField || asked !== "channel-group";
}

/**
 * The segment a report splits by, and why:
 * - "asked": the one asked for (the channel group's missing purchases read "Unassigned");
 * - "complete": auto, and every purchase read has a channel group;
 * - "no-field": auto, and the export has no channel group column (none before 2024-10-10);
 * - "incomplete": auto, and `missing` of the `purchases` have none — splitting by it would put them
 *   in "Unassigned" beside GA4's own.
 */
export interface Ga4SegmentChoice {
  column: Ga4SegmentColumn;
  reason: "asked" | "complete" | "no-field" | "incomplete";
  /** Purchases without a channel group. */
  missing: number;
  purchases: number;
}

/** The segment of {@link Ga4SegmentChoice}; the choice must be available ({@link ga4SegmentAvailable}). */
export function ga4SegmentChoice(
  channelGroupField: boolean,
  stats: Pick<Ga4Stats, "purchases" | "purchases_without_channel_group">,
  asked: Ga4SegmentAsked,
): Ga4SegmentChoice {
  if (!ga4SegmentAvailable(channelGroupField, asked))
    throw new Error("GA4: the channel group was asked for from an export without it");
  const counts = { missing: stats.purchases_without_channel_group, purchases: stats.purchases };
  if (asked !== "auto")
    return {
      column: asked === "channel-group" ? "channel_group" : "source_medium",
      reason: "asked",
      ...counts,
    };
  if (!channelGroupField) return { column: "source_medium", reason: "no-field", ...counts };
  return counts.missing > 0
    ? { column: "source_medium", reason: "incomplete", ...counts }
    : { column: "channel_group", reason: "complete", ...counts };
}

/** One row of {@link Ga4Stats} over the flattened rows of `from` (ga4Transactions' text, or a table holding them). */
export function ga4StatsQuery(from: string): string {
  return `SELECT
    SUM(CASE WHEN amount >= 0 THEN 1 ELSE 0 END) AS purchases,
    SUM(CASE WHEN amount >= 0 AND has_user_id = 0 THEN 1 ELSE 0 END) AS purchases_without_user_id,
    SUM(CASE WHEN amount >= 0 AND has_channel_group = 0 THEN 1 ELSE 0 END) AS purchases_without_channel_group,
    SUM(CASE WHEN amount < 0 THEN 1 ELSE 0 END) AS refunds,
    SUM(copies - 1) AS duplicate_events
  FROM ${from} AS flat\n`;
}
