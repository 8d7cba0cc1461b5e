/**
 * A strict in-memory fake of Apps Script's BigQuery advanced service (v2), typed from
 * GoogleAppsScript.BigQuery: `Tables.get`, `Tables.list` (a few tables a page), `Jobs.query` (dry runs
 * too) and `Jobs.getQueryResults`, nothing else (anything else throws, every call is counted). A dry
 * run says each query scans {@link FakeBigQuery.scanBytes}, except one that reads no row (`WHERE …
 * FALSE`), which scans nothing and, over a wildcard table registered in
 * {@link FakeBigQuery.wildcardSchemas}, answers with its columns as jobs.query does (`schema`). Every query it is sent must be
 * GoogleSQL that node-sql-parser's BigQuery grammar parses, with NAMED parameters for every `@name`
 * in its text and, unless a dry run, a `maximumBytesBilled`. A query's rows are the answer registered
 * for its exact text and parameter values (see {@link answerFromDuckDB}: the DuckDB dialect of the same
 * plan run on the same data), returned as REST does — `{f: [{v: "12"}]}`, values as strings — a few
 * rows per page, after a first response that says the job is not complete yet.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type DuckDBConnection, DuckDBInstance } from "@duckdb/node-api";
import bigquery from "node-sql-parser/build/bigquery.js";
import { runQuery } from "../../src/cli/duckdb-engine";
import { isoDay } from "../../src/core/cells";
import type { ReportOptions } from "../../src/core/report/build";
import { generateSample } from "../../src/core/sample/generate";
import type { SqlQuery } from "../../src/core/sql/dialect";
import { type OrderLines, ordersSource } from "../../src/core/sql/orders";
import type { SqlSource } from "../../src/core/sql/queries";
import { boundsQuery, sqlReportPlan } from "../../src/core/sql/report";
import type { BoundsRow } from "../../src/core/sql/results";
import { type Calls, newCalls, strictFake } from "./fake";

type Schema = GoogleAppsScript.BigQuery.Schema.TableFieldSchema;
type Row = Record<string, unknown>;
/** jobs.query's request; `maximumBytesBilled` is newer than the published types. */
type Request = GoogleAppsScript.BigQuery.Schema.QueryRequest & { maximumBytesBilled?: string };

const { Parser } = bigquery as typeof import("node-sql-parser");
const parser = new Parser();

/** The errors BigQuery answers with, as Apps Script throws them. */
export const BIGQUERY_ERRORS = {
  accessDenied: [403, "Access Denied: Table p:shop.orders: User does not have permission to query table"],
  notFound: [404, "Not found: Table p:shop.orders was not found in location EU"],
  quotaExceeded: [403, "Quota exceeded: Your project exceeded quota for free query bytes scanned"],
  billingNotEnabled: [403, "Billing has not been enabled for this project. Enable billing"],
  bytesBilledLimitExceeded: [
    400,
    "Query exceeded limit for bytes billed: 20971520. 31457280 or higher required.",
  ],
  timeout: [408, "Timeout: the job did not complete"],
  invalidQuery: [400, "Unrecognized name: total at [3:7]"],
  // The OAuth token lacks the scope (a user who unticked BigQuery at consent, or a revoked grant).
  insufficientPermissions: [403, "Request had insufficient authentication scopes."],
} as const;

export type BigQueryErrorReason = keyof typeof BIGQUERY_ERRORS;

/** What Apps Script throws for a failed advanced-service call (a GoogleJsonResponseException). */
function apiError(method: string, reason: BigQueryErrorReason): Error {
  const [code, message] = BIGQUERY_ERRORS[reason];
  const error = new Error(`API call to bigquery.${method} failed with error: ${message}`);
  Object.assign(error, {
    name: "GoogleJsonResponseException",
    details: { code, message, errors: [{ reason, message }] },
  });
  return error;
}

