/**
 * The core's SQL (core/sql), run in DuckDB, against the JavaScript engine on the same rows, cell for
 * cell: the cohort table, the totals and activity of the Summary, the condensed RFM summary and the
 * Gamma-Gamma inputs. Data: the CDNOW sample, the seeded sample, and fast-check's random rows (time
 * zones, weeks across a year boundary, refunds before a first purchase, segments, margins).
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { runQuery } from "../../../src/cli/duckdb-engine";
import { type Cell, MS_PER_DAY, sheetContext } from "../../../src/core/cells";
import { type CohortTable, cohortTable } from "../../../src/core/cohorts/cohort-table";
import type { PeriodUnit } from "../../../src/core/cohorts/periods";
import { rfmSummary } from "../../../src/core/cohorts/rfm";
import { readTransactions, type Transactions } from "../../../src/core/cohorts/transactions";
import { condenseRfm } from "../../../src/core/fit/condense";
import { type CustomerHistories, halfwayDay, historiesOf } from "../../../src/core/forecast/histories";
import { periodChurn, repeatCustomerRate } from "../../../src/core/report/activity";
import { summaryForecast } from "../../../src/core/report/clv-summary";
import { currencyFormat } from "../../../src/core/report/model";
import { predictedClvSheet } from "../../../src/core/report/predicted-clv";
import { wordsOf } from "../../../src/core/report/words";
import { generateSample } from "../../../src/core/sample/generate";
import { type DateColumnType, duckdbValues, type SqlQuery } from "../../../src/core/sql/dialect";
import { boundsQuery, reportQueries, type SqlSource } from "../../../src/core/sql/queries";
import {
  activityFromTotals,
  type BoundsRow,
  type CellRow,
  clvSummaryFromRows,
  cohortTableFromCells,
  type HistoryRow,
  historiesFromRows,
  type MonetaryRow,
  type RfmRow,
  type TotalsRow,
  type WeeklyRow,
} from "../../../src/core/sql/results";
import { testDuckDb } from "../../helpers/duckdb";
import { databaseClvSheet } from "../../helpers/predicted";
import {
  describeWithReferenceData,
  itWithReferenceData,
  readReferenceCsv,
} from "../../helpers/reference-data";

const duck = testDuckDb("sql-test-");
let tables = 0;

interface Rows {
  ids: string[];
  /** ISO text (DATE, STRING) or an instant (TIMESTAMP). */
  dates: string[];
  amounts: number[];
  segments?: string[];
  margins?: (number | null)[];
  dateType: DateColumnType;
  timeZone: string;
}

/** A DuckDB table of the rows (through a CSV file with declared types), with their order as `ord`. */
async function load(rows: Rows): Promise<SqlSource> {
  const table = `t${tables++}`;
  const file = join(duck.dir, `${table}.csv`);
  const quote = (text: string) => `"${text.replace(/"/g, '""')}"`;
  const lines = rows.ids.map((id, i) =>
    [
      i,
      quote(id),
      rows.dates[i],
      rows.amounts[i],
      quote(rows.segments?.[i] ?? ""),
      rows.margins?.[i] ?? "",
    ].join(","),
  );
  writeFileSync(file, `ord,id,date,amount,segment,margin\n${lines.join("\n")}\n`);
  const dateSql = { DATE: "DATE", STRING: "VARCHAR", TIMESTAMP: "TIMESTAMPTZ", DATETIME: "TIMESTAMP" }[
    rows.dateType
  ];
  await duck.db.run(
    `CREATE TABLE ${table} AS SELECT * FROM read_csv('${file}', header = true, quote = '"', escape = '"', columns = {'ord': 'INTEGER', 'id': 'VARCHAR', 'date': '${dateSql}', 'amount': 'DOUBLE', 'segment': 'VARCHAR', 'margin': 'DOUBLE'})`,
  );
  return {
    table,
    columns: {
      customerId: "id",
      date: "date",
      amount: "amount",
      segment: rows.segments ? "segment" : undefined,
      margin: rows.margins ? "margin" : undefined,
      order: "ord",
    },
    dateType: rows.dateType,
    timeZone: rows.timeZone,
  };
}

