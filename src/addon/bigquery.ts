/**
 * Reports from a BigQuery table or view: the core's SQL plan (core/sql/report.ts) run with the
 * BigQuery advanced service as the user — their access, jobs billed to the project they name — so
 * only the small aggregated tables come into the sheet. A dry run first says what the queries will
 * scan (the bytes BigQuery bills); the real jobs together may not bill more than twice what the user
 * approved, so a refresh after the table has grown a lot stops and asks instead of spending silently,
 * and each job is capped by its own dry run ({@link jobBytesCap}), so no single job can bill the whole
 * approval. Results
 * are paged in and typed from their schema; BigQuery's errors become messages in the user's words.
 * A GA4 export is read the same way: its events flattened by core/sql/ga4.ts over the `events_*`
 * wildcard, bounded by `_TABLE_SUFFIX` to the days asked for, under the same caps and approvals.
 * Scope: cloud-platform.read-only, the narrowest the discovery document lists for tables.get,
 * tables.list, jobs.query (dry runs too) and jobs.getQueryResults (addon/consent.ts); a user may not
 * have granted it, so every runner checks it first and a 403 for a missing scope is said as such,
 * never as "no access to the table".
 */
import { type Cell, readDay, type SheetContext, Where } from "../core/cells";
import type { ColumnMapping } from "../core/columns";
import {
  type BuiltReport,
  columnNotes,
  type ReportOptions,
  ROWS_ONLY_SHEETS,
  spendOf,
} from "../core/report/build";
import type { ReportSheetKey } from "../core/report/model";
import { ga4SourceText, wordsOf } from "../core/report/words";
import { bytesText, jobBytesCap, MIN_BILLED_BYTES } from "../core/sql/cost";
import { dateColumnType, type SqlParam, type SqlQuery } from "../core/sql/dialect";
import {
  type Ga4Currency,
  type Ga4Days,
  type Ga4Events,
  type Ga4SegmentAsked,
  type Ga4SegmentColumn,
  type Ga4Stats,
  ga4HasChannelGroup,
  ga4SchemaQuery,
  ga4SegmentAvailable,
  ga4SegmentChoice,
  ga4Source,
  ga4StatsQuery,
  ga4TablesRead,
} from "../core/sql/ga4";
import { orderLines, ordersSource } from "../core/sql/orders";
import type { SqlSource } from "../core/sql/queries";
import {
  boundsQuery,
  inputCounts,
  type SqlReportRows,
  sqlReportPlan,
  type UnreadableRows,
  unreadableRows,
} from "../core/sql/report";
import type { BoundsRow } from "../core/sql/results";
import { checkBigQueryConsent, consentError } from "./consent";
import { currentSheetContext } from "./context";
import { AddonError } from "./errors";
import { type Message, quote, shorten } from "./messages";
import { reportProgress } from "./progress";
import type { BigQuerySettings, Ga4Settings, ReportSettings } from "./settings";
import { localeCurrency } from "./source";

type QueryRequest = GoogleAppsScript.BigQuery.Schema.QueryRequest & { maximumBytesBilled?: string };
type Page =
  | GoogleAppsScript.BigQuery.Schema.QueryResponse
  | GoogleAppsScript.BigQuery.Schema.GetQueryResultsResponse;
type Field = GoogleAppsScript.BigQuery.Schema.TableFieldSchema;

/**
 * The sheets the sidebar greys out for a BigQuery source: those built only from rows in memory, and
 * Subscription, whose term column the sidebar cannot pick for a BigQuery table yet.
 */
export const ROW_SHEETS: readonly ReportSheetKey[] = [...ROWS_ONLY_SHEETS, "subscription"];

/** How long one call waits for a job before asking again, and how long the whole report may take (Apps Script stops a call at 6 minutes). */
const WAIT_MS = 20_000;
const REPORT_MS = 240_000;

/** The real jobs may bill up to this many times the bytes the user approved (tables grow between builds and refreshes). */
const APPROVED_HEADROOM = 2;

/** `project.dataset.table` split; the project may be domain-scoped (`example.com:shop`). */
export function tableParts(table: string): { projectId: string; datasetId: string; tableId: string } {
  const m = /^([\w.:-]+)\.(\w+)\.([^.`\s][^.`]*)$/.exec(table.trim());
  if (!m) throw new AddonError("input", { key: "bqTableId", params: { text: quote(table) } });
  return { projectId: m[1], datasetId: m[2], tableId: m[3] };
}

