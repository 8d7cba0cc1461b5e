/**
 * The add-on's BigQuery path as Apps Script runs it — the shipped dist/Code.js — over a fake
 * of the BigQuery advanced service (test/helpers/bigquery.ts). The fake checks each query's text
 * with BigQuery's grammar and answers it with the DuckDB dialect of the same plan run on the same
 * rows, a few rows a page, so the report sheets can be compared, cell for cell, with the sheets the
 * JavaScript engine writes from the same rows in a spreadsheet. Also: the schema filling the
 * column pickers, the dry-run estimate, paging, the approved-bytes cap, Refresh re-running the
 * queries, and each BigQuery error said in plain words in English, Korean and Russian.
 *
 * Why this fake rather than canned results: canned rows would prove the paging and typing but not
 * that the queries the add-on sends compute the report; here the values come from executing the
 * same plan, and a query the add-on built differently from the plan finds no answer and fails.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { BIGQUERY_SCOPE } from "../../src/addon/consent";
import { grantLink } from "../../src/addon/errors";
import { wordsOf } from "../../src/core/report/words";
import { generateSample, spendTable } from "../../src/core/sample/generate";
import { boundsQuery } from "../../src/core/sql/queries";
import {
  addLineItems,
  type BigQueryErrorReason,
  bigQuerySample,
  type FakeBigQuery,
  LINES_TABLE,
  SAMPLE_PROJECT as PROJECT,
  SAMPLE_SOURCE,
  SAMPLE_TABLE as TABLE,
} from "../helpers/bigquery";
import { loadBundle } from "../helpers/bundle";
import { withoutPredicted } from "../helpers/predicted";
import {
  addonServices,
  FakeSpreadsheet,
  MANIFEST_SCOPES,
  type SheetModel,
  type Value,
} from "../helpers/sheets";

const GIB = 2 ** 30;
const SHEETS = ["retention", "revenue", "ltv-cac", "summary"];

let sample: Awaited<ReturnType<typeof bigQuerySample>>;

// A monthly report, split by channel, at a 40% margin: the answers the fake gives, from DuckDB.
beforeAll(async () => {
  sample = await bigQuerySample({ period: "month", splitBySegment: true, marginRate: 0.4 });
});

/** A fresh fake service: no calls counted, no failure set. */
const fakeBigQuery = async () => sample.fake.copy();

function addon(
  fake: FakeBigQuery,
  userLocale = "en",
  consent: { grantedScopes?: readonly string[]; askedScopes?: string[][] } = {},
) {
  const book = new FakeSpreadsheet({ timeZone: "UTC" });
  book.select(book.addSheet("Notes", [["Our orders are in BigQuery"]]), "A1");
  // The user's properties, kept for their later sessions (where their approvals live).
  const properties = new Map<string, string>();
  const script = loadBundle({
    ...addonServices(book, { userLocale, properties, ...consent }),
    BigQuery: fake.service(),
  });
  return { book, script, properties };
}

/** Another person in the same spreadsheet: their own user properties, their own credentials. */
function colleague(book: FakeSpreadsheet, fake: FakeBigQuery, user: string, userLocale = "en") {
  return loadBundle({
    ...addonServices(book, { user, userLocale, properties: new Map() }),
    BigQuery: fake.service(),
  });
}

function request(extra: Record<string, unknown> = {}) {
  return {
    source: { sheetId: -1, range: "" },
    mapping: { customerId: 0, date: 1, amount: 2, segment: 3 },
    period: "month",
    observationEnd: "",
    margin: "40",
    spend: "",
    sheets: SHEETS,
    bigquery: { project: PROJECT, table: TABLE, approvedBytes: 15 * GIB },
    ...extra,
  };
}

const realJobs = (fake: FakeBigQuery) => fake.requests.filter((r) => !r.dryRun);

/** A sheet's cells with money to 10 digits (sums in another order) and the source's name replaced. */
function cells(sheet: SheetModel, source: string): unknown[][] {
  return sheet.values.rows.map((row, r) =>
    (row ?? []).map((v: Value | undefined, c) => {
      const formula = sheet.formula(r + 1, c + 1);
      if (formula) return formula;
      if (typeof v === "number") return Number(v.toPrecision(10));
      if (v instanceof Date) return v.toISOString();
      return typeof v === "string" ? v.replaceAll(source, "SOURCE") : v;
    }),
  );
}