export class FakeBigQuery {
  readonly calls: Calls = newCalls();
  /** Tables by `project.dataset.table`: their columns. */
  readonly tables = new Map<string, Schema[]>();
  /** Their kind and last-modified time (ms since the epoch, as a string) as tables.get gives them; default a TABLE. */
  readonly kinds = new Map<string, { type: string; lastModifiedTime: string }>();
  /**
   * The columns of wildcard tables by `project.dataset.prefix*` (a GA4 export's `events_*`): a dry run
   * of `SELECT * FROM` it answers with them, whatever its `_TABLE_SUFFIX` bounds — BigQuery gives a
   * wildcard one table's schema; unregistered, the dry run answers with no schema.
   */
  readonly wildcardSchemas = new Map<string, Schema[]>();
  /** Datasets by `project.dataset`: their tables' names and kinds, as tables.list gives them. */
  readonly datasets = new Map<string, { name: string; type: string }[]>();
  /** The most tables a tables.list page holds (fewer when the call asks for fewer with `maxResults`). */
  listPageSize = 50;
  /** Rows by query text and parameters. */
  private readonly answers = new Map<string, Row[]>();
  /** Every request jobs.query was sent. */
  readonly requests: Request[] = [];
  /** What a dry run says each query scans. */
  scanBytes = 3 * 2 ** 30;
  /** What a real job bills, when not what its dry run said (a table that grew in between). */
  billedBytes?: number;
  pageSize = 2;
  /** The next call of this method fails with this error. */
  failure?: {
    method: "jobs.query" | "tables.get" | "tables.list" | "jobs.getQueryResults";
    reason: BigQueryErrorReason;
  };
  private jobs = new Map<string, { rows: Row[]; schema: Schema[]; polled: boolean }>();

  /** A fresh fake (no calls, no failure) with the same tables and answers. */
  copy(): FakeBigQuery {
    const copy = new FakeBigQuery();
    for (const [table, fields] of this.tables) copy.tables.set(table, fields);
    for (const [table, kind] of this.kinds) copy.kinds.set(table, { ...kind });
    for (const [dataset, tables] of this.datasets) copy.datasets.set(dataset, tables);
    for (const [wildcard, fields] of this.wildcardSchemas) copy.wildcardSchemas.set(wildcard, fields);
    for (const [key, rows] of this.answers) copy.answers.set(key, rows);
    return copy;
  }

  answer(query: SqlQuery, rows: Row[]): void {
    this.answers.set(
      keyOf(
        query.sql,
        query.params.map((p) => [p.name, p.type, String(p.value)]),
      ),
      rows,
    );
  }

  private fail(method: NonNullable<FakeBigQuery["failure"]>["method"]): void {
    if (this.failure?.method !== method) return;
    const { reason } = this.failure;
    this.failure = undefined;
    throw apiError(method, reason);
  }