/**
 * `project.dataset` split (a GA4 export's `shop-42.analytics_123456`); the project may be domain-scoped
 * (`example.com:shop`), so a dot before the dataset is the last one and the project has no other dot
 * outside its domain.
 */
export function datasetParts(dataset: string): { projectId: string; datasetId: string } {
  const m = /^((?:[\w.-]+:)?[\w-]+)\.(\w+)$/.exec(dataset.trim());
  if (!m) throw new AddonError("input", { key: "ga4Dataset", params: { text: quote(dataset) } });
  return { projectId: m[1], datasetId: m[2] };
}

function checkedProject(project: string): string {
  const text = project.trim();
  if (!/^[\w.:-]{1,100}$/.test(text))
    throw new AddonError("input", { key: "bqProject", params: { text: quote(project) } });
  return text;
}

function service(): GoogleAppsScript.BigQuery {
  if (typeof BigQuery === "undefined" || !BigQuery) throw new Error("the BigQuery advanced service is off");
  return BigQuery;
}

/**
 * A call refused for its OAuth scope, not for the user's rights on the data: BigQuery's 403
 * "Request had insufficient authentication scopes." (reason insufficientPermissions, status
 * ACCESS_TOKEN_SCOPE_INSUFFICIENT), or Apps Script's own "You do not have permission to call
 * BigQuery.Jobs.query. Required permissions: …" before it sends the request.
 */
const SCOPE_REFUSED =
  /insufficientPermissions|insufficient authentication scopes|ACCESS_TOKEN_SCOPE_INSUFFICIENT|Required permissions:|do not have permission to call/i;

/** BigQuery's error reasons (ErrorProto.reason) and what the user is told for each. */
const REASONS: [RegExp, Message["key"]][] = [
  [/bytesBilledLimitExceeded/i, "bqBytes"],
  [/billingNotEnabled|billing/i, "bqBilling"],
  [/quotaExceeded|rateLimitExceeded|quota/i, "bqQuota"],
  [/accessDenied|access denied|permission/i, "bqAccess"],
  [/notFound|not found/i, "bqNotFound"],
  [/timeout|timed out/i, "bqTimeout"],
];

/**
 * A failed call in plain words. Apps Script throws an advanced service's HTTP error as an Error whose
 * message holds BigQuery's ("API call to bigquery.jobs.query failed with error: Access Denied: …") and,
 * in V8, whose `details` hold its code and reasons; both are read.
 */
function bigQueryError(error: unknown, where: { project: string; table: string; limit: number }): unknown {
  if (error instanceof AddonError) return error;
  const details = (error as { details?: { code?: number; errors?: { reason?: string }[] } } | null)?.details;
  const text = error instanceof Error ? error.message : String(error);
  const reasons = (details?.errors ?? []).map((e) => e.reason ?? "").join(" ");
  if (SCOPE_REFUSED.test(reasons) || SCOPE_REFUSED.test(text)) return consentError();
  const code = details?.code;
  const found =
    REASONS.find(([pattern]) => pattern.test(reasons))?.[1] ??
    (code === 403 ? "bqAccess" : code === 404 ? "bqNotFound" : undefined) ??
    REASONS.find(([pattern]) => pattern.test(text))?.[1];
  const table = quote(where.table);
  const project = quote(where.project);
  const said: Message | undefined =
    found === "bqAccess"
      ? { key: found, params: { table, project } }
      : found === "bqNotFound"
        ? { key: found, params: { table } }
        : found === "bqBilling" || found === "bqQuota"
          ? { key: found, params: { project } }
          : found === "bqTimeout"
            ? { key: found, params: { minutes: Math.round(REPORT_MS / 60_000) } }
            : found === "bqBytes"
              ? { key: found, params: { table, limit: bytesText(where.limit) } }
              : undefined;
  if (said) return new AddonError("bigquery", said);
  // Anything else BigQuery refused (a column of a type the queries cannot read…): its own words.
  const detail = text.replace(/^.*?failed with error:\s*/s, "");
  return details || /API call to bigquery/.test(text)
    ? new AddonError("bigquery", { key: "bqRefused", params: { detail: quote(shorten(detail)) } })
    : error;
}

