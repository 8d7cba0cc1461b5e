/**
 * What a team relies on in a shared spreadsheet, through the shipped bundle over the fakes: only the
 * add-on's own sheets are written (not copies, not sheets with planted settings); typed spend
 * survives at any size; spend tables grow; dates that do not fit are shown before building; typed
 * inputs are checked; every message is whole, in the user's language, with user text isolated.
 */
import { describe, expect, it } from "vitest";
import { loadBundle } from "../helpers/bundle";
import { addonServices, FakeLocks, FakeSpreadsheet, type SheetModel, type Value } from "../helpers/sheets";

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

/** Two customers a month through 2024, each buying again a month later. */
function orders(): Value[][] {
  const rows: Value[][] = [["Customer ID", "Order date", "Amount", "Channel"]];
  for (let m = 0; m < 12; m++) {
    for (let k = 0; k < 2; k++) {
      const id = `C${m}-${k}`;
      const channel = k === 0 ? "Email" : "Paid search";
      rows.push([id, new Date(Date.UTC(2024, m, 3 + k)), 40 + k, channel]);
      rows.push([id, new Date(Date.UTC(2024, m + 1, 10)), 25, channel]);
    }
  }
  return rows;
}

function book(rows = orders(), locale = "en_US", timeZone = "UTC") {
  const book = new FakeSpreadsheet({ locale, timeZone });
  const sheet = book.addSheet("Orders", rows);
  const spend = book.addSheet("Spend", [
    ["Month", "Spend", "Channel"],
    ...Array.from({ length: 6 }, (_, m) => [new Date(Date.UTC(2024, m, 1)), 100 + m, "Email"] as Value[]),
  ]);
  book.select(sheet, "A1");
  return { book, sheet, spend };
}

function request(sheet: SheetModel, rows: number, extra: Record<string, unknown> = {}) {
  return {
    source: { sheetId: sheet.id, range: `A1:D${rows}` },
    mapping: { customerId: 0, date: 1, amount: 2, segment: 3 },
    period: "month",
    observationEnd: "",
    margin: "40",
    spend: "",
    sheets: ["retention", "ltv-cac", "summary"],
    ...extra,
  };
}

const isolated = (text: string) => `“\u2068${text}\u2069”`;

