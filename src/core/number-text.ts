/**
 * Numbers typed or pasted as text, read strictly: the text is a number only if all of it reads as
 * one in the spreadsheet's locale, so "Q1 2024", "No. 5" or "5 apples" are never read as 12024, 0.5
 * or 5, and a minus sign written as an en dash or after the digits is never dropped.
 */

/** Separators of a locale, as `Intl.NumberFormat` writes them. */
export interface NumberLocale {
  tag: string;
  decimal: string;
  group: string;
  /** Whether the locale groups digits the Indian way, `12,34,567` (lakh and crore). */
  indian: boolean;
}

const localeCache = new Map<string, NumberLocale>();

/** Sheets names locales like `ru_RU`; Intl wants `ru-RU`. Unknown tags fall back to `en-US`. */
export function numberLocale(sheetsLocale = "en_US"): NumberLocale {
  const cached = localeCache.get(sheetsLocale);
  if (cached) return cached;
  let tag = sheetsLocale.replace(/_/g, "-");
  try {
    tag = Intl.getCanonicalLocales(tag)[0] ?? "en-US";
  } catch {
    tag = "en-US";
  }
  // Latin digits: Sheets and CSV exports write 0–9 whatever the locale's native digits.
  const format = new Intl.NumberFormat(tag, { numberingSystem: "latn" });
  const parts = format.formatToParts(12345.6);
  const result: NumberLocale = {
    tag,
    decimal: parts.find((p) => p.type === "decimal")?.value ?? ".",
    group: parts.find((p) => p.type === "group")?.value ?? ",",
    indian: /^\d\d\D\d\d\D\d{3}$/.test(format.format(1234567)),
  };
  localeCache.set(sheetsLocale, result);
  return result;
}

// Minus signs: hyphen-minus, figure dash, en dash, minus sign, small and full-width hyphen-minus
// (the full-width one arrives as "-" after FULL_WIDTH below); and the plus sign.
const SIGN = "[-+\u2012\u2013\u2212\ufe63]";
// A currency: a symbol (with the letters of "US$", "R$"), an ISO code, or a word written after amounts.
const CURRENCY = "[A-Z]{1,3}\\$|\\p{Sc}|[A-Za-z]{3}|(?:руб|р|грн|лв|kr|zł|kč|ft|rs|lei)\\.?|원|円|元";
const AFFIX = `(\\()|(\\))|(${SIGN})|(%)|(${CURRENCY})`;
const PREFIX = new RegExp(`^(?:${AFFIX})\\s*`, "iu");
const SUFFIX = new RegExp(`\\s*(?:${AFFIX})$`, "iu");
const FULL_WIDTH = /[\uff01-\uff5e]/g;
const BIDI_MARKS = /[\u061c\u200e\u200f]/g;
const PLAIN = /^-?\d+(\.\d+)?$/;
const SCIENTIFIC = /^(\d+)(?:[.,](\d+))?e([-+]?\d+)$/i;

let isoCodes: Set<string> | undefined;
/** ISO 4217 codes where the runtime lists them (Node, V8); elsewhere any three letters are a code. */
function isCurrencyCode(code: string): boolean {
  if (typeof Intl.supportedValuesOf !== "function") return true;
  isoCodes ??= new Set(Intl.supportedValuesOf("currency"));
  return isoCodes.has(code.toUpperCase());
}

/**
 * Reads a number a person typed or pasted, or returns `undefined` when not all of the text is one.
 *
 * Around the digits, in any order and each at most once: a sign — `-`, `+`, an en dash `–`, figure
 * dash `‒`, minus `−`, full-width `－` or small `﹣` minus — before or after the digits (`5-` is −5),
 * or accounting parentheses `(5)` instead of a sign; one currency (a symbol such as `$ € ₩ ₽ ₹ R$`,
 * an ISO code such as `USD`, or `руб.`, `원`, `円`…) before or after; or a `%`, which divides by 100.
 * Full-width characters (`１２３`) read as their ASCII forms.
 *
 * The digits: the decimal mark is `.` or `,` — the last of the two when both appear, else the one
 * mark used once unless it is the locale's group separator followed by exactly three digits
 * (`1,234` is 1234 in en_US and 1.234 in de_DE). Group separators must make valid groups: 1–3
 * digits, then groups of exactly 3 (`1,234,567`), or in a locale that groups the Indian way
 * (en_IN) also 1–2 digits, then groups of 2, then a last group of 3 (`1,23,456.78`). Spaces (also
 * no-break and narrow no-break) and apostrophes group digits only in locales whose separator they
 * are (fr_FR, ru_RU; de_CH). Scientific notation (`1e3`) is read; a non-finite result is not a number.
 *
 * @example parseNumberText("1 234,50 ₽", numberLocale("ru_RU")) // 1234.5
 * @example parseNumberText("1.234,50-", numberLocale("de_DE")) // -1234.5
 */
