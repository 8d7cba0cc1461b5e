/**
 * Building and refreshing reports in a shared spreadsheet, with a small stand-in report model so
 * these tests are about the sheets, not the analytics: where sheets go and what they are named,
 * that nothing but the add-on's own sheets is written, that typed spend survives a refresh, that a
 * second concurrent build is told to wait, and that the work does not grow with the rows.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { say } from "../../src/addon/messages";
import {
  buildReportSheets,
  continueRun,
  hasRun,
  type MakeReport,
  refreshAllReports,
  STEP_MS,
  type StepOutcome,
  startBuild,
  startRefresh,
  undoRun,
} from "../../src/addon/reports";
import type { ReportSettings } from "../../src/addon/settings";
import { readDay, readId, Where } from "../../src/core/cells";
import { type ReportCell, type ReportSheet, sheetRef } from "../../src/core/report/model";
import { thrown, totalCalls } from "../helpers/fake";
import { installGlobals } from "../helpers/services";
import { addonServices, FakeLocks, FakeSpreadsheet, type SheetModel, type Value } from "../helpers/sheets";

let uninstall: (() => void) | undefined;
afterEach(() => {
  uninstall?.();
  uninstall = undefined;
  vi.useRealTimers();
});

/** Customers per first-purchase month, and a spend column keyed by that month. */
const standIn: MakeReport = ({ rows, spend, settings, context }) => {
  const first = new Map<string, number>();
  const where = new Where("test", "rows");
  for (const row of rows.slice(1)) {
    const id = readId(row[settings.mapping.customerId], where);
    const day = readDay(row[settings.mapping.date], context, where);
    const month = new Date(day * 86_400_000).toISOString().slice(0, 7);
    const cohort = Date.parse(`${month}-01`);
    first.set(id, Math.min(first.get(id) ?? cohort, cohort));
  }
  const sizes = new Map<number, number>();
  for (const cohort of first.values()) sizes.set(cohort, (sizes.get(cohort) ?? 0) + 1);
  const cohorts = [...sizes.keys()].sort((a, b) => a - b);
  const spendBy = new Map((spend ?? []).slice(1).map((r) => [String(r[0]), Number(r[1])]));
  const segment = settings.mapping.segment === undefined ? "" : String(rows[1][settings.mapping.segment]);
  const sheet = (key: ReportSheet["key"], name: string, cells: ReportCell[][]): ReportSheet => ({
    key,
    name,
    cells,
    styles: [],
    conditionalFormats: [],
    charts: [],
    frozenRows: 1,
    frozenColumns: 1,
    columnWidths: {},
  });
  const ltvCac = sheet("ltv-cac", "LTV:CAC", [
    ["Cohort", "New customers", "Spend", "CAC"],
    ...cohorts.map((c, i) => {
      const iso = new Date(c).toISOString().slice(0, 10);
      return [
        new Date(c),
        sizes.get(c) ?? 0,
        spendBy.get(iso) ?? null,
        { formula: `IFERROR(C${i + 2}/B${i + 2},"")`, value: null },
      ];
    }),
  ]);
  ltvCac.editable = [{ range: { row: 2, column: 3, rows: cohorts.length, columns: 1 }, keyColumn: 1 }];
  return {
    title: "Cohort report",
    settings: {},
    sheets: [
      sheet("retention", "Retention", [
        ["Cohort", "Customers", "First segment"],
        ...cohorts.map((c) => [new Date(c), sizes.get(c) ?? 0, segment]),
      ]),
      ltvCac,
      sheet("summary", "Summary", [
        ["Customers", first.size],
        ["First cohort's customers", { formula: `=${sheetRef("ltv-cac")}!B2`, value: null }],
      ]),
    ],
  };
};

function transactions(n: number, months = 6, firstId = ""): Value[][] {
  const rows: Value[][] = [["Customer ID", "Order date", "Amount", "Channel"]];
  for (let i = 0; i < n; i++) {
    const month = i % months;
    rows.push([
      i === 0 && firstId ? firstId : `C${String(i % Math.max(1, Math.floor(n / 2))).padStart(5, "0")}`,
      new Date(Date.UTC(2024, month, 1 + (i % 27), 5)), // midnight in New York
      10 + (i % 7),
      i === 0 ? '=IMPORTXML("http://evil.example/","//a")' : "Paid search",
    ]);
  }
  return rows;
}