describe("a report from a BigQuery table", () => {
  it("fills the column pickers from the table's schema, guessing the columns by name, scanning nothing", async () => {
    const fake = await fakeBigQuery();
    const { script } = addon(fake);
    const columns = script.getBigQueryColumns({ project: PROJECT, table: TABLE });
    expect(columns).toMatchObject({
      ok: true,
      headers: ["customer_id", "order_date", "amount", "channel", "note"],
      types: ["STRING", "DATE", "FLOAT64", "STRING", "STRING"],
      mapping: { customerId: 0, date: 1, amount: 2 },
      rowSheets: ["subscription"],
    });
    expect(fake.calls.get("BigQuery.Tables.get")).toBe(1);
    expect(fake.requests).toHaveLength(0);
  });

  it("estimates the bytes with dry runs only, then builds the same sheets as the JavaScript engine", async () => {
    const fake = await fakeBigQuery();
    const { book, script } = addon(fake);
    const estimate = script.estimateBigQuery(request());
    // The bounds, cells and totals queries, and split by channel the customers' histories (LTV-CAC's
    // predicted value by channel), each said to scan 3 GiB.
    expect(estimate).toMatchObject({ ok: true, bytes: 12 * GIB, text: "12 GiB" });
    expect(estimate.usd).toBeCloseTo((12 / 1024) * 6.25, 10);
    expect(fake.requests.every((r) => r.dryRun)).toBe(true);

    // The sample's spend per channel and month, in a sheet (the predicted LTV:CAC by channel needs a CAC).
    const spendRows = spendTable(generateSample({ customers: 250, seed: 5 }));
    const spendRange = `Spend!A1:C${spendRows.length}`;
    book.addSheet("Spend", spendRows);
    const built = script.buildReport(
      request({
        spend: spendRange,
        bigquery: { project: PROJECT, table: TABLE, approvedBytes: estimate.bytes },
      }),
    );
    expect(built).toMatchObject({ ok: true, updated: false });
    // Every real job is GoogleSQL with named parameters, capped near its own dry run (3 GiB + 1%,
    // rounded up to the MiB, and the table's 10 MiB minimum), not at the whole approval.
    const jobs = realJobs(fake);
    expect(jobs.length).toBe(4);
    for (const job of jobs) expect(job.maximumBytesBilled).toBe(String(3 * GIB + (31 + 10) * 2 ** 20));
    // Each job answered "not complete" first, then its rows two at a time: more than one page each.
    const pages = fake.calls.get("BigQuery.Jobs.getQueryResults") ?? 0;
    expect(pages).toBeGreaterThan(jobs.length * 2);

    // The JavaScript engine on the same rows, in a sheet.
    const js = new FakeSpreadsheet({ timeZone: "UTC" });
    const header: Value[] = ["customer_id", "order_date", "amount", "channel"];
    const rows = sample.purchases.map((p): Value[] => [
      p.id,
      new Date(`${p.day}T00:00:00Z`),
      p.amount,
      p.channel,
    ]);
    const orders = js.addSheet("Orders", [header, ...rows]);
    js.addSheet("Spend", spendRows);
    js.select(orders, "A1");
    const range = `A1:D${rows.length + 1}`;
    const jsBuilt = loadBundle(addonServices(js)).buildReport({
      ...request({ bigquery: undefined, spend: spendRange }),
      source: { sheetId: orders.id, range },
    });
    expect(jsBuilt.ok).toBe(true);
    expect(built.sheets.map((s: { name: string }) => s.name)).toEqual(
      jsBuilt.sheets.map((s: { name: string }) => s.name),
    );
    // Rows without their trailing blanks: the grid is as wide as its widest row.
    const trimmed = (rows: unknown[][]) =>
      rows.map((row) => {
        let end = row.length;
        while (end > 0 && (row[end - 1] === "" || row[end - 1] === undefined)) end--;
        return row.slice(0, end);
      });
    const sheets = (of: FakeSpreadsheet, source: string) =>
      Object.fromEntries(
        built.sheets.map(({ name }: { name: string }) => [name, trimmed(cells(of.sheet(name), source))]),
      );
    // Split by channel: LTV-CAC's predicted block and Summary's predicted LTV:CAC too, fitted on one
    // row a customer.
    const fromJs = sheets(js, `Orders!${range}`);
    const fromBigQuery = sheets(book, TABLE);
    for (const { name } of built.sheets) expect(fromBigQuery[name], name).toEqual(fromJs[name]);
    const predicted = fromBigQuery.Summary.filter((row: unknown[]) =>
      String(row[0]).startsWith("Predicted LTV:CAC"),
    );
    expect(predicted.length).toBeGreaterThan(1);
    for (const row of predicted) expect(row[1]).toMatch(/^='LTV-CAC'!\$I\$\d+$/);
    expect(fromBigQuery["LTV-CAC"].some((row: unknown[]) => row[0] === "Channel")).toBe(true);
  });

  it("builds Predicted CLV from the condensed RFM summary the two more queries return", async () => {
    const options = { period: "month" as const, splitBySegment: true, marginRate: 0.4 };
    const clv = await bigQuerySample({ ...options, sheets: ["summary", "predicted-clv"] });
    const { book, script } = addon(clv.fake);
    const built = script.buildReport(request({ sheets: ["summary", "predicted-clv"] }));
    expect(built).toMatchObject({ ok: true });
    // The bounds, cells, totals, rfm and monetary queries, and for Summary's predicted LTV:CAC by
    // channel, the customers query.
    expect(realJobs(clv.fake).length).toBe(6);
    const sheet = cells(book.sheet("Predicted CLV"), TABLE);
    const w = wordsOf("en");
    expect(sheet[1][0]).toContain(w.clvDefaultModel(w.clvInDatabase));
    expect(sheet[4][0]).toBe(w.clvListNeedsRows);
    const value = (name: string) => sheet.find((row) => row[10] === name)?.[11];
    expect(value(w.fitted("MBG/NBD"))).toBe(250);
    expect(value(w.clvTotal(12))).toBeGreaterThan(0);
  });

  it("builds Forecast check, Customers and Predicted CLV from one row a customer: the sheets of the rows in a sheet", async () => {
    const options = { period: "month" as const, splitBySegment: true, marginRate: 0.4 };
    const keys = ["predicted-clv", "forecast-check", "customers"] as const;
    const rowsSample = await bigQuerySample({ ...options, sheets: [...keys] });
    const { book, script } = addon(rowsSample.fake);
    const built = script.buildReport(request({ sheets: keys }));
    expect(built).toMatchObject({ ok: true });
    // The bounds, cells, totals, customers and weekly queries: read page by page (BigQueryRunner.rows).
    expect(realJobs(rowsSample.fake).length).toBe(5);
    const js = new FakeSpreadsheet({ timeZone: "UTC" });
    const header: Value[] = ["customer_id", "order_date", "amount", "channel"];
    const rows = rowsSample.purchases.map((p): Value[] => [
      p.id,
      new Date(`${p.day}T00:00:00Z`),
      p.amount,
      p.channel,
    ]);
    const orders = js.addSheet("Orders", [header, ...rows]);
    js.select(orders, "A1");
    const range = `A1:D${rows.length + 1}`;
    const jsBuilt = loadBundle(addonServices(js)).buildReport({
      ...request({ bigquery: undefined, sheets: keys }),
      source: { sheetId: orders.id, range },
    });
    expect(jsBuilt.ok).toBe(true);
    const names = built.sheets.map((s: { name: string }) => s.name);
    expect(names).toEqual(["Predicted CLV", "Forecast check", "Customers"]);
    for (const name of names)
      expect(cells(book.sheet(name), TABLE), name).toEqual(cells(js.sheet(name), `Orders!${range}`));
    const customers = cells(book.sheet("Customers"), TABLE).filter((row) => /^C\d+$/.test(String(row[0])));
    expect(customers).toHaveLength(new Set(rowsSample.purchases.map((p) => p.id)).size);
  });

  it("reads a TIMESTAMP column's days in the spreadsheet's time zone, passed as a parameter", async () => {
    const fake = await fakeBigQuery();
    fake.tables.set("shop-data.sales.events", [
      { name: "user_id", type: "STRING" },
      { name: "event_time", type: "TIMESTAMP" },
      { name: "revenue", type: "NUMERIC" },
    ]);
    const book = new FakeSpreadsheet({ timeZone: "Asia/Seoul" });
    book.select(book.addSheet("Notes", [["x"]]), "A1");
    const script = loadBundle({ ...addonServices(book), BigQuery: fake.service() });
    expect(script.getBigQueryColumns({ project: PROJECT, table: "shop-data.sales.events" })).toMatchObject({
      ok: true,
      types: ["STRING", "TIMESTAMP", "NUMERIC"],
    });
    const table = { project: PROJECT, table: "shop-data.sales.events" };
    const estimate = script.estimateBigQuery(
      request({ mapping: { customerId: 0, date: 1, amount: 2 }, bigquery: table }),
    );
    expect(estimate.ok).toBe(true);
    for (const sent of fake.requests) {
      expect(sent.query).toContain("DATE(`event_time`, @time_zone)");
      expect(sent.queryParameters).toContainEqual({
        name: "time_zone",
        parameterType: { type: "STRING" },
        parameterValue: { value: "Asia/Seoul" },
      });
    }
  });

  it("refresh runs the queries again, from the settings stored with the report", async () => {
    const fake = await fakeBigQuery();
    const { book, script } = addon(fake);
    expect(script.buildReport(request()).ok).toBe(true);
    const before = realJobs(fake).length;
    const summary = book.sheet("Summary").values.rows.map((r) => r?.slice());
    const refreshed = script.refreshReports();
    expect(refreshed).toMatchObject({ ok: true, failed: [], skipped: [] });
    expect(refreshed.refreshed).toHaveLength(1);
    expect(realJobs(fake).length).toBe(2 * before);
    expect(book.sheet("Summary").values.rows).toEqual(summary);
    // Building again from the same table and period updates that report.
    expect(script.buildReport(request())).toMatchObject({ ok: true, updated: true });
    expect(book.sheets.map((s) => s.name)).toEqual([
      "Notes",
      "Retention",
      "Revenue & LTV",
      "LTV-CAC",
      "Summary",
    ]);
  });

  it("stops before any job when the queries would scan more than twice what was approved", async () => {
    const fake = await fakeBigQuery();
    const { script } = addon(fake);
    const result = script.buildReport(
      request({ bigquery: { project: PROJECT, table: TABLE, approvedBytes: 4 * GIB } }),
    );
    expect(result).toMatchObject({ ok: false, code: "bigquery" });
    expect(result.message).toContain("8.0 GiB");
    expect(realJobs(fake)).toHaveLength(0);
  });

  it("caps each job by its own dry run, so one job cannot bill the whole approval", async () => {
    const fake = await fakeBigQuery();
    const { script } = addon(fake);
    const approved = { project: PROJECT, table: TABLE, approvedBytes: 9 * GIB };
    expect(script.buildReport(request({ bigquery: approved }))).toMatchObject({ ok: true });
    const jobs = realJobs(fake);
    // Each real job was preceded by a dry run of the very same query and parameters.
    for (const job of jobs) {
      const i = fake.requests.indexOf(job);
      expect(fake.requests[i - 1]).toMatchObject({ dryRun: true, query: job.query });
      expect(Number(job.maximumBytesBilled)).toBeLessThan(3.1 * GIB);
    }
    // A table that grew fivefold between a job's dry run and the job: BigQuery refuses the job at
    // its own cap, and the report stops there instead of billing up to the approval.
    const grown = await fakeBigQuery();
    grown.billedBytes = 15 * GIB;
    const result = addon(grown).script.buildReport(request({ bigquery: approved }));
    expect(result).toMatchObject({ ok: false, code: "bigquery" });
    expect(realJobs(grown)).toHaveLength(1);
  });

  it("skips another person's report on Refresh until they approve it themselves by building it", async () => {
    const fake = await fakeBigQuery();
    const { book, script: ann } = addon(fake);
    expect(ann.buildReport(request())).toMatchObject({ ok: true, done: true });
    const sent = fake.requests.length;
    for (const [language, words] of [
      ["en", "you have not approved it"],
      ["ko", "아직 승인하지 않았습니다"],
      ["ru", "а вы его не одобряли"],
    ]) {
      const bob = colleague(book, fake, "bob@example.com", language);
      const refreshed = bob.refreshReports();
      expect(refreshed).toMatchObject({ ok: true, refreshed: [] });
      expect(refreshed.failed[0].message).toContain(words);
      expect(refreshed.failed[0].message).toContain(TABLE);
      expect(refreshed.failed[0].message).toContain(PROJECT);
    }
    // Not a dry run, not a job, with Bob's credentials.
    expect(fake.requests.length).toBe(sent);
    // Bob builds it himself (the same table and project): from then on his refresh runs it.
    const bob = colleague(book, fake, "bob@example.com");
    expect(bob.buildReport(request())).toMatchObject({ ok: true, updated: true });
    expect(bob.refreshReports()).toMatchObject({ ok: true, failed: [] });
    // Ann's approval still stands for her.
    expect(ann.refreshReports()).toMatchObject({ ok: true, failed: [] });
  });

  it("refuses to refresh from a view redefined since it was approved, until it is approved again", async () => {
    const fake = await fakeBigQuery();
    fake.kinds.set(TABLE, { type: "VIEW", lastModifiedTime: "1700000000000" });
    const { script } = addon(fake);
    expect(script.buildReport(request())).toMatchObject({ ok: true });
    expect(script.refreshReports()).toMatchObject({ ok: true, failed: [] });
    // The view's owner changes its definition.
    fake.kinds.set(TABLE, { type: "VIEW", lastModifiedTime: "1700000999000" });
    const jobs = realJobs(fake).length;
    const refused = script.refreshReports();
    expect(refused.failed[0].message).toContain("was changed since the report was approved");
    expect(realJobs(fake)).toHaveLength(jobs);
    expect(script.buildReport(request())).toMatchObject({ ok: true });
    expect(script.refreshReports()).toMatchObject({ ok: true, failed: [] });
    // A plain table's last-modified time moves with every load: that alone refuses nothing.
    fake.kinds.set(TABLE, { type: "TABLE", lastModifiedTime: "1700000999000" });
    expect(script.refreshReports().failed[0].message).toContain("was changed");
    expect(script.buildReport(request())).toMatchObject({ ok: true });
    fake.kinds.set(TABLE, { type: "TABLE", lastModifiedTime: "1800000000000" });
    expect(script.refreshReports()).toMatchObject({ ok: true, failed: [] });
  });

  it("refuses a table or project name that is not one, without calling BigQuery", async () => {
    const fake = await fakeBigQuery();
    const { script } = addon(fake);
    const table = script.getBigQueryColumns({ project: PROJECT, table: "orders; DROP" });
    expect(table).toMatchObject({ ok: false, code: "input" });
    expect(table.message).toContain("project.dataset.table");
    expect(script.getBigQueryColumns({ project: "a b", table: TABLE })).toMatchObject({
      ok: false,
      code: "input",
    });
    expect(fake.calls.size).toBe(0);
  });

  const cases: [
    BigQueryErrorReason,
    "jobs.query" | "tables.get" | "jobs.getQueryResults",
    RegExp,
    RegExp,
    RegExp,
  ][] = [
    ["accessDenied", "tables.get", /BigQuery Data Viewer/, /BigQuery 데이터 뷰어/, /BigQuery Data Viewer/],
    [
      "notFound",
      "tables.get",
      /has no table or view/,
      /테이블이나 뷰가 없습니다/,
      /нет таблицы или представления/,
    ],
    ["quotaExceeded", "jobs.query", /quota/, /할당량/, /квоту/],
    [
      "billingNotEnabled",
      "jobs.query",
      /no billing enabled/,
      /결제가 사용 설정되어 있지 않아/,
      /не включена оплата/,
    ],
    ["bytesBilledLimitExceeded", "jobs.getQueryResults", /18 GiB allowed/, /18 GiB/, /18 GiB/],
    ["timeout", "jobs.getQueryResults", /did not finish within 4 minutes/, /4분 안에/, /за 4 мин/],
    [
      "invalidQuery",
      "jobs.query",
      /could not run the report's queries: “\u2068Unrecognized name/,
      /실행하지 못했습니다/,
      /не смог выполнить/,
    ],
  ];
  it.each(cases)(
    "says %s (from %s) in plain words, in the user's language",
    async (reason, method, en, ko, ru) => {
      for (const [locale, words] of [
        ["en", en],
        ["ko", ko],
        ["ru", ru],
      ] as const) {
        const fake = await fakeBigQuery();
        const { script } = addon(fake, locale);
        fake.failure = { method, reason };
        const result = script.buildReport(
          request({ bigquery: { project: PROJECT, table: TABLE, approvedBytes: 9 * GIB } }),
        );
        expect(result, locale).toMatchObject({ ok: false, code: "bigquery" });
        expect(result.message, locale).toMatch(words);
        expect(result.message).not.toMatch(/API call|GoogleJsonResponseException|\n\s+at /);
      }
    },
  );

  it("says a 403 for a missing scope as the missing permission, never as no access to the table", async () => {
    for (const [locale, words] of [
      ["en", /View your data across Google Cloud services/],
      ["ko", /Google Cloud 서비스 전반의 데이터 보기/],
      ["ru", /Просмотр ваших данных в сервисах Google Cloud/],
    ] as const) {
      for (const method of ["tables.get", "jobs.query", "jobs.getQueryResults"] as const) {
        const fake = await fakeBigQuery();
        const { script } = addon(fake, locale);
        fake.failure = { method, reason: "insufficientPermissions" };
        const result = script.buildReport(
          request({ bigquery: { project: PROJECT, table: TABLE, approvedBytes: 9 * GIB } }),
        );
        expect(result, `${locale} ${method}`).toMatchObject({ ok: false, code: "consent" });
        expect(result.message).toMatch(words);
        expect(result.message).not.toMatch(/Data Viewer|데이터 뷰어|insufficient/);
      }
    }
  });

  describe("with granular consent: a user who granted the sheet's scopes but not BigQuery's", () => {
    const sheetOnly = MANIFEST_SCOPES.filter((s) => s !== BIGQUERY_SCOPE);

    it("is asked for the BigQuery scope when loading a table's columns, with the page to grant it, and BigQuery is not called", async () => {
      const fake = await fakeBigQuery();
      const { script } = addon(fake, "en", { grantedScopes: sheetOnly });
      for (const result of [
        script.getBigQueryColumns({ project: PROJECT, table: TABLE }),
        script.estimateBigQuery(request()),
        script.buildReport(request()),
      ]) {
        expect(result).toMatchObject({ ok: false, code: "consent" });
        expect(result.message).toContain("https://script.google.com/a/auth");
        expect(result.message).toContain("View your data across Google Cloud services");
        // The page in a field of its own, which the sidebar shows as a link (test/sidebar/bigquery.browser.test.ts).
        expect(result.link).toBe("https://script.google.com/a/auth");
      }
      expect(fake.calls.size).toBe(0);
    });

    it("passes on as a link only an https address on a Google host", () => {
      expect(grantLink("https://script.google.com/macros/d/abc/authorize?x=1")).toBeDefined();
      expect(grantLink("https://accounts.google.com/o/oauth2/auth")).toBeDefined();
      for (const url of [
        "",
        "http://script.google.com/a/auth",
        "javascript:alert(1)",
        "https://script.google.com.example.net/auth",
        "https://evilgoogle.com/auth",
        'https://script.google.com/a" onclick="x',
        "https://script.google.com/<b>",
      ])
        expect(grantLink(url), url).toBeUndefined();
    });

    it("still builds and refreshes reports from a sheet", async () => {
      const book = new FakeSpreadsheet({ timeZone: "UTC" });
      const header: Value[] = ["customer_id", "order_date", "amount", "channel"];
      const rows = sample.purchases
        .slice(0, 200)
        .map((p): Value[] => [p.id, new Date(`${p.day}T00:00:00Z`), p.amount, p.channel]);
      const orders = book.addSheet("Orders", [header, ...rows]);
      book.select(orders, "A1");
      const script = loadBundle(addonServices(book, { grantedScopes: sheetOnly }));
      const built = script.buildReport({
        ...request({ bigquery: undefined }),
        source: { sheetId: orders.id, range: `A1:D${rows.length + 1}` },
      });
      expect(built).toMatchObject({ ok: true });
      expect(script.refreshReports()).toMatchObject({ ok: true, failed: [] });
      script.refreshReportsFromMenu();
      expect(book.ui.alerts).toEqual([]);
    });

    it("refreshing from the menu rebuilds what it can, says why the BigQuery report was not, then shows Apps Script's prompt", async () => {
      const fake = await fakeBigQuery();
      const { book, script, properties } = addon(fake);
      expect(script.buildReport(request()).ok).toBe(true);
      const asked: string[][] = [];
      // The same user, in a later session with BigQuery's scope no longer granted.
      const later = loadBundle({
        ...addonServices(book, { properties, grantedScopes: sheetOnly, askedScopes: asked }),
        BigQuery: fake.service(),
      });
      expect(() => later.refreshReportsFromMenu()).toThrow(/Authorization is required/);
      expect(asked).toEqual([[BIGQUERY_SCOPE]]);
      expect(book.ui.alerts.join("\n")).toContain("View your data across Google Cloud services");
    });
  });

  it("names rows BigQuery cannot read instead of building from fewer rows", async () => {
    const fake = await fakeBigQuery();
    const { script } = addon(fake);
    const bounds = {
      first_day: 19000,
      last_day: 19100,
      row_count: 10,
      no_id: 0,
      no_date: 3,
      no_amount: 0,
      no_margin: 0,
    };
    fake.answer(boundsQuery("bigquery", SAMPLE_SOURCE, 0.4), [bounds]);
    const result = script.buildReport(request());
    expect(result).toMatchObject({ ok: false, code: "data" });
    expect(result.message).toBe(
      `“\u2068${TABLE}\u2069”: 3 rows have a date that is not a date (text must be YYYY-MM-DD). Leave them out with a view, then build from the view.`,
    );
  });
});

