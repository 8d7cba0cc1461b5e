/**
 * The sidebar in Korean and Russian has no English left: in headless Chromium, with every section
 * open and every sheet ticked, then after a build with a spend table, every text shown (and every
 * placeholder, title and label a screen reader reads) holds only the user's data and the tokens of
 * test/helpers/latin.ts. The report is built in the same language (it follows the spreadsheet's
 * locale unless chosen). The Help pages are the formulas' reference: their Latin words are the
 * formulas' own names, arguments and outputs (English by design) and the cited papers' titles.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hasChromium, launchChromium } from "../helpers/browser";
import { latinLeft } from "../helpers/latin";
import { sampleSpreadsheet, startSidebarHost } from "../helpers/sidebar-host";

let browser: Browser | undefined;

beforeAll(async () => {
  if (hasChromium) browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

/** What the page shows and reads out: its text and the placeholders, titles and labels. */
function shown(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    // What is rendered, line by line (textContent would run the lines together).
    // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is the point.
    const out = [document.body.innerText];
    for (const el of document.querySelectorAll("[placeholder], [title], [aria-label]"))
      for (const name of ["placeholder", "title", "aria-label"]) {
        const value = el.getAttribute(name);
        if (value) out.push(value);
      }
    return out.flatMap((text) => text.split("\n"));
  });
}

describe.skipIf(!hasChromium)("the sidebar's words", () => {
  it.each(["ko", "ru"])("in %s: no English on the form or after a build", async (locale) => {
    const { book } = sampleSpreadsheet({ customers: 120 });
    const data = new Set<string>();
    for (const sheet of book.sheets) {
      data.add(sheet.name);
      for (const row of sheet.values.rows) for (const v of row ?? []) if (typeof v === "string") data.add(v);
    }
    const host = await startSidebarHost({ book, userLocale: locale });
    try {
      if (!browser) throw new Error("no browser");
      const page = await browser.newPage({ viewport: { width: 300, height: 1100 }, locale });
      page.setDefaultTimeout(15_000);
      await page.goto(host.sidebarUrl);
      await page.waitForSelector("#app[data-ready='true']");
      await expect.poll(() => page.locator("#selection").textContent()).toContain("Orders!A1:D");
      await page.evaluate(() => {
        for (const details of document.querySelectorAll("details")) details.open = true;
      });
      for (const box of await page.locator("input[type=checkbox]").all()) await box.check();
      await page.locator("#language").selectOption(locale);
      const form = await shown(page);

      book.select(book.sheet("Spend"), `A1:C${book.sheet("Spend").lastRow()}`);
      await page.locator("#spend-selection").click();
      await expect.poll(() => page.locator("#spend").inputValue()).toMatch(/^Spend!A1:C\d+$/);
      await page.locator("#build").click();
      await page.waitForSelector("#results:not([hidden])", { timeout: 60_000 });
      const built = await shown(page);

      expect([...form, ...built].flatMap((text) => latinLeft(text, data))).toEqual([]);
      await page.close();
    } finally {
      await host.close();
    }
  });
});