function spreadsheet(rows: Value[][]) {
  const book = new FakeSpreadsheet({ timeZone: "America/New_York" });
  const orders = book.addSheet("Orders", rows);
  const spend = book.addSheet("Spend", [
    ["Month", "Spend"],
    ["2024-01-01", 1000],
    ["2024-02-01", 1200],
  ]);
  const notes = book.addSheet("Notes", [["my own notes"]]);
  return { book, orders, spend, notes };
}

function settings(orders: { id: number }, rows: number, extra: Partial<ReportSettings> = {}): ReportSettings {
  return {
    source: { sheetId: orders.id, range: `A1:D${rows}` },
    mapping: { customerId: 0, date: 1, amount: 2, segment: 3 },
    period: "month",
    observationEnd: null,
    margin: null,
    spend: null,
    sheets: ["retention", "ltv-cac", "summary"],
    language: "en",
    dateWindow: null,
    ...extra,
  };
}

describe("building a report", () => {
  it("creates its sheets right after the source and writes nothing else", () => {
    const rows = transactions(100);
    const { book, spend } = spreadsheet(rows);
    uninstall = installGlobals(addonServices(book));
    const outcome = buildReportSheets(
      settings(book.sheet("Orders"), rows.length, { spend: { sheetId: spend.id, range: "A1:B3" } }),
      standIn,
    );
    expect(book.sheets.map((s) => s.name)).toEqual([
      "Orders",
      "Retention",
      "LTV:CAC",
      "Summary",
      "Spend",
      "Notes",
    ]);
    expect(outcome.sheets.map((s) => s.name)).toEqual(["Retention", "LTV:CAC", "Summary"]);
    expect(book.writtenSheets()).toEqual(["Retention", "LTV:CAC", "Summary"]);
    const meta = JSON.parse(book.sheet("LTV:CAC").metadata[0].value ?? "");
    expect(book.sheet("LTV:CAC").metadata[0]).toMatchObject({
      key: "cohort-ltv-report",
      visibility: "PROJECT",
    });
    expect(meta).toMatchObject({
      version: 2,
      sheetId: book.sheet("LTV:CAC").id,
      key: "ltv-cac",
      settings: { period: "month" },
      sourceToEnd: true,
    });
    expect(book.sheet("LTV:CAC").value(2, 3)).toBe(1000);
    expect(book.sheet("LTV:CAC").formula(2, 4)).toBe('=IFERROR(C2/B2,"")');
  });

  it("lands data text as text: a hostile segment stays a literal string", () => {
    const rows = transactions(100);
    const { book } = spreadsheet(rows);
    uninstall = installGlobals(addonServices(book));
    buildReportSheets(settings(book.sheet("Orders"), rows.length), standIn);
    const retention = book.sheet("Retention");
    expect(retention.value(2, 3)).toBe('=IMPORTXML("http://evil.example/","//a")');
    expect(retention.formula(2, 3)).toBe("");
  });

  it("gives a new name when the user already has a sheet of that name, and leaves theirs alone", () => {
    const rows = transactions(100);
    const { book } = spreadsheet(rows);
    book.addSheet("Retention", [["the user's own retention notes"]]);
    uninstall = installGlobals(addonServices(book));
    const outcome = buildReportSheets(settings(book.sheet("Orders"), rows.length), standIn);
    expect(outcome.sheets[0].name).toBe("Retention (2)");
    expect(book.sheet("Retention").value(1, 1)).toBe("the user's own retention notes");
    expect(book.sheet("Retention").writes).toEqual([]);
  });

  it("points formulas at the report's own sheets by the names they were given", () => {
    const rows = transactions(100);
    const { book } = spreadsheet(rows);
    book.addSheet("LTV:CAC", [["the user's own sheet"]]);
    uninstall = installGlobals(addonServices(book));
    buildReportSheets(settings(book.sheet("Orders"), rows.length), standIn);
    expect(book.sheet("Summary").formula(2, 2)).toBe("='LTV:CAC (2)'!B2");
    // A refresh keeps the names (the user may rename a sheet: its new name is used).
    book.sheet("LTV:CAC (2)").name = "Unit economics";
    refreshAllReports(standIn);
    expect(book.sheet("Summary").formula(2, 2)).toBe("='Unit economics'!B2");
  });

  it("updates the earlier report when built again from the same table and period", () => {
    const rows = transactions(100);
    const { book } = spreadsheet(rows);
    uninstall = installGlobals(addonServices(book));
    const first = buildReportSheets(settings(book.sheet("Orders"), rows.length), standIn);
    // The table has grown by a row since: still the same report.
    const second = buildReportSheets(settings(book.sheet("Orders"), rows.length + 1), standIn);
    expect(second.updated).toBe(true);
    expect(second.reportId).toBe(first.reportId);
    expect(book.sheets).toHaveLength(6);
    const weekly = buildReportSheets(
      settings(book.sheet("Orders"), rows.length, { period: "week" }),
      standIn,
    );
    expect(weekly.updated).toBe(false);
    expect(weekly.sheets[0].name).toBe("Retention (2)");
  });

  it("refuses to build from one of its own report sheets", () => {
    const rows = transactions(100);
    const { book } = spreadsheet(rows);
    uninstall = installGlobals(addonServices(book));
    buildReportSheets(settings(book.sheet("Orders"), rows.length), standIn);
    const retention = book.sheet("Retention");
    expect(thrown(() => buildReportSheets(settings(retention, 3), standIn))).toMatchObject({
      code: "own-sheet",
    });
  });

  it("tells a second colleague to wait while someone else builds, and writes nothing", () => {
    const rows = transactions(100);
    const { book } = spreadsheet(rows);
    const locks = new FakeLocks();
    locks.holder = "bob@example.com";
    uninstall = installGlobals(addonServices(book, { locks, user: "ann@example.com" }));
    expect(
      thrown(() => buildReportSheets(settings(book.sheet("Orders"), rows.length), standIn)),
    ).toMatchObject({
      code: "busy",
    });
    expect(book.writtenSheets()).toEqual([]);
    locks.holder = undefined;
    buildReportSheets(settings(book.sheet("Orders"), rows.length), standIn);
    expect(locks.holder).toBeUndefined();
  });

  it("makes as many Spreadsheet calls for 100,000 rows as for 100", () => {
    const count = (n: number) => {
      const rows = transactions(n);
      const { book, spend } = spreadsheet(rows);
      uninstall = installGlobals(addonServices(book));
      buildReportSheets(
        settings(book.sheet("Orders"), rows.length, { spend: { sheetId: spend.id, range: "A1:B3" } }),
        standIn,
      );
      uninstall();
      return totalCalls(book.calls);
    };
    const small = count(100);
    expect(count(100_000)).toBe(small);
  });
});

