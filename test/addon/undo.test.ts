/**
 * Undo of a rebuild or refresh that stopped part way puts the earlier report's sheets back exactly
 * as they were, in the same sheets (backups.ts): cells, formulas, formats, notes, conditional
 * formats, the add-on's charts, frozen rows, widths, size and its record — and a formula in a
 * user's own sheet naming a report sheet still reads the old figure. The hidden copies are gone
 * after success, after Undo, and after a menu refresh that stopped and was continued.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { say } from "../../src/addon/messages";
import {
  buildReportSheets,
  continueRun,
  hasRun,
  type MakeReport,
  refreshAllReports,
  startBuild,
  undoRun,
} from "../../src/addon/reports";
import { BACKUP_KEY, type ReportSettings } from "../../src/addon/settings";
import { readDay, readId, Where } from "../../src/core/cells";
import type { ReportCell, ReportSheet } from "../../src/core/report/model";
import { sheetRef } from "../../src/core/report/model";
import { thrown } from "../helpers/fake";
import { installGlobals } from "../helpers/services";
import { addonServices, FakeSpreadsheet, type SheetModel, type Value } from "../helpers/sheets";

let uninstall: (() => void) | undefined;
afterEach(() => {
  uninstall?.();
  uninstall = undefined;
  vi.useRealTimers();
});

/**
 * Customers per first-purchase month on Retention (with a number format, bold header, a colour
 * scale, a chart and a note), new customers and typed spend on LTV:CAC, and a Summary whose B2
 * names LTV:CAC.
 */
const make: MakeReport = ({ rows, settings, context }) => {
  const first = new Map<string, number>();
  const where = new Where("test", "rows");
  for (const row of rows.slice(1)) {
    const id = readId(row[settings.mapping.customerId], where);
    const day = readDay(row[settings.mapping.date], context, where);
    const cohort = Date.parse(`${new Date(day * 86_400_000).toISOString().slice(0, 7)}-01`);
    first.set(id, Math.min(first.get(id) ?? cohort, cohort));
  }
  const sizes = new Map<number, number>();
  for (const cohort of first.values()) sizes.set(cohort, (sizes.get(cohort) ?? 0) + 1);
  const cohorts = [...sizes.keys()].sort((a, b) => a - b);
  const sheet = (key: ReportSheet["key"], name: string, cells: ReportCell[][]): ReportSheet => ({
    key,
    name,
    cells,
    styles: [{ range: { row: 1, column: 1, rows: 1, columns: 3 }, bold: true, background: "#eeeeee" }],
    conditionalFormats: [],
    charts: [],
    frozenRows: 1,
    frozenColumns: 1,
    columnWidths: { 1: 120 },
  });
  const retention = sheet("retention", "Retention", [
    ["Cohort", "Customers", "Share"],
    ...cohorts.map((c) => [new Date(c), sizes.get(c) ?? 0, (sizes.get(c) ?? 0) / first.size]),
  ]);
  const n = cohorts.length;
  retention.styles.push({ range: { row: 2, column: 3, rows: n, columns: 1 }, numberFormat: "0.0%" });
  retention.conditionalFormats.push({
    kind: "colorScale",
    range: { row: 2, column: 2, rows: n, columns: 1 },
    minColor: "#ffffff",
    midColor: "#88cc88",
    maxColor: "#008800",
  });
  retention.charts.push({
    type: "column",
    title: `Customers (${n} cohorts)`,
    data: { row: 1, column: 1, rows: n + 1, columns: 2 },
    seriesIn: "columns",
    anchor: { row: 2, column: 6 },
  });
  retention.notes = [{ row: 1, column: 2 + (n % 2), text: `First purchases, ${n} cohorts` }];
  const ltvCac = sheet("ltv-cac", "LTV:CAC", [
    ["Cohort", "New customers", "Spend"],
    ...cohorts.map((c) => [new Date(c), sizes.get(c) ?? 0, null]),
  ]);
  ltvCac.editable = [{ range: { row: 2, column: 3, rows: n, columns: 1 }, keyColumn: 1 }];
  return {
    title: "Cohort report",
    settings: {},
    sheets: [
      retention,
      ltvCac,
      sheet("summary", "Summary", [
        ["Customers", first.size],
        ["First cohort's customers", { formula: `=${sheetRef("ltv-cac")}!B2`, value: null }],
        ["Cohorts", n],
      ]),
    ],
  };
};

function transactions(n: number, months: number): Value[][] {
  const rows: Value[][] = [["Customer ID", "Order date", "Amount"]];
  for (let i = 0; i < n; i++)
    rows.push([`C${i % Math.max(1, Math.floor(n / 2))}`, new Date(Date.UTC(2024, i % months, 3, 5)), 10]);
  return rows;
}

