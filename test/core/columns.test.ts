import { describe, expect, it } from "vitest";
import { sheetContext } from "../../src/core/cells";
import { ColumnError, detectColumns, foldHeader, headerRole } from "../../src/core/columns";

const ctx = sheetContext("en_US", "UTC");

describe("headerRole", () => {
  it.each([
    ["Customer ID", "customerId"],
    ["customer_id", "customerId"],
    ["고객 ID", "customerId"],
    ["고객번호", "customerId"],
    ["ID клиента", "customerId"],
    ["Клиент", "customerId"],
    ["주문자", "customerId"],
    ["Заказчик", "customerId"],
    ["Date", "date"],
    ["Order date", "date"],
    ["날짜", "date"],
    ["주문일", "date"],
    ["Дата", "date"],
    ["Дата заказа", "date"],
    ["Amount", "amount"],
    ["Revenue ($)", "amount"],
    ["Order Amount (USD)", "amount"],
    ["금액", "amount"],
    ["매출", "amount"],
    ["주문금액", "amount"],
    ["Сумма", "amount"],
    ["Выручка", "amount"],
    ["Сумма заказа", "amount"],
    ["Channel", "segment"],
    ["utm_source", "segment"],
    ["채널", "segment"],
    ["Канал", "segment"],
    ["Канал привлечения", "segment"],
    ["Gross profit", "margin"],
    ["Маржа", "margin"],
    ["Total cost", "cost"],
    ["원가", "cost"],
    ["Себестоимость", "cost"],
    ["Order ID", "order"],
    ["InvoiceNo", "order"],
    ["Rechnung", "order"],
    ["Numéro de commande", "order"],
    ["Pedido", "order"],
    ["Номер заказа", "order"],
    ["주문번호", "order"],
    ["Quantity", "quantity"],
    ["Menge", "quantity"],
    ["UnitPrice", "price"],
    ["Prix unitaire", "price"],
    ["CustomerID", "customerId"],
    ["Kundennummer", "customerId"],
    ["client", "customerId"],
    ["Cliente", "customerId"],
    ["id do cliente", "customerId"],
    ["customer_unique_id", "customerId"],
    ["Datum", "date"],
    ["Fecha de pedido", "date"],
    ["InvoiceDate", "date"],
    ["Betrag", "amount"],
    ["montant", "amount"],
    ["valor", "amount"],
    ["Importe", "amount"],
    ["payment_value", "amount"],
    ["Kanal", "segment"],
    // Folded as the names are: without their accents, or with a parenthesised unit.
    ["Codigo de cliente", "customerId"],
    ["Stuckzahl", "quantity"],
    ["Quantite", "quantity"],
    ["Benefice", "margin"],
    ["Coût (€)", "cost"],
  ])("%s is the %s column", (header, role) => {
    expect(headerRole(header)?.role).toBe(role);
  });

  it.each(["Notes", "cds", "customer_city", "customer_zip_code_prefix", "order_status", "Land"])(
    "%s names no role",
    (header) => {
      expect(headerRole(header)).toBeUndefined();
    },
  );
});

describe("foldHeader (transactions' and spend tables' headers alike)", () => {
  it.each([
    ["CustomerID", "customer id"],
    ["Amount spent (USD)", "amount spent"],
    ["Montant dépensé (EUR)", "montant depense"],
    ["Номер счёта", "номер счета"],
    ["Район", "раион"],
    ["주문 금액(원)", "주문 금액"],
    ["ＡＭＯＵＮＴ", "amount"],
    ["order_date / UTC", "order date utc"],
    ["x".repeat(201), ""],
  ])("%s → %s", (header, folded) => {
    expect(foldHeader(header)).toBe(folded);
  });
});

