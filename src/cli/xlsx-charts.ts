/**
 * Native charts in an .xlsx that exceljs wrote: exceljs reads and writes no charts, and no maintained
 * npm library adds charts to a workbook it did not build (xlsx-chart writes a workbook of its own from
 * a template; xlsx-populate and excel4node have no charts). So this module opens the zip exceljs wrote
 * (with jszip, exceljs's own zip library) and adds, per sheet with charts, the DrawingML parts of ECMA-376
 * Part 1 §21.2 (charts) and §20.5 (spreadsheet drawing): xl/charts/chartN.xml, xl/drawings/drawingN.xml,
 * their relationships, the sheet's `<drawing>` element and the [Content_Types].xml overrides.
 *
 * Each series refers to its cells (`'Sheet'!$B$4:$M$4`), so Excel, LibreOffice and Google Sheets draw
 * what the cells hold after recalculating; the values cached beside the references are the model's, for
 * viewers that do not recalculate. The series come from core/report/charts.ts, as the Sheets writer's do.
 */
import JSZip from "jszip";
import { isDate, MS_PER_DAY } from "../core/cells";
import { CHART_SIZE, type ChartSeries, chartSeries } from "../core/report/charts";
import { looks } from "../core/report/column-widths";
import {
  type CellRange,
  type Chart,
  isFormula,
  type RangeStyle,
  type ReportCell,
} from "../core/report/model";
import { a1 } from "../core/report/sheet";
import { xmlText } from "./xml-text";

/** The charts of one sheet, with what places them and fills their caches. */
export interface SheetCharts {
  /** The sheet's name in the workbook. */
  sheet: string;
  charts: readonly Chart[];
  cells: readonly ReportCell[][];
  /** The sheet's styles: the value axis shows the values' number format. */
  styles: readonly RangeStyle[];
  /** Column widths in pixels by 1-based column; unlisted columns are 64 px. */
  columnWidths: Readonly<Record<number, number>>;
}

const ROW_PIXELS = 20;
const EMU_PER_PIXEL = 9525;

