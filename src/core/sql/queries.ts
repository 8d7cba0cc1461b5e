/**
 * The queries that compute a cohort report inside a database (BigQuery, DuckDB), returning only the
 * small aggregated tables the report model needs, with the JavaScript engine's definitions to the
 * letter (cohorts/cohort-table.ts, rfm.ts, report/activity.ts):
 * - a transaction's day is its calendar day in the spreadsheet's time zone (TIMESTAMP columns) or as
 *   written (DATE, DATETIME, ISO text); periods are calendar months, ISO weeks (Monday) or quarters,
 *   numbered as periods.ts numbers them;
 * - rows after the observation end are left out; a negative amount is a refund: it reduces revenue
 *   but is never a purchase, so it never starts a cohort nor makes a customer active; a refund
 *   before its customer's cohort, or of a customer without one, belongs to no cohort;
 * - a customer's cohort is the period of their first purchase, split by that purchase's segment
 *   (earliest day, then the `order` column — the JavaScript engine's data order — then the segment);
 * - the RFM summary counts purchase days, not rows, in the unit's days.
 * {@link boundsQuery} runs first (the data's first and last day, rows the others could not read); the
 * observation end defaults to its last day.
 */
import { type DayNumber, isoDay } from "../cells";
import { type PeriodUnit, periodEnd, periodIndex } from "../cohorts/periods";
import { RFM_UNIT_DAYS, type RfmUnit } from "../cohorts/rfm";
import { MAX_TERM } from "../subscription/terms";
import {
  type DateColumnType,
  type Dialect,
  quoteName,
  quoteTable,
  SPELLING,
  type SqlParam,
  type SqlQuery,
} from "./dialect";
import { customerIdText } from "./orders";

/** Where the transactions are: a table or view and its column names. */
export interface SqlSource {
  /** `project.dataset.table` (BigQuery), a table or view name (DuckDB). */
  table: string;
  /** A parenthesised SELECT read instead of `table` (a GA4 export's flattened events, ga4.ts; orders of line items, orders.ts); `table` then only names it. */
  from?: string;
  /** The parameters `from` uses, with their values. */
  fromParams?: readonly SqlParam[];
  /**
   * Whether ids that are placeholders (`(blank)`, `N/A`, `#N/A`, `-`, `null`…) read as no id: left out
   * of the report and counted by the bounds query, as the JavaScript engine does (orders.ts).
   */
  placeholderIds?: boolean;
  columns: {
    customerId: string;
    date: string;
    amount: string;
    segment?: string;
    /** Margin in money per row (blank rows take the margin rate). */
    margin?: string;
    /** Cost per row: margin = amount − cost. */
    cost?: string;
    /** Months each payment covers (blank: 1), for the MRR queries (mrr.ts). */
    term?: string;
    /** A row order, for first purchases on the same day with different segments (the JavaScript engine takes the first row). */
    order?: string;
    /** The lines each row adds up (an order's, orders.ts); without it each row is one. */
    lines?: string;
  };
  dateType: DateColumnType;
  /** The spreadsheet's time zone (IANA), for TIMESTAMP columns. */
  timeZone: string;
}

/** What the report is over. */
export interface SqlReportOptions {
  period: PeriodUnit;
  observationEnd: DayNumber;
  splitBySegment?: boolean;
  /** Margin as a fraction of revenue, for rows without a margin or cost. */
  marginRate?: number;
  /** The RFM summary's unit. @default "week" */
  rfmUnit?: RfmUnit;
  /**
   * DuckDB: each customer's periods and first purchase computed once, by the `setup` statements, into
   * temporary tables (`periods`, `firsts`) the cells and totals queries read, instead of in each query:
   * one aggregation of the rows instead of two. The queries then run on the setup's connection only.
   */
  sharedAggregates?: boolean;
  /** The Forecast check's split and the data's first and last dates, for the customer histories' queries. */
  histories?: { calibrationEnd: DayNumber; firstDay: DayNumber; lastDay: DayNumber };
}

