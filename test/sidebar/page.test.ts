/**
 * The shipped sidebar page is one self-contained file: no URLs to load (no CDN, no web fonts), and a
 * script that never parses strings as HTML.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { distDir } from "../helpers/bundle";

const page = readFileSync(join(distDir, "Sidebar.html"), "utf8");

describe("dist/Sidebar.html", () => {
  it("loads nothing from the network", () => {
    expect(page).not.toMatch(/(?:https?:)?\/\/[a-z0-9.-]+\.[a-z]{2,}\//i);
    expect(page).not.toMatch(/<(?:link|img|iframe)\b|<script[^>]+src=|@import|url\(/i);
  });

  it("never parses text as HTML", () => {
    expect(page).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write/);
  });
});
