/**
 * A generated Google Analytics 4 export in the schema's real field names and nesting
 * (https://support.google.com/analytics/answer/7029846): daily `events_YYYYMMDD` tables (and an
 * intraday one) as Parquet files written by DuckDB, with page views, purchases recorded twice (a
 * reloaded thank-you page, a day in both the daily and the intraday table), users with and without
 * `user_id`, refunds, and a property whose day (`event_date`, in its time zone, which may change
 * between days) differs from the UTC day of `event_timestamp` near midnight. As GA4 added the session's last-click attribution to the
 * export in steps (https://developers.google.com/analytics/bigquery/traffic-attribution-data), the
 * older days' tables lack `session_traffic_source_last_click`, the middle ones have it without
 * `cross_channel_campaign`, and the newest have its `default_channel_group`. Beside it, the same
 * purchases flattened by hand — one row per transaction — for the JavaScript engine to compute the
 * report the GA4 queries must reproduce.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { DuckDBConnection } from "@duckdb/node-api";
import { isoDay } from "../../src/core/cells";

/** A GA4 event as exported (the fields the report reads, plus some it must ignore). */
interface Ga4Event {
  event_date: string;
  event_timestamp: number;
  event_name: string;
  event_params: { key: string; value: { string_value: string | null; int_value: number | null } }[];
  user_id: string | null;
  user_pseudo_id: string;
  traffic_source: { name: string; medium: string; source: string };
  /** The session's last-click attribution, on the days the export has it (a subset of its fields). */
  session_traffic_source_last_click?: {
    manual_campaign: { campaign_name: string; source: string; medium: string };
    cross_channel_campaign?: {
      campaign_name: string;
      source: string;
      medium: string;
      primary_channel_group: string;
      default_channel_group: string;
    };
  };
  ecommerce: {
    transaction_id: string | null;
    purchase_revenue: number | null;
    purchase_revenue_in_usd: number | null;
    refund_value: number | null;
    refund_value_in_usd: number | null;
    total_item_quantity: number | null;
  } | null;
  items: { item_id: string; item_name: string; price: number; quantity: number }[];
}

const SCHEMA = `
  'event_date': 'VARCHAR', 'event_timestamp': 'BIGINT', 'event_name': 'VARCHAR',
  'event_params': 'STRUCT(key VARCHAR, value STRUCT(string_value VARCHAR, int_value BIGINT))[]',
  'user_id': 'VARCHAR', 'user_pseudo_id': 'VARCHAR',
  'traffic_source': 'STRUCT(name VARCHAR, medium VARCHAR, source VARCHAR)',
  'ecommerce': 'STRUCT(transaction_id VARCHAR, purchase_revenue DOUBLE, purchase_revenue_in_usd DOUBLE, refund_value DOUBLE, refund_value_in_usd DOUBLE, total_item_quantity BIGINT)',
  'items': 'STRUCT(item_id VARCHAR, item_name VARCHAR, price DOUBLE, quantity BIGINT)[]'`;

const MANUAL_CAMPAIGN = "manual_campaign STRUCT(campaign_name VARCHAR, source VARCHAR, medium VARCHAR)";
const CROSS_CHANNEL_CAMPAIGN =
  "cross_channel_campaign STRUCT(campaign_name VARCHAR, source VARCHAR, medium VARCHAR, primary_channel_group VARCHAR, default_channel_group VARCHAR)";

/** The columns of a day's table: without the session's attribution, with it but no channel group, or with both. */
function schemaOf(attribution: Attribution): string {
  const lastClick =
    attribution === "none"
      ? ""
      : `, 'session_traffic_source_last_click': 'STRUCT(${MANUAL_CAMPAIGN}${attribution === "channel-group" ? `, ${CROSS_CHANNEL_CAMPAIGN}` : ""})'`;
  return `{${SCHEMA}${lastClick}}`;
}

/** A small seeded generator (mulberry32). */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SOURCES = [
  { source: "google", medium: "cpc", name: "brand" },
  { source: "google", medium: "organic", name: "(organic)" },
  { source: "newsletter", medium: "email", name: "spring" },
  { source: "(direct)", medium: "(none)", name: "(direct)" },
];

