/**
 * The add-on's GA4 export source as Apps Script runs it — the shipped dist/Code.js — over the fake
 * BigQuery service holding the generated GA4 export (test/helpers/ga4-bigquery.ts): "Load" lists the
 * dataset's tables (paged) and says which days the export covers; the estimate is dry runs only;
 * the build gives, cell for cell, the sheets the JavaScript engine writes from the hand-flattened
 * purchases; only the days asked for are scanned (`_TABLE_SUFFIX` bounds, and the fake answers no
 * query over other days); refresh re-reads the stored days, currency and cap, and only for whoever
 * approved the report by building it.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { dayNumber, isoDay } from "../../src/core/cells";
import type { ReportOptions } from "../../src/core/report/build";
import type { FakeBigQuery } from "../helpers/bigquery";
import { loadBundle } from "../helpers/bundle";
import {
  GA4_DATASET as DATASET,
  GA4_LAST,
  ga4BigQuerySample,
  GA4_PROJECT as PROJECT,
} from "../helpers/ga4-bigquery";
import { withoutPredicted } from "../helpers/predicted";
import { addonServices, FakeSpreadsheet, type SheetModel, type Value } from "../helpers/sheets";

const GIB = 2 ** 30;
const SHEETS = ["retention", "revenue", "ltv-cac", "summary"];
const OPTIONS: ReportOptions = {
  period: "month",
  splitBySegment: true,
  marginRate: 0.4,
  observationEnd: GA4_LAST,
  sheets: SHEETS as ReportOptions["sheets"],
};
/** The second report: February and March only, revenue in US dollars. */
const FEB = dayNumber(2024, 2, 1);
const MAR = dayNumber(2024, 3, 31);

let sample: Awaited<ReturnType<typeof ga4BigQuerySample>>;

beforeAll(async () => {
  sample = await ga4BigQuerySample([
    { days: { to: GA4_LAST }, options: OPTIONS },
    { days: { from: FEB, to: MAR }, currency: "usd", options: { ...OPTIONS, observationEnd: MAR } },
  ]);
}, 120_000);

function addon(fake: FakeBigQuery, userLocale = "en", properties = new Map<string, string>()) {
  const book = new FakeSpreadsheet({ timeZone: "UTC" });
  book.select(book.addSheet("Notes", [["Our GA4 export is in BigQuery"]]), "A1");
  const script = loadBundle({
    ...addonServices(book, { userLocale, properties }),
    BigQuery: fake.service(),
  });
  return { book, script };
}

function colleague(book: FakeSpreadsheet, fake: FakeBigQuery, userLocale = "en") {
  return loadBundle({
    ...addonServices(book, { user: "bob@example.com", userLocale, properties: new Map() }),
    BigQuery: fake.service(),
  });
}

function request(ga4: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) {
  return {
    source: { sheetId: -1, range: "" },
    // Ignored for a GA4 export: its columns are the flattened events'.
    mapping: { customerId: 5, date: 6, amount: 7 },
    period: "month",
    observationEnd: "2024-04-29",
    margin: "40",
    spend: "",
    sheets: SHEETS,
    ga4: {
      project: PROJECT,
      dataset: DATASET,
      currency: "local",
      firstDay: "",
      approvedBytes: 12 * GIB,
      ...ga4,
    },
    ...extra,
  };
}

const realJobs = (fake: FakeBigQuery) => fake.requests.filter((r) => !r.dryRun);

/** A sheet's cells: money to 10 digits, the source's description and the segment's name made alike. */
function cells(sheet: SheetModel): unknown[][] {
  const rows = sheet.values.rows.map((row, r) =>
    (row ?? []).map((v: Value | undefined, c) => {
      const formula = sheet.formula(r + 1, c + 1);
      if (formula) return formula;
      if (typeof v === "number") return Number(v.toPrecision(10));
      if (v instanceof Date) return v.toISOString();
      return typeof v === "string"
        ? v
            .replace(/^(GA4 export [^·]*|Orders!A1:D\d+)( · |$)/, "SOURCE$2")
            .replace('"traffic_source.source / medium"', '"segment"')
        : v;
    }),
  );
  // Without trailing blanks: the grid is as wide as its widest row.
  return rows.map((row) => {
    let end = row.length;
    while (end > 0 && (row[end - 1] === "" || row[end - 1] === undefined)) end--;
    return row.slice(0, end);
  });
}