/** The same rows read by the JavaScript engine (TIMESTAMPs as `Date`s read in the zone, as Sheets passes them). */
function transactions(rows: Rows): Transactions {
  const cells: Cell[][] = rows.ids.map((id, i) => [
    id,
    rows.dateType === "TIMESTAMP" ? new Date(rows.dates[i]) : rows.dates[i],
    rows.amounts[i],
    rows.segments?.[i] ?? "",
    rows.margins?.[i] ?? null,
  ]);
  return readTransactions(
    cells,
    {
      customerId: 0,
      date: 1,
      amount: 2,
      segment: rows.segments ? 3 : undefined,
      margin: rows.margins ? 4 : undefined,
    },
    sheetContext("en_US", rows.timeZone),
    { marginRate: rows.margins ? 0.3 : undefined },
  );
}

/** Runs the SQL and the engine on the rows and compares everything the report takes from them. */
async function compare(rows: Rows, period: PeriodUnit, split: boolean, endShift = 0): Promise<void> {
  const source = await load(rows);
  const tx = transactions(rows);
  const marginRate = rows.margins ? 0.3 : undefined;
  const [bounds] = await runQuery<BoundsRow>(duck.db, boundsQuery("duckdb", source, marginRate));
  expect([bounds.first_day, bounds.last_day, bounds.row_count]).toEqual([tx.firstDay, tx.lastDay, tx.length]);
  expect([bounds.no_id, bounds.no_date, bounds.no_amount, bounds.no_margin]).toEqual([0, 0, 0, 0]);
  const end = tx.lastDay + endShift;
  const splitBySegment = split && rows.segments !== undefined;
  const options = { period, observationEnd: end, splitBySegment, marginRate };
  const queries = reportQueries("duckdb", source, options);
  const cells = await runQuery<CellRow>(duck.db, queries.cells);
  const [totals] = await runQuery<TotalsRow>(duck.db, queries.totals);
  // The command line's way: each customer's periods and first purchase once, in temporary tables.
  const shared = reportQueries("duckdb", source, { ...options, sharedAggregates: true });
  for (const statement of shared.setup) await duck.db.run(statement.sql, duckdbValues(statement.params));
  expect(await runQuery<CellRow>(duck.db, shared.cells)).toEqual(cells);
  expect(await runQuery<TotalsRow>(duck.db, shared.totals)).toEqual([totals]);
  const ours = cohortTableFromCells(cells, totals, {
    period,
    observationEnd: end,
    firstDay: bounds.first_day as number,
    split: splitBySegment,
    hasMargin: rows.margins !== undefined,
  });
  expectSameTable(ours, cohortTable(tx, options));
  expect(activityFromTotals(totals)).toEqual({
    repeatRate: repeatCustomerRate(tx, end),
    periodChurn: periodChurn(tx, period, end),
  });

  const rfm = rfmSummary(tx, { endDay: end, unit: "week" });
  const condensed = condenseRfm({ x: rfm.frequency, tx: rfm.recency, T: rfm.T });
  // Each row's spenders (repeat purchases netting above 0) and the sum of their mean repeat values.
  const spenders = new Float64Array(condensed.x.length);
  const monetarySum = new Float64Array(condensed.x.length);
  condensed.rowOf.forEach((row, i) => {
    if (rfm.frequency[i] > 0 && rfm.monetary[i] > 0) {
      spenders[row]++;
      monetarySum[row] += rfm.monetary[i];
    }
  });
  const expectedRfm = Array.from(condensed.x, (x, i) => [
    x,
    condensed.tx[i],
    condensed.T[i],
    condensed.weight[i],
    spenders[i],
    Number(monetarySum[i].toPrecision(10)),
  ]).sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2]);
  const sqlRfm = await runQuery<RfmRow>(duck.db, queries.rfm);
  expect(
    sqlRfm.map((r) => [r.x, r.t_x, r.T, r.customers, r.spenders, Number(r.monetary_sum.toPrecision(10))]),
  ).toEqual(expectedRfm);

  const monetary = new Map<string, number>();
  rfm.frequency.forEach((x, i) => {
    if (x > 0)
      monetary.set(
        `${x} ${rfm.monetary[i].toFixed(6)}`,
        (monetary.get(`${x} ${rfm.monetary[i].toFixed(6)}`) ?? 0) + 1,
      );
  });
  const sqlMonetary = new Map<string, number>();
  for (const r of await runQuery<{ x: number; monetary: number; customers: number }>(
    duck.db,
    queries.monetary,
  )) {
    const key = `${r.x} ${r.monetary.toFixed(6)}`;
    sqlMonetary.set(key, (sqlMonetary.get(key) ?? 0) + r.customers);
  }
  expect(sqlMonetary).toEqual(monetary);

  // The customers' histories, one row a customer: the Forecast check's and the Customers sheet's.
  const calibrationEnd = halfwayDay(tx.firstDay, tx.lastDay, end);
  const dates = { firstDay: tx.firstDay, lastDay: tx.lastDay, endDay: end, calibrationEnd };
  const perCustomer = reportQueries("duckdb", source, { ...options, histories: dates });
  const histories = historiesFromRows(
    await runQuery<HistoryRow>(duck.db, perCustomer.customers as SqlQuery),
    await runQuery<WeeklyRow>(duck.db, perCustomer.weekly as SqlQuery),
    dates,
  );
  const money = (h: CustomerHistories) => ({
    ...h,
    monetary: Array.from(h.monetary, (v) => Number(v.toPrecision(10))),
    spend: Array.from(h.spend, (v) => Number(v.toPrecision(10))),
  });
  expect(money(histories)).toEqual(money(historiesOf(tx, end, calibrationEnd)));
}

