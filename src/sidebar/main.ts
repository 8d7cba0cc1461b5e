/**
 * The report sidebar: shows the selected table and its guessed column mapping, asks for the report
 * settings, builds the report with step-by-step progress, then links to the new sheets. Every piece
 * of text — including headers and values from the user's data — is set with `textContent` or as an
 * option's text, never parsed as HTML. Plain form controls with labels keep it keyboard-usable.
 */
import type { BuildRequest, SelectionInfo } from "../addon/server";
import type { ColumnRole } from "../core/columns";
import type { ReportSheetKey } from "../core/report/model";
import { type Key, type Translate, translator } from "./i18n";
import { server } from "./rpc";

type Attributes = Record<string, string | boolean>;

/** Creates an element; `text` is set as text, children are appended. */
function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Attributes = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === false) continue;
    node.setAttribute(name, value === true ? "" : value);
  }
  for (const child of children) node.append(child);
  return node;
}

const ROLES: { role: ColumnRole; required: boolean }[] = [
  { role: "customerId", required: true },
  { role: "date", required: true },
  { role: "amount", required: true },
  { role: "segment", required: false },
  { role: "margin", required: false },
  { role: "cost", required: false },
];

const STEPS = ["reading", "computing", "writing"] as const;

let t: Translate = translator("en");
let info: SelectionInfo | undefined;
const app = document.getElementById("app") as HTMLElement;

function showError(box: HTMLElement, message: string): void {
  box.textContent = message;
  box.hidden = !message;
}

function field(label: string, control: HTMLElement, hint?: string): HTMLElement {
  const id = control.id;
  const parts: HTMLElement[] = [el("label", { for: id }, label), control];
  if (hint) {
    const hintId = `${id}-hint`;
    control.setAttribute("aria-describedby", hintId);
    parts.push(el("small", { id: hintId }, hint));
  }
  return el("div", { class: "field" }, ...parts);
}

function columnSelect(role: ColumnRole, required: boolean, selection: SelectionInfo): HTMLSelectElement {
  const select = el("select", { id: `map-${role}`, name: role, required });
  if (!required) select.append(el("option", { value: "" }, t("none")));
  selection.headers.forEach((header, i) => {
    select.append(el("option", { value: String(i) }, header));
  });
  const chosen = selection.mapping[role];
  if (chosen !== undefined) select.value = String(chosen);
  else select.selectedIndex = required ? -1 : 0;
  return select;
}

function previewTable(selection: SelectionInfo): HTMLElement {
  const head = el("tr", {}, ...selection.headers.map((h) => el("th", { scope: "col", title: h }, h)));
  const body = selection.preview.map((row) =>
    el("tr", {}, ...row.map((cell) => el("td", { title: cell }, cell))),
  );
  return el(
    "details",
    { class: "preview" },
    el("summary", {}, t("preview")),
    el("div", { class: "scroll" }, el("table", {}, el("thead", {}, head), el("tbody", {}, ...body))),
  );
}