const NS = {
  r: "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
  rels: "http://schemas.openxmlformats.org/package/2006/relationships",
  c: "http://schemas.openxmlformats.org/drawingml/2006/chart",
  a: "http://schemas.openxmlformats.org/drawingml/2006/main",
  xdr: "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing",
  drawingRel: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing",
  chartRel: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart",
  drawingType: "application/vnd.openxmlformats-officedocument.drawing+xml",
  chartType: "application/vnd.openxmlformats-officedocument.drawingml.chart+xml",
} as const;

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/** Text as XML character data: markup escaped, and characters XML 1.0 cannot hold written as U+FFFD (xml-text.ts). */
export const escapeXml = (text: string) =>
  xmlText(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** `'Sheet name'!$A$1:$B$2`, the sheet name quoted as formulas quote it. */
export function rangeRef(sheet: string, r: CellRange): string {
  const from = a1(r.row, r.column, true);
  const to = a1(r.row + r.rows - 1, r.column + r.columns - 1, true);
  return `'${sheet.replace(/'/g, "''")}'!${from === to ? from : `${from}:${to}`}`;
}

function cellsOf(cells: SheetCharts["cells"], r: CellRange): ReportCell[] {
  const out: ReportCell[] = [];
  for (let row = r.row; row < r.row + r.rows; row++)
    for (let column = r.column; column < r.column + r.columns; column++)
      out.push(cells[row - 1]?.[column - 1] ?? null);
  return out;
}

const cellValue = (cell: ReportCell) => (isFormula(cell) ? cell.value : cell);

/** A spreadsheet serial day of a UTC-midnight date (1899-12-30 is day 0). */
const serial = (date: Date) => date.getTime() / MS_PER_DAY + 25569;

const asNumber = (cell: ReportCell): number | null => {
  const v = cellValue(cell);
  if (isDate(v)) return serial(v);
  return typeof v === "number" && Number.isFinite(v) ? v : null;
};

const asText = (cell: ReportCell): string => {
  const v = cellValue(cell);
  if (v === null || v === undefined) return "";
  return isDate(v) ? v.toISOString().slice(0, 10) : String(v);
};

function numRef(sheet: string, r: CellRange, cells: ReportCell[], format = "General"): string {
  const points = cells
    .map((cell, i) => {
      const v = asNumber(cell);
      return v === null ? "" : `<c:pt idx="${i}"><c:v>${v}</c:v></c:pt>`;
    })
    .join("");
  return `<c:numRef><c:f>${escapeXml(rangeRef(sheet, r))}</c:f><c:numCache><c:formatCode>${escapeXml(format)}</c:formatCode><c:ptCount val="${cells.length}"/>${points}</c:numCache></c:numRef>`;
}

function strRef(sheet: string, r: CellRange, cells: ReportCell[]): string {
  const points = cells
    .map((cell, i) => `<c:pt idx="${i}"><c:v>${escapeXml(asText(cell))}</c:v></c:pt>`)
    .join("");
  return `<c:strRef><c:f>${escapeXml(rangeRef(sheet, r))}</c:f><c:strCache><c:ptCount val="${cells.length}"/>${points}</c:strCache></c:strRef>`;
}

/** Categories of numbers or dates as numbers (dates keep their format), anything else as text. */
function categories(sheet: string, r: CellRange, cells: ReportCell[]): string {
  const values = cells.map(cellValue);
  if (values.every((v) => isDate(v))) return numRef(sheet, r, cells, "yyyy-mm-dd");
  if (values.every((v) => typeof v === "number")) return numRef(sheet, r, cells);
  return strRef(sheet, r, cells);
}

function richText(text: string, size = 1200, bold = true): string {
  return `<c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="${size}" b="${bold ? 1 : 0}"/></a:pPr><a:r><a:rPr lang="en-US" sz="${size}" b="${bold ? 1 : 0}"/><a:t>${escapeXml(text)}</a:t></a:r></a:p></c:rich></c:tx>`;
}

const title = (text: string | undefined, size?: number) =>
  text ? `<c:title>${richText(text, size)}<c:overlay val="0"/></c:title>` : "";

function series(s: ChartSeries, index: number, kind: "line" | "bar", source: SheetCharts): string {
  const at = (r: CellRange) => cellsOf(source.cells, r);
  const look =
    kind === "line"
      ? '<c:spPr><a:ln w="22225" cap="rnd"><a:round/></a:ln></c:spPr><c:marker><c:symbol val="none"/></c:marker>'
      : '<c:invertIfNegative val="0"/>';
  return (
    `<c:ser><c:idx val="${index}"/><c:order val="${index}"/>` +
    `<c:tx>${strRef(source.sheet, s.name, at(s.name))}</c:tx>${look}` +
    `<c:cat>${categories(source.sheet, s.categories, at(s.categories))}</c:cat>` +
    `<c:val>${numRef(source.sheet, s.values, at(s.values))}</c:val>` +
    (kind === "line" ? '<c:smooth val="0"/>' : "") +
    "</c:ser>"
  );
}

function categoryAxis(id: number, cross: number, chart: Chart, hidden = false): string {
  return (
    `<c:catAx><c:axId val="${id}"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="${hidden ? 1 : 0}"/>` +
    `<c:axPos val="b"/>${hidden ? "" : title(chart.xAxisTitle, 1000)}<c:numFmt formatCode="General" sourceLinked="1"/>` +
    `<c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="low"/>` +
    `<c:crossAx val="${cross}"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>`
  );
}

function valueAxis(
  id: number,
  cross: number,
  axisTitle: string | undefined,
  format: string,
  right = false,
): string {
  return (
    `<c:valAx><c:axId val="${id}"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/>` +
    `<c:axPos val="${right ? "r" : "l"}"/>${right ? "" : '<c:majorGridlines><c:spPr><a:ln w="6350"><a:solidFill><a:srgbClr val="D9D9D9"/></a:solidFill></a:ln></c:spPr></c:majorGridlines>'}` +
    `${title(axisTitle, 1000)}<c:numFmt formatCode="${escapeXml(format)}" sourceLinked="0"/>` +
    `<c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>` +
    `<c:crossAx val="${cross}"/><c:crosses val="${right ? "max" : "autoZero"}"/><c:crossBetween val="between"/></c:valAx>`
  );
}

/** The chart part (c:chartSpace) of one report chart. */
export function chartXml(chart: Chart, source: SheetCharts): string {
  const all = chartSeries(chart);
  // An axis shows its first series' number format (LibreOffice does not link it to the cells).
  const grid = looks(source.cells, source.styles);
  const formatOf = (s: ChartSeries | undefined) =>
    (s && grid[s.values.row - 1]?.[s.values.column - 1]?.format) || "General";
  const bars = all.filter((s) => !s.line);
  const lines = all.filter((s) => s.line);
  let plot: string;
  if (chart.type === "line") {
    plot =
      `<c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>${all.map((s, i) => series(s, i, "line", source)).join("")}` +
      `<c:marker val="1"/><c:axId val="1"/><c:axId val="2"/></c:lineChart>` +
      categoryAxis(1, 2, chart) +
      valueAxis(2, 1, chart.yAxisTitle, formatOf(all[0]));
  } else {
    const grouping = chart.stacked ? "stacked" : "clustered";
    plot =
      `<c:barChart><c:barDir val="col"/><c:grouping val="${grouping}"/><c:varyColors val="0"/>` +
      bars.map((s, i) => series(s, i, "bar", source)).join("") +
      `<c:gapWidth val="60"/>${chart.stacked ? '<c:overlap val="100"/>' : ""}<c:axId val="1"/><c:axId val="2"/></c:barChart>`;
    if (lines.length) {
      // The lines over the columns, on a second value axis at the right (as the Sheets combo chart).
      plot +=
        `<c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>` +
        lines.map((s, i) => series(s, bars.length + i, "line", source)).join("") +
        `<c:marker val="1"/><c:axId val="3"/><c:axId val="4"/></c:lineChart>`;
    }
    plot += categoryAxis(1, 2, chart) + valueAxis(2, 1, chart.yAxisTitle, formatOf(bars[0]));
    if (lines.length)
      plot += categoryAxis(3, 4, chart, true) + valueAxis(4, 3, undefined, formatOf(lines[0]), true);
  }
  return (
    `${XML_HEAD}<c:chartSpace xmlns:c="${NS.c}" xmlns:a="${NS.a}" xmlns:r="${NS.r}">` +
    `<c:roundedCorners val="0"/><c:chart>${title(chart.title, 1300)}<c:autoTitleDeleted val="0"/>` +
    `<c:plotArea><c:layout/>${plot}</c:plotArea>` +
    `<c:legend><c:legendPos val="r"/><c:overlay val="0"/></c:legend><c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart>` +
    `<c:spPr><a:solidFill><a:srgbClr val="FFFFFF"/></a:solidFill><a:ln><a:noFill/></a:ln></c:spPr></c:chartSpace>`
  );
}

/** The cell and offset (0-based, pixels) where a point `pixels` right of column `column`'s left edge falls. */
function columnAt(column: number, pixels: number, widths: SheetCharts["columnWidths"]): [number, number] {
  let c = column;
  let left = pixels;
  for (;;) {
    const width = widths[c] ?? 64;
    if (left < width) return [c - 1, left];
    left -= width;
    c++;
  }
}

function anchorXml(chart: Chart, index: number, widths: SheetCharts["columnWidths"]): string {
  const { row, column } = chart.anchor;
  const [toColumn, columnOffset] = columnAt(column, CHART_SIZE.width, widths);
  const rows = Math.floor(CHART_SIZE.height / ROW_PIXELS);
  const rowOffset = CHART_SIZE.height - rows * ROW_PIXELS;
  const cell = (c: number, cOff: number, r: number, rOff: number) =>
    `<xdr:col>${c}</xdr:col><xdr:colOff>${cOff * EMU_PER_PIXEL}</xdr:colOff><xdr:row>${r}</xdr:row><xdr:rowOff>${rOff * EMU_PER_PIXEL}</xdr:rowOff>`;
  return (
    `<xdr:twoCellAnchor editAs="oneCell"><xdr:from>${cell(column - 1, 0, row - 1, 0)}</xdr:from>` +
    `<xdr:to>${cell(toColumn, Math.round(columnOffset), row - 1 + rows, rowOffset)}</xdr:to>` +
    `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="${index + 2}" name="${escapeXml(`Chart ${index + 1}: ${chart.title}`)}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>` +
    `<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm><a:graphic><a:graphicData uri="${NS.c}">` +
    `<c:chart xmlns:c="${NS.c}" r:id="rId${index + 1}"/></a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor>`
  );
}

const relationships = (items: { id: string; type: string; target: string }[]) =>
  `${XML_HEAD}<Relationships xmlns="${NS.rels}">${items
    .map((r) => `<Relationship Id="${r.id}" Type="${r.type}" Target="${escapeXml(r.target)}"/>`)
    .join("")}</Relationships>`;

const unescapeXml = (text: string) =>
  text
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");

/** Worksheet part paths by sheet name, as xl/workbook.xml and its relationships name them. */
async function sheetParts(zip: JSZip): Promise<Map<string, string>> {
  const workbook = await text(zip, "xl/workbook.xml");
  const rels = await text(zip, "xl/_rels/workbook.xml.rels");
  const targets = new Map<string, string>();
  for (const m of rels.matchAll(/<Relationship\b[^>]*>/g)) {
    const id = /\bId="([^"]*)"/.exec(m[0])?.[1];
    const target = /\bTarget="([^"]*)"/.exec(m[0])?.[1];
    if (id && target) targets.set(id, target.replace(/^\/?(xl\/)?/, "xl/"));
  }
  const parts = new Map<string, string>();
  for (const m of workbook.matchAll(/<sheet\b[^>]*>/g)) {
    const name = /\bname="([^"]*)"/.exec(m[0])?.[1];
    const id = /\br:id="([^"]*)"/.exec(m[0])?.[1];
    const target = id && targets.get(id);
    if (name !== undefined && target) parts.set(unescapeXml(name), target);
  }
  return parts;
}