/** Equal cell for cell: counts exactly, money to 1e-9 (sums in another order). */
function expectSameTable(ours: CohortTable, expected: CohortTable): void {
  const money = (values: readonly number[] | undefined) => values?.map((v) => Number(v.toPrecision(10)));
  const shape = (table: CohortTable) => ({
    ...table,
    cohorts: table.cohorts.map((c) => ({
      ...c,
      revenue: money(c.revenue),
      ltv: money(c.ltv),
      margin: money(c.margin),
      marginLtv: money(c.marginLtv),
    })),
    totals: {
      ...table.totals,
      revenue: money([table.totals.revenue]),
      refunds: money([table.totals.refunds]),
      unattributedRefunds: {
        ...table.totals.unattributedRefunds,
        amount: money([table.totals.unattributedRefunds.amount]),
      },
    },
  });
  expect(shape(ours)).toEqual(shape(expected));
}

function cdnowRows(): Rows {
  const [, ...csv] = readReferenceCsv("cdnow_sample.csv");
  return {
    ids: csv.map((r) => r[0]),
    dates: csv.map((r) => r[1]),
    amounts: csv.map((r) => Number(r[3])),
    dateType: "DATE",
    timeZone: "UTC",
  };
}

/** The seeded sample: refunds, channels. */
function seededRows(): Rows {
  const sample = generateSample({ customers: 1500, seed: 7 });
  return {
    ids: sample.purchases.map((p) => p.customerId),
    dates: sample.purchases.map((p) => new Date(p.day * MS_PER_DAY).toISOString().slice(0, 10)),
    amounts: sample.purchases.map((p) => Number(p.amount.toFixed(2))),
    segments: sample.purchases.map((p) => p.channel),
    dateType: "STRING",
    timeZone: "UTC",
  };
}

