/**
 * `--bigquery project.dataset.table`: the report computed inside BigQuery with the core's SQL in its
 * GoogleSQL dialect (core/sql), run with the official Node client as the user of the
 * application-default credentials, billed to `--billing-project`. The columns are found from the
 * table's schema (and, for a table, its first rows, which tabledata.list reads free of charge); each
 * round of queries is dry-run first and the bytes it will scan printed before it runs. The run stops
 * before a round that would take it past `--max-bytes` (a default without it: a command line in CI
 * has no one to ask), and each job is capped near its own dry run (`maximumBytesBilled`: core/sql/cost.ts
 * jobBytesCap). BigQuery's errors (no credentials, no access, not found, quota, the cap) come back in
 * plain words.
 */

import type {
  GetRowsOptions,
  JobMetadata,
  Query,
  QueryResultsOptions,
  RowMetadata,
  TableField,
  TableMetadata,
} from "@google-cloud/bigquery";
import type { Cell } from "../core/cells";
import type { ColumnMapping } from "../core/columns";
import type { Language } from "../core/language";
import {
  type BuildContext,
  type BuiltReport,
  ReportError,
  type ReportInput,
  refuseRowsOnlySheets,
  spendOf,
  withTermSheets,
} from "../core/report/build";
import { bytesText, jobBytesCap, onDemandUsd } from "../core/sql/cost";
import { type DateColumnType, dateColumnType, type SqlQuery } from "../core/sql/dialect";
import { type OrderLines, orderLines, ordersSource } from "../core/sql/orders";
import type { SqlSource } from "../core/sql/queries";
import { boundsQuery, inputCounts, type SqlReportRows, sqlReportPlan } from "../core/sql/report";
import type { BoundsRow } from "../core/sql/results";
import type { ColumnChoices } from "./columns";
import { type BigQueryTable, DEFAULT_MAX_BYTES } from "./options";
import { checkReadable, sqlColumns } from "./sql-source";

/** A query job as the engine uses it (the library's `Job` is one). */
export interface QueryJob {
  metadata: JobMetadata;
  getQueryResults(options?: QueryResultsOptions): Promise<[RowMetadata[], ...unknown[]]>;
}

/** A table as the engine uses it (the library's `Table` is one). */
export interface TableHandle {
  getMetadata(): Promise<[TableMetadata, ...unknown[]]>;
  getRows(options?: GetRowsOptions): Promise<[RowMetadata[], ...unknown[]]>;
}

/** The calls the engine makes, in the library's types: {@link bigQueryClient} is the official client; the tests fake it. */
export interface BigQueryClient {
  createQueryJob(options: Query): Promise<[QueryJob, ...unknown[]]>;
  table(project: string, dataset: string, table: string): TableHandle;
  /** The ids of a dataset's tables (tables.list: metadata, nothing scanned). */
  tableIds(project: string, dataset: string): Promise<string[]>;
}

/** The official client with application-default credentials, its jobs billed to `billingProject` (loaded only for --bigquery). */
export async function bigQueryClient(billingProject: string): Promise<BigQueryClient> {
  const { BigQuery } = await import("@google-cloud/bigquery");
  const client = new BigQuery({ projectId: billingProject });
  return {
    createQueryJob: (options) => client.createQueryJob(options),
    table: (project, dataset, table) => client.dataset(dataset, { projectId: project }).table(table),
    // getTables pages through tables.list itself (autoPaginate).
    tableIds: async (project, dataset) => {
      const [tables] = await client.dataset(dataset, { projectId: project }).getTables();
      return tables.map((table) => table.id ?? "");
    },
  };
}

/** Rows read from a table to find its columns by their values (as the CSV path reads 200). */
const SAMPLE_ROWS = 200;

/** A BigQuery value as a cell: DATE, TIMESTAMP and NUMERIC values come as objects. */
function cell(value: unknown): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === "number" || typeof value === "string" || typeof value === "boolean") return value;
  if (typeof value === "object" && "value" in value) return String(value.value);
  return String(value);
}

/** The date column's BigQuery type as the SQL reads it. */
function dateType(field: TableField, table: string): DateColumnType {
  const type = field.type ?? "STRING";
  const read = dateColumnType(type);
  if (read) return read;
  throw new ReportError(
    `${table}: the date column "${field.name}" is ${type} — expected DATE, DATETIME, TIMESTAMP or ISO text (2024-03-14)`,
  );
}

/**
 * The source of a table from its schema and first rows: columns found as the CSV path finds them.
 * Line items (an order column, or quantity × unit price) are read as their orders (`lines`, the
 * table's lines as core/sql/orders.ts reads them); ids that are blank or placeholders are left out
 * and counted either way.
 */
