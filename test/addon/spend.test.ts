/**
 * The add-on's spend table, through the shipped bundle and the Sheets fakes: read by header in any
 * order, channels matched whatever their spelling, unmatched spend named on LTV-CAC (kept when typed
 * over) and counted in the blended CAC; a Google Ads export with a campaign map range kept with the
 * report; the first-period checkbox stored so Refresh keeps it, and the left-censored note in Summary.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseCsv } from "../../src/cli/csv";
import { loadBundle } from "../helpers/bundle";
import { describeWithReferenceData } from "../helpers/reference-data";
import { addonServices, FakeSpreadsheet, type SheetModel, type Value } from "../helpers/sheets";

const FIXTURES = join(import.meta.dirname, "..", "fixtures", "spend");

/** A CSV as Sheets holds it once pasted: ISO days as dates, plain numbers (with thousands commas) as numbers. */
function pasted(name: string): Value[][] {
  return parseCsv(readFileSync(join(FIXTURES, name)), name).rows.map((row) =>
    row.map((cell): Value => {
      if (/^\d{4}-\d{2}-\d{2}$/.test(cell)) return new Date(`${cell}T00:00:00Z`);
      if (/^-?[\d,]+(\.\d+)?$/.test(cell) && !/^0\d/.test(cell)) return Number(cell.replaceAll(",", ""));
      return cell;
    }),
  );
}

const ORDERS = pasted("orders.csv");
const HAND = pasted("hand-typed.csv");

function spreadsheet(spend: Value[][], extra: Record<string, Value[][]> = {}) {
  const book = new FakeSpreadsheet({ timeZone: "UTC" });
  const orders = book.addSheet("Orders", ORDERS);
  book.addSheet("Spend", spend);
  for (const [name, rows] of Object.entries(extra)) book.addSheet(name, rows);
  book.select(orders, "A1");
  return { book, orders };
}

function request(orders: SheetModel, spend: Value[][], extra: Record<string, unknown> = {}) {
  return {
    source: { sheetId: orders.id, range: `A1:E${ORDERS.length}` },
    mapping: { customerId: 1, date: 2, amount: 4, segment: 3 },
    period: "month",
    observationEnd: "",
    margin: "40",
    spend: `Spend!A1:${"ABCDEFGH"[spend[2].length - 1]}${spend.length}`,
    sheets: ["retention", "revenue", "ltv-cac", "summary"],
    ...extra,
  };
}

/** The row (1-based) whose column `column` holds `text`, or 0. */
function rowOf(sheet: SheetModel, text: string, column = 1): number {
  for (let r = 1; r <= sheet.lastRow(); r++) if (sheet.value(r, column) === text) return r;
  return 0;
}

const summaryValue = (book: FakeSpreadsheet, name: string) => {
  const summary = book.sheet("Summary");
  return summary.value(rowOf(summary, name), 2);
};

/**
 * The blended CAC the LTV-CAC sheet's All cohorts formula computes, from the cells it reads (the fakes
 * do not calculate): the cohort rows' spend and the unmatched spend over the customers of the rows with a spend.
 */
function blendedCac(book: FakeSpreadsheet): number {
  const sheet = book.sheet("LTV-CAC");
  const all = rowOf(sheet, "All cohorts");
  let spend = 0;
  let customers = 0;
  for (let r = 4; r < all; r++) {
    const value = sheet.value(r, 4);
    if (typeof value !== "number") continue;
    spend += value;
    customers += sheet.value(r, 3) as number;
  }
  const header = rowOf(sheet, "Channel in the spend table");
  for (let r = header + 1; header > 0 && sheet.value(r, 1) !== ""; r++) {
    const value = sheet.value(r, 4);
    if (typeof value === "number") spend += value;
  }
  const formula = sheet.formula(all, 4);
  expect(formula.startsWith("=IF(COUNT(")).toBe(true);
  if (header > 0) expect(formula).toContain(`SUM($D$${header + 1}:$D$`);
  return spend / customers;
}