describe("refreshing reports", () => {
  it("rebuilds from the saved settings, takes new rows, and keeps spend a user typed by cohort", () => {
    const rows = transactions(100, 3);
    const { book, orders } = spreadsheet(rows);
    uninstall = installGlobals(addonServices(book));
    // The spend table covers January only.
    const spend = { sheetId: book.sheet("Spend").id, range: "A1:B2" };
    buildReportSheets(settings(orders, rows.length, { spend }), standIn);
    const ltvCac = book.sheet("LTV:CAC");
    expect(ltvCac.value(2, 1)).toBe(45292); // 2024-01-01
    expect(ltvCac.value(3, 1)).toBe(45323); // 2024-02-01
    expect(ltvCac.value(2, 3)).toBe(1000);
    expect(ltvCac.value(3, 3)).toBe("");
    // Colleagues type January's spend over the table's, and February's where there was none.
    ltvCac.values.set(2, 3, 1500);
    ltvCac.values.set(3, 3, 800);
    // New rows arrive, including an earlier cohort that shifts every row down.
    orders.load([["Z00001", new Date(Date.UTC(2023, 11, 5, 5)), 20, "Email"]], rows.length + 1);
    const outcome = refreshAllReports(standIn);
    expect(outcome.failed).toEqual([]);
    expect(ltvCac.value(2, 1)).toBe(45261); // 2023-12-01, the new cohort
    expect(ltvCac.value(2, 3)).toBe("");
    expect(ltvCac.value(3, 1)).toBe(45292);
    expect(ltvCac.value(3, 3)).toBe(1500);
    expect(ltvCac.value(4, 3)).toBe(800);
    expect(book.writtenSheets().sort()).toEqual(["LTV:CAC", "Retention", "Summary"]);
    // And again: typed values are still recognised as typed.
    refreshAllReports(standIn);
    expect(ltvCac.value(3, 3)).toBe(1500);
    expect(ltvCac.value(4, 3)).toBe(800);
  });

  it("takes a changed spend table where nobody typed, and keeps what a user typed over it", () => {
    const rows = transactions(100, 2);
    const { book, orders, spend } = spreadsheet(rows);
    uninstall = installGlobals(addonServices(book));
    buildReportSheets(
      settings(orders, rows.length, { spend: { sheetId: spend.id, range: "A1:B3" } }),
      standIn,
    );
    const ltvCac = book.sheet("LTV:CAC");
    expect([ltvCac.value(2, 3), ltvCac.value(3, 3)]).toEqual([1000, 1200]);
    ltvCac.values.set(3, 3, 999); // typed over February
    spend.values.set(2, 2, 1111); // the table changes both months
    spend.values.set(3, 2, 1333);
    refreshAllReports(standIn);
    expect([ltvCac.value(2, 3), ltvCac.value(3, 3)]).toEqual([1111, 999]);
    // The hidden copy of what the add-on wrote sits beside the table, in the same rows.
    const { written } = JSON.parse(ltvCac.metadata[0].value ?? "{}");
    expect(ltvCac.hiddenColumns).toEqual(new Set([written[0].column]));
    expect([ltvCac.value(2, written[0].column), ltvCac.value(3, written[0].column)]).toEqual([1111, 1333]);
  });

  it("reports a report whose source sheet was deleted, and refreshes the others", () => {
    const rows = transactions(100);
    const { book, orders } = spreadsheet(rows);
    uninstall = installGlobals(addonServices(book));
    buildReportSheets(settings(orders, rows.length), standIn);
    book.sheets = book.sheets.filter((s) => s !== orders);
    const outcome = refreshAllReports(standIn);
    expect(outcome.refreshed).toEqual([]);
    expect(outcome.failed[0].message).toMatch(/The sheet with the transactions was deleted/);
  });

  it("says so when there is nothing to refresh", () => {
    const { book } = spreadsheet(transactions(10));
    uninstall = installGlobals(addonServices(book));
    expect(thrown(() => refreshAllReports(standIn))).toMatchObject({ code: "no-reports" });
  });
});

