import type { Language } from "../../core/language";

/** The Help page of a language, as the build writes it to dist/ and `showFormulaHelp` opens it. */
export function helpFileName(language: Language): string {
  return language === "en" ? "Help" : `Help_${language}`;
}

/** The Help dialog's title bar, in the same language as the page. */
export const HELP_TITLE: Record<Language, string> = {
  en: "Cohort LTV formulas",
  ko: "코호트 LTV 수식",
  ru: "Формулы Cohort LTV",
};
