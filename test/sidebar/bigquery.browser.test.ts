/**
 * The sidebar's BigQuery source in Chromium, over the fake BigQuery service (test/helpers/bigquery.ts):
 * choose "A BigQuery table", name the billing project and the table, load its columns into the same
 * pickers, check what the report will scan (dry runs only), then build with one more click — and a
 * table that does not exist is said under the table field. Screenshots in test-results/screenshots/.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BIGQUERY_SCOPE } from "../../src/addon/consent";
import { addLineItems, bigQuerySample, LINES_TABLE, SAMPLE_PROJECT, SAMPLE_TABLE } from "../helpers/bigquery";
import { hasChromium, launchChromium, overflowing, screenshot } from "../helpers/browser";
import { MANIFEST_SCOPES } from "../helpers/sheets";
import { openSidebarPage, sampleSpreadsheet, startSidebarHost } from "../helpers/sidebar-host";

let browser: Browser | undefined;
let sample: Awaited<ReturnType<typeof bigQuerySample>>;

beforeAll(async () => {
  if (!hasChromium) return;
  browser = await launchChromium();
  sample = await bigQuerySample({ period: "month", splitBySegment: true, marginRate: 0.4 });
});

afterAll(async () => {
  await browser?.close();
});

/** The sidebar at 300 px with "A BigQuery table" chosen, the sample's project and table typed, and Load columns clicked. */
async function loadSampleColumns(url: string): Promise<Page> {
  const { page } = await openSidebarPage(browser, url);
  await page.locator("#source-bigquery").check();
  await page.locator("#bq-project").fill(SAMPLE_PROJECT);
  await page.locator("#bq-table").fill(SAMPLE_TABLE);
  await page.locator("#load-columns").click();
  return page;
}

