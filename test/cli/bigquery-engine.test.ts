/**
 * `--bigquery` without a Google account: the engine runs over a fake of the client (typed by the
 * library's own types, src/cli/bigquery-engine.ts `BigQueryClient`) that checks every query as
 * BigQuery would receive it — GoogleSQL that node-sql-parser's BigQuery grammar reads, named parameters
 * with their types — answers dry runs with bytes, and runs the DuckDB dialect of the same query in
 * DuckDB. The report equals the JavaScript engine's on the same rows, cell for cell; BigQuery's errors
 * come back in plain words.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Query, RowMetadata, TableMetadata } from "@google-cloud/bigquery";
import bigquery from "node-sql-parser/build/bigquery.js";
import { describe, expect, it } from "vitest";
import {
  type BigQueryClient,
  bigQueryProblem,
  bigqueryCliReport,
  bigquerySource,
  type QueryJob,
} from "../../src/cli/bigquery-engine";
import { runQuery } from "../../src/cli/duckdb-engine";
import { type BigQueryTable, DEFAULT_MAX_BYTES, parseOptions } from "../../src/cli/options";
import { type Cell, sheetContext } from "../../src/core/cells";
import type { Transactions } from "../../src/core/cohorts/transactions";
import { ReportError, type ReportInput, reportFromTable, withTermSheets } from "../../src/core/report/build";
import { generateSample, purchaseTable, spendTable } from "../../src/core/sample/generate";
import { generateSubscriptionSample, paymentTable } from "../../src/core/sample/subscription";
import { bytesText } from "../../src/core/sql/cost";
import type { SqlQuery } from "../../src/core/sql/dialect";
import { ordersSource } from "../../src/core/sql/orders";
import { boundsQuery, sqlReportPlan } from "../../src/core/sql/report";
import type { BoundsRow } from "../../src/core/sql/results";
import { lineItems } from "../helpers/bigquery";
import { testDuckDb } from "../helpers/duckdb";
import { databaseClvSheet, withoutPredicted } from "../helpers/predicted";

const { Parser } = bigquery as typeof import("node-sql-parser");
const parser = new Parser();

const duck = testDuckDb("cohort-bigquery-");

const TABLE: BigQueryTable = {
  path: "shop-42.sales.orders",
  project: "shop-42",
  dataset: "sales",
  table: "orders",
  billingProject: "billing-7",
  location: "EU",
};

/** A BigQuery table held in DuckDB: its schema (BigQuery types), its rows, and its DuckDB name. */
interface FakeTable {
  metadata: TableMetadata;
  rows: RowMetadata[];
  duckdb: string;
}

let tables = 0;
/** Loads a table of text cells (header first) into DuckDB with the columns' BigQuery types. */
async function fakeTable(cells: string[][], types: string[]): Promise<FakeTable> {
  const name = `t${tables++}`;
  const file = join(duck.dir, `${name}.csv`);
  writeFileSync(file, `${cells.map((row) => row.join(",")).join("\n")}\n`);
  const duckType: Record<string, string> = {
    STRING: "VARCHAR",
    DATE: "DATE",
    FLOAT64: "DOUBLE",
    INT64: "BIGINT",
  };
  const columns = cells[0].map((header, i) => `'${header}': '${duckType[types[i]]}'`).join(", ");
  await duck.db.run(
    `CREATE TABLE ${name} AS SELECT * FROM read_csv('${file}', header = true, columns = {${columns}})`,
  );
  const [header, ...data] = cells;
  return {
    metadata: {
      type: "TABLE",
      schema: { fields: header.map((h, i) => ({ name: h, type: types[i] })) },
    },
    // As the client gives a table's rows: DATE values are objects holding the ISO text.
    rows: data
      .slice(0, 200)
      .map((row) =>
        Object.fromEntries(
          header.map((h, i) => [
            h,
            types[i] === "DATE" ? { value: row[i] } : types[i] === "FLOAT64" ? Number(row[i]) : row[i],
          ]),
        ),
      ),
    duckdb: name,
  };
}

/** What the fake saw: every job, in order. */
interface Seen {
  jobs: Query[];
  log: string[];
  order: string[];
}

/**
 * A client over a table held in DuckDB: checks each query's text and parameters, answers a dry run
 * with its bytes, and runs the query's DuckDB twin (the same query of the same plan in DuckDB's dialect).
 */
