/**
 * The predicted value of a new customer and LTV:CAC by channel, on the LTV-CAC sheet and Summary: the
 * block holds what core/segments computes for each channel (a small channel pooled, and marked so),
 * its recent CAC and ratios are live formulas that follow typed spend (evaluated by HyperFormula
 * with the workbook's sheet references), and a report without rows says why it has no block.
 */
import { describe, expect, it } from "vitest";
import { sheetContext } from "../../../src/core/cells";
import { rfmSummary } from "../../../src/core/cohorts";
import { BLANK_SEGMENT } from "../../../src/core/cohorts/cohort-table";
import { historiesOf } from "../../../src/core/forecast/histories";
import { reportFromTable } from "../../../src/core/report/build";
import { channelValues } from "../../../src/core/report/channel-value";
import type { ReportDataWithRows } from "../../../src/core/report/data";
import { ltvCacSheet } from "../../../src/core/report/ltv-cac";
import { isFormula, type Report, type ReportCell, type ReportSheet } from "../../../src/core/report/model";
import { summarySheet } from "../../../src/core/report/summary";
import { wordsOf } from "../../../src/core/report/words";
import { generateSample, purchaseTable, spendTable } from "../../../src/core/sample/generate";
import { MIN_REPEAT_BUYERS, newCustomerValues } from "../../../src/core/segments/new-customer-value";
import { formulaCells, reportEngine } from "./engine";

const context = sheetContext("en_US", "UTC");
const w = wordsOf("en");
const OPTIONS = { horizonsMonths: [12, 24, 36], monthlyDiscountRate: 0.01 };

// The seeded sample, its first 25 customers moved to a small "Referral" channel with its own spend.
const sample = generateSample({ customers: 1000 });
const [header, ...purchases] = purchaseTable(sample);
const few = new Set([...new Set(purchases.map((row) => row[0]))].slice(0, 25));
const rows = [header, ...purchases.map((row) => (few.has(row[0]) ? [...row.slice(0, 3), "Referral"] : row))];
const spend = [
  ...spendTable(sample),
  ...spendTable(sample)
    .slice(1)
    .filter((row) => row[2] === "Email")
    .map((row) => [row[0], "120", "Referral"]),
];

function build(split: boolean, marginRate?: number) {
  return reportFromTable({ rows, spend, context, options: { splitBySegment: split, marginRate } });
}

const sheetOf = (report: Report, key: ReportSheet["key"]) =>
  report.sheets.find((s) => s.key === key) as ReportSheet;
const shown = (cell: ReportCell | undefined) =>
  isFormula(cell ?? null) ? (cell as { value: unknown }).value : cell;

/** The block's channel rows: per channel its first row (1-based) and what the cells hold. */
function block(sheet: ReportSheet) {
  const head = sheet.cells.findIndex((row) => row[0] === "Channel" && row[9] === "Model");
  expect(head).toBeGreaterThan(0);
  const channels: { row: number; name: string; cells: ReportCell[][] }[] = [];
  // The block ends at the blank row before the chart's data.
  for (let r = head + 1; r < sheet.cells.length && sheet.cells[r]?.length; r += 3)
    channels.push({ row: r + 1, name: sheet.cells[r][0] as string, cells: sheet.cells.slice(r, r + 3) });
  return channels;
}

/** The core's values, fitted here from the report's transactions. */
function expected(data: ReportDataWithRows, margin: number, split: boolean) {
  const tx = data.transactions;
  const rfm = rfmSummary(tx, { endDay: data.observationEnd, unit: "week" });
  const groups = split
    ? {
        labels: (tx.segments as string[]).map((s) => s || BLANK_SEGMENT),
        segmentOf: Int32Array.from(rfm.customer, (c) => (tx.segment as Int32Array)[tx.firstPurchase[c]]),
      }
    : undefined;
  return {
    rfm,
    values: newCustomerValues(rfm, { ...OPTIONS, margin }, 0.8, groups),
    pooled: newCustomerValues(rfm, { ...OPTIONS, margin }, 0.8)[0],
  };
}

const close = (actual: unknown, value: number) => {
  expect(typeof actual).toBe("number");
  expect(Math.abs((actual as number) / value - 1)).toBeLessThan(1e-12);
};

