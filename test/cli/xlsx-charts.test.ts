/**
 * The charts of the .xlsx, read back from the zip as Excel, LibreOffice or openpyxl would: every
 * chart the report model describes is there, with its title, and each series' name, categories and
 * values point at the cells that hold them on the right sheet (checked against the cells exceljs
 * reads back, not against the writer's own arithmetic).
 */
import { mkdtempSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { writeReportXlsx } from "../../src/cli/xlsx";
import { escapeXml, rangeRef } from "../../src/cli/xlsx-charts";
import { sheetContext } from "../../src/core/cells";
import { reportFromTable } from "../../src/core/report/build";
import type { Report } from "../../src/core/report/model";
import { generateSample, purchaseTable, spendTable } from "../../src/core/sample/generate";
import { generateSubscriptionSample, paymentTable } from "../../src/core/sample/subscription";

const dir = mkdtempSync(join(tmpdir(), "cohort-charts-"));

interface ParsedSeries {
  name: string;
  categories: string;
  values: string;
  cachedName: string;
  cachedValues: (number | undefined)[];
}

interface ParsedChart {
  title: string;
  kinds: string[];
  grouping: string[];
  series: ParsedSeries[];
  /** The drawing anchor's top-left cell, 0-based. */
  from: { column: number; row: number };
}

const fromXml = (text: string) =>
  text
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");

function parseSeries(xml: string): ParsedSeries {
  const ref = (tag: string) =>
    fromXml(new RegExp(`<c:${tag}>[\\s\\S]*?<c:f>([^<]*)</c:f>`).exec(xml)?.[1] ?? "");
  const val = /<c:val>([\s\S]*?)<\/c:val>/.exec(xml)?.[1] ?? "";
  const count = Number(/<c:ptCount val="(\d+)"/.exec(val)?.[1]);
  const cachedValues: (number | undefined)[] = Array(count).fill(undefined);
  for (const m of val.matchAll(/<c:pt idx="(\d+)"><c:v>([^<]*)<\/c:v>/g))
    cachedValues[Number(m[1])] = Number(m[2]);
  const tx = /<c:tx>([\s\S]*?)<\/c:tx>/.exec(xml)?.[1] ?? "";
  return {
    name: ref("tx"),
    categories: ref("cat"),
    values: ref("val"),
    cachedName: fromXml(/<c:v>([^<]*)<\/c:v>/.exec(tx)?.[1] ?? ""),
    cachedValues,
  };
}

/** Every chart of every sheet, by sheet name, following the package's relationships. */
async function chartsOf(file: string): Promise<Map<string, ParsedChart[]>> {
  const zip = await JSZip.loadAsync(await readFile(file));
  const read = async (path: string) => (await zip.file(path)?.async("string")) ?? "";
  const target = (rels: string, id: string) =>
    new RegExp(`<Relationship Id="${id}" [^>]*Target="([^"]*)"`).exec(rels)?.[1] ?? "";
  const workbook = await read("xl/workbook.xml");
  const workbookRels = await read("xl/_rels/workbook.xml.rels");
  const types = await read("[Content_Types].xml");
  const out = new Map<string, ParsedChart[]>();
  for (const m of workbook.matchAll(/<sheet [^>]*name="([^"]*)"[^>]*r:id="([^"]*)"/g)) {
    const sheetPath = `xl/${target(workbookRels, m[2])}`;
    const sheetXml = await read(sheetPath);
    const drawingId = /<drawing r:id="([^"]*)"/.exec(sheetXml)?.[1];
    if (!drawingId) continue;
    const sheetRels = await read(sheetPath.replace(/([^/]+)$/, "_rels/$1.rels"));
    const drawingPath = join("xl/worksheets", target(sheetRels, drawingId));
    expect(types).toContain(`PartName="/${drawingPath}"`);
    const drawing = await read(drawingPath);
    const drawingRels = await read(drawingPath.replace(/([^/]+)$/, "_rels/$1.rels"));
    const charts: ParsedChart[] = [];
    for (const anchor of drawing.matchAll(/<xdr:twoCellAnchor[\s\S]*?<\/xdr:twoCellAnchor>/g)) {
      const chartPath = join("xl/drawings", target(drawingRels, /r:id="([^"]*)"/.exec(anchor[0])?.[1] ?? ""));
      expect(types).toContain(`PartName="/${chartPath}"`);
      const xml = await read(chartPath);
      const from = /<xdr:from><xdr:col>(\d+)<\/xdr:col>.*?<xdr:row>(\d+)<\/xdr:row>/.exec(anchor[0]);
      charts.push({
        title: fromXml(/<c:title>[\s\S]*?<a:t>([^<]*)<\/a:t>/.exec(xml)?.[1] ?? ""),
        kinds: [...xml.matchAll(/<c:(lineChart|barChart)>/g)].map((k) => k[1]),
        grouping: [...xml.matchAll(/<c:grouping val="([^"]*)"/g)].map((g) => g[1]),
        series: [...xml.matchAll(/<c:ser>[\s\S]*?<\/c:ser>/g)].map((s) => parseSeries(s[0])),
        from: { column: Number(from?.[1]), row: Number(from?.[2]) },
      });
    }
    out.set(fromXml(m[1]), charts);
  }
  return out;
}

