/**
 * The generated GA4 export (ga4-sample.ts) as a BigQuery dataset for the add-on's tests: the fake
 * BigQuery service (bigquery.ts) lists its `events_YYYYMMDD` tables (and one intraday table, and
 * tables of other exports the report must pass over), answers the schema's dry run with the DuckDB
 * twin's columns of the newest table (so the export has the session's default channel group when its
 * newest day has it), and answers the report's queries over the flattened events for the days and
 * segments asked — each computed by running the query's DuckDB twin over the Parquet files of those
 * days. A query over other days or segments than those registered finds no answer.
 */
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { runQuery } from "../../src/cli/duckdb-engine";
import { duckdbSchemaFields, ga4Files } from "../../src/cli/ga4-engine";
import { type DayNumber, dayNumber, isoDay } from "../../src/core/cells";
import type { ReportOptions } from "../../src/core/report/build";
import {
  type Ga4Currency,
  type Ga4Days,
  type Ga4Events,
  type Ga4SegmentColumn,
  ga4HasChannelGroup,
  ga4SchemaQuery,
  ga4Source,
  ga4StatsQuery,
} from "../../src/core/sql/ga4";
import { boundsQuery } from "../../src/core/sql/report";
import { answerFromDuckDB, FakeBigQuery } from "./bigquery";
import { type Ga4AttributionDays, generateGa4Sample, writeGa4Parquet } from "./ga4-sample";

export const GA4_DATASET = "shop-42.analytics_123456";
export const GA4_PROJECT = "billing-project";
/** The sample's days: 2024-01-01 … 2024-04-29. */
export const GA4_FIRST = dayNumber(2024, 1, 1);
export const GA4_DAYS = 120;
export const GA4_LAST: DayNumber = GA4_FIRST + GA4_DAYS - 1;

/** The report's queries the fake answers: over these days, in this currency, with these options, split by these segments. */
export interface Ga4Ask {
  days: Ga4Days;
  currency?: Ga4Currency;
  options: ReportOptions;
  /** @default ["source_medium"] */
  segments?: Ga4SegmentColumn[];
}

/**
 * A fake BigQuery holding the sample as `shop-42.analytics_123456`, answering the reports `asks`
 * describe, and the sample itself (its hand-flattened purchases, `flat`, and their channel groups).
 * `attributionDays`: from which days the export has the session's attribution and its default
 * channel group (by default none has).
 */
export async function ga4BigQuerySample(asks: Ga4Ask[], users = 250, attributionDays?: Ga4AttributionDays) {
  const sample = generateGa4Sample(GA4_FIRST, GA4_DAYS, users, 7, attributionDays);
  const dir = mkdtempSync(join(tmpdir(), "ga4-bigquery-"));
  const folder = join(dir, "analytics_123456");
  mkdirSync(folder);
  const instance = await DuckDBInstance.create(":memory:", { threads: "1" });
  const db = await instance.connect();
  try {
    await db.run("SET TimeZone = 'UTC'");
    await writeGa4Parquet(db, sample, folder);
    const fake = new FakeBigQuery();
    const suffix = (day: number) => isoDay(day).replace(/-/g, "");
    fake.datasets.set(GA4_DATASET, [
      // What else a GA4 link's dataset holds (the user-data export): no event tables.
      { name: "pseudonymous_users_20240429", type: "TABLE" },
      ...[...sample.days.keys()]
        .sort((a, b) => a - b)
        .map((day) => ({ name: `events_${suffix(day)}`, type: "TABLE" })),
      { name: `events_intraday_${suffix(sample.intradayDay)}`, type: "TABLE" },
      { name: "users_20240429", type: "TABLE" },
    ]);
    const columns = async (files: string[]) => {
      const result = await db.run(ga4SchemaQuery({ dialect: "duckdb", files }));
      return duckdbSchemaFields(result.columnNames(), result.columnTypes());
    };
    // The wildcard's columns: the newest table's.
    const newest = ga4Files(folder, { from: GA4_LAST, to: GA4_LAST });
    const wildcard = await columns(newest);
    fake.wildcardSchemas.set(`${GA4_DATASET}.events_*`, wildcard);
    const channelGroupField = ga4HasChannelGroup(wildcard);
    for (const ask of asks) {
      const currency = ask.currency ?? "local";
      const events: Ga4Events = { dialect: "bigquery", dataset: GA4_DATASET, days: ask.days };
      const files = ga4Files(folder, ask.days);
      // Files of days without the column cannot name it; their events have no channel group anyway.
      const twinField = ga4HasChannelGroup(await columns(files));
      const source = (segment: Ga4SegmentColumn) => ({
        bigquery: ga4Source(events, currency, "UTC", { channelGroupField, segment }),
        duckdb: ga4Source({ dialect: "duckdb", files }, currency, "UTC", {
          channelGroupField: twinField,
          segment,
        }),
      });
      for (const segment of ask.segments ?? ["source_medium"])
        await answerFromDuckDB(fake, db, source(segment), ask.options);
      // The first round (bounds, counts) reads the events split by source / medium, whatever the segment.
      const { bigquery, duckdb } = source("source_medium");
      const margin = ask.options.marginRate;
      const bounds = await runQuery<Record<string, unknown>>(db, boundsQuery("duckdb", duckdb, margin));
      fake.answer(boundsQuery("bigquery", bigquery, margin), bounds);
      const stats = await runQuery<Record<string, unknown>>(db, {
        sql: ga4StatsQuery(duckdb.from as string),
        params: [],
      });
      fake.answer({ sql: ga4StatsQuery(bigquery.from as string), params: [] }, stats);
    }
    return { fake, sample };
  } finally {
    db.closeSync();
    instance.closeSync();
    rmSync(dir, { recursive: true, force: true });
  }
}