describe("the DuckDB dialect gives the JavaScript engine's numbers", () => {
  describeWithReferenceData("on the CDNOW sample", () => {
    it.each<PeriodUnit>(["month", "week", "quarter"])("by %s", async (period) => {
      await compare(cdnowRows(), period, false);
    });
  });

  it.each<[PeriodUnit, boolean]>([
    ["month", true],
    ["week", false],
  ])("on the seeded sample (refunds, channels), by %s, split %s", async (period, split) => {
    await compare(seededRows(), period, split, -40);
  });

  it("on random rows: time zones, year boundaries, refunds before purchases, blank segments, margins", async () => {
    const start = Date.UTC(2023, 11, 20);
    const row = fc.record({
      id: fc.constantFrom("a", "b", "00c", "d d", 'e"'),
      hours: fc.integer({ min: 0, max: 24 * 50 }),
      amount: fc.oneof(fc.integer({ min: 0, max: 500 }), fc.integer({ min: -200, max: -1 })),
      segment: fc.constantFrom("web", "ads", "", "Ads"),
      margin: fc.option(fc.integer({ min: -50, max: 100 })),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.array(row, { minLength: 1, maxLength: 40 }),
        fc.constantFrom("UTC", "America/New_York", "Asia/Seoul", "Pacific/Chatham"),
        fc.constantFrom<PeriodUnit>("week", "month", "quarter"),
        fc.boolean(),
        fc.integer({ min: -20, max: 10 }),
        async (data, timeZone, period, timestamps, endShift) => {
          const rows: Rows = {
            ids: data.map((r) => r.id),
            dates: data.map((r) => {
              const instant = new Date(start + r.hours * 3_600_000).toISOString();
              return timestamps ? instant : instant.slice(0, 10);
            }),
            amounts: data.map((r) => r.amount),
            segments: data.map((r) => r.segment),
            margins: data.map((r) => r.margin),
            dateType: timestamps ? "TIMESTAMP" : "DATE",
            timeZone,
          };
          if (!data.some((r) => r.amount >= 0)) return;
          await compare(rows, period, true, endShift);
        },
      ),
      { numRuns: 30 },
    );
  });
});

/**
 * The Predicted CLV sheet from the condensed summary (report/clv-summary.ts) against the sheet of the
 * rows with the same model (BG/NBD), less the list: parameters, counts, total and its interval, the
 * in-sample fit, the notes.
 */
async function compareClv(rows: Rows, endShift: number): Promise<void> {
  const source = await load(rows);
  const tx = transactions(rows);
  const end = tx.lastDay + endShift;
  const queries = reportQueries("duckdb", source, { period: "month", observationEnd: end });
  const summary = clvSummaryFromRows(
    await runQuery<RfmRow>(duck.db, queries.rfm),
    await runQuery<MonetaryRow>(duck.db, queries.monetary),
    7,
  );
  const ours = predictedClvSheet(
    { words: wordsOf("en"), currencyFormat: currencyFormat("$", false) },
    summaryForecast(summary, wordsOf("en")),
  );
  const expected = databaseClvSheet(tx, end);
  // Cell for cell; numbers to 1e-9 (the same sums in another order).
  const same = (a: unknown, b: unknown) =>
    typeof a === "number" && typeof b === "number"
      ? Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b))
      : a === b;
  expect(ours.cells.length).toBe(expected.cells.length);
  ours.cells.forEach((row, i) => {
    row.forEach((cell, j) => {
      if (!same(cell, expected.cells[i][j]))
        expect([i + 1, j + 1, cell]).toEqual([i + 1, j + 1, expected.cells[i][j]]);
    });
  });
  expect(ours.cells[1][0]).toContain("80% interval comes from");
}

describe("the Predicted CLV sheet from the condensed RFM summary, against the rows' (BG/NBD)", () => {
  itWithReferenceData(
    "on the CDNOW sample",
    async () => {
      await compareClv(cdnowRows(), 0);
    },
    60_000,
  );

  it("on the seeded sample (refunds, channels)", async () => {
    await compareClv(seededRows(), -40);
  });
});
