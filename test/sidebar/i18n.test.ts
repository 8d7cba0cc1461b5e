/**
 * The sidebar's words: every language fills the same placeholders as English (a `{rows}` missing in
 * Korean would show nothing; an extra one would show braces), and none is left empty.
 */
import { describe, expect, it } from "vitest";
import { LANGUAGES } from "../../src/core/language";
import { WORDS } from "../../src/sidebar/i18n";

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe.each(LANGUAGES)("the sidebar in %s", (language) => {
  it("has every word, with the placeholders English has", () => {
    for (const [key, english] of Object.entries(WORDS.en)) {
      const text = WORDS[language][key as keyof typeof WORDS.en];
      expect(text.trim(), key).not.toBe("");
      expect(placeholders(text), key).toEqual(placeholders(english));
    }
  });
});
