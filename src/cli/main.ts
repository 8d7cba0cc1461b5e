/**
 * `npm start` — the cohort and LTV:CAC report as an .xlsx workbook, from the command line.
 *
 *   npm start                      the embedded sample (seeded), into out/report.xlsx
 *   npm start -- --sample subscription   the subscription sample, with the Subscription (MRR) sheet
 *   npm start -- transactions.csv [--spend spend.csv] [--period week|month|quarter] [--margin 0.4]
 *                [--end 2024-12-31] [--no-split] [--currency $] [--locale en_US] [--date-format dmy]
 *                [--language ko] [--subscription] [--sheets …] [--calibration-end 1997-09-30] [--out file.xlsx]
 *   npm start -- big.parquet [--engine duckdb|js]   computed in DuckDB (the default for Parquet and big CSVs)
 *   npm start -- --bigquery project.dataset.table [--billing-project P] [--location L]   computed in BigQuery
 *
 * A bad file or option gets one clear message on stderr and a non-zero exit code, never a stack
 * trace and never "this is a bug" for a file or file-system problem: 1 for data the report can't be
 * built from or a file that can't be read or written, 2 for a wrong command line.
 */
import {
  type Cell,
  CellError,
  isoDay,
  plural,
  readDay,
  type SheetContext,
  sheetContext,
  Where,
} from "../core/cells";
import { ColumnError, detectColumns, looksLikeHeader } from "../core/columns";
import { MetricError } from "../core/metrics/errors";
import {
  DEFAULT_SHEETS,
  OPTIONAL_SHEETS,
  ReportError,
  type ReportInput,
  type ReportOptions,
  reportFromTable,
  SUBSCRIPTION_SHEET,
} from "../core/report/build";
import type { ReportData } from "../core/report/data";
import type { ReportSheetKey } from "../core/report/model";
import { whyText } from "../core/report/spend";
import { SpendTableError, spendLayout } from "../core/report/spend-columns";
import { spendWordsOf } from "../core/report/spend-words";
import { generateSample, purchaseTable, spendTable } from "../core/sample/generate";
import { generateSubscriptionSample, paymentTable } from "../core/sample/subscription";
import { bigQueryClient, bigqueryCliReport } from "./bigquery-engine";
import { chosenColumns, describeMapping } from "./columns";
import { CsvError, type CsvTable, parseCsv } from "./csv";
import { checkDayMonthOrder, type OrderSource, withSerialDays } from "./dates";
import { duckdbCliReport } from "./duckdb-engine";
import { checkOutput, FileError, fileProblem, readBytes } from "./files";
import {
  bigqueryGa4Report,
  duckdbGa4Report,
  ga4Description,
  ga4SegmentText,
  isGa4Folder,
} from "./ga4-engine";
import { ga4Dataset, type Options, parseOptions, USAGE, UsageError } from "./options";
import { summaryLines } from "./print";
import { writeReportXlsx } from "./xlsx";

/** The sheets asked for, with the Subscription sheet when --subscription says so (undefined: the defaults, and it when the file has a term column). */
function withSubscription(opts: Options, sheets: ReportSheetKey[] | undefined): ReportSheetKey[] | undefined {
  if (!opts.subscription) return sheets;
  const base = sheets ?? DEFAULT_SHEETS;
  return base.includes(SUBSCRIPTION_SHEET) ? base : [...base, SUBSCRIPTION_SHEET];
}

function readCsvFile(file: string): CsvTable {
  return parseCsv(readBytes(file), file);
}

/** How a CSV's numbers and dates are read: `--locale`, `--date-format`, else by its delimiter. */
function readingContext(opts: Options, table: CsvTable): { ctx: SheetContext; source: OrderSource } {
  const locale = opts.locale ?? (table.delimiter === ";" ? "ru_RU" : "en_US");
  const ctx = sheetContext(locale, "UTC", opts.dateOrder);
  const delimiter = { ",": "comma", ";": "semicolon", "\t": "tab" }[table.delimiter];
  const said = opts.dateOrder
    ? `--date-format ${opts.dateOrder}`
    : opts.locale
      ? `--locale ${opts.locale}`
      : `the default for a ${delimiter}-separated file`;
  return { ctx, source: { order: ctx.dateOrder, explicit: Boolean(opts.dateOrder ?? opts.locale), said } };
}

