/**
 * The workbook's charts and page setup as another program reads them: openpyxl (Python's xlsx
 * library) loads the sample workbook and lists each chart's kind, title and series references, and
 * each sheet's print titles; they must be the report model's. Skipped, saying why, without openpyxl
 * (`apt-get install python3-openpyxl`).
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, it } from "vitest";
import { writeReportXlsx } from "../../src/cli/xlsx";
import { rangeRef } from "../../src/cli/xlsx-charts";
import { sheetContext } from "../../src/core/cells";
import { reportFromTable } from "../../src/core/report/build";
import { chartSeries } from "../../src/core/report/charts";
import { generateSample, purchaseTable, spendTable } from "../../src/core/sample/generate";

const python = ["python3", "/usr/bin/python3"].find(
  (p) => spawnSync(p, ["-c", "import openpyxl"]).status === 0,
);
if (!python)
  console.log("openpyxl.test.ts skipped: no python3 with openpyxl (apt-get install python3-openpyxl)");

const LIST = `
import json, sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
out = []
for ws in wb.worksheets:
    charts = []
    for ch in ws._charts:
        charts.append({
            "kind": type(ch).__name__,
            "title": ch.title.tx.rich.p[0].r[0].t,
            "series": [[s.tx.strRef.f, (s.cat.numRef or s.cat.strRef).f, s.val.numRef.f] for s in ch.series],
        })
    out.append({"sheet": ws.title, "charts": charts, "titles": ws.print_title_rows,
                "landscape": ws.page_setup.orientation == "landscape"})
print(json.dumps(out))
`;

it.skipIf(!python)(
  "reads every chart's series at the model's ranges, and each sheet's print titles",
  async () => {
    const sample = generateSample();
    const { report } = reportFromTable({
      rows: purchaseTable(sample),
      spend: spendTable(sample),
      context: sheetContext(),
      options: { sheets: ["retention", "revenue", "ltv-cac", "summary", "payback"], splitBySegment: true },
    });
    const file = join(mkdtempSync(join(tmpdir(), "cohort-openpyxl-")), "report.xlsx");
    await writeReportXlsx(report, file);
    const run = spawnSync(python as string, ["-c", LIST, file], { encoding: "utf8" });
    expect(run.status, run.stderr).toBe(0);
    const read = JSON.parse(run.stdout) as {
      sheet: string;
      charts: { kind: string; title: string; series: string[][] }[];
      titles: string | null;
      landscape: boolean;
    }[];
    expect(read.map((s) => s.sheet)).toEqual(report.sheets.map((s) => s.name));
    read.forEach((sheet, i) => {
      const model = report.sheets[i];
      expect(sheet.titles).toBe(model.frozenRows ? `$1:$${model.frozenRows}` : null);
      expect(sheet.landscape).toBe(model.print?.landscape);
      expect(sheet.charts).toEqual(
        model.charts.map((chart) => ({
          kind: chart.type === "line" ? "LineChart" : "BarChart",
          title: chart.title,
          series: chartSeries(chart).map((s) =>
            [s.name, s.categories, s.values].map((r) => rangeRef(sheet.sheet, r)),
          ),
        })),
      );
    });
    expect(read.flatMap((s) => s.charts)).toHaveLength(4);
  },
  120_000,
);
