/**
 * `--ga4`: the report of a Google Analytics 4 export (core/sql/ga4.ts), computed where the export is:
 * - `--ga4 FOLDER`: the export saved as Parquet files (`events_YYYYMMDD.parquet`, as BigQuery exports
 *   a table), read by DuckDB — only the files of the days asked for;
 * - `--ga4 project.analytics_123456`: the dataset in BigQuery, through the same runner as `--bigquery`
 *   (each round dry-run first), its wildcard scan bounded by `_TABLE_SUFFIX`.
 * Both flatten the events into one row per purchase or refund with the same SQL and then run the same
 * report queries as a flat table. The segment (`--ga4-segment`) is the session's default channel group
 * where the export has it on every purchase read, else the user's first source / medium
 * (core/sql/ga4.ts `ga4SegmentChoice`); whether the export has it is read from the schema the queries
 * will see — the union of the Parquet files read, or BigQuery's wildcard table (the newest table's).
 */
import { readdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { type DuckDBConnection, DuckDBStructType, type DuckDBType } from "@duckdb/node-api";
import type { Language } from "../core/language";
import { type BuiltReport, ReportError, type ReportInput, spendOf } from "../core/report/build";
import { type Ga4SegmentControl, ga4SourceText, wordsOf } from "../core/report/words";
import {
  GA4_CHANNEL_GROUP_FIELD,
  type Ga4Currency,
  type Ga4Days,
  type Ga4Events,
  type Ga4SchemaField,
  type Ga4SegmentAsked,
  type Ga4SegmentChoice,
  type Ga4Stats,
  ga4DayWanted,
  ga4HasChannelGroup,
  ga4SchemaQuery,
  ga4SegmentAvailable,
  ga4SegmentChoice,
  ga4Source,
  ga4StatsQuery,
  ga4TableDay,
  ga4TablesRead,
  ga4Transactions,
} from "../core/sql/ga4";
import type { SqlSource } from "../core/sql/queries";
import { boundsQuery, type SqlReportRows, sqlReportPlan } from "../core/sql/report";
import type { BoundsRow } from "../core/sql/results";
import { type BigQueryClient, Runner } from "./bigquery-engine";
import { type DuckDbWork, duckdbReport, runQuery, withDuckDb } from "./duckdb-engine";
import { type BigQueryTable, UsageError } from "./options";

/** `--ga4` and the options that go with it. */
export interface Ga4Options {
  /** A folder of Parquet files, or a BigQuery `project.dataset`. */
  path: string;
  days: Ga4Days;
  currency: Ga4Currency;
  /** `--ga4-segment`. @default "auto" */
  segment?: Ga4SegmentAsked;
}

/** A GA4 report and what was read to build it. */
export interface Ga4Report {
  report: BuiltReport;
  stats: Ga4Stats;
  segment: Ga4SegmentChoice;
}

/** How the command line names the segment asked for: its `--ga4-segment` option and value. */
const SEGMENT_OPTION: Ga4SegmentControl = (asked) => `--ga4-segment ${asked}`;

/**
 * How the report describes where its transactions came from and what was counted and, given the
 * segment, what it is — in the report's language, the add-on's text too (words.ts), naming
 * `--ga4-segment`.
 */
export function ga4Description(
  path: string,
  stats: Ga4Stats,
  segment?: Ga4SegmentChoice,
  language?: Language,
): string {
  return ga4SourceText(language, path, stats, segment, SEGMENT_OPTION);
}

/** Which segment a GA4 report splits by, and why, as the command line prints it (in English, as its other lines). */
export function ga4SegmentText(choice: Ga4SegmentChoice): string {
  return wordsOf("en").ga4Segment(choice, SEGMENT_OPTION);
}

/**
 * Refuses `--ga4-segment channel-group` from an export without the channel group, before any query
 * runs; `where` says which schema was looked at.
 */
function checkSegment(path: string, where: string, channelGroupField: boolean, asked: Ga4SegmentAsked): void {
  if (!ga4SegmentAvailable(channelGroupField, asked))
    throw new UsageError(
      `--ga4-segment channel-group: ${path} has no ${GA4_CHANNEL_GROUP_FIELD.join(".")} ${where} ` +
        "(GA4 exports it from 2024-10-10 on) — give --ga4-segment source-medium or auto",
    );
}

/** A DuckDB result's columns as a schema's fields, a STRUCT's entries as its nested fields. */
export function duckdbSchemaFields(names: readonly string[], types: readonly DuckDBType[]): Ga4SchemaField[] {
  return names.map((name, i) => {
    const type = types[i];
    return type instanceof DuckDBStructType
      ? { name, fields: duckdbSchemaFields(type.entryNames, type.entryTypes) }
      : { name };
  });
}

/** Whether the Parquet files read have the channel group (in the union of their schemas). */
async function duckdbHasChannelGroup(connection: DuckDBConnection, events: Ga4Events): Promise<boolean> {
  const result = await connection.run(ga4SchemaQuery(events));
  return ga4HasChannelGroup(duckdbSchemaFields(result.columnNames(), result.columnTypes()));
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
export function duckdbGa4Report(ga4: Ga4Options, input: ReportInput): Promise<Ga4Report> {
  const files = ga4Files(ga4.path, ga4.days).map((file) => resolve(file));
  const asked = ga4.segment ?? "auto";
  return withDuckDb(files, ga4.path, async ({ connection }: DuckDbWork) => {
    const events: Ga4Events = { dialect: "duckdb", files };
    const channelGroupField = await duckdbHasChannelGroup(connection, events);
    checkSegment(ga4.path, "in the files of the days read", channelGroupField, asked);
    // The flattened rows once, in event order (their row ids are the JavaScript engine's data order).
    const flat = ga4Transactions(events, ga4.currency, channelGroupField);
    await connection.run(
      `CREATE TABLE transactions AS SELECT * FROM ${flat} AS flat ORDER BY ord, customer_id`,
    );
    const [row] = await runQuery<Record<string, unknown>>(connection, {
      sql: ga4StatsQuery("transactions"),
      params: [],
    });
    const stats = numbers(row) as unknown as Ga4Stats;
    const segment = ga4SegmentChoice(channelGroupField, stats, asked);
    const source: SqlSource = {
      ...ga4Source(events, ga4.currency),
      table: "transactions",
      from: undefined,
      columns: {
        customerId: "customer_id",
        date: "day",
        amount: "amount",
        segment: segment.column,
        order: "rowid",
      },
    };
    const options = {
      ...input.options,
      source: ga4Description(ga4.path, stats, segment, input.options.language),
    };
    const spend = spendOf(input);
    const report = await duckdbReport(connection, source, options, {
      spend,
      segmentColumn: wordsOf(input.options.language).ga4SegmentName[segment.column],
    });
    return { report, stats, segment };
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
): Promise<Ga4Report> {
  const runner = new Runner(client, dataset, log);
  const events: Ga4Events = {
    dialect: "bigquery",
    dataset: `${dataset.project}.${dataset.dataset}`,
    days: ga4.days,
  };
  const asked = ga4.segment ?? "auto";
  const tables = await runner.call(() => client.tableIds(dataset.project, dataset.dataset));
  runner.tablesPerJob = ga4TablesRead(tables, ga4.days);
  // The wildcard table's schema, as the queries will see it (a dry run: free).
  const channelGroupField = ga4HasChannelGroup(
    await runner.resultSchema({ sql: ga4SchemaQuery(events), params: [] }),
  );
  checkSegment(dataset.path, "in its events_* tables' schema", channelGroupField, asked);
  const flat = ga4Source(events, ga4.currency, "UTC", { channelGroupField, segment: "source_medium" });
  const first = await runner.round("the first queries (dates, row counts, GA4 purchases)", {
    bounds: boundsQuery("bigquery", flat, input.options.marginRate),
    stats: { sql: ga4StatsQuery(flat.from as string), params: [] },
  });
  const [bounds] = first.bounds as BoundsRow[];
  const stats = numbers(first.stats[0]) as unknown as Ga4Stats;
  const segment = ga4SegmentChoice(channelGroupField, stats, asked);
  const source = ga4Source(events, ga4.currency, "UTC", { channelGroupField, segment: segment.column });
  const options = {
    ...input.options,
    source: ga4Description(dataset.path, stats, segment, input.options.language),
  };
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
    segmentColumn: wordsOf(input.options.language).ga4SegmentName[segment.column],
  });
  return { report, stats, segment };
}