function fakeClient(
  table: FakeTable,
  input: ReportInput,
  seen: Seen,
  bytes = "3435973837",
  referencedTables = 1,
): BigQueryClient {
  const { source, lines } = bigquerySource(
    TABLE,
    table.metadata,
    table.rows,
    input.mapping,
    undefined,
    undefined,
    input.options.marginRate,
  );
  const used = withTermSheets(input.options, source.columns.term !== undefined);
  // Line items: the same orders' SQL in DuckDB's dialect over the DuckDB table.
  const duckSource = lines
    ? ordersSource({ ...lines, dialect: "duckdb", table: table.duckdb })
    : { ...source, table: table.duckdb };
  const twins = new Map<string, SqlQuery>();
  const twin = (ours: SqlQuery, theirs: SqlQuery) => twins.set(ours.sql, theirs);
  twin(boundsQuery("bigquery", source, used.marginRate), boundsQuery("duckdb", duckSource, used.marginRate));
  return {
    tableIds: async () => {
      throw new Error("a flat table's report lists no tables");
    },
    table: (project, dataset, name) => {
      expect([project, dataset, name]).toEqual([TABLE.project, TABLE.dataset, TABLE.table]);
      return {
        getMetadata: async () => [table.metadata],
        getRows: async (options) => [table.rows.slice(0, options?.maxResults)],
      };
    },
    createQueryJob: async (options: Query) => {
      seen.jobs.push(options);
      const sql = options.query as string;
      expect(parser.astify(sql, { database: "bigquery" })).toBeTruthy();
      expect(options.parameterMode).toBe("named");
      expect(options.location).toBe("EU");
      const params = options.params as Record<string, unknown>;
      const types = options.types as Record<string, string>;
      for (const name of Object.keys(params)) {
        expect(sql).toContain(`@${name}`);
        expect(["STRING", "INT64", "FLOAT64"]).toContain(types[name]);
      }
      const query = twins.get(sql);
      expect(query, "a query of the plan").toBeDefined();
      seen.order.push(options.dryRun ? "dry run" : "run");
      const job: QueryJob = {
        metadata: {
          statistics: {
            totalBytesProcessed: bytes,
            query: {
              referencedTables: Array.from({ length: referencedTables }, (_, i) => ({
                projectId: TABLE.project,
                datasetId: TABLE.dataset,
                tableId: `${TABLE.table}_${i}`,
              })),
            },
          },
        },
        getQueryResults: async () => {
          const rows = await runQuery<Record<string, unknown>>(duck.db, query as SqlQuery);
          if (sql.includes("AS no_margin")) {
            // The second round's queries, once the bounds are known, as the engine builds them.
            const plan = sqlReportPlan("duckdb", duckSource, rows[0] as unknown as BoundsRow, used, "none");
            const ours = sqlReportPlan("bigquery", source, rows[0] as unknown as BoundsRow, used, "none");
            for (const [key, q] of Object.entries(ours.queries)) {
              twin(q as SqlQuery, plan.queries[key as keyof typeof plan.queries] as SqlQuery);
            }
          }
          return [rows];
        },
      };
      return [job];
    },
  };
}

/** Every cell of every sheet, numbers to `digits` significant digits (sums in another order). */
function cells(report: { sheets: { name: string; cells: unknown[][] }[] }, digits = 10) {
  const round = (v: unknown): unknown =>
    typeof v === "number"
      ? Number(v.toPrecision(digits))
      : v && typeof v === "object" && !(v instanceof Date)
        ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, round(x)]))
        : v;
  return report.sheets.map((sheet): [string, unknown[][]] => [
    sheet.name,
    sheet.cells.map((row) => row.map(round)),
  ]);
}

async function compare(
  cellsOf: string[][],
  types: string[],
  options: ReportInput["options"],
  spend: string[][] | null = null,
) {
  const table = await fakeTable(cellsOf, types);
  const input: ReportInput = {
    rows: [],
    spend,
    context: sheetContext(),
    options: { source: TABLE.path, ...options },
  };
  const seen: Seen = { jobs: [], log: [], order: [] };
  const ours = await bigqueryCliReport(fakeClient(table, input, seen), TABLE, input, (line) => {
    seen.log.push(line);
    seen.order.push("log");
  });
  const js = reportFromTable({ ...input, rows: cellsOf as Cell[][] });
  // Split by segment, LTV-CAC's predicted block too (fitted on one row a customer, the customers
  // query); unsplit, less the block (test/helpers/predicted.ts).
  const book = (report: Parameters<typeof cells>[0]) =>
    Object.fromEntries(cells(report)) as Record<string, unknown[][]>;
  const expected = js.data.segments ? book(js.report) : withoutPredicted(book(js.report));
  expect(book(ours.report)).toEqual(expected);
  return { ours, seen };
}

