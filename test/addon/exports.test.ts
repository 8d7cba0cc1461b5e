/**
 * Issue 19 in the add-on: the sidebar's build over the Sheets fakes (dist/Code.js as Apps Script runs
 * it) reads line items by order with amount = quantity × unit price, leaves out blank and placeholder
 * customer ids and says so on Summary (en, ko, ru), prefers the customer column with repeat customers
 * and explains a mapping the data contradicts — the same reading of columns as the command line.
 */
import { describe, expect, it } from "vitest";
import { wordsOf } from "../../src/core/report/words";
import { loadBundle } from "../helpers/bundle";
import { addonServices, FakeSpreadsheet, type SheetModel, type Value } from "../helpers/sheets";

const day = (m: number, d: number) => new Date(Date.UTC(2024, m, d));

/** UCI-style lines: InvoiceNo, StockCode, Quantity, InvoiceDate, UnitPrice, CustomerID, Country. */
function lineItems(): Value[][] {
  const rows: Value[][] = [
    ["InvoiceNo", "StockCode", "Quantity", "InvoiceDate", "UnitPrice", "CustomerID", "Country"],
  ];
  const ids = ["17850", "13047", "12583", "13748", "15100"];
  const blanks = ["", "(blank)", "N/A", "#N/A", "-", "null"];
  for (let i = 0; i < 48; i++) {
    const customer = i % 8 === 5 ? blanks[i % blanks.length] : ids[(i * 7) % 5];
    const invoice = `${536000 + i}`;
    for (let line = 0; line < 1 + (i % 3); line++)
      rows.push([
        invoice,
        `8500${line}`,
        1 + ((i + line) % 5),
        day(i % 6, 1 + (i % 27)),
        1.25 * (1 + (line % 3)),
        customer,
        "United Kingdom",
      ]);
    if (i % 10 === 3)
      rows.push([`C${invoice}`, "85000", -1, day(i % 6, 2 + (i % 27)), 1.25, customer, "United Kingdom"]);
  }
  return rows;
}

const PLACEHOLDERS = new Set(["", "(blank)", "n/a", "#n/a", "-", "null"]);

/** Customers, orders, revenue and repeat rate by the README's definitions, in plain code. */
function independent(rows: Value[][]) {
  const orders = new Map<string, { customer: string; month: number; amount: number }>();
  let leftOut = 0;
  for (const [invoice, , quantity, date, price, customer] of rows.slice(1)) {
    if (PLACEHOLDERS.has(String(customer).toLowerCase())) {
      leftOut++;
      continue;
    }
    const key = `${customer}/${invoice}`;
    const order = orders.get(key) ?? {
      customer: String(customer),
      month: (date as Date).getUTCMonth(),
      amount: 0,
    };
    order.amount += Number(quantity) * Number(price);
    orders.set(key, order);
  }
  const first = new Map<string, number>();
  const count = new Map<string, number>();
  for (const o of orders.values())
    if (o.amount >= 0) {
      first.set(o.customer, Math.min(first.get(o.customer) ?? 99, o.month));
      count.set(o.customer, (count.get(o.customer) ?? 0) + 1);
    }
  let revenue = 0;
  let purchases = 0;
  for (const o of orders.values()) {
    const start = first.get(o.customer);
    if (start === undefined || o.month < start) continue;
    revenue += o.amount;
    if (o.amount >= 0) purchases++;
  }
  const repeat = [...count.values()].filter((n) => n >= 2).length / count.size;
  return { customers: count.size, orders: purchases, revenue, repeat, leftOut };
}

function book(rows: Value[][]) {
  const spreadsheet = new FakeSpreadsheet({ timeZone: "UTC" });
  const sheet = spreadsheet.addSheet("Lines", rows);
  spreadsheet.select(sheet, "A2");
  return { spreadsheet, sheet };
}

/** The Summary's value of a metric or setting, by its label in column A. */
function summaryValue(sheet: SheetModel, label: string): Value | undefined {
  for (let r = 1; r <= sheet.values.rows.length; r++)
    if (sheet.values.get(r, 1) === label) return sheet.values.get(r, 2);
  return undefined;
}