/** The queries of one report. */
export interface ReportQueries {
  /** Statements to run first, in order, on the connection that runs cells and totals (empty unless `sharedAggregates`). */
  setup: SqlQuery[];
  /** Per cohort (× segment) and k: cohort, [segment,] k, active, orders, revenue, refunds[, margin]; ordered. */
  cells: SqlQuery;
  /** One row: rows_after_end, unattributed_rows, unattributed_amount, purchasers, repeat_customers, churn_at_start, churn_lost. */
  totals: SqlQuery;
  /**
   * Condensed RFM summary: x, t_x, T (in the unit), customers, and among them the spenders (repeat
   * purchases netting to more than 0, whom Gamma-Gamma models) with the sum of their mean repeat
   * values, monetary_sum; ordered.
   */
  rfm: SqlQuery;
  /** Gamma-Gamma inputs: x, monetary (mean value of the repeat purchase days), customers; x > 0; ordered. */
  monetary: SqlQuery;
  /**
   * One row a customer with a purchase day to the observation end (forecast/histories.ts): id,
   * first_day, last_day, days, calibration_last, calibration_days, monetary, spend, and split by
   * segment, segment (their cohort's); in no order (the histories sort them by id). Only with `histories`.
   */
  customers?: SqlQuery;
  /** Repeat purchase days of the customers first seen by the calibration end, by week from the first date: week, days. Only with `histories`. */
  weekly?: SqlQuery;
}

/** Builds a query's text while recording the parameters it uses. */
export class Writer {
  readonly params: SqlParam[] = [];
  constructor(
    readonly dialect: Dialect,
    private readonly values: Record<string, SqlParam>,
  ) {}
  /** A parameter reference; the parameter joins the query's list. */
  p(name: string): string {
    const param = this.values[name];
    if (!param) throw new Error(`SQL: no value for parameter ${name}`);
    if (!this.params.includes(param)) this.params.push(param);
    return SPELLING[this.dialect].param(name);
  }
  query(sql: string): SqlQuery {
    return { sql: `${sql.trim()}\n`, params: this.params };
  }
}

/**
 * The source as typed rows: id, tx_date (calendar date), amount, segment, margin, ord, and with a term
 * column, term: a whole number of months from 1 to 1200 as terms.ts reads it (blank: 1), NULL when not.
 */
export function typedSource(w: Writer, source: SqlSource, marginRate: number | undefined): string {
  const { dialect } = w;
  const s = SPELLING[dialect];
  const c = source.columns;
  const col = (name: string) => quoteName(dialect, name);
  const hasMargin = c.margin !== undefined || c.cost !== undefined || marginRate !== undefined;
  const amount = s.tryCast(col(c.amount), s.float);
  const rate = marginRate !== undefined ? `${amount} * ${w.p("margin_rate")}` : "NULL";
  const margin = c.margin
    ? `COALESCE(${s.tryCast(col(c.margin), s.float)}, ${rate})`
    : c.cost
      ? `COALESCE(${amount} - ${s.tryCast(col(c.cost), s.float)}, ${rate})`
      : rate;
  const date = s.date(col(c.date), source.dateType, source.dateType === "TIMESTAMP" ? w.p("time_zone") : "");
  for (const param of source.fromParams ?? []) w.p(param.name);
  const id = source.placeholderIds
    ? customerIdText(dialect, col(c.customerId))
    : `TRIM(CAST(${col(c.customerId)} AS ${s.text}))`;
  return `source AS${s.inline} (
    SELECT ${id} AS id, ${date} AS tx_date,
      ${amount} AS amount,${c.lines ? ` ${col(c.lines)} AS lines,` : ""}
      ${c.segment ? `COALESCE(TRIM(CAST(${col(c.segment)} AS ${s.text})), '')` : "''"} AS segment,
      ${hasMargin ? margin : "NULL"} AS margin, ${c.order ? col(c.order) : "0"} AS ord${c.term ? `,\n      ${term(dialect, col(c.term))} AS term` : ""}
    FROM ${source.from ? `${source.from} AS ${quoteName(dialect, source.table)}` : quoteTable(dialect, source.table)}
  )`;
}