/**
 * A dry run of `SELECT 1` billed to `project` ("Check installation"): proves the scope, the BigQuery
 * API and the right to run jobs there, scanning and billing nothing.
 */
export function bigQueryDryRun(project: string): void {
  const where = { project: checkedProject(project), table: "", limit: 0 };
  checkBigQueryConsent();
  try {
    service().Jobs.query({ query: "SELECT 1", useLegacySql: false, dryRun: true }, where.project);
  } catch (error) {
    throw bigQueryError(error, where);
  }
}

/** The calls of one report, against one billing project, under one deadline. */
export class BigQueryRunner {
  private readonly deadline = Date.now() + REPORT_MS;
  /** The most bytes the report's jobs may bill together (set once the user's approval is known). */
  limit = 0;
  /** The tables each job reads, each billed at least 10 MB: a GA4 export's event tables of the days asked for. */
  tablesPerJob = 1;
  /** What the jobs run so far said, in their dry runs, they would scan. */
  private scanned = 0;
  readonly project: string;
  /** `project.dataset.table`, or for a GA4 export its `project.dataset`. */
  readonly table: string;
  /** Checks the names first (a typo is said as such, not as BigQuery's error), then the scope. */
  constructor(project: string, table: string, kind: "table" | "dataset" = "table") {
    this.project = checkedProject(project);
    this.table = table.trim();
    if (kind === "dataset") datasetParts(this.table);
    else tableParts(this.table);
    checkBigQueryConsent();
  }

  private call<T>(run: () => T): T {
    try {
      return run();
    } catch (error) {
      throw bigQueryError(error, this);
    }
  }

  /** The table's (or view's) columns. */
  columns(): Field[] {
    return this.describe().fields;
  }

  /**
   * The table's columns, its kind ("TABLE", "VIEW", "MATERIALIZED_VIEW", "EXTERNAL"…) and when it was
   * last changed (`lastModifiedTime`, ms since the epoch, from tables.get:
   * https://cloud.google.com/bigquery/docs/reference/rest/v2/tables#Table).
   */
  describe(): { fields: Field[]; type: string; lastModified: string } {
    const { projectId, datasetId, tableId } = tableParts(this.table);
    const table = this.call(() => service().Tables.get(projectId, datasetId, tableId));
    return {
      fields: table.schema?.fields ?? [],
      type: String(table.type ?? "TABLE"),
      lastModified: String(table.lastModifiedTime ?? ""),
    };
  }

  /**
   * The tables of this runner's dataset, by name, with their kind: tables.list, a page at a time
   * (https://cloud.google.com/bigquery/docs/reference/rest/v2/tables/list: at most `maxResults` a page,
   * the next asked for with the page's `nextPageToken`). Metadata only: it scans and bills nothing.
   */
  listTables(): { name: string; type: string }[] {
    const { projectId, datasetId } = datasetParts(this.table);
    const tables: { name: string; type: string }[] = [];
    let pageToken: string | undefined;
    do {
      const args = { maxResults: 1000, ...(pageToken ? { pageToken } : {}) };
      const page = this.call(() => service().Tables.list(projectId, datasetId, args));
      for (const table of page.tables ?? [])
        tables.push({ name: table.tableReference?.tableId ?? "", type: String(table.type ?? "TABLE") });
      pageToken = page.nextPageToken || undefined;
      if (pageToken && Date.now() > this.deadline) throw bigQueryError(new Error("timeout"), this);
    } while (pageToken);
    return tables;
  }

  private request(query: SqlQuery, extra: Partial<QueryRequest>): QueryRequest {
    return {
      query: query.sql,
      useLegacySql: false,
      parameterMode: "NAMED",
      queryParameters: query.params.map(parameter),
      timeoutMs: WAIT_MS,
      ...extra,
    };
  }

  /** The bytes a query will scan: a dry run, which runs and bills nothing. */
  dryRun(query: SqlQuery): number {
    return this.dryRunResult(query).bytes;
  }