export function parseNumberText(text: string, locale: NumberLocale): number | undefined {
  if (PLAIN.test(text) && (locale.group !== "." || !text.includes("."))) return Number(text) + 0;
  if (text.length > 100) return undefined;
  let s = text
    .replace(FULL_WIDTH, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(BIDI_MARKS, "")
    .trim();
  let negative = false;
  let signs = 0;
  let parentheses = 0;
  let percents = 0;
  let currencies = 0;
  for (const affix of [PREFIX, SUFFIX]) {
    for (let m = affix.exec(s); m && s; m = affix.exec(s)) {
      s = affix === PREFIX ? s.slice(m[0].length) : s.slice(0, -m[0].length);
      if (m[1] || m[2]) {
        // "(" only opens before the digits and ")" only closes after them.
        if ((m[1] !== undefined) !== (affix === PREFIX)) return undefined;
        parentheses++;
      } else if (m[3]) {
        signs++;
        negative = m[3] !== "+";
      } else if (m[4]) percents++;
      else if (/^[a-z]{3}$/i.test(m[5]) && !/^lei$/i.test(m[5]) && !isCurrencyCode(m[5])) return undefined;
      else currencies++;
    }
  }
  if (parentheses === 1 || parentheses > 2 || signs + parentheses / 2 > 1 || percents + currencies > 1)
    return;
  const value = readDigits(s, locale);
  if (value === undefined) return undefined;
  const signed = (negative || parentheses ? -value : value) + 0; // "+ 0": "-0" and "(0.00)" are zero
  // Dividing by 100 in decimal: 12.3% is 0.123 exactly as typed, not 0.12300000000000001.
  return percents ? Number((signed / 100).toPrecision(15)) : signed;
}

/** The unsigned number of the digits and separators left once the affixes are gone. */
function readDigits(digits: string, locale: NumberLocale): number | undefined {
  const scientific = SCIENTIFIC.exec(digits);
  if (scientific) return finite(Number(`${scientific[1]}.${scientific[2] ?? ""}e${scientific[3]}`));
  if (!/^[\d.,\s'’]*\d$/.test(digits)) return undefined;
  const spaced = /\s/.test(digits);
  const apostrophes = /['’]/.test(digits);
  let s = digits;
  let group: string | undefined;
  if (spaced || apostrophes) {
    // Spaces and apostrophes group digits only where the locale's separator is one of them.
    if (spaced && apostrophes) return undefined;
    if (!(spaced ? /\s/ : /['’]/).test(locale.group)) return undefined;
    group = " ";
    s = s.replace(spaced ? /\s/g : /['’]/g, " ");
  }
  const dots = s.split(".").length - 1;
  const commas = s.split(",").length - 1;
  let decimal: string | undefined;
  if (group) {
    if (dots + commas > 1) return undefined;
    decimal = dots ? "." : commas ? "," : undefined;
  } else if (dots && commas) {
    decimal = s.lastIndexOf(".") > s.lastIndexOf(",") ? "." : ",";
    group = decimal === "." ? "," : ".";
  } else if (dots + commas === 1) {
    const mark = dots ? "." : ",";
    if (mark === locale.group && /^[1-9]\d{0,2}[.,]\d{3}$/.test(s)) group = mark;
    else decimal = mark;
  } else if (dots + commas > 1) {
    group = dots ? "." : ",";
  }
  const point = decimal ? s.lastIndexOf(decimal) : s.length;
  const whole = s.slice(0, point);
  const fraction = s.slice(point + 1);
  if (!/^\d*$/.test(fraction) || !validGroups(whole, group, locale)) return undefined;
  return finite(Number(`${group ? whole.split(group).join("") : whole || "0"}.${fraction}`));
}

/** Digit groups: `1,234,567`, or `12,34,567` where the locale groups the Indian way. */
function validGroups(whole: string, group: string | undefined, locale: NumberLocale): boolean {
  if (!group || !whole.includes(group)) return /^\d*$/.test(whole);
  const groups = whole.split(group);
  const last = groups.length - 1;
  const size = (g: string, i: number, first: number, middle: number) =>
    i ? g.length === (i === last ? 3 : middle) : g.length >= 1 && g.length <= first;
  return (
    /^[1-9]/.test(whole) &&
    groups.every((g) => /^\d+$/.test(g)) &&
    (groups.every((g, i) => size(g, i, 3, 3)) || (locale.indian && groups.every((g, i) => size(g, i, 2, 2))))
  );
}

function finite(value: number): number | undefined {
  return Number.isFinite(value) ? value : undefined;
}