function settings(orders: { id: number }, rows: number): ReportSettings {
  return {
    source: { sheetId: orders.id, range: `A1:C${rows}` },
    mapping: { customerId: 0, date: 1, amount: 2 },
    period: "month",
    observationEnd: null,
    margin: null,
    spend: null,
    sheets: ["retention", "ltv-cac", "summary"],
    language: "en",
    dateWindow: null,
  };
}

/** A grid's filled cells by position (a blank and a cell never written are the same to a user). */
function cells(rows: unknown[][]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  rows.forEach((line, r) => {
    line?.forEach((v, c) => {
      if (v !== undefined && v !== null && v !== "") out[`R${r + 1}C${c + 1}`] = v;
    });
  });
  return out;
}

/** Everything of a sheet Undo must put back; chart ids aside (a chart put back is a new chart). */
function state(sheet: SheetModel) {
  const meta = JSON.parse(sheet.metadata.find((m) => m.key === "cohort-ltv-report")?.value ?? "{}");
  if (meta.drawn) meta.drawn.charts = meta.drawn.charts.length;
  return structuredClone({
    id: sheet.id,
    name: sheet.name,
    values: cells(sheet.values.rows),
    formulas: cells(sheet.formulas.rows),
    props: Object.fromEntries(
      Object.entries(sheet.props)
        .map(([name, grid]) => [name, cells(grid.rows)] as const)
        .filter(([, filled]) => Object.keys(filled).length > 0),
    ),
    maxRows: sheet.maxRows,
    maxColumns: sheet.maxColumns,
    frozen: [sheet.frozenRows, sheet.frozenColumns],
    widths: [...sheet.columnWidths].sort(([a], [b]) => a - b),
    hidden: [...sheet.hiddenColumns].sort(),
    rules: sheet.rules,
    filter: sheet.filter,
    charts: sheet.charts.map(({ id: _, ...chart }) => chart),
    meta,
  });
}

/** Evaluates a formula of the form `='Sheet name'!B3` (a cell of another sheet) as Sheets would. */
function lookUp(book: FakeSpreadsheet, formula: string): Value | "" {
  const m = /^='((?:[^']|'')+)'!([A-Z]+)(\d+)$/.exec(formula);
  if (!m) throw new Error(`not a reference: ${formula}`);
  const column = m[2].charCodeAt(0) - 64;
  return book.sheet(m[1].replaceAll("''", "'")).value(Number(m[3]), column);
}

const backups = (book: FakeSpreadsheet) =>
  book.sheets.filter((s) => s.metadata.some((m) => m.key === BACKUP_KEY));

/** A spreadsheet with a report built from 3 months of orders, and a user's sheet reading its Summary. */
function built() {
  const book = new FakeSpreadsheet({ timeZone: "UTC" });
  const rows = transactions(60, 3);
  const orders = book.addSheet("Orders", rows);
  const calls = book.calls;
  uninstall = installGlobals(addonServices(book));
  buildReportSheets(settings(orders, rows.length), make);
  // A colleague's own sheet reads the report; and a note and a value beside the report on Retention.
  const mine = book.addSheet("Mine");
  mine.formulas.set(1, 1, "='Summary'!B3");
  mine.formulas.set(2, 1, "='Summary'!B1");
  book.sheet("Retention").prop("note").set(1, 9, "a colleague's note");
  // Orders over 5 months now: the rebuild grows every sheet.
  const more = transactions(100, 5);
  orders.load(more);
  return { book, orders, more, calls, mine };
}

/** Makes the `nth` call of `method` from now on throw, as Apps Script stopping a call there. */
function failAt(book: FakeSpreadsheet, method: string, nth: number) {
  const calls = book.calls;
  const target = (calls.get(method) ?? 0) + nth;
  const set = calls.set.bind(calls);
  calls.set = (key: string, value: number) => {
    if (key === method && value === target) {
      calls.set = set;
      throw new Error("Exceeded maximum execution time");
    }
    return set(key, value);
  };
}

