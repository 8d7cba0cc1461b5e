/**
 * The predicted value by channel on the LTV-CAC sheet: the default report (Retention, Revenue & LTV,
 * LTV-CAC, Summary) of the seeded sample's 100,000 customers split by channel, built as the CLI and
 * the sidebar build it, against the same report without the LTV-CAC and Summary sheets (no fits)
 * measured in the same run. The difference is the per-channel fits (each channel's BG/NBD and
 * Gamma-Gamma with their intervals), made once per report.
 */
import { sheetContext } from "../../src/core/cells";
import { reportFromTable } from "../../src/core/report/build";
import type { ReportSheetKey } from "../../src/core/report/model";
import { generateSample, purchaseTable, spendTable } from "../../src/core/sample/generate";
import { median } from "./stats";

const sample = generateSample({ customers: 100_000, seed: 7 });
const rows = purchaseTable(sample);
const spend = spendTable(sample);
const context = sheetContext("en_US", "UTC");

function time(sheets: ReportSheetKey[]): number {
  const start = performance.now();
  reportFromTable({ rows, spend, context, options: { splitBySegment: true, sheets } });
  return performance.now() - start;
}

const ours: number[] = [];
const peer: number[] = [];
for (let i = 0; i < 3; i++) {
  ours.push(time(["retention", "revenue", "ltv-cac", "summary"]));
  peer.push(time(["retention", "revenue"]));
}
const [withFits, without] = [median(ours), median(peer)];
console.log(
  `channels: the default report of 100,000 customers (${(rows.length - 1).toLocaleString("en-US")} rows), split by channel`,
);
console.log(`  ours  ${withFits.toFixed(0)} ms median of 3 (with the predicted value by channel)`);
console.log(`  peer  Retention and Revenue & LTV only: ${without.toFixed(0)} ms median of 3`);
console.log(`  ratio ${(withFits / without).toFixed(2)}`);