/** A table's column names as detectColumns names them: the header texts, or "Column 1"… without a header row. */
function headerNames(rows: readonly string[][], ctx: SheetContext): string[] {
  const first = rows[0] ?? [];
  const hasHeader = looksLikeHeader(first, ctx);
  return first.map((cell, i) => (hasHeader && cell.trim() ? cell.trim() : `Column ${i + 1}`));
}

/** `--end` or `--calibration-end`, read like the file's dates; a bad one is a wrong command line. */
function endDay(text: string, ctx: SheetContext, option = "--end"): number {
  try {
    return readDay(text, ctx, new Where(option, "date"));
  } catch (error) {
    if (error instanceof CellError) throw new UsageError(`${option} ${error.detail}`);
    throw error;
  }
}

/** The days the command line sets: observation end and the forecast check's calibration end. */
/** The report options the command line sets; `fallback` is the observation end without `--end`. */
function reportOptions(
  opts: Options,
  ctx: SheetContext,
  source: string,
  sheets: ReportSheetKey[] | undefined,
  fallback?: number,
): ReportOptions {
  return {
    period: opts.period,
    observationEnd: opts.end ? endDay(opts.end, ctx) : fallback,
    calibrationEnd: opts.calibrationEnd ? endDay(opts.calibrationEnd, ctx, "--calibration-end") : undefined,
    calibrationControl: "--calibration-end",
    marginRate: opts.margin,
    splitBySegment: opts.split,
    sheets,
    currency: opts.currency,
    source,
    language: opts.language,
    skipFirstPeriod: opts.skipFirstPeriod,
  };
}

/**
 * The spend table's cells: its period column found by its header (spend-columns.ts), its day/month
 * order checked like the transactions' (`source`; undefined: no transactions to confirm it), and its
 * plain numbers there read as serial days.
 */
function spendCells(
  file: string,
  table: CsvTable,
  ctx: SheetContext,
  opts: Options,
  source: OrderSource | undefined,
): Cell[][] {
  const layout = spendLayout(table.rows, ctx, "Spend table", opts.language);
  const column = layout.columns.period as number;
  const first = layout.headerRow + 1;
  if (source) checkDayMonthOrder(file, table, column, first, source);
  return withSerialDays(table.rows, column, first);
}

/** `--campaign-map`'s file, or undefined. */
function campaignMapFile(opts: Options): CsvTable | undefined {
  return opts.campaignMap ? readCsvFile(opts.campaignMap) : undefined;
}