/** Sessions' last-click source, medium and GA4's default channel group for them. */
const SESSIONS = [
  { source: "google", medium: "cpc", group: "Paid Search" },
  { source: "google", medium: "organic", group: "Organic Search" },
  { source: "newsletter", medium: "email", group: "Email" },
  { source: "(direct)", medium: "(none)", group: "Direct" },
  { source: "partner.example", medium: "banner", group: "Unassigned" },
];

/** What a day's table holds of the session's attribution. */
type Attribution = "none" | "last-click" | "channel-group";

/** The days from which the export has the session's last click, and its default channel group (day numbers). */
export interface Ga4AttributionDays {
  lastClickFrom: number;
  channelGroupFrom: number;
}

/**
 * The property's offset from UTC in hours on a day (its reporting time zone, which its owner may
 * change: GA4 then writes later days' `event_date` in the new zone). By default UTC−8: its days start
 * at 08:00 UTC.
 */
export type PropertyOffset = (day: number) => number;
const PACIFIC: PropertyOffset = () => -8;

export interface Ga4Sample {
  /** Every event, by the property's day (a day number). */
  days: Map<number, Ga4Event[]>;
  /** Rows as a flat export would hold them, in event order: customer_id, date, amount, segment (source / medium). */
  flat: string[][];
  /** Each row of `flat` (after its header): its session's default channel group, or null where the export has none. */
  channelGroups: (string | null)[];
  /** The day that also has an intraday table (the export's last day). */
  intradayDay: number;
  attributionDays: Ga4AttributionDays;
}

/** What the table of a day holds of the session's attribution. */
function attributionOn(day: number, days: Ga4AttributionDays): Attribution {
  return day >= days.channelGroupFrom ? "channel-group" : day >= days.lastClickFrom ? "last-click" : "none";
}