  /**
   * A query's dry run (free): the bytes it would scan and the columns of its result. jobs.query
   * answers with a QueryResponse, whose `schema` is "the schema of the results"
   * (https://cloud.google.com/bigquery/docs/reference/rest/v2/jobs/query#response-body) and has no
   * `statistics`: a dry run's result schema is what a job resource carries as
   * `statistics.query.schema`, "present only for successful dry run of non-legacy SQL queries"
   * (https://cloud.google.com/bigquery/docs/reference/rest/v2/Job#JobStatistics2), and Google's own
   * client reads it for a jobs.query dry run from the response's `schema` (googleapis/python-bigquery,
   * google/cloud/bigquery/_job_helpers.py, `_to_query_job`). The advanced service returns the REST
   * response as it is (typed GoogleAppsScript.BigQuery.Schema.QueryResponse, with `schema`), and the
   * jobs.insert that returns a job resource needs a wider scope (consent.ts). `fields` is undefined
   * when the response holds no schema.
   */
  dryRunResult(query: SqlQuery): { bytes: number; fields?: Field[] } {
    const response = this.call(() =>
      service().Jobs.query(this.request(query, { dryRun: true }), this.project),
    );
    return { bytes: Number(response.totalBytesProcessed ?? 0), fields: response.schema?.fields };
  }

  /**
   * A query's rows as objects, numbers as numbers. A dry run first (free) gives the job its own cap,
   * {@link jobBytesCap}; a job that would take the report past {@link limit} is not started.
   */
  rows<T>(query: SqlQuery): T[] {
    const bytes = this.dryRun(query);
    if (this.scanned + bytes > this.limit) throw bigQueryError(new Error("bytesBilledLimitExceeded"), this);
    this.scanned += bytes;
    const request = this.request(query, {
      maximumBytesBilled: String(jobBytesCap(bytes, this.tablesPerJob)),
    });
    let page: Page = this.call(() => service().Jobs.query(request, this.project));
    const job = page.jobReference;
    const rows: T[] = [];
    for (;;) {
      if (page.jobComplete !== false) rows.push(...typedRows<T>(page));
      if (page.jobComplete !== false && !page.pageToken) return rows;
      if (Date.now() > this.deadline || !job?.jobId) throw bigQueryError(new Error("timeout"), this);
      const jobId = job.jobId;
      const next = { pageToken: page.pageToken, location: job.location, timeoutMs: WAIT_MS };
      page = this.call(() => service().Jobs.getQueryResults(this.project, jobId, next));
    }
  }
}

function parameter(p: SqlParam): GoogleAppsScript.BigQuery.Schema.QueryParameter {
  return { name: p.name, parameterType: { type: p.type }, parameterValue: { value: String(p.value) } };
}

const NUMBER_TYPES = new Set(["INTEGER", "INT64", "FLOAT", "FLOAT64", "NUMERIC", "BIGNUMERIC"]);

/** REST rows (`{f: [{v: "12"}, …]}`, every value a string or null) typed by the page's schema. */
function typedRows<T>(page: Page): T[] {
  const fields = page.schema?.fields ?? [];
  return (page.rows ?? []).map((row) => {
    const out: Record<string, unknown> = {};
    fields.forEach((field, i) => {
      const v = row.f?.[i]?.v as unknown;
      const name = field.name ?? String(i);
      out[name] =
        v === null || v === undefined
          ? null
          : NUMBER_TYPES.has(field.type ?? "")
            ? Number(v)
            : field.type === "BOOLEAN" || field.type === "BOOL"
              ? v === "true"
              : String(v);
    });
    return out as T;
  });
}