/** The JavaScript engine's report of flat rows (customer, date, amount, segment) in a sheet. */
function jsReport(rows: string[][], observationEnd: string) {
  const js = new FakeSpreadsheet({ timeZone: "UTC" });
  const values = rows.map((r): Value[] => [r[0], new Date(`${r[1]}T00:00:00Z`), Number(r[2]), r[3]]);
  const orders = js.addSheet("Orders", [["customer_id", "date", "amount", "segment"], ...values]);
  js.select(orders, "A1");
  const built = loadBundle(addonServices(js)).buildReport({
    ...request(),
    ga4: undefined,
    observationEnd,
    mapping: { customerId: 0, date: 1, amount: 2, segment: 3 },
    source: { sheetId: orders.id, range: `A1:D${values.length + 1}` },
  });
  expect(built).toMatchObject({ ok: true });
  return js;
}

function sameSheets(built: { sheets: { name: string }[] }, ours: FakeSpreadsheet, js: FakeSpreadsheet) {
  const sheets = (book: FakeSpreadsheet) =>
    Object.fromEntries(built.sheets.map(({ name }) => [name, cells(book.sheet(name))]));
  const fromJs = withoutPredicted(sheets(js));
  const fromGa4 = sheets(ours);
  for (const { name } of built.sheets) expect(fromGa4[name], name).toEqual(fromJs[name]);
}

const flatRows = () => sample.sample.flat.slice(1);
const purchases = () => flatRows().filter((row) => Number(row[2]) >= 0);