/** The spend no cohort took, the channels without spend and the first cohort's note, as printed. */
function spendMatchLines(data: ReportData, currency: string): string[] {
  const sw = spendWordsOf(data.language);
  const lines: string[] = [];
  const match = data.spendMatch;
  if (match?.unmatched.length) {
    lines.push(`  ${sw.unmatchedSetting} (counted in the blended CAC only):`);
    for (const u of match.unmatched)
      lines.push(
        `    ${u.channel}: ${currency}${u.spend.toLocaleString("en-US", { maximumFractionDigits: 2 })} — ${whyText(u.why, sw)}`,
      );
  }
  if (match?.withoutSpend.length) lines.push(`  ${sw.noSpendSetting}: ${match.withoutSpend.join(", ")}`);
  if (data.firstPeriodNote) lines.push(`  ${sw.censoredSetting}: ${data.firstPeriodNote}`);
  return lines;
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
  const opts = parseOptions(argv);
  if (opts === "help") {
    console.log(USAGE);
    return;
  }
  checkOutput(opts.out);
  let table: CsvTable | undefined;
  let spendTableFile: CsvTable | undefined;
  let mapFile: CsvTable | undefined;
  let input: ReportInput;
  let describe: string;
  let columnsLine: string | undefined;
  let currentFile = opts.bigquery?.path ?? opts.ga4?.path ?? opts.file ?? "sample";
  try {
    const database = opts.bigquery
      ? "BigQuery"
      : opts.ga4
        ? isGa4Folder(opts.ga4.path)
          ? "DuckDB"
          : "BigQuery"
        : opts.file && opts.engine === "duckdb"
          ? "DuckDB"
          : undefined;
    if (database) {
      // The database reads the transactions itself; only the (small) spend table is read here.
      const from = currentFile;
      const ctx = sheetContext(opts.locale ?? "en_US", "UTC", opts.dateOrder);
      let spend: Cell[][] | null = null;
      if (opts.spend) {
        currentFile = opts.spend;
        spendTableFile = readCsvFile(opts.spend);
        spend = spendCells(opts.spend, spendTableFile, ctx, opts, undefined);
        currentFile = opts.campaignMap ?? from;
        mapFile = campaignMapFile(opts);
        currentFile = from;
      }
      input = {
        rows: [],
        spend,
        campaignMap: mapFile?.rows ?? null,
        context: ctx,
        options: reportOptions(opts, ctx, from, withSubscription(opts, opts.sheets)),
      };
      describe = `${from} (computed in ${database})`;
    } else if (opts.file) {
      table = readCsvFile(opts.file);
      const { ctx, source } = readingContext(opts, table);
      const preset = chosenColumns(opts.columns, headerNames(table.rows, ctx));
      const detected = detectColumns(table.rows, ctx, preset);
      const date = detected.mapping.date;
      const first = detected.hasHeader ? 1 : 0;
      const iso = /^\s*\d{4}-\d\d-\d\d/.test(String(table.rows[first]?.[date] ?? ""));
      columnsLine = describeMapping(detected, detected.mapping, iso ? undefined : ctx.dateOrder);
      // A spend table is read in the order the transactions confirm, if they do.
      const confirmed = checkDayMonthOrder(opts.file, table, date, first, source);
      let spend: Cell[][] | null = null;
      if (opts.spend) {
        currentFile = opts.spend;
        spendTableFile = readCsvFile(opts.spend);
        spend = spendCells(opts.spend, spendTableFile, ctx, opts, { ...source, explicit: confirmed });
        currentFile = opts.campaignMap ?? opts.file;
        mapFile = campaignMapFile(opts);
        currentFile = opts.file;
      }
      input = {
        rows: withSerialDays(table.rows, date, first),
        spend,
        campaignMap: mapFile?.rows ?? null,
        context: ctx,
        mapping: detected.mapping,
        options: reportOptions(opts, ctx, opts.file, withSubscription(opts, opts.sheets)),
      };
      describe = `${opts.file} (${plural(table.rows.length - first, "row")}, ${table.encoding}, "${table.delimiter === "\t" ? "tab" : table.delimiter}"-separated)`;
    } else if (opts.sample === "subscription") {
      const sample = generateSubscriptionSample();
      const ctx = sheetContext("en_US", "UTC", opts.dateOrder);
      input = {
        rows: paymentTable(sample),
        spend: null,
        context: ctx,
        options: reportOptions(
          opts,
          ctx,
          "Built-in subscription sample (seeded)",
          withSubscription(opts, opts.sheets ?? [...DEFAULT_SHEETS, SUBSCRIPTION_SHEET]),
          sample.end,
        ),
      };
      describe = `the built-in subscription sample (${sample.payments.length} payments, ${isoDay(sample.start)} … ${isoDay(sample.end)})`;
    } else {
      const sample = generateSample();
      const ctx = sheetContext("en_US", "UTC", opts.dateOrder);
      input = {
        rows: purchaseTable(sample),
        spend: spendTable(sample),
        context: ctx,
        options: reportOptions(
          opts,
          ctx,
          "Built-in sample (seeded)",
          withSubscription(opts, opts.sheets ?? [...DEFAULT_SHEETS, ...OPTIONAL_SHEETS]),
          sample.end,
        ),
      };
      describe = `the built-in sample (${sample.purchases.length} rows, ${isoDay(sample.start)} … ${isoDay(sample.end)})`;
    }
    const { report, headline, data } = opts.ga4
      ? await ga4Report(opts.ga4, input)
      : opts.bigquery
        ? await bigqueryCliReport(
            await bigQueryClient(opts.bigquery.billingProject),
            opts.bigquery,
            input,
            console.log,
            opts.columns,
          )
        : opts.engine === "duckdb" && opts.file
          ? await duckdbCliReport(opts.file, input, opts.columns)
          : reportFromTable(input);
    await writeReportXlsx(report, opts.out);
    console.log(
      `Cohort LTV report for ${describe}, ${opts.period}ly cohorts${data.segments ? `, split by segment` : ""}:`,
    );
    if (columnsLine) console.log(`  Columns: ${columnsLine}`);
    const { input: said } = data.words;
    for (const key of [said.orders, said.noCustomer]) {
      if (data.settings[key] !== undefined && (opts.file || opts.bigquery))
        console.log(`  ${key}: ${data.settings[key]}`);
    }
    for (const line of summaryLines(headline, opts.period, opts.currency, input.spend !== null))
      console.log(line);
    if (input.spend) console.log(`  Spend table: ${data.settings[data.words.settings.spend]}`);
    for (const line of spendMatchLines(data, opts.currency)) console.log(line);
    console.log(`Wrote ${opts.out}: ${report.sheets.map((s) => s.name).join(", ")}.`);
  } catch (error) {
    if (error instanceof CellError) {
      const where = error.fn.startsWith("Spend")
        ? located(error, opts.spend ?? "spend", spendTableFile)
        : error.fn === "Campaign map"
          ? located(error, opts.campaignMap ?? "campaign map", mapFile)
          : located(error, currentFile, table);
      throw new CsvError(where);
    }
    if (error instanceof SpendTableError) throw new CsvError(`${opts.spend ?? "spend"}: ${error.message}`);
    if (error instanceof ColumnError || error instanceof ReportError || error instanceof MetricError) {
      throw new CsvError(`${currentFile}: ${error.message}`);
    }
    throw error;
  }
}