/** The columns the report reads, by name, from the mapping's indices into the table's columns. */
export function bigQuerySettings(
  request: { project: string; table: string; approvedBytes?: number },
  mapping: ColumnMapping,
): BigQuerySettings {
  const runner = new BigQueryRunner(String(request?.project ?? ""), String(request?.table ?? ""));
  const { project, table } = runner;
  const { fields, type, lastModified } = runner.describe();
  const name = (index: number | undefined) => (index === undefined ? undefined : fields[index]?.name);
  const dateType = dateColumnType(fields[mapping.date]?.type);
  // Without an amount column, quantity × unit price (then `amount` names the unit price).
  const byQuantity =
    mapping.amount === undefined && mapping.quantity !== undefined && mapping.price !== undefined;
  const lines = {
    order: name(mapping.order),
    quantity: byQuantity ? name(mapping.quantity) : undefined,
    price: byQuantity ? name(mapping.price) : undefined,
  };
  const columns = {
    customerId: name(mapping.customerId) as string,
    date: name(mapping.date) as string,
    amount: name(byQuantity ? mapping.price : mapping.amount) as string,
    segment: name(mapping.segment),
    margin: name(mapping.margin),
    cost: name(mapping.cost),
  };
  if (!columns.customerId || !columns.date || !columns.amount || !dateType) {
    throw new AddonError("input", { key: "bqColumns", params: { table: quote(table) } });
  }
  const approved = Number(request.approvedBytes);
  return {
    project,
    table,
    columns,
    ...(lines.order !== undefined || byQuantity ? { lines } : {}),
    dateType,
    approvedBytes: Number.isFinite(approved) ? approved : 0,
    tableType: type,
    lastModified,
  };
}

/**
 * Who may run a report's queries. A refresh runs them with the credentials of whoever clicks it, on
 * the table, billing project and cap stored in the shared sheet; a view runs with the querying
 * user's rights, so its owner could make someone else's refresh read what only they may. So each
 * person approves each BigQuery report themselves, by building it from the sidebar, and their
 * refresh runs it only as approved.
 *
 * The approval is kept in the approver's own user properties, which only that user and this script
 * can read or write (https://developers.google.com/apps-script/reference/properties/properties-service#getUserProperties()),
 * keyed by spreadsheet and report. Their e-mail address is not used: `Session.getActiveUser()` and
 * `getEffectiveUser()` may give a blank address depending on the domain's policies
 * (https://developers.google.com/apps-script/reference/base/user#getEmail()), and both need the
 * userinfo.email scope.
 */
interface Approval {
  table: string;
  project: string;
  approvedBytes: number;
  tableType: string;
  lastModified: string;
}

const APPROVAL = "bq-approval:";
/** The kind an approval records for a GA4 export (a table's is tables.get's type). */
export const GA4_KIND = "GA4";

function approvalKey(spreadsheetId: string, reportId: string): string {
  return `${APPROVAL}${spreadsheetId}:${reportId}`;
}

/** Records that the user running this build approves the report as `bigquery` describes it. */
export function approveBigQuery(spreadsheetId: string, reportId: string, bigquery: BigQuerySettings): void {
  const approval: Approval = {
    table: bigquery.table,
    project: bigquery.project,
    approvedBytes: bigquery.approvedBytes,
    tableType: bigquery.tableType ?? "TABLE",
    lastModified: bigquery.lastModified ?? "",
  };
  PropertiesService.getUserProperties().setProperty(
    approvalKey(spreadsheetId, reportId),
    JSON.stringify(approval),
  );
}

/**
 * Refuses a refresh the user has not approved (another person's report, or one whose table,
 * project or cap changed since), and one whose view (any table kind but a plain table) was
 * redefined since the approval. A plain table's last-modified time moves with every load of rows,
 * which changes no one's rights (growth is capped by the bytes approved), so it is not compared; a
 * table replaced by a view is.
 */
export function checkBigQueryApproval(
  spreadsheetId: string,
  reportId: string,
  bigquery: BigQuerySettings,
): void {
  const text = PropertiesService.getUserProperties().getProperty(approvalKey(spreadsheetId, reportId));
  let approval: Approval | null = null;
  try {
    approval = text ? (JSON.parse(text) as Approval) : null;
  } catch {
    approval = null;
  }
  const table = quote(bigquery.table);
  const project = quote(bigquery.project);
  if (
    !approval ||
    approval.table !== bigquery.table ||
    approval.project !== bigquery.project ||
    approval.approvedBytes !== bigquery.approvedBytes ||
    (approval.tableType === GA4_KIND) !== Boolean(bigquery.ga4)
  ) {
    throw new AddonError(
      "not-approved",
      bigquery.ga4
        ? { key: "ga4NotApproved", params: { dataset: table, project } }
        : { key: "bqNotApproved", params: { table, project } },
    );
  }
  // A GA4 export is read through the `events_*` wildcard, which tables.get cannot describe and which
  // matches plain tables only: "The wildcard table functionality doesn't support views. If the
  // wildcard table matches any view in the dataset, the query returns an error" (BigQuery, "Query
  // multiple tables using a wildcard table", Limitations:
  // https://cloud.google.com/bigquery/docs/querying-wildcard-tables#limitations). So no view can stand
  // in for the export's tables, and the tables' growth is capped by the bytes approved: nothing more
  // to compare.
  if (bigquery.ga4) return;
  const now = new BigQueryRunner(bigquery.project, bigquery.table).describe();
  const redefined = now.type !== "TABLE" && now.lastModified !== approval.lastModified;
  if (now.type !== approval.tableType || redefined) {
    throw new AddonError("not-approved", { key: "bqChanged", params: { table } });
  }
}