describe("the add-on reads line items, orders and blank ids as the command line does", () => {
  const rows = lineItems();
  const want = independent(rows);

  it("guesses the order, quantity and unit price columns by their headers, with no amount", () => {
    const { spreadsheet } = book(rows);
    const info = loadBundle(addonServices(spreadsheet)).getSelectionInfo();
    expect(info.mapping).toEqual({ order: 0, quantity: 2, date: 3, price: 4, customerId: 5 });
    expect(info.foundBy).toMatchObject({
      order: "header",
      quantity: "header",
      price: "header",
      customerId: "header",
    });
    expect(info.mappingProblem).toBeUndefined();
  });

  it.each(["en", "ko", "ru"] as const)(
    "builds orders from lines and says what was left out (%s)",
    (language) => {
      const { spreadsheet, sheet } = book(rows);
      const script = loadBundle(addonServices(spreadsheet));
      const info = script.getSelectionInfo();
      const result = script.buildReport({
        source: { sheetId: sheet.id, range: `A1:G${rows.length}` },
        mapping: info.mapping,
        period: "month",
        observationEnd: "",
        margin: "",
        spend: "",
        sheets: ["summary"],
        language,
      });
      expect(result.ok).toBe(true);
      const w = wordsOf(language);
      const summary = spreadsheet.sheet(w.sheets.summary);
      expect(summaryValue(summary, w.metrics.customers[0])).toBe(want.customers);
      expect(summaryValue(summary, w.metrics.orders[0])).toBe(want.orders);
      expect(summaryValue(summary, w.metrics.revenue[0])).toBeCloseTo(want.revenue, 6);
      expect(summaryValue(summary, w.metrics.repeat[0])).toBeCloseTo(want.repeat, 12);
      expect(String(summaryValue(summary, w.input.orders))).toContain("InvoiceNo");
      const left = String(summaryValue(summary, w.input.noCustomer));
      expect(left).toContain(String(want.leftOut));
      // Refresh reads the table again with the same columns: the same orders.
      expect(script.refreshReports()).toMatchObject({ ok: true, failed: [] });
      expect(summaryValue(spreadsheet.sheet(w.sheets.summary), w.metrics.orders[0])).toBe(want.orders);
      expect(left).toMatch(
        { en: /without a customer id were left out, revenue \$/, ko: /고객 ID가 없는/, ru: /без ID клиента/ }[
          language
        ],
      );
    },
  );

  it("prefers customer_unique_id, which has repeat customers, and says which column it passed over", () => {
    const { spreadsheet } = book([
      ["order_id", "customer_id", "order_purchase_timestamp", "customer_unique_id", "payment_value"],
      ["o1", "c1", day(0, 3), "u1", 10],
      ["o2", "c2", day(1, 3), "u1", 12],
      ["o3", "c3", day(1, 5), "u2", 9],
    ]);
    const info = loadBundle(addonServices(spreadsheet)).getSelectionInfo();
    expect(info.mapping.customerId).toBe(3);
    expect(info.passedOver).toEqual([1]);
  });

  it.each([
    ["en_US", "looks like a line or order id"],
    ["ko_KR", "품목이나 주문 번호로 보입니다"],
    ["ru_RU", "похож на номер позиции или заказа"],
  ])("explains a customer column the data contradicts, in the user's language (%s)", (userLocale, said) => {
    const { spreadsheet } = book([
      ["Invoice", "Customer", "Date", "Amount"],
      ["1", "L1", day(0, 1), 1],
      ["1", "L2", day(0, 1), 2],
      ["2", "L3", day(0, 2), 3],
    ]);
    const info = loadBundle(addonServices(spreadsheet, { userLocale })).getSelectionInfo();
    expect(info.mappingProblem).toContain(said);
    expect(info.mapping).toMatchObject({ order: 0, date: 2, amount: 3 });
  });
});