describe("detectColumns", () => {
  it("maps English headers and leaves the units column alone", () => {
    const rows = [
      ["customer_id", "date", "cds", "amount"],
      ["00004", "1997-01-01", "2", "29.33"],
      ["00004", "1997-01-18", "2", "29.73"],
    ];
    const found = detectColumns(rows, ctx);
    expect(found.mapping).toEqual({ customerId: 0, date: 1, amount: 3 });
    expect(found.hasHeader).toBe(true);
    expect(found.foundBy).toEqual({ customerId: "header", date: "header", amount: "header" });
  });

  it("maps Korean headers with a channel", () => {
    const rows = [
      ["주문일자", "고객번호", "결제금액", "유입경로"],
      ["2024-03-14", "A-1", "₩12,000", "검색광고"],
    ];
    expect(detectColumns(rows, sheetContext("ko_KR")).mapping).toEqual({
      customerId: 1,
      date: 0,
      amount: 2,
      segment: 3,
    });
  });

  it("maps Russian headers with a cost column", () => {
    const rows = [
      ["ID клиента", "Дата покупки", "Сумма, ₽", "Себестоимость", "Канал"],
      ["00017", "14.03.2024", "1 234,50", "800", "Контекст"],
    ];
    expect(detectColumns(rows, sheetContext("ru_RU")).mapping).toEqual({
      customerId: 0,
      date: 1,
      amount: 2,
      cost: 3,
      segment: 4,
    });
  });

  it("falls back to values when headers say nothing", () => {
    const rows = [
      ["Who", "When", "Qty", "Paid", "Note"],
      ["u1", "2024-01-05", "1", "19.99", "x"],
      ["u2", "2024-01-06", "3", "5.00", "x"],
      ["u1", "2024-02-01", "2", "7.50", "y"],
    ];
    const found = detectColumns(rows, ctx);
    expect(found.mapping).toEqual({ customerId: 0, date: 1, amount: 3 });
    expect(found.foundBy).toEqual({ customerId: "values", date: "values", amount: "header" });
  });

  it("reads a table with no header row from values, with Dates and numbers as Sheets gives them", () => {
    const rows = [
      [new Date(Date.UTC(2024, 0, 5)), "A", 19.99],
      [new Date(Date.UTC(2024, 0, 6)), "B", 12],
    ];
    const found = detectColumns(rows, ctx);
    expect(found.hasHeader).toBe(false);
    expect(found.headers).toEqual(["Column 1", "Column 2", "Column 3"]);
    expect(found.mapping).toEqual({ customerId: 1, date: 0, amount: 2 });
  });

  it("does not take a header whose values contradict it", () => {
    const rows = [
      ["Customer", "Date", "Amount", "Purchased on"],
      ["a", "n/a", "3.5", "2024-01-01"],
      ["b", "n/a", "4.5", "2024-01-02"],
    ];
    expect(detectColumns(rows, ctx).mapping.date).toBe(3);
  });

  it("keeps the columns a user chose", () => {
    const rows = [
      ["Customer", "Date", "Amount", "Net"],
      ["a", "2024-01-01", "3.5", "3"],
    ];
    expect(detectColumns(rows, ctx, { amount: 3 }).mapping).toEqual({ customerId: 0, date: 1, amount: 3 });
  });

  it("never takes a quantity for the amount", () => {
    const rows = [
      ["Who", "When", "Paid (net)", "Qty"],
      ["u1", "2024-01-05", "20", "1"],
      ["u2", "2024-01-06", "5", "3"],
    ];
    expect(detectColumns(rows, ctx).mapping.amount).toBe(2);
  });

  it("never takes an order number for the customer id", () => {
    const rows = [
      ["Order ID", "Date", "Total"],
      ["1001", "2024-01-05", "19.99"],
      ["1002", "2024-01-06", "5.00"],
    ];
    expect(() => detectColumns(rows, ctx)).toThrow(
      /^no customer id column: the headers are "Order ID", "Date", "Total"/,
    );
    expect(() =>
      detectColumns(
        [
          ["Номер заказа", "Дата", "Сумма"],
          ["A-1", "2024-01-05", "5"],
        ],
        ctx,
      ),
    ).toThrow(/^no customer id column/);
  });

  it("names the missing column, the headers it saw and what to do", () => {
    const rows = [
      ["Customer", "Amount", "Note"],
      ["a", "3.5", "hello"],
    ];
    expect(() => detectColumns(rows, ctx)).toThrow(ColumnError);
    expect(() => detectColumns(rows, ctx)).toThrow(
      'no date column: the headers are "Customer", "Amount", "Note", and no other column holds dates — ' +
        "name the column (e.g. Date, Order date, 주문일, Дата) or choose it",
    );
  });

  it("keeps the columns it found when one is missing, for the sidebar to ask only for that one", () => {
    const rows = [
      ["Customer", "Amount", "Note"],
      ["a", "3.5", "hello"],
    ];
    let thrown: unknown;
    try {
      detectColumns(rows, ctx);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ColumnError);
    expect((thrown as ColumnError).found).toEqual({
      mapping: { customerId: 0, amount: 1 },
      hasHeader: true,
      headers: ["Customer", "Amount", "Note"],
      foundBy: { customerId: "header", amount: "header" },
    });
  });
});

