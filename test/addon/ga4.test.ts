/**
 * The add-on's GA4 export source as Apps Script runs it — the shipped dist/Code.js — over the fake
 * BigQuery service holding the generated GA4 export (test/helpers/ga4-bigquery.ts): "Load" lists the
 * dataset's tables (paged) and says which days the export covers; the estimate is dry runs only;
 * the build gives, cell for cell, the sheets the JavaScript engine writes from the hand-flattened
 * purchases; only the days asked for are scanned (`_TABLE_SUFFIX` bounds, and the fake answers no
 * query over other days); refresh re-reads the stored days, currency and cap, and only for whoever
 * approved the report by building it. The segment (the sidebar's Segment): auto splits by the session's
 * default channel group where every purchase read has it and else by source / medium, saying why in
 * the report's language; the channel group asked for from an export without it is refused naming
 * Segment; Refresh keeps the choice.
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
const FIELD = "session_traffic_source_last_click.cross_channel_campaign.default_channel_group";
const SHEETS = ["retention", "revenue", "ltv-cac", "summary"];
const OPTIONS: ReportOptions = {
  period: "month",
  splitBySegment: true,
  marginRate: 0.4,
  observationEnd: GA4_LAST,
  sheets: SHEETS as ReportOptions["sheets"],
};
/** The third report: the sheets drawn from one row a customer. */
const ROW_KEYS = ["predicted-clv", "forecast-check", "customers"] as const;
/** The second report: February and March only, revenue in US dollars. */
const FEB = dayNumber(2024, 2, 1);
const MAR = dayNumber(2024, 3, 31);

let sample: Awaited<ReturnType<typeof ga4BigQuerySample>>;