/**
 * A fake clock over the fake services: each Spreadsheet call takes `callMs`, and `failAt` makes the
 * n-th call of a method throw, as a step that Apps Script stopped mid-sheet.
 */
class Clocked extends Map<string, number> {
  failAt?: { method: string; count: number };
  constructor(readonly callMs: number) {
    super();
  }
  override set(key: string, value: number): this {
    if (/^(Range|Sheet|Spreadsheet|DeveloperMetadata)\./.test(key))
      vi.setSystemTime(Date.now() + this.callMs);
    if (this.failAt?.method === key && value === this.failAt.count) {
      this.failAt = undefined;
      throw new Error("Exceeded maximum execution time");
    }
    return super.set(key, value);
  }
}

/** The stand-in report, computed in `computeMs` of the fake clock; counts how often it ran. */
function slow(computeMs: number, base: MakeReport = standIn) {
  const make: MakeReport & { runs: number } = Object.assign(
    (input: Parameters<MakeReport>[0]) => {
      make.runs++;
      vi.setSystemTime(Date.now() + computeMs);
      return base(input);
    },
    { runs: 0 },
  );
  return make;
}

/** Each sheet's values and formulas, to compare two spreadsheets. */
function contents(book: FakeSpreadsheet, names: string[]) {
  return Object.fromEntries(
    names.map((name) => {
      const sheet = book.sheet(name);
      return [name, { values: sheet.values.rows, formulas: sheet.formulas.rows }];
    }),
  );
}

/** The sheets of the same build made in one go, for comparison. */
function reference(rows: Value[][]) {
  const { book } = spreadsheet(rows);
  const restore = installGlobals(addonServices(book));
  try {
    buildReportSheets(settings(book.sheet("Orders"), rows.length), standIn);
  } finally {
    restore();
  }
  return contents(book, ["Retention", "LTV:CAC", "Summary"]);
}

