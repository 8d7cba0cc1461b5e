/**
 * The command line of `npm start`: its usage text and its options, checked. A wrong command line is a
 * {@link UsageError}: one plain sentence, then the usage.
 */
import { statSync } from "node:fs";
import { parseArgs } from "node:util";
import type { DateOrder } from "../core/cells";
import type { PeriodUnit } from "../core/cohorts";
import type { ColumnRole } from "../core/columns";
import { LANGUAGES, type Language, languageOfLocale } from "../core/language";
import { DEFAULT_SHEETS, OPTIONAL_SHEETS, SUBSCRIPTION_SHEET } from "../core/report/build";
import type { ReportSheetKey } from "../core/report/model";
import { bytesText, parseBytesText } from "../core/sql/cost";
import type { Ga4SegmentAsked } from "../core/sql/ga4";

/** Above this size a CSV is computed in DuckDB unless --engine says otherwise (README, "When to switch"). */
export const DUCKDB_ABOVE_MB = 25;

/** What `--bigquery` may scan without `--max-bytes`: 20 GiB, about $0.12 at the US on-demand price. */
export const DEFAULT_MAX_BYTES = 20 * 2 ** 30;

export const USAGE = `Usage:
  npm start                                  report for the built-in sample data → out/report.xlsx
  npm start -- transactions.csv [options]    report for your own CSV export
  npm start -- --sample subscription         report for the built-in subscription sample (MRR)
  npm start -- --bigquery project.dataset.table [options]   report computed in BigQuery
  npm start -- --ga4 project.analytics_123456 [options]    report of a GA4 export in BigQuery
  npm start -- --ga4 FOLDER [options]        report of a GA4 export saved as events_YYYYMMDD.parquet files

Options:
  --customer, --order, --date, --amount, --quantity, --price, --segment, --margin-column, --cost-column
                           the column of each (a header, or a letter: C); default: found by headers,
                           then values, and printed. Without an amount, amount = quantity × unit price.
                           --order none: each row is one order (else an order's lines add up)
  --spend spend.csv        marketing spend, columns by header in any order (Month/Day/Date, Spend/Cost/
                           Amount spent, Channel/Source or Campaign); Google Ads and Meta Ads exports as
                           downloaded; without a header: period start, spend[, channel]
  --campaign-map map.csv   campaign pattern → channel rules for the spend table's campaigns
                           ("brand*,Paid Search"; plain text matches a campaign containing it)
  --skip-first-period      leave the data's first period out of the cohort figures (its customers
                           may have bought before the data starts)
  --period week|month|quarter   cohort period (default month)
  --margin 0.4             gross margin as a fraction or percent (40%) of revenue
  --end 2024-12-31         observation end (default: the last date in the data)
  --calibration-end 1997-09-30   where the forecast-check sheet splits calibration from hold-out
                           (default: halfway through the data)
  --no-split               do not split cohorts by segment (channel) even when there is a segment column
  --currency $             currency symbol for money formats (default $)
  --locale en_US           how numbers and dates in the CSV are written (default: en_US, or ru_RU for ; files)
  --date-format dmy|mdy|ymd   order of day, month and year in dates like 03/04/2024 (default: the locale's)
  --language en|ko|ru      the workbook's language (default: the --locale's, else en)
  --sheets a,b             which sheets: ${DEFAULT_SHEETS.join(", ")} (default), ${OPTIONAL_SHEETS.join(", ")} (the sample adds them), ${SUBSCRIPTION_SHEET}
  --subscription           add the Subscription (MRR) sheet: MRR movements, NRR/GRR, cohort net MRR retention
                           (added by itself when a column is headed "Term" / "Term (months)": months a payment covers)
  --out file.xlsx          where to write the workbook (default out/report.xlsx)
  --engine js|duckdb       js reads every row into memory; duckdb computes in DuckDB, for big .csv or
                           .parquet files (ISO dates, plain numbers); default: duckdb for .parquet and
                           for files over ${DUCKDB_ABOVE_MB} MB, else js
  --bigquery project.dataset.table   compute the report in BigQuery (a table or view), with your
                           application-default credentials (gcloud auth application-default login)
  --billing-project P      the project BigQuery bills the queries to (default: the table's project)
  --location L             where the BigQuery jobs run, e.g. US, EU (default: the dataset's)
  --ga4 project.dataset | FOLDER   a Google Analytics 4 export: purchase and refund events of the daily
                           events_YYYYMMDD tables (BigQuery) or Parquet files (computed in DuckDB)
  --start 2024-01-01       with --ga4: the first day to read (default: the first table); --end is the last
  --ga4-revenue local|usd  with --ga4: purchase_revenue in the property's currency (default) or _in_usd
  --ga4-segment auto|channel-group|source-medium   with --ga4: the segment is the session's default
                           channel group or the user's first traffic_source.source / medium; auto
                           (default): the channel group when every purchase read has one (GA4 exports
                           it from 2024-10-10 on), else source / medium, saying why
  --max-bytes 50GiB        with --bigquery or --ga4: the most the queries may scan in all (default
                           ${bytesText(DEFAULT_MAX_BYTES)}); above it nothing more runs; each query is capped near its dry run`;