describe("messages stay short", () => {
  it("quotes at most ten headers, each cut to 60 characters", () => {
    const headers = Array.from({ length: 30 }, (_, i) => `${"x".repeat(100)}${i}`);
    let message = "";
    try {
      detectColumns([headers, headers.map(() => "y")], sheetContext());
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(
      /^no date column: the headers are "x{59}…", .* and 20 more, and no other column holds dates/,
    );
    expect(message.length).toBeLessThan(1000);
  });
});

describe("detectColumns: asked rather than wrong (issue 19)", () => {
  /** n invoices of `lines` lines each; customer of invoice i is `customerOf(i)`. */
  const invoices = (n: number, customerOf: (i: number) => string) => {
    const rows: string[][] = [];
    for (let i = 0; i < n; i++)
      rows.push([
        `${5000 + i}`,
        `2024-01-${String((i % 28) + 1).padStart(2, "0")}`,
        customerOf(i),
        ["United Kingdom", "France"][i % 2],
        `${(i % 7) + 1}.50`,
      ]);
    return rows;
  };

  it("never takes a column of few values (a country) for the customer, and never the invoice", () => {
    const rows = [["Rechnung", "Datum", "Konto", "Land", "Betrag"], ...invoices(200, (i) => `K${i % 60}`)];
    const found = detectColumns(rows, ctx);
    expect(found.mapping.customerId).toBe(2);
    expect(found.mapping.order).toBe(0);
    expect(found.foundBy.customerId).toBe("values");
  });

  it("finds Kundennummer beside InvoiceNo, and adds up quantity × unit price without an amount", () => {
    const rows = [
      ["InvoiceNo", "Quantity", "InvoiceDate", "UnitPrice", "Kundennummer"],
      ["536365", "6", "2010-12-01", "2.55", "17850"],
      ["536365", "2", "2010-12-01", "3.39", "17850"],
    ];
    expect(detectColumns(rows, ctx).mapping).toEqual({
      order: 0,
      quantity: 1,
      date: 2,
      price: 3,
      customerId: 4,
    });
  });

  it("prefers the customer column with repeat customers (customer_unique_id over customer_id)", () => {
    const rows = [
      ["order_id", "customer_id", "order_purchase_timestamp", "customer_unique_id", "payment_value"],
      ["o1", "c1", "2017-01-01", "u1", "10.00"],
      ["o2", "c2", "2017-02-01", "u1", "12.00"],
      ["o3", "c3", "2017-02-03", "u2", "9.00"],
    ];
    const found = detectColumns(rows, ctx);
    expect(found.mapping.customerId).toBe(3);
    expect(found.passedOver).toEqual([1]);
  });

  it("stops and names both when two customer columns group the rows differently", () => {
    const rows = [
      ["customer_id", "date", "user_id", "amount"],
      ["a", "2017-01-01", "x", "10.00"],
      ["a", "2017-02-01", "y", "12.00"],
      ["b", "2017-02-03", "y", "9.00"],
    ];
    expect(() => detectColumns(rows, ctx)).toThrow(/"customer_id" and "user_id"/);
    expect(() => detectColumns(rows, ctx, { customerId: 2 })).not.toThrow();
  });

  it("stops when the customer id is new on every row while the order column repeats", () => {
    const rows = [
      ["Invoice", "Customer", "Date", "Amount"],
      ["1", "L1", "2024-01-01", "1.00"],
      ["1", "L2", "2024-01-01", "2.00"],
      ["2", "L3", "2024-01-02", "3.00"],
    ];
    expect(() => detectColumns(rows, ctx)).toThrow(/"Customer" looks like a line or order id.*--customer/);
  });

  it("never reads a unit price alone as the amount", () => {
    const rows = [
      ["Customer", "Date", "Unit price"],
      ["a", "2024-01-01", "2.50"],
    ];
    expect(() => detectColumns(rows, ctx)).toThrow(/"Unit price" is a unit price.*--amount.*--quantity/);
    expect(detectColumns(rows, ctx, { amount: 2 }).mapping.amount).toBe(2);
  });

  it("leaves out a column the user said is not there (−1)", () => {
    const rows = [
      ["Order ID", "Customer", "Date", "Amount"],
      ["1", "a", "2024-01-01", "1.00"],
    ];
    expect(detectColumns(rows, ctx, { order: -1 }).mapping.order).toBeUndefined();
  });
});