/** A GA4 export over `dayCount` days from `firstDay`, with `users` users; by default no day has the session's attribution. */
export function generateGa4Sample(
  firstDay: number,
  dayCount: number,
  users: number,
  seed = 7,
  attributionDays: Ga4AttributionDays = { lastClickFrom: Infinity, channelGroupFrom: Infinity },
  offsetHours: PropertyOffset = PACIFIC,
): Ga4Sample {
  const rand = random(seed);
  // Sessions draw from their own stream, so the purchases are the same whatever the export holds of them.
  const sessionRand = random(seed + 1);
  /** A session's last click as the export holds it on `day`, and its channel group (null when not exported). */
  const session = (day: number) => {
    const s = SESSIONS[Math.floor(sessionRand() * SESSIONS.length)];
    const attribution = attributionOn(day, attributionDays);
    if (attribution === "none") return { group: null };
    const manual = { campaign_name: "(organic)", source: s.source, medium: s.medium };
    if (attribution === "last-click")
      return { group: null, session_traffic_source_last_click: { manual_campaign: manual } };
    return {
      group: s.group,
      session_traffic_source_last_click: {
        manual_campaign: manual,
        cross_channel_campaign: { ...manual, primary_channel_group: s.group, default_channel_group: s.group },
      },
    };
  };
  const events: Ga4Event[] = [];
  let clock = 0;
  const flat: { ord: number; row: string[]; group: string | null }[] = [];
  for (let u = 0; u < users; u++) {
    const pseudo = `${1000000 + u}.${1700000000 + u}`;
    const userId = rand() < 0.6 ? `U${u}` : null;
    const traffic = SOURCES[Math.floor(rand() * SOURCES.length)];
    let day = firstDay + Math.floor(rand() * dayCount);
    const purchases = 1 + Math.floor(rand() * rand() * 6);
    for (let p = 0; p < purchases && day < firstDay + dayCount; p++) {
      // Seconds into the property's day; near midnight the UTC day is the next one.
      const second = rand() < 0.2 ? 86_399 - Math.floor(rand() * 600) : Math.floor(rand() * 86_400);
      const micros = ((day * 86_400 + second - offsetHours(day) * 3600) * 1e6 + clock++) as number;
      const eventDate = isoDay(day).replace(/-/g, "");
      const revenue = Math.round((5 + rand() * 120) * 100) / 100;
      const transaction = `T${u}-${p}`;
      const { group, ...lastClick } = session(day);
      const base = {
        ...lastClick,
        event_date: eventDate,
        event_params: [{ key: "ga_session_id", value: { string_value: null, int_value: 17000 + u } }],
        user_id: userId,
        user_pseudo_id: pseudo,
        traffic_source: traffic,
        items: [{ item_id: `SKU${p}`, item_name: "Item", price: revenue, quantity: 1 }],
      };
      events.push({ ...base, event_timestamp: micros - 5_000_000, event_name: "page_view", ecommerce: null });
      const purchase = (at: number): Ga4Event => ({
        ...base,
        event_timestamp: at,
        event_name: "purchase",
        ecommerce: {
          transaction_id: transaction,
          purchase_revenue: revenue,
          purchase_revenue_in_usd: Math.round(revenue * 1.1 * 100) / 100,
          refund_value: null,
          refund_value_in_usd: null,
          total_item_quantity: 1,
        },
      });
      events.push(purchase(micros));
      const customer = userId ?? pseudo;
      const segment = `${traffic.source} / ${traffic.medium}`;
      flat.push({ ord: micros, row: [customer, isoDay(day), String(revenue), segment], group });
      // A reloaded thank-you page records the purchase again, seconds later.
      if (rand() < 0.15) events.push(purchase(micros + 3_000_000));
      if (rand() < 0.1 && day + 3 < firstDay + dayCount) {
        const refundDay = day + 3;
        const at = ((refundDay * 86_400 + 43_200 - offsetHours(refundDay) * 3600) * 1e6 + clock++) as number;
        const refund = Math.round(revenue * 0.5 * 100) / 100;
        const { group: refundGroup, ...refundClick } = session(refundDay);
        const { session_traffic_source_last_click: _, ...withoutClick } = base;
        events.push({
          ...withoutClick,
          ...refundClick,
          event_date: isoDay(refundDay).replace(/-/g, ""),
          event_timestamp: at,
          event_name: "refund",
          ecommerce: {
            transaction_id: transaction,
            purchase_revenue: null,
            purchase_revenue_in_usd: null,
            refund_value: refund,
            refund_value_in_usd: Math.round(refund * 1.1 * 100) / 100,
            total_item_quantity: null,
          },
        });
        flat.push({
          ord: at,
          row: [customer, isoDay(refundDay), String(-refund), segment],
          group: refundGroup,
        });
      }
      day += 1 + Math.floor(rand() * 20);
    }
  }
  const days = new Map<number, Ga4Event[]>();
  for (const event of events) {
    const [y, m, d] = [event.event_date.slice(0, 4), event.event_date.slice(4, 6), event.event_date.slice(6)];
    const day = Date.UTC(Number(y), Number(m) - 1, Number(d)) / 86_400_000;
    days.set(day, [...(days.get(day) ?? []), event]);
  }
  flat.sort((a, b) => a.ord - b.ord);
  return {
    days,
    flat: [["customer_id", "date", "amount", "segment"], ...flat.map((f) => f.row)],
    channelGroups: flat.map((f) => f.group),
    intradayDay: firstDay + dayCount - 1,
    attributionDays,
  };
}

/**
 * Writes the sample as GA4's tables exported to Parquet: `events_YYYYMMDD.parquet` per day and, for
 * the last day, also `events_intraday_YYYYMMDD.parquet` holding the same events (as while the day's
 * export settles).
 */
export async function writeGa4Parquet(
  db: DuckDBConnection,
  sample: Ga4Sample,
  folder: string,
): Promise<void> {
  for (const [day, events] of sample.days) {
    const suffix = isoDay(day).replace(/-/g, "");
    const json = join(folder, `events_${suffix}.json`);
    writeFileSync(json, events.map((event) => JSON.stringify(event)).join("\n"));
    const names =
      day === sample.intradayDay ? [`events_${suffix}`, `events_intraday_${suffix}`] : [`events_${suffix}`];
    for (const name of names)
      await db.run(
        `COPY (SELECT * FROM read_json('${json}', format = 'newline_delimited', columns = ${schemaOf(attributionOn(day, sample.attributionDays))})) TO '${join(folder, `${name}.parquet`)}' (FORMAT parquet)`,
      );
  }
}