/** A term cell as terms.ts reads it: blank is 1, a whole number from 1 to 1200 itself, anything else NULL. */
function term(dialect: Dialect, column: string): string {
  const s = SPELLING[dialect];
  const text = `TRIM(CAST(${column} AS ${s.text}))`;
  const value = s.tryCast(text, s.float);
  return `CASE WHEN ${column} IS NULL OR ${text} = '' THEN 1
        WHEN ${value} BETWEEN 1 AND ${MAX_TERM} AND ${value} = FLOOR(${value}) THEN CAST(${value} AS ${s.int}) END`;
}

/** Rows of a table beyond this many have an `ord` that does not fit below a day in one BIGINT key (2⁴⁰). */
const ORD_LIMIT = 2 ** 40;

/**
 * Each customer's periods, aggregated first (one row per customer and period: every other step reads
 * these, not the rows): purchases (orders), revenue, refunds and their rows, margin, and — split, in
 * DuckDB — the segment of the period's first purchase row: earliest day, then `ord`, then the segment.
 * With an order column (unique, under 2⁴⁰: the CLI's row ids) day and `ord` make one BIGINT key, which
 * DuckDB's hash aggregate spills to disk; a struct key (for sources without one) it cannot spill.
 */
function periodsOf(dialect: Dialect, split: boolean, hasMargin: boolean, ordered: boolean): string {
  const key = ordered ? `dn * ${ORD_LIMIT} + ord` : "{'dn': dn, 'ord': ord, 'segment': segment}";
  const segment =
    split && dialect === "duckdb"
      ? `,\n      arg_min(segment, ${key}) FILTER (WHERE amount >= 0) AS first_segment`
      : "";
  return `periods AS (
    SELECT id, p, SUM(CASE WHEN amount >= 0 THEN 1 ELSE 0 END) AS orders, SUM(amount) AS revenue,
      SUM(CASE WHEN amount < 0 THEN amount ELSE 0 END) AS refunds,
      SUM(CASE WHEN amount < 0 THEN 1 ELSE 0 END) AS refund_rows${hasMargin ? ", SUM(margin) AS margin" : ""}${segment}
    FROM rows_in GROUP BY id, p
  )`;
}

/**
 * Each purchaser's cohort (the period of their first purchase), purchase rows (n) and, split, the
 * segment of their first purchase row, from their periods. BigQuery numbers each customer's purchases
 * in a window instead (its `ARRAY_AGG(… ORDER BY … LIMIT 1)` would do too, but node-sql-parser, which
 * checks this text in the tests, does not know it).
 */
function firstPurchases(dialect: Dialect, split: boolean): string {
  if (split && dialect === "bigquery")
    return `firsts AS (
    SELECT id, p AS cohort, segment AS cohort_segment FROM (
      SELECT id, p, segment, ROW_NUMBER() OVER (PARTITION BY id ORDER BY dn, ord, segment) AS rn
      FROM rows_in WHERE amount >= 0
    ) AS ranked WHERE rn = 1
  )`;
  return `firsts AS (
    SELECT id, MIN(p) AS cohort, SUM(orders) AS n${split ? ", arg_min(first_segment, p) AS cohort_segment" : ""}
    FROM periods WHERE orders > 0 GROUP BY id
  )`;
}

/** The parameters every query may use, by name. */
export function parameters(source: SqlSource, marginRate: number | undefined): Record<string, SqlParam> {
  const values: Record<string, SqlParam> = {
    time_zone: { name: "time_zone", type: "STRING", value: source.timeZone },
  };
  if (marginRate !== undefined)
    values.margin_rate = { name: "margin_rate", type: "FLOAT64", value: marginRate };
  for (const param of source.fromParams ?? []) values[param.name] = param;
  return values;
}

/**
 * One row over every row of the source: first_day, last_day (day numbers), row_count; the rows (lines,
 * for orders of line items) without a customer id, which the report leaves out, no_id, and their
 * amount, no_id_amount; the lines and rows with one, lines_with_id and rows_with_id; and among those,
 * the rows the report queries cannot read: no readable date (no_date), no amount (no_amount), or a
 * blank margin or cost without a margin rate (no_margin); with a term column, rows whose term is not a
 * whole number of months from 1 to 1200 (no_term).
 */