describe("predicted value and LTV:CAC by channel", () => {
  const built = build(true, 0.4);
  const ltvCac = sheetOf(built.report, "ltv-cac");
  const channels = block(ltvCac);
  const core = expected(built.data as ReportDataWithRows, 0.4, true);

  it("holds the core's value of a new customer per channel at 12, 24 and 36 months, with the 80% interval", () => {
    expect(channels.map((c) => c.name).sort()).toEqual(core.values.map((v) => v.segment).sort());
    for (const channel of channels) {
      const mine = core.values.find((v) => v.segment === channel.name);
      if (!mine) throw new Error(channel.name);
      expect(channel.cells[0][1]).toBe(mine.customers);
      channel.cells.forEach((row, h) => {
        expect(row[4]).toBe(OPTIONS.horizonsMonths[h]);
        close(row[5], mine.values[h].value);
        close(row[6], mine.values[h].lower as number);
        close(row[7], mine.values[h].upper as number);
      });
    }
    expect(ltvCac.cells.flat()).toContain(w.predictedTitle(true));
  });

  it(`pools a channel of fewer than ${MIN_REPEAT_BUYERS} repeat buyers, and says so`, () => {
    const referral = channels.find((c) => c.name === "Referral");
    const mine = core.values.find((v) => v.segment === "Referral");
    if (!referral || !mine) throw new Error("no Referral row");
    expect(mine.pooled).toBe(true);
    expect(referral.cells[0][9]).toBe(w.pooledFew(mine.repeatBuyers, MIN_REPEAT_BUYERS));
    expect(referral.cells[0][9]).toMatch(/^pooled fit: only \d+ repeat buyers here \(30 needed\)/);
    referral.cells.forEach((row, h) => {
      close(row[5], core.pooled.values[h].value);
    });
    // Every row says which fit it took, and why a pooled one was pooled.
    const models = channels.map((c) => {
      const v = core.values.find((x) => x.segment === c.name);
      if (!v) throw new Error(c.name);
      expect(c.cells[0][9]).toBe(
        !v.pooled
          ? w.ownFit(v.repeatBuyers)
          : v.repeatBuyers < MIN_REPEAT_BUYERS
            ? w.pooledFew(v.repeatBuyers, MIN_REPEAT_BUYERS)
            : w.pooledFailed,
      );
      return c.cells[0][9];
    });
    expect(models).toContain(
      w.ownFit(core.values.find((v) => v.segment === "Paid search")?.repeatBuyers ?? 0),
    );
    expect(ltvCac.styles).toContainEqual(
      expect.objectContaining({
        range: { row: referral.row, column: 1, rows: 3, columns: 10 },
        italic: true,
      }),
    );
  });

  it("divides by the channel's recent CAC: its last 3 cohorts with a spend", () => {
    for (const channel of channels) {
      const cohorts = built.data.cohorts.filter((c) => c.segment === channel.name && c.spend !== undefined);
      const recent = cohorts.slice(-3);
      const cac = recent.reduce((s, c) => s + (c.spend ?? 0), 0) / recent.reduce((n, c) => n + c.size, 0);
      expect(shown(channel.cells[0][2])).toBe(recent[0].start + 25_569);
      if (cac === 0) expect(shown(channel.cells[0][3])).toBe(0);
      else close(shown(channel.cells[0][3]), cac);
      channel.cells.forEach((row) => {
        const ratio = shown(row[8]);
        if (cac === 0) expect(ratio).toBeNull();
        else close(ratio, (row[5] as number) / cac);
      });
    }
    // Summary shows each channel's 12-month ratio, as a reference to the block.
    const summary = sheetOf(built.report, "summary");
    const named = summary.cells.filter((row) => String(row[0]).startsWith("Predicted LTV:CAC, 12 months: "));
    expect(named.map((row) => row[0])).toEqual(
      channels.map((c) => {
        const pooled = core.values.find((v) => v.segment === c.name)?.pooled ?? false;
        return w.predictedRatio(true, 12, c.name, pooled)[0];
      }),
    );
    named.forEach((row, i) => {
      const cell = row[1] as { formula: string; value: unknown };
      expect(cell.formula).toBe(`=⟦ltv-cac⟧!$I$${channels[i].row}`);
      expect(cell.value).toBe(shown(channels[i].cells[0][8]));
    });
  });

  it("recomputes recent CAC and predicted LTV:CAC, here and on Summary, when a marketer types spend", () => {
    const engine = reportEngine(built.report);
    for (const f of formulaCells(built.report)) {
      const value = engine.value(f.key, f.row, f.column);
      if (typeof f.cached === "number") expect(value).toBeCloseTo(f.cached, 9);
      else expect(value).toBe(f.cached);
    }
    const paid = channels.find((c) => c.name === "Paid search");
    if (!paid) throw new Error("no Paid search row");
    // The channel's cohort rows with a spend, as sheet rows (the cohorts start in row 4).
    const withSpend = built.data.cohorts.flatMap((c, i) =>
      c.segment === "Paid search" && c.spend !== undefined ? [{ row: 4 + i, cohort: c }] : [],
    );
    const last3 = withSpend.slice(-3);
    const summaryRow =
      sheetOf(built.report, "summary").cells.findIndex((row) =>
        String(row[0]).endsWith("12 months: Paid search"),
      ) + 1;
    const typed = 9_000;
    engine.type("ltv-cac", last3[2].row, 4, typed);
    const spendOf = (x: (typeof last3)[number], i: number) => (i === 2 ? typed : (x.cohort.spend as number));
    const cac =
      last3.reduce((s, x, i) => s + spendOf(x, i), 0) / last3.reduce((n, x) => n + x.cohort.size, 0);
    expect(engine.value("ltv-cac", paid.row, 4)).toBeCloseTo(cac, 6);
    const value12 = paid.cells[0][5] as number;
    expect(engine.value("ltv-cac", paid.row, 9)).toBeCloseTo(value12 / cac, 6);
    expect(engine.value("ltv-cac", paid.row + 2, 9)).toBeCloseTo((paid.cells[2][5] as number) / cac, 6);
    expect(engine.value("summary", summaryRow, 2)).toBeCloseTo(value12 / cac, 6);

    // A cleared spend leaves that cohort out: the three before it are the recent ones.
    engine.type("ltv-cac", last3[2].row, 4, null);
    const earlier = withSpend.slice(-4, -1);
    expect(engine.value("ltv-cac", paid.row, 3)).toBe(earlier[0].cohort.start + 25_569);
    const before =
      earlier.reduce((s, x) => s + (x.cohort.spend as number), 0) /
      earlier.reduce((n, x) => n + x.cohort.size, 0);
    expect(engine.value("ltv-cac", paid.row, 4)).toBeCloseTo(before, 6);
    expect(engine.value("summary", summaryRow, 2)).toBeCloseTo(value12 / before, 6);
  });

  it("has one 'All customers' row when the report is not split by channel, on revenue without a margin", () => {
    const whole = build(false);
    const [all, ...more] = block(sheetOf(whole.report, "ltv-cac"));
    const { rfm, pooled } = expected(whole.data as ReportDataWithRows, 1, false);
    expect(more).toEqual([]);
    expect(all.name).toBe(w.allCustomers);
    expect(all.cells[0][1]).toBe(rfm.length);
    all.cells.forEach((row, h) => {
      close(row[5], pooled.values[h].value);
    });
    expect(sheetOf(whole.report, "ltv-cac").cells.flat()).toContain(w.predictedTitle(false));
    const summary = sheetOf(whole.report, "summary").cells.map((row) => row[0]);
    expect(summary).toContain("Predicted revenue LTV:CAC, 12 months: All customers");
  });

  it("gives the same values to the last bit from one row a customer (a database's histories, in id order) as from the rows", () => {
    const data = built.data as ReportDataWithRows;
    const tx = data.transactions;
    const h = historiesOf(tx, data.observationEnd, data.observationEnd);
    // Each customer's segment as the customers query gives it: their first purchase's, "" when blank.
    const index = new Map(tx.ids.map((id, c) => [id, c]));
    const segment = h.ids.map((id) => {
      const c = index.get(id) as number;
      return (tx.segments as string[])[(tx.segment as Int32Array)[tx.firstPurchase[c]]];
    });
    const fromDatabase = { ...data, transactions: undefined, histories: { ...h, segment } };
    expect(channelValues(fromDatabase)).toEqual(channelValues(data));
    expect(channelValues(data)?.channels?.length).toBeGreaterThan(1);
    // Split, but without the segments: no block rather than a guess.
    expect(channelValues({ ...fromDatabase, histories: h })).toBeUndefined();
  });

  it("says in one line why there is no block when the report was computed without its rows", () => {
    const data = { ...built.data, transactions: undefined };
    const sheet = ltvCacSheet(data);
    expect(sheet.cells.flat()).toContain(w.predictedNeedsRows);
    expect(sheet.cells.flat()).not.toContain("Channel");
    // Every cell above the block is the same as with the rows.
    const top = sheet.cells.findIndex((row) => row[0] === w.predictedTitle(true));
    expect(sheet.cells.slice(0, top)).toEqual(ltvCac.cells.slice(0, top));
    const summary = summarySheet(data, true).cells.map((row) => String(row[0]));
    expect(summary.some((name) => name.startsWith("Predicted"))).toBe(false);
  });
});
