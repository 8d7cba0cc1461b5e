/**
 * The forecast sheets on real-shaped data (issue 22): a first purchase on the data's last day, an export
 * where most customers bought once (Olist orders by customer_unique_id), and the RFM scores of one-time
 * buyers. The Olist export is read from ../shared/data/exports, skipped with a reason when absent.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { parseCsv } from "../../../src/cli/csv";
import { sheetContext } from "../../../src/core/cells";
import { reportFromTable } from "../../../src/core/report/build";
import { channelValues } from "../../../src/core/report/channel-value";
import {
  describeWithReferenceData,
  itWithReferenceData,
  readReferenceCsv,
  referenceDataDir,
} from "../../helpers/reference-data";

const context = sheetContext("en_US", "UTC");

itWithReferenceData(
  "values new customers by channel when a customer's first purchase is on the data's last day",
  () => {
    const [header, ...rows] = readReferenceCsv("cdnow_sample.csv");
    const { data } = reportFromTable({
      rows: [header, ...rows, ["99999", "1998-06-30", "1", "20.00"]],
      spend: null,
      context,
      options: { sheets: ["ltv-cac"] },
    });
    if (!data.transactions) throw new Error("the report has no rows");
    const values = channelValues(data);
    expect(values?.error).toBeUndefined();
    expect(values?.channels?.[0].customers).toBe(2358);
    expect(values?.channels?.[0].values[0].value).toBeGreaterThan(0);
  },
);

const olist = join(referenceDataDir, "exports", "olist_orders_joined.csv");
describeWithReferenceData("the Olist export, by customer_unique_id: most customers bought once", () => {
  const table = parseCsv(readFileSync(olist), olist);
  const [header, ...body] = table.rows;
  const pick = ["customer_unique_id", "order_purchase_timestamp", "payment_value"].map((name) =>
    header.indexOf(name),
  );
  const rows = [["customer", "date", "amount"], ...body.map((row) => pick.map((i) => row[i]))];
  const { report } = reportFromTable({
    rows,
    spend: null,
    context,
    options: { sheets: ["forecast-check", "customers"] },
  });
  const sheet = (key: string) => report.sheets.find((s) => s.key === key);

  it("the Forecast check at the default split compares a model's hold-out with the purchases", () => {
    const check = sheet("forecast-check");
    expect(check?.cells[2][0]).toMatch(
      /^The model predicted [\d,]+ repeat purchases in the hold-out; customers made [\d,]+/,
    );
  });

  it("one-time buyers all score F = 1, so the map has New customers and Lost, and P(alive) is below 1 for them", () => {
    const customers = sheet("customers");
    if (!customers) throw new Error("no Customers sheet");
    const tableTop = customers.cells.findIndex((row) => row[0] === "Customer" && row[1] === "Segment");
    const listed = customers.cells
      .slice(tableTop + 1)
      .filter((row) => row[0] !== null && row[0] !== undefined);
    const segment = (name: string) => listed.filter((row) => row[1] === name);
    expect(segment("New customers").length).toBeGreaterThan(0);
    expect(segment("Lost").length).toBeGreaterThan(0);
    const oneTimers = listed.filter((row) => row[3] === 1);
    expect(oneTimers.length / listed.length).toBeGreaterThan(0.9);
    const alive = segment("Lost").map((row) => row[7] as number);
    expect(Math.max(...alive)).toBeLessThan(1);
  });
});
