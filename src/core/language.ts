/**
 * The languages the add-on speaks: report sheets, messages, the sidebar and Help. A report's
 * language is stored with it, so a refresh by a teammate writes the same words.
 */
export type Language = "en" | "ko" | "ru";

export const LANGUAGES: readonly Language[] = ["en", "ko", "ru"];

/** A language from a locale such as "ko_KR", "ru-RU" or "en_GB": Korean, Russian, else English. */
export function languageOfLocale(locale: string | undefined | null): Language {
  const lower = (locale || "en").toLowerCase();
  if (lower.startsWith("ko")) return "ko";
  if (lower.startsWith("ru")) return "ru";
  return "en";
}
