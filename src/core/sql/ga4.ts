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
 * - the segment is the user's first acquisition: `traffic_source.source / traffic_source.medium`.
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
  // union_by_name: days exported before a field was added to the schema lack its column.
  return { from: `read_parquet([${list}], union_by_name = true)`, where: "" };
}

/** Text that is blank or GA4's "(not set)" as NULL. */
function setOrNull(expression: string): string {
  return `NULLIF(NULLIF(TRIM(${expression}), ''), '(not set)')`;
}

/**
 * One row per purchase or refund — customer_id, day (DATE), amount, segment, ord (the event's UTC
 * microseconds), has_user_id, copies (how many events of that transaction there were) — each
 * transaction's first event only. A purchase without revenue counts as an order of 0; a refund
 * without a positive value is no refund at all (the report would read 0 as a purchase).
 */
export function ga4Transactions(events: Ga4Events, currency: Ga4Currency): string {
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
  return `(
    SELECT customer_id, day, amount, segment, ord, has_user_id, copies FROM (
      SELECT event_name, customer_id, day, amount, segment, ord, has_user_id,
        ROW_NUMBER() OVER (PARTITION BY event_name, ${key} ORDER BY ord, day) AS copy,
        COUNT(*) OVER (PARTITION BY event_name, ${key}) AS copies
      FROM (
        SELECT event_name, ${setOrNull("ecommerce.transaction_id")} AS transaction_id,
          COALESCE(${setOrNull("user_id")}, ${setOrNull("user_pseudo_id")}) AS customer_id,
          CASE WHEN ${setOrNull("user_id")} IS NULL THEN 0 ELSE 1 END AS has_user_id,
          ${day} AS day, event_timestamp AS ord,
          CASE WHEN event_name = 'purchase' THEN COALESCE(ecommerce.purchase_revenue${usd}, 0)
            ELSE -ecommerce.refund_value${usd} END AS amount,
          CONCAT(COALESCE(${setOrNull("traffic_source.source")}, '(direct)'), ' / ', COALESCE(${setOrNull("traffic_source.medium")}, '(none)')) AS segment
        FROM ${from}
        WHERE ${where}event_name IN ('purchase', 'refund')
      ) AS events
    ) AS numbered WHERE copy = 1 AND (event_name = 'purchase' OR amount < 0)
  )`;
}

/** The flattened export as a source for the report's queries (queries.ts). */
export function ga4Source(events: Ga4Events, currency: Ga4Currency, timeZone = "UTC"): SqlSource {
  return {
    table: "ga4",
    from: ga4Transactions(events, currency),
    columns: { customerId: "customer_id", date: "day", amount: "amount", segment: "segment", order: "ord" },
    dateType: "DATE",
    timeZone,
  };
}

/** What the export held, for the report's notes: purchases, those without user_id, refunds, duplicate events left out. */
export interface Ga4Stats {
  purchases: number;
  purchases_without_user_id: number;
  refunds: number;
  duplicate_events: number;
}

/** One row of {@link Ga4Stats} over the flattened rows of `from` (ga4Transactions' text, or a table holding them). */
export function ga4StatsQuery(from: string): string {
  return `SELECT
    SUM(CASE WHEN amount >= 0 THEN 1 ELSE 0 END) AS purchases,
    SUM(CASE WHEN amount >= 0 AND has_user_id = 0 THEN 1 ELSE 0 END) AS purchases_without_user_id,
    SUM(CASE WHEN amount < 0 THEN 1 ELSE 0 END) AS refunds,
    SUM(copies - 1) AS duplicate_events
  FROM ${from} AS flat\n`;
}
