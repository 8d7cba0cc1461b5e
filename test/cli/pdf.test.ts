/**
 * The sample workbook `npm start` writes, printed to PDF by headless LibreOffice as a marketer would:
 * at most 15 pages, no "###" (a number wider than its column), Summary on one page, and a chart on the
 * pages of each sheet that has one. Skipped, saying why, without LibreOffice or poppler's pdftotext.
 */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { expect, it } from "vitest";
import { cli, dir } from "./cli-helpers";

const has = (command: string) => spawnSync("sh", ["-c", `command -v ${command}`]).status === 0;
const missing = ["soffice", "pdftotext"].filter((c) => !has(c));
if (missing.length) console.log(`pdf.test.ts skipped: ${missing.join(" and ")} not installed`);

/** The text of page `page` (1-based), or of every page with form feeds between them. */
function pdfText(pdf: string, page?: number): string {
  const range = page === undefined ? [] : ["-f", String(page), "-l", String(page)];
  const run = spawnSync("pdftotext", ["-layout", ...range, pdf, "-"], { encoding: "utf8" });
  expect(run.status, run.stderr).toBe(0);
  return run.stdout;
}

it.skipIf(missing.length > 0)(
  "prints the sample workbook on at most 15 pages, Summary on one, with no ### and every chart",
  () => {
    const xlsx = join(dir, "printed.xlsx");
    expect(cli("--out", xlsx).code).toBe(0);
    const lo = spawnSync(
      "soffice",
      [
        `-env:UserInstallation=${pathToFileURL(join(dir, "lo-pdf-profile")).href}`,
        "--headless",
        "--convert-to",
        "pdf",
        "--outdir",
        dir,
        xlsx,
      ],
      { encoding: "utf8", timeout: 120_000 },
    );
    expect(lo.status, lo.stderr).toBe(0);
    const pdf = join(dir, "printed.pdf");
    const pages = pdfText(pdf).split("\f").slice(0, -1);
    expect(pages.length).toBeGreaterThan(5);
    expect(pages.length).toBeLessThanOrEqual(15);
    expect(pages.filter((p) => p.includes("###"))).toEqual([]);

    // Summary: its metrics and its settings on the same page.
    const summary = pages.filter((p) => p.includes("Cohort LTV report") || p.includes("Setting"));
    expect(summary).toHaveLength(1);
    expect(summary[0]).toMatch(/Verdict[\s\S]*Currency/);

    // Each chart's title is drawn (LibreOffice prints a chart's title as text on its page).
    for (const title of [
      "Retention curve by segment",
      "LTV curve by segment",
      "Cumulative revenue per customer by segment, against CAC",
      "Payback curve by segment",
      "Customers by number of repeat purchases",
    ]) {
      expect(
        pages.some((p) => p.replace(/\s+/g, " ").includes(title)),
        title,
      ).toBe(true);
    }
  },
  300_000,
);
