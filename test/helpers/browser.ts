/**
 * Headless Chromium (Debian's package) for the browser tests, and what they check on every page:
 * that no text runs past its box, and screenshots a human can look at. Screenshots go to
 * test-results/screenshots/; with SCREENSHOTS=docs/screenshots, those marked `docs` are also
 * written there (the set the README shows).
 */
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { type Browser, chromium, type Page } from "playwright-core";

export const CHROMIUM = "/usr/bin/chromium";
export const hasChromium = existsSync(CHROMIUM);
const ROOT = join(import.meta.dirname, "..", "..");
const RESULTS = join(ROOT, "test-results", "screenshots");
const DOCS = process.env.SCREENSHOTS ? resolve(ROOT, process.env.SCREENSHOTS) : undefined;

export function launchChromium(): Promise<Browser> {
  for (const dir of [RESULTS, DOCS]) if (dir) mkdirSync(dir, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    timeout: 30_000,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--font-render-hinting=none",
    ],
  });
}

/** Saves a screenshot of what the viewport shows (or the whole page) as `name`.png. */
export async function screenshot(
  page: Page,
  name: string,
  { fullPage = false, docs = false }: { fullPage?: boolean; docs?: boolean } = {},
): Promise<void> {
  // The whole page by making the viewport as tall as it: a sticky footer then sits at the bottom.
  const viewport = page.viewportSize();
  if (fullPage && viewport)
    await page.setViewportSize({
      width: viewport.width,
      height: await page.evaluate(() => document.documentElement.scrollHeight),
    });
  const image = await page.screenshot();
  if (fullPage && viewport) await page.setViewportSize(viewport);
  for (const dir of [RESULTS, docs ? DOCS : undefined])
    if (dir) writeFileSync(join(dir, `${name}.png`), image);
}

/**
 * Visible elements whose text runs past their box or the page's width, described for a failure
 * message. Form fields scroll their own text, and elements inside `scrollable` (e.g. a preview
 * table meant to scroll sideways) are reachable by scrolling, so those are left out.
 */
export function overflowing(page: Page, scrollable = ""): Promise<string[]> {
  return page.evaluate((scrollable) => {
    const width = document.documentElement.clientWidth;
    const found: string[] = [];
    if (document.documentElement.scrollWidth > width)
      found.push(`the page: ${document.documentElement.scrollWidth}px wide in ${width}px`);
    for (const el of document.querySelectorAll<HTMLElement>("body *")) {
      if (el.matches("script, style, input, select, textarea, option") || !el.getClientRects().length)
        continue;
      if (scrollable && el.closest(scrollable)) continue;
      const rect = el.getBoundingClientRect();
      const name = `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""}${el.className ? `.${String(el.className).replace(/ /g, ".")}` : ""} "${(el.textContent ?? "").trim().slice(0, 40)}"`;
      if (el.clientWidth > 0 && el.scrollWidth > el.clientWidth)
        found.push(`${name}: content ${el.scrollWidth}px in ${el.clientWidth}px`);
      else if (rect.right > width + 0.5)
        found.push(`${name}: ends at ${Math.round(rect.right)}px of ${width}px`);
    }
    return found;
  }, scrollable);
}