/** `--ga4`: the days from `--start` and `--end`, then the folder through DuckDB or the dataset through BigQuery. */
async function ga4Report(ga4: NonNullable<Options["ga4"]>, input: ReportInput) {
  const days = {
    from: ga4.start ? endDay(ga4.start, input.context, "--start") : undefined,
    to: input.options.observationEnd,
  };
  if (days.from !== undefined && days.to !== undefined && days.from > days.to)
    throw new UsageError("--start is after --end");
  const options = { path: ga4.path, days, currency: ga4.currency, segment: ga4.segment };
  const { report, stats, segment } = isGa4Folder(ga4.path)
    ? await duckdbGa4Report(options, input)
    : await (async () => {
        const dataset = ga4Dataset(ga4.path, ga4.billingProject, ga4.location, ga4.maxBytes);
        return bigqueryGa4Report(
          await bigQueryClient(dataset.billingProject),
          dataset,
          options,
          input,
          console.log,
        );
      })();
  console.log(ga4Description(ga4.path, stats));
  console.log(ga4SegmentText(segment));
  return report;
}

// Output piped into a command that stops reading early (`| head`) is not an error.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(0);
  throw error;
});

run(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof UsageError) {
    console.error(`error: ${error.message}\n\n${USAGE}`);
    process.exit(2);
  }
  if (error instanceof CsvError || error instanceof MetricError || error instanceof FileError) {
    console.error(`error: ${error.message}`);
    process.exit(1);
  }
  const problem = fileProblem(error);
  const path = (error as NodeJS.ErrnoException).path;
  console.error(
    problem
      ? `error: ${path ? `${path}: ` : ""}${problem}`
      : `error: ${(error as Error).message ?? String(error)} — this is a bug; please report it with the command you ran`,
  );
  process.exit(1);
});