describe("a report from a GA4 export in BigQuery", () => {
  it("loads the dataset: lists its tables page by page and says which days the export covers, scanning nothing", () => {
    const fake = sample.fake.copy();
    const { script } = addon(fake);
    const days = [...sample.sample.days.keys()].sort((a, b) => a - b);
    expect(script.getGa4Export({ project: PROJECT, dataset: ` ${DATASET} ` })).toEqual({
      ok: true,
      dataset: DATASET,
      first: isoDay(days[0]),
      last: isoDay(days[days.length - 1]),
      daily: days.length,
      intraday: 1,
      rowSheets: ["forecast-check", "customers", "subscription"],
    });
    // 50 tables a page in the fake: every page read.
    const tables = (fake.datasets.get(DATASET) ?? []).length;
    expect(fake.calls.get("BigQuery.Tables.list")).toBe(Math.ceil(tables / 50));
    expect(fake.requests).toHaveLength(0);
  });

  it("names the dataset when it holds no GA4 event tables, in the user's language, and refuses a name that is no dataset without calling BigQuery", () => {
    const fake = sample.fake.copy();
    fake.datasets.set("shop-42.analytics_999", [{ name: "orders", type: "TABLE" }]);
    for (const [locale, words] of [
      ["en", "has no GA4 event tables (events_YYYYMMDD)"],
      ["ko", "GA4 이벤트 테이블(events_YYYYMMDD)이 없습니다"],
      ["ru", "нет таблиц событий GA4 (events_YYYYMMDD)"],
    ]) {
      const { script } = addon(fake, locale);
      const result = script.getGa4Export({ project: PROJECT, dataset: "shop-42.analytics_999" });
      expect(result).toMatchObject({ ok: false, code: "input" });
      expect(result.message).toContain(words);
      expect(result.message).toContain("shop-42.analytics_999");
    }
    // A dataset that is not there at all (tables.list answers 404): the same words, naming it.
    const missing = addon(fake).script.getGa4Export({ project: PROJECT, dataset: "shop-42.analytics_42" });
    expect(missing).toMatchObject({ ok: false, code: "input" });
    expect(missing.message).toContain("shop-42.analytics_42");
    expect(missing.message).toContain("has no GA4 event tables");
    const calls = fake.calls.get("BigQuery.Tables.list");
    const { script } = addon(fake);
    const table = script.getGa4Export({ project: PROJECT, dataset: "shop-42.analytics_1.events_20240101" });
    expect(table).toMatchObject({ ok: false, code: "input" });
    expect(table.message).toContain("project.analytics_123456");
    expect(fake.calls.get("BigQuery.Tables.list")).toBe(calls);
  });

  it("estimates with dry runs bounded to the days asked, then builds the sheets of the hand-flattened purchases", () => {
    const fake = sample.fake.copy();
    const { book, script } = addon(fake);
    const estimate = script.estimateBigQuery(request());
    // The bounds, GA4 counts, cells and totals queries, each said to scan 3 GiB.
    expect(estimate).toMatchObject({ ok: true, bytes: 12 * GIB, text: "12 GiB" });
    expect(fake.requests.length).toBe(4);
    expect(fake.requests.every((r) => r.dryRun)).toBe(true);
    for (const sent of fake.requests) {
      expect(sent.query).toContain("FROM `shop-42.analytics_123456.events_*`");
      // No first day: every table up to the observation end, daily and intraday.
      expect(sent.query).toContain(
        "((_TABLE_SUFFIX <= '20240429') OR (_TABLE_SUFFIX <= 'intraday_20240429'))",
      );
    }

    const built = script.buildReport(request({ approvedBytes: estimate.bytes }));
    expect(built).toMatchObject({ ok: true, updated: false });
    expect(built.sheets.map((s: { name: string }) => s.name)).toEqual([
      "Retention",
      "Revenue & LTV",
      "LTV-CAC",
      "Summary",
    ]);
    // Each real job capped by its own dry run (3 GiB + 1%, rounded up to the MiB, and a table's 10 MiB minimum).
    const jobs = realJobs(fake);
    expect(jobs.length).toBe(4);
    for (const job of jobs) expect(job.maximumBytesBilled).toBe(String(3 * GIB + (31 + 10) * 2 ** 20));

    sameSheets(built, book, jsReport(flatRows(), "2024-04-29"));
    // The Summary says what the export held, as the command line does.
    const noUserId = purchases().filter((row) => !row[0].startsWith("U")).length;
    const summary = book.sheet("Summary").values.rows.flat().map(String).join("\n");
    expect(summary).toContain(`GA4 export ${DATASET}: ${purchases().length} purchases`);
    expect(summary).toContain(`(${noUserId} of ${purchases().length} purchases had no user_id)`);
    expect(summary).toMatch(/order = ecommerce\.transaction_id \([1-9]\d* duplicate events counted once\)/);
    expect(summary).toContain('"traffic_source.source / medium"');
  });

  it("describes the export in the report's language", () => {
    for (const [language, words] of [
      ["ko", `GA4 내보내기 ${DATASET}: 구매 ${purchases().length}건`],
      ["ru", `Экспорт GA4 ${DATASET}: покупок ${purchases().length}`],
    ]) {
      const { book, script } = addon(sample.fake.copy());
      expect(script.buildReport(request({}, { language }))).toMatchObject({ ok: true });
      const summary = book.sheets.find((s) => /Summary|요약|Сводка/.test(s.name)) as SheetModel;
      expect(summary.values.rows.flat().map(String).join("\n")).toContain(words);
    }
  });

  it("reads only from the first day to the observation end, in the currency asked, and refresh reads them again", () => {
    const fake = sample.fake.copy();
    const { book, script } = addon(fake);
    const ask = request({ firstDay: "2024-02-01", currency: "usd" }, { observationEnd: "2024-03-31" });
    const built = script.buildReport(ask);
    expect(built).toMatchObject({ ok: true });
    for (const sent of fake.requests) {
      expect(sent.query).toContain(
        "((_TABLE_SUFFIX >= '20240201' AND _TABLE_SUFFIX <= '20240331') OR (_TABLE_SUFFIX >= 'intraday_20240201' AND _TABLE_SUFFIX <= 'intraday_20240331'))",
      );
      expect(sent.query).toContain("ecommerce.purchase_revenue_in_usd");
    }
    const before = fake.requests.length;
    const summary = cells(book.sheet("Summary"));
    const refreshed = script.refreshReports();
    expect(refreshed).toMatchObject({ ok: true, failed: [], skipped: [] });
    expect(refreshed.refreshed).toHaveLength(1);
    expect(fake.requests.length).toBe(2 * before);
    expect(cells(book.sheet("Summary"))).toEqual(summary);
    expect(fake.requests.slice(before).every((r) => r.query?.includes("_TABLE_SUFFIX >= '20240201'"))).toBe(
      true,
    );
  });

  it("reads up to today when there is no observation end, so a refresh reads the days exported since", () => {
    const fake = sample.fake.copy();
    const { script } = addon(fake);
    const day = () => isoDay(Math.floor(Date.now() / 86_400_000)).replace(/-/g, "");
    const [before] = [day()];
    expect(script.estimateBigQuery(request({}, { observationEnd: "" }))).toMatchObject({ ok: true });
    const after = day();
    for (const sent of fake.requests)
      expect([before, after].some((d) => sent.query?.includes(`_TABLE_SUFFIX <= '${d}'`))).toBe(true);
  });

  it("refuses a first day that is no day, before calling BigQuery", () => {
    const fake = sample.fake.copy();
    const { script } = addon(fake);
    const result = script.estimateBigQuery(request({ firstDay: "2024-02-30" }));
    expect(result).toMatchObject({ ok: false, code: "input" });
    expect(result.message).toContain("2024-02-30");
    expect(result.message).toContain("is not a day");
    expect(fake.requests).toHaveLength(0);
  });

  it("stops before any job when the queries would scan more than twice the bytes approved", () => {
    const fake = sample.fake.copy();
    const { script } = addon(fake);
    const result = script.buildReport(request({ approvedBytes: 5 * GIB }));
    expect(result).toMatchObject({ ok: false, code: "bigquery" });
    expect(result.message).toContain("10 GiB");
    expect(realJobs(fake)).toHaveLength(0);
  });

  it("refreshes only within twice the bytes approved: an export grown past that stops before any job", () => {
    const fake = sample.fake.copy();
    const { script } = addon(fake);
    expect(script.buildReport(request())).toMatchObject({ ok: true });
    const jobs = realJobs(fake).length;
    // Each query now scans 7 GiB: 28 GiB in all, above the 24 GiB twice the approved 12 GiB allow.
    fake.scanBytes = 7 * GIB;
    const refreshed = script.refreshReports();
    expect(refreshed).toMatchObject({ ok: true, refreshed: [] });
    expect(refreshed.failed[0].message).toContain("24 GiB allowed");
    expect(realJobs(fake)).toHaveLength(jobs);
  });

  it("says a missing BigQuery permission as such when loading the export", () => {
    const fake = sample.fake.copy();
    const { script } = addon(fake);
    fake.failure = { method: "tables.list", reason: "insufficientPermissions" };
    const result = script.getGa4Export({ project: PROJECT, dataset: DATASET });
    expect(result).toMatchObject({ ok: false, code: "consent" });
    expect(result.message).toContain("View your data across Google Cloud services");
  });

  it("skips another person's report on Refresh, saying so, until they build it themselves", () => {
    const fake = sample.fake.copy();
    const { book, script: ann } = addon(fake);
    expect(ann.buildReport(request())).toMatchObject({ ok: true, done: true });
    const sent = fake.requests.length;
    for (const [language, words] of [
      ["en", "you have not approved it"],
      ["ko", "아직 승인하지 않았습니다"],
      ["ru", "а вы его не одобряли"],
    ]) {
      const refreshed = colleague(book, fake, language).refreshReports();
      expect(refreshed).toMatchObject({ ok: true, refreshed: [] });
      expect(refreshed.failed[0].message).toContain(words);
      expect(refreshed.failed[0].message).toContain(DATASET);
      expect(refreshed.failed[0].message).toContain(PROJECT);
      expect(refreshed.failed[0].message).toContain("GA4");
    }
    // Nothing sent with Bob's credentials, not even a dry run or a listing.
    expect(fake.requests.length).toBe(sent);
    expect(fake.calls.get("BigQuery.Tables.list")).toBeUndefined();
    const bob = colleague(book, fake);
    expect(bob.buildReport(request())).toMatchObject({ ok: true, updated: true });
    expect(bob.refreshReports()).toMatchObject({ ok: true, failed: [] });
    expect(ann.refreshReports()).toMatchObject({ ok: true, failed: [] });
  });
});