describe("a report from a BigQuery table of line items", () => {
  // InvoiceNo, StockCode, Quantity, InvoiceDate, UnitPrice, CustomerID, Country.
  const mapping = { customerId: 5, date: 3, order: 0, quantity: 2, price: 4, segment: 6 };

  it("offers the order, quantity and unit price columns, found by their headers", async () => {
    const fake = await fakeBigQuery();
    await addLineItems(fake, { period: "month", splitBySegment: true, marginRate: 0.4 });
    const { script } = addon(fake);
    const columns = script.getBigQueryColumns({ project: PROJECT, table: LINES_TABLE });
    expect(columns).toMatchObject({
      ok: true,
      mapping: { customerId: 5, date: 3, order: 0, quantity: 2, price: 4 },
    });
    expect(columns.foundBy).toMatchObject({ order: "header", quantity: "header", price: "header" });
  });

  it("adds up each order's lines in the queries, leaves out blank and placeholder ids (counted), as the JavaScript engine does from a sheet; Refresh keeps them", async () => {
    const fake = await fakeBigQuery();
    const rows = await addLineItems(fake, { period: "month", splitBySegment: true, marginRate: 0.4 });
    const { book, script } = addon(fake);
    const lines = request({
      mapping,
      bigquery: { project: PROJECT, table: LINES_TABLE, approvedBytes: 15 * GIB },
    });
    const built = script.buildReport(lines);
    expect(built).toMatchObject({ ok: true });

    const js = new FakeSpreadsheet({ timeZone: "UTC" });
    const values = rows.map((row, r): Value[] =>
      r === 0
        ? row
        : row.map((cell, c) =>
            c === 3 ? new Date(`${cell}T00:00:00Z`) : c === 2 || c === 4 ? Number(cell) : cell,
          ),
    );
    const sheet = js.addSheet("Lines", values);
    js.select(sheet, "A1");
    const range = `A1:G${rows.length}`;
    const jsBuilt = loadBundle(addonServices(js)).buildReport({
      ...request({ mapping, bigquery: undefined }),
      source: { sheetId: sheet.id, range },
    });
    expect(jsBuilt.ok).toBe(true);
    const trimmed = (cellsOf: unknown[][]) =>
      cellsOf.map((row) => {
        let end = row.length;
        while (end > 0 && (row[end - 1] === "" || row[end - 1] === undefined)) end--;
        return row.slice(0, end);
      });
    const sheets = (of: FakeSpreadsheet, source: string) =>
      Object.fromEntries(
        built.sheets.map(({ name }: { name: string }) => [name, trimmed(cells(of.sheet(name), source))]),
      );
    const fromJs = withoutPredicted(sheets(js, `Lines!${range}`));
    const fromBigQuery = sheets(book, LINES_TABLE);
    for (const { name } of built.sheets) expect(fromBigQuery[name], name).toEqual(fromJs[name]);
    const summary = fromBigQuery.Summary.flat().join("\n");
    expect(summary).toMatch(/one "InvoiceNo": \d+ rows \(lines\) add up to \d+ orders and refunds/);
    expect(summary).toMatch(/13 rows \(\d+(\.\d)?%\) without a customer id were left out/);

    // Refresh runs the same queries again from the stored settings: the lines still add up.
    const before = realJobs(fake).length;
    script.refreshReportsFromMenu();
    expect(realJobs(fake).length).toBe(before * 2);
    expect(trimmed(cells(book.sheet("Summary"), LINES_TABLE))).toEqual(fromBigQuery.Summary);
  });
});