/**
 * The days a GA4 report reads: from the first day stored with it to the observation end, else to
 * today, so that a refresh reads the days exported since.
 */
function ga4Days(ga4: Ga4Settings, options: ReportOptions, context: SheetContext): Ga4Days {
  return {
    from: ga4.firstDay ? readDay(ga4.firstDay, context, new Where("First day", "date")) : undefined,
    to: options.observationEnd ?? context.days.day(new Date()),
  };
}

/**
 * A table's source: line items as their orders (core/sql/orders.ts), else one row an order; either
 * way, ids that are blank or placeholders are left out and counted, as in a sheet's report.
 */
function sqlSource(bigquery: BigQuerySettings, context: SheetContext, marginRate?: number): SqlSource {
  const timeZone = context.days.timeZone;
  const { table, columns, dateType } = bigquery;
  const lines = orderLines(
    { dialect: "bigquery", table, dateType, timeZone, marginRate },
    columns,
    bigquery.lines ?? {},
  );
  if (lines) return ordersSource(lines);
  return { table, columns, dateType, timeZone, placeholderIds: true };
}

/** What a GA4 report reads, and what its schema says of the channel group, before any job runs. */
interface Ga4Read {
  events: Ga4Events;
  currency: Ga4Currency;
  timeZone: string;
  /** The segment asked for; a report stored before the choice split by source / medium. */
  asked: Ga4SegmentAsked;
  /** Whether the wildcard table has the session's default channel group (core/sql/ga4.ts). */
  channelGroupField: boolean;
  /** What the schema's dry run said it scans (nothing: it reads no row, and is not billed). */
  schemaBytes: number;
}

/**
 * The days and schema of a GA4 report: the `events_*` wildcard's columns as BigQuery binds the
 * report's queries to them, from a dry run of ga4SchemaQuery (free, as every dry run). The channel
 * group asked for from an export without it is refused here, before any job, naming the sidebar's
 * Segment.
 */
function ga4Read(
  runner: BigQueryRunner,
  bigquery: BigQuerySettings,
  ga4: Ga4Settings,
  options: ReportOptions,
  context: SheetContext,
): Ga4Read {
  const events: Ga4Events = {
    dialect: "bigquery",
    dataset: bigquery.table,
    days: ga4Days(ga4, options, context),
  };
  const asked = ga4.segment ?? "source-medium";
  const dataset = quote(bigquery.table);
  runner.tablesPerJob = ga4TablesRead(
    runner.listTables().map((table) => table.name),
    events.days,
  );
  const schema = runner.dryRunResult({ sql: ga4SchemaQuery(events), params: [] });
  const refuse = (said: Message) => new AddonError("input", said, { ga4Segment: said });
  // Without a schema the channel group's column cannot be looked for: only source / medium is sure.
  if (!schema.fields && asked !== "source-medium") throw refuse({ key: "ga4NoSchema", params: { dataset } });
  const channelGroupField = ga4HasChannelGroup(schema.fields);
  if (!ga4SegmentAvailable(channelGroupField, asked))
    throw refuse({ key: "ga4NoChannelGroup", params: { dataset } });
  return {
    events,
    currency: ga4.currency,
    asked,
    timeZone: context.days.timeZone,
    channelGroupField,
    schemaBytes: schema.bytes,
  };
}

/** A GA4 report's flattened events as the source, split by `segment`. */
function ga4SqlSource(read: Ga4Read, segment: Ga4SegmentColumn): SqlSource {
  return ga4Source(read.events, read.currency, read.timeZone, {
    channelGroupField: read.channelGroupField,
    segment,
  });
}