beforeAll(async () => {
  sample = await ga4BigQuerySample([
    { days: { to: GA4_LAST }, options: OPTIONS },
    { days: { from: FEB, to: MAR }, currency: "usd", options: { ...OPTIONS, observationEnd: MAR } },
    { days: { to: GA4_LAST }, options: { ...OPTIONS, sheets: [...ROW_KEYS] } },
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

/** A sheet's cells: the source's description and the segment's name made alike. */
function cells(sheet: SheetModel): unknown[][] {
  const rows = sheet.values.rows.map((row, r) =>
    (row ?? []).map((v: Value | undefined, c) => {
      const formula = sheet.formula(r + 1, c + 1);
      if (formula) return formula;
      if (typeof v === "number") return v;
      if (v instanceof Date) return v.toISOString();
      return typeof v === "string"
        ? v
            .replace(/^(GA4 export [^·]*|Orders!A1:D\d+)( · |$)/, "SOURCE$2")
            .replace(/"(traffic_source\.source \/ medium|session default channel group)"/, '"segment"')
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
function jsReport(rows: string[][], observationEnd: string, sheets: readonly string[] = SHEETS) {
  const js = new FakeSpreadsheet({ timeZone: "UTC" });
  const values = rows.map((r): Value[] => [r[0], new Date(`${r[1]}T00:00:00Z`), Number(r[2]), r[3]]);
  const orders = js.addSheet("Orders", [["customer_id", "date", "amount", "segment"], ...values]);
  js.select(orders, "A1");
  const built = loadBundle(addonServices(js)).buildReport({
    ...request(),
    ga4: undefined,
    observationEnd,
    sheets,
    mapping: { customerId: 0, date: 1, amount: 2, segment: 3 },
    source: { sheetId: orders.id, range: `A1:D${values.length + 1}` },
  });
  expect(built).toMatchObject({ ok: true });
  return js;
}

/**
 * `ours` with each number within 1e-9 (relative) of the number `theirs` holds in its place taken as
 * that number: sums in another order differ in the last bits (and rounding to a number of digits
 * would split the ties of the sample's binary fractions).
 */
function near(ours: unknown, theirs: unknown): unknown {
  if (typeof ours === "number" && typeof theirs === "number")
    return Math.abs(ours - theirs) <= 1e-9 * Math.max(1, Math.abs(theirs)) ? theirs : ours;
  if (Array.isArray(ours) && Array.isArray(theirs)) return ours.map((v, i) => near(v, theirs[i]));
  return ours;
}

function sameSheets(built: { sheets: { name: string }[] }, ours: FakeSpreadsheet, js: FakeSpreadsheet) {
  const sheets = (book: FakeSpreadsheet) =>
    Object.fromEntries(built.sheets.map(({ name }) => [name, cells(book.sheet(name))]));
  const fromJs = withoutPredicted(sheets(js));
  const fromGa4 = Object.fromEntries(
    Object.entries(sheets(ours)).map(([name, rows]) => [name, near(rows, fromJs[name])]),
  );
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
      rowSheets: ["subscription"],
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
    // The schema's dry run (it reads no row: nothing), then the bounds, GA4 counts, cells and totals
    // queries and, split by channel, the customers' histories, each said to scan 3 GiB.
    expect(estimate).toMatchObject({ ok: true, bytes: 15 * GIB, text: "15 GiB" });
    expect(fake.requests.map((r) => r.query?.startsWith("SELECT * FROM"))).toEqual([
      true,
      false,
      false,
      false,
      false,
      false,
    ]);
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
    // Each real job capped by its own dry run (3 GiB + 1%, rounded up to the MiB) and the 10 MiB
    // minimum of each event table it reads: every daily one and the intraday one.
    const jobs = realJobs(fake);
    expect(jobs.length).toBe(5);
    const tables = sample.sample.days.size + 1;
    for (const job of jobs)
      expect(job.maximumBytesBilled).toBe(String(3 * GIB + (31 + 10 * tables) * 2 ** 20));

    sameSheets(built, book, jsReport(flatRows(), "2024-04-29"));
    // The Summary says what the export held, as the command line does.
    const noUserId = purchases().filter((row) => !row[0].startsWith("U")).length;
    const summary = book.sheet("Summary").values.rows.flat().map(String).join("\n");
    expect(summary).toContain(`GA4 export ${DATASET}: ${purchases().length} purchases`);
    expect(summary).toContain(`(${noUserId} of ${purchases().length} purchases had no user_id)`);
    expect(summary).toMatch(/order = ecommerce\.transaction_id \([1-9]\d* duplicate events counted once\)/);
    expect(summary).toContain('"traffic_source.source / medium"');
    // No day of this export has the channel group: auto splits by source / medium, and says why.
    expect(summary).toContain(
      `; segment = traffic_source.source / medium, the user's first acquisition (the export read has no ${FIELD}: GA4 exports it from 2024-10-10 on)`,
    );
  });

  it("builds Forecast check, Customers and Predicted CLV from one row a customer: the sheets of the flattened purchases", () => {
    const fake = sample.fake.copy();
    const { book, script } = addon(fake);
    const built = script.buildReport(request({}, { sheets: ROW_KEYS }));
    expect(built).toMatchObject({ ok: true });
    expect(built.sheets.map((s: { name: string }) => s.name)).toEqual([
      "Predicted CLV",
      "Forecast check",
      "Customers",
    ]);
    // The bounds, GA4 counts, cells, totals, customers and weekly queries.
    expect(realJobs(fake).length).toBe(6);
    const js = jsReport(flatRows(), "2024-04-29", ROW_KEYS);
    // Within 1e-9 (sums of FLOAT64 in another order), as sameSheets.
    for (const { name } of built.sheets) {
      const theirs = cells(js.sheet(name));
      expect(near(cells(book.sheet(name)), theirs), name).toEqual(theirs);
    }
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
      // All but the schema's dry run read the revenue asked for.
      if (!sent.query?.startsWith("SELECT * FROM"))
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
    const listed = fake.calls.get("BigQuery.Tables.list");
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
    expect(fake.calls.get("BigQuery.Tables.list")).toBe(listed);
    const bob = colleague(book, fake);
    expect(bob.buildReport(request())).toMatchObject({ ok: true, updated: true });
    expect(bob.refreshReports()).toMatchObject({ ok: true, failed: [] });
    expect(ann.refreshReports()).toMatchObject({ ok: true, failed: [] });
  });
});

/** The export with the session's last click from its 41st day and its default channel group from its 71st (2024-03-11). */
const CHANNEL_GROUP = dayNumber(2024, 1, 1) + 70;
let channels: Awaited<ReturnType<typeof ga4BigQuerySample>>;

/** The hand-flattened rows (after the header) split by the session's default channel group, "Unassigned" where the export has none. */
const byChannelGroup = () =>
  channels.sample.flat
    .slice(1)
    .map((row, i) => [...row.slice(0, 3), channels.sample.channelGroups[i] ?? "Unassigned"]);

/** Purchases among the hand-flattened rows, and those without a channel group. */
function channelCounts(from = ""): { purchases: number; missing: number } {
  const rows = channels.sample.flat
    .slice(1)
    .map((row, i) => ({ row, group: channels.sample.channelGroups[i] }))
    .filter(({ row }) => Number(row[2]) >= 0 && row[1] >= from);
  return { purchases: rows.length, missing: rows.filter(({ group }) => group === null).length };
}

const summaryText = (book: FakeSpreadsheet) =>
  (book.sheets.find((s) => /Summary|요약|Сводка/.test(s.name)) as SheetModel).values.rows
    .flat()
    .map(String)
    .join("\n");

describe("a GA4 report's segment: the session's default channel group or the user's first source / medium", () => {
  beforeAll(async () => {
    channels = await ga4BigQuerySample(
      [
        { days: { to: GA4_LAST }, options: OPTIONS, segments: ["source_medium", "channel_group"] },
        { days: { from: CHANNEL_GROUP, to: GA4_LAST }, options: OPTIONS, segments: ["channel_group"] },
      ],
      250,
      { lastClickFrom: CHANNEL_GROUP - 30, channelGroupFrom: CHANNEL_GROUP },
    );
  }, 120_000);

  it("auto: splits by source / medium when some purchases read have no channel group, and says why", () => {
    const fake = channels.fake.copy();
    const { book, script } = addon(fake);
    const estimate = script.estimateBigQuery(request());
    // The schema (nothing), the bounds and counts, then the cells, totals and customers' histories of
    // either segment: the most they may scan, 3 GiB a query, which is what the build's five jobs then scan.
    expect(estimate).toMatchObject({ ok: true, bytes: 15 * GIB });
    expect(fake.requests).toHaveLength(1 + 2 + 2 * 3);
    const built = script.buildReport(request({ approvedBytes: estimate.bytes }));
    expect(built).toMatchObject({ ok: true });
    expect(realJobs(fake)).toHaveLength(5);
    sameSheets(built, book, jsReport(channels.sample.flat.slice(1), "2024-04-29"));
    const { purchases, missing } = channelCounts();
    expect(missing).toBeGreaterThan(0);
    expect(missing).toBeLessThan(purchases);
    expect(summaryText(book)).toContain(
      `; segment = traffic_source.source / medium, the user's first acquisition (the session's default channel group is missing on ${missing} of ${purchases} purchases: GA4 exports it from 2024-10-10 on; Segment "Session default channel group" uses it anyway, the missing as "Unassigned")`,
    );
    expect(summaryText(book)).toContain('by "traffic_source.source / medium"');
  });

  it("auto: splits by the channel group on days that all have it", () => {
    const fake = channels.fake.copy();
    const { book, script } = addon(fake);
    const from = isoDay(CHANNEL_GROUP);
    const built = script.buildReport(request({ firstDay: from }));
    expect(built).toMatchObject({ ok: true });
    // The bounds and counts, then the report's queries split by the channel group.
    const split = realJobs(fake).map((r) => r.query?.includes("CAST(`channel_group` AS STRING)"));
    expect(split).toEqual([false, false, true, true, true]);
    sameSheets(
      built,
      book,
      jsReport(
        byChannelGroup().filter((row) => row[1] >= from),
        "2024-04-29",
      ),
    );
    expect(channelCounts(from).missing).toBe(0);
    expect(summaryText(book)).toContain(
      `; segment = the session's default channel group (${FIELD}, set on every purchase; Segment "First-user source / medium" splits by source / medium instead)`,
    );
    expect(summaryText(book)).toContain('by "session default channel group"');
  });

  it("says the segment, and names it in the split note, in the report's language", () => {
    const { purchases, missing } = channelCounts();
    for (const [language, sentence, name] of [
      [
        "ko",
        `세그먼트 = traffic_source.source / medium, 사용자의 첫 유입 (구매 ${purchases}건 중 ${missing}건에 세션 기본 채널 그룹 없음: GA4는 2024-10-10부터 내보냄; 그래도 쓰려면: 세그먼트 "세션 기본 채널 그룹", 없는 구매는 "Unassigned")`,
        '"첫 사용자 소스/매체"',
      ],
      [
        "ru",
        `сегмент = traffic_source.source / medium, первый источник пользователя (покупок без группы каналов по умолчанию для сеанса: ${missing} из ${purchases} — GA4 экспортирует её с 2024-10-10; чтобы всё же делить по ней: Сегмент «Группа каналов по умолчанию для сеанса», покупки без неё — «Unassigned»)`,
        "«источник/канал первого пользователя»",
      ],
    ]) {
      const { book, script } = addon(channels.fake.copy());
      expect(script.buildReport(request({}, { language }))).toMatchObject({ ok: true });
      expect(summaryText(book)).toContain(sentence);
      expect(summaryText(book)).toContain(name);
    }
  });

  it("refuses the channel group from an export without it, naming Segment, before any job", () => {
    for (const [locale, words] of [
      ["en", 'Set Segment to "Automatic" or "First-user source / medium".'],
      ["ko", '세그먼트를 "자동" 또는 "첫 사용자 소스/매체"로 설정하세요.'],
      ["ru", "Выберите в поле «Сегмент» «Автоматически» или «Источник/канал первого пользователя»."],
    ]) {
      const fake = sample.fake.copy();
      const { script } = addon(fake, locale);
      for (const result of [
        script.estimateBigQuery(request({ segment: "channel-group" })),
        script.buildReport(request({ segment: "channel-group" })),
      ]) {
        expect(result).toMatchObject({ ok: false, code: "input" });
        expect(result.message).toContain(DATASET);
        expect(result.message).toContain(FIELD);
        expect(result.message).toContain(words);
        expect(result.problems.ga4Segment).toBe(result.message);
      }
      // Only the schema's dry runs (free) were sent.
      expect(fake.requests.every((r) => r.dryRun && r.query?.startsWith("SELECT * FROM"))).toBe(true);
    }
  });

  it("refuses auto when BigQuery gives no schema, and reads source / medium as asked", () => {
    const fake = channels.fake.copy();
    fake.wildcardSchemas.clear();
    const { script } = addon(fake);
    const refused = script.estimateBigQuery(request());
    expect(refused).toMatchObject({ ok: false, code: "input" });
    expect(refused.message).toContain('Set Segment to "First-user source / medium"');
    expect(script.estimateBigQuery(request({ segment: "source-medium" }))).toMatchObject({ ok: true });
  });

  it("keeps the segment asked for on Refresh", () => {
    const fake = channels.fake.copy();
    const { book, script } = addon(fake);
    const built = script.buildReport(request({ segment: "channel-group" }));
    expect(built).toMatchObject({ ok: true });
    sameSheets(built, book, jsReport(byChannelGroup(), "2024-04-29"));
    const { purchases, missing } = channelCounts();
    const said = `; segment = the session's default channel group (Segment "Session default channel group"; missing on ${missing} of ${purchases} purchases, counted as "Unassigned")`;
    expect(summaryText(book)).toContain(said);
    const sent = fake.requests.map((r) => r.query);
    const summary = cells(book.sheet("Summary"));
    expect(script.refreshReports()).toMatchObject({ ok: true, failed: [], skipped: [] });
    expect(fake.requests.slice(sent.length).map((r) => r.query)).toEqual(sent);
    expect(cells(book.sheet("Summary"))).toEqual(summary);
    expect(summaryText(book)).toContain(said);
  });
});