describe("only the add-on's own sheets", () => {
  it("never writes a duplicated report sheet, and refresh says which it skipped and why", () => {
    const { book: b, sheet } = book();
    const script = loadBundle(addonServices(b));
    expect(script.buildReport(request(sheet, 49)).ok).toBe(true);
    const copy = b.duplicate(b.sheet("Retention"));
    const before = copy.values.rows.map((r) => r?.slice());
    for (const s of b.sheets) s.writes = [];
    const result = script.refreshReports();
    expect(result.ok).toBe(true);
    expect(result.refreshed).toHaveLength(1);
    expect(copy.writes).toEqual([]);
    expect(copy.values.rows).toEqual(before);
    expect(result.skipped).toEqual([
      {
        sheet: "Copy of Retention",
        sheetId: copy.id,
        message: `Skipped ${isolated("Copy of Retention")}: it is a copy of a report sheet, and the add-on writes only the sheets it created.`,
      },
    ]);
    // The real report was refreshed, not the copy.
    expect(b.sheet("Retention").writes.length).toBeGreaterThan(0);
  });

  it("never writes a sheet with planted settings, whatever their visibility", () => {
    const { book: b, sheet } = book();
    const script = loadBundle(addonServices(b));
    script.buildReport(request(sheet, 49));
    const meta = JSON.parse(b.sheet("Summary").metadata[0].value ?? "{}");
    const planted = b.addSheet("My notes", [["mine"]]);
    const another = b.addSheet("Other notes", [["mine too"]]);
    const forged = JSON.stringify({ ...meta, sheetId: planted.id, key: "retention" });
    b.plant(planted, "cohort-ltv-report", forged, "DOCUMENT");
    b.plant(
      another,
      "cohort-ltv-report",
      JSON.stringify({ ...meta, sheetId: another.id }),
      "PROJECT",
      "other",
    );
    const result = script.refreshReports();
    expect(planted.writes).toEqual([]);
    expect(another.writes).toEqual([]);
    expect(planted.value(1, 1)).toBe("mine");
    // The other project's PROJECT entry is invisible to the add-on; the DOCUMENT one is reported.
    expect(result.skipped.map((s: { sheet: string }) => s.sheet)).toEqual(["My notes"]);
    expect(result.skipped[0].message).toContain("report settings the add-on did not write");
  });

  it("leaves a sheet an older version built (its settings record no sheet id) and says to rebuild", () => {
    const { book: b } = book();
    const old = b.addSheet("Retention", [["old report"]]);
    b.plant(
      old,
      "cohort-ltv-report",
      JSON.stringify({ version: 1, reportId: "r1", key: "retention" }),
      "PROJECT",
      b.project,
    );
    const result = loadBundle(addonServices(b)).refreshReports();
    expect(old.writes).toEqual([]);
    expect(result.skipped).toMatchObject([
      { sheet: "Retention", message: expect.stringContaining("older version") },
    ]);
  });

  it("keeps every typed spend cell of a weekly × 20-segment × 3-year report through Refresh", () => {
    const rows: Value[][] = [["Customer ID", "Order date", "Amount", "Channel"]];
    for (let s = 0; s < 20; s++) {
      for (let w = 0; w < 156; w++) {
        rows.push([`S${s}W${w}`, new Date(Date.UTC(2022, 0, 3 + 7 * w + (s % 5))), 30, `Channel ${s}`]);
      }
    }
    const { book: b, sheet } = book(rows);
    const script = loadBundle(addonServices(b));
    const built = script.buildReport(request(sheet, rows.length, { period: "week", sheets: ["ltv-cac"] }));
    expect(built).toMatchObject({ ok: true, done: true });
    const ltvCac = b.sheet("LTV-CAC");
    const meta = JSON.parse(ltvCac.metadata[0].value ?? "{}");
    expect(ltvCac.metadata[0].value?.length).toBeLessThan(5_000);
    const { range } = meta.written[0];
    expect(range.rows).toBe(20 * 156);
    for (let r = range.row; r < range.row + range.rows; r++) ltvCac.values.set(r, range.column, r * 3);
    const bob = loadBundle(addonServices(b, { user: "bob@example.com" }));
    expect(bob.refreshReports()).toMatchObject({ ok: true, failed: [], skipped: [] });
    for (let r = range.row; r < range.row + range.rows; r++) {
      expect(ltvCac.value(r, range.column)).toBe(r * 3);
    }
  });
});