describe("npm start -- --bigquery project.dataset.table", () => {
  it("computes the seeded sample's report in BigQuery's dialect: the JavaScript engine's, cell for cell", async () => {
    const sample = generateSample({ customers: 800, seed: 3 });
    const { ours, seen } = await compare(
      purchaseTable(sample),
      ["STRING", "DATE", "FLOAT64", "STRING"],
      { period: "month", splitBySegment: true, marginRate: 0.4 },
      spendTable(sample),
    );
    // The predicted LTV:CAC by channel, a number where the channel has a spend (Organic has none).
    const summary = ours.report.sheets.find((s) => s.name === "Summary")?.cells ?? [];
    const predicted = summary.filter((row) => String(row[0]).startsWith("Predicted"));
    expect(predicted).toHaveLength(4);
    const ratios = predicted.map((row) => (row[1] as { value?: unknown }).value);
    expect(ratios.filter((r) => typeof r === "number" && r > 0)).toHaveLength(3);
    expect(ours.report.sheets.map((s) => s.name)).toEqual([
      "Retention",
      "Revenue & LTV",
      "LTV-CAC",
      "Summary",
    ]);
    // Each round is dry-run, its bytes told, then run: bounds, then the report's queries.
    // The second: cells, totals and, split by segment, the customers' histories (the predicted block's).
    expect(seen.order).toEqual([
      ...["dry run", "log", "run"],
      ...["dry run", "dry run", "dry run", "log", "run", "run", "run"],
    ]);
    expect(seen.log).toEqual([
      "BigQuery: the first query (dates and row counts) will scan 3.2 GiB (dry run, billed to billing-7); running…",
      "BigQuery: the report's 3 queries will scan 9.6 GiB (dry run, billed to billing-7); running…",
    ]);
    expect(seen.jobs.every((job) => job.useLegacySql === false)).toBe(true);
  });

  it("builds the Predicted CLV sheet from the condensed RFM summary, as the rows' BG/NBD fit draws it", async () => {
    const rows = purchaseTable(generateSample({ customers: 800, seed: 3 }));
    const table = await fakeTable(rows, ["STRING", "DATE", "FLOAT64", "STRING"]);
    const options = { source: TABLE.path, sheets: ["predicted-clv" as const] };
    const input: ReportInput = { rows: [], spend: null, context: sheetContext(), options };
    const seen: Seen = { jobs: [], log: [], order: [] };
    const ours = await bigqueryCliReport(fakeClient(table, input, seen), TABLE, input, (line) => {
      seen.log.push(line);
    });
    expect(seen.log[1]).toMatch(/^BigQuery: the report's 4 queries will scan/);
    const { data } = reportFromTable({ ...input, rows: rows as Cell[][], options: { sheets: ["summary"] } });
    const expected = databaseClvSheet(data.transactions as Transactions, data.observationEnd);
    expect(cells(ours.report)).toEqual(cells({ sheets: [expected] }));
  });

  it("builds Forecast check, Customers and Predicted CLV from one row a customer: the JavaScript engine's sheets, cell for cell", async () => {
    const rows = purchaseTable(generateSample({ customers: 800, seed: 3 }));
    const table = await fakeTable(rows, ["STRING", "DATE", "FLOAT64", "STRING"]);
    const sheets = ["predicted-clv" as const, "forecast-check" as const, "customers" as const];
    const input: ReportInput = {
      rows: [],
      spend: null,
      context: sheetContext(),
      options: { source: TABLE.path, sheets },
    };
    const seen: Seen = { jobs: [], log: [], order: [] };
    const ours = await bigqueryCliReport(fakeClient(table, input, seen), TABLE, input, (line) => {
      seen.log.push(line);
    });
    // Cells, totals, the customers' histories and the weekly repeat days: no condensed summary beside them.
    expect(seen.log[1]).toMatch(/^BigQuery: the report's 4 queries will scan/);
    const js = reportFromTable({ ...input, rows: rows as Cell[][] });
    expect(ours.report.sheets.map((s) => s.name)).toEqual(["Predicted CLV", "Forecast check", "Customers"]);
    expect(cells(ours.report)).toEqual(cells(js.report));
  });

  it("finds a term column and adds the Subscription (MRR) sheet, computed in SQL", async () => {
    const payments = paymentTable(generateSubscriptionSample());
    const { ours } = await compare(payments, ["STRING", "DATE", "FLOAT64", "STRING", "STRING"], {});
    expect(ours.report.sheets.map((s) => s.name)).toContain("Subscription (MRR)");
  });

  it("adds up the lines of each order (quantity × unit price, cancellations as refunds) and leaves out blank and placeholder ids, counted: the JavaScript engine's workbook", async () => {
    const { ours, seen } = await compare(
      lineItems(),
      ["STRING", "STRING", "INT64", "DATE", "FLOAT64", "STRING", "STRING"],
      { period: "month", splitBySegment: true, marginRate: 0.3 },
    );
    // The Summary says what an order is and what was left out, as the JavaScript engine's (equal above).
    const summary = (ours.report.sheets.find((s) => s.name === "Summary")?.cells ?? []).flat().join("\n");
    expect(summary).toMatch(/one "InvoiceNo": \d+ rows \(lines\) add up to \d+ orders and refunds/);
    expect(summary).toMatch(/13 rows \(\d+(\.\d)?%\) without a customer id were left out, revenue /);
    // One query per round still: the orders are added up inside each query.
    expect(seen.jobs.filter((job) => !job.dryRun)).toHaveLength(3);
  });

  it("one row per order: leaves out rows whose id is blank or a placeholder, counted with their revenue, as the JavaScript engine does", async () => {
    const rows = purchaseTable(generateSample({ customers: 200, seed: 9 }));
    const ids = ["", "N/A", "(blank)", "null", "-", "#N/A", " none "];
    const blank = ids.map((id, i) => [id, rows[1 + i][1], String(10 + i), rows[1 + i][3]]);
    const { ours } = await compare([...rows, ...blank], ["STRING", "DATE", "FLOAT64", "STRING"], {
      period: "month",
    });
    const summary = (ours.report.sheets.find((s) => s.name === "Summary")?.cells ?? []).flat().join("\n");
    expect(summary).toMatch(/7 rows \(\d+(\.\d)?%\) without a customer id were left out, revenue \$91/);
    expect(summary).toContain("one row (no order column)");
  });

  it("reads line items by their order column, or each row as one order with --order none; the options name columns", () => {
    const metadata: TableMetadata = {
      type: "TABLE",
      schema: {
        fields: [
          { name: "Rechnung", type: "STRING" },
          { name: "Kundennummer", type: "STRING" },
          { name: "Datum", type: "DATE" },
          { name: "Betrag", type: "FLOAT64" },
        ],
      },
    };
    const rows = [
      ["R1", "k1", { value: "2024-01-02" }, 5],
      ["R1", "k1", { value: "2024-01-02" }, 7],
    ].map(([Rechnung, Kundennummer, Datum, Betrag]) => ({ Rechnung, Kundennummer, Datum, Betrag }));
    const byOrder = bigquerySource(TABLE, metadata, rows);
    expect(byOrder.lines?.columns).toMatchObject({
      order: "Rechnung",
      customerId: "Kundennummer",
      amount: "Betrag",
    });
    expect(byOrder.source.from).toContain("`Rechnung`");
    expect(byOrder.notes.orderColumn).toBe("Rechnung");
    const byRow = bigquerySource(TABLE, metadata, rows, undefined, undefined, { order: "none" });
    expect(byRow.lines).toBeUndefined();
    expect(byRow.source).toMatchObject({ table: "shop-42.sales.orders", placeholderIds: true });
    expect(byRow.source.from).toBeUndefined();
    const byLetter = bigquerySource(TABLE, metadata, rows, undefined, undefined, { order: "A", amount: "D" });
    expect(byLetter.lines?.columns.order).toBe("Rechnung");
  });

  it("refuses rows the SQL cannot read, counted, and a date column of another type", async () => {
    const table = await fakeTable(
      [
        ["Customer ID", "Order date", "Amount"],
        ["a", "2024-01-05", "10"],
        ["b", "05/01/2024", "20"],
      ],
      ["STRING", "STRING", "FLOAT64"],
    );
    const input: ReportInput = { rows: [], spend: null, context: sheetContext(), options: {} };
    const seen: Seen = { jobs: [], log: [], order: [] };
    await expect(bigqueryCliReport(fakeClient(table, input, seen), TABLE, input, () => {})).rejects.toThrow(
      "1 row with a date that is not a date or ISO date text (YYYY-MM-DD)",
    );
    const metadata: TableMetadata = {
      type: "VIEW",
      schema: {
        fields: [
          { name: "id", type: "STRING" },
          { name: "date", type: "FLOAT64" },
          { name: "amount", type: "FLOAT64" },
        ],
      },
    };
    expect(() => bigquerySource(TABLE, metadata, [], { customerId: 0, date: 1, amount: 2 })).toThrow(
      'shop-42.sales.orders: the date column "date" is FLOAT64 — expected DATE, DATETIME, TIMESTAMP or ISO text (2024-03-14)',
    );
  });

  it.each<[string, unknown, RegExp]>([
    [
      "no credentials",
      new Error(
        "Could not load the default credentials. Browse to https://cloud.google.com/docs/authentication/getting-started for more information.",
      ),
      /^no Google credentials found — sign in with `gcloud auth application-default login`/,
    ],
    [
      "no access",
      Object.assign(
        new Error("Access Denied: Table shop-42:sales.orders: User does not have permission to query table"),
        {
          code: 403,
          errors: [{ reason: "accessDenied" }],
        },
      ),
      /^no access \(Access Denied: .*\) — your account needs to read shop-42\.sales\.orders \(BigQuery Data Viewer\) and to run queries in project billing-7/,
    ],
    [
      "not found",
      Object.assign(new Error("Not found: Table shop-42:sales.orders"), {
        code: 404,
        errors: [{ reason: "notFound" }],
      }),
      /^not found \(Not found: Table shop-42:sales\.orders\) — check the project, dataset and table names and --location EU$/,
    ],
    [
      "quota",
      Object.assign(new Error("Quota exceeded: Your project exceeded quota for free query bytes scanned"), {
        code: 403,
        errors: [{ reason: "quotaExceeded" }],
      }),
      /^BigQuery quota exceeded in project billing-7 \(Quota exceeded: .*\) — try again later/,
    ],
    [
      "a job over its cap",
      Object.assign(
        new Error("Query exceeded limit for bytes billed: 3779571221. 3800000000 or higher required."),
        {
          code: 400,
          errors: [{ reason: "bytesBilledLimitExceeded" }],
        },
      ),
      /^a query would bill more than its dry run said \(Query exceeded limit .*\) — the table grew while the report ran\? Run it again$/,
    ],
    [
      "no network",
      Object.assign(new Error("request to https://bigquery.googleapis.com/… failed"), { code: "ENOTFOUND" }),
      /^cannot reach BigQuery \(ENOTFOUND\) — check the internet connection/,
    ],
  ])("says %s in plain words", async (_, error, message) => {
    expect(bigQueryProblem(error, TABLE)).toMatch(message);
    const failing: BigQueryClient = {
      createQueryJob: async () => Promise.reject(error),
      tableIds: async () => Promise.reject(error),
      table: () => ({ getMetadata: async () => Promise.reject(error), getRows: async () => [[]] }),
    };
    const input: ReportInput = { rows: [], spend: null, context: sheetContext(), options: {} };
    const run = bigqueryCliReport(failing, TABLE, input, () => {});
    await expect(run).rejects.toThrow(ReportError);
    await expect(run).rejects.toThrow(message);
  });

  it("reads --bigquery, --billing-project and --location; refuses them with a file", () => {
    expect(parseOptions(["--bigquery", "example.com:shop.sales.orders", "--location", "EU"])).toMatchObject({
      bigquery: {
        project: "example.com:shop",
        dataset: "sales",
        table: "orders",
        billingProject: "example.com:shop",
        location: "EU",
      },
    });
    expect(parseOptions(["--bigquery", "p-1.d.t", "--billing-project", "b-2"])).toMatchObject({
      bigquery: { billingProject: "b-2" },
    });
    expect(() => parseOptions(["--bigquery", "orders"])).toThrow(
      '--bigquery is "orders" — expected project.dataset.table, e.g. my-project.shop.orders',
    );
    expect(() => parseOptions(["--bigquery", "p.d.t", "x.csv"])).toThrow(/give no file/);
    expect(() => parseOptions(["--location", "EU"])).toThrow(/go with --bigquery/);
  });
});

describe("--bigquery's cost cap (issue 21)", () => {
  const GIB = 2 ** 30;
  const sample = () => purchaseTable(generateSample({ customers: 300, seed: 5 }));
  const input: ReportInput = { rows: [], spend: null, context: sheetContext(), options: {} };

  async function run(table: BigQueryTable, bytes?: string, referencedTables?: number) {
    const fake = await fakeTable(sample(), ["STRING", "DATE", "FLOAT64", "STRING"]);
    const seen: Seen = { jobs: [], log: [], order: [] };
    const log = (line: string) => {
      seen.log.push(line);
      seen.order.push("log");
    };
    const client = fakeClient(fake, input, seen, bytes, referencedTables);
    const report = bigqueryCliReport(client, table, input, log);
    return { report, seen };
  }

  it("caps each job near its own dry run's bytes (maximumBytesBilled); dry runs bill nothing", async () => {
    const { report, seen } = await run(TABLE);
    await report;
    const runs = seen.jobs.filter((job) => !job.dryRun);
    expect(runs).toHaveLength(3);
    // 3,435,973,837 bytes (3276.8 MiB) and 1% more is 3309.57 MiB, rounded up to 3310 MiB, and one
    // table's 10 MiB minimum: 3320 MiB.
    expect(runs.map((job) => job.maximumBytesBilled)).toEqual(runs.map(() => String(3320 * 2 ** 20)));
    expect(seen.jobs.filter((job) => job.dryRun).every((job) => job.maximumBytesBilled === undefined)).toBe(
      true,
    );
  });

  it("leaves each table a query reads its own minimum in the cap (a view, a wildcard)", async () => {
    const { report, seen } = await run(TABLE, undefined, 3);
    await report;
    const runs = seen.jobs.filter((job) => !job.dryRun);
    expect(runs.map((job) => job.maximumBytesBilled)).toEqual(runs.map(() => String((3310 + 30) * 2 ** 20)));
  });

  it("runs nothing that would take the run past --max-bytes, and says what would allow it", async () => {
    const { report, seen } = await run({ ...TABLE, maxBytes: 5 * GIB });
    await expect(report).rejects.toThrow(
      new ReportError(
        "the report's 2 queries would scan 6.4 GiB (dry run, 9.6 GiB with the 3.2 GiB already run), more than " +
          "--max-bytes 5.0 GiB allows, so nothing more ran — to run it, give --max-bytes 10GiB (about $0.06 at " +
          "the US on-demand price)",
      ),
    );
    // The first round ran; the second was dry-run only.
    expect(seen.order).toEqual(["dry run", "log", "run", "dry run", "dry run"]);
  });

  it("without --max-bytes, stops above the default (a run in CI has no one to ask)", async () => {
    const { report, seen } = await run(TABLE, String(25 * GIB));
    await expect(report).rejects.toThrow(
      "the first query (dates and row counts) would scan 25 GiB (dry run), more than the default --max-bytes " +
        `${bytesText(DEFAULT_MAX_BYTES)} allows, so nothing more ran — to run it, give --max-bytes 25GiB`,
    );
    expect(seen.order).toEqual(["dry run"]);
  });

  it("reads --max-bytes in binary or decimal units; refuses a bad one, or one without --bigquery", () => {
    expect(parseOptions(["--bigquery", "p.d.t", "--max-bytes", "50GiB"])).toMatchObject({
      bigquery: { maxBytes: 50 * GIB },
    });
    expect(parseOptions(["--bigquery", "p.d.t", "--max-bytes", "1.5 TB"])).toMatchObject({
      bigquery: { maxBytes: 1.5e12 },
    });
    expect(parseOptions(["--bigquery", "p.d.t"])).not.toHaveProperty("bigquery.maxBytes");
    for (const bad of ["lots", "0", "5 GX", "0.1"])
      expect(() => parseOptions(["--bigquery", "p.d.t", "--max-bytes", bad])).toThrow(
        `--max-bytes is "${bad}" — expected a size such as 50GiB, 500MB or 2TiB`,
      );
    expect(() => parseOptions(["--max-bytes", "5GB", "x.csv"])).toThrow(/go with --bigquery/);
  });
});
