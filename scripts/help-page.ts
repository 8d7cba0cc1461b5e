/**
 * The formula Help dialog, one static page per language (Help.html, Help_ko.html, Help_ru.html):
 * one card per custom function — signature (optional arguments in brackets), result, definition,
 * arguments, example, source — under a search box. English is the functions' JSDoc, as Sheets'
 * autocomplete shows it; Korean and Russian come from src/sidebar/help/translations.ts. Everything
 * from the docs is escaped: the page is text, and its only script is the search box's.
 */
import type { Language } from "../src/core/language";
import { HELP_TITLE } from "../src/sidebar/help/file";
import { FORMULAS, HELP_WORDS } from "../src/sidebar/help/translations";
import type { ExportedFunction, Param } from "./exports";

export interface HelpCard {
  name: string;
  module: string;
  signature: string;
  definition: string;
  result: string;
  params: Param[];
  example: string;
  source: string;
}

/** The cards of every custom function, in `language`; an untranslated text stays English. */
export function helpCards(functions: ExportedFunction[], language: Language): HelpCard[] {
  return functions
    .filter((fn) => fn.customFunction)
    .map((fn) => {
      const text = language === "en" ? undefined : FORMULAS[language][fn.name];
      return {
        name: fn.name,
        module: fn.module,
        signature: `${fn.name}(${fn.arguments.map((p) => (p.optional ? `[${p.name}]` : p.name)).join(", ")})`,
        definition: text?.definition ?? fn.definition,
        result: text?.result ?? fn.returns,
        params: fn.arguments.map((p) => ({ ...p, text: text?.params[p.name] ?? p.text })),
        example: fn.example,
        source: fn.source ? (text?.source ?? fn.source) : "",
      };
    });
}

const escapeHtml = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

const STYLE = `
*{box-sizing:border-box}
body{font:13px/1.45 Arial,"Noto Sans CJK KR",sans-serif;margin:0;color:#202124;overflow-wrap:break-word}
header{position:sticky;top:0;background:#fff;padding:8px 12px;border-bottom:1px solid #dadce0;z-index:1}
header label{display:block;font-weight:bold;margin-bottom:2px}
input{width:100%;font:inherit;padding:5px 6px;border:1px solid #dadce0;border-radius:4px}
input:focus-visible,summary:focus-visible{outline:2px solid #1a73e8;outline-offset:1px}
main{padding:4px 12px 12px;max-width:760px}
p{margin:6px 0}
.intro,.note{color:#5f6368}
details.enable{margin:8px 0;padding:6px 8px;background:#fef7e0;border-radius:4px}
details.enable summary{cursor:pointer;font-weight:bold}
h2{font-size:14px;margin:14px 0 6px}
.card{border:1px solid #dadce0;border-radius:6px;padding:8px 10px;margin:0 0 8px}
.card h3{margin:0 0 4px;font-size:13px}
.card h3 code{font-size:13px;font-weight:bold;color:#174ea6}
code{font:12px/1.4 "Roboto Mono","DejaVu Sans Mono",monospace;white-space:normal;overflow-wrap:anywhere}
.result{margin:0 0 6px}
dl{margin:0}
dt{font-weight:bold;color:#5f6368;font-size:11px;text-transform:uppercase;margin-top:6px}
dd{margin:2px 0 0}
ul{margin:0;padding-left:18px}
li{margin:2px 0}
.opt{color:#5f6368;font-size:11px}
[hidden]{display:none!important}
`;

function card(c: HelpCard, language: Language): string {
  const w = HELP_WORDS[language];
  const params = c.params
    .map(
      (p) =>
        `<li><code>${escapeHtml(p.name)}</code>${p.optional ? ` <span class="opt">(${escapeHtml(w.optional)})</span>` : ""} — ${escapeHtml(p.text)}</li>`,
    )
    .join("");
  const rows: [string, string][] = [
    [w.definition, escapeHtml(c.definition)],
    ...(params ? ([[w.arguments, `<ul>${params}</ul>`]] as [string, string][]) : []),
    [w.example, `<code>${escapeHtml(c.example)}</code>`],
    ...(c.source ? ([[w.source, escapeHtml(c.source)]] as [string, string][]) : []),
  ];
  return `<article class="card" id="${escapeHtml(c.name)}" aria-labelledby="${escapeHtml(c.name)}-name">
<h3 id="${escapeHtml(c.name)}-name"><code>${escapeHtml(c.signature)}</code></h3>
<p class="result"><b>${escapeHtml(w.result)}:</b> ${escapeHtml(c.result)}</p>
<dl>${rows.map(([term, value]) => `<dt>${escapeHtml(term)}</dt><dd>${value}</dd>`).join("")}</dl>
</article>`;
}

/** The whole page; `script` is the bundled search box (src/sidebar/help/filter.ts). */
export function helpPage(functions: ExportedFunction[], language: Language, script: string): string {
  const w = HELP_WORDS[language];
  const cards = helpCards(functions, language);
  // Everyday metrics first, as the groups are listed; a module not listed yet comes last.
  const order = Object.keys(w.groups);
  const rank = (module: string) => (order.includes(module) ? order.indexOf(module) : order.length);
  const modules = [...new Set(cards.map((c) => c.module))].sort((a, b) => rank(a) - rank(b));
  const groups = modules
    .map(
      (module) => `<section class="group" aria-label="${escapeHtml(w.groups[module] ?? module)}">
<h2>${escapeHtml(w.groups[module] ?? module)}</h2>
${cards
  .filter((c) => c.module === module)
  .map((c) => card(c, language))
  .join("\n")}
</section>`,
    )
    .join("\n");
  return `<!DOCTYPE html>
<html lang="${language}"><head><base target="_top"><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(HELP_TITLE[language])}</title><style>${STYLE}</style></head><body>
<header><label for="filter">${escapeHtml(w.search)}</label><input id="filter" type="search" autocomplete="off" placeholder="${escapeHtml(w.searchHint)}"></header>
<main>
<p class="intro">${escapeHtml(w.intro)}</p>
<p class="note">${escapeHtml(w.separators)}</p>
<details class="enable"><summary>${escapeHtml(w.notEnabledTitle)}</summary>${w.notEnabled.map((p) => `<p>${escapeHtml(p)}</p>`).join("")}</details>
<p id="no-match" role="status" hidden>${escapeHtml(w.noMatch)}</p>
${groups}
</main>
<script>${script.replace(/<\/script/gi, "<\\/script")}</script>
</body></html>
`;
}