export function bigquerySource(
  table: BigQueryTable,
  metadata: TableMetadata,
  sample: readonly RowMetadata[],
  mapping?: Partial<ColumnMapping>,
  language?: Language,
  choices?: ColumnChoices,
  marginRate?: number,
): {
  source: SqlSource;
  notes: Pick<BuildContext, "marginSource" | "segmentColumn" | "orderColumn">;
  lines?: OrderLines;
} {
  const fields = metadata.schema?.fields ?? [];
  const headers = fields.map((field) => field.name ?? "");
  const rows: Cell[][] = [headers, ...sample.map((row) => headers.map((name) => cell(row[name])))];
  const { mapping: m, columns, notes, lines } = sqlColumns(rows, table.path, mapping, language, choices);
  const path = `${table.project}.${table.dataset}.${table.table}`;
  const type = dateType(fields[m.date], table.path);
  const orders = orderLines(
    { dialect: "bigquery", table: path, dateType: type, timeZone: "UTC", marginRate },
    columns,
    lines,
  );
  if (orders)
    return { source: ordersSource(orders), notes: { ...notes, orderColumn: lines.order }, lines: orders };
  const source: SqlSource = { table: path, columns, dateType: type, timeZone: "UTC", placeholderIds: true };
  return { source, notes };
}

/** An error of the client or of BigQuery, as the library gives it. */
interface ApiProblem {
  message?: string;
  /** An HTTP status, or a network error's code (ENOTFOUND). */
  code?: number | string;
  errors?: { reason?: string; message?: string }[];
}

/** BigQuery's errors in plain words; undefined for anything else. */
export function bigQueryProblem(error: unknown, table: BigQueryTable): string | undefined {
  const e = error as ApiProblem;
  const message = e?.message ?? "";
  const reason = e?.errors?.[0]?.reason ?? "";
  const billing = table.billingProject;
  if (/default credentials|Could not load the default|Unable to detect a Project Id/i.test(message))
    return "no Google credentials found — sign in with `gcloud auth application-default login`, then run this again";
  if (typeof e?.code === "string" && /^(ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT)$/.test(e.code))
    return `cannot reach BigQuery (${e.code}) — check the internet connection (or the proxy) and try again`;
  if (e?.code === 401 || /invalid_grant|invalid_rapt|reauth/i.test(message))
    return "your Google sign-in has expired — run `gcloud auth application-default login` again";
  if (/quota|rateLimit/i.test(reason) || e?.code === 429)
    return `BigQuery quota exceeded in project ${billing} (${message}) — try again later, or ask for a higher quota`;
  if (reason === "billingNotEnabled" || /billing/i.test(reason))
    return `project ${billing} cannot be billed for BigQuery (${message}) — give a project with billing as --billing-project`;
  if (e?.code === 403)
    return `no access (${message}) — your account needs to read ${table.path} (BigQuery Data Viewer) and to run queries in project ${billing} (BigQuery Job User; --billing-project chooses another)`;
  if (e?.code === 404)
    return `not found (${message}) — check the project, dataset and table names${table.location ? ` and --location ${table.location}` : ""}`;
  if (reason === "bytesBilledLimitExceeded" || /exceeded limit for bytes billed/i.test(message))
    return `a query would bill more than its dry run said (${message}) — the table grew while the report ran? Run it again`;
  if (e?.code === 400) return `BigQuery refused the query: ${message}`;
  return undefined;
}

/** Runs queries in BigQuery: each round dry-run first, its bytes told, then run; errors in plain words. */
export class Runner {
  constructor(
    private readonly client: BigQueryClient,
    private readonly table: BigQueryTable,
    private readonly log: (line: string) => void,
  ) {}