/** A spreadsheet whose `setValues` takes `msPerCell` of the fake clock for each cell it writes. */
class SlowSpreadsheet extends FakeSpreadsheet {
  msPerCell = 1;
  override range(sheet: SheetModel, row: number, column: number, rows: number, columns: number) {
    const range = super.range(sheet, row, column, rows, columns);
    const cost = rows * columns * this.msPerCell;
    return new Proxy(range, {
      get: (target, name, receiver) => {
        const value = Reflect.get(target, name, receiver);
        if (name !== "setValues") return value;
        return (grid: unknown[][]) => {
          vi.setSystemTime(Date.now() + cost);
          return value(grid);
        };
      },
    });
  }
}

/** The stand-in report with a tall Customers sheet of `rows` rows (no typed spend on it). */
function tall(rows: number): MakeReport {
  return (input) => {
    const report = standIn(input);
    report.sheets.push({
      ...report.sheets[0],
      key: "customers",
      name: "Customers",
      cells: [
        ["Customer", "Orders", "Revenue", "Segment", "Since"],
        ...Array.from({ length: rows }, (_, i): ReportCell[] => [
          `C${i}`,
          i % 7,
          i * 1.5,
          i % 2 ? "Ads" : "Email",
          i,
        ]),
      ],
    });
    return report;
  };
}