describe("spend tables", () => {
  it("keep typed spend in a spreadsheet west of UTC (cohort dates read back at local midnight)", () => {
    const { book: b, sheet } = book(orders(), "en_US", "America/Los_Angeles");
    const script = loadBundle(addonServices(b));
    expect(script.buildReport(request(sheet, 49, { sheets: ["ltv-cac"] })).ok).toBe(true);
    const ltvCac = b.sheet("LTV-CAC");
    const { range } = JSON.parse(ltvCac.metadata[0].value ?? "{}").written[0];
    for (let r = range.row; r < range.row + range.rows; r++) ltvCac.values.set(r, range.column, 7 * r);
    expect(script.refreshReports()).toMatchObject({ ok: true, failed: [] });
    for (let r = range.row; r < range.row + range.rows; r++)
      expect(ltvCac.value(r, range.column)).toBe(7 * r);
  });

  it("grow with their rows on Refresh, like the transactions", () => {
    const { book: b, sheet, spend } = book();
    const script = loadBundle(addonServices(b));
    expect(script.buildReport(request(sheet, 49, { spend: "Spend!A1:C7", sheets: ["ltv-cac"] })).ok).toBe(
      true,
    );
    const ltvCac = b.sheet("LTV-CAC");
    const { range } = JSON.parse(ltvCac.metadata[0].value ?? "{}").written[0];
    const spendOf = () => {
      let total = 0;
      for (let r = range.row; r < range.row + range.rows; r++) {
        const v = ltvCac.value(r, range.column);
        if (typeof v === "number") total += v;
      }
      return total;
    };
    expect(spendOf()).toBe(100 + 101 + 102 + 103 + 104 + 105);
    spend.load([[new Date(Date.UTC(2024, 6, 1)), 1000, "Email"]], 8);
    expect(script.refreshReports()).toMatchObject({ ok: true, failed: [] });
    expect(spendOf()).toBe(100 + 101 + 102 + 103 + 104 + 105 + 1000);
  });

  it("'Use selection' on one cell takes the whole table around it", () => {
    const { book: b, spend } = book();
    b.select(spend, "B3");
    expect(loadBundle(addonServices(b)).getSelectedRange()).toEqual({ ok: true, range: "Spend!A1:C7" });
  });

  it("name the sheet row of a bad spend cell, under the spend field", () => {
    const { book: b, sheet } = book();
    const table = b.addSheet("Budget", []);
    table.load(
      [
        ["Month", "Spend"],
        [day("2024-01-01"), 100],
        [day("2024-02-01"), "lots"],
      ],
      5,
    );
    const script = loadBundle(addonServices(b));
    const result = script.buildReport(request(sheet, 49, { spend: "Budget!A5:B7" }));
    const message = `Spend table, column spend, row 7: ${isolated("lots")} is not a number.`;
    expect(result).toEqual({ ok: false, code: "input", message, problems: { spend: message } });
  });
});

describe("dates that do not fit", () => {
  it("are listed with their rows before building, and a stored window leaves them out on Refresh too", () => {
    const rows = orders();
    rows[5][1] = day("2099-03-01");
    rows[9][1] = "1924-05-02";
    const { book: b, sheet } = book(rows);
    const script = loadBundle(addonServices(b));
    const info = script.getSelectionInfo();
    expect(info.dates).toMatchObject({
      first: "1924-05-02",
      last: "2099-03-01",
      bulk: { from: "2024-01-03", to: "2025-01-10" },
      suspicious: [
        { row: 6, date: "2099-03-01", value: "2099-03-01", reason: "future" },
        { row: 10, date: "1924-05-02", value: "1924-05-02", reason: "outlier" },
      ],
      suspiciousCount: 2,
      unreadable: 0,
    });
    expect(script.getDateSummary({ sheetId: sheet.id, range: "A1:D49" }, 0)).toEqual({
      ok: true,
      dates: null,
    });
    const built = script.buildReport(
      request(sheet, 49, { dateWindow: info.dates.bulk, sheets: ["retention"] }),
    );
    expect(built.ok).toBe(true);
    const retention = b.sheet("Retention");
    /** The first cohort: the earliest date-formatted cell of column A. */
    const firstCohort = () => {
      const days: number[] = [];
      for (let r = 1; r <= retention.lastRow(); r++) {
        const v = retention.value(r, 1);
        if (typeof v === "number" && /yy/.test(retention.format(r, 1))) days.push(v);
      }
      return b
        .dateOf(Math.min(...days))
        .toISOString()
        .slice(0, 10);
    };
    expect(firstCohort()).toBe("2024-01-01");
    sheet.load([["late", day("2030-01-01"), 10, "Email"]], 50);
    expect(script.refreshReports()).toMatchObject({ ok: true, failed: [] });
    expect(firstCohort()).toBe("2024-01-01");
    b.select(sheet, "A1");
    expect(script.getSelectionInfo().previous.dateWindow).toEqual(info.dates.bulk);
  });
});