export function boundsQuery(dialect: Dialect, source: SqlSource, marginRate?: number): SqlQuery {
  const s = SPELLING[dialect];
  const w = new Writer(dialect, parameters(source, marginRate));
  const c = source.columns;
  const lines = c.lines ? "lines" : "1";
  const count = (condition: string) => `SUM(CASE WHEN ${condition} THEN 1 ELSE 0 END)`;
  const found = "id IS NOT NULL AND id != ''";
  const badMargin =
    (c.margin || c.cost) && marginRate === undefined ? count(`${found} AND margin IS NULL`) : "0";
  return w.query(`WITH ${typedSource(w, source, marginRate)}
SELECT MIN(CASE WHEN ${found} THEN ${s.dayNumber("tx_date")} END) AS first_day,
  MAX(CASE WHEN ${found} THEN ${s.dayNumber("tx_date")} END) AS last_day, COUNT(*) AS row_count,
  SUM(CASE WHEN ${found} THEN 0 ELSE ${lines} END) AS no_id,
  SUM(CASE WHEN ${found} THEN 0 ELSE COALESCE(amount, 0) END) AS no_id_amount,
  SUM(CASE WHEN ${found} THEN ${lines} ELSE 0 END) AS lines_with_id,
  ${count(found)} AS rows_with_id,
  ${count(`${found} AND tx_date IS NULL`)} AS no_date,
  ${count(`${found} AND amount IS NULL`)} AS no_amount,
  ${badMargin} AS no_margin${
    c.term
      ? `,
  ${count(`${found} AND term IS NULL`)} AS no_term`
      : ""
  }
FROM source`);
}

