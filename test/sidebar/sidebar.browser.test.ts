/**
 * The sidebar in a real browser: headless Chromium (Debian's package) driven by playwright-core,
 * loading dist/Sidebar.html with google.script.run bridged to dist/Code.js running in the
 * in-memory spreadsheet. It selects the sample data, checks the guessed mapping, builds, and sees
 * the new sheets; a hostile header renders as text and runs nothing; the first screen shows the
 * Build button in every language; the opt-in sheets (the report's OPTIONAL_SHEETS and Subscription)
 * are offered unticked, labelled in each language, and built when ticked; typed values are checked
 * where typed. Screenshots land in
 * test-results/screenshots/ for a human to look at.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_SHEETS, OPTIONAL_SHEETS, SUBSCRIPTION_SHEET } from "../../src/core/report/build";
import { wordsOf } from "../../src/core/report/words";
import { translator } from "../../src/sidebar/i18n";
import { hasChromium, launchChromium, overflowing, screenshot } from "../helpers/browser";
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
async function openSidebar(
  url: string,
  viewport = { width: 300, height: 1100 },
  locale = "en-US",
): Promise<{ page: Page; dialogs: string[]; problems: string[] }> {
  if (!browser) throw new Error("no browser");
  // The browser's locale is the user's, as in Sheets: it writes the date field's placeholder.
  const page = await browser.newPage({ viewport, locale });
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
      await page.locator("#columns > summary").click();
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
      await screenshot(page, "sidebar-en-built", { fullPage: true });
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
      await expect.poll(() => error.textContent()).toMatch(/no sheet named .\u2068NoSuchSheet\u2069/);
      // Said under the field too.
      expect(await page.locator("#spend-field .problem").textContent()).toMatch(/NoSuchSheet/);
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
    ["en", "Build report", "Use current selection", "Cohort LTV formulas"],
    ["ko", "보고서 만들기", "현재 선택 영역 사용", "코호트 LTV 수식"],
    ["ru", "Построить отчёт", "Взять текущее выделение", "Формулы Cohort LTV"],
  ])(
    "%s: the first screen (300×560) shows the Build button, nothing overflows, Help opens in the language",
    async (locale, build, useSelection, helpTitle) => {
      const { book } = sampleSpreadsheet({ customers: 50 });
      const host = await startSidebarHost({ book, userLocale: locale });
      try {
        const { page, problems } = await openSidebar(host.sidebarUrl, { width: 300, height: 560 }, locale);
        expect(await page.locator("#build").textContent()).toBe(build);
        expect(await page.locator("#use-selection").textContent()).toBe(useSelection);
        expect(await page.locator("html").getAttribute("lang")).toBe(locale);
        // Reachable without scrolling: inside the viewport and not covered by anything.
        const box = await page.locator("#build").boundingBox();
        expect(box && box.y + box.height).toBeLessThanOrEqual(560);
        expect(await page.evaluate(() => window.scrollY)).toBe(0);
        const hit = await page.evaluate(({ x, y }) => document.elementFromPoint(x, y)?.id, {
          x: (box?.x ?? 0) + (box?.width ?? 0) / 2,
          y: (box?.y ?? 0) + (box?.height ?? 0) / 2,
        });
        expect(hit).toBe("build");
        expect(await page.locator("#build").isEnabled()).toBe(true);
        await screenshot(page, `sidebar-${locale}-300x560`, { docs: true });
        await page.locator("#advanced summary").click();
        await page.locator("#columns > summary").click();
        await page.locator(".preview summary").click();
        expect(await overflowing(page, ".scroll")).toEqual([]);
        await screenshot(page, `sidebar-${locale}-full`, { fullPage: true });

        await page.locator("#help").click();
        await expect.poll(() => host.dialogs.length).toBe(1);
        expect(host.dialogs[0].title).toBe(helpTitle);
        expect(host.dialogs[0].html).toContain(`<html lang="${locale}">`);
        expect(problems).toEqual([]);
        await page.close();
      } finally {
        await host.close();
      }
    },
  );

  it("checks margin, date and spend range where they are typed, and builds nothing until they are right", async () => {
    const { book } = sampleSpreadsheet({ customers: 50 });
    const host = await startSidebarHost({ book, userLocale: "ru" });
    try {
      const { page } = await openSidebar(host.sidebarUrl);
      const problem = (id: string) => page.locator(`#${id}-field .problem`);
      expect(await page.locator("#revenue-note").isVisible()).toBe(true);
      await page.locator("#margin").fill("abc");
      await page.locator("#margin").blur();
      await expect.poll(() => problem("margin").textContent()).toMatch(/abc.* не число/);
      expect(await page.locator("#margin").getAttribute("aria-invalid")).toBe("true");
      await page.locator("#margin").fill("150");
      await page.locator("#margin").blur();
      await expect.poll(() => problem("margin").textContent()).toMatch(/150/);
      // The decimal comma of the locale is read as a decimal point; the note about revenue goes away.
      await page.locator("#margin").fill("40,5");
      await page.locator("#margin").blur();
      await expect.poll(() => problem("margin").isVisible()).toBe(false);
      expect(await page.locator("#revenue-note").isVisible()).toBe(false);

      await page.locator("#spend").fill("Spend A1 C13");
      await page.locator("#spend").blur();
      await expect.poll(() => problem("spend").textContent()).toMatch(/Spend A1 C13/);
      // A half-typed date is named too (the date field alone knows it).
      await page.locator("#advanced summary").click();
      await page.locator("#observation-end").focus();
      await page.keyboard.type("03");
      await page.locator("#observation-end").blur();
      expect(await problem("observation-end").textContent()).toBe(
        "Введите дату полностью или оставьте поле пустым.",
      );
      await page.locator("#observation-end").fill("");
      await page.locator("#margin").fill("abc");
      await page.locator("#build").click();
      await expect.poll(() => page.locator("#error").textContent()).toMatch(/abc.* не число/);
      await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("margin");
      expect(book.writtenSheets()).toEqual([]);

      await page.locator("#margin").fill("40,5");
      await page.locator("#spend").fill("");
      await page.locator("#build").click();
      await page.waitForSelector("#results:not([hidden])", { timeout: 30_000 });
      expect(host.log).toContain("buildReport");
      await page.close();
    } finally {
      await host.close();
    }
  });

  it("asks where to split the forecasts only when a forecast sheet is ticked, checks it, and builds with it", async () => {
    const { book } = sampleSpreadsheet({ customers: 200 });
    const host = await startSidebarHost({ book });
    try {
      const { page, problems } = await openSidebar(host.sidebarUrl);
      const field = page.locator("#calibration-end-field");
      const problem = page.locator("#calibration-end-field .problem");
      expect(await field.isVisible()).toBe(false);
      await page.locator("#sheet-predicted-clv").check();
      expect(await field.isVisible()).toBe(true);
      // The default split, shown as the build computes it: halfway from the first date to the last.
      const [first, last] = ((await page.locator("#date-range").textContent()) ?? "").match(
        /\d{4}-\d{2}-\d{2}/g,
      ) as [string, string];
      const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;
      const halfway = new Date(Math.floor((day(first) + day(last)) / 2) * 86_400_000)
        .toISOString()
        .slice(0, 10);
      expect(await page.locator("#calibration-end-hint").textContent()).toContain(`(${halfway})`);
      await page.locator("#sheet-predicted-clv").uncheck();
      expect(await field.isVisible()).toBe(false);
      await page.locator("#sheet-forecast-check").check();

      // Half typed, then on or after the observation end: named under the field, nothing built.
      await page.locator("#calibration-end").focus();
      await page.keyboard.type("03");
      await page.locator("#calibration-end").blur();
      expect(await problem.textContent()).toBe("Type a whole date, or leave it blank.");
      await page.locator("#advanced summary").click();
      await page.locator("#observation-end").fill(halfway);
      await page.locator("#calibration-end").fill(last);
      await expect.poll(() => problem.textContent()).toMatch(/is not before the observation end/);
      await page.locator("#build").click();
      await expect.poll(() => page.locator("#error").textContent()).toMatch(/not before the observation end/);
      expect(book.writtenSheets()).toEqual([]);

      await page.locator("#observation-end").fill("");
      await page.locator("#calibration-end").fill(halfway);
      await expect.poll(() => problem.isVisible()).toBe(false);
      await page.locator("#build").click();
      await page.waitForSelector("#results:not([hidden])", { timeout: 60_000 });
      expect(book.sheet("Forecast check").values.get(2, 1)).toContain(
        `Fitted on purchases to ${halfway}, then`,
      );
      await screenshot(page, "sidebar-en-calibration-end", { fullPage: true });
      expect(problems).toEqual([]);
      await page.close();
    } finally {
      await host.close();
    }
  });

  it("never offers to build from an empty selection, and keeps the found columns when one is missing", async () => {
    const { book } = sampleSpreadsheet({ customers: 50 });
    const host = await startSidebarHost({ book });
    try {
      // Only the header row selected: no data rows, so no "0 rows" and no Build.
      book.select(book.sheet("Orders"), "A1:D1");
      const { page } = await openSidebar(host.sidebarUrl);
      expect(await page.locator("#selection").textContent()).toBe("Orders!A1:D1 · no data rows");
      expect(await page.locator("#selection").textContent()).not.toMatch(/\b0 rows/);
      expect(await page.locator("#build").isDisabled()).toBe(true);

      // A table with no amount column: customer and date stay chosen, amount is asked for.
      book.addSheet("Visits", [
        ["Customer ID", "Order date", "Note"],
        ["a", new Date(Date.UTC(2024, 0, 5)), "first"],
        ["b", new Date(Date.UTC(2024, 1, 7)), "second"],
      ]);
      book.select(book.sheet("Visits"), "A1");
      await page.locator("#use-selection").click();
      await expect.poll(() => page.locator("#selection").textContent()).toContain("Visits!");
      expect(await page.locator("#map-customerId").inputValue()).toBe("0");
      expect(await page.locator("#map-date").inputValue()).toBe("1");
      expect(await page.locator("#map-amount").inputValue()).toBe("");
      expect(await page.locator("#map-amount-field .problem").textContent()).toBe(
        "Not found by its header or values: choose the column.",
      );
      expect(await page.locator("#settings .notice").first().textContent()).toBe(
        "Choose the Amount column below: the others were found.",
      );
      expect(await page.evaluate(() => document.activeElement?.id)).toBe("map-amount");
      await screenshot(page, "sidebar-en-missing-column", { docs: true });
      await page.close();
    } finally {
      await host.close();
    }
  });

  it("shows the data's date range, lists the dates that do not fit with their rows, and leaves them out", async () => {
    const { book } = sampleSpreadsheet({ customers: 50 });
    const orders = book.sheet("Orders");
    const last = orders.lastRow();
    const typos = [new Date(Date.UTC(2099, 2, 1)), new Date(Date.UTC(1924, 4, 5))];
    typos.forEach((date, i) => {
      for (const [column, value] of [["C01"], [date], [10], ["Organic"]].entries())
        orders.values.set(last + 1 + i, column + 1, value[0]);
    });
    book.select(orders, "A1");
    const host = await startSidebarHost({ book });
    try {
      const { page } = await openSidebar(host.sidebarUrl);
      expect(await page.locator("#date-range").textContent()).toMatch(/^Dates: 1924-05-05 – 2099-03-01$/);
      const listed = await page.locator(".suspicious li").allTextContents();
      expect(listed).toEqual([
        expect.stringMatching(new RegExp(`^Row ${last + 1}: \u2068.*\u2069 — after today$`)),
        expect.stringMatching(new RegExp(`^Row ${last + 2}: \u2068.*\u2069 — far from the other dates$`)),
      ]);
      expect(await page.locator("#suspicious-leave-out").isChecked()).toBe(true);
      expect(await overflowing(page, ".scroll")).toEqual([]);
      await screenshot(page, "sidebar-en-suspicious-dates", { fullPage: true, docs: true });

      await page.locator("#build").click();
      await page.waitForSelector("#results:not([hidden])", { timeout: 30_000 });
      const request = host.requests.find((r) => r.name === "buildReport")?.args[0] as {
        dateWindow: { from: string | null; to: string | null } | null;
      };
      expect(request.dateWindow).not.toBeNull();
      expect(request.dateWindow?.to && request.dateWindow.to < "2099-03-01").toBe(true);
      expect(request.dateWindow?.from && request.dateWindow.from > "1924-05-05").toBe(true);
      await page.close();
    } finally {
      await host.close();
    }
  });

  it("says so when several Google accounts are signed in (the calls fail before any server code runs)", async () => {
    const { book } = sampleSpreadsheet({ customers: 20 });
    const host = await startSidebarHost({ book, userLocale: "ko" });
    try {
      if (!browser) throw new Error("no browser");
      const page = await browser.newPage({ viewport: { width: 300, height: 600 } });
      // What google.script.run's failure handler gets in that case.
      await page.route("**/rpc", (route) =>
        route.fulfill({
          contentType: "application/json",
          body: JSON.stringify({
            error:
              "ScriptError: We're sorry, a server error occurred while reading from storage. Error code PERMISSION_DENIED.",
          }),
        }),
      );
      await page.goto(host.sidebarUrl);
      const told = await page.evaluate(
        () => (window as { cohortLtvBoot?: { accountsMessage: string } }).cohortLtvBoot?.accountsMessage,
      );
      expect(told).toMatch(/계정/);
      await expect.poll(() => page.locator("[role=alert]").textContent()).toBe(told);
      await page.close();
    } finally {
      await host.close();
    }
  });

  it.each(["en", "ko", "ru"] as const)(
    "%s: offers every opt-in sheet unticked, labelled in the language, and builds those ticked",
    async (locale) => {
      const { book } = sampleSpreadsheet({ customers: 120 });
      const host = await startSidebarHost({ book, userLocale: locale });
      try {
        const { page, problems } = await openSidebar(host.sidebarUrl, undefined, locale);
        const t = translator(locale);
        const optIn = [...OPTIONAL_SHEETS, SUBSCRIPTION_SHEET];
        expect(optIn).toContain("customers");
        const boxes = page.locator("#sheets input[type=checkbox]");
        const unticked = await boxes.evaluateAll((all) =>
          (all as HTMLInputElement[]).filter((b) => !b.checked).map((b) => b.value),
        );
        expect(unticked.sort()).toEqual([...optIn].sort());
        for (const key of optIn) {
          const label = await page.locator(`label[for="sheet-${key}"]`).textContent();
          expect(label).toBe(t(key));
          if (locale !== "en") expect(label).not.toBe(translator("en")(key));
          await page.locator(`#sheet-${key}`).check();
        }
        // The report in the same language (it defaults to the spreadsheet's, en_US here).
        await page.locator("#language").selectOption(locale);
        await page.locator("#sheets").scrollIntoViewIfNeeded();
        expect(await overflowing(page, ".scroll")).toEqual([]);
        await screenshot(page, `sidebar-${locale}-opt-in-sheets`);

        await page.locator("#build").click();
        await page.waitForSelector("#results:not([hidden])", { timeout: 60_000 });
        const request = host.requests.find((r) => r.name === "buildReport")?.args[0] as {
          sheets: string[];
          language: string;
        };
        expect(request.language).toBe(locale);
        expect(request.sheets).toEqual(expect.arrayContaining([...DEFAULT_SHEETS, ...optIn]));
        const links = await page.locator("#results button.link").allTextContents();
        expect(links).toContain(wordsOf(locale).sheets.customers);
        await screenshot(page, `sidebar-${locale}-opt-in-built`, { fullPage: true });
        expect(problems).toEqual([]);
        await page.close();
      } finally {
        await host.close();
      }
    },
    120_000,
  );

  /** Makes the n-th next call of `method` fail, as a step that Apps Script stopped mid-sheet. */
  function failOnce(book: ReturnType<typeof sampleSpreadsheet>["book"], method: string, nth: number) {
    const calls = book.calls;
    const at = (calls.get(method) ?? 0) + nth;
    const set = Map.prototype.set;
    let armed = true;
    calls.set = (key: string, value: number) => {
      if (armed && key === method && value === at) {
        armed = false;
        throw new Error("Exceeded maximum execution time");
      }
      return set.call(calls, key, value) as typeof calls;
    };
  }

  it("offers to continue a build that stopped part way, and then finishes the report", async () => {
    const { book } = sampleSpreadsheet({ customers: 300 });
    const host = await startSidebarHost({ book });
    try {
      const { page, problems } = await openSidebar(host.sidebarUrl);
      await expect.poll(() => page.locator("#selection").textContent()).toContain("Orders!A1:");
      failOnce(book, "Range.setValues", 2);
      await page.locator("#build").click();
      await page.waitForSelector("#continue", { timeout: 30_000 });
      expect(await page.locator("#error").textContent()).toContain("Continue writes the rest of the report");
      await screenshot(page, "sidebar-en-stopped", { fullPage: true });
      await page.locator("#continue").click();
      await page.waitForSelector("#results:not([hidden])", { timeout: 30_000 });
      const links = await page.locator("#results button.link").allTextContents();
      expect(links).toEqual(expect.arrayContaining(["Retention", "Revenue & LTV", "LTV-CAC", "Summary"]));
      expect(host.log).toContain("continueBuild");
      // Every sheet whole: each carries its metadata, written last.
      for (const name of links) expect(book.sheet(name).metadata).toHaveLength(1);
      // Refresh from the sidebar runs in steps too, and says what it refreshed.
      await page.locator("#refresh").click();
      await expect.poll(() => page.locator("#results").textContent()).toContain("Reports refreshed: 1.");
      expect(host.log).toContain("refreshReports");
      expect(problems).toEqual([]);
      await page.close();
    } finally {
      await host.close();
    }
  });

  it("undoes a build that stopped part way: the sheets it added are deleted", async () => {
    const { book } = sampleSpreadsheet({ customers: 300 });
    const before = book.sheets.map((s) => s.name);
    const host = await startSidebarHost({ book });
    try {
      const { page, problems } = await openSidebar(host.sidebarUrl);
      await expect.poll(() => page.locator("#selection").textContent()).toContain("Orders!A1:");
      failOnce(book, "Range.setValues", 3);
      await page.locator("#build").click();
      await page.waitForSelector("#undo", { timeout: 30_000 });
      await page.locator("#undo").click();
      await expect.poll(() => page.locator("#error").textContent()).toContain("Deleted:");
      expect(book.sheets.map((s) => s.name)).toEqual(before);
      expect(problems).toEqual([]);
      await page.close();
    } finally {
      await host.close();
    }
  });

  it("undoes a rebuild that stopped part way: the earlier report's sheets are put back, and it says which", async () => {
    const { book } = sampleSpreadsheet({ customers: 300 });
    const host = await startSidebarHost({ book });
    try {
      const { page, problems } = await openSidebar(host.sidebarUrl);
      await expect.poll(() => page.locator("#selection").textContent()).toContain("Orders!A1:");
      await page.locator("#build").click();
      await page.waitForSelector("#results:not([hidden])", { timeout: 30_000 });
      const names = book.sheets.map((s) => s.name);
      // Each sheet's filled cells (a cell never written and a blank one look the same).
      const filled = () =>
        book.sheets.map((s) =>
          s.values.rows.flatMap((line, r) =>
            (line ?? []).flatMap((v, c) => (v === undefined || v === "" ? [] : [[r, c, v]])),
          ),
        );
      const values = filled();
      failOnce(book, "Range.setValues", 2);
      await page.locator("#build").click();
      await page.waitForSelector("#undo", { timeout: 30_000 });
      await page.locator("#undo").click();
      await expect.poll(() => page.locator("#error").textContent()).toContain("Put back as they were:");
      expect(book.sheets.map((s) => s.name)).toEqual(names);
      expect(filled()).toEqual(values);
      expect(problems).toEqual([]);
      await page.close();
    } finally {
      await host.close();
    }
  });
});