describe.skipIf(!hasChromium)("the sidebar's BigQuery source in Chromium", () => {
  it("loads the columns, shows what the report scans, then builds it from BigQuery", async () => {
    const { book } = sampleSpreadsheet({ customers: 30 });
    const fake = sample.fake.copy();
    const host = await startSidebarHost({ book, services: { BigQuery: fake.service() } });
    try {
      const { page, problems } = await openSidebarPage(browser, host.sidebarUrl);

      await page.locator("#source-bigquery").check();
      await page.locator("#bq-project").fill(SAMPLE_PROJECT);
      // A table that is not there: said under the field, in plain words.
      await page.locator("#bq-table").fill("shop-data.sales.ordres");
      await page.locator("#load-columns").click();
      await expect
        .poll(() => page.locator("#bq-table-problem").textContent())
        .toContain("has no table or view");

      await page.locator("#bq-table").fill(SAMPLE_TABLE);
      await page.locator("#load-columns").click();
      await page.waitForSelector("#bq-loaded");
      expect(await page.locator("#map-customerId option").allTextContents()).toEqual([
        "— choose —",
        "customer_id",
        "order_date",
        "amount",
        "channel",
        "note",
      ]);
      expect(await page.locator("#map-date").inputValue()).toBe("1");
      // All three found by name: the columns fold into one line; the segment is picked by hand.
      await page.locator("#columns > summary").click();
      await page.locator("#map-segment").selectOption("3");
      // Forecast check and Customers come from one row a customer; Subscription needs a term column.
      expect(await page.locator("#sheet-forecast-check").isDisabled()).toBe(false);
      expect(await page.locator("#sheet-customers").isDisabled()).toBe(false);
      expect(await page.locator("#sheet-predicted-clv").isDisabled()).toBe(false);
      expect(await page.locator("#sheet-subscription").isDisabled()).toBe(true);
      expect(await page.locator("#sheets").textContent()).toContain(
        "needs a table in a sheet (its “Months per payment” column)",
      );
      await page.locator("#margin").fill("40");

      // First click: the dry runs' estimate; nothing runs yet.
      expect(await page.locator("#build").textContent()).toBe("Check what it scans");
      await page.locator("#build").click();
      await expect.poll(() => page.locator("#estimate").textContent()).toContain("12 GiB");
      expect(fake.requests.every((r) => r.dryRun)).toBe(true);
      expect(await page.locator("#build").textContent()).toBe("Build report (scans 12 GiB)");
      await screenshot(page, "sidebar-en-bigquery-estimate", { fullPage: true });
      expect(await overflowing(page)).toEqual([]);

      // Second click: the build the user approved.
      await page.locator("#build").click();
      await page.waitForSelector("#results:not([hidden])", { timeout: 30_000 });
      const links = await page.locator("#results button.link").allTextContents();
      expect(links).toEqual(["Retention", "Revenue & LTV", "LTV-CAC", "Summary"]);
      expect(fake.requests.some((r) => !r.dryRun)).toBe(true);
      expect(book.sheet("Orders").writes).toEqual([]);
      expect(problems).toEqual([]);
      await page.close();
    } finally {
      await host.close();
    }
  });

  it.each(["en", "ko", "ru"])(
    "%s: a table of line items shows the order, quantity and unit price pickers with their reasons, then builds",
    async (userLocale) => {
      const { book } = sampleSpreadsheet({ customers: 30 });
      const fake = sample.fake.copy();
      await addLineItems(fake, { period: "month", splitBySegment: true, marginRate: 0.4 });
      const host = await startSidebarHost({ book, userLocale, services: { BigQuery: fake.service() } });
      try {
        const { page, problems } = await openSidebarPage(browser, host.sidebarUrl, 1300);
        await page.locator("#source-bigquery").check();
        await page.locator("#bq-project").fill(SAMPLE_PROJECT);
        await page.locator("#bq-table").fill(LINES_TABLE);
        await page.locator("#load-columns").click();
        await page.waitForSelector("#bq-loaded");
        // InvoiceNo, StockCode, Quantity, InvoiceDate, UnitPrice, CustomerID, Country.
        expect(await page.locator("#map-order").inputValue()).toBe("0");
        expect(await page.locator("#map-quantity").inputValue()).toBe("2");
        expect(await page.locator("#map-price").inputValue()).toBe("4");
        expect(await page.locator("#map-amount").inputValue()).toBe("");
        for (const role of ["order", "quantity", "price"])
          expect(await page.locator(`#map-${role}-reason`).textContent(), role).not.toBe("");
        // Amount = quantity × unit price: the folded line names them.
        expect(await page.locator("#columns-chosen").textContent()).toContain("Quantity × UnitPrice");
        await page.locator("#columns > summary").click();
        await page.locator("#map-segment").selectOption("6");
        await page.locator("#margin").fill("40");
        await page.locator("#build").click();
        await page.waitForSelector("#estimate:not([hidden])");
        expect(await overflowing(page)).toEqual([]);
        await screenshot(page, `sidebar-${userLocale}-bigquery-lines`, { fullPage: true });
        await page.locator("#build").click();
        await page.waitForSelector("#results:not([hidden])", { timeout: 30_000 });
        expect(await page.locator("#results button.link").count()).toBe(4);
        expect(fake.requests.some((r) => !r.dryRun && r.query?.includes("`InvoiceNo`"))).toBe(true);
        expect(problems).toEqual([]);
        await page.close();
      } finally {
        await host.close();
      }
    },
  );

  it.each(["ko", "ru"])("fits the BigQuery form into 300 px in %s", async (userLocale) => {
    const { book } = sampleSpreadsheet({ customers: 30 });
    const fake = sample.fake.copy();
    const host = await startSidebarHost({ book, userLocale, services: { BigQuery: fake.service() } });
    try {
      const page = await loadSampleColumns(host.sidebarUrl);
      await page.waitForSelector("#bq-loaded");
      await page.locator("#margin").fill("40");
      await page.locator("#build").click();
      await page.waitForSelector("#estimate:not([hidden])");
      expect(await overflowing(page)).toEqual([]);
      await screenshot(page, `sidebar-${userLocale}-bigquery-estimate`, { fullPage: true });
      await page.close();
    } finally {
      await host.close();
    }
  });

  it.each(["en", "ko", "ru"])(
    "%s: without BigQuery access granted, shows the grant page as a link opening in a new tab",
    async (userLocale) => {
      const { book } = sampleSpreadsheet({ customers: 30 });
      const granted = MANIFEST_SCOPES.filter((scope) => scope !== BIGQUERY_SCOPE);
      const host = await startSidebarHost({
        book,
        userLocale,
        grantedScopes: granted,
        services: { BigQuery: sample.fake.copy().service() },
      });
      try {
        const page = await loadSampleColumns(host.sidebarUrl);
        const link = page.locator("#bq-table-problem a");
        await link.waitFor();
        // The fake's authorization page (test/helpers/sheets.ts fakeScriptApp).
        expect(await link.getAttribute("href")).toBe("https://script.google.com/a/auth");
        expect(await link.getAttribute("target")).toBe("_blank");
        expect(await link.getAttribute("rel")).toBe("noopener");
        expect(await link.textContent()).toBe("https://script.google.com/a/auth");
        // The rest of the line is the message's text around it; nothing else in it is markup.
        const line = page.locator("#bq-table-problem");
        expect(await line.locator("*").count()).toBe(1);
        expect(await line.textContent()).toContain("https://script.google.com/a/auth");
        expect(await overflowing(page)).toEqual([]);
        await screenshot(page, `sidebar-${userLocale}-bigquery-consent`, { fullPage: true });
        await page.close();
      } finally {
        await host.close();
      }
    },
  );
});
