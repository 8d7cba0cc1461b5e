/**
 * `--ga4`: a generated GA4 export (test/helpers/ga4-sample.ts: the schema's field names and nesting,
 * duplicate purchase events, users with and without user_id, refunds, a property whose day is not the
 * UTC day) gives, through DuckDB from its Parquet files and through BigQuery's text (run by a fake
 * client as its DuckDB twin), the same workbook as its hand-flattened transactions through the
 * JavaScript engine; only the days asked for are read (`_TABLE_SUFFIX` bounds, the files chosen).
 */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import type { Query } from "@google-cloud/bigquery";
import ExcelJS from "exceljs";
import bigquery from "node-sql-parser/build/bigquery.js";
import { beforeAll, describe, expect, it } from "vitest";
import type { BigQueryClient, QueryJob } from "../../src/cli/bigquery-engine";
import { runQuery } from "../../src/cli/duckdb-engine";
import { bigqueryGa4Report, ga4Files } from "../../src/cli/ga4-engine";
import { ga4Dataset } from "../../src/cli/options";
import { type Cell, dayNumber, sheetContext } from "../../src/core/cells";
import { type ReportInput, reportFromTable } from "../../src/core/report/build";
import type { SqlQuery } from "../../src/core/sql/dialect";
import { ga4Source, ga4StatsQuery, ga4SuffixFilter, ga4TableDay } from "../../src/core/sql/ga4";
import { boundsQuery, sqlReportPlan } from "../../src/core/sql/report";
import type { BoundsRow } from "../../src/core/sql/results";
import { runCli } from "../helpers/cli";
import { testDuckDb } from "../helpers/duckdb";
import { generateGa4Sample, writeGa4Parquet } from "../helpers/ga4-sample";
import { withoutPredicted } from "../helpers/predicted";

const { Parser } = bigquery as typeof import("node-sql-parser");
const parser = new Parser();
const duck = testDuckDb("cohort-ga4-");
const dir = mkdtempSync(join(tmpdir(), "cohort-ga4-cli-"));
const FIRST = dayNumber(2024, 1, 1);
const DAYS = 120;
const sample = generateGa4Sample(FIRST, DAYS, 400);
const folder = join(dir, "analytics_123456");

const csv = (rows: readonly string[][]) => `${rows.map((row) => row.join(",")).join("\n")}\n`;

/**
 * A value with what must differ made alike: numbers to 10 significant digits (sums in another order),
 * the source's description (the export's, the flat file's) and the segment column's name.
 */
function alike(x: unknown): unknown {
  if (typeof x === "number") return Number(x.toPrecision(10));
  if (typeof x !== "string") return x;
  return x
    .replace(/^(GA4 export [^·]*|[^·]*\.csv|S)( · |$)/, "SOURCE$2")
    .replace('"traffic_source.source / medium"', '"segment"');
}

/** The workbook's cells, made {@link alike}. */
async function values(path: string): Promise<Record<string, unknown[][]>> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(path);
  const sheets: Record<string, unknown[][]> = {};
  const same = alike;
  book.eachSheet((sheet) => {
    const rows: unknown[][] = [];
    sheet.eachRow({ includeEmpty: true }, (row) => {
      const cells: unknown[] = [];
      row.eachCell({ includeEmpty: true }, (cell) => {
        const v = cell.value;
        cells.push(v && typeof v === "object" && "formula" in v ? { ...v, result: same(v.result) } : same(v));
      });
      rows.push(cells);
    });
    sheets[sheet.name] = rows;
  });
  return sheets;
}

beforeAll(async () => {
  mkdirSync(folder);
  await writeGa4Parquet(duck.db, sample, folder);
}, 120_000);

describe("npm start -- --ga4 FOLDER (Parquet files, computed in DuckDB)", () => {
  it("writes the workbook of the hand-flattened purchases, and says how it read the export", async () => {
    const flat = join(dir, "flat.csv");
    writeFileSync(flat, csv(sample.flat));
    const js = runCli(dir, flat, "--margin", "0.4", "--engine", "js", "--out", "js.xlsx");
    expect(js.stderr).toBe("");
    const run = runCli(dir, "--ga4", folder, "--margin", "0.4", "--out", "ga4.xlsx");
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const purchases = sample.flat.slice(1).filter((row) => Number(row[2]) >= 0);
    const noUserId = purchases.filter((row) => !row[0].startsWith("U")).length;
    expect(run.stdout).toContain(`${purchases.length} purchases`);
    expect(run.stdout).toContain(`(${noUserId} of ${purchases.length} purchases had no user_id)`);
    expect(run.stdout).toMatch(
      /order = ecommerce\.transaction_id \([1-9]\d* duplicate events counted once\)/,
    );
    expect(await values(join(dir, "ga4.xlsx"))).toEqual(withoutPredicted(await values(join(dir, "js.xlsx"))));
  }, 120_000);

  it("reads only the files of the days asked for, and gives the report of those days", async () => {
    const from = FIRST + 30;
    const to = FIRST + 89;
    const files = ga4Files(folder, { from, to }).map((file) => basename(file));
    expect(files.length).toBeGreaterThan(0);
    expect(
      files.every((name) => (ga4TableDay(name) as number) >= from && (ga4TableDay(name) as number) <= to),
    ).toBe(true);
    expect(files.length).toBe([...sample.days.keys()].filter((day) => day >= from && day <= to).length);
    const within = sample.flat.filter(
      (row, i) => i === 0 || (row[1] >= "2024-01-31" && row[1] <= "2024-03-30"),
    );
    const flat = join(dir, "within.csv");
    writeFileSync(flat, csv(within));
    const js = runCli(dir, flat, "--end", "2024-03-30", "--engine", "js", "--out", "within-js.xlsx");
    const run = runCli(
      dir,
      "--ga4",
      folder,
      "--start",
      "2024-01-31",
      "--end",
      "2024-03-30",
      "--out",
      "within.xlsx",
    );
    expect([js.stderr, run.stderr, run.code]).toEqual(["", "", 0]);
    expect(await values(join(dir, "within.xlsx"))).toEqual(
      withoutPredicted(await values(join(dir, "within-js.xlsx"))),
    );
  }, 120_000);

  it("names the folder when it holds no GA4 files, and refuses options that do not go together", () => {
    const empty = join(dir, "empty");
    mkdirSync(empty);
    const run = runCli(dir, "--ga4", empty);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`${empty}: no GA4 event files — expected events_YYYYMMDD.parquet files`);
    expect(runCli(dir, "--ga4", folder, "--ga4-revenue", "eur").stderr).toContain(
      '--ga4-revenue is "eur" — expected local',
    );
    expect(runCli(dir, "--start", "2024-01-01").stderr).toContain("--start and --ga4-revenue go with --ga4");
  });
});