function render(selection: SelectionInfo): void {
  info = selection;
  t = translator(selection.language);
  document.documentElement.lang = selection.language;
  app.replaceChildren();
  app.append(el("h1", {}, t("title")), el("p", { class: "intro" }, t("intro")));

  const error = el("div", { id: "error", class: "error", role: "alert", hidden: true });
  const useSelection = el("button", { type: "button", id: "use-selection" }, t("useSelection"));
  useSelection.addEventListener("click", () => load(useSelection));
  const data = el("section", { "aria-labelledby": "data-title" }, el("h2", { id: "data-title" }, t("data")));
  if (selection.table) {
    data.append(
      el(
        "p",
        { id: "selection" },
        t("selected", {
          range: selection.table.label,
          rows: (selection.table.rows - (selection.hasHeader ? 1 : 0)).toLocaleString(),
        }),
      ),
    );
  } else {
    data.append(
      el(
        "p",
        { class: "notice", id: "selection" },
        t(selection.problem === "own-sheet" ? "ownSheet" : "noSelection"),
      ),
    );
  }
  data.append(useSelection);
  app.append(data);

  const form = el("form", { id: "settings", novalidate: true });
  if (selection.table) {
    const columns = el("fieldset", {}, el("legend", {}, t("columns")));
    if (selection.mappingProblem) {
      columns.append(
        el("p", { class: "notice" }, t("columnsProblem", { message: selection.mappingProblem })),
      );
    }
    for (const { role, required } of ROLES)
      columns.append(field(t(role as Key), columnSelect(role, required, selection)));
    columns.append(previewTable(selection));
    form.append(columns);
  }

  const period = el(
    "select",
    { id: "period" },
    ...(["week", "month", "quarter"] as const).map((p) => el("option", { value: p }, t(p))),
  );
  const previous = selection.previous;
  period.value = previous?.period ?? "month";
  const end = el("input", { id: "observation-end", type: "date" });
  const margin = el("input", {
    id: "margin",
    type: "number",
    min: "0",
    max: "100",
    step: "any",
    inputmode: "decimal",
  });
  const spend = el("input", { id: "spend", type: "text", placeholder: "Spend!A1:C13", autocomplete: "off" });
  const spendButton = el("button", { type: "button", id: "spend-selection" }, t("useSelectionShort"));
  spendButton.addEventListener("click", async () => {
    spendButton.disabled = true;
    try {
      const result = await server.getSelectedRange();
      if (result.ok) spend.value = result.range;
      else showError(error, result.message);
    } finally {
      spendButton.disabled = false;
      spend.focus();
    }
  });
  end.value = previous?.observationEnd ?? "";
  margin.value = previous?.marginPercent == null ? "" : String(previous.marginPercent);
  spend.value = previous?.spend ?? "";
  const spendField = field(t("spend"), spend, t("spendHint"));
  spendField.insertBefore(el("div", { class: "row" }, spend, spendButton), spendField.querySelector("small"));
  form.append(
    el(
      "fieldset",
      {},
      el("legend", {}, t("settings")),
      field(t("period"), period),
      field(t("observationEnd"), end, t("observationEndHint")),
      field(t("marginPercent"), margin, t("marginHint")),
      spendField,
    ),
  );

  const sheets = el("fieldset", { id: "sheets" }, el("legend", {}, t("sheets")));
  for (const key of selection.sheets) {
    // The forecast is optional: it fits models, which takes longer on large tables.
    const checked = previous ? previous.sheets.includes(key) : key !== "predicted-clv";
    const box = el("input", { type: "checkbox", id: `sheet-${key}`, value: key, checked });
    sheets.append(el("div", { class: "check" }, box, el("label", { for: box.id }, t(key))));
  }
  form.append(sheets);

  const build = el(
    "button",
    { type: "submit", id: "build", class: "primary", disabled: !selection.table },
    t("build"),
  );
  form.append(build);
  app.append(form, error);

  const progress = el("ol", {
    id: "progress",
    "aria-live": "polite",
    "aria-label": t("progress"),
    hidden: true,
  });
  const results = el("div", { id: "results", hidden: true });
  app.append(progress, results);

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const request = readForm(form, error);
    if (request) void runBuild(request, { build, error, progress, results });
  });

  // Nothing to refresh until a report exists; a build enables it.
  const refresh = el(
    "button",
    { type: "button", id: "refresh", disabled: selection.reports === 0 },
    t("refresh"),
  );
  refresh.addEventListener("click", () => void runRefresh(refresh, error, results));
  app.append(el("hr"), refresh);
  app.dataset.ready = "true";
}

function readForm(form: HTMLFormElement, error: HTMLElement): BuildRequest | undefined {
  showError(error, "");
  const selection = info;
  if (!selection?.table) {
    showError(error, t("noSelection"));
    return undefined;
  }
  const value = (id: string) =>
    (form.querySelector(`#${id}`) as HTMLInputElement | HTMLSelectElement | null)?.value ?? "";
  const column = (role: ColumnRole) => {
    const v = value(`map-${role}`);
    return v === "" ? undefined : Number(v);
  };
  const [customerId, date, amount] = [column("customerId"), column("date"), column("amount")];
  if (
    customerId === undefined ||
    date === undefined ||
    amount === undefined ||
    new Set([customerId, date, amount]).size < 3
  ) {
    showError(error, t("sameColumn"));
    (form.querySelector("#map-customerId") as HTMLElement | null)?.focus();
    return undefined;
  }
  const sheets = [...form.querySelectorAll<HTMLInputElement>("#sheets input:checked")].map(
    (b) => b.value as ReportSheetKey,
  );
  if (!sheets.length) {
    showError(error, t("noSheets"));
    return undefined;
  }
  const mapping: BuildRequest["mapping"] = { customerId, date, amount };
  for (const role of ["segment", "margin", "cost"] as const) {
    const c = column(role);
    if (c !== undefined) mapping[role] = c;
  }
  const period = value("period");
  return {
    source: { sheetId: selection.table.sheetId, range: selection.table.range },
    mapping,
    period: period === "week" || period === "quarter" ? period : "month",
    observationEnd: value("observation-end") || null,
    margin: value("margin").trim(),
    spend: value("spend").trim(),
    sheets,
  };
}

interface Panels {
  build: HTMLButtonElement;
  error: HTMLElement;
  progress: HTMLElement;
  results: HTMLElement;
}

function showProgress(progress: HTMLElement, step: string, sheet?: string): void {
  const current = STEPS.indexOf(step as (typeof STEPS)[number]);
  progress.hidden = false;
  progress.replaceChildren(
    ...(step === "waiting" ? [el("li", { class: "active" }, t("waiting"))] : []),
    ...STEPS.map((s, i) => {
      const state = current < 0 ? "" : i < current ? "done" : i === current ? "active" : "";
      const text = s === "writing" && sheet && state === "active" ? t("writingSheet", { sheet }) : t(s);
      return el("li", { class: state, "aria-current": state === "active" ? "step" : false }, text);
    }),
  );
}