/**
 * The segments a GA4 report may end up split by before its counts are known: auto with the channel
 * group's column picks one of two once the stats query has run.
 */
function ga4Candidates(read: Ga4Read): Ga4SegmentColumn[] {
  const { asked } = read;
  if (asked === "channel-group") return ["channel_group"];
  if (asked === "auto" && read.channelGroupField) return ["source_medium", "channel_group"];
  return ["source_medium"];
}

function reportOptions(settings: ReportSettings, context: SheetContext): ReportOptions {
  return {
    period: settings.period,
    observationEnd: settings.observationEnd
      ? readDay(settings.observationEnd, context, new Where("Observation end", "date"))
      : undefined,
    marginRate: settings.margin ?? undefined,
    splitBySegment: settings.mapping.segment !== undefined,
    sheets: settings.sheets,
    source: settings.bigquery?.table,
    language: settings.language,
    skipFirstPeriod: settings.skipFirstPeriod === true,
    currency: localeCurrency(SpreadsheetApp.getActiveSpreadsheet().getSpreadsheetLocale()),
  };
}

/** A GA4 report's count of purchases, refunds and duplicate events (for its Summary). */
function ga4Stats(source: SqlSource): SqlQuery {
  return { sql: ga4StatsQuery(source.from as string), params: [] };
}

/** The plan's queries with stand-in bounds: what they scan does not depend on the dates (a GA4 export's days are bounded in the source itself, by `_TABLE_SUFFIX`). */
function planQueries(source: SqlSource, options: ReportOptions, context: SheetContext): SqlQuery[] {
  const end = options.observationEnd ?? context.days.day(new Date());
  const bounds: BoundsRow = {
    first_day: end,
    last_day: end,
    row_count: 1,
    no_id: 0,
    no_date: 0,
    no_amount: 0,
    no_margin: 0,
  };
  return Object.values(sqlReportPlan("bigquery", source, bounds, options, "").queries);
}

/**
 * What a report's dry runs say it scans: `dryRunsOnly`, the bytes of dry runs that are never run as
 * jobs (a GA4 export's schema), and `jobs`, each job's. A GA4 report's second round depends on the
 * segment its counts choose: of the segments it may choose, the one that scans most.
 */
export interface Scan {
  dryRunsOnly: number;
  jobs: number[];
}

/** The bytes a report scans in all. */
export function scanBytes(scan: Scan): number {
  return scan.jobs.reduce((sum, bytes) => sum + bytes, scan.dryRunsOnly);
}

function scanOf(
  runner: BigQueryRunner,
  source: SqlSource,
  options: ReportOptions,
  context: SheetContext,
  ga4?: Ga4Read,
): Scan {
  const dry = (queries: SqlQuery[]) => queries.map((q) => runner.dryRun(q));
  const first = dry([
    boundsQuery("bigquery", source, options.marginRate),
    ...(ga4 ? [ga4Stats(source)] : []),
  ]);
  const total = (bytes: number[]) => bytes.reduce((a, b) => a + b, 0);
  const plans = ga4
    ? ga4Candidates(ga4).map((segment) => dry(planQueries(ga4SqlSource(ga4, segment), options, context)))
    : [dry(planQueries(source, options, context))];
  const most = plans.reduce((a, b) => (total(b) > total(a) ? b : a));
  return { dryRunsOnly: ga4?.schemaBytes ?? 0, jobs: [...first, ...most] };
}

function runnerOf(bigquery: BigQuerySettings): BigQueryRunner {
  return new BigQueryRunner(bigquery.project, bigquery.table, bigquery.ga4 ? "dataset" : "table");
}

/** A report's source and, for a GA4 export, what it reads (its schema looked at: a free dry run). */
function sourceOf(
  runner: BigQueryRunner,
  settings: ReportSettings & { bigquery: BigQuerySettings },
  options: ReportOptions,
  context: SheetContext,
): { source: SqlSource; ga4?: Ga4Read } {
  const { bigquery } = settings;
  if (!bigquery.ga4) return { source: sqlSource(bigquery, context, options.marginRate) };
  const ga4 = ga4Read(runner, bigquery, bigquery.ga4, options, context);
  // The first round (bounds, counts) reads the flattened events whatever the segment.
  return { source: ga4SqlSource(ga4, "source_medium"), ga4 };
}