async function text(zip: JSZip, path: string): Promise<string> {
  const file = zip.file(path);
  if (!file) throw new Error(`the workbook has no ${path}`);
  return file.async("string");
}

/** The first free number of parts named `prefix{N}.xml`. */
function freeNumber(zip: JSZip, prefix: string, taken: Set<string>): number {
  let n = 1;
  while (zip.file(`${prefix}${n}.xml`) || taken.has(`${prefix}${n}.xml`)) n++;
  taken.add(`${prefix}${n}.xml`);
  return n;
}

/** Where CT_Worksheet allows `<drawing>`: before the first of these, else at the end. */
const AFTER_DRAWING = [
  "<legacyDrawing",
  "<legacyDrawingHF",
  "<picture",
  "<oleObjects",
  "<controls",
  "<webPublishItems",
  "<tableParts",
  "<extLst",
  "</worksheet>",
];

function withDrawing(sheetXml: string, relId: string): string {
  if (/<drawing\b/.test(sheetXml)) throw new Error("the sheet already has a drawing");
  const at = Math.min(...AFTER_DRAWING.map((tag) => sheetXml.indexOf(tag)).filter((i) => i >= 0));
  const xml = `${sheetXml.slice(0, at)}<drawing r:id="${relId}"/>${sheetXml.slice(at)}`;
  return /xmlns:r=/.test(xml) ? xml : xml.replace("<worksheet ", `<worksheet xmlns:r="${NS.r}" `);
}

