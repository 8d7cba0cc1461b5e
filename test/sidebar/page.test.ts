/**
 * The shipped pages — the sidebar and the Help in each language — are self-contained files: no URLs
 * to load (no CDN, no web fonts), and scripts that never parse strings as HTML.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { LANGUAGES } from "../../src/core/language";
import { helpFileName } from "../../src/sidebar/help/file";
import { distDir } from "../helpers/bundle";

const PAGES = ["Sidebar", ...LANGUAGES.map(helpFileName)];

describe.each(PAGES)("dist/%s.html", (name) => {
  const page = readFileSync(join(distDir, `${name}.html`), "utf8");

  it("loads nothing from the network", () => {
    expect(page).not.toMatch(/(?:https?:)?\/\/[a-z0-9.-]+\.[a-z]{2,}\//i);
    expect(page).not.toMatch(/<(?:link|img|iframe)\b|<script[^>]+src=|@import|url\(/i);
  });

  it("never parses text as HTML", () => {
    expect(page).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write/);
  });
});
