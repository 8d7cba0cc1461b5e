/**
 * `npm start` — the cohort and LTV:CAC report as an .xlsx workbook, from the command line.
 *
 *   npm start                      the embedded sample (seeded), into out/report.xlsx
 *   npm start -- transactions.csv [--spend spend.csv] [--period week|month|quarter] [--margin 0.4]
 *                [--end 2024-12-31] [--no-split] [--currency $] [--locale en_US] [--out file.xlsx]
 *
 * A bad file or option gets one clear message on stderr and a non-zero exit code, never a stack
 * trace: 1 for data the report can't be built from, 2 for a wrong command line.
 */
import { mkdirSync, readFileSync } from "node:fs";
import { dirname } from "node:path";
import { parseArgs } from "node:util";
import { type Cell, CellError, isoDay, readDay, sheetContext, Where } from "../core/cells";
import type { PeriodUnit } from "../core/cohorts";
import { ColumnError } from "../core/columns";
import { MetricError } from "../core/metrics/errors";
import {
  DEFAULT_SHEETS,
  OPTIONAL_SHEETS,
  ReportError,
  type ReportInput,
  reportFromTable,
} from "../core/report/build";
import type { ReportSheetKey } from "../core/report/model";
import { generateSample, purchaseTable, spendTable } from "../core/sample/generate";
import { CsvError, type CsvTable, parseCsv } from "./csv";
import { duckdbCliReport } from "./duckdb-engine";
import { summaryLines } from "./print";
import { writeReportXlsx } from "./xlsx";

const USAGE = `Usage:
  npm start                                  report for the built-in sample data → out/report.xlsx
  npm start -- transactions.csv [options]    report for your own CSV export

Options:
  --spend spend.csv        marketing spend: period start, spend[, segment]
  --period week|month|quarter   cohort period (default month)
  --margin 0.4             gross margin as a fraction or percent (40%) of revenue
  --end 2024-12-31         observation end (default: the last date in the data)
  --no-split               do not split cohorts by segment (channel) even when there is a segment column
  --currency $             currency symbol for money formats (default $)
  --locale en_US           how numbers and dates in the CSV are written (default: en_US, or ru_RU for ; files)
  --sheets a,b             which sheets: ${DEFAULT_SHEETS.join(", ")} (default), ${OPTIONAL_SHEETS.join(", ")} (the sample adds it)
  --out file.xlsx          where to write the workbook (default out/report.xlsx)
  --engine js|duckdb       js (default) reads every row into memory; duckdb computes in DuckDB,
                           for big .csv or .parquet files (ISO dates, plain numbers)`;

/** A wrong command line. */
class UsageError extends Error {}

interface Options {
  file?: string;
  spend?: string;
  period: PeriodUnit;
  margin?: number;
  end?: string;
  split: boolean;
  currency: string;
  locale?: string;
  out: string;
  sheets?: ReportSheetKey[];
  engine: "js" | "duckdb";
}