const respelled = (names: Record<string, string>) =>
  HAND.map((row, i) => (i === 0 ? row : [names[String(row[0])] ?? row[0], ...row.slice(1)]));

describe("the sidebar's spend range", () => {
  it("is read by header, whatever the channels' spelling: unmatched spend is named and still counts", () => {
    const typed = spreadsheet(HAND);
    const script = loadBundle(addonServices(typed.book));
    expect(script.buildReport(request(typed.orders, HAND)).ok).toBe(true);
    const cac = blendedCac(typed.book);
    const customers = new Set(ORDERS.slice(1).map((row) => row[1])).size;
    const total = HAND.slice(1).reduce((s, row) => s + (row[2] as number), 0);
    expect(cac).toBeCloseTo(total / customers, 9);

    const spelled = respelled({ "Paid Search": "paid search ", Social: "Facebook Ads" });
    const other = spreadsheet(spelled);
    const again = loadBundle(addonServices(other.book));
    expect(again.buildReport(request(other.orders, spelled)).ok).toBe(true);
    expect(blendedCac(other.book)).toBeCloseTo(cac, 9);
    expect(summaryValue(other.book, "Spend matched to no channel")).toBe(
      "Facebook Ads: $3,651.00 (no channel of the data has this name)",
    );
    expect(summaryValue(other.book, "Channels without spend")).toBe(
      "Channels of the data without spend: Social.",
    );
    const ltvCac = other.book.sheet("LTV-CAC");
    const at = rowOf(ltvCac, "Facebook Ads");
    expect(at).toBeGreaterThan(0);
    expect(ltvCac.value(at, 4)).toBe(3651);
    expect(rowOf(ltvCac, "Spend not matched to a cohort channel")).toBeGreaterThan(0);
    // The All cohorts spend adds the unmatched spend: a live formula.
    const all = rowOf(ltvCac, "All cohorts");
    expect(ltvCac.formula(all, 4)).toContain(`SUM($D$${at}:$D$${at})`);

    // Spend typed over the unmatched amount is kept on Refresh, matched by its channel.
    ltvCac.values.set(at, 4, 1000);
    expect(again.refreshReports()).toMatchObject({ ok: true, failed: [] });
    expect(ltvCac.value(rowOf(ltvCac, "Facebook Ads"), 4)).toBe(1000);
  });

  it("stops on a spend table whose columns cannot be told, naming what is missing", () => {
    const bad: Value[][] = [
      ["Month", "Channel", "Budget plan"],
      [new Date("2024-03-01T00:00:00Z"), "Social", 10],
    ];
    const { book, orders } = spreadsheet(bad);
    const script = loadBundle(addonServices(book));
    const checked = script.checkInputs(request(orders, [bad[0], bad[1], bad[1]], { spend: "Spend!A1:C2" }));
    expect(checked.problems.spend).toContain("no spend (Spend, Cost, Amount spent…) column");
  });
});

describe("a Google Ads export with a campaign map range", () => {
  it("gives the report the hand-typed table of the same spend gives, and the map is kept with the report", () => {
    const google = pasted("google-ads-campaigns.csv");
    const map = pasted("campaign-map.csv");
    const search = HAND.filter((row, i) => i === 0 || row[0] === "Paid Search");
    const typed = spreadsheet(search);
    loadBundle(addonServices(typed.book)).buildReport(request(typed.orders, search));

    const { book, orders } = spreadsheet(google, { Map: map });
    const script = loadBundle(addonServices(book));
    const built = script.buildReport(
      request(orders, google, { spend: `Spend!A1:G${google.length}`, campaignMap: "Map!A1:B4" }),
    );
    expect(built.ok).toBe(true);
    expect(blendedCac(book)).toBeCloseTo(blendedCac(typed.book), 9);
    const spendOf = (b: FakeSpreadsheet) => {
      const sheet = b.sheet("LTV-CAC");
      const out: Value[] = [];
      for (let r = 4; sheet.value(r, 1) !== "All cohorts"; r++) out.push(sheet.value(r, 4));
      return out;
    };
    expect(spendOf(book).map((v) => (typeof v === "number" ? Math.round(v * 100) / 100 : v))).toEqual(
      spendOf(typed.book).map((v) => (typeof v === "number" ? Math.round(v * 100) / 100 : v)),
    );
    book.select(orders, "A1");
    expect(script.getSelectionInfo().previous).toMatchObject({
      campaignMap: "Map!A1:B4",
      skipFirstPeriod: false,
    });
  });
});