  async call<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      const problem = bigQueryProblem(error, this.table);
      if (problem) throw new ReportError(problem);
      throw error;
    }
  }

  /** A query job; a dry run when `maximumBytesBilled` is undefined, else a run billed at most that. */
  private job(query: SqlQuery, maximumBytesBilled?: number): Promise<[QueryJob, ...unknown[]]> {
    return this.client.createQueryJob({
      query: query.sql,
      params: Object.fromEntries(query.params.map((p) => [p.name, p.value])),
      types: Object.fromEntries(query.params.map((p) => [p.name, p.type])),
      parameterMode: "named",
      useLegacySql: false,
      location: this.table.location,
      ...(maximumBytesBilled === undefined
        ? { dryRun: true }
        : { dryRun: false, maximumBytesBilled: String(maximumBytesBilled) }),
    });
  }

  /**
   * The columns of a query's result, from its dry run (free): `statistics.query.schema`, "present
   * only for successful dry run of non-legacy SQL queries"
   * (https://cloud.google.com/bigquery/docs/reference/rest/v2/Job#JobStatistics2).
   */
  async resultSchema(query: SqlQuery): Promise<TableField[]> {
    const [job] = await this.call(() => this.job(query));
    return job.metadata.statistics?.query?.schema?.fields ?? [];
  }

  /**
   * The tables each job reads at least, each billed its own minimum: a GA4 export's event tables of
   * the days asked for, which a wildcard's dry run does not list.
   */
  tablesPerJob = 1;

  /** Bytes the queries run so far were estimated to scan. */
  private spent = 0;

  /**
   * Runs a round of queries by key, after a dry run of all of them: not at all when the run would
   * scan more than `--max-bytes` in all, and each job capped near its own dry run's bytes.
   */
  async round(
    what: string,
    queries: Record<string, SqlQuery | undefined>,
  ): Promise<Record<string, RowMetadata[]>> {
    const entries = Object.entries(queries).filter((e): e is [string, SqlQuery] => e[1] !== undefined);
    const estimates: { bytes: number; tables: number }[] = [];
    for (const [, query] of entries) {
      const [job] = await this.call(() => this.job(query));
      const { statistics } = job.metadata;
      // The tables a query reads, each billed its own minimum; a list of more than 50 is incomplete
      // (JobStatistics2.referencedTables), so such a job may be refused by its cap, never overbilled.
      const tables = Math.max(statistics?.query?.referencedTables?.length ?? 1, this.tablesPerJob);
      estimates.push({ bytes: Number(statistics?.totalBytesProcessed ?? 0), tables });
    }
    const bytes = estimates.reduce((sum, e) => sum + e.bytes, 0);
    this.checkBudget(what, bytes);
    this.log(
      `BigQuery: ${what} will scan ${bytesText(bytes)} (dry run, billed to ${this.table.billingProject}); running…`,
    );
    const rows: Record<string, RowMetadata[]> = {};
    for (const [i, [key, query]] of entries.entries()) {
      rows[key] = await this.call(async () => {
        const [job] = await this.job(query, jobBytesCap(estimates[i].bytes, estimates[i].tables));
        const [result] = await job.getQueryResults();
        return result;
      });
    }
    this.spent += bytes;
    return rows;
  }

  /** Refuses a round that would take the run past `--max-bytes`, saying what would allow it. */
  private checkBudget(what: string, bytes: number): void {
    const max = this.table.maxBytes ?? DEFAULT_MAX_BYTES;
    const total = this.spent + bytes;
    if (total <= max) return;
    const before = this.spent ? `, ${bytesText(total)} with the ${bytesText(this.spent)} already run` : "";
    const allow = `--max-bytes ${Math.ceil(total / 2 ** 30)}GiB`;
    throw new ReportError(
      `${what} would scan ${bytesText(bytes)} (dry run${before}), more than ` +
        `${this.table.maxBytes === undefined ? "the default --max-bytes" : "--max-bytes"} ${bytesText(max)} ` +
        `allows, so nothing more ran — to run it, give ${allow} (about $${onDemandUsd([total]).toFixed(2)} ` +
        "at the US on-demand price)",
    );
  }
}

/** The report of a BigQuery table or view, built like the JavaScript engine's (`buildReport`). */
export async function bigqueryCliReport(
  client: BigQueryClient,
  table: BigQueryTable,
  input: ReportInput,
  log: (line: string) => void,
  choices?: ColumnChoices,
): Promise<BuiltReport> {
  refuseRowsOnlySheets(input.options, "export the table to CSV and build them with --engine js");
  const runner = new Runner(client, table, log);
  const handle = client.table(table.project, table.dataset, table.table);
  const [metadata] = await runner.call(() => handle.getMetadata());
  // tabledata.list reads a table's first rows free of charge; a view has none to list.
  const sample =
    metadata.type === "TABLE"
      ? (await runner.call(() => handle.getRows({ maxResults: SAMPLE_ROWS, autoPaginate: false })))[0]
      : [];
  const { source, notes } = bigquerySource(
    table,
    metadata,
    sample,
    input.mapping,
    input.options.language,
    choices,
    input.options.marginRate,
  );
  const options = withTermSheets(input.options, source.columns.term !== undefined);
  const { bounds } = await runner.round("the first query (dates and row counts)", {
    bounds: boundsQuery("bigquery", source, options.marginRate),
  });
  const [row] = bounds as BoundsRow[];
  checkReadable(
    row,
    "a date that is not a date or ISO date text (YYYY-MM-DD)",
    "fix them or leave them out with a view",
  );
  const plan = sqlReportPlan(
    "bigquery",
    source,
    row,
    options,
    "there are no data rows — give a table with a customer id, a date and an amount",
  );
  const rows = await runner.round(`the report's ${Object.keys(plan.queries).length} queries`, plan.queries);
  const spend = spendOf(input);
  const context: BuildContext = { spend, ...notes, ...inputCounts(row) };
  return plan.build(rows as unknown as SqlReportRows, context);
}
