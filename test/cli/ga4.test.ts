/**
 * `--ga4`: a generated GA4 export (test/helpers/ga4-sample.ts: the schema's field names and nesting,
 * duplicate purchase events, users with and without user_id, refunds, a property whose day is not the
 * UTC day) gives, through DuckDB from its Parquet files and through BigQuery's text (run by a fake
 * client as its DuckDB twin), the same workbook as its hand-flattened transactions through the
 * JavaScript engine; only the days asked for are read (`_TABLE_SUFFIX` bounds, the files chosen). Its
 * older days lack the session's attribution, the middle ones have it without the default channel
 * group, the newest have it: each `--ga4-segment` gives the workbook of the purchases flattened by
 * hand with the segment it names, auto says why it falls back, and a channel group asked for from
 * days without it stops the run.
 */
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import type { Query } from "@google-cloud/bigquery";
import ExcelJS from "exceljs";
import bigquery from "node-sql-parser/build/bigquery.js";
import { beforeAll, describe, expect, it } from "vitest";
import type { BigQueryClient, QueryJob } from "../../src/cli/bigquery-engine";
import { runQuery } from "../../src/cli/duckdb-engine";
import { bigqueryGa4Report, duckdbSchemaFields, ga4Files } from "../../src/cli/ga4-engine";
import { ga4Dataset, UsageError } from "../../src/cli/options";
import { type Cell, dayNumber, isoDay, sheetContext } from "../../src/core/cells";
import { type ReportInput, reportFromTable } from "../../src/core/report/build";
import { jobBytesCap } from "../../src/core/sql/cost";
import type { SqlQuery } from "../../src/core/sql/dialect";
import {
  type Ga4Segmenting,
  ga4SchemaQuery,
  ga4SegmentChoice,
  ga4Source,
  ga4StatsQuery,
  ga4SuffixFilter,
  ga4TableDay,
} from "../../src/core/sql/ga4";
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
/** The session's last click from the 41st day, its default channel group from the 71st (2024-03-11). */
const LAST_CLICK = FIRST + 40;
const CHANNEL_GROUP = FIRST + 70;
const sample = generateGa4Sample(FIRST, DAYS, 400, 7, {
  lastClickFrom: LAST_CLICK,
  channelGroupFrom: CHANNEL_GROUP,
});
const folder = join(dir, "analytics_123456");

const csv = (rows: readonly string[][]) => `${rows.map((row) => row.join(",")).join("\n")}\n`;

/** The hand-flattened rows with the session's default channel group as the segment, "Unassigned" where the export has none. */
const byChannelGroup = [
  sample.flat[0],
  ...sample.flat.slice(1).map((row, i) => [...row.slice(0, 3), sample.channelGroups[i] ?? "Unassigned"]),
];

/** Rows (after the header) on or after a day, ISO. */
const from = (rows: string[][], day: string) => rows.filter((row, i) => i === 0 || row[1] >= day);

/** Purchases (rows of a non-negative amount) in `rows` after its header, and those without a channel group. */
function purchaseCounts(rows: string[][]): { purchases: number; missing: number } {
  const purchases = rows.slice(1).filter((row) => Number(row[2]) >= 0);
  const missing = purchases.filter((row) => {
    const i = sample.flat.indexOf(row);
    return sample.channelGroups[i - 1] === null;
  }).length;
  return { purchases: purchases.length, missing };
}

/** Writes `rows` as a CSV, builds its workbook through the JavaScript engine and the GA4 export's through DuckDB, and returns both runs. */
async function sameWorkbook(
  name: string,
  rows: string[][],
  ga4Args: string[],
  jsArgs: string[] = [],
  ga4Folder = folder,
) {
  const flat = join(dir, `${name}.csv`);
  writeFileSync(flat, csv(rows));
  const js = runCli(dir, flat, "--margin", "0.4", ...jsArgs, "--engine", "js", "--out", `${name}-js.xlsx`);
  expect(js.stderr).toBe("");
  const run = runCli(dir, "--ga4", ga4Folder, "--margin", "0.4", ...ga4Args, "--out", `${name}.xlsx`);
  expect([run.stderr, run.code]).toEqual(["", 0]);
  expect(await values(join(dir, `${name}.xlsx`))).toEqual(
    withoutPredicted(await values(join(dir, `${name}-js.xlsx`))),
  );
  return run;
}