describe("a campaign map with a blank cell", () => {
  it("is named by its header and sheet row in the user's language, at the check, the build and Refresh", () => {
    const google = pasted("google-ads-campaigns.csv");
    // The map starts on row 3 of its sheet, under a note; its third rule has no channel (sheet row 6).
    const map: Value[][] = [
      ["Map of campaigns", ""],
      ["", ""],
      ["Campaign pattern", "Channel"],
      ["*search*", "Paid Search"],
      ["prospecting", "Social"],
      ["retargeting*", ""],
    ];
    for (const [locale, text] of [
      [
        "en",
        `Campaign map, column “\u2068Channel\u2069”, row 6 is blank: expected the channel its campaigns count for.`,
      ],
      [
        "ko",
        "캠페인 매핑, “\u2068Channel\u2069” 열, 6행이 비어 있습니다: 해당 캠페인을 집계할 채널이 필요합니다.",
      ],
      [
        "ru",
        "Карта кампаний, столбец “\u2068Channel\u2069”, строка 6: пусто; ожидается канал для кампаний по этому шаблону.",
      ],
    ] as const) {
      const { book, orders } = spreadsheet(google, { Map: map });
      const script = loadBundle(addonServices(book, { userLocale: locale }));
      const typed = request(orders, google, {
        spend: `Spend!A1:G${google.length}`,
        campaignMap: "Map!A3:B6",
      });
      expect(script.checkInputs(typed).problems.campaignMap).toBe(text);
      expect(script.buildReport(typed)).toMatchObject({ ok: false, message: text });
      // Blanked after the build: Refresh names the same cell.
      book.sheet("Map").values.set(6, 2, "Social");
      expect(script.buildReport(typed)).toMatchObject({ ok: true });
      book.sheet("Map").values.set(6, 2, "");
      const [failed] = script.refreshReports().failed;
      expect(failed.message.endsWith(`: ${text}`)).toBe(true);
    }
  });
});

/** Customers buying every 10 days from the data's first day (they bought before it), then new ones. */
function censored(): Value[][] {
  const rows: Value[][] = [["Order", "Customer", "Date", "Channel", "Amount"]];
  const day = (n: number) => new Date(Date.UTC(2024, 0, 1 + n));
  let order = 0;
  for (let c = 0; c < 40; c++)
    for (let d = c % 7; d < 180; d += 10) rows.push([order++, `old${c}`, day(d), "Search", 20]);
  for (let c = 0; c < 200; c++) {
    const start = 7 + ((c * 13) % 150);
    rows.push([order++, `new${c}`, day(start), "Search", 30]);
    if (c % 5 === 0) rows.push([order++, `new${c}`, day(start + 15), "Search", 30]);
  }
  return rows;
}

