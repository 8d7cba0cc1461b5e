/**
 * `--engine duckdb`: the report computed inside DuckDB with the core's SQL (core/sql), for files too
 * big to load into JavaScript. DuckDB reads the CSV or Parquet file itself, in parallel and in a
 * bounded amount of memory; only the aggregated tables come back, and the same report model and
 * sheets are built from them as from rows in memory (core/report/build.ts `reportFromCohorts`).
 */
import { closeSync, mkdtempSync, openSync, readSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { type DuckDBConnection, DuckDBInstance } from "@duckdb/node-api";
import type { Cell } from "../core/cells";
import { PLACEHOLDER_IDS } from "../core/cohorts/transactions";
import type { ColumnMapping } from "../core/columns";
import type { Language } from "../core/language";
import {
  type BuildContext,
  type BuiltReport,
  type ReportInput,
  type ReportOptions,
  spendOf,
  withTermSheets,
} from "../core/report/build";
import { duckdbValues, quoteName, SPELLING, type SqlQuery } from "../core/sql/dialect";
import { type LineColumns, orderLines, ordersSource } from "../core/sql/orders";
import type { SqlSource } from "../core/sql/queries";
import {
  boundsQuery,
  inputCounts,
  type SqlReportPlan,
  type SqlReportRows,
  sqlReportPlan,
} from "../core/sql/report";
import type { BoundsRow } from "../core/sql/results";
import type { ColumnChoices } from "./columns";
import { CsvError, compressedText, compression } from "./csv";
import { FileError, fileProblem } from "./files";
import { checkReadable, sqlColumns } from "./sql-source";

/** Runs a query and returns its rows as objects, DuckDB's 64- and 128-bit integers as numbers. */
export async function runQuery<T>(connection: DuckDBConnection, query: SqlQuery): Promise<T[]> {
  const reader = await connection.runAndReadAll(query.sql, duckdbValues(query.params));
  return reader
    .getRowObjectsJS()
    .map(
      (row) =>
        Object.fromEntries(
          Object.entries(row).map(([key, value]) => [key, typeof value === "bigint" ? Number(value) : value]),
        ) as T,
    );
}

/** Every query of a plan, one after the other (DuckDB uses every core for each), its rows under its key. */
async function runPlan(
  connection: DuckDBConnection,
  queries: SqlReportPlan["queries"],
): Promise<SqlReportRows> {
  const rows: Record<string, unknown[]> = {};
  for (const [key, query] of Object.entries(queries)) rows[key] = await runQuery(connection, query);
  return rows as unknown as SqlReportRows;
}

/** The report of a source DuckDB can query, built like the JavaScript engine's (`buildReport`). */
export async function duckdbReport(
  connection: DuckDBConnection,
  source: SqlSource,
  options: ReportOptions,
  context: BuildContext = {},
): Promise<BuiltReport> {
  const [bounds] = await runQuery<BoundsRow>(connection, boundsQuery("duckdb", source, options.marginRate));
  const name = options.source ?? source.table;
  checkReadable(
    bounds,
    "a date that is not an ISO date (YYYY-MM-DD)",
    "fix them or use --engine js, which names each row",
  );
  const plan = sqlReportPlan(
    "duckdb",
    source,
    bounds,
    options,
    `${name}: there are no data rows — give a table with a customer id, a date and an amount`,
    true,
  );
  for (const statement of plan.setup) await connection.run(statement.sql, duckdbValues(statement.params));
  // The lines and orders read, and the rows without a customer id, as the bounds counted them (a
  // file's blank ids were counted as they were deleted: `context` says so).
  return plan.build(await runPlan(connection, plan.queries), { ...inputCounts(bounds), ...context });
}

/**
 * The file's columns found as the JavaScript path finds them (headers, then values), from its first
 * rows: `path` is read, `file` named in messages.
 */
async function fileSource(
  connection: DuckDBConnection,
  path: string,
  file: string,
  mapping?: Partial<ColumnMapping>,
  language?: Language,
  choices?: ColumnChoices,
  marginRate?: number,
) {
  const parquet = /\.parquet$/i.test(file);
  // compression = 'none': a file named .gz is not unpacked (checkInput refuses compressed files).
  const reader = parquet
    ? "read_parquet($file)"
    : "read_csv($file, all_varchar = true, header = true, compression = 'none')";
  const head = await connection.runAndReadAll(`SELECT * FROM ${reader} LIMIT 200`, { file: path });
  const headers = head.columnNames();
  const rows: Cell[][] = [headers, ...(head.getRowsJS() as Cell[][])].map((row) =>
    row.map((cell) =>
      cell instanceof Date ? cell.toISOString().slice(0, 10) : typeof cell === "bigint" ? Number(cell) : cell,
    ),
  );
  const { mapping: m, columns, notes, lines } = sqlColumns(rows, file, mapping, language, choices);
  const types = head.columnTypes().map((type) => String(type));
  const dateType = types[m.date];
  // One read of the file into DuckDB's compressed columns (an uncompressed temporary table loads faster
  // but was no faster overall and peaked up to 150 MB higher on 10M rows): the needed columns only, ISO
  // date text as DATEs and amounts as numbers (NULL when unreadable: the bounds query counts them), in
  // file order (the row ids stand for the JavaScript engine's data order: first purchases on one day).
  const text = !dateType.startsWith("TIMESTAMP") && dateType !== "DATE";
  const duckdb = SPELLING.duckdb;
  const typed = (name: string) => {
    const quoted = quoteName("duckdb", name);
    if (name === columns.date) return text ? `${duckdb.date(quoted, "STRING", "")} AS ${quoted}` : quoted;
    if ([columns.customerId, columns.segment, columns.term, lines.order].includes(name)) return quoted;
    return `${duckdb.tryCast(quoted, duckdb.float)} AS ${quoted}`;
  };
  const needed = [
    ...new Set(
      [...Object.values(columns), ...Object.values(lines)].filter((c): c is string => c !== undefined),
    ),
  ];
  const select = `SELECT ${needed.map(typed).join(", ")} FROM ${reader}`;
  const dateColumn = dateType.startsWith("TIMESTAMP") ? "TIMESTAMP" : "DATE";
  // Line items: the lines of each order added up into a table of orders first, with the SQL BigQuery
  // runs inside its queries (core/sql/orders.ts), the row ids being the file's order.
  const orders = orderLines(
    {
      dialect: "duckdb",
      table: "lines",
      dateType: dateColumn,
      timeZone: "UTC",
      marginRate,
      rowOrder: "rowid",
    },
    columns,
    lines,
  );
  const table = orders ? "lines" : "transactions";
  await connection.run(`CREATE TABLE ${table} AS ${select}`, { file: path });
  const withoutCustomer = await leaveOutBlankIds(connection, table, columns, lines);
  if (orders) {
    const merged = ordersSource(orders);
    await connection.run(
      `CREATE TABLE transactions AS SELECT * FROM ${merged.from} AS orders`,
      duckdbValues(merged.fromParams ?? []),
    );
    const source: SqlSource = { ...merged, table: "transactions", from: undefined, fromParams: undefined };
    return { source, notes: { ...notes, orderColumn: lines.order, withoutCustomer } };
  }
  const source: SqlSource = {
    table: "transactions",
    columns: { ...columns, order: "rowid" },
    dateType: dateColumn,
    timeZone: "UTC",
  };
  return { source, notes: { ...notes, withoutCustomer } };
}

/**
 * Rows whose customer id is blank or a placeholder (`(blank)`, `N/A`, `#N/A`, `-`, `null`…), deleted
 * from the table and counted with their amounts' sum, as the JavaScript engine leaves them out.
 */
async function leaveOutBlankIds(
  connection: DuckDBConnection,
  table: string,
  columns: SqlSource["columns"],
  lines: LineColumns,
): Promise<{ rows: number; amount: number }> {
  const q = (name: string) => quoteName("duckdb", name);
  const id = `lower(TRIM(CAST(${q(columns.customerId)} AS VARCHAR)))`;
  const placeholders = [...PLACEHOLDER_IDS].map((p) => `'${p.replaceAll("'", "''")}'`).join(", ");
  const blank = `(${id} IS NULL OR ${id} = '' OR ${id} IN (${placeholders}))`;
  const amount = lineAmount(columns, lines);
  const [left] = await runQuery<{ rows: number; amount: number }>(connection, {
    sql: `SELECT COUNT(*) AS rows, COALESCE(SUM(${amount}), 0) AS amount FROM ${table} WHERE ${blank}`,
    params: [],
  });
  if (left.rows > 0) await connection.run(`DELETE FROM ${table} WHERE ${blank}`);
  return left;
}

/** A line's amount: quantity × unit price without an amount column, else the amount. */
function lineAmount(columns: SqlSource["columns"], lines: LineColumns): string {
  const q = (name: string) => quoteName("duckdb", name);
  return lines.quantity !== undefined && lines.price !== undefined
    ? `${q(lines.quantity)} * ${q(lines.price)}`
    : q(columns.amount);
}

/**
 * DuckDB's buffer memory (its hash tables spill to disk beyond it): with Node's own ~200 MB the
 * process stays under 1 GB on 10 million rows (`npm run bench`).
 */
const DUCKDB_MEMORY = "400MB";

/** The open database of one command-line run. */
export interface DuckDbWork {
  connection: DuckDBConnection;
}

/**
 * Runs `work` on a DuckDB database in a temporary folder, not memory: DuckDB keeps tables compressed
 * on disk and spills its temporary tables and hash tables there beyond its memory limit (README, "When
 * your data outgrows the sheet"). The folder is removed afterwards, whatever happens.
 *
 * The database reads the files `readable` (absolute paths) and nothing else: no extension is installed
 * or loaded on its own, access to any other file or URL is off
 * (https://duckdb.org/docs/stable/operations_manual/securing_duckdb/overview). Its errors about the
 * files, its working file or the disk come back in plain words naming `name`.
 */
export async function withDuckDb<T>(
  readable: readonly string[],
  name: string,
  work: (db: DuckDbWork) => Promise<T>,
): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), "cohort-ltv-"));
  const database = join(dir, "work.duckdb");
  let instance: DuckDBInstance | undefined;
  let connection: DuckDBConnection | undefined;
  try {
    ({ instance, connection } = await readerDatabase(database, readable));
    return await work({ connection });
  } catch (error) {
    throw duckdbFailure(error, name, database);
  } finally {
    connection?.closeSync();
    instance?.closeSync();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The report of a CSV or Parquet file, computed in DuckDB: the command line's `--engine duckdb`. The
 * file is checked first (readable, not compressed), and the configuration locked before the queries.
 */
export async function duckdbCliReport(
  file: string,
  input: ReportInput,
  choices?: ColumnChoices,
): Promise<BuiltReport> {
  checkInput(file);
  const path = resolve(file);
  return withDuckDb([path], file, async ({ connection }) => {
    const { source, notes } = await fileSource(
      connection,
      path,
      file,
      input.mapping,
      input.options.language,
      choices,
      input.options.marginRate,
    );
    // The table keeps the file's order (its row ids are the JavaScript engine's data order); the
    // queries then need no order but their ORDER BY, which saves memory.
    await connection.run("SET preserve_insertion_order = false");
    await connection.run("SET lock_configuration = true");
    const spend = spendOf(input);
    // As reportFromTable: a term column adds the Subscription sheet to the default sheets.
    const options = withTermSheets(input.options, source.columns.term !== undefined);
    return await duckdbReport(connection, source, options, { spend, ...notes });
  });
}

/**
 * A database at `work` that may read the files at `paths` and no other file, URL or extension (none
 * is installed or loaded on its own). The caller locks its configuration once it has set the rest.
 */
export async function readerDatabase(
  work: string,
  paths: readonly string[],
): Promise<{ instance: DuckDBInstance; connection: DuckDBConnection }> {
  const instance = await DuckDBInstance.create(work, {
    autoinstall_known_extensions: "false",
    autoload_known_extensions: "false",
  });
  const connection = await instance.connect();
  // Timestamps without a zone are read as UTC, whatever the machine's zone.
  await connection.run("SET TimeZone = 'UTC'");
  await connection.run(`SET memory_limit = '${DUCKDB_MEMORY}'`);
  await connection.run(`SET allowed_paths = [${paths.map(sqlText).join(", ")}]`);
  await connection.run("SET enable_external_access = false");
  return { instance, connection };
}

/** A DuckDB string literal. */
const sqlText = (text: string) => `'${text.replace(/'/g, "''")}'`;

/**
 * Checks the file can be read and is not compressed, before DuckDB opens it; a problem is said as the
 * JavaScript engine says it, naming the file.
 */
function checkInput(file: string): void {
  const head = new Uint8Array(8);
  try {
    const fd = openSync(file, "r");
    try {
      readSync(fd, head, 0, head.length, 0);
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    const problem = fileProblem(error);
    if (!problem) throw error;
    throw new FileError(`${file}: can't read it: ${problem}`);
  }
  const kind = compression(head);
  if (kind) throw new CsvError(`${file} ${compressedText(kind)}`);
}

/** The system's words in DuckDB's IO errors, as Node's error codes (for {@link fileProblem}'s words). */
const SYSTEM_ERRORS: [string, string][] = [
  ["No space left on device", "ENOSPC"],
  ["File too large", "EFBIG"],
  ["Disk quota exceeded", "EDQUOT"],
  ["Read-only file system", "EROFS"],
  ["Permission denied", "EACCES"],
  ["No such file or directory", "ENOENT"],
  ["Not a directory", "ENOTDIR"],
  ["Is a directory", "EISDIR"],
  ["Too many open files", "EMFILE"],
];

/**
 * A DuckDB error in plain words: the disk or its working file as a {@link FileError}, what it cannot
 * read in the file as a {@link CsvError} naming the file (and line), both without the SQL and the
 * reader's settings DuckDB adds; any other error (ours, or DuckDB's that would be a bug) as it is, cut
 * to its first paragraph.
 */
export function duckdbFailure(error: unknown, file: string, work: string): unknown {
  if (!(error instanceof Error) || error.constructor !== Error) return error;
  const kind = /^([A-Z][A-Za-z]*(?: [A-Z][A-Za-z]*)*) Error: /.exec(error.message);
  if (!kind) return error;
  const lines = error.message
    .slice(kind[0].length)
    .split(/\n\s*\n/)[0]
    .split("\n")
    .filter((line) => !line.startsWith("Original Line:"));
  const code = SYSTEM_ERRORS.find(([words]) => error.message.includes(words))?.[1];
  if (kind[1] === "IO" && code) {
    const problem = fileProblem({ code }) as string;
    return error.message.includes(dirname(work))
      ? new FileError(
          `can't write DuckDB's working file ${work}: ${problem} — it needs room for about the data it ` +
            "reads; free some, or set TMPDIR to a folder on a disk with more",
        )
      : new FileError(`${file}: can't read it: ${problem}`);
  }
  if (kind[1] === "Invalid Input" || kind[1] === "Conversion" || kind[1] === "IO") {
    const at = /^CSV Error on Line: (\d+)/.exec(lines[0]);
    if (at) lines.shift();
    const long = /Maximum line size of (\d+) bytes exceeded\. Actual Size:\s*(\d+) bytes/.exec(
      lines.join(" "),
    );
    const detail = long
      ? `the line is ${Number(long[2]).toLocaleString("en-US")} bytes long, more than the ` +
        `${Number(long[1]).toLocaleString("en-US")} a CSV line may have`
      : cut(lines.join(" "));
    return new CsvError(
      `${file}${at ? `, line ${at[1]}` : ""}: DuckDB cannot read it: ${detail} — is it a CSV export, one row a line?`,
    );
  }
  return new Error(`DuckDB: ${kind[1]} Error: ${cut(lines.join(" "))}`);
}

/** At most 300 characters of DuckDB's words. */
const cut = (text: string) => (text.length > 300 ? `${text.slice(0, 299)}…` : text);
