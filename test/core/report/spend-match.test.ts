/**
 * Spend matched to cohorts by channel name after trimming and case-folding; spend that matches no
 * cohort channel is named with its amount and still counts in the blended CAC, on the LTV-CAC sheet
 * (live formulas, evaluated by HyperFormula) as in the headline; ad-platform exports give the report a
 * hand-typed table gives; the left-censored first cohort is said, and can be left out.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { HyperFormula } from "hyperformula";
import { describe, expect, it } from "vitest";
import { parseCsv } from "../../../src/cli/csv";
import { type Cell, sheetContext } from "../../../src/core/cells";
import { type BuiltReport, type ReportInput, reportFromTable } from "../../../src/core/report/build";
import { isFormula, type ReportCell, type ReportSheet } from "../../../src/core/report/model";
import { describeWithReferenceData } from "../../helpers/reference-data";

const ctx = sheetContext("en_US", "UTC");
const FIXTURES = join(import.meta.dirname, "..", "..", "fixtures", "spend");
const fixture = (name: string): Cell[][] => parseCsv(readFileSync(join(FIXTURES, name)), name).rows;
const ORDERS = fixture("orders.csv");
const HAND = fixture("hand-typed.csv");

function build(spend: Cell[][] | null, extra: Partial<ReportInput> = {}, options = {}): BuiltReport {
  return reportFromTable({
    rows: ORDERS,
    spend,
    context: ctx,
    options: { splitBySegment: true, marginRate: 0.4, ...options },
    ...extra,
  });
}

const sheetOf = (built: BuiltReport, key: string) =>
  built.report.sheets.find((s) => s.key === key) as ReportSheet;

function engineOf(sheet: ReportSheet) {
  const toEngine = (cell: ReportCell) =>
    isFormula(cell) ? cell.formula : cell instanceof Date ? cell.getTime() / 86_400_000 + 25_569 : cell;
  return HyperFormula.buildFromArray(
    sheet.cells.map((row) => row.map(toEngine)),
    { licenseKey: "gpl-v3", useArrayArithmetic: true },
  );
}

const blank = (v: unknown) => (v === "" || v === null || v === undefined ? null : v);

/** Every formula of the sheet computes its cached value; returns the engine. */
function checkFormulas(sheet: ReportSheet) {
  const hf = engineOf(sheet);
  sheet.cells.forEach((row, r) => {
    row.forEach((cell, c) => {
      if (!isFormula(cell)) return;
      const value = blank(hf.getCellValue({ sheet: 0, row: r, col: c }));
      // HyperFormula rounds to about 10 significant digits.
      if (typeof cell.value === "number") expect(value, `${r + 1}:${c + 1}`).toBeCloseTo(cell.value, 6);
      else expect(value, `${r + 1}:${c + 1}`).toBe(cell.value);
    });
  });
  return hf;
}

/** Where a text is on a sheet (0-based), or undefined. */
function find(sheet: ReportSheet, text: string): { row: number; col: number } | undefined {
  for (let row = 0; row < sheet.cells.length; row++) {
    const col = sheet.cells[row].indexOf(text);
    if (col >= 0) return { row, col };
  }
  return undefined;
}

/** An independent blended CAC: all the table's spend ÷ distinct customers of the data. */
function independentCac(spend: Cell[][], column: number, customers: Cell[][]): number {
  const total = spend.slice(1).reduce((s, row) => s + Number(row[column]), 0);
  return total / new Set(customers.slice(1).map((row) => row[1])).size;
}

const respelled = (names: Record<string, string>) =>
  HAND.map((row, i) => (i === 0 ? row : [names[String(row[0])] ?? row[0], ...row.slice(1)]));