  /** A dry run's QueryResponse: the bytes scanned and, for a query reading no row of a registered wildcard, its columns. */
  private dryRun(sql: string): GoogleAppsScript.BigQuery.Schema.QueryResponse {
    const noRows = /\bFALSE\s*$/.test(sql);
    const wildcard = /^SELECT \* FROM `([^`]+)`/.exec(sql)?.[1];
    const fields = noRows && wildcard ? this.wildcardSchemas.get(wildcard) : undefined;
    return {
      kind: "bigquery#queryResponse",
      totalBytesProcessed: noRows ? "0" : String(this.scanBytes),
      jobComplete: true,
      ...(fields ? { schema: { fields } } : {}),
    };
  }

  service(): GoogleAppsScript.BigQuery {
    const tables = strictFake<GoogleAppsScript.BigQuery.Collection.TablesCollection>(
      "BigQuery.Tables",
      {
        get: (projectId: string, datasetId: string, tableId: string) => {
          this.fail("tables.get");
          const name = `${projectId}.${datasetId}.${tableId}`;
          const fields = this.tables.get(name);
          if (!fields) throw apiError("tables.get", "notFound");
          const kind = this.kinds.get(name) ?? { type: "TABLE", lastModifiedTime: "1700000000000" };
          return { schema: { fields }, ...kind };
        },
        list: (projectId: string, datasetId: string, optionalArgs?: object) => {
          this.fail("tables.list");
          const tables = this.datasets.get(`${projectId}.${datasetId}`);
          if (!tables) throw apiError("tables.list", "notFound");
          const options = (optionalArgs ?? {}) as { maxResults?: number; pageToken?: string };
          const start = Number(options.pageToken ?? 0);
          const end = start + Math.min(this.listPageSize, options.maxResults ?? Number.POSITIVE_INFINITY);
          return {
            kind: "bigquery#tableList",
            totalItems: tables.length,
            tables: tables.slice(start, end).map((table) => ({
              kind: "bigquery#table",
              id: `${projectId}:${datasetId}.${table.name}`,
              tableReference: { projectId, datasetId, tableId: table.name },
              type: table.type,
            })),
            nextPageToken: end < tables.length ? String(end) : undefined,
          };
        },
      },
      this.calls,
    );
    const jobs = strictFake<GoogleAppsScript.BigQuery.Collection.JobsCollection>(
      "BigQuery.Jobs",
      {
        query: (request: Request) => {
          this.requests.push(request);
          this.fail("jobs.query");
          const sql = checked(request);
          if (request.dryRun) return this.dryRun(sql);
          if (!(Number(request.maximumBytesBilled) > 0))
            throw new Error("fake BigQuery: a job without maximumBytesBilled");
          // A job bills what it scans; above its cap BigQuery refuses it.
          if ((this.billedBytes ?? this.scanBytes) > Number(request.maximumBytesBilled))
            throw apiError("jobs.query", "bytesBilledLimitExceeded");
          const values = (request.queryParameters ?? []).map((p) => [
            p.name,
            p.parameterType?.type,
            p.parameterValue?.value,
          ]);
          const rows = this.answers.get(keyOf(sql, values));
          if (!rows)
            throw new Error(`fake BigQuery: no answer registered for\n${sql}${JSON.stringify(values)}`);
          const jobId = `job-${this.jobs.size + 1}`;
          this.jobs.set(jobId, { rows, schema: schemaOf(rows), polled: false });
          // The first response only says the job is running: the add-on must ask again.
          return { jobReference: { projectId: "billing", jobId, location: "EU" }, jobComplete: false };
        },
        getQueryResults: (projectId: string, jobId: string, optionalArgs?: object) => {
          const options = optionalArgs as { pageToken?: string; location?: string } | undefined;
          this.fail("jobs.getQueryResults");
          const job = this.jobs.get(jobId);
          if (!job || options?.location !== "EU") throw apiError("jobs.getQueryResults", "notFound");
          const start = Number(options.pageToken ?? 0);
          const end = start + this.pageSize;
          return {
            jobReference: { projectId, jobId, location: "EU" },
            jobComplete: true,
            schema: { fields: job.schema },
            totalRows: String(job.rows.length),
            rows: job.rows
              .slice(start, end)
              .map((row) => ({ f: job.schema.map((f) => ({ v: rest(row[f.name as string]) })) })),
            pageToken: end < job.rows.length ? String(end) : undefined,
          };
        },
      },
      this.calls,
    );
    return strictFake<GoogleAppsScript.BigQuery>("BigQuery", { Tables: tables, Jobs: jobs }, this.calls);
  }
}

function keyOf(sql: string, params: unknown[][]): string {
  return `${sql}\u0000${JSON.stringify([...params].sort())}`;
}

/** The request as jobs.query requires it; the SQL parsed as BigQuery's, its parameters all given. */
function checked(request: GoogleAppsScript.BigQuery.Schema.QueryRequest): string {
  if (request.useLegacySql !== false || request.parameterMode !== "NAMED") {
    throw new Error("fake BigQuery: queries must be GoogleSQL with NAMED parameters");
  }
  const sql = request.query ?? "";
  parser.astify(sql, { database: "bigquery" });
  const given = new Set((request.queryParameters ?? []).map((p) => p.name));
  for (const [, name] of sql.matchAll(/@(\w+)/g)) {
    if (!given.has(name)) throw new Error(`fake BigQuery: no value for @${name}`);
  }
  return sql;
}

/** A value as REST carries it: a string, or null (the published types call it `object`). */
function rest(value: unknown): object {
  return (value === null || value === undefined ? null : String(value)) as unknown as object;
}

/** The result schema: a column of whole numbers is INT64, of other numbers FLOAT64, else STRING. */
function schemaOf(rows: Row[]): Schema[] {
  const names = rows.length ? Object.keys(rows[0]) : [];
  return names.map((name) => {
    const values = rows.map((r) => r[name]).filter((v) => v !== null && v !== undefined);
    const numbers = values.every((v) => typeof v === "number");
    const type = !numbers ? "STRING" : values.every(Number.isInteger) ? "INT64" : "FLOAT64";
    return { name, type };
  });
}

/**
 * Registers the answers of a report's BigQuery queries: the DuckDB dialect of the same plan, run on
 * the same rows (loaded in `db` as `duckSource`), two rounds as the add-on runs them.
 */
export async function answerFromDuckDB(
  fake: FakeBigQuery,
  db: DuckDBConnection,
  source: { bigquery: SqlSource; duckdb: SqlSource },
  options: ReportOptions,
): Promise<void> {
  const [bounds] = await runQuery<BoundsRow>(db, boundsQuery("duckdb", source.duckdb, options.marginRate));
  fake.answer(boundsQuery("bigquery", source.bigquery, options.marginRate), [{ ...bounds }]);
  const bq = sqlReportPlan("bigquery", source.bigquery, bounds, options, "no rows");
  const duck = sqlReportPlan("duckdb", source.duckdb, bounds, options, "no rows");
  for (const [key, query] of Object.entries(bq.queries)) {
    const twin = duck.queries[key as keyof typeof duck.queries];
    if (!twin) throw new Error(`no DuckDB twin of the ${key} query`);
    const rows = await runQuery<Row>(db, twin);
    fake.answer(query, rows);
  }
}

/** The sample table the tests query: `shop-data.sales.orders` in BigQuery, billed to `billing-project`. */
export const SAMPLE_TABLE = "shop-data.sales.orders";
export const SAMPLE_PROJECT = "billing-project";

/**
 * An export of line items in UCI Online Retail's shape: invoices of one to four lines, some spanning
 * two days, cancellations (`C…`, negative quantities), and lines without a customer id — blank or a
 * placeholder. Each customer has one country (first purchases on one day never differ in segment:
 * a BigQuery table has no row order to tell them apart as the JavaScript engine does).
 */
export function lineItems(): string[][] {
  const rows = [["InvoiceNo", "StockCode", "Quantity", "InvoiceDate", "UnitPrice", "CustomerID", "Country"]];
  const countries = ["United Kingdom", "France", "Germany"];
  const placeholders = ["", "N/A", "(blank)", "null", "-", "#N/A"];
  let invoice = 536000;
  let seed = 7;
  const next = () => {
    seed = (seed * 48271) % 2147483647;
    return seed / 2147483647;
  };
  const day = (d: number) => new Date(Date.UTC(2024, 0, 1 + d)).toISOString().slice(0, 10);
  for (let c = 0; c < 90; c++) {
    const customer = String(12000 + c * 7);
    const country = countries[c % 3];
    const invoices = 1 + Math.floor(next() * 4);
    let d = Math.floor(next() * 120);
    for (let i = 0; i < invoices; i++) {
      const no = String(invoice++);
      const lines = 1 + Math.floor(next() * 4);
      for (let l = 0; l < lines; l++) {
        const spans = l === lines - 1 && next() < 0.2 ? 1 : 0;
        const price = (1 + Math.floor(next() * 900) / 100).toFixed(2);
        rows.push([
          no,
          `S${l}`,
          String(1 + Math.floor(next() * 12)),
          day(d + spans),
          price,
          customer,
          country,
        ]);
      }
      if (next() < 0.15) rows.push([`C${no}`, "S0", "-2", day(d + 3), "4.25", customer, country]);
      d += 10 + Math.floor(next() * 60);
    }
  }
  for (let i = 0; i < 13; i++)
    rows.push([
      String(invoice++),
      "S9",
      "3",
      day(5 + i * 9),
      "2.50",
      placeholders[i % placeholders.length],
      "United Kingdom",
    ]);
  return rows;
}

/** How the add-on describes the sample table to the core's SQL (the columns the sidebar maps). */
export const SAMPLE_SOURCE: SqlSource = {
  table: SAMPLE_TABLE,
  columns: {
    customerId: "customer_id",
    date: "order_date",
    amount: "amount",
    segment: "channel",
    margin: undefined,
    cost: undefined,
  },
  dateType: "DATE",
  timeZone: "UTC",
  placeholderIds: true,
};

/** A line-items table the tests query: {@link lineItems} as `shop-data.sales.order_lines`. */
export const LINES_TABLE = "shop-data.sales.order_lines";

/** How the add-on reads it at a 40% margin, in the spreadsheet's UTC: its lines as orders (core/sql/orders.ts). */
export const LINES: OrderLines = {
  dialect: "bigquery",
  table: LINES_TABLE,
  columns: {
    customerId: "CustomerID",
    date: "InvoiceDate",
    order: "InvoiceNo",
    quantity: "Quantity",
    price: "UnitPrice",
    segment: "Country",
  },
  dateType: "DATE",
  timeZone: "UTC",
  marginRate: 0.4,
};

/** {@link lineItems} as a BigQuery table, added to `fake` with the answers of a report over it with `options`. */
export async function addLineItems(fake: FakeBigQuery, options: ReportOptions): Promise<string[][]> {
  const rows = lineItems();
  const types = ["STRING", "STRING", "INT64", "DATE", "FLOAT64", "STRING", "STRING"];
  const duckTypes: Record<string, string> = {
    STRING: "VARCHAR",
    INT64: "BIGINT",
    DATE: "DATE",
    FLOAT64: "DOUBLE",
  };
  const dir = mkdtempSync(join(tmpdir(), "bigquery-lines-"));
  const instance = await DuckDBInstance.create(":memory:", { threads: "1" });
  const db = await instance.connect();
  try {
    const file = join(dir, "lines.csv");
    writeFileSync(file, `${rows.map((row) => row.join(",")).join("\n")}\n`);
    const columns = rows[0].map((name, i) => `'${name}': '${duckTypes[types[i]]}'`).join(", ");
    await db.run(
      `CREATE TABLE lines AS SELECT * FROM read_csv('${file}', header = true, columns = {${columns}})`,
    );
    fake.tables.set(
      LINES_TABLE,
      rows[0].map((name, i) => ({ name, type: types[i] })),
    );
    const bigquery = ordersSource(LINES);
    const duckdb = ordersSource({ ...LINES, dialect: "duckdb", table: "lines" });
    await answerFromDuckDB(fake, db, { bigquery, duckdb }, options);
    return rows;
  } finally {
    db.closeSync();
    instance.closeSync();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The seeded sample's purchases as a BigQuery table (with a column the report does not use) and a
 * fake that answers the queries of a report over it with `options`, computed in DuckDB.
 */
export async function bigQuerySample(options: ReportOptions, customers = 250) {
  const purchases = generateSample({ customers, seed: 5 }).purchases.map((p) => ({
    id: p.customerId,
    day: isoDay(p.day),
    amount: Number(p.amount.toFixed(2)),
    channel: p.channel,
  }));
  const dir = mkdtempSync(join(tmpdir(), "bigquery-"));
  const instance = await DuckDBInstance.create(":memory:", { threads: "1" });
  const db = await instance.connect();
  try {
    const file = join(dir, "orders.csv");
    const lines = purchases.map((p) => [p.id, p.day, p.amount, p.channel].join(","));
    writeFileSync(file, `customer_id,order_date,amount,channel\n${lines.join("\n")}\n`);
    await db.run(
      `CREATE TABLE orders AS SELECT * FROM read_csv('${file}', header = true, columns = {'customer_id': 'VARCHAR', 'order_date': 'DATE', 'amount': 'DOUBLE', 'channel': 'VARCHAR'})`,
    );
    const fake = new FakeBigQuery();
    fake.tables.set(SAMPLE_TABLE, [
      { name: "customer_id", type: "STRING" },
      { name: "order_date", type: "DATE" },
      { name: "amount", type: "FLOAT64" },
      { name: "channel", type: "STRING" },
      { name: "note", type: "STRING" },
    ]);
    await answerFromDuckDB(
      fake,
      db,
      { bigquery: SAMPLE_SOURCE, duckdb: { ...SAMPLE_SOURCE, table: "orders" } },
      options,
    );
    return { fake, purchases };
  } finally {
    db.closeSync();
    instance.closeSync();
    rmSync(dir, { recursive: true, force: true });
  }
}