describe("the first period", () => {
  it("is said to be left-censored in Summary (en, ko, ru) and under the cohort tables", () => {
    for (const [language, name, words] of [
      ["en", "First cohort", /looks left-censored/],
      ["ko", "첫 코호트", /왼쪽 절단/],
      ["ru", "Первая когорта", /цензурирована слева/],
    ] as const) {
      const book = new FakeSpreadsheet({ timeZone: "UTC" });
      const rows = censored();
      const orders = book.addSheet("Orders", rows);
      book.select(orders, "A1");
      const script = loadBundle(addonServices(book));
      const built = script.buildReport({
        ...request(orders, HAND, { spend: "", language }),
        source: { sheetId: orders.id, range: `A1:E${rows.length}` },
      });
      expect(built.ok).toBe(true);
      const summary = book.sheets.find((s) => rowOf(s, name) > 0) as SheetModel;
      const note = summary.value(rowOf(summary, name), 2);
      expect(note).toMatch(words);
      // The same words under the cohort tables of Retention and Revenue & LTV.
      expect(book.sheets.filter((s) => rowOf(s, note as string) > 0)).toHaveLength(2);
    }
  });

  it("is left out with the checkbox, stored with the report so Refresh keeps it", () => {
    const book = new FakeSpreadsheet({ timeZone: "UTC" });
    const rows = censored();
    const orders = book.addSheet("Orders", rows);
    book.select(orders, "A1");
    const script = loadBundle(addonServices(book));
    const built = script.buildReport({
      ...request(orders, HAND, { spend: "", skipFirstPeriod: true }),
      source: { sheetId: orders.id, range: `A1:E${rows.length}` },
    });
    expect(built.ok).toBe(true);
    const skipped = /^2024-01-01 left out of the cohort figures \(\d+ customers first seen then\)/;
    expect(summaryValue(book, "First cohort")).toMatch(skipped);
    expect(book.sheet("Retention").value(4, 1)).not.toEqual(new Date("2024-01-01T00:00:00Z"));
    expect(script.refreshReports()).toMatchObject({ ok: true, failed: [] });
    expect(summaryValue(book, "First cohort")).toMatch(skipped);
    book.select(orders, "A1");
    expect(script.getSelectionInfo().previous).toMatchObject({ skipFirstPeriod: true, campaignMap: "" });
  });
});

/** The public exports (../shared/data): read there, never copied into the repository. */
const EXPORTS = join(import.meta.dirname, "..", "..", "..", "shared", "data", "exports");
describeWithReferenceData("the real UCI invoices with spend by channel, in the add-on", () => {
  // As Sheets holds a pasted CSV: amounts as numbers, "12/1/2010 8:26" (en_US) as a date.
  const asDate = (text: string) => {
    const [m, d, y, h, min] = text.split(/[/ :]/).map(Number);
    return new Date(Date.UTC(y, m - 1, d, h, min));
  };
  const cellOf = (name: string, cell: string, c: number): Value => {
    if (name.startsWith("spend")) return c === 2 ? Number(cell) : cell;
    return c === 4 ? Number(cell) : c === 1 ? asDate(cell) : cell;
  };
  const read = (name: string): Value[][] =>
    parseCsv(readFileSync(join(EXPORTS, name)), name).rows.map((row, i) =>
      i === 0 ? row : row.map((cell, c) => cellOf(name, cell, c)),
    );
  const invoices = read("online_retail_invoices_channels.csv");

  it("gives the same blended CAC whatever the spelling, equal to an independent computation", () => {
    const cacs = ["spend_by_channel.csv", "spend_by_channel_other_names.csv"].map((name) => {
      const spend = read(name);
      const book = new FakeSpreadsheet({ timeZone: "UTC" });
      const orders = book.addSheet("Invoices", invoices);
      book.addSheet("Spend", spend);
      book.select(orders, "A1");
      const script = loadBundle(addonServices(book));
      const built = script.buildReport({
        source: { sheetId: orders.id, range: `A1:E${invoices.length}` },
        mapping: { customerId: 2, date: 1, amount: 4, segment: 3 },
        period: "month",
        observationEnd: "",
        margin: "",
        spend: `Spend!A1:C${spend.length}`,
        sheets: ["ltv-cac"],
      });
      expect(built.ok).toBe(true);
      return blendedCac(book);
    });
    const total = read("spend_by_channel.csv")
      .slice(1)
      .reduce((s, row) => s + (row[2] as number), 0);
    const customers = new Set(
      invoices
        .slice(1)
        .filter((row) => (row[4] as number) >= 0)
        .map((row) => row[2]),
    ).size;
    expect(cacs[0]).toBeCloseTo(total / customers, 9);
    expect(cacs[1]).toBeCloseTo(total / customers, 9);
  });
});