describe("channel names", () => {
  const canonical = build(HAND);

  it("match after trimming and case-folding: the same report whatever the spelling", () => {
    const other = build(respelled({ "Paid Search": " paid search ", Social: "SOCIAL" }));
    expect(other.headline.cac).toBeCloseTo(canonical.headline.cac as number, 9);
    expect(other.data.cohorts.map((c) => c.spend)).toEqual(canonical.data.cohorts.map((c) => c.spend));
    expect(other.data.spendMatch?.unmatched).toEqual([]);
    expect(canonical.headline.cac).toBeCloseTo(independentCac(HAND, 2, ORDERS), 9);
  });

  it("that match no cohort channel are named with their amount and still count in the blended CAC", () => {
    const built = build(respelled({ Social: "Facebook Ads" }));
    expect(built.headline.cac).toBeCloseTo(canonical.headline.cac as number, 9);
    expect(built.data.spendMatch?.unmatched).toEqual([
      { channel: "Facebook Ads", spend: 1229.25 + 1192.5 + 1229.25, why: "name" },
    ]);
    expect(built.data.spendMatch?.withoutSpend).toEqual(["Social"]);
    expect(built.report.settings["Spend matched to no channel"]).toBe(
      "Facebook Ads: $3,651.00 (no channel of the data has this name)",
    );
    expect(built.report.settings["Channels without spend"]).toBe(
      "Channels of the data without spend: Social.",
    );
    const sheet = sheetOf(built, "ltv-cac");
    expect(find(sheet, "Spend not matched to a cohort channel")).toBeDefined();
    expect(find(sheet, "Channels of the data without spend: Social.")).toBeDefined();
    const at = find(sheet, "Facebook Ads") as { row: number; col: number };
    // Labels (cohort, channel), customers, then the spend column, editable and kept on refresh by channel.
    expect(sheet.cells[at.row][3]).toBe(3651);
    expect(sheet.editable?.at(-1)).toEqual({
      range: { row: at.row + 1, column: 4, rows: 1, columns: 1 },
      keyColumn: 1,
    });
  });

  it("keep the LTV-CAC sheet's formulas live: unmatched spend typed there moves the blended CAC", () => {
    const built = build(
      respelled({ Social: "Facebook Ads" }),
      {},
      { sheets: ["ltv-cac", "payback", "summary"] },
    );
    const sheet = sheetOf(built, "ltv-cac");
    const hf = checkFormulas(sheet);
    const all = find(sheet, "All cohorts") as { row: number; col: number };
    const at = find(sheet, "Facebook Ads") as { row: number; col: number };
    const cac = () => hf.getCellValue({ sheet: 0, row: all.row, col: 4 }) as number;
    expect(cac()).toBeCloseTo(built.headline.cac as number, 6);
    const customers = sheet.cells[all.row][2] as number;
    hf.setCellContents({ sheet: 0, row: at.row, col: 3 }, 0);
    expect(cac()).toBeCloseTo((built.headline.cac as number) - 3651 / customers, 6);
    checkFormulas(sheetOf(build(respelled({})), "ltv-cac"));
  });
});

describe("the blended CAC", () => {
  it("never changes with how the spend table spells a channel (property)", () => {
    const cac = build(HAND).headline.cac as number;
    const spelling = fc.oneof(
      fc.record({
        kind: fc.constant("case" as const),
        upper: fc.boolean(),
        pad: fc.stringMatching(/^ {0,3}$/),
      }),
      fc.record({
        kind: fc.constant("other" as const),
        name: fc.stringMatching(/^[A-Za-z][A-Za-z ]{0,11}$/),
      }),
    );
    fc.assert(
      fc.property(spelling, spelling, (search, social) => {
        const spell = (name: string, how: typeof search) =>
          how.kind === "case"
            ? `${how.pad}${how.upper ? name.toUpperCase() : name.toLowerCase()}${how.pad}`
            : `x ${how.name}`;
        const built = build(
          respelled({ "Paid Search": spell("Paid Search", search), Social: spell("Social", social) }),
          {},
          { sheets: ["summary"] },
        );
        expect(built.headline.cac).toBeCloseTo(cac, 9);
      }),
      { numRuns: 25 },
    );
  });
});

describe("ad-platform exports", () => {
  const map = fixture("campaign-map.csv");
  const hand = (channel: string) => HAND.filter((row, i) => i === 0 || row[0] === channel);
  for (const [file, channel] of [
    ["google-ads-campaigns.csv", "Paid Search"],
    ["meta-ads-campaigns.csv", "Social"],
  ]) {
    it(`${file} gives the report a hand-typed table of the same spend gives`, () => {
      const typed = build(hand(channel));
      const exported = build(fixture(file), { campaignMap: map });
      expect(exported.data.cohorts.map((c) => c.spend)).toEqual(
        typed.data.cohorts.map((c) => (c.spend === undefined ? undefined : expect.closeTo(c.spend, 9))),
      );
      expect(exported.headline.cac).toBeCloseTo(typed.headline.cac as number, 9);
      checkFormulas(sheetOf(exported, "ltv-cac"));
    });
  }
});

/** Customers buying every 10 days from the data's first day (they bought before it), then new ones. */
function censoredRows(established: boolean): Cell[][] {
  const rows: Cell[][] = [["Customer", "Date", "Amount"]];
  const day = (n: number) => new Date(Date.UTC(2024, 0, 1 + n)).toISOString().slice(0, 10);
  for (let c = 0; c < 40; c++) {
    const start = c % 7;
    const every = established ? 10 : 60;
    for (let d = start; d < 180; d += every) rows.push([`old${c}`, day(d), "20"]);
  }
  for (let c = 0; c < 200; c++) {
    const start = 7 + ((c * 13) % 150);
    rows.push([`new${c}`, day(start), "30"]);
    if (c % 5 === 0) rows.push([`new${c}`, day(start + 15), "30"]);
  }
  return rows;
}