function showLinks(results: HTMLElement, heading: string, sheets: { name: string; sheetId: number }[]): void {
  results.hidden = false;
  results.replaceChildren(
    el("p", {}, heading),
    el(
      "ul",
      { class: "links" },
      ...sheets.map((sheet) => {
        const link = el(
          "button",
          { type: "button", class: "link", "data-sheet-id": String(sheet.sheetId) },
          sheet.name,
        );
        link.addEventListener("click", () => void server.openReportSheet(sheet.sheetId));
        return el("li", {}, link);
      }),
    ),
  );
}

async function runBuild(request: BuildRequest, panels: Panels): Promise<void> {
  const { build, error, progress, results } = panels;
  const runId = `run-${Date.now().toString(36)}-${Math.floor(Math.random() * 1e9).toString(36)}`;
  build.disabled = true;
  results.hidden = true;
  showProgress(progress, "reading");
  let finished = false;
  const poll = async () => {
    while (!finished) {
      await new Promise((resolve) => setTimeout(resolve, 800));
      if (finished) break;
      const state = await server.getBuildProgress(runId).catch(() => null);
      if (state && !finished) showProgress(progress, state.step, state.sheet);
    }
  };
  void poll();
  try {
    const result = await server.buildReport(request, runId);
    finished = true;
    if (result.ok) {
      progress.hidden = true;
      showLinks(results, t(result.updated ? "updated" : "built"), result.sheets);
      (document.getElementById("refresh") as HTMLButtonElement | null)?.removeAttribute("disabled");
      (results.querySelector("button") as HTMLElement | null)?.focus();
    } else {
      progress.hidden = true;
      showError(error, result.message);
    }
  } catch (failure) {
    finished = true;
    progress.hidden = true;
    showError(error, t("lost", { message: failure instanceof Error ? failure.message : String(failure) }));
  } finally {
    build.disabled = false;
  }
}

async function runRefresh(
  button: HTMLButtonElement,
  error: HTMLElement,
  results: HTMLElement,
): Promise<void> {
  button.disabled = true;
  showError(error, "");
  try {
    const result = await server.refreshReports();
    if (!result.ok) {
      showError(error, result.message);
      return;
    }
    // The server's messages are complete, in the user's language.
    const problems = [...result.failed, ...result.skipped].map((f) => f.message);
    showError(error, problems.join("\n"));
    showLinks(
      results,
      t("refreshed", { count: result.refreshed.length }),
      result.refreshed.flatMap((r) => r.sheets),
    );
  } catch (failure) {
    showError(error, t("lost", { message: failure instanceof Error ? failure.message : String(failure) }));
  } finally {
    button.disabled = false;
  }
}

const KEPT_FIELDS = ["period", "observation-end", "margin", "spend"];

/** What the user already set, to keep when they pick another table. */
function snapshot(): { values: Map<string, string>; sheets: Set<string> } | undefined {
  if (!document.getElementById("settings")) return undefined;
  const values = new Map<string, string>();
  for (const id of KEPT_FIELDS) {
    const field = document.getElementById(id) as HTMLInputElement | HTMLSelectElement | null;
    if (field) values.set(id, field.value);
  }
  const boxes = [...document.querySelectorAll<HTMLInputElement>("#sheets input:checked")];
  return { values, sheets: new Set(boxes.map((b) => b.value)) };
}

function restore(kept: ReturnType<typeof snapshot>): void {
  if (!kept) return;
  for (const [id, value] of kept.values) {
    const field = document.getElementById(id) as HTMLInputElement | HTMLSelectElement | null;
    if (field) field.value = value;
  }
  for (const box of document.querySelectorAll<HTMLInputElement>("#sheets input")) {
    box.checked = kept.sheets.has(box.value);
  }
}

async function load(trigger?: HTMLButtonElement): Promise<void> {
  if (trigger) trigger.disabled = true;
  const kept = snapshot();
  try {
    const result = await server.getSelectionInfo();
    if (result.ok) {
      render(result);
      // Settings typed for this session win over those of an earlier report.
      restore(kept);
      (
        document.getElementById(result.table ? "map-customerId" : "use-selection") as HTMLElement | null
      )?.focus();
    } else {
      app.replaceChildren(el("p", { class: "error", role: "alert" }, result.message));
    }
  } catch (failure) {
    app.replaceChildren(
      el(
        "p",
        { class: "error", role: "alert" },
        t("lost", { message: failure instanceof Error ? failure.message : String(failure) }),
      ),
    );
  } finally {
    if (trigger) trigger.disabled = false;
  }
}

void load();