describe("typed inputs", () => {
  const check = (margin: string, locale = "en_US", extra: Record<string, unknown> = {}) => {
    const { book: b, sheet } = book(orders(), locale);
    return loadBundle(addonServices(b)).checkInputs({
      source: { sheetId: sheet.id, range: "A1:D49" },
      margin,
      observationEnd: "",
      spend: "",
      ...extra,
    });
  };

  it("reads the margin in percent, with a decimal comma, and refuses what is not 0–100 %", () => {
    expect(check("40")).toMatchObject({ ok: true, problems: {}, margin: 0.4 });
    expect(check("12,5", "ru_RU")).toMatchObject({ problems: {}, margin: 0.125 });
    expect(check("12.5 %")).toMatchObject({ problems: {}, margin: 0.125 });
    expect(check("")).toMatchObject({ problems: {}, margin: null });
    expect(check("abc").problems).toEqual({
      margin: `${isolated("abc")} is not a number: give the gross margin in percent, e.g. 40.`,
    });
    expect(check("120").problems).toEqual({ margin: `${isolated("120")} is not between 0 and 100 %.` });
  });

  it("checks the observation end and the spend range where they are typed", () => {
    expect(check("", "en_US", { observationEnd: "2024-13-45" }).problems.observationEnd).toContain(
      isolated("2024-13-45"),
    );
    expect(check("", "en_US", { observationEnd: "2024-06-30" })).toMatchObject({
      observationEnd: "2024-06-30",
    });
    expect(check("", "en_US", { spend: "Nope!A1:B3" }).problems).toEqual({
      spend: `There is no sheet named ${isolated("Nope")}.`,
    });
    expect(check("", "en_US", { spend: "Spend!A1:C7" })).toMatchObject({
      problems: {},
      spend: "Spend!A1:C7",
    });
  });

  it("checks the calibration end: a date, before the observation end", () => {
    expect(check("", "en_US", { calibrationEnd: "2024-13-45" }).problems).toEqual({
      calibrationEnd: `${isolated("2024-13-45")} is not a date: give the last day to fit the forecasts on, such as 2024-06-30, or leave it blank for halfway through the data.`,
    });
    expect(check("", "en_US", { calibrationEnd: "2024-03-31" })).toMatchObject({
      problems: {},
      calibrationEnd: "2024-03-31",
    });
    expect(check("", "en_US", { calibrationEnd: "" })).toMatchObject({ problems: {}, calibrationEnd: null });
    expect(
      check("", "en_US", { observationEnd: "2024-06-30", calibrationEnd: "2024-06-30" }).problems
        .calibrationEnd,
    ).toBe(
      `${isolated("2024-06-30")} is not before the observation end (2024-06-30): the forecasts need purchases after it to be checked against.`,
    );
    // Read in the spreadsheet's locale, as the observation end is.
    expect(check("", "ru_RU", { calibrationEnd: "31.03.2024" })).toMatchObject({
      calibrationEnd: "2024-03-31",
    });
  });

  it("never builds past a wrong margin: 'abc' is an input problem, not a report without margin", () => {
    const { book: b, sheet } = book();
    const result = loadBundle(addonServices(b)).buildReport(request(sheet, 49, { margin: "abc" }));
    expect(result).toMatchObject({ ok: false, code: "input", problems: { margin: expect.any(String) } });
    expect(b.writtenSheets()).toEqual([]);
  });
});

