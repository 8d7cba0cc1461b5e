/**
 * The sidebar in a real browser: headless Chromium (Debian's package) driven by playwright-core,
 * loading dist/Sidebar.html with google.script.run bridged to dist/Code.js running in the
 * in-memory spreadsheet. It selects the sample data, checks the guessed mapping, builds, and sees
 * the new sheets; a hostile header renders as text and runs nothing; Korean and Russian appear for
 * those locales. Screenshots land in test-results/ for a human to look at.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hasChromium, launchChromium, screenshot } from "../helpers/browser";
import { FakeLocks } from "../helpers/sheets";
import { sampleSpreadsheet, startSidebarHost } from "../helpers/sidebar-host";

const HOSTILE = "<img src=x onerror=alert(1)>";

let browser: Browser | undefined;

beforeAll(async () => {
  if (hasChromium) browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

/** A page that fails the test on any dialog, script error or request leaving 127.0.0.1. */
async function openSidebar(url: string): Promise<{ page: Page; dialogs: string[]; problems: string[] }> {
  if (!browser) throw new Error("no browser");
  const page = await browser.newPage({ viewport: { width: 300, height: 1100 } });
  page.setDefaultTimeout(15_000);
  const dialogs: string[] = [];
  const problems: string[] = [];
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  page.on("pageerror", (error) => problems.push(error.message));
  page.on("request", (request) => {
    if (!request.url().startsWith(new URL(url).origin)) problems.push(`request to ${request.url()}`);
  });
  await page.goto(url);
  await page.waitForSelector("#app[data-ready='true']");
  return { page, dialogs, problems };
}

describe.skipIf(!hasChromium)("the sidebar in Chromium", () => {
  it("maps the sample, builds the report, links the new sheets, and shows a hostile header as text", async () => {
    const { book } = sampleSpreadsheet({ customers: 300 });
    const orders = book.sheet("Orders");
    // An extra column whose header is markup, with values.
    orders.values.set(1, 5, HOSTILE);
    for (let r = 2; r <= orders.lastRow(); r++) orders.values.set(r, 5, "note");
    const host = await startSidebarHost({ book });
    try {
      const { page, dialogs, problems } = await openSidebar(host.sidebarUrl);
      await expect.poll(() => page.locator("#selection").textContent()).toContain("Orders!A1:E");

      expect(await page.locator("#map-customerId").inputValue()).toBe("0");
      expect(await page.locator("#map-date").inputValue()).toBe("1");
      expect(await page.locator("#map-amount").inputValue()).toBe("2");
      expect(await page.locator("#map-segment").inputValue()).toBe("3");
      // The markup header is an option's text and a table header's text, not an element.
      expect(await page.locator("#map-segment option").allTextContents()).toContain(HOSTILE);
      await page.locator(".preview summary").click();
      expect(await page.locator(".preview th").allTextContents()).toContain(HOSTILE);
      expect(await page.locator("img").count()).toBe(0);

      // Picking the table again keeps what was already typed.
      await page.locator("#margin").fill("40");
      await page.locator("#use-selection").click();
      await expect.poll(() => host.log.filter((name) => name === "getSelectionInfo").length).toBe(2);
      await page.waitForSelector("#use-selection:not([disabled])");
      expect(await page.locator("#margin").inputValue()).toBe("40");

      // The spend table: select it in the spreadsheet, then "use selection".
      book.select(book.sheet("Spend"), `A1:C${book.sheet("Spend").lastRow()}`);
      await page.locator("#spend-selection").click();
      await expect.poll(() => page.locator("#spend").inputValue()).toMatch(/^Spend!A1:C\d+$/);

      expect(await page.locator("#refresh").isDisabled()).toBe(true);
      // Keyboard: the build button is reachable and activates with Enter.
      await page.locator("#build").focus();
      await page.keyboard.press("Enter");
      await page.waitForSelector("#results:not([hidden])", { timeout: 30_000 });
      const links = await page.locator("#results button.link").allTextContents();
      expect(links).toEqual(expect.arrayContaining(["Retention", "Revenue & LTV", "LTV-CAC", "Summary"]));
      for (const name of links) expect(book.sheets.map((s) => s.name)).toContain(name);
      expect(orders.writes).toEqual([]);

      expect(await page.locator("#refresh").isDisabled()).toBe(false);
      await page.locator("#results button.link", { hasText: "LTV-CAC" }).click();
      await expect.poll(() => book.active?.sheet.name).toBe("LTV-CAC");
      await screenshot(page, "sidebar-en-built", true);
      expect(dialogs).toEqual([]);
      expect(problems).toEqual([]);
      await page.close();
    } finally {
      await host.close();
    }
  });

  it("shows errors in plain words, inline: a bad spend range, a colleague building", async () => {
    const { book } = sampleSpreadsheet({ customers: 50 });
    const locks = new FakeLocks();
    const host = await startSidebarHost({ book, locks });
    try {
      const { page } = await openSidebar(host.sidebarUrl);
      await page.locator("#spend").fill("NoSuchSheet!A1:B3");
      await page.locator("#build").click();
      const error = page.locator("#error");
      await expect.poll(() => error.textContent()).toContain('there is no sheet named "NoSuchSheet"');
      expect(await error.getAttribute("role")).toBe("alert");
      // A colleague is building: the second build is told to wait.
      locks.holder = "bob@example.com";
      await page.locator("#spend").fill("");
      await page.locator("#build").click();
      await expect
        .poll(() => error.textContent())
        .toBe(
          "Someone else is building a report in this spreadsheet right now. Wait a minute, then try again.",
        );
      expect(book.writtenSheets()).toEqual([]);
      await page.close();
    } finally {
      await host.close();
    }
  });

  it.each([
    ["ko", "보고서 만들기", "현재 선택 영역 사용"],
    ["ru", "Построить отчёт", "Взять текущее выделение"],
  ])("speaks the user's language: %s", async (locale, build, useSelection) => {
    const { book } = sampleSpreadsheet({ customers: 50 });
    const host = await startSidebarHost({ book, userLocale: locale });
    try {
      const { page } = await openSidebar(host.sidebarUrl);
      expect(await page.locator("#build").textContent()).toBe(build);
      expect(await page.locator("#use-selection").textContent()).toBe(useSelection);
      expect(await page.locator("html").getAttribute("lang")).toBe(locale);
      await screenshot(page, `sidebar-${locale}`, true);
      await page.close();
    } finally {
      await host.close();
    }
  });
});
