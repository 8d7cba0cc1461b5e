/**
 * The sidebar's GA4 export source in Chromium, over the fake BigQuery service holding the generated
 * GA4 export (test/helpers/ga4-bigquery.ts): choose "A GA4 export", name the billing project and the
 * dataset, load it (the days its tables cover), pick the revenue, first day and segment, check what
 * the report will scan (dry runs only), then build with one more click — and a dataset without event
 * tables is said under the dataset field, the channel group asked for from an export without it under
 * the Segment control. In English, Korean and Russian, within the sidebar's 300 px.
 * Screenshots in test-results/screenshots/.
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isoDay } from "../../src/core/cells";
import { hasChromium, launchChromium, overflowing, screenshot } from "../helpers/browser";
import { GA4_DATASET, GA4_LAST, GA4_PROJECT, ga4BigQuerySample } from "../helpers/ga4-bigquery";
import { openSidebarPage, sampleSpreadsheet, startSidebarHost } from "../helpers/sidebar-host";

let browser: Browser | undefined;
let sample: Awaited<ReturnType<typeof ga4BigQuerySample>>;

beforeAll(async () => {
  if (!hasChromium) return;
  browser = await launchChromium();
  sample = await ga4BigQuerySample([
    {
      days: { to: GA4_LAST },
      options: {
        period: "month",
        splitBySegment: true,
        marginRate: 0.4,
        observationEnd: GA4_LAST,
        sheets: ["retention", "revenue", "ltv-cac", "summary"],
      },
    },
  ]);
}, 120_000);

afterAll(async () => {
  await browser?.close();
});

const days = () => [...sample.sample.days.keys()].sort((a, b) => a - b);

describe.skipIf(!hasChromium)("the sidebar's GA4 export source in Chromium", () => {
  it("loads the export's days, shows what the report scans, then builds it", async () => {
    const { book } = sampleSpreadsheet({ customers: 30 });
    const fake = sample.fake.copy();
    fake.datasets.set("shop-42.analytics_999", [{ name: "orders", type: "TABLE" }]);
    const host = await startSidebarHost({ book, services: { BigQuery: fake.service() } });
    try {
      const { page, problems } = await openSidebarPage(browser, host.sidebarUrl);

      await page.locator("#source-ga4").check();
      expect(await page.locator("#build").isDisabled()).toBe(true);
      await page.locator("#ga4-project").fill(GA4_PROJECT);
      // A dataset without GA4's tables: said under the field, naming it.
      await page.locator("#ga4-dataset").fill("shop-42.analytics_999");
      await page.locator("#load-ga4").click();
      await expect
        .poll(() => page.locator("#ga4-dataset-problem").textContent())
        .toContain("shop-42.analytics_999");
      expect(await page.locator("#ga4-dataset-problem").textContent()).toContain("no GA4 event tables");

      await page.locator("#ga4-dataset").fill(GA4_DATASET);
      await page.locator("#load-ga4").click();
      await page.waitForSelector("#ga4-loaded");
      expect(await page.locator("#ga4-loaded").textContent()).toBe(
        `\u2068${GA4_DATASET}\u2069 · events ${isoDay(days()[0])} – ${isoDay(days()[days().length - 1])} (${days().length} daily tables, 1 intraday)`,
      );
      expect(await page.locator("#ga4-currency").inputValue()).toBe("local");
      // No column pickers: the columns are the flattened events'.
      expect(await page.locator("#columns").count()).toBe(0);
      expect(await page.locator("#sheet-forecast-check").isDisabled()).toBe(false);
      expect(await page.locator("#sheet-customers").isDisabled()).toBe(false);
      expect(await page.locator("#sheet-subscription").isDisabled()).toBe(true);
      expect(await page.locator("#sheets").textContent()).toContain(
        "needs a table in a sheet (its “Months per payment” column)",
      );
      await page.locator("#margin").fill("40");
      await page.locator("#advanced > summary").click();
      await page.locator("#observation-end").fill("2024-04-29");

      // A first day changes what is scanned: the estimate is asked for with it.
      await page.locator("#ga4-first-day").fill("2024-02-01");
      expect(await page.locator("#build").textContent()).toBe("Check what it scans");
      await page.locator("#build").click();
      await expect.poll(() => page.locator("#estimate").textContent()).toContain("15 GiB");
      expect(fake.requests.every((r) => r.dryRun)).toBe(true);
      expect(fake.requests.every((r) => r.query?.includes("_TABLE_SUFFIX >= '20240201'"))).toBe(true);
      // The segment: automatic by default; the channel group from this export (which has none) is
      // refused under the control, naming it.
      const segment = page.locator("#ga4-segment");
      expect(await segment.inputValue()).toBe("auto");
      expect(await page.locator("label[for='ga4-segment']").textContent()).toBe("Segment");
      expect(await segment.locator("option").allTextContents()).toEqual([
        "Automatic",
        "Session default channel group",
        "First-user source / medium",
      ]);
      await segment.selectOption("channel-group");
      expect(await page.locator("#build").textContent()).toBe("Check what it scans");
      await page.locator("#build").click();
      await expect
        .poll(() => page.locator("#ga4-segment-problem").textContent())
        .toContain('Set Segment to "Automatic" or "First-user source / medium".');
      expect(await page.locator("#ga4-segment").getAttribute("aria-invalid")).toBe("true");
      await screenshot(page, "sidebar-en-ga4-segment-refused", { fullPage: true });
      expect(await overflowing(page)).toEqual([]);
      await segment.selectOption("auto");
      expect(await page.locator("#ga4-segment-problem").isHidden()).toBe(true);
      // Back to the export's first day: the estimate is asked for again.
      await page.locator("#ga4-first-day").fill("");
      await page.locator("#ga4-first-day").dispatchEvent("change");
      expect(await page.locator("#build").textContent()).toBe("Check what it scans");
      await page.locator("#build").click();
      await expect.poll(() => page.locator("#build").textContent()).toBe("Build report (scans 15 GiB)");
      await screenshot(page, "sidebar-en-ga4-estimate", { fullPage: true });
      expect(await overflowing(page)).toEqual([]);

      // Second click: the build the user approved.
      await page.locator("#build").click();
      await page.waitForSelector("#results:not([hidden])", { timeout: 30_000 });
      const links = await page.locator("#results button.link").allTextContents();
      expect(links).toEqual(["Retention", "Revenue & LTV", "LTV-CAC", "Summary"]);
      // Bounds, GA4 counts, cells, totals and (split by channel) the customers' histories.
      const jobs = fake.requests.filter((r) => !r.dryRun);
      expect(jobs.length).toBe(5);
      for (const job of jobs) expect(job.query).toContain("_TABLE_SUFFIX <= '20240429'");
      expect(book.sheet("Orders").writes).toEqual([]);
      expect(problems).toEqual([]);
      await page.close();
    } finally {
      await host.close();
    }
  });

  it.each([
    ["ko", "GA4 내보내기", "일별 테이블", ["세그먼트", "자동", "세션 기본 채널 그룹", "첫 사용자 소스/매체"]],
    [
      "ru",
      "Экспорт GA4",
      "дневных таблиц",
      [
        "Сегмент",
        "Автоматически",
        "Группа каналов по умолчанию для сеанса",
        "Источник/канал первого пользователя",
      ],
    ],
  ] as const)("fits the GA4 form into 300 px in %s", async (userLocale, choice, loaded, segmentWords) => {
    const { book } = sampleSpreadsheet({ customers: 30 });
    const fake = sample.fake.copy();
    const host = await startSidebarHost({ book, userLocale, services: { BigQuery: fake.service() } });
    try {
      if (!browser) throw new Error("no browser");
      const page = await browser.newPage({ viewport: { width: 300, height: 1100 } });
      await page.goto(host.sidebarUrl);
      await page.waitForSelector("#app[data-ready='true']");
      expect(await page.locator("label[for='source-ga4']").textContent()).toBe(choice);
      await page.locator("#source-ga4").check();
      await page.locator("#ga4-project").fill(GA4_PROJECT);
      await page.locator("#ga4-dataset").fill(GA4_DATASET);
      await page.locator("#load-ga4").click();
      await page.waitForSelector("#ga4-loaded");
      expect(await page.locator("#ga4-loaded").textContent()).toContain(loaded);
      await page.locator("#ga4-currency").selectOption("usd");
      const [label, ...options] = segmentWords;
      expect(await page.locator("label[for='ga4-segment']").textContent()).toBe(label);
      expect(await page.locator("#ga4-segment option").allTextContents()).toEqual(options);
      // The channel group from an export without it: refused under Segment, in the user's language.
      await page.locator("#ga4-segment").selectOption("channel-group");
      await page.locator("#margin").fill("40");
      await page.locator("#build").click();
      await expect.poll(() => page.locator("#ga4-segment-problem").textContent()).toContain(options[0]);
      expect(await overflowing(page)).toEqual([]);
      await screenshot(page, `sidebar-${userLocale}-ga4-segment-refused`, { fullPage: true });
      await page.locator("#ga4-segment").selectOption("source-medium");
      await page.locator("#build").click();
      await page.waitForSelector("#estimate:not([hidden])");
      // All but the schema's dry runs read the revenue asked for.
      const reads = fake.requests.filter((r) => !r.query?.startsWith("SELECT * FROM"));
      expect(reads.length).toBeGreaterThan(0);
      expect(reads.every((r) => r.query?.includes("purchase_revenue_in_usd"))).toBe(true);
      expect(await overflowing(page)).toEqual([]);
      await screenshot(page, `sidebar-${userLocale}-ga4-estimate`, { fullPage: true });
      await page.close();
    } finally {
      await host.close();
    }
  });
});