/** A wrong command line. */
export class UsageError extends Error {}

export interface Options {
  file?: string;
  spend?: string;
  campaignMap?: string;
  skipFirstPeriod: boolean;
  period: PeriodUnit;
  margin?: number;
  end?: string;
  calibrationEnd?: string;
  split: boolean;
  currency: string;
  locale?: string;
  dateOrder?: DateOrder;
  language: Language;
  out: string;
  sheets?: ReportSheetKey[];
  subscription: boolean;
  sample?: "subscription";
  engine: "js" | "duckdb";
  bigquery?: BigQueryTable;
  /** The columns named by options (header or letter), checked against the file once it is read. */
  columns: Partial<Record<ColumnRole, string>>;
  /** `--ga4`: a folder of Parquet files or a BigQuery `project.dataset`, its first day and revenue field. */
  ga4?: {
    path: string;
    start?: string;
    currency: "local" | "usd";
    segment: Ga4SegmentAsked;
    billingProject?: string;
    location?: string;
    maxBytes?: number;
  };
}

/** Each column option and the role it names. */
const COLUMN_FLAGS = {
  customer: "customerId",
  order: "order",
  date: "date",
  amount: "amount",
  quantity: "quantity",
  price: "price",
  segment: "segment",
  "margin-column": "margin",
  "cost-column": "cost",
} as const satisfies Record<string, ColumnRole>;

/** `--bigquery`, `--billing-project`, `--location`. */
export interface BigQueryTable {
  /** `project.dataset.table` as given. */
  path: string;
  project: string;
  dataset: string;
  table: string;
  billingProject: string;
  location?: string;
  /** `--max-bytes`: the most the run's queries may scan; undefined for {@link DEFAULT_MAX_BYTES}. */
  maxBytes?: number;
}

const OPTION_SPEC = {
  spend: { type: "string" },
  "campaign-map": { type: "string" },
  "skip-first-period": { type: "boolean" },
  period: { type: "string" },
  margin: { type: "string" },
  end: { type: "string" },
  "calibration-end": { type: "string" },
  "no-split": { type: "boolean" },
  currency: { type: "string" },
  locale: { type: "string" },
  "date-format": { type: "string" },
  language: { type: "string" },
  out: { type: "string" },
  sheets: { type: "string" },
  subscription: { type: "boolean" },
  sample: { type: "string" },
  engine: { type: "string" },
  bigquery: { type: "string" },
  "billing-project": { type: "string" },
  location: { type: "string" },
  "max-bytes": { type: "string" },
  ga4: { type: "string" },
  start: { type: "string" },
  "ga4-revenue": { type: "string" },
  "ga4-segment": { type: "string" },
  help: { type: "boolean", short: "h" },
  customer: { type: "string" },
  order: { type: "string" },
  date: { type: "string" },
  amount: { type: "string" },
  quantity: { type: "string" },
  price: { type: "string" },
  segment: { type: "string" },
  "margin-column": { type: "string" },
  "cost-column": { type: "string" },
} as const;