/** The report's queries in a dialect, once the observation end is known. */
export function reportQueries(dialect: Dialect, source: SqlSource, options: SqlReportOptions): ReportQueries {
  const s = SPELLING[dialect];
  const unit = options.period;
  const endPeriod = periodIndex(unit, options.observationEnd);
  const lastComplete = periodEnd(unit, endPeriod) > options.observationEnd ? endPeriod - 1 : endPeriod;
  const hasMargin =
    source.columns.margin !== undefined ||
    source.columns.cost !== undefined ||
    options.marginRate !== undefined;
  const values: Record<string, SqlParam> = {
    ...parameters(source, options.marginRate),
    observation_end: { name: "observation_end", type: "STRING", value: isoDay(options.observationEnd) },
    last_complete_period: { name: "last_complete_period", type: "INT64", value: lastComplete },
    unit_days: { name: "unit_days", type: "FLOAT64", value: RFM_UNIT_DAYS[options.rfmUnit ?? "week"] },
  };
  const split = options.splitBySegment === true && source.columns.segment !== undefined;
  const writer = () => new Writer(dialect, values);

  const period = (day: string, dn: string) =>
    unit === "week"
      ? `CAST(FLOOR((${dn} + 3) / 7) AS ${s.int})`
      : unit === "month"
        ? `EXTRACT(YEAR FROM ${day}) * 12 + EXTRACT(MONTH FROM ${day}) - 1`
        : `EXTRACT(YEAR FROM ${day}) * 4 + EXTRACT(QUARTER FROM ${day}) - 1`;
  /** Rows up to the end, with day numbers and periods. */
  const windowed = (w: Writer) => `WITH ${typedSource(w, source, options.marginRate)},
  valid AS${s.inline} (SELECT id, tx_date, ${s.dayNumber("tx_date")} AS dn, amount, segment, margin, ord FROM source WHERE id IS NOT NULL AND id != '' AND tx_date IS NOT NULL AND amount IS NOT NULL),
  rows_in AS${s.inline} (
    SELECT id, dn, ${period("tx_date", "dn")} AS p, amount, segment, margin, ord FROM valid
    WHERE dn <= ${s.dayNumber(`CAST(${w.p("observation_end")} AS DATE)`)}
  )`;
  const end = (w: Writer) => s.dayNumber(`CAST(${w.p("observation_end")} AS DATE)`);

  const ordered = source.columns.order !== undefined;
  const shared = dialect === "duckdb" && options.sharedAggregates === true;
  const setup = shared
    ? [
        (() => {
          const w = writer();
          return w.query(`CREATE OR REPLACE TEMP TABLE periods AS ${windowed(w)},
  ${periodsOf(dialect, split, hasMargin, ordered)}
SELECT * FROM periods`);
        })(),
        writer().query(`CREATE OR REPLACE TEMP TABLE firsts AS WITH ${firstPurchases(dialect, split)}
SELECT * FROM firsts`),
      ]
    : [];

  const cells = (() => {
    const w = writer();
    const segment = split ? "f.cohort_segment AS segment, " : "";
    // Each customer's periods first, then their cohort, then the cohort cells.
    const steps = shared
      ? ""
      : `${windowed(w)},
  ${periodsOf(dialect, split, hasMargin, ordered)},
  ${firstPurchases(dialect, split)}
`;
    return w.query(`${steps}SELECT f.cohort, ${segment}r.p - f.cohort AS k,
  SUM(CASE WHEN r.orders > 0 THEN 1 ELSE 0 END) AS active, SUM(r.orders) AS orders,
  SUM(r.revenue) AS revenue, SUM(r.refunds) AS refunds${hasMargin ? ", SUM(r.margin) AS margin" : ""}
FROM periods AS r JOIN firsts AS f ON r.id = f.id
WHERE r.p >= f.cohort
GROUP BY f.cohort, ${split ? "f.cohort_segment, " : ""}k
ORDER BY f.cohort, ${split ? "segment, " : ""}k`);
  })();

  const totals = (() => {
    const w = writer();
    // From each customer's periods: refunds before their cohort (or without one), purchasers, churn.
    const steps = shared
      ? ""
      : `
  ${periodsOf(dialect, false, false, false)},
  ${firstPurchases(dialect, false)},`;
    return w.query(`${windowed(w)},${steps}
  unattributed AS (
    SELECT SUM(r.refund_rows) AS row_count, SUM(r.refunds) AS amount FROM periods AS r LEFT JOIN firsts AS f ON r.id = f.id
    WHERE r.refund_rows > 0 AND (f.id IS NULL OR r.p < f.cohort)
  ),
  churn AS (
    SELECT COUNT(*) AS at_start, SUM(CASE WHEN b.id IS NULL THEN 1 ELSE 0 END) AS lost
    FROM periods AS a LEFT JOIN periods AS b ON a.id = b.id AND b.p = a.p + 1 AND b.orders > 0
    WHERE a.orders > 0 AND a.p + 1 <= ${w.p("last_complete_period")}
  )
SELECT (SELECT COUNT(*) FROM valid WHERE dn > ${end(w)}) AS rows_after_end,
  COALESCE(u.row_count, 0) AS unattributed_rows, COALESCE(u.amount, 0) AS unattributed_amount,
  (SELECT COUNT(*) FROM firsts) AS purchasers,
  (SELECT COUNT(*) FROM firsts WHERE n >= 2) AS repeat_customers,
  c.at_start AS churn_at_start, COALESCE(c.lost, 0) AS churn_lost
FROM unattributed AS u CROSS JOIN churn AS c`);
  })();

  /** Each purchase day's value with the refunds after it (until the next purchase day), numbered. */
  const dayValues = `anchored AS (
    SELECT id, amount,
      MAX(CASE WHEN amount >= 0 THEN dn END) OVER (PARTITION BY id ORDER BY dn RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS anchor
    FROM rows_in
  ),
  day_values AS (
    SELECT id, anchor, SUM(amount) AS value, ROW_NUMBER() OVER (PARTITION BY id ORDER BY anchor) AS nth
    FROM anchored WHERE anchor IS NOT NULL GROUP BY id, anchor
  )`;
  const repeatValue = "SUM(CASE WHEN nth > 1 AND value > 0 THEN value ELSE 0 END) AS repeat_value";

  const rfm = (() => {
    const w = writer();
    // A repeat customer whose repeat days net to more than 0 is a spender, whom Gamma-Gamma models.
    const spender = "x > 0 AND repeat_value > 0";
    return w.query(`${windowed(w)},
  ${dayValues},
  customers AS (
    SELECT id, COUNT(*) - 1 AS x, MAX(anchor) - MIN(anchor) AS age_last, ${end(w)} - MIN(anchor) AS age_end, ${repeatValue}
    FROM day_values GROUP BY id
  )
SELECT x, age_last / ${w.p("unit_days")} AS t_x, age_end / ${w.p("unit_days")} AS T, COUNT(*) AS customers,
  SUM(CASE WHEN ${spender} THEN 1 ELSE 0 END) AS spenders,
  SUM(CASE WHEN ${spender} THEN repeat_value / NULLIF(x, 0) ELSE 0 END) AS monetary_sum
FROM customers GROUP BY x, age_last, age_end ORDER BY x, age_last, age_end`);
  })();

  const monetary = (() => {
    const w = writer();
    return w.query(`${windowed(w)},
  ${dayValues},
  customers AS (SELECT id, COUNT(*) - 1 AS x, ${repeatValue} FROM day_values GROUP BY id)
SELECT x, repeat_value / x AS monetary, COUNT(*) AS customers
FROM customers WHERE x > 0 GROUP BY x, monetary ORDER BY x, monetary`);
  })();

  const dates = options.histories;
  if (!dates) return { setup, cells, totals, rfm, monetary };
  // The back-test's hold-out ends at the observation end, cut at the last date (histories.ts).
  const holdoutEnd = Math.min(options.observationEnd, dates.lastDay);
  Object.assign(values, {
    calibration_end: { name: "calibration_end", type: "INT64", value: dates.calibrationEnd },
    first_day: { name: "first_day", type: "INT64", value: dates.firstDay },
    holdout_end: { name: "holdout_end", type: "INT64", value: holdoutEnd },
  } satisfies Record<string, SqlParam>);

  const customers = (() => {
    const w = writer();
    // Split: each customer's segment is their cohort's (the first purchase row's), by the cohorts' own
    // `firsts` (DuckDB's shared temporary table, or its steps here).
    const firsts = !split
      ? ""
      : dialect === "bigquery"
        ? `,\n  ${firstPurchases(dialect, true)}`
        : shared
          ? ""
          : `,\n  ${periodsOf(dialect, true, false, ordered)},\n  ${firstPurchases(dialect, true)}`;
    // Purchase days are the anchors of day_values: distinct days with a purchase, as rfm.ts counts them.
    return w.query(`${windowed(w)}${firsts},
  ${dayValues},
  histories AS (
    SELECT id, MIN(anchor) AS first_day, MAX(anchor) AS last_day, COUNT(*) AS days,
      MAX(CASE WHEN anchor <= ${w.p("calibration_end")} THEN anchor END) AS calibration_last,
      SUM(CASE WHEN anchor <= ${w.p("calibration_end")} THEN 1 ELSE 0 END) AS calibration_days, ${repeatValue}
    FROM day_values GROUP BY id
  ),
  spend AS (SELECT id, SUM(amount) AS spend FROM rows_in GROUP BY id)
SELECT h.id, h.first_day, h.last_day, h.days, h.calibration_last, h.calibration_days,
  CASE WHEN h.days > 1 THEN h.repeat_value / (h.days - 1) ELSE 0 END AS monetary, s.spend${split ? ", f.cohort_segment AS segment" : ""}
FROM histories AS h JOIN spend AS s ON h.id = s.id${split ? " JOIN firsts AS f ON h.id = f.id" : ""}`);
  })();

  const weekly = (() => {
    const w = writer();
    return w.query(`${windowed(w)},
  ${dayValues}
SELECT CAST(FLOOR((anchor - ${w.p("first_day")}) / 7) AS ${s.int}) AS week, COUNT(*) AS days
FROM day_values AS d
WHERE d.nth > 1 AND d.anchor <= ${w.p("holdout_end")}
  AND d.id IN (SELECT id FROM day_values WHERE nth = 1 AND anchor <= ${w.p("calibration_end")})
GROUP BY week ORDER BY week`);
  })();

  return { setup, cells, totals, rfm, monetary, customers, weekly };
}