/**
 * A value with what must differ made alike: numbers to 10 significant digits (sums in another order),
 * the source's description (the export's, the flat file's) and the segment column's name.
 */
function alike(x: unknown): unknown {
  if (typeof x === "number") return Number(x.toPrecision(10));
  if (typeof x !== "string") return x;
  return x
    .replace(/^(GA4 export [^·]*|[^·]*\.csv|S)( · |$)/, "SOURCE$2")
    .replace(/"(traffic_source\.source \/ medium|session default channel group)"/, '"segment"');
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
    // auto: some purchases have no channel group (the older days), so the segment is source / medium.
    const run = await sameWorkbook("ga4", sample.flat, []);
    const purchases = sample.flat.slice(1).filter((row) => Number(row[2]) >= 0);
    const noUserId = purchases.filter((row) => !row[0].startsWith("U")).length;
    expect(run.stdout).toContain(`${purchases.length} purchases`);
    expect(run.stdout).toContain(`(${noUserId} of ${purchases.length} purchases had no user_id)`);
    expect(run.stdout).toMatch(
      /order = ecommerce\.transaction_id \([1-9]\d* duplicate events counted once\)/,
    );
    const { missing } = purchaseCounts(sample.flat);
    expect(missing).toBeGreaterThan(0);
    expect(missing).toBeLessThan(purchases.length);
    expect(run.stdout).toContain(
      `segment = traffic_source.source / medium, the user's first acquisition (the session's default channel group is missing on ${missing} of ${purchases.length} purchases: GA4 exports it from 2024-10-10 on; --ga4-segment channel-group uses it anyway, the missing as "Unassigned")\n`,
    );
  }, 120_000);

  it("builds Forecast check, Customers and Predicted CLV from one row a customer, as --engine js on the flattened purchases", async () => {
    const flat = join(dir, "rows.csv");
    writeFileSync(flat, csv(sample.flat));
    const sheets = ["--sheets", "predicted-clv,forecast-check,customers"];
    const js = runCli(dir, flat, ...sheets, "--engine", "js", "--out", "rows-js.xlsx");
    const run = runCli(dir, "--ga4", folder, ...sheets, "--out", "rows-ga4.xlsx");
    expect([js.stderr, run.stderr, run.code]).toEqual(["", "", 0]);
    const ours = await values(join(dir, "rows-ga4.xlsx"));
    expect(Object.keys(ours)).toEqual(["Predicted CLV", "Forecast check", "Customers"]);
    expect(ours).toEqual(await values(join(dir, "rows-js.xlsx")));
  }, 120_000);

  it("splits by the session's default channel group where every purchase read has one (auto)", async () => {
    const start = isoDay(CHANNEL_GROUP);
    const rows = from(byChannelGroup, start);
    const run = await sameWorkbook("channel-auto", rows, ["--start", start]);
    const { purchases, missing } = purchaseCounts(from(sample.flat, start));
    expect(missing).toBe(0);
    expect(run.stdout).toContain(
      `segment = the session's default channel group (session_traffic_source_last_click.cross_channel_campaign.default_channel_group, set on every purchase; --ga4-segment source-medium splits by source / medium instead)`,
    );
    expect(run.stdout).toContain(`GA4 export ${folder}: ${purchases} purchases`);
    // --ga4-segment source-medium keeps the user's first source / medium on the same days.
    const asked = await sameWorkbook("source-asked", from(sample.flat, start), [
      "--start",
      start,
      "--ga4-segment",
      "source-medium",
    ]);
    expect(asked.stdout).toContain(
      "segment = traffic_source.source / medium, the user's first acquisition (--ga4-segment source-medium)\n",
    );
  }, 120_000);

  it("--ga4-segment channel-group: the purchases without one are Unassigned, and counted", async () => {
    const run = await sameWorkbook("channel-asked", byChannelGroup, ["--ga4-segment", "channel-group"]);
    const { purchases, missing } = purchaseCounts(sample.flat);
    expect(run.stdout).toContain(
      `segment = the session's default channel group (--ga4-segment channel-group; missing on ${missing} of ${purchases} purchases, counted as "Unassigned")\n`,
    );
  }, 120_000);

  it("stops when the channel group is asked for from days exported without it; auto says why it is not used", () => {
    // Up to the day before the channel group: the newer files have the session's last click without it.
    const end = isoDay(CHANNEL_GROUP - 1);
    expect(
      ga4Files(folder, { to: CHANNEL_GROUP - 1 }).some((f) => ga4TableDay(basename(f)) === LAST_CLICK),
    ).toBe(true);
    const refused = runCli(
      dir,
      "--ga4",
      folder,
      "--end",
      end,
      "--ga4-segment",
      "channel-group",
      "--out",
      "no.xlsx",
    );
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(
      `error: --ga4-segment channel-group: ${folder} has no session_traffic_source_last_click.cross_channel_campaign.default_channel_group in the files of the days read (GA4 exports it from 2024-10-10 on) — give --ga4-segment source-medium or auto`,
    );
    const auto = runCli(dir, "--ga4", folder, "--end", end, "--out", "auto.xlsx");
    expect([auto.stderr, auto.code]).toEqual(["", 0]);
    expect(auto.stdout).toContain(
      "segment = traffic_source.source / medium, the user's first acquisition (the export read has no session_traffic_source_last_click.cross_channel_campaign.default_channel_group: GA4 exports it from 2024-10-10 on)\n",
    );
  }, 120_000);

  it("says the segment in the workbook's language, naming --ga4-segment; the printed line stays English", async () => {
    const run = runCli(dir, "--ga4", folder, "--language", "ko", "--out", "ko.xlsx");
    expect([run.stderr, run.code]).toEqual(["", 0]);
    const { purchases, missing } = purchaseCounts(sample.flat);
    expect(run.stdout).toContain(`segment = traffic_source.source / medium, the user's first acquisition (`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(join(dir, "ko.xlsx"));
    const texts: string[] = [];
    book.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => texts.push(String(cell.value)))));
    expect(texts.join("\n")).toContain(
      `; 세그먼트 = traffic_source.source / medium, 사용자의 첫 유입 (구매 ${purchases.toLocaleString("en-US")}건 중 ${missing.toLocaleString("en-US")}건에 세션 기본 채널 그룹 없음: GA4는 2024-10-10부터 내보냄; 그래도 쓰려면: --ga4-segment channel-group, 없는 구매는 "Unassigned")`,
    );
    expect(texts.join("\n")).toContain('"첫 사용자 소스/매체"');
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
    expect(runCli(dir, "--ga4", folder, "--ga4-segment", "channel").stderr).toContain(
      '--ga4-segment is "channel" — expected auto, channel-group',
    );
    expect(runCli(dir, "--start", "2024-01-01").stderr).toContain(
      "--start, --ga4-revenue and --ga4-segment go with --ga4",
    );
  });

  // The day is the property's (event_date), whatever its time zone and even when its owner changed
  // it: the UTC timestamps of the days around a change overlap, and only order events within a day.
  it.each([
    ["seoul", "Seoul (UTC+9)", () => 9],
    ["moscow", "Moscow (UTC+3)", () => 3],
    ["utc", "UTC", () => 0],
    ["changed", "Los Angeles, then Seoul from the 31st day", (day: number) => (day < FIRST + 30 ? -8 : 9)],
  ] as const)(
    "gives the flattened purchases' workbook for a property in %s (%s)",
    async (slug, _, offset) => {
      const zoned = generateGa4Sample(FIRST, 60, 150, 11, undefined, offset);
      const zonedFolder = join(dir, `zone-${slug}`, "analytics_42");
      mkdirSync(zonedFolder, { recursive: true });
      await writeGa4Parquet(duck.db, zoned, zonedFolder);
      await sameWorkbook(`zone-${slug}`, zoned.flat, [], [], zonedFolder);
    },
    120_000,
  );
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

  /**
   * A fake BigQuery client answering each query with its DuckDB twin over the Parquet files of `days`:
   * the schema's dry run with the twin's columns, the report's queries once the bounds are known, for
   * either segment. Returns the client and the queries it was given.
   */
  function fakeBigQuery(days: { from: number; to: number }, input: ReportInput) {
    const dataset = "shop-42.analytics_123456";
    const files = ga4Files(folder, days);
    const bigqueryEvents = { dialect: "bigquery", dataset, days } as const;
    const duckdbEvents = { dialect: "duckdb", files } as const;
    const twins = new Map<string, SqlQuery>([
      [ga4SchemaQuery(bigqueryEvents), { sql: ga4SchemaQuery(duckdbEvents), params: [] }],
    ]);
    const segmentings: Ga4Segmenting[] = [true, false].flatMap((channelGroupField) =>
      (["source_medium", "channel_group"] as const).map((segment) => ({ channelGroupField, segment })),
    );
    for (const segmenting of segmentings) {
      const ours = ga4Source(bigqueryEvents, "local", "UTC", segmenting);
      const twin = ga4Source(duckdbEvents, "local", "UTC", segmenting);
      twins.set(boundsQuery("bigquery", ours, 0.4).sql, boundsQuery("duckdb", twin, 0.4));
      twins.set(ga4StatsQuery(ours.from as string), { sql: ga4StatsQuery(twin.from as string), params: [] });
    }
    const ran: string[] = [];
    const caps: string[] = [];
    const client: BigQueryClient = {
      table: () => {
        throw new Error("the GA4 report reads no table's metadata");
      },
      tableIds: async (project, id) => {
        expect(`${project}.${id}`).toBe(dataset);
        return [...readdirSync(folder).map((name) => name.replace(/\.parquet$/, "")), "customers"];
      },
      createQueryJob: async (options: Query) => {
        const sql = options.query as string;
        expect(parser.astify(sql, { database: "bigquery" })).toBeTruthy();
        expect(sql).toContain(`_TABLE_SUFFIX >= '${isoDay(days.from).replace(/-/g, "")}'`);
        const query = twins.get(sql);
        expect(query, "a query of the plan").toBeDefined();
        if (!options.dryRun) {
          ran.push(sql);
          caps.push(String(options.maximumBytesBilled));
        }
        const schema = sql.startsWith("SELECT * FROM")
          ? await duck.db.run((query as SqlQuery).sql).then((result) => ({
              fields: duckdbSchemaFields(result.columnNames(), result.columnTypes()),
            }))
          : undefined;
        const job: QueryJob = {
          metadata: { statistics: { totalBytesProcessed: "1000", query: { schema } } },
          getQueryResults: async () => {
            const rows = await runQuery<Record<string, unknown>>(duck.db, query as SqlQuery);
            if (sql.includes("AS no_margin")) {
              const bounds = rows[0] as unknown as BoundsRow;
              for (const segmenting of segmentings) {
                const ours = ga4Source(bigqueryEvents, "local", "UTC", segmenting);
                const twin = ga4Source(duckdbEvents, "local", "UTC", segmenting);
                const plan = sqlReportPlan("duckdb", twin, bounds, input.options, "none");
                for (const [key, q] of Object.entries(
                  sqlReportPlan("bigquery", ours, bounds, input.options, "none").queries,
                ))
                  twins.set((q as SqlQuery).sql, plan.queries[key as keyof typeof plan.queries] as SqlQuery);
              }
            }
            return [rows];
          },
        };
        return [job];
      },
    };
    return { client, ran, caps, dataset: ga4Dataset(dataset, "billing-7", "EU") };
  }

  const input: ReportInput = {
    rows: [],
    spend: null,
    context: sheetContext(),
    options: { period: "month", splitBySegment: true, marginRate: 0.4, source: "S" },
  };
  const same = (sheets: { name: string; cells: unknown[][] }[]) =>
    JSON.parse(
      JSON.stringify(Object.fromEntries(sheets.map((sheet) => [sheet.name, sheet.cells])), (_, v) =>
        alike(v),
      ),
    );

  it.each([
    ["auto", sample.flat, "incomplete"],
    ["channel-group", byChannelGroup, "asked"],
  ] as const)(
    "computes the same report in BigQuery's dialect, --ga4-segment %s (a fake client running each query's DuckDB twin)",
    async (asked, rows, reason) => {
      const days = { from: FIRST, to: FIRST + DAYS - 1 };
      const { client, ran, caps, dataset } = fakeBigQuery(days, input);
      const { report, stats, segment } = await bigqueryGa4Report(
        client,
        dataset,
        { path: dataset.path, days, currency: "local", segment: asked },
        input,
        () => {},
      );
      expect(ran.length).toBeGreaterThan(2);
      // Each job's cap counts BigQuery's 10 MB minimum for each event table of the days read.
      const tables = DAYS + 1; // and the last day's intraday table
      expect(caps).toEqual(ran.map(() => String(jobBytesCap(1000, tables))));
      const counts = purchaseCounts(sample.flat);
      expect(stats.purchases).toBe(counts.purchases);
      expect(stats.purchases_without_channel_group).toBe(counts.missing);
      expect(segment.reason).toBe(reason);
      const js = reportFromTable({ ...input, rows: rows as Cell[][] });
      expect(same(report.report.sheets)).toEqual(withoutPredicted(same(js.report.sheets)));
    },
    120_000,
  );

  it("builds Forecast check, Customers and Predicted CLV in BigQuery's dialect from one row a customer: the JavaScript engine's sheets", async () => {
    const days = { from: FIRST, to: FIRST + DAYS - 1 };
    const sheets = ["predicted-clv" as const, "forecast-check" as const, "customers" as const];
    const rowsInput: ReportInput = { ...input, options: { ...input.options, sheets } };
    const { client, dataset } = fakeBigQuery(days, rowsInput);
    const { report } = await bigqueryGa4Report(
      client,
      dataset,
      { path: dataset.path, days, currency: "local", segment: "auto" },
      rowsInput,
      () => {},
    );
    const js = reportFromTable({ ...rowsInput, rows: sample.flat as Cell[][] });
    expect(report.report.sheets.map((sheet) => sheet.name)).toEqual([
      "Predicted CLV",
      "Forecast check",
      "Customers",
    ]);
    expect(same(report.report.sheets)).toEqual(same(js.report.sheets));
  }, 120_000);

  it("refuses the channel group from a wildcard table without it before any query runs, and auto falls back", async () => {
    const days = { from: FIRST, to: CHANNEL_GROUP - 1 };
    const { client, ran, dataset } = fakeBigQuery(days, input);
    const ga4 = { path: dataset.path, days, currency: "local" } as const;
    const refused = bigqueryGa4Report(client, dataset, { ...ga4, segment: "channel-group" }, input, () => {});
    await expect(refused).rejects.toThrow(UsageError);
    await expect(refused).rejects.toThrow(/^--ga4-segment channel-group: shop-42\.analytics_123456 has no/);
    expect(ran).toEqual([]);
    const { segment } = await bigqueryGa4Report(client, dataset, ga4, input, () => {});
    expect(segment).toMatchObject({ column: "source_medium", reason: "no-field" });
  }, 120_000);
});

describe("ga4SegmentChoice: the channel group where the export has it on every purchase read", () => {
  const all = { purchases: 10, purchases_without_channel_group: 0 };
  const some = { purchases: 10, purchases_without_channel_group: 3 };
  it.each([
    [true, all, "auto", "channel_group", "complete"],
    [true, some, "auto", "source_medium", "incomplete"],
    [false, { ...all, purchases_without_channel_group: 10 }, "auto", "source_medium", "no-field"],
    [true, some, "channel-group", "channel_group", "asked"],
    [true, all, "source-medium", "source_medium", "asked"],
    [false, all, "source-medium", "source_medium", "asked"],
  ] as const)("field %s, %o, asked %s: %s (%s)", (field, stats, asked, column, reason) => {
    expect(ga4SegmentChoice(field, stats, asked)).toMatchObject({ column, reason });
  });
  it("has no channel group to give from an export without it", () => {
    expect(() => ga4SegmentChoice(false, all, "channel-group")).toThrow(/without it/);
  });
});
