/**
 * The two SQL dialects the queries are written in — BigQuery GoogleSQL and DuckDB — as the few
 * expressions where they differ: quoting, parameters, integer types, and a date's calendar day.
 * Identifiers are quoted and escaped; values never enter the SQL text, only named parameters.
 */

export type Dialect = "bigquery" | "duckdb";

/** How the date column is stored: DATETIME is a civil date-time (no zone); TIMESTAMP an instant; STRING ISO text (`2024-03-01`, optionally followed by a time). */
export type DateColumnType = "DATE" | "DATETIME" | "TIMESTAMP" | "STRING";

/** How a BigQuery column of this type reads as a date, or null when it cannot be the date column. */
export function dateColumnType(type: string | undefined): DateColumnType | null {
  if (type === "DATE" || type === "DATETIME" || type === "TIMESTAMP" || type === "STRING") return type;
  return null;
}

/** A query parameter: BigQuery's job parameters carry a type; DuckDB's are bound by name. */
export interface SqlParam {
  name: string;
  type: "STRING" | "INT64" | "FLOAT64";
  value: string | number;
}

export interface SqlQuery {
  sql: string;
  params: SqlParam[];
}

/** A quoted identifier; a dotted BigQuery path (`project.dataset.table`) is one quoted name, a DuckDB one is quoted part by part. */
export function quoteName(dialect: Dialect, name: string): string {
  if (name === "" || /[\0\n\r]/.test(name)) throw new Error(`SQL: "${name}" is not a valid name`);
  if (dialect === "bigquery") return `\`${name.replace(/[\\`]/g, (c) => `\\${c}`)}\``;
  return `"${name.replace(/"/g, '""')}"`;
}

/** A table or view: BigQuery takes `project.dataset.table` as one quoted path; DuckDB quotes each dotted part. */
export function quoteTable(dialect: Dialect, table: string): string {
  return dialect === "bigquery"
    ? quoteName(dialect, table)
    : table
        .split(".")
        .map((part) => quoteName(dialect, part))
        .join(".");
}

/** The dialect's spellings. */
export interface Spelling {
  param(name: string): string;
  int: string;
  text: string;
  float: string;
  /** Between a CTE's name and its body: DuckDB would keep a CTE used twice in memory; it is cheaper to read the table again. */
  inline: string;
  /** A cast that gives NULL for a value that does not convert. */
  tryCast(expression: string, type: string): string;
  /** A DATE expression's day number (days since 1970-01-01). */
  dayNumber(date: string): string;
  /** The calendar day (a DATE) of a column of the given type; STRING that is not an ISO date gives NULL. `zone` is the time zone parameter. */
  date(column: string, type: DateColumnType, zone: string): string;
}

export const SPELLING: Record<Dialect, Spelling> = {
  bigquery: {
    param: (name) => `@${name}`,
    int: "INT64",
    text: "STRING",
    float: "FLOAT64",
    inline: "",
    tryCast: (expression, type) => `SAFE_CAST(${expression} AS ${type})`,
    dayNumber: (date) => `UNIX_DATE(${date})`,
    date: (column, type, zone) =>
      type === "DATE"
        ? column
        : type === "DATETIME"
          ? `DATE(${column})`
          : type === "TIMESTAMP"
            ? `DATE(${column}, ${zone})`
            : `SAFE.PARSE_DATE('%Y-%m-%d', SUBSTR(${column}, 1, 10))`,
  },
  duckdb: {
    param: (name) => `$${name}`,
    int: "BIGINT",
    text: "VARCHAR",
    float: "DOUBLE",
    inline: " NOT MATERIALIZED",
    tryCast: (expression, type) => `TRY_CAST(${expression} AS ${type})`,
    dayNumber: (date) => `(${date} - DATE '1970-01-01')`,
    date: (column, type, zone) =>
      type === "DATE"
        ? column
        : type === "DATETIME"
          ? `CAST(${column} AS DATE)`
          : type === "TIMESTAMP"
            ? `CAST(timezone(${zone}, CAST(${column} AS TIMESTAMPTZ)) AS DATE)`
            : `TRY_CAST(LEFT(CAST(${column} AS VARCHAR), 10) AS DATE)`,
  },
};

/** Parameters as DuckDB binds them: by name. */
export function duckdbValues(params: readonly SqlParam[]): Record<string, string | number> {
  return Object.fromEntries(params.map((p) => [p.name, p.value]));
}