describe("building in steps the sidebar drives", () => {
  it("writes a sheet bigger than a step in blocks of rows, each step inside its budget", () => {
    const rows = transactions(200);
    const make = tall(20_000);
    const sheets = { sheets: ["retention", "ltv-cac", "summary", "customers"] as ReportSettings["sheets"] };
    const reference = (() => {
      const { book } = spreadsheet(rows);
      const restore = installGlobals(addonServices(book));
      buildReportSheets(settings(book.sheet("Orders"), rows.length, sheets), make);
      restore();
      return book.sheet("Customers").values.rows;
    })();
    vi.useFakeTimers({ toFake: ["Date"] });
    const calls = new Clocked(50);
    const book = new SlowSpreadsheet({ timeZone: "America/New_York", calls });
    book.addSheet("Orders", rows);
    uninstall = installGlobals(addonServices(book));
    // 100,000 cells at 1 ms each: the Customers sheet alone would take 100 s of a 120 s step.
    const durations: number[] = [];
    const timed = (call: () => StepOutcome) => {
      const start = Date.now();
      const outcome = call();
      durations.push(Date.now() - start);
      return outcome;
    };
    const computing = slow(10_000, make);
    let outcome = timed(() =>
      startBuild(settings(book.sheet("Orders"), rows.length, sheets), computing, "run-t"),
    );
    let stopped = false;
    while (!outcome.done) {
      if (!stopped && book.sheet("Customers").writes.some((w) => w.startsWith("setValues"))) {
        // A later block of rows is stopped part way: Continue goes on from the rows written.
        stopped = true;
        calls.failAt = { method: "Range.setValues", count: (calls.get("Range.setValues") ?? 0) + 1 };
        expect(thrown(() => continueRun(computing, "run-t"))).toMatchObject({
          message: "Exceeded maximum execution time",
        });
        continue;
      }
      outcome = timed(() => continueRun(computing, "run-t"));
    }
    expect(stopped).toBe(true);
    // Written in blocks of rows, over more than one step, each inside the budget.
    expect(book.sheet("Customers").writes.filter((w) => w.startsWith("setValues")).length).toBeGreaterThan(2);
    expect(durations.length).toBeGreaterThanOrEqual(2);
    for (const ms of durations) expect(ms).toBeLessThanOrEqual(STEP_MS);
    expect(book.sheet("Customers").values.rows).toEqual(reference);
    expect(book.sheet("Customers").metadata).toHaveLength(1);
  });

  it("stops each step inside its budget, shows the count, and computes the report once", () => {
    const rows = transactions(200);
    const expected = reference(rows);
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.UTC(2025, 0, 1));
    const calls = new Clocked(200);
    const book = new FakeSpreadsheet({ timeZone: "America/New_York", calls });
    book.addSheet("Orders", rows);
    book.addSheet("Spend", []);
    book.addSheet("Notes", [["my own notes"]]);
    uninstall = installGlobals(addonServices(book));
    // Computing takes 100 s of the step's 120: the sheets must be spread over further steps.
    const make = slow(100_000);
    const durations: number[] = [];
    const timed = (call: () => StepOutcome) => {
      const start = Date.now();
      const outcome = call();
      durations.push(Date.now() - start);
      return outcome;
    };
    let outcome = timed(() => startBuild(settings(book.sheet("Orders"), rows.length), make, "run-a"));
    expect(outcome).toMatchObject({ done: false, total: 3 });
    expect(outcome.written).toBeLessThan(3);
    // The sheets are named and placed at once (formulas name each other), written step by step.
    expect(book.sheets.map((s) => s.name)).toEqual([
      "Orders",
      "Retention",
      "LTV:CAC",
      "Summary",
      "Spend",
      "Notes",
    ]);
    while (!outcome.done) outcome = timed(() => continueRun(make, "run-a"));
    expect(durations.length).toBeGreaterThan(1);
    for (const ms of durations) expect(ms).toBeLessThanOrEqual(STEP_MS);
    // The model came from the cache in the later steps.
    expect(make.runs).toBe(1);
    expect(outcome.build?.sheets.map((s) => s.name)).toEqual(["Retention", "LTV:CAC", "Summary"]);
    expect(contents(book, ["Retention", "LTV:CAC", "Summary"])).toEqual(expected);
    expect(hasRun("run-a")).toBe(false);
  });

  it("computes the report again when the cache has lost it", () => {
    const rows = transactions(200);
    const expected = reference(rows);
    vi.useFakeTimers({ toFake: ["Date"] });
    const calls = new Clocked(200);
    const book = new FakeSpreadsheet({ timeZone: "America/New_York", calls });
    book.addSheet("Orders", rows);
    const cache = new Map<string, string>();
    uninstall = installGlobals(addonServices(book, { cache }));
    const make = slow(100_000);
    let outcome = startBuild(settings(book.sheet("Orders"), rows.length), make, "run-b");
    expect(outcome.done).toBe(false);
    cache.clear();
    while (!outcome.done) outcome = continueRun(make, "run-b");
    expect(make.runs).toBe(2);
    expect(contents(book, ["Retention", "LTV:CAC", "Summary"])).toEqual(expected);
  });

  it("continues a step stopped mid-sheet from that sheet, and the report comes out whole", () => {
    const rows = transactions(200);
    const expected = reference(rows);
    const calls = new Clocked(0);
    const book = new FakeSpreadsheet({ timeZone: "America/New_York", calls });
    book.addSheet("Orders", rows);
    uninstall = installGlobals(addonServices(book));
    // The second sheet's values: Apps Script stops the call there.
    calls.failAt = { method: "Range.setValues", count: 2 };
    expect(
      thrown(() => startBuild(settings(book.sheet("Orders"), rows.length), standIn, "run-c")),
    ).toMatchObject({
      message: "Exceeded maximum execution time",
    });
    expect(hasRun("run-c")).toBe(true);
    const outcome = continueRun(standIn, "run-c");
    expect(outcome).toMatchObject({ done: true, written: 3, total: 3 });
    expect(contents(book, ["Retention", "LTV:CAC", "Summary"])).toEqual(expected);
  });

  it("undoes a stopped build: the sheets it inserted are deleted, nothing else changes", () => {
    const rows = transactions(200);
    const calls = new Clocked(0);
    const book = new FakeSpreadsheet({ timeZone: "America/New_York", calls });
    book.addSheet("Orders", rows);
    book.addSheet("Notes", [["my own notes"]]);
    uninstall = installGlobals(addonServices(book));
    calls.failAt = { method: "Range.setValues", count: 3 };
    thrown(() => startBuild(settings(book.sheet("Orders"), rows.length), standIn, "run-d"));
    expect(book.sheets).toHaveLength(5);
    const undone = undoRun("run-d");
    expect(undone).toEqual({ removed: ["Retention", "LTV:CAC", "Summary"], restored: [], kept: [] });
    expect(book.sheets.map((s) => s.name)).toEqual(["Orders", "Notes"]);
    expect(book.sheet("Orders").writes).toEqual([]);
    expect(hasRun("run-d")).toBe(false);
    expect(thrown(() => continueRun(standIn, "run-d"))).toMatchObject({ code: "no-job" });
  });

  it("undoing a stopped update puts back the earlier report's sheets it began, saying which (see undo.test.ts)", () => {
    const rows = transactions(200);
    const calls = new Clocked(0);
    const book = new FakeSpreadsheet({ timeZone: "America/New_York", calls });
    book.addSheet("Orders", rows);
    uninstall = installGlobals(addonServices(book));
    buildReportSheets(settings(book.sheet("Orders"), rows.length), standIn);
    calls.failAt = { method: "Range.setValues", count: (calls.get("Range.setValues") ?? 0) + 2 };
    thrown(() => startBuild(settings(book.sheet("Orders"), rows.length), standIn, "run-e"));
    const undone = undoRun("run-e");
    expect(undone.removed).toEqual([]);
    expect(undone.restored.map((s) => s.name)).toEqual(["Retention", "LTV:CAC"]);
    expect(undone.kept).toEqual([]);
    expect(book.sheets.map((s) => s.name)).toEqual(["Orders", "Retention", "LTV:CAC", "Summary"]);
  });

  it("forgets a run left unfinished for a day when another starts", () => {
    const rows = transactions(100);
    const { book } = spreadsheet(rows);
    const properties = new Map<string, string>();
    uninstall = installGlobals(addonServices(book, { properties }));
    const old = {
      kind: "build",
      spreadsheetId: "elsewhere",
      startedAt: Date.now() - 25 * 3600_000,
      reports: [],
    };
    properties.set("job:run-old", JSON.stringify(old));
    properties.set("job:run-recent", JSON.stringify({ ...old, startedAt: Date.now() - 3600_000 }));
    buildReportSheets(settings(book.sheet("Orders"), rows.length), standIn, "run-new");
    expect([...properties.keys()].filter((k) => k.startsWith("job:"))).toEqual(["job:run-recent"]);
  });

  it("refuses a build that would pass Google's 10 million cells, naming the size, before writing", () => {
    const rows = transactions(100);
    const { book } = spreadsheet(rows);
    // 9.9 million cells already: three new sheets of 26,000 cells each do not fit.
    const big = book.addSheet("Big");
    big.maxRows = 380_000;
    uninstall = installGlobals(addonServices(book));
    const before = book.sheets.map((s) => s.name);
    const error = thrown(() => buildReportSheets(settings(book.sheet("Orders"), rows.length), standIn));
    expect(error).toMatchObject({
      code: "too-big",
      said: { key: "cellLimit", params: { total: 10_036_000, added: 78_000 } },
    });
    expect(book.sheets.map((s) => s.name)).toEqual(before);
    expect(book.writtenSheets()).toEqual([]);
    const params = { total: 10_036_000, added: 78_000 };
    expect(say("en", "cellLimit", params)).toContain(
      "10,036,000 cells (78,000 more than now), above Google Sheets' limit of 10,000,000",
    );
    expect(say("ko", "cellLimit", params)).toContain("10,000,000개");
    expect(say("ru", "cellLimit", params)).toMatch(/10\s000\s000 ячеек/);
  });
});