/** The cells a reference such as `'Payback'!$B$40:$S$40` names, as exceljs reads them back. */
function cellsAt(book: ExcelJS.Workbook, ref: string): ExcelJS.Cell[] {
  const m = /^'((?:[^']|'')*)'!\$([A-Z]+)\$(\d+)(?::\$([A-Z]+)\$(\d+))?$/.exec(ref);
  if (!m) throw new Error(`not a reference: ${ref}`);
  const sheet = book.getWorksheet(m[1].replace(/''/g, "'"));
  if (!sheet) throw new Error(`no sheet in ${ref}`);
  const from = sheet.getCell(`${m[2]}${m[3]}`);
  const to = sheet.getCell(`${m[4] ?? m[2]}${m[5] ?? m[3]}`);
  const cells: ExcelJS.Cell[] = [];
  for (let r = Number(from.row); r <= Number(to.row); r++)
    for (let c = Number(from.col); c <= Number(to.col); c++) cells.push(sheet.getCell(r, c));
  return cells;
}

const numberOf = (cell: ExcelJS.Cell): number | undefined => {
  const v = cell.value;
  const x = v && typeof v === "object" && "result" in v ? v.result : v;
  return typeof x === "number" ? x : undefined;
};

async function written(report: Report, name: string) {
  const file = join(dir, name);
  await writeReportXlsx(report, file);
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(file);
  return { charts: await chartsOf(file), book };
}

