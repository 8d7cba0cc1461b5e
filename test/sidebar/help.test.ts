/**
 * The formula Help: its English is the custom functions' JSDoc; Korean and Russian must be complete
 * for every exported custom function (a formula added later fails here until it is translated), and
 * the translations ship only in the Help pages, never in Code.js.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readExports } from "../../scripts/exports";
import { helpCards } from "../../scripts/help-page";
import { LANGUAGES } from "../../src/core/language";
import { helpFileName } from "../../src/sidebar/help/file";
import { FORMULAS, HELP_WORDS } from "../../src/sidebar/help/translations";
import { distDir, readCode } from "../helpers/bundle";

const functions = readExports(join(import.meta.dirname, "..", "..", "src", "main.ts")).filter(
  (fn) => fn.customFunction,
);
const page = (language: (typeof LANGUAGES)[number]) =>
  readFileSync(join(distDir, `${helpFileName(language)}.html`), "utf8");

describe.each(["ko", "ru"] as const)("the %s Help", (language) => {
  const entries = FORMULAS[language];

  it.each(functions.map((fn) => [fn.name, fn] as const))("translates %s completely", (_, fn) => {
    const entry = entries[fn.name];
    expect(entry, `add ${fn.name} to FORMULAS.${language} in src/sidebar/help/translations.ts`).toBeDefined();
    expect(entry.definition.trim()).not.toBe("");
    expect(entry.result.trim()).not.toBe("");
    expect(Object.keys(entry.params).sort()).toEqual([...fn.params].sort());
    for (const name of fn.params) expect(entry.params[name]?.trim(), name).toBeTruthy();
    expect(Boolean(entry.source?.trim())).toBe(Boolean(fn.source));
  });

  it("has no entry for a formula that no longer exists", () => {
    expect(Object.keys(entries).sort()).toEqual(functions.map((fn) => fn.name).sort());
  });

  it("shows the translations on its page, with the formulas' names and examples as written", () => {
    const html = page(language);
    expect(html).toContain(`<html lang="${language}">`);
    for (const fn of functions) {
      expect(html).toContain(`<code>${fn.name}(`);
      const definition = entries[fn.name].definition.replace(/&/g, "&amp;").replace(/</g, "&lt;");
      expect(html).toContain(definition.replace(/>/g, "&gt;").replace(/"/g, "&quot;"));
    }
  });
});

describe("the Help pages", () => {
  it("give every formula's source (the engineering standard: definition, units and a source)", () => {
    const missing = functions.filter((fn) => !fn.source.trim()).map((fn) => fn.name);
    expect(missing, "add a `Source: …` sentence to their doc comments").toEqual([]);
  });

  it("name every group of formulas in every language", () => {
    for (const language of LANGUAGES)
      for (const fn of functions) expect(HELP_WORDS[language].groups[fn.module], fn.module).toBeTruthy();
  });

  it("are the JSDoc in English: definition, arguments in brackets when optional, result, example, source", () => {
    const cards = helpCards(functions, "en");
    const clv = cards.find((c) => c.name === "PREDICTED_CLV");
    expect(clv?.signature).toBe(
      "PREDICTED_CLV(customer_ids, dates, amounts, horizon_months, [monthly_discount_rate], [margin], [end_date], [interval])",
    );
    const retention = cards.find((c) => c.name === "COHORT_RETENTION");
    expect(retention?.definition).toMatch(/^Cohort retention: .* periods after the last date are blank\.$/);
    expect(retention?.source).toMatch(/^the standard cohort \(retention\) matrix/);
    const aov = cards.find((c) => c.name === "AOV");
    expect(aov).toMatchObject({
      definition: "Average order value: revenue / orders.",
      result: "Average order value, in currency per order.",
      example: "=AOV(12500, 250) → 50",
      source: "Farris, Bendle, Pfeifer & Reibstein, “Marketing Metrics” (2nd ed., 2010).",
    });
    expect(page("en")).toContain("Average order value: revenue / orders.");
  });

  it("say where formulas work: only where the add-on is enabled, and how to enable it", () => {
    expect(page("en")).toContain("#NAME?");
    expect(page("en")).toContain("Extensions → Add-ons → Manage add-ons");
    expect(page("ko")).toContain("이 문서에서 사용");
    expect(page("ru")).toContain("Использовать в этом документе");
  });

  it("keep the translations out of Code.js", () => {
    const code = readCode();
    expect(code).not.toContain(FORMULAS.ko.AOV.definition);
    expect(code).not.toContain(FORMULAS.ru.AOV.definition);
    expect(code).not.toContain(HELP_WORDS.ru.notEnabled[0]);
  });
});