describe("the first cohort", () => {
  it("is said to be left-censored when the first week's customers buy again far sooner than later ones", () => {
    const built = reportFromTable({ rows: censoredRows(true), spend: null, context: ctx, options: {} });
    const note = built.report.settings["First cohort"] as string;
    expect(note).toMatch(
      /^2024-01-01 looks left-censored: 100% of the customers first seen in the data's first 7 days bought again within 28 days, against 20\.7% of customers first seen later/,
    );
    const retention = sheetOf(built, "retention");
    expect(find(retention, note)).toBeDefined();
    expect(find(sheetOf(built, "revenue"), note)).toBeDefined();
    const ko = reportFromTable({
      rows: censoredRows(true),
      spend: null,
      context: ctx,
      options: { language: "ko" },
    });
    expect(ko.report.settings["첫 코호트"]).toMatch(/왼쪽 절단/);
    const ru = reportFromTable({
      rows: censoredRows(true),
      spend: null,
      context: ctx,
      options: { language: "ru" },
    });
    expect(ru.report.settings["Первая когорта"]).toMatch(/цензурирована слева/);
  });

  it("is not when the first week's customers buy like later ones", () => {
    const built = reportFromTable({ rows: censoredRows(false), spend: null, context: ctx, options: {} });
    expect(built.report.settings["First cohort"]).toBeUndefined();
  });

  it("is left out of the cohort figures with skipFirstPeriod; the totals still count it", () => {
    const all = reportFromTable({ rows: censoredRows(true), spend: null, context: ctx, options: {} });
    const skipped = reportFromTable({
      rows: censoredRows(true),
      spend: null,
      context: ctx,
      options: { skipFirstPeriod: true },
    });
    expect(skipped.data.cohorts.map((c) => c.period)).toEqual(all.data.cohorts.slice(1).map((c) => c.period));
    expect(skipped.headline.customers).toBe(all.headline.customers);
    expect(skipped.report.settings["First cohort"]).toBe(
      `2024-01-01 left out of the cohort figures (${all.data.cohorts[0].size} customers first seen then); totals above still count them`,
    );
    expect(skipped.data.periods).toBe(all.data.periods - 1);
  });
});

/** The public exports (../shared/data): read there, never copied into the repository. */
const EXPORTS = join(import.meta.dirname, "..", "..", "..", "..", "shared", "data", "exports");
describeWithReferenceData("real exports: UCI invoices with spend by channel", () => {
  const read = (name: string) => parseCsv(readFileSync(join(EXPORTS, name)), name).rows;
  const invoices = read("online_retail_invoices_channels.csv");
  const built = (spend: string) =>
    reportFromTable({ rows: invoices, spend: read(spend), context: ctx, options: { splitBySegment: true } });

  it("gives the same blended CAC whatever the channels' spelling, equal to an independent computation", () => {
    const same = built("spend_by_channel.csv");
    const other = built("spend_by_channel_other_names.csv");
    // Independently: every month of spend lies inside the data (Dec 2010 – Dec 2011), so the blended
    // CAC is all the spend over all the customers (with a purchase: refunds alone start no cohort).
    const spend = read("spend_by_channel.csv")
      .slice(1)
      .reduce((s, row) => s + Number(row[2]), 0);
    const customers = new Set(
      invoices
        .slice(1)
        .filter((row) => Number(row[4]) >= 0)
        .map((row) => row[2]),
    ).size;
    expect(same.headline.cac).toBeCloseTo(spend / customers, 9);
    expect(other.headline.cac).toBeCloseTo(spend / customers, 9);
    expect(Math.round((other.headline.cac as number) * 100) / 100).toBe(56.93);
    expect(other.data.spendMatch?.unmatched.map((u) => [u.channel, u.spend])).toEqual([
      ["E-mail", 19500],
      ["Facebook Ads", 78000],
    ]);
    expect(other.data.spendMatch?.withoutSpend).toEqual(["Email", "Social"]);
  });

  it("says the first cohort (Dec 2010) is left-censored", () => {
    const report = built("spend_by_channel.csv");
    expect(report.report.settings["First cohort"]).toMatch(
      /^2010-12-01 looks left-censored: 36\.4% .* 15\.6%/,
    );
  });
});
