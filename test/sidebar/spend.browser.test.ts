/**
 * The sidebar's spend settings in a real browser (headless Chromium, as sidebar.browser.test.ts):
 * under More settings, the campaign → channel map (a range picked with "Use selection") and the
 * "Leave out the first period" checkbox, labelled in English, Korean and Russian; a build with them
 * stores both with the report, and Summary says the first period was left out.
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Language } from "../../src/core/language";
import { translator } from "../../src/sidebar/i18n";
import { hasChromium, launchChromium } from "../helpers/browser";
import { openSidebarPage, sampleSpreadsheet, startSidebarHost } from "../helpers/sidebar-host";

let browser: Browser | undefined;

beforeAll(async () => {
  if (hasChromium) browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

describe.skipIf(!hasChromium)("the sidebar's spend settings in Chromium", () => {
  it("picks a campaign map range, leaves out the first period, and stores both with the report", async () => {
    const { book } = sampleSpreadsheet({ customers: 300 });
    book.addSheet("Map", [
      ["Campaign", "Channel"],
      ["paid social", "Paid social"],
    ]);
    const host = await startSidebarHost({ book });
    try {
      const { page, problems } = await openSidebarPage(browser, host.sidebarUrl);
      await expect.poll(() => page.locator("#selection").textContent()).toContain("Orders!A1:D");
      book.select(book.sheet("Spend"), `A1:C${book.sheet("Spend").lastRow()}`);
      await page.locator("#spend-selection").click();
      await expect.poll(() => page.locator("#spend").inputValue()).toMatch(/^Spend!A1:C\d+$/);

      await page.locator("#advanced summary").click();
      book.select(book.sheet("Map"), "A1:B2");
      await page.locator("#campaign-map-selection").click();
      await expect.poll(() => page.locator("#campaign-map").inputValue()).toBe("Map!A1:B2");
      await page.locator("#skip-first-period").check();

      await page.locator("#build").click();
      await page.waitForSelector("#results:not([hidden])", { timeout: 60_000 });
      const summary = book.sheet("Summary");
      let note = "";
      for (let r = 1; r <= summary.lastRow(); r++)
        if (summary.value(r, 1) === "First cohort") note = String(summary.value(r, 2));
      expect(note).toMatch(/left out of the cohort figures/);
      const meta = JSON.parse(book.sheet("LTV-CAC").metadata[0].value ?? "{}");
      expect(meta.settings).toMatchObject({
        skipFirstPeriod: true,
        campaignMap: { sheetId: book.sheet("Map").id, range: "A1:B2" },
      });
      expect(problems).toEqual([]);
      await page.close();
    } finally {
      await host.close();
    }
  });

  it.each(["en", "ko", "ru"] as Language[])("labels them in %s", async (language) => {
    const { book } = sampleSpreadsheet({ customers: 50 });
    const host = await startSidebarHost({ book, userLocale: language });
    try {
      const { page } = await openSidebarPage(browser, host.sidebarUrl);
      const t = translator(language);
      await page.locator("#advanced summary").click();
      expect(await page.locator("label[for='campaign-map']").textContent()).toBe(t("campaignMap"));
      expect(await page.locator("label[for='skip-first-period']").textContent()).toBe(t("skipFirstPeriod"));
      expect(await page.locator("#skip-first-period").isChecked()).toBe(false);
      await page.close();
    } finally {
      await host.close();
    }
  });
});