describe("the GA4 export's BigQuery text", () => {
  it("bounds the wildcard scan to the days asked for, daily and intraday tables alike", () => {
    const filter = ga4SuffixFilter({ from: dayNumber(2024, 3, 1), to: dayNumber(2024, 3, 31) });
    expect(filter).toBe(
      "((_TABLE_SUFFIX >= '20240301' AND _TABLE_SUFFIX <= '20240331') OR (_TABLE_SUFFIX >= 'intraday_20240301' AND _TABLE_SUFFIX <= 'intraday_20240331'))",
    );
    // Open on both sides: every daily table, and every intraday one.
    expect(ga4SuffixFilter({})).toBe(
      "((NOT STARTS_WITH(_TABLE_SUFFIX, 'intraday_')) OR (STARTS_WITH(_TABLE_SUFFIX, 'intraday_')))",
    );
    const source = ga4Source(
      { dialect: "bigquery", dataset: "shop-42.analytics_123456", days: { from: 1, to: 2 } },
      "usd",
    );
    expect(source.from).toContain("FROM `shop-42.analytics_123456.events_*`");
    expect(source.from).toContain("ecommerce.purchase_revenue_in_usd");
    expect(source.from).toContain("-ecommerce.refund_value_in_usd");
  });

  it("computes the same report in BigQuery's dialect (a fake client running each query's DuckDB twin)", async () => {
    const dataset = ga4Dataset("shop-42.analytics_123456", "billing-7", "EU");
    const days = { from: FIRST, to: FIRST + DAYS - 1 };
    const files = ga4Files(folder, days);
    const ours = ga4Source({ dialect: "bigquery", dataset: "shop-42.analytics_123456", days }, "local");
    const twin = ga4Source({ dialect: "duckdb", files }, "local");
    const input: ReportInput = {
      rows: [],
      spend: null,
      context: sheetContext(),
      options: { period: "month", splitBySegment: true, marginRate: 0.4, source: "S" },
    };
    const twins = new Map<string, SqlQuery>([
      [boundsQuery("bigquery", ours, 0.4).sql, boundsQuery("duckdb", twin, 0.4)],
      [ga4StatsQuery(ours.from as string), { sql: ga4StatsQuery(twin.from as string), params: [] }],
    ]);
    const scanned: string[] = [];
    const client: BigQueryClient = {
      table: () => {
        throw new Error("the GA4 report reads no table's metadata");
      },
      createQueryJob: async (options: Query) => {
        const sql = options.query as string;
        expect(parser.astify(sql, { database: "bigquery" })).toBeTruthy();
        expect(sql).toContain("_TABLE_SUFFIX >= '20240101' AND _TABLE_SUFFIX <= '20240429'");
        scanned.push(sql);
        const query = twins.get(sql);
        expect(query, "a query of the plan").toBeDefined();
        const job: QueryJob = {
          metadata: { statistics: { totalBytesProcessed: "1000" } },
          getQueryResults: async () => {
            const rows = await runQuery<Record<string, unknown>>(duck.db, query as SqlQuery);
            if (sql.includes("AS no_margin")) {
              const bounds = rows[0] as unknown as BoundsRow;
              const plan = sqlReportPlan("duckdb", twin, bounds, input.options, "none");
              for (const [key, q] of Object.entries(
                sqlReportPlan("bigquery", ours, bounds, input.options, "none").queries,
              ))
                twins.set((q as SqlQuery).sql, plan.queries[key as keyof typeof plan.queries] as SqlQuery);
            }
            return [rows];
          },
        };
        return [job];
      },
    };
    const { report, stats } = await bigqueryGa4Report(
      client,
      dataset,
      { path: dataset.path, days, currency: "local" },
      input,
      () => {},
    );
    expect(scanned.length).toBeGreaterThan(4);
    expect(stats.purchases).toBe(sample.flat.slice(1).filter((row) => Number(row[2]) >= 0).length);
    const js = reportFromTable({ ...input, rows: sample.flat as Cell[][] });
    const same = (sheets: { name: string; cells: unknown[][] }[]) =>
      JSON.parse(
        JSON.stringify(Object.fromEntries(sheets.map((sheet) => [sheet.name, sheet.cells])), (_, v) =>
          alike(v),
        ),
      );
    expect(same(report.report.sheets)).toEqual(withoutPredicted(same(js.report.sheets)));
  }, 120_000);
});
