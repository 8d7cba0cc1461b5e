/**
 * `--ga4`: the report of a Google Analytics 4 export (core/sql/ga4.ts), computed where the export is:
 * - `--ga4 FOLDER`: the export saved as Parquet files (`events_YYYYMMDD.parquet`, as BigQuery exports
 *   a table), read by DuckDB — only the files of the days asked for;
 * - `--ga4 project.analytics_123456`: the dataset in BigQuery, through the same runner as `--bigquery`
 *   (each round dry-run first), its wildcard scan bounded by `_TABLE_SUFFIX`.
 * Both flatten the events into one row per purchase or refund with the same SQL and then run the same
 * report queries as a flat table.
 */
import { readdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import type { Language } from "../core/language";
import {
  type BuiltReport,
  ReportError,
  type ReportInput,
  refuseRowsOnlySheets,
  spendOf,
} from "../core/report/build";
import { wordsOf } from "../core/report/words";
import {
  type Ga4Currency,
  type Ga4Days,
  type Ga4Stats,
  ga4DayWanted,
  ga4Source,
  ga4StatsQuery,
  ga4TableDay,
  ga4Transactions,
} from "../core/sql/ga4";
import type { SqlSource } from "../core/sql/queries";
import { boundsQuery, type SqlReportRows, sqlReportPlan } from "../core/sql/report";
import type { BoundsRow } from "../core/sql/results";
import { type BigQueryClient, Runner } from "./bigquery-engine";
import { type DuckDbWork, duckdbReport, runQuery, withDuckDb } from "./duckdb-engine";
import type { BigQueryTable } from "./options";

/** `--ga4` and the options that go with it. */
export interface Ga4Options {
  /** A folder of Parquet files, or a BigQuery `project.dataset`. */
  path: string;
  days: Ga4Days;
  currency: Ga4Currency;
}

/** How the report describes where its transactions came from and what was counted, in the report's language (words.ts, shared with the add-on). */
export function ga4Description(path: string, stats: Ga4Stats, language?: Language): string {
  return wordsOf(language).ga4Source(path, stats);
}

/** The sheets a GA4 report cannot have yet (those fitted on every row), refused before any query runs. */
function checkSheets(input: ReportInput): void {
  refuseRowsOnlySheets(input.options, "they cannot be built from --ga4 yet");
}

/** The GA4 event files of a folder within the days asked for, sorted; an error naming the folder when there are none. */
export function ga4Files(folder: string, days: Ga4Days): string[] {
  const names = readdirSync(folder).filter(
    (name) => ga4TableDay(name) !== undefined && name.endsWith(".parquet"),
  );
  if (!names.length)
    throw new ReportError(
      `${folder}: no GA4 event files — expected events_YYYYMMDD.parquet files, as BigQuery exports the daily tables`,
    );
  const wanted = names.filter((name) => ga4DayWanted(ga4TableDay(name) as number, days)).sort();
  if (!wanted.length)
    throw new ReportError(`${folder}: no GA4 event files in the days asked for (--start, --end)`);
  return wanted.map((name) => join(folder, name));
}

/** Whether `--ga4` names a folder (DuckDB) rather than a BigQuery dataset. */
export function isGa4Folder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** The report of a folder of GA4 Parquet files, computed in DuckDB. */
export function duckdbGa4Report(
  ga4: Ga4Options,
  input: ReportInput,
): Promise<{ report: BuiltReport; stats: Ga4Stats }> {
  checkSheets(input);
  const files = ga4Files(ga4.path, ga4.days).map((file) => resolve(file));
  return withDuckDb(files, ga4.path, async ({ connection }: DuckDbWork) => {
    // The flattened rows once, in event order (their row ids are the JavaScript engine's data order).
    const flat = ga4Transactions({ dialect: "duckdb", files }, ga4.currency);
    await connection.run(
      `CREATE TABLE transactions AS SELECT * FROM ${flat} AS flat ORDER BY ord, customer_id`,
    );
    const [row] = await runQuery<Record<string, unknown>>(connection, {
      sql: ga4StatsQuery("transactions"),
      params: [],
    });
    const stats = numbers(row) as unknown as Ga4Stats;
    const source: SqlSource = {
      ...ga4Source({ dialect: "duckdb", files }, ga4.currency),
      table: "transactions",
      from: undefined,
      columns: {
        customerId: "customer_id",
        date: "day",
        amount: "amount",
        segment: "segment",
        order: "rowid",
      },
    };
    const options = { ...input.options, source: ga4Description(ga4.path, stats, input.options.language) };
    const spend = spendOf(input);
    const report = await duckdbReport(connection, source, options, {
      spend,
      segmentColumn: "traffic_source.source / medium",
    });
    return { report, stats };
  });
}

/** A result row's counts as numbers (BigQuery may give INT64 as text; SUM over no rows is NULL). */
function numbers(row: Record<string, unknown> | undefined): Record<string, number> {
  return Object.fromEntries(Object.entries(row ?? {}).map(([key, value]) => [key, Number(value ?? 0)]));
}

/** The report of a GA4 dataset in BigQuery: the flattened events read through `_TABLE_SUFFIX` bounds. */
export async function bigqueryGa4Report(
  client: BigQueryClient,
  dataset: BigQueryTable,
  ga4: Ga4Options,
  input: ReportInput,
  log: (line: string) => void,
): Promise<{ report: BuiltReport; stats: Ga4Stats }> {
  checkSheets(input);
  const runner = new Runner(client, dataset, log);
  const source = ga4Source(
    { dialect: "bigquery", dataset: `${dataset.project}.${dataset.dataset}`, days: ga4.days },
    ga4.currency,
  );
  const first = await runner.round("the first queries (dates, row counts, GA4 purchases)", {
    bounds: boundsQuery("bigquery", source, input.options.marginRate),
    stats: { sql: ga4StatsQuery(source.from as string), params: [] },
  });
  const [bounds] = first.bounds as BoundsRow[];
  const stats = numbers(first.stats[0]) as unknown as Ga4Stats;
  const options = { ...input.options, source: ga4Description(dataset.path, stats, input.options.language) };
  const plan = sqlReportPlan(
    "bigquery",
    source,
    bounds,
    options,
    `${dataset.path}: no purchase events in the days asked for`,
  );
  const rows = await runner.round(`the report's ${Object.keys(plan.queries).length} queries`, plan.queries);
  const spend = spendOf(input);
  const report = plan.build(rows as unknown as SqlReportRows, {
    spend,
    segmentColumn: "traffic_source.source / medium",
  });
  return { report, stats };
}