function options(argv: string[]): Options | "help" {
  let parsed: ReturnType<
    typeof parseArgs<{ options: typeof OPTION_SPEC; allowPositionals: true; strict: true }>
  >;
  try {
    parsed = parseArgs({ args: argv, options: OPTION_SPEC, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const v = parsed.values;
  if (v.help) return "help";
  if (parsed.positionals.length > 1) {
    throw new UsageError(
      `expected one transactions file, got ${parsed.positionals.length}: ${parsed.positionals.join(", ")}`,
    );
  }
  const period = (v.period ?? "month").toLowerCase();
  if (period !== "week" && period !== "month" && period !== "quarter") {
    throw new UsageError(`--period is "${v.period}" — expected week, month or quarter`);
  }
  let margin: number | undefined;
  if (v.margin !== undefined) {
    const text = v.margin.trim();
    margin = text.endsWith("%") ? Number(text.slice(0, -1)) / 100 : Number(text);
    if (!Number.isFinite(margin) || margin <= 0 || margin > 1) {
      throw new UsageError(
        `--margin is "${v.margin}" — expected a fraction above 0 and at most 1, e.g. 0.4 or 40%`,
      );
    }
  }
  const engine = v.engine ?? "js";
  if (engine !== "js" && engine !== "duckdb")
    throw new UsageError(`--engine is "${engine}" — expected js or duckdb`);
  if (engine === "duckdb" && parsed.positionals.length === 0)
    throw new UsageError("--engine duckdb needs a transactions file (.csv or .parquet)");
  return {
    engine,
    file: parsed.positionals[0],
    spend: v.spend,
    period,
    margin,
    end: v.end,
    split: !v["no-split"],
    currency: v.currency ?? "$",
    locale: v.locale,
    out: v.out ?? "out/report.xlsx",
    sheets: v.sheets === undefined ? undefined : sheetKeys(v.sheets),
  };
}

/** `--sheets retention,summary`: report sheet keys, checked. */
function sheetKeys(text: string): ReportSheetKey[] {
  const keys = text.split(",").map((k) => k.trim().toLowerCase());
  const known: string[] = [...DEFAULT_SHEETS, ...OPTIONAL_SHEETS];
  const bad = keys.filter((k) => !known.includes(k));
  if (bad.length || keys.length === 0) {
    throw new UsageError(`--sheets has "${bad.join(", ")}" — choose from ${known.join(", ")}`);
  }
  return keys as ReportSheetKey[];
}

const OPTION_SPEC = {
  spend: { type: "string" },
  period: { type: "string" },
  margin: { type: "string" },
  end: { type: "string" },
  "no-split": { type: "boolean" },
  currency: { type: "string" },
  locale: { type: "string" },
  out: { type: "string" },
  sheets: { type: "string" },
  engine: { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;

function readCsvFile(file: string): CsvTable {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === "ENOENT" ? "no such file" : code === "EISDIR" ? "is a folder, not a file" : code;
    throw new CsvError(`${file}: can't read it (${why}) — check the path`);
  }
  return parseCsv(bytes, file);
}

/** Names the file line of a row error: rows count from the header, lines from the file's top. */
function located(error: CellError, file: string, table: CsvTable | undefined): string {
  const row = error.position?.row;
  if (!table || row === undefined) return `${file}: ${error.message}`;
  const line = table.lines[row - 1] ?? row;
  const detail = error.message.replace(/, row \d+(, column \d+)?,/, "");
  return `${file}, line ${line}: ${detail}`;
}

async function run(argv: string[]): Promise<void> {
  const opts = options(argv);
  if (opts === "help") {
    console.log(USAGE);
    return;
  }
  let table: CsvTable | undefined;
  let spendTableFile: CsvTable | undefined;
  let input: ReportInput;
  let describe: string;
  let currentFile = opts.file ?? "sample";
  try {
    if (opts.file) {
      table = opts.engine === "duckdb" ? undefined : readCsvFile(opts.file);
      const locale = opts.locale ?? (table?.delimiter === ";" ? "ru_RU" : "en_US");
      const ctx = sheetContext(locale, "UTC");
      let spend: Cell[][] | null = null;
      if (opts.spend) {
        currentFile = opts.spend;
        spendTableFile = readCsvFile(opts.spend);
        spend = spendTableFile.rows;
        currentFile = opts.file;
      }
      input = {
        rows: table?.rows ?? [],
        spend,
        context: ctx,
        options: {
          period: opts.period,
          observationEnd: opts.end ? readDay(opts.end, ctx, new Where("--end", "date")) : undefined,
          marginRate: opts.margin,
          splitBySegment: opts.split,
          sheets: opts.sheets,
          currency: opts.currency,
          source: opts.file,
        },
      };
      describe = table
        ? `${opts.file} (${table.rows.length - 1} rows, ${table.encoding}, "${table.delimiter === "\t" ? "tab" : table.delimiter}"-separated)`
        : `${opts.file} (computed in DuckDB)`;
    } else {
      const sample = generateSample();
      const ctx = sheetContext("en_US", "UTC");
      input = {
        rows: purchaseTable(sample),
        spend: spendTable(sample),
        context: ctx,
        options: {
          period: opts.period,
          observationEnd: opts.end ? readDay(opts.end, ctx, new Where("--end", "date")) : sample.end,
          marginRate: opts.margin,
          splitBySegment: opts.split,
          sheets: opts.sheets ?? [...DEFAULT_SHEETS, ...OPTIONAL_SHEETS],
          currency: opts.currency,
          source: "Built-in sample (seeded)",
        },
      };
      describe = `the built-in sample (${sample.purchases.length} rows, ${isoDay(sample.start)} … ${isoDay(sample.end)})`;
    }
    const { report, headline } =
      opts.engine === "duckdb" && opts.file
        ? await duckdbCliReport(opts.file, input)
        : reportFromTable(input);
    mkdirSync(dirname(opts.out), { recursive: true });
    await writeReportXlsx(report, opts.out);
    const split = report.settings["Split by segment"];
    console.log(
      `Cohort LTV report for ${describe}, ${opts.period}ly cohorts${split === "no" ? "" : `, split by segment`}:`,
    );
    for (const line of summaryLines(headline, opts.period, opts.currency, input.spend !== null))
      console.log(line);
    if (input.spend) console.log(`  Spend table: ${report.settings["Spend table"]}`);
    console.log(`Wrote ${opts.out}: ${report.sheets.map((s) => s.name).join(", ")}.`);
  } catch (error) {
    if (error instanceof CellError) {
      const spendError = error.fn.startsWith("Spend");
      throw new CsvError(
        spendError
          ? located(error, opts.spend ?? "spend", spendTableFile)
          : located(error, currentFile, table),
      );
    }
    if (error instanceof ColumnError || error instanceof ReportError) {
      throw new CsvError(`${currentFile}: ${error.message}`);
    }
    throw error;
  }
}

run(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof UsageError) {
    console.error(`error: ${error.message}\n\n${USAGE}`);
    process.exit(2);
  }
  if (error instanceof CsvError || error instanceof MetricError) {
    console.error(`error: ${error.message}`);
    process.exit(1);
  }
  const e = error as NodeJS.ErrnoException;
  console.error(
    e.code === "EACCES" || e.code === "EBUSY" || e.code === "EPERM"
      ? `error: can't write the workbook (${e.code}) — is it open in Excel? Close it or choose --out`
      : `error: ${e.message ?? String(error)} — this is a bug; please report it with the command you ran`,
  );
  process.exit(1);
});
