/**
 * The formula Help in Chromium, as the dialog shows it (720×520) and at the sidebar's width (300 px),
 * in English, Korean and Russian: no text runs past its card or the page, the search box narrows the
 * cards, and screenshots are saved for a human to look at.
 */
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LANGUAGES } from "../../src/core/language";
import { helpFileName } from "../../src/sidebar/help/file";
import { hasChromium, launchChromium, overflowing, screenshot } from "../helpers/browser";
import { distDir } from "../helpers/bundle";

let browser: Browser | undefined;
beforeAll(async () => {
  if (hasChromium) browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

const SIZES = [
  { width: 720, height: 520 },
  { width: 300, height: 520 },
];

describe.skipIf(!hasChromium)("the Help dialog in Chromium", () => {
  it.each(LANGUAGES.flatMap((language) => SIZES.map((size) => [language, size.width, size] as const)))(
    "%s at %i px: every card fits, nothing overflows",
    async (language, _, size) => {
      if (!browser) throw new Error("no browser");
      const page = await browser.newPage({ viewport: size });
      const problems: string[] = [];
      page.on("pageerror", (error) => problems.push(error.message));
      page.on("request", (request) => {
        if (!request.url().startsWith("file:")) problems.push(`request to ${request.url()}`);
      });
      await page.goto(`file://${join(distDir, `${helpFileName(language)}.html`)}`);
      expect(await page.locator(".card").count()).toBeGreaterThanOrEqual(20);
      expect(await overflowing(page)).toEqual([]);
      await screenshot(page, `help-${language}-${size.width}x${size.height}`, { docs: true });
      // The "#NAME?" note opened: still fits.
      await page.locator("details.enable summary").click();
      expect(await overflowing(page)).toEqual([]);
      expect(problems).toEqual([]);
      await page.close();
    },
  );

  it("finds formulas by any word of their card, and says when none matches", async () => {
    if (!browser) throw new Error("no browser");
    const page = await browser.newPage({ viewport: { width: 720, height: 520 } });
    await page.goto(`file://${join(distDir, "Help_ru.html")}`);
    const visible = () => page.locator(".card:visible h3").allTextContents();
    await page.locator("#filter").fill("отток");
    const names = (await visible()).map((s) => s.replace(/\(.*$/, ""));
    expect(names).toEqual(expect.arrayContaining(["CHURN", "LTV_CHURN", "PAYBACK"]));
    expect(names).not.toContain("AOV");
    await page.locator("#filter").fill("predicted_clv");
    expect((await visible()).map((s) => s.replace(/\(.*$/, ""))).toEqual(["PREDICTED_CLV"]);
    expect(await page.locator("h2:visible").allTextContents()).toEqual(["Прогнозы"]);
    await page.locator("#filter").fill("zzzz");
    expect(await visible()).toEqual([]);
    expect(await page.locator("#no-match").isVisible()).toBe(true);
    await page.locator("#filter").press("Escape");
    expect(await page.locator(".card:visible").count()).toBeGreaterThanOrEqual(20);
    await page.close();
  });
});
