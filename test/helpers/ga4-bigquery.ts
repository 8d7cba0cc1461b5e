/**
 * The generated GA4 export (ga4-sample.ts) as a BigQuery dataset for the add-on's tests: the fake
 * BigQuery service (bigquery.ts) lists its `events_YYYYMMDD` tables (and one intraday table, and
 * tables of other exports the report must pass over), and answers the report's queries over the
 * flattened events for the days asked — each computed by running the query's DuckDB twin over the
 * Parquet files of those days. A query over other days than those registered finds no answer.
 */
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { runQuery } from "../../src/cli/duckdb-engine";
import { ga4Files } from "../../src/cli/ga4-engine";
import { type DayNumber, dayNumber, isoDay } from "../../src/core/cells";
import type { ReportOptions } from "../../src/core/report/build";
import { type Ga4Currency, type Ga4Days, ga4Source, ga4StatsQuery } from "../../src/core/sql/ga4";
import { answerFromDuckDB, FakeBigQuery } from "./bigquery";
import { generateGa4Sample, writeGa4Parquet } from "./ga4-sample";

export const GA4_DATASET = "shop-42.analytics_123456";
export const GA4_PROJECT = "billing-project";
/** The sample's days: 2024-01-01 … 2024-04-29. */
export const GA4_FIRST = dayNumber(2024, 1, 1);
export const GA4_DAYS = 120;
export const GA4_LAST: DayNumber = GA4_FIRST + GA4_DAYS - 1;

/** The report's queries the fake answers: over these days, in this currency, with these options. */
export interface Ga4Ask {
  days: Ga4Days;
  currency?: Ga4Currency;
  options: ReportOptions;
}

/**
 * A fake BigQuery holding the sample as `shop-42.analytics_123456`, answering the reports `asks`
 * describe, and the sample itself (its hand-flattened purchases, `flat`).
 */
export async function ga4BigQuerySample(asks: Ga4Ask[], users = 250) {
  const sample = generateGa4Sample(GA4_FIRST, GA4_DAYS, users);
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
    for (const ask of asks) {
      const currency = ask.currency ?? "local";
      const bigquery = ga4Source({ dialect: "bigquery", dataset: GA4_DATASET, days: ask.days }, currency);
      const files = ga4Files(folder, ask.days);
      const twin = ga4Source({ dialect: "duckdb", files }, currency);
      await answerFromDuckDB(fake, db, { bigquery, duckdb: twin }, ask.options);
      const stats = await runQuery<Record<string, unknown>>(db, {
        sql: ga4StatsQuery(twin.from as string),
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