/** The stand-in report with a chart and a note of the add-on's on Retention. */
const charted: MakeReport = (input) => {
  const report = standIn(input);
  const retention = report.sheets[0];
  retention.charts = [
    {
      type: "column",
      title: "Customers",
      data: { row: 1, column: 1, rows: retention.cells.length, columns: 2 },
      seriesIn: "columns",
      anchor: { row: 2, column: 5 },
    },
  ];
  retention.notes = [{ row: 1, column: 2, text: "First purchases in the cohort" }];
  return report;
};

describe("refresh keeps what people add to report sheets", () => {
  it("leaves text typed beside a report, a note, a chart and a rule a colleague made", () => {
    const rows = transactions(100, 3);
    const { book, orders } = spreadsheet(rows);
    uninstall = installGlobals(addonServices(book));
    buildReportSheets(settings(orders, rows.length), charted);
    const retention = book.sheet("Retention");
    expect(retention.charts).toHaveLength(1);
    // A colleague adds text beside the report, notes (one on a report cell), a chart and a rule.
    retention.values.set(2, 8, "Ask Ann about March");
    retention.prop("note").set(10, 8, "beside");
    retention.prop("note").set(2, 2, "inside, by a colleague");
    const theirs = book.userChart(retention, "My pie");
    retention.rules.push({ ranges: ["J1:J5"], background: "#ff0000" });
    refreshAllReports(charted);
    refreshAllReports(charted);
    expect(retention.value(2, 8)).toBe("Ask Ann about March");
    expect(retention.prop("note").get(10, 8)).toBe("beside");
    // Inside the report's grid everything is the report's, as its values are.
    expect(retention.prop("note").get(2, 2) ?? "").toBe("");
    expect(retention.prop("note").get(1, 2)).toBe("First purchases in the cohort");
    // The add-on's chart was replaced, not added to; the colleague's stays.
    expect(retention.charts.map((c) => c.options.title)).toEqual(["My pie", "Customers"]);
    expect(retention.charts).toContain(theirs);
    expect(retention.rules).toContainEqual({ ranges: ["J1:J5"], background: "#ff0000" });
    // The report itself is refreshed.
    expect(retention.value(1, 1)).toBe("Cohort");
  });

  it("refuses to grow a report over cells someone filled below it, naming them, and writes none of it", () => {
    const rows = transactions(100, 3);
    const { book, orders } = spreadsheet(rows);
    uninstall = installGlobals(addonServices(book));
    buildReportSheets(settings(orders, rows.length), standIn);
    const retention = book.sheet("Retention");
    // Two cohorts (rows 2–3); a colleague writes a total under them, a row apart.
    expect(JSON.parse(retention.metadata[0].value ?? "").drawn).toMatchObject({ rows: 3, columns: 3 });
    retention.values.set(5, 1, "Total");
    retention.values.set(5, 2, 100);
    // Two more months of orders: the report now needs rows 4–5.
    orders.load(
      [
        ["Z1", new Date(Date.UTC(2024, 3, 5, 5)), 20, "Email"],
        ["Z2", new Date(Date.UTC(2024, 4, 5, 5)), 20, "Email"],
      ],
      rows.length + 1,
    );
    const writes = retention.writes.length;
    const outcome = refreshAllReports(standIn);
    expect(outcome.refreshed).toEqual([]);
    expect(outcome.failed[0].message).toContain("Retention!A5:B5");
    expect(retention.writes.length).toBe(writes);
    expect(retention.value(5, 1)).toBe("Total");
  });
});