describe("Undo puts an earlier report back", () => {
  it("after a rebuild that failed in its third sheet: every sheet as before, in the same sheets", () => {
    const { book, orders, more, mine } = built();
    const names = ["Retention", "LTV:CAC", "Summary"];
    const before = Object.fromEntries(names.map((n) => [n, state(book.sheet(n))]));
    const read = [lookUp(book, "='Summary'!B3"), lookUp(book, "='Summary'!B1")];
    const sheetCount = book.sheets.length;
    // The third sheet's values: the call stops there.
    failAt(book, "Range.setValues", 3);
    expect(thrown(() => startBuild(settings(orders, more.length), make, "run-u"))).toMatchObject({
      message: "Exceeded maximum execution time",
    });
    // Two sheets hold the new report, the third is emptied; three hidden copies wait for Undo.
    expect(book.sheet("Summary").value(3, 2)).toBe("");
    expect(book.sheet("Retention").value(6, 1)).not.toBe("");
    expect(backups(book).map((s) => [s.name, s.hidden, s.protection])).toEqual([
      ["Cohort LTV backup: Retention", true, "warning"],
      ["Cohort LTV backup: LTV:CAC", true, "warning"],
      ["Cohort LTV backup: Summary", true, "warning"],
    ]);
    const undone = undoRun("run-u");
    expect(undone.removed).toEqual([]);
    expect(undone.restored.map((s) => s.name)).toEqual(names);
    expect(undone.kept).toEqual([]);
    for (const name of names) expect(state(book.sheet(name))).toEqual(before[name]);
    expect(book.sheet("Retention").prop("note").get(1, 9)).toBe("a colleague's note");
    // The user's formulas name the same sheets, which read the old figures.
    expect(mine.formulas.rows[0][0]).toBe("='Summary'!B3");
    expect([lookUp(book, "='Summary'!B3"), lookUp(book, "='Summary'!B1")]).toEqual(read);
    expect(backups(book)).toEqual([]);
    expect(book.sheets).toHaveLength(sheetCount);
    expect(hasRun("run-u")).toBe(false);
    // The report put back is the add-on's as before: a refresh rewrites it, making no stray copies.
    const outcome = refreshAllReports(make);
    expect(outcome.refreshed).toHaveLength(1);
    expect(outcome.skipped).toEqual([]);
    expect(book.sheet("Retention").charts).toHaveLength(1);
    expect(backups(book)).toEqual([]);
  });

  it("after a rebuild stopped inside its first sheet's chart: the half-drawn sheet comes back whole", () => {
    const { book, orders, more } = built();
    const before = state(book.sheet("Retention"));
    failAt(book, "Sheet.insertChart", 1);
    thrown(() => startBuild(settings(orders, more.length), make, "run-v"));
    const undone = undoRun("run-v");
    expect(undone.restored.map((s) => s.name)).toEqual(["Retention"]);
    expect(state(book.sheet("Retention"))).toEqual(before);
    expect(backups(book)).toEqual([]);
  });

  it("keeps the first copy when a stopped sheet is begun again, and drops every copy on success", () => {
    const { book, orders, more } = built();
    const before = state(book.sheet("Summary"));
    failAt(book, "Range.setValues", 3);
    thrown(() => startBuild(settings(orders, more.length), make, "run-w"));
    failAt(book, "Range.setValues", 1);
    // Summary begun again and stopped again: its copy is still the report before the run.
    thrown(() => continueRun(make, "run-w"));
    expect(backups(book)).toHaveLength(3);
    const copy = backups(book).find((s) => s.name.endsWith("Summary")) as SheetModel;
    expect(cells(copy.values.rows)).toEqual(before.values);
    const outcome = continueRun(make, "run-w");
    expect(outcome.done).toBe(true);
    expect(backups(book)).toEqual([]);
    expect(book.sheet("Summary").value(3, 2)).toBe(5);
  });

  it("a menu refresh that stops between sheets is continued by the next one and leaves no copy", () => {
    const { book } = built();
    vi.useFakeTimers({ toFake: ["Date"] });
    // Computing takes 100 s of the 150 s: no more than a sheet or two fit after it.
    const slow: MakeReport = (input) => {
      vi.setSystemTime(Date.now() + 100_000);
      return make(input);
    };
    const setValues = book.calls.set.bind(book.calls);
    book.calls.set = (key: string, value: number) => {
      if (key === "Range.setValues") vi.setSystemTime(Date.now() + 30_000);
      return setValues(key, value);
    };
    const first = refreshAllReports(slow, { budgetMs: 150_000 });
    expect(first.left).not.toBeNull();
    expect(first.left?.done).toBeGreaterThan(0);
    expect(backups(book).length).toBeGreaterThan(0);
    let next = refreshAllReports(slow, { budgetMs: 150_000 });
    while (next.left) next = refreshAllReports(slow, { budgetMs: 150_000 });
    expect(book.sheet("Summary").value(3, 2)).toBe(5);
    expect(backups(book)).toEqual([]);
  });

  it("a refresh whose report fails part way puts that report's sheets back at once", () => {
    const { book } = built();
    const before = state(book.sheet("Retention"));
    failAt(book, "Range.setValues", 2);
    const outcome = refreshAllReports(make);
    expect(outcome.failed).toHaveLength(1);
    expect(state(book.sheet("Retention"))).toEqual(before);
    expect(backups(book)).toEqual([]);
  });

  it("sweeps a copy whose run is gone when its owner starts another run", () => {
    const { book, orders, more } = built();
    failAt(book, "Range.setValues", 2);
    thrown(() => startBuild(settings(orders, more.length), make, "run-x"));
    expect(backups(book)).toHaveLength(2);
    // The same run id started again: the stopped run is given up, its copies with it.
    buildReportSheets(settings(orders, more.length), make, "run-x");
    expect(backups(book)).toEqual([]);
  });

  it("a second build started instead of Continue takes over the first one's copies", () => {
    const { book, orders, more } = built();
    const names = ["Retention", "LTV:CAC", "Summary"];
    const before = Object.fromEntries(names.map((n) => [n, state(book.sheet(n))]));
    failAt(book, "Range.setValues", 3);
    thrown(() => startBuild(settings(orders, more.length), make, "run-1"));
    // Build again (a new run): it stops in the first sheet, before Summary, which run-1 had emptied.
    failAt(book, "Range.setValues", 1);
    thrown(() => startBuild(settings(orders, more.length), make, "run-2"));
    expect(backups(book)).toHaveLength(3);
    expect(undoRun("run-2").restored.map((s) => s.name)).toEqual(names);
    for (const name of names) expect(state(book.sheet(name))).toEqual(before[name]);
    expect(backups(book)).toEqual([]);
    // The first run's Undo finds nothing left to put back.
    expect(undoRun("run-1")).toMatchObject({ restored: [], removed: [] });
    for (const name of names) expect(state(book.sheet(name))).toEqual(before[name]);
  });

  it("a second build that succeeds where the first stopped leaves no copy", () => {
    const { book, orders, more } = built();
    failAt(book, "Range.setValues", 3);
    thrown(() => startBuild(settings(orders, more.length), make, "run-1"));
    buildReportSheets(settings(orders, more.length), make, "run-2");
    expect(backups(book)).toEqual([]);
    expect(book.sheet("Summary").value(3, 2)).toBe(5);
  });

  it("leaves a colleague's waiting copies alone, and a duplicate someone made of a copy", () => {
    const { book, orders, more } = built();
    const names = ["Retention", "LTV:CAC", "Summary"];
    const before = Object.fromEntries(names.map((n) => [n, state(book.sheet(n))]));
    uninstall?.();
    const ann = new Map<string, string>();
    uninstall = installGlobals(addonServices(book, { properties: ann }));
    failAt(book, "Range.setValues", 3);
    thrown(() => startBuild(settings(orders, more.length), make, "run-y"));
    const duplicate = book.duplicate(backups(book)[0], "Kept for later");
    // Bob builds another report meanwhile; his run sweeps copies, not Ann's.
    uninstall();
    uninstall = installGlobals(addonServices(book, { user: "bob@example.com" }));
    buildReportSheets({ ...settings(orders, more.length), period: "week" }, make, "run-bob");
    expect(backups(book).filter((s) => s !== duplicate)).toHaveLength(3);
    uninstall();
    uninstall = installGlobals(addonServices(book, { properties: ann }));
    expect(undoRun("run-y").restored.map((s) => s.name)).toEqual(names);
    for (const name of names) expect(state(book.sheet(name))).toEqual(before[name]);
    expect(book.sheets).toContain(duplicate);
    expect(backups(book)).toEqual([duplicate]);
  });

  it("sweeps anyone's copy a day old, when the run that made it is forgotten too", () => {
    const { book, orders, more } = built();
    failAt(book, "Range.setValues", 2);
    thrown(() => startBuild(settings(orders, more.length), make, "run-z"));
    expect(backups(book)).toHaveLength(2);
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() + 25 * 3600_000);
    uninstall?.();
    uninstall = installGlobals(addonServices(book, { user: "bob@example.com" }));
    buildReportSheets({ ...settings(orders, more.length), period: "week" }, make, "run-bob");
    expect(backups(book)).toEqual([]);
  });

  it("refuses to rewrite a report when its copies would pass 10 million cells, before writing", () => {
    const { book, orders, more } = built();
    // 9.95 million cells: the report's three sheets of 26,000 cells each fit, their copies do not.
    const big = book.addSheet("Big");
    big.maxRows = 378_000;
    big.maxColumns = 26;
    const writes = book.sheets.map((sheet) => sheet.writes.length);
    const error = thrown(() => buildReportSheets(settings(orders, more.length), make));
    expect(error).toMatchObject({ code: "too-big", said: { key: "cellLimitBackup" } });
    const params = (error as { said: { params: { total: number; backup: number } } }).said.params;
    expect(params.backup).toBe(3 * 26_000);
    expect(book.sheets.map((sheet) => sheet.writes.length)).toEqual(writes);
    expect(backups(book)).toEqual([]);
    expect(say("en", "cellLimitBackup", params)).toContain("78,000 cells");
    expect(say("ko", "cellLimitBackup", params)).toContain("78,000개");
    expect(say("ru", "cellLimitBackup", params)).toMatch(/78\s000 ячеек/);
  });
});