/** The .xlsx `xlsx` with each sheet's charts added; sheets without charts are left as they are. */
export async function addCharts(
  xlsx: Uint8Array | ArrayBuffer,
  sheets: readonly SheetCharts[],
): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(xlsx);
  const parts = await sheetParts(zip);
  const taken = new Set<string>();
  const overrides: string[] = [];
  for (const source of sheets) {
    if (source.charts.length === 0) continue;
    const part = parts.get(source.sheet);
    if (!part) throw new Error(`the workbook has no sheet "${source.sheet}"`);
    const drawing = freeNumber(zip, "xl/drawings/drawing", taken);
    const drawingPath = `xl/drawings/drawing${drawing}.xml`;
    const chartRels = source.charts.map((chart, i) => {
      const n = freeNumber(zip, "xl/charts/chart", taken);
      zip.file(`xl/charts/chart${n}.xml`, chartXml(chart, source));
      overrides.push(`<Override PartName="/xl/charts/chart${n}.xml" ContentType="${NS.chartType}"/>`);
      return { id: `rId${i + 1}`, type: NS.chartRel, target: `../charts/chart${n}.xml` };
    });
    zip.file(
      drawingPath,
      `${XML_HEAD}<xdr:wsDr xmlns:xdr="${NS.xdr}" xmlns:a="${NS.a}" xmlns:r="${NS.r}">${source.charts
        .map((chart, i) => anchorXml(chart, i, source.columnWidths))
        .join("")}</xdr:wsDr>`,
    );
    zip.file(`xl/drawings/_rels/drawing${drawing}.xml.rels`, relationships(chartRels));
    overrides.push(`<Override PartName="/${drawingPath}" ContentType="${NS.drawingType}"/>`);

    // The sheet's relationships: exceljs's (comments, VML notes) kept, the drawing's added.
    const slash = part.lastIndexOf("/") + 1;
    const relsPath = `${part.slice(0, slash)}_rels/${part.slice(slash)}.rels`;
    const existing = zip.file(relsPath) ? await text(zip, relsPath) : relationships([]);
    const relId = "rIdCharts";
    const rel = `<Relationship Id="${relId}" Type="${NS.drawingRel}" Target="../drawings/drawing${drawing}.xml"/>`;
    zip.file(relsPath, existing.replace("</Relationships>", `${rel}</Relationships>`));
    zip.file(part, withDrawing(await text(zip, part), relId));
  }
  if (overrides.length) {
    const types = await text(zip, "[Content_Types].xml");
    zip.file("[Content_Types].xml", types.replace("</Types>", `${overrides.join("")}</Types>`));
  }
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
}