describe("refreshing from the menu", () => {
  it("stops before Apps Script's limit, says what is left, and goes on with it next time", () => {
    const rows = transactions(100);
    const { book, orders } = spreadsheet(rows);
    uninstall = installGlobals(addonServices(book));
    buildReportSheets(settings(orders, rows.length), standIn);
    buildReportSheets(settings(orders, rows.length, { period: "week" }), standIn);
    vi.useFakeTimers({ toFake: ["Date"] });
    // Each report takes 100 s to compute: two do not fit in the menu's one call.
    const make = slow(100_000);
    const first = refreshAllReports(make, { budgetMs: 150_000 });
    expect(first.refreshed).toHaveLength(1);
    // The first report's three sheets; the second is not planned yet.
    expect(first.left).toEqual({ done: 3, total: 3 });
    const second = refreshAllReports(make, { budgetMs: 150_000 });
    expect(second.refreshed).toHaveLength(1);
    expect(second.left).toBeNull();
    expect(say("en", "partlyRefreshed", { done: 3, total: 6 })).toContain("Refreshed 3 of 6 sheets");
  });

  it("from the sidebar, a refresh is steps too: the first says what it did, the next go on", () => {
    const rows = transactions(100);
    const { book, orders } = spreadsheet(rows);
    uninstall = installGlobals(addonServices(book));
    buildReportSheets(settings(orders, rows.length), standIn);
    buildReportSheets(settings(orders, rows.length, { period: "week" }), standIn);
    vi.useFakeTimers({ toFake: ["Date"] });
    const make = slow(100_000);
    let outcome = startRefresh(make, "run-r");
    const refreshed = [...(outcome.refresh?.refreshed ?? [])];
    while (!outcome.done) {
      outcome = continueRun(make, "run-r");
      refreshed.push(...(outcome.refresh?.refreshed ?? []));
    }
    expect(refreshed).toHaveLength(2);
    expect(make.runs).toBe(2);
  });
});