/** The options of a command line, checked; "help" for `--help`. */
export function parseOptions(argv: string[]): Options | "help" {
  let parsed: ReturnType<
    typeof parseArgs<{ options: typeof OPTION_SPEC; allowPositionals: true; strict: true }>
  >;
  try {
    parsed = parseArgs({ args: argv, options: OPTION_SPEC, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(parseArgsProblem(error as Error & { code?: string }));
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
  if (v["campaign-map"] !== undefined && v.spend === undefined)
    throw new UsageError("--campaign-map maps the spend table's campaigns: give --spend spend.csv with it");
  if (v.sample !== undefined && v.sample !== "subscription")
    throw new UsageError(`--sample is "${v.sample}" — the only sample variant is "subscription"`);
  if (v.sample !== undefined && parsed.positionals.length)
    throw new UsageError("give a transactions file or --sample, not both");
  const language = (v.language ?? languageOfLocale(v.locale)).toLowerCase() as Language;
  if (!LANGUAGES.includes(language)) {
    throw new UsageError(`--language is "${v.language}" — expected ${LANGUAGES.join(", ")}`);
  }
  const file = parsed.positionals[0];
  const engine = v.engine ?? defaultEngine(file);
  if (engine !== "js" && engine !== "duckdb")
    throw new UsageError(`--engine is "${engine}" — expected js or duckdb`);
  if (engine === "duckdb" && file === undefined)
    throw new UsageError("--engine duckdb needs a transactions file (.csv or .parquet)");
  if (engine === "js" && file && PARQUET.test(file))
    throw new UsageError(`--engine js reads CSV files only — ${file} is computed with --engine duckdb`);
  const ga4 = ga4Export(
    v.ga4,
    v.start,
    v["ga4-revenue"],
    v["ga4-segment"],
    v["billing-project"],
    v.location,
    v["max-bytes"],
  );
  if (
    ga4 &&
    (file !== undefined || v.sample !== undefined || v.engine !== undefined || v.bigquery !== undefined)
  )
    throw new UsageError(
      "--ga4 reads the export itself: give no file, --sample, --engine or --bigquery with it",
    );
  const bigquery = ga4
    ? undefined
    : bigqueryTable(v.bigquery, v["billing-project"], v.location, v["max-bytes"]);
  if (bigquery && (file !== undefined || v.sample !== undefined || v.engine !== undefined))
    throw new UsageError(
      "--bigquery computes the report in BigQuery: give no file, --sample or --engine with it",
    );
  const columns: Options["columns"] = {};
  for (const [flag, role] of Object.entries(COLUMN_FLAGS) as [keyof typeof COLUMN_FLAGS, ColumnRole][]) {
    const text = v[flag];
    if (text === undefined) continue;
    if (!text.trim()) throw new UsageError(`--${flag} is empty — give a column's header or letter`);
    columns[role] = text;
  }
  if (Object.keys(columns).length && file === undefined && !bigquery)
    throw new UsageError(
      "the column options (--customer, --amount…) go with a transactions file or --bigquery",
    );
  return {
    columns,
    engine,
    bigquery,
    ga4,
    file,
    spend: v.spend,
    campaignMap: v["campaign-map"],
    skipFirstPeriod: v["skip-first-period"] === true,
    period,
    margin,
    end: v.end,
    calibrationEnd: v["calibration-end"],
    split: !v["no-split"],
    currency: v.currency ?? "$",
    locale: v.locale === undefined ? undefined : knownLocale(v.locale),
    dateOrder: v["date-format"] === undefined ? undefined : dateOrder(v["date-format"]),
    language,
    out: v.out ?? "out/report.xlsx",
    sheets: v.sheets === undefined ? undefined : sheetKeys(v.sheets),
    subscription: v.subscription === true,
    sample: v.sample,
  };
}

const PARQUET = /\.parquet$/i;

/** Parquet and big CSV files go to DuckDB: the JavaScript engine reads CSV only, and reaches 1 GB at about a million rows. */
function defaultEngine(file: string | undefined): "js" | "duckdb" {
  if (file === undefined) return "js";
  if (PARQUET.test(file)) return "duckdb";
  try {
    return statSync(file).size > DUCKDB_ABOVE_MB * 1024 * 1024 ? "duckdb" : "js";
  } catch {
    return "js"; // Reading it names the problem.
  }
}

/** `--bigquery project.dataset.table` (project ids may hold a domain, `example.com:project`), and where its jobs run. */
function bigqueryTable(
  path: string | undefined,
  billingProject: string | undefined,
  location: string | undefined,
  maxBytesText: string | undefined,
): BigQueryTable | undefined {
  if (path === undefined) {
    if (billingProject !== undefined || location !== undefined || maxBytesText !== undefined)
      throw new UsageError(
        "--billing-project, --location and --max-bytes go with --bigquery project.dataset.table",
      );
    return undefined;
  }
  const maxBytes = maxBytesOption(maxBytesText);
  const parts = /^([a-z](?:[a-z0-9.:-]*[a-z0-9])?)\.(\w+)\.([^.`\s]+)$/i.exec(path.trim());
  if (!parts)
    throw new UsageError(
      `--bigquery is "${path}" — expected project.dataset.table, e.g. my-project.shop.orders`,
    );
  const [, project, dataset, table] = parts;
  return {
    path: path.trim(),
    project,
    dataset,
    table,
    billingProject: billingProject ?? project,
    location,
    ...(maxBytes !== undefined && { maxBytes }),
  };
}

/** `--ga4 PATH [--start DAY] [--ga4-revenue local|usd] [--ga4-segment auto|channel-group|source-medium]`, checked. */
function ga4Export(
  path: string | undefined,
  start: string | undefined,
  revenue: string | undefined,
  segmentText: string | undefined,
  billingProject: string | undefined,
  location: string | undefined,
  maxBytesText: string | undefined,
): Options["ga4"] {
  if (path === undefined) {
    if (start !== undefined || revenue !== undefined || segmentText !== undefined)
      throw new UsageError("--start, --ga4-revenue and --ga4-segment go with --ga4");
    return undefined;
  }
  const currency = (revenue ?? "local").trim().toLowerCase();
  if (currency !== "local" && currency !== "usd")
    throw new UsageError(`--ga4-revenue is "${revenue}" — expected local (the property's currency) or usd`);
  const segment = (segmentText ?? "auto").trim().toLowerCase();
  if (segment !== "auto" && segment !== "channel-group" && segment !== "source-medium")
    throw new UsageError(
      `--ga4-segment is "${segmentText}" — expected auto, channel-group (the session's default channel group) or source-medium (the user's first source / medium)`,
    );
  if (!path.trim())
    throw new UsageError("--ga4 needs a folder of events_YYYYMMDD.parquet files or project.dataset");
  const maxBytes = maxBytesOption(maxBytesText);
  return {
    path: path.trim(),
    start,
    currency,
    segment,
    billingProject,
    location,
    ...(maxBytes !== undefined && { maxBytes }),
  };
}

/** `--ga4 project.dataset` as the BigQuery runner addresses it (its wildcard table `events_*`). */
export function ga4Dataset(
  path: string,
  billingProject: string | undefined,
  location: string | undefined,
  maxBytes?: number,
): BigQueryTable {
  const parts = /^([a-z](?:[a-z0-9.:-]*[a-z0-9])?)\.(\w+)$/i.exec(path);
  if (!parts)
    throw new UsageError(
      `--ga4 is "${path}" — expected a folder of events_YYYYMMDD.parquet files or a BigQuery dataset, project.analytics_123456`,
    );
  const [, project, dataset] = parts;
  return {
    path,
    project,
    dataset,
    table: "events_*",
    billingProject: billingProject ?? project,
    location,
    ...(maxBytes !== undefined && { maxBytes }),
  };
}

/** `--max-bytes 50GiB`, checked. */
function maxBytesOption(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const bytes = parseBytesText(text);
  if (bytes === undefined)
    throw new UsageError(`--max-bytes is "${text}" — expected a size such as 50GiB, 500MB or 2TiB`);
  return bytes;
}

/** node:util's parseArgs errors, in the words of this command. */
function parseArgsProblem(error: Error & { code?: string }): string {
  const option = /'(-[^' ]+)/.exec(error.message)?.[1] ?? "an option";
  if (error.code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") return `unknown option ${option}`;
  if (error.code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE")
    return /does not take/.test(error.message) ? `${option} takes no value` : `${option} needs a value`;
  return error.message;
}

/**
 * `--locale`: a locale Node's Intl knows, as Sheets names them (`en_US`) or as a BCP 47 tag (`en-US`).
 * An unknown one is an error, never a silent en_US.
 */
function knownLocale(text: string): string {
  let known = false;
  try {
    known = Intl.NumberFormat.supportedLocalesOf(text.trim().replace(/_/g, "-")).length > 0;
  } catch {
    // Not even a well-formed tag.
  }
  if (!known) {
    throw new UsageError(
      `--locale is "${text}" — not a known locale; give language_COUNTRY as Google Sheets names it, ` +
        "e.g. en_US, en_GB, en_IN, de_DE, fr_FR, es_ES, it_IT, pt_BR, ru_RU, ko_KR or ja_JP",
    );
  }
  return text.trim();
}

/** `--date-format dmy`, also written `dd/mm/yyyy` or `DMY`. */
function dateOrder(text: string): DateOrder {
  const order = text
    .toLowerCase()
    .replace(/[^dmy]/g, "")
    .replace(/(.)\1+/g, "$1");
  if (order === "dmy" || order === "mdy" || order === "ymd") return order;
  throw new UsageError(
    `--date-format is "${text}" — expected dmy (14/03/2024), mdy (03/14/2024) or ymd (2024-03-14)`,
  );
}

/** `--sheets retention,summary`: report sheet keys, checked. */
function sheetKeys(text: string): ReportSheetKey[] {
  const keys = text.split(",").map((k) => k.trim().toLowerCase());
  const known: string[] = [...DEFAULT_SHEETS, ...OPTIONAL_SHEETS, SUBSCRIPTION_SHEET];
  const bad = keys.filter((k) => !known.includes(k));
  if (bad.length || keys.length === 0) {
    throw new UsageError(`--sheets has "${bad.join(", ")}" — choose from ${known.join(", ")}`);
  }
  return keys as ReportSheetKey[];
}
