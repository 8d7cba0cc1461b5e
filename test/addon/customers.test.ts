/**
 * The Customers sheet through the add-on's whole path (read the table, build, write) in the
 * in-memory spreadsheet: the same number of Spreadsheet calls for 1,000 customers as for 100,000
 * (a list capped at MAX_CUSTOMER_ROWS, said in a note), its table under a filter, and nothing written
 * but the sheet the add-on created — a user's own sheet with a filter of theirs stays as it was.
 */
import { afterEach, describe, expect, it } from "vitest";
import { makeReport } from "../../src/addon/pipeline";
import { buildReportSheets, refreshAllReports } from "../../src/addon/reports";
import type { ReportSettings } from "../../src/addon/settings";
import { MAX_CUSTOMER_ROWS } from "../../src/core/report/predicted-clv";
import { generateSample, purchaseTable } from "../../src/core/sample/generate";
import { totalCalls } from "../helpers/fake";
import { installGlobals } from "../helpers/services";
import { addonServices, FakeSpreadsheet } from "../helpers/sheets";

let uninstall: (() => void) | undefined;
afterEach(() => {
  uninstall?.();
  uninstall = undefined;
});

function build(customers: number) {
  const rows = purchaseTable(generateSample({ customers }));
  const book = new FakeSpreadsheet();
  const orders = book.addSheet("Orders", rows);
  const mine = book.addSheet("My list", [["id"], ["C0001"]]);
  mine.filter = "A1:A2";
  uninstall = installGlobals(addonServices(book));
  const settings: ReportSettings = {
    source: { sheetId: orders.id, range: `A1:D${rows.length}` },
    mapping: { customerId: 0, date: 1, amount: 2 },
    period: "month",
    observationEnd: null,
    margin: null,
    spend: null,
    sheets: ["customers"],
    language: "en",
    dateWindow: null,
  };
  buildReportSheets(settings, makeReport);
  return { book, calls: totalCalls(book.calls) };
}

describe("the Customers sheet in Sheets", () => {
  it("is written in as many Spreadsheet calls for 100,000 customers as for 1,000, and only to its own sheet", () => {
    const small = build(1_000);
    const sheet = small.book.sheet("Customers");
    expect(small.book.writtenSheets()).toEqual(["Customers"]);
    expect(small.book.sheet("My list").filter).toBe("A1:A2");
    expect(sheet.filter).toBe("A20:J1020");
    expect(sheet.value(20, 2)).toBe("Segment");
    uninstall?.();

    const large = build(100_000);
    expect(large.calls).toBe(small.calls);
    const capped = large.book.sheet("Customers");
    expect(large.book.writtenSheets()).toEqual(["Customers"]);
    expect(capped.filter).toBe(`A20:J${20 + MAX_CUSTOMER_ROWS}`);
    expect(capped.prop("note").get(20, 1)).toBe(
      "The 50,000 most valuable of 100,000 customers; the summary counts them all.",
    );
    expect(capped.value(18, 2)).toBe(100_000);
  });

  it("replaces its filter on a refresh (Sheets refuses a second one)", () => {
    const { book } = build(300);
    const before = book.sheet("Customers").filter;
    expect(refreshAllReports(makeReport).failed).toEqual([]);
    expect(book.sheet("Customers").filter).toBe(before);
    expect(book.sheet("Customers").writes).toContain("removeFilter");
    expect(book.sheet("My list").writes).toEqual([]);
  });
});
