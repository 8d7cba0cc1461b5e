/**
 * Issue 19 in the sidebar, in Chromium over dist/: the order, quantity and unit price pickers, each
 * with the reason its column was found (as the command line prints them), in English, Korean and
 * Russian; a build from line items without an amount column; and the column passed over for having
 * no repeat customers, named under the customer picker.
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { wordsOf } from "../../src/core/report/words";
import { translator } from "../../src/sidebar/i18n";
import { hasChromium, launchChromium, screenshot } from "../helpers/browser";
import { FakeSpreadsheet, type Value } from "../helpers/sheets";
import { startSidebarHost } from "../helpers/sidebar-host";

let browser: Browser | undefined;
beforeAll(async () => {
  if (hasChromium) browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

const day = (m: number, d: number) => new Date(Date.UTC(2024, m, d));

function lineItems(): FakeSpreadsheet {
  const rows: Value[][] = [["InvoiceNo", "Quantity", "InvoiceDate", "UnitPrice", "CustomerID", "Country"]];
  for (let i = 0; i < 40; i++)
    for (let line = 0; line < 2; line++)
      rows.push([`${536000 + i}`, 1 + line, day(i % 5, 1 + (i % 27)), 2.5, `C${i % 9}`, "United Kingdom"]);
  const book = new FakeSpreadsheet({ timeZone: "UTC" });
  book.select(book.addSheet("Lines", rows), "A2");
  return book;
}

describe.skipIf(!hasChromium)("the sidebar's order, quantity and unit price pickers", () => {
  it.each(["en", "ko", "ru"] as const)(
    "are pre-filled with their reasons and build orders from lines (%s)",
    async (language) => {
      if (!browser) throw new Error("no browser");
      const t = translator(language);
      const book = lineItems();
      const host = await startSidebarHost({ book, userLocale: language });
      try {
        const page = await browser.newPage({ viewport: { width: 300, height: 1400 } });
        page.setDefaultTimeout(15_000);
        const problems: string[] = [];
        page.on("pageerror", (error) => problems.push(error.message));
        await page.goto(host.sidebarUrl);
        await page.waitForSelector("#app[data-ready='true']");
        await expect.poll(() => page.locator("#selection").textContent()).toContain("Lines!");
        await page.locator("#columns > summary").click();

        const picked = { order: "0", quantity: "1", date: "2", price: "3", customerId: "4", amount: "" };
        for (const [role, value] of Object.entries(picked))
          expect(await page.locator(`#map-${role}`).inputValue(), role).toBe(value);
        for (const role of ["order", "quantity", "price"]) {
          expect(await page.locator(`label[for=map-${role}]`).textContent()).toBe(t(role as "order"));
          expect(await page.locator(`#map-${role}-reason`).textContent()).toBe(t("foundByHeader"));
        }
        expect(await page.locator("#map-amount-field .problem").isHidden()).toBe(true);
        expect(await page.locator("#columns-chosen").textContent()).toBe(
          "CustomerID · InvoiceDate · Quantity × UnitPrice",
        );
        await screenshot(page, `sidebar-${language}-line-items`);

        // The report's language follows the spreadsheet's locale (English here): choose the user's.
        await page.locator("#language").selectOption(language);
        await page.locator("#build").click();
        await page.waitForSelector("#results:not([hidden])", { timeout: 30_000 });
        const w = wordsOf(language);
        const summary = book.sheet(w.sheets.summary);
        const values = summary.values.rows.flat().map(String);
        // 40 invoices of two lines each: 40 orders, each 1 × 2.5 + 2 × 2.5.
        const row = values.indexOf(w.metrics.orders[0]);
        expect(row).toBeGreaterThan(-1);
        expect(summary.values.rows.find((r) => r?.[0] === w.metrics.orders[0])?.[1]).toBe(40);
        expect(summary.values.rows.find((r) => r?.[0] === w.metrics.revenue[0])?.[1]).toBeCloseTo(
          40 * 7.5,
          9,
        );
        expect(problems).toEqual([]);
        await page.close();
      } finally {
        await host.close();
      }
    },
  );

  it("names the customer column passed over for having no repeat customers", async () => {
    if (!browser) throw new Error("no browser");
    const book = new FakeSpreadsheet({ timeZone: "UTC" });
    const rows: Value[][] = [
      ["order_id", "customer_id", "order_purchase_timestamp", "customer_unique_id", "payment_value"],
    ];
    for (let i = 0; i < 30; i++) rows.push([`o${i}`, `c${i}`, day(i % 6, 1 + i), `u${i % 11}`, 10 + i]);
    book.select(book.addSheet("Olist", rows), "A2");
    const host = await startSidebarHost({ book, userLocale: "en" });
    try {
      const page = await browser.newPage({ viewport: { width: 300, height: 1400 } });
      await page.goto(host.sidebarUrl);
      await page.waitForSelector("#app[data-ready='true']");
      await expect.poll(() => page.locator("#map-customerId").inputValue()).toBe("3");
      expect(await page.locator("#map-customerId-reason").textContent()).toBe(
        "Found by its header; not customer_id: no repeat customers there.",
      );
      await page.close();
    } finally {
      await host.close();
    }
  });
});