describe("the workbook's charts", () => {
  it("draws every chart of the sample report, each series on the cells that hold it", async () => {
    const sample = generateSample();
    const { report } = reportFromTable({
      rows: purchaseTable(sample),
      spend: spendTable(sample),
      context: sheetContext(),
      options: { sheets: ["retention", "revenue", "ltv-cac", "summary", "payback"], splitBySegment: true },
    });
    const { charts, book } = await written(report, "sample.xlsx");
    expect([...charts.keys()]).toEqual(["Retention", "Revenue & LTV", "LTV-CAC", "Payback"]);
    for (const model of report.sheets) {
      const drawn = charts.get(model.name) ?? [];
      expect(drawn.map((c) => c.title)).toEqual(model.charts.map((c) => c.title));
      drawn.forEach((chart, i) => {
        expect(chart.from).toEqual({
          column: model.charts[i].anchor.column - 1,
          row: model.charts[i].anchor.row - 1,
        });
        for (const s of chart.series) {
          // Name: one cell, whose text is the cached name; values: as many cells as categories.
          expect(cellsAt(book, s.name)).toHaveLength(1);
          expect(String(cellsAt(book, s.name)[0].value)).toBe(s.cachedName);
          const values = cellsAt(book, s.values);
          expect(values).toHaveLength(cellsAt(book, s.categories).length);
          expect(values.map(numberOf)).toEqual(s.cachedValues);
        }
      });
    }

    // Retention: one curve per segment over periods 0, 1, …; period 0 is 100%.
    const [retention] = charts.get("Retention") ?? [];
    expect(retention.title).toBe("Retention curve by segment");
    expect(retention.series.map((s) => s.cachedName)).toEqual([
      "Email",
      "Organic",
      "Paid search",
      "Paid social",
    ]);
    const periods = cellsAt(book, retention.series[0].categories).map((c) => c.value);
    expect(periods).toEqual(Array.from({ length: periods.length }, (_, k) => k));
    for (const s of retention.series) expect(s.cachedValues[0]).toBe(1);

    // LTV against CAC: the segments' curves, then blended CAC as a flat line at LTV-CAC's "All cohorts" CAC.
    const [ltv] = charts.get("LTV-CAC") ?? [];
    const cac = ltv.series[ltv.series.length - 1];
    expect(cac.cachedName).toBe("Blended CAC");
    const allCohortsCac = book.getWorksheet("LTV-CAC")?.getCell(cellsAt(book, cac.values)[0].formula);
    expect(allCohortsCac && numberOf(allCohortsCac)).toBeGreaterThan(0);
    expect(new Set(cac.cachedValues)).toEqual(new Set([allCohortsCac && numberOf(allCohortsCac)]));

    // Payback: the segments' curves and the 1.0 line, every point of it at 1.
    const [payback] = charts.get("Payback") ?? [];
    const line = payback.series[payback.series.length - 1];
    expect(line.cachedName).toBe("Break-even (1.0)");
    expect(new Set(line.cachedValues)).toEqual(new Set([1]));
    expect(payback.kinds).toEqual(["lineChart"]);
  }, 120_000);

  it("stacks the MRR movements as columns with MRR as a line on a second axis", async () => {
    const sample = generateSubscriptionSample();
    const { report } = reportFromTable({
      rows: paymentTable(sample),
      spend: null,
      context: sheetContext(),
      options: { sheets: ["subscription"], observationEnd: sample.end },
    });
    const { charts, book } = await written(report, "subscription.xlsx");
    const [movements, retention] = charts.get("Subscription (MRR)") ?? [];
    expect(movements.kinds).toEqual(["barChart", "lineChart"]);
    expect(movements.grouping).toEqual(["stacked", "standard"]);
    const names = movements.series.map((s) => s.cachedName);
    expect(names).toEqual(["New", "Expansion", "Reactivation", "Contraction", "Churned", "MRR at end"]);
    // Every series shares the months column; each its own column of the table.
    const months = movements.series[0].categories;
    for (const s of movements.series) expect(s.categories).toBe(months);
    expect(new Set(movements.series.map((s) => s.values)).size).toBe(6);
    expect(cellsAt(book, months)[0].value).toBeInstanceOf(Date);
    expect(retention.kinds).toEqual(["lineChart"]);
  }, 120_000);

  it("quotes sheet names in references as formulas do", () => {
    expect(rangeRef("Revenue & LTV", { row: 3, column: 1, rows: 2, columns: 3 })).toBe(
      "'Revenue & LTV'!$A$3:$C$4",
    );
    expect(rangeRef("O'Brien", { row: 1, column: 27, rows: 1, columns: 1 })).toBe("'O''Brien'!$AA$1");
  });
});

describe("escapeXml", () => {
  it("escapes markup and drops what XML cannot hold", () => {
    expect(escapeXml('a<b & "c">')).toBe("a&lt;b &amp; &quot;c&quot;&gt;");
    expect(escapeXml("Paid\u0001 search\ud800 ok 😀")).toBe("Paid\uFFFD search\uFFFD ok 😀");
  });
});