/** What the report's queries will scan (dry runs), as the sidebar shows it before building. */
export function estimateBytes(settings: ReportSettings & { bigquery: BigQuerySettings }): Scan {
  const context = currentSheetContext();
  const runner = runnerOf(settings.bigquery);
  const options = reportOptions(settings, context);
  const { source, ga4 } = sourceOf(runner, settings, options, context);
  return scanOf(runner, source, options, context, ga4);
}

/**
 * The report of a BigQuery source: dry runs (refused above twice the approved bytes), the bounds,
 * then the plan's queries — each by its key, whatever queries the plan has — and the report model.
 * A GA4 export's counts come with the bounds, and choose its segment (core/sql/ga4.ts).
 */
export function bigQueryReport(
  settings: ReportSettings & { bigquery: BigQuerySettings },
  spend: Cell[][] | null,
  runId: string | undefined,
  campaignMap: Cell[][] | null = null,
): BuiltReport {
  const { bigquery } = settings;
  const context = currentSheetContext();
  const options = reportOptions(settings, context);
  const runner = runnerOf(bigquery);
  const { source, ga4 } = sourceOf(runner, settings, options, context);
  const approved = bigquery.approvedBytes * APPROVED_HEADROOM;
  // BigQuery bills at least 10 MB a query: a smaller cap would refuse every job.
  runner.limit = Math.max(approved, MIN_BILLED_BYTES);
  const table = quote(bigquery.table);
  if (scanBytes(scanOf(runner, source, options, context, ga4)) > approved) {
    throw new AddonError("bigquery", { key: "bqBytes", params: { table, limit: bytesText(approved) } });
  }
  reportProgress(runId, { step: "computing" });
  const [bounds] = runner.rows<BoundsRow>(boundsQuery("bigquery", source, options.marginRate));
  const [unreadable] = Object.entries(unreadableRows(bounds)) as [keyof UnreadableRows, number][];
  if (unreadable) {
    const [kind, rows] = unreadable;
    throw new AddonError("data", { key: "bqUnreadable", params: { table, kind, rows } });
  }
  const words = wordsOf(settings.language);
  let reportSource = source;
  let segmentColumn: string | undefined;
  if (ga4) {
    const [stats] = runner.rows<Record<keyof Ga4Stats, number | null>>(ga4Stats(source));
    // SUM over no rows is NULL: no purchases (the plan then says there are no rows).
    const counts = Object.fromEntries(
      Object.entries(stats ?? {}).map(([key, value]) => [key, Number(value ?? 0)]),
    ) as unknown as Ga4Stats;
    const segment = ga4SegmentChoice(ga4.channelGroupField, counts, ga4.asked);
    options.source = ga4SourceText(settings.language, bigquery.table, counts, segment);
    reportSource = ga4SqlSource(ga4, segment.column);
    segmentColumn = words.ga4SegmentName[segment.column];
  }
  const plan = sqlReportPlan("bigquery", reportSource, bounds, options, words.noRows);
  const rows = Object.fromEntries(
    Object.entries(plan.queries).map(([key, query]) => [key, runner.rows(query)]),
  ) as unknown as SqlReportRows;
  const spendRows = spendOf({ spend, campaignMap, context, options });
  // A GA4 export's segment is named in the report's language, as the command line names it.
  if (ga4) return plan.build(rows, { spend: spendRows, segmentColumn });
  // The Summary names the margin, cost and segment columns as the table does, says what an order is,
  // and counts the rows left out for want of a customer id.
  const names = Object.values(bigquery.columns).filter((c): c is string => c !== undefined);
  const index = (column: string | undefined) => (column === undefined ? undefined : names.indexOf(column));
  const { margin, cost, segment } = bigquery.columns;
  return plan.build(rows, {
    spend: spendRows,
    ...inputCounts(bounds),
    orderColumn: bigquery.lines?.order,
    ...columnNotes(
      { margin: index(margin), cost: index(cost), segment: index(segment) },
      names,
      settings.language,
    ),
  });
}