describe("messages", () => {
  it("say a data problem once, whole, in the user's language", () => {
    const rows = orders();
    rows[7][2] = "много";
    const { book: b, sheet } = book(rows);
    const ru = loadBundle(addonServices(b, { userLocale: "ru" })).buildReport(request(sheet, 49));
    expect(ru).toEqual({
      ok: false,
      code: "data",
      message: `Транзакции, столбец ${isolated("Amount")}, строка 8: ${isolated("много")} — не число.`,
    });
    const ko = loadBundle(addonServices(b, { userLocale: "ko" })).buildReport(request(sheet, 49));
    expect(ko.message).toBe(
      `거래 데이터, ${isolated("Amount")} 열, 8행: ${isolated("много")}은(는) 숫자가 아닙니다.`,
    );
  });

  it("name the missing column and the headers found, in the user's language", () => {
    const b = new FakeSpreadsheet();
    const sheet = b.addSheet("Notes", [
      ["Who", "What"],
      ["a", "b"],
      ["c", "d"],
    ]);
    b.select(sheet, "A1");
    const info = loadBundle(addonServices(b, { userLocale: "ru" })).getSelectionInfo();
    expect(info.mappingProblem).toMatch(
      new RegExp(`^Не найден столбец «[^»]+» среди ${isolated("Who")}, ${isolated("What")}\\.`),
    );
  });

  it("isolate and shorten user text: a right-to-left override or 50,000 characters stay inside their quotes", () => {
    const rows = orders();
    rows[0][2] = "\u202Eevil header";
    rows[3][2] = "x".repeat(50_000);
    const { book: b, sheet } = book(rows);
    const result = loadBundle(addonServices(b)).buildReport(request(sheet, 49));
    expect(result.message).toBe(
      `Transactions, column ${isolated("\u202Eevil header")}, row 4: ${isolated(`${"x".repeat(59)}…`)} is not a number.`,
    );
  });

  it("never write a cell over Sheets' 50,000 characters", () => {
    const rows = orders();
    for (let r = 1; r < rows.length; r++) if (rows[r][3] === "Email") rows[r][3] = "E".repeat(60_000);
    const { book: b, sheet } = book(rows);
    const result = loadBundle(addonServices(b)).buildReport(request(sheet, 49));
    expect(result.ok).toBe(true);
    const written = b.sheets.filter((s) => s.writes.length > 0);
    const longest = Math.max(
      ...written.flatMap((s) => s.values.rows.flat().map((v) => (typeof v === "string" ? v.length : 0))),
    );
    expect(longest).toBe(49_999);
  });

  it("say an unexpected failure once, as unexpected", () => {
    const { book: b } = book();
    const result = loadBundle(addonServices(b)).buildReport(null);
    expect(result.code).toBe("internal");
    expect(result.message.match(/unexpected/g)).toHaveLength(1);
  });

  it("after the source sheet was deleted, the menu's refresh says one clear thing", () => {
    const { book: b, sheet } = book();
    const script = loadBundle(addonServices(b));
    script.buildReport(request(sheet, 49, { sheets: ["retention"] }));
    b.sheets = b.sheets.filter((s) => s !== sheet);
    script.refreshReportsFromMenu();
    expect(b.ui.alerts).toEqual([
      `Could not refresh ${isolated("Retention")}: The sheet with the transactions was deleted. Select it and build the report again.`,
    ]);
    expect(b.ui.toasts).toEqual([]);
  });

  it("a missing document lock is not a colleague building", () => {
    const { book: b, sheet } = book();
    const locks = new FakeLocks();
    locks.none = true;
    const result = loadBundle(addonServices(b, { locks })).buildReport(request(sheet, 49));
    expect(result).toMatchObject({ ok: false, code: "no-lock" });
    expect(result.message).not.toMatch(/someone else/i);
  });

  it("tell a user signed in to several accounts so, when calls run as another account", () => {
    const { book: b } = book();
    let page = "";
    loadBundle(
      addonServices(b, {
        userLocale: "ko",
        readFile: () => "<html></html>",
      }),
    ).showSidebar();
    page = (b.ui.sidebars[0] as GoogleAppsScript.HTML.HtmlOutput).getContent();
    const boot = JSON.parse(/window\.cohortLtvBoot=(.*)<\/script>/.exec(page)?.[1] ?? "{}");
    expect(boot.accountsMessage).toContain("여러 Google 계정");
    const asAnn = loadBundle(addonServices(b, { user: "ann@example.com" }));
    expect(asAnn.checkAccount(boot.userKey)).toEqual({ ok: true });
    const asOther = loadBundle(addonServices(b, { user: "ann.personal@example.com" }));
    expect(asOther.checkAccount(boot.userKey)).toMatchObject({ ok: false, code: "accounts" });
  });
});
