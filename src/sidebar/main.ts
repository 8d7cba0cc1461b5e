/**
 * The report sidebar: shows the selected table and its guessed column mapping, asks for the report
 * settings, builds the report with step-by-step progress, then links to the new sheets. What every
 * report needs comes first (data and its dates, columns, margin, spend, language, sheets); the rest
 * folds away under "More settings" with its defaults shown, and the Build button stays in view at
 * the bottom of the sidebar.
 * Typed values are checked as they are typed, with the problem named under the field. Every piece
 * of text — including headers and values from the user's data — is set as text (see ./dom).
 */
import type { SidebarBoot } from "../addon/dialogs";
import type {
  BigQueryColumns,
  BigQueryEstimate,
  BuildRequest,
  DateSummary,
  DateWindow,
  Failure,
  Ga4Export,
  InputField,
  InputProblems,
  InputsRequest,
  SelectionInfo,
} from "../addon/server";
import type { ColumnRole } from "../core/columns";
import { LANGUAGES } from "../core/language";
import type { ReportSheetKey } from "../core/report/model";
import type { Ga4SegmentAsked } from "../core/sql/ga4";
import { el, field, showMessage, showProblem } from "./dom";
import { type Key, LANGUAGE_NAMES, type Translate, translator } from "./i18n";
import { server } from "./rpc";

const REQUIRED = ["customerId", "date", "amount"] as const;
const HINTS: Record<ColumnRole, Key> = {
  customerId: "customerIdHint",
  date: "dateHint",
  amount: "amountHint",
  segment: "segmentHint",
  margin: "marginColumnHint",
  cost: "costHint",
  order: "orderHint",
  quantity: "quantityHint",
  price: "priceHint",
};

/** Whether a mapping has a quantity and a unit price, which stand in for the amount. */
const hasQuantityAndPrice = (mapping: Partial<Record<ColumnRole, number>>) =>
  mapping.quantity !== undefined && mapping.price !== undefined;

/** How the server found a column, shown under its picker (the command line prints the same reasons). */
function foundReason(role: ColumnRole, selection: SelectionInfo): string {
  const by = selection.foundBy[role];
  if (by === undefined || selection.mapping[role] === undefined) return "";
  if (role === "customerId" && selection.passedOver?.length)
    return t("foundByRepeat", { columns: selection.passedOver.map((c) => selection.headers[c]).join(", ") });
  return t(by === "values" ? "foundByValues" : "foundByHeader");
}

const STEPS = ["reading", "computing", "writing"] as const;
/** Sheets left unticked on a first build (the report's OPTIONAL_SHEETS and the subscription sheet). */
const OPT_IN_SHEETS: readonly ReportSheetKey[] = [
  "predicted-clv",
  "forecast-check",
  "subscription",
  "customers",
  "payback",
];

/** The typed fields the server checks, by the id of their control. */
const INPUTS: Record<InputField, string> = {
  margin: "margin",
  observationEnd: "observation-end",
  spend: "spend",
  calibrationEnd: "calibration-end",
  campaignMap: "campaign-map",
  ga4Segment: "ga4-segment",
};

/** The date fields, which the browser alone knows to be half typed. */
const DATE_FIELDS = ["observation-end", "calibration-end"];
/** The sheets that fit the forecasts, and so show the calibration end. */
const FORECAST_SHEETS: readonly ReportSheetKey[] = ["predicted-clv", "forecast-check", "customers"];

/** Put into the page by `showSidebar` after this script (so read once the page is parsed). */
declare const window: Window & { cohortLtvBoot?: SidebarBoot };
const boot = () => window.cohortLtvBoot;

let t: Translate = translator("en");
/** What the form is built from: the selected table, or (BigQuery) the same shape from a table's schema. */
let info: SelectionInfo | undefined;
/** The selection as the server read it. */
let sheetInfo: SelectionInfo | undefined;
/** Where the rows are: a range of this spreadsheet, a BigQuery table, or a GA4 export in BigQuery. */
let sourceKind: "sheet" | "bigquery" | "ga4" = "sheet";
/**
 * The BigQuery table as typed, its columns once loaded, and the dry run's estimate the user may
 * approve (of the BigQuery table's report or the GA4 export's, whichever source is chosen).
 */
const bigquery: { project: string; table: string; columns?: BigQueryColumns; estimate?: BigQueryEstimate } = {
  project: "",
  table: "",
};
/** The GA4 export as typed and chosen, and the days its tables cover once loaded. */
const ga4: {
  project: string;
  dataset: string;
  currency: "local" | "usd";
  firstDay: string;
  segment: Ga4SegmentAsked;
  loaded?: Ga4Export;
} = { project: "", dataset: "", currency: "local", firstDay: "", segment: "auto" };
/** The GA4 segments offered, with their words. */
const GA4_SEGMENTS: [Ga4SegmentAsked, Key][] = [
  ["auto", "ga4SegmentAuto"],
  ["channel-group", "ga4SegmentChannel"],
  ["source-medium", "ga4SegmentSource"],
];
/** The sheets the chosen database source cannot have (they need the rows in memory). */
const rowSheets = (): readonly ReportSheetKey[] =>
  (sourceKind === "ga4" ? ga4.loaded?.rowSheets : bigquery.columns?.rowSheets) ?? [];
/** The dates of the chosen date column, as last read. */
let dates: DateSummary | undefined;
const app = document.getElementById("app") as HTMLElement;

/** Shows (or, with "", hides) a message in `box`; a failure's `link` is shown as a link in it. */
function showError(box: HTMLElement, message: string, link?: string): void {
  showMessage(box, message, link);
  box.hidden = !message;
}

/** A failed call, said by the server in the user's language; wrong fields get their message too. */
function failureText(result: Failure): string {
  if (result.problems) showProblems(result.problems);
  return result.message;
}

/** Shows the server's message under each typed field (and clears the others). */
function showProblems(problems: InputProblems): void {
  for (const [fieldName, id] of Object.entries(INPUTS) as [InputField, string][]) {
    const control = byId(id);
    if (control && !halfTyped(id)) showProblem(control, problems[fieldName] ?? "");
  }
}

/**
 * A call that never reached the server. With several Google accounts signed in, Apps Script refuses
 * the sidebar's calls (PERMISSION_DENIED, "Authorization is required"): a known limitation, which
 * the page was told how to say when it opened.
 */
function lostText(failure: unknown): string {
  const message = failure instanceof Error ? failure.message : String(failure);
  const accounts = boot()?.accountsMessage;
  return accounts && /PERMISSION_DENIED|authorization is required/i.test(message)
    ? accounts
    : t("lost", { message });
}

const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T | null;

function columnField(role: ColumnRole, required: boolean, selection: SelectionInfo): HTMLElement {
  const select = el("select", { id: `map-${role}`, name: role, required });
  select.append(el("option", { value: "" }, t(required ? "choose" : "none")));
  selection.headers.forEach((header, i) => {
    select.append(el("option", { value: String(i) }, header));
  });
  const chosen = selection.mapping[role];
  select.value = chosen === undefined ? "" : String(chosen);
  const wrapper = field(t(role as Key), select, t(HINTS[role]));
  const reason = el("small", { id: `map-${role}-reason`, class: "reason" }, foundReason(role, selection));
  wrapper.insertBefore(reason, wrapper.querySelector(".problem"));
  if (required && chosen === undefined) showProblem(select, t("missingColumn"));
  select.addEventListener("change", () => {
    if (select.value !== "") showProblem(select, "");
    reason.textContent = "";
    updateDefaults();
  });
  return wrapper;
}

/** The column of months each payment covers (Subscription sheet); preselected when a header names it. */
function termField(selection: SelectionInfo, previous: SelectionInfo["previous"]): HTMLElement {
  const select = el("select", { id: "map-term", name: "term" });
  select.append(el("option", { value: "" }, t("none")));
  selection.headers.forEach((header, i) => {
    select.append(el("option", { value: String(i) }, header));
  });
  const chosen = previous?.termColumn ?? selection.termColumn;
  select.value = chosen === undefined || chosen === null ? "" : String(chosen);
  return field(t("term"), select, t("termHint"));
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

/** The spend table's format, shown as a small example rather than described. */
function spendExample(): HTMLElement {
  const rows = [
    [t("spendMonth"), t("spendAmount"), t("spendChannel")],
    ["2024-01-01", "5000", t("spendExampleChannel")],
    ["2024-02-01", "4200", t("spendExampleChannel")],
  ];
  return el(
    "table",
    { class: "example", "aria-label": t("spend") },
    el("thead", {}, el("tr", {}, ...rows[0].map((h) => el("th", { scope: "col" }, h)))),
    el("tbody", {}, ...rows.slice(1).map((row) => el("tr", {}, ...row.map((c) => el("td", {}, c))))),
  );
}

/**
 * In More settings: the campaign map (campaign pattern → channel, a range the report keeps, picked
 * like the spend table) and "Leave out the first period" — both stored with the report, so Refresh
 * keeps them.
 */
function spendExtras(previous: SelectionInfo["previous"]): HTMLElement[] {
  const map = el("input", {
    id: "campaign-map",
    type: "text",
    placeholder: t("campaignMapPlaceholder"),
    autocomplete: "off",
  });
  map.value = previous?.campaignMap ?? "";
  const pick = el("button", { type: "button", id: "campaign-map-selection" }, t("useSelectionShort"));
  map.addEventListener("change", () => void checkTyped());
  pick.addEventListener("click", async () => {
    pick.disabled = true;
    try {
      const result = await server.getSelectedRange();
      if (result.ok) {
        map.value = result.range;
        void checkTyped();
      } else showProblem(map, failureText(result));
    } catch (failure) {
      showProblem(map, lostText(failure));
    } finally {
      pick.disabled = false;
      map.focus();
    }
  });
  const skip = el("input", {
    type: "checkbox",
    id: "skip-first-period",
    checked: previous?.skipFirstPeriod === true,
  });
  return [
    field(t("campaignMap"), map, t("campaignMapHint"), pick),
    el(
      "div",
      { class: "field check", id: "skip-first-period-field" },
      skip,
      el("label", { for: skip.id }, t("skipFirstPeriod")),
      el("small", { id: "skip-first-period-hint" }, t("skipFirstPeriodHint")),
    ),
  ];
}

/** A date typed only in part: the date field then holds "" and the server would see no date. */
function halfTyped(id: string): boolean {
  return byId<HTMLInputElement>(id)?.validity.badInput ?? false;
}

/** The half-typed date fields, each named under itself. */
function showHalfTyped(): HTMLElement[] {
  const half = DATE_FIELDS.flatMap((id) => (halfTyped(id) ? [byId(id) as HTMLElement] : []));
  for (const id of DATE_FIELDS) {
    const control = byId(id);
    if (control) showProblem(control, halfTyped(id) ? t("endNotDate") : "");
  }
  return half;
}

/** A yyyy-mm-dd day as a day number, and back. */
const dayOf = (iso: string) => Math.floor(Date.parse(`${iso}T00:00:00Z`) / 86_400_000);
const isoOf = (day: number) => new Date(day * 86_400_000).toISOString().slice(0, 10);

/**
 * The Forecast check's default split of the chosen data as the build computes it (report/forecast-check's
 * `defaultCalibrationEnd`): halfway from the first date to the observation end; undefined when the dates are unknown.
 */
function halfway(): string | undefined {
  const window = chosenWindow();
  const first = window?.from ?? dates?.first;
  const ends = [window?.to ?? dates?.last, byId<HTMLInputElement>("observation-end")?.value].filter(
    (d): d is string => Boolean(d),
  );
  if (!first || ends.length === 0) return undefined;
  const last = Math.min(...ends.map(dayOf));
  return last > dayOf(first) ? isoOf(Math.floor((dayOf(first) + last) / 2)) : undefined;
}

/** What the typed fields hold, as the server reads them. */
function typedInputs(): InputsRequest | undefined {
  const table = info?.table;
  if (sourceKind === "bigquery" ? !bigquery.columns : sourceKind === "ga4" ? !ga4.loaded : !table)
    return undefined;
  const value = (id: string) => byId<HTMLInputElement>(id)?.value.trim() ?? "";
  return {
    // A BigQuery source has no range (the server ignores it).
    source: table ? { sheetId: table.sheetId, range: table.range } : { sheetId: -1, range: "" },
    margin: value("margin"),
    observationEnd: value("observation-end") || null,
    spend: value("spend"),
    calibrationEnd: value("calibration-end") || null,
    campaignMap: value("campaign-map"),
    language: LANGUAGES.find((l) => l === value("language")),
  };
}

let checking = 0;

/**
 * Checks the typed fields where they are typed: when one is changed (left, or picked), the server
 * reads them as the build will and names what is wrong under each field. An answer that a newer
 * check overtook is dropped.
 */
async function checkTyped(): Promise<void> {
  const request = typedInputs();
  showHalfTyped();
  if (!request) return;
  const run = ++checking;
  const result = await server.checkInputs(request).catch(() => undefined);
  if (run !== checking || !result) return;
  showProblems(result.ok ? result.problems : (result.problems ?? {}));
}

/** The summary line of "More settings" and the revenue-based note follow what is chosen. */
function updateDefaults(): void {
  const value = (id: string) => byId<HTMLInputElement | HTMLSelectElement>(id)?.value ?? "";
  const columnName = (role: ColumnRole) => {
    const select = byId<HTMLSelectElement>(`map-${role}`);
    return select?.value ? (select.selectedOptions[0]?.textContent ?? "") : t("noneShort");
  };
  const chosen = byId("columns-chosen");
  const picked = (role: ColumnRole) => {
    const option = byId<HTMLSelectElement>(`map-${role}`)?.selectedOptions[0];
    return option?.value ? (option.textContent ?? "") : "";
  };
  // Without an amount, the amount is quantity × unit price: the summary line says so.
  const amount =
    picked("amount") ||
    (picked("quantity") && picked("price") ? `${picked("quantity")} × ${picked("price")}` : "");
  if (chosen)
    chosen.textContent = [picked("customerId"), picked("date"), amount, picked("segment")]
      .filter(Boolean)
      .join(" · ");
  const defaults = byId("advanced-defaults");
  if (defaults)
    defaults.textContent = t("advancedDefaults", {
      end: value("observation-end") || t("lastDate"),
      margin: columnName("margin"),
      cost: columnName("cost"),
    });
  const note = byId("revenue-note");
  if (note) note.hidden = Boolean(value("margin").trim() || value("map-margin") || value("map-cost"));
  const calibration = byId("calibration-end-field");
  if (calibration)
    calibration.hidden = !FORECAST_SHEETS.some((key) => byId<HTMLInputElement>(`sheet-${key}`)?.checked);
  const split = halfway();
  const hint = byId("calibration-end-hint");
  if (hint)
    hint.textContent = split ? t("calibrationEndHint", { date: split }) : t("calibrationEndHintHalfway");
}

function render(selection: SelectionInfo): void {
  info = selection;
  t = translator(selection.language);
  document.documentElement.lang = selection.language;
  dates = selection.dates;
  const help = el("button", { type: "button", id: "help", class: "link" }, t("help"));
  help.addEventListener("click", () => void server.showFormulaHelp().catch(() => {}));
  app.replaceChildren(
    el("header", { class: "top" }, el("h1", {}, t("title")), help),
    el("p", { class: "intro" }, t("intro")),
  );

  const error = el("div", { id: "error", class: "error", role: "alert", hidden: true });
  // Computed in BigQuery (a table, or a GA4 export whose columns are the flattened events').
  const bq = sourceKind !== "sheet";
  const isGa4 = sourceKind === "ga4";
  const table = bq ? null : selection.table;
  const dataRows = table ? table.rows - (selection.hasHeader ? 1 : 0) : 0;
  const usable = isGa4
    ? Boolean(ga4.loaded)
    : bq
      ? Boolean(bigquery.columns)
      : Boolean(table) && dataRows > 0;
  const data = el(
    "section",
    { "aria-labelledby": "data-title" },
    el("h2", { id: "data-title" }, t("data")),
    sourceChoice(),
  );
  if (isGa4) data.append(ga4Fields());
  else if (bq) data.append(bigQueryFields());
  else {
    const useSelection = el("button", { type: "button", id: "use-selection" }, t("useSelection"));
    useSelection.addEventListener("click", () => load(useSelection));
    const status = table
      ? dataRows > 0
        ? t("selected", { range: table.label, rows: dataRows.toLocaleString() })
        : t("selectedEmpty", { range: table.label })
      : t(selection.problem === "own-sheet" ? "ownSheet" : "noSelection");
    data.append(
      el(
        "div",
        { class: "row wrap" },
        el("p", { id: "selection", class: usable ? "" : "notice" }, status),
        useSelection,
      ),
    );
    if (table && !usable) data.append(el("p", { class: "notice" }, t("emptyTable")));
    if (usable) data.append(el("div", { id: "dates" }));
  }
  app.append(data);

  const form = el("form", { id: "settings", novalidate: true });
  if (usable && !isGa4) {
    // Found columns fold into one line naming them; a missing one keeps the list open.
    const missing = REQUIRED.filter(
      (role) =>
        selection.mapping[role] === undefined &&
        !(role === "amount" && hasQuantityAndPrice(selection.mapping)),
    );
    const columns = el(
      "details",
      { id: "columns", open: missing.length > 0 },
      el("summary", {}, t("columns"), el("small", { id: "columns-chosen" })),
    );
    if (missing.length)
      columns.append(
        el("p", { class: "notice" }, t("missingColumns", { columns: missing.map((r) => t(r)).join(", ") })),
      );
    // Line items (an order column, quantity × unit price) add up into orders in BigQuery as in a sheet.
    columns.append(columnField("customerId", true, selection));
    columns.append(columnField("order", false, selection));
    columns.append(columnField("date", true, selection));
    columns.append(columnField("amount", !hasQuantityAndPrice(selection.mapping), selection));
    for (const role of ["quantity", "price"] as const) columns.append(columnField(role, false, selection));
    columns.append(columnField("segment", false, selection));
    if (!bq) columns.append(previewTable(selection));
    form.append(columns);
  }

  const previous = selection.previous;
  const period = el(
    "select",
    { id: "period" },
    ...(["week", "month", "quarter"] as const).map((p) => el("option", { value: p }, t(p))),
  );
  period.value = previous?.period ?? "month";
  // Text, not type=number: "40,5" is how a decimal-comma locale writes it, and must not be lost.
  const margin = el("input", { id: "margin", type: "text", inputmode: "decimal", autocomplete: "off" });
  margin.value = previous?.marginPercent ?? "";
  const spend = el("input", {
    id: "spend",
    type: "text",
    placeholder: t("spendPlaceholder"),
    autocomplete: "off",
  });
  spend.value = previous?.spend ?? "";
  const spendButton = el("button", { type: "button", id: "spend-selection" }, t("useSelectionShort"));
  const language = el(
    "select",
    { id: "language" },
    ...LANGUAGES.map((l) => el("option", { value: l }, LANGUAGE_NAMES[l])),
  );
  language.value = previous?.language ?? selection.reportLanguage;
  const marginField = field(t("marginPercent"), margin, t("marginHint"));
  marginField.append(el("small", { id: "revenue-note", class: "note" }, t("revenueBased")));
  const spendHint = el("span", {}, t("spendHint"), spendExample());
  form.append(
    el(
      "fieldset",
      {},
      el("legend", {}, t("settings")),
      field(t("period"), period, t("periodHint")),
      marginField,
      field(t("spend"), spend, spendHint, spendButton),
      field(t("language"), language, t("languageHint")),
    ),
  );

  const end = el("input", { id: "observation-end", type: "date" });
  end.value = previous?.observationEnd ?? "";
  const advanced = el(
    "details",
    { id: "advanced" },
    el("summary", {}, t("advanced"), el("small", { id: "advanced-defaults" })),
    ...(usable && !isGa4
      ? [
          columnField("margin", false, selection),
          columnField("cost", false, selection),
          ...(bq ? [] : [termField(selection, previous)]),
        ]
      : []),
    field(t("observationEnd"), end, t("observationEndHint")),
    ...spendExtras(previous),
  );
  form.append(advanced);

  const sheets = el("fieldset", { id: "sheets" }, el("legend", {}, t("sheets")));
  const boxes = el("div", { class: "checks" });
  for (const key of selection.sheets) {
    // Opt-in: the forecasts fit models (slower on large tables); MRR only for data with a term column.
    const subscriptions = key === "subscription" && selection.termColumn !== undefined;
    const checked = previous ? previous.sheets.includes(key) : subscriptions || !OPT_IN_SHEETS.includes(key);
    // A report computed in BigQuery has no rows in memory: the sheets that list or fit every row are off.
    const rowsOnly = bq && rowSheets().includes(key);
    const box = el("input", {
      type: "checkbox",
      id: `sheet-${key}`,
      value: key,
      checked: checked && !rowsOnly,
      disabled: rowsOnly,
    });
    const why = rowsOnly ? [el("small", { class: "note" }, t("rowSheet"))] : [];
    boxes.append(el("div", { class: "check" }, box, el("label", { for: box.id }, t(key)), ...why));
  }
  // Where the forecasts are fitted and checked: blank stays halfway through the data, also on Refresh.
  const calibration = el("input", { id: "calibration-end", type: "date" });
  calibration.value = previous?.calibrationEnd ?? "";
  sheets.append(boxes, field(t("calibrationEnd"), calibration, ""));
  boxes.addEventListener("change", updateDefaults);
  form.append(sheets);

  for (const control of [margin, end, spend, calibration]) {
    control.addEventListener("change", () => void checkTyped());
    control.addEventListener("input", updateDefaults);
  }
  // A half-typed date leaves the value "" as it was, so no change event: check on leaving too.
  for (const date of [end, calibration])
    date.addEventListener("blur", () => {
      if (halfTyped(date.id)) void checkTyped();
    });
  spendButton.addEventListener("click", async () => {
    spendButton.disabled = true;
    try {
      const result = await server.getSelectedRange();
      if (result.ok) {
        spend.value = result.range;
        void checkTyped();
      } else showError(error, failureText(result), result.link);
    } catch (failure) {
      showError(error, lostText(failure));
    } finally {
      spendButton.disabled = false;
      spend.focus();
    }
  });

  const build = el(
    "button",
    { type: "submit", id: "build", class: "primary", disabled: !usable },
    t("build"),
  );
  const progress = el("ol", {
    id: "progress",
    "aria-live": "polite",
    "aria-label": t("progress"),
    hidden: true,
  });
  // Stays at the bottom of the sidebar while the form scrolls: Build is always one click away.
  form.append(el("div", { class: "actions" }, error, progress, build));
  const results = el("div", { id: "results", hidden: true });
  app.append(form, results);

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const request = readForm(form, error);
    // BigQuery: first the dry run's estimate, then the build the user approves by clicking again.
    if ((request?.bigquery || request?.ga4) && !bigquery.estimate) void runEstimate(request, build, error);
    else if (request) void runBuild(request, { build, error, progress, results });
  });
  // The estimate is for the settings as they were: a change asks for a new one.
  form.addEventListener("change", () => {
    if (!bigquery.estimate) return;
    bigquery.estimate = undefined;
    showEstimate();
  });

  // Nothing to refresh until a report exists; a build enables it.
  const refresh = el(
    "button",
    { type: "button", id: "refresh", disabled: selection.reports === 0 },
    t("refresh"),
  );
  refresh.addEventListener("click", () => void runRefresh(refresh, error, results));
  app.append(el("hr"), refresh);
  if (usable) showDates(previous ? Boolean(previous.dateWindow) : true);
  // Leaving dates out moves the default split shown under the calibration end.
  byId("dates")?.addEventListener("change", updateDefaults);
  byId("map-date")?.addEventListener("change", () => void rereadDates());
  showEstimate();
  updateDefaults();
  app.dataset.ready = "true";
}

/** The form's data: the selection, or for BigQuery the table's columns in the selection's shape. */
function currentSelection(selection: SelectionInfo): SelectionInfo {
  if (sourceKind === "sheet") return selection;
  const columns = bigquery.columns;
  return {
    ...selection,
    table: null,
    problem: undefined,
    hasHeader: true,
    headers: columns?.headers ?? [],
    preview: [],
    mapping: columns?.mapping ?? {},
    foundBy: columns?.foundBy ?? {},
    mappingProblem: columns?.mappingProblem,
    dates: undefined,
    termColumn: undefined,
    previous: undefined,
  };
}

/** Draws the form again (another source, columns loaded), keeping what the user set. */
function rerender(): void {
  if (!sheetInfo) return;
  const kept = snapshot();
  render(currentSelection(sheetInfo));
  restore(kept);
}

/** Where the rows are: a table in this spreadsheet, a BigQuery table, or a GA4 export. */
function sourceChoice(): HTMLElement {
  const choice = (kind: typeof sourceKind, label: Key) => {
    const radio = el("input", {
      type: "radio",
      name: "source-kind",
      id: `source-${kind}`,
      value: kind,
      checked: sourceKind === kind,
    });
    radio.addEventListener("change", () => {
      sourceKind = kind;
      // An estimate is of one source's report: another source's build must not carry its bytes.
      bigquery.estimate = undefined;
      rerender();
    });
    return el("div", { class: "check" }, radio, el("label", { for: radio.id }, t(label)));
  };
  return el(
    "div",
    { class: "source-kind", role: "radiogroup", "aria-labelledby": "data-title" },
    choice("sheet", "sourceSheet"),
    choice("bigquery", "sourceBigQuery"),
    choice("ga4", "sourceGa4"),
  );
}

/** A text box for a BigQuery name (project, table, dataset): no spelling or autofill; `changed` on each change. */
function nameInput(id: string, value: string, placeholder: string, changed: () => void): HTMLInputElement {
  const control = el("input", { id, type: "text", autocomplete: "off", spellcheck: "false", placeholder });
  control.value = value;
  control.addEventListener("change", changed);
  return control;
}

/**
 * The billing project and the GA4 export's dataset, and the step that lists its tables (free) to say
 * which days it covers; then the revenue to read and the first day.
 */
function ga4Fields(): HTMLElement {
  // Another dataset or project: its tables must be listed again.
  const changed = () => {
    ga4.project = byId<HTMLInputElement>("ga4-project")?.value.trim() ?? "";
    ga4.dataset = byId<HTMLInputElement>("ga4-dataset")?.value.trim() ?? "";
    if (!ga4.loaded) return;
    ga4.loaded = undefined;
    bigquery.estimate = undefined;
    rerender();
  };
  const project = nameInput("ga4-project", ga4.project, "my-project-123", changed);
  const dataset = nameInput("ga4-dataset", ga4.dataset, "my-project.analytics_123456", changed);
  const load = el("button", { type: "button", id: "load-ga4" }, t("loadGa4"));
  load.addEventListener("click", () => void loadGa4(load));
  const box = el(
    "div",
    { id: "ga4" },
    field(t("bqProject"), project, t("bqProjectHint")),
    field(t("ga4Dataset"), dataset, t("ga4DatasetHint"), load),
  );
  const loaded = ga4.loaded;
  if (loaded) {
    const currency = el(
      "select",
      { id: "ga4-currency" },
      el("option", { value: "local" }, t("ga4Local")),
      el("option", { value: "usd" }, t("ga4Usd")),
    );
    currency.value = ga4.currency;
    const first = el("input", { id: "ga4-first-day", type: "date", min: loaded.first, max: loaded.last });
    first.value = ga4.firstDay;
    const segment = el(
      "select",
      { id: "ga4-segment" },
      ...GA4_SEGMENTS.map(([value, key]) => el("option", { value }, t(key))),
    );
    segment.value = ga4.segment;
    // Other days, revenue or segment scan other bytes: the estimate must be made again.
    for (const control of [currency, first, segment])
      control.addEventListener("change", () => {
        ga4.currency = currency.value === "usd" ? "usd" : "local";
        ga4.firstDay = first.value;
        ga4.segment = GA4_SEGMENTS.find(([value]) => value === segment.value)?.[0] ?? "auto";
        showProblem(segment, "");
        bigquery.estimate = undefined;
        showEstimate();
      });
    box.append(
      el(
        "p",
        { id: "ga4-loaded" },
        t("ga4Loaded", {
          dataset: isolate(loaded.dataset),
          first: loaded.first,
          last: loaded.last,
          daily: loaded.daily,
          intraday: loaded.intraday,
        }),
      ),
      field(t("ga4Revenue"), currency, t("ga4RevenueHint")),
      field(t("ga4FirstDay"), first, t("ga4FirstDayHint")),
      field(t("ga4Segment"), segment, t("ga4SegmentHint")),
      el("p", { class: "note" }, t("ga4Note")),
    );
  }
  box.append(el("p", { id: "estimate", "aria-live": "polite", hidden: true }));
  return box;
}

async function loadGa4(button: HTMLButtonElement): Promise<void> {
  const dataset = byId<HTMLInputElement>("ga4-dataset");
  ga4.project = byId<HTMLInputElement>("ga4-project")?.value.trim() ?? "";
  ga4.dataset = dataset?.value.trim() ?? "";
  button.disabled = true;
  try {
    const result = await server.getGa4Export({ project: ga4.project, dataset: ga4.dataset });
    if (result.ok) {
      ga4.loaded = result;
      bigquery.estimate = undefined;
      rerender();
      byId("build")?.focus();
    } else if (dataset) showProblem(dataset, result.message);
  } catch (failure) {
    if (dataset) showProblem(dataset, lostText(failure));
  } finally {
    button.disabled = false;
  }
}

/** The billing project and the table, and the step that reads the table's columns (its schema: free). */
function bigQueryFields(): HTMLElement {
  // Another table or project: its columns must be loaded again.
  const changed = () => {
    bigquery.project = byId<HTMLInputElement>("bq-project")?.value.trim() ?? "";
    bigquery.table = byId<HTMLInputElement>("bq-table")?.value.trim() ?? "";
    if (!bigquery.columns) return;
    bigquery.columns = undefined;
    bigquery.estimate = undefined;
    rerender();
  };
  const project = nameInput("bq-project", bigquery.project, "my-project-123", changed);
  const table = nameInput("bq-table", bigquery.table, "my-project.shop.orders", changed);
  const load = el("button", { type: "button", id: "load-columns" }, t("loadColumns"));
  load.addEventListener("click", () => void loadColumns(load));
  const box = el(
    "div",
    { id: "bigquery" },
    field(t("bqProject"), project, t("bqProjectHint")),
    field(t("bqTable"), table, t("bqTableHint"), load),
  );
  const columns = bigquery.columns;
  if (columns)
    box.append(
      el(
        "p",
        { id: "bq-loaded" },
        t("bqLoaded", { table: isolate(bigquery.table), columns: columns.headers.length }),
      ),
    );
  box.append(el("p", { id: "estimate", "aria-live": "polite", hidden: true }));
  return box;
}

async function loadColumns(button: HTMLButtonElement): Promise<void> {
  const table = byId<HTMLInputElement>("bq-table");
  bigquery.project = byId<HTMLInputElement>("bq-project")?.value.trim() ?? "";
  bigquery.table = table?.value.trim() ?? "";
  button.disabled = true;
  try {
    const result = await server.getBigQueryColumns({ project: bigquery.project, table: bigquery.table });
    if (result.ok) {
      bigquery.columns = result;
      bigquery.estimate = undefined;
      rerender();
      const missing = REQUIRED.find((role) => result.mapping[role] === undefined);
      byId(missing ? `map-${missing}` : "build")?.focus();
    } else if (table) showProblem(table, result.message, result.link);
  } catch (failure) {
    if (table) showProblem(table, lostText(failure));
  } finally {
    button.disabled = false;
  }
}

/** The dry run's estimate under the table, and the Build button asking for it first, then approving it. */
function showEstimate(): void {
  const line = byId("estimate");
  const build = byId("build");
  const estimate = bigquery.estimate;
  if (line) {
    line.hidden = !estimate;
    line.textContent = estimate
      ? t("estimateText", {
          bytes: estimate.text,
          cost: `$${estimate.usd.toFixed(estimate.usd < 1 ? 3 : 2)}`,
        })
      : "";
  }
  if (build && sourceKind !== "sheet")
    build.textContent = estimate ? t("buildScan", { bytes: estimate.text }) : t("estimate");
}

async function runEstimate(
  request: BuildRequest,
  build: HTMLButtonElement,
  error: HTMLElement,
): Promise<void> {
  build.disabled = true;
  try {
    const result = await server.estimateBigQuery(request);
    if (result.ok) {
      bigquery.estimate = result;
      showEstimate();
    } else showError(error, failureText(result), result.link);
  } catch (failure) {
    showError(error, lostText(failure));
  } finally {
    build.disabled = false;
  }
}

/** A cell's text isolated, so right-to-left or override characters in it cannot reorder the line. */
const isolate = (text: string) => `\u2068${text.replace(/[\u2066-\u2069]/g, "")}\u2069`;

/** The words for why a date is listed. */
const REASONS: Record<DateSummary["suspicious"][number]["reason"], Key> = {
  future: "dateFuture",
  outlier: "dateOutlier",
};

/**
 * The data's date range, shown before building; dates after today or far from the rest are listed
 * with their rows, with the choice to leave them out (the bulk's window) or keep them — to fix the
 * cells in the sheet, then read the table again.
 */
function showDates(leaveOut: boolean): void {
  const box = byId("dates");
  if (!box) return;
  box.replaceChildren();
  if (!dates) return;
  box.append(el("p", { id: "date-range" }, t("dateRange", { first: dates.first, last: dates.last })));
  if (dates.unreadable)
    box.append(el("p", { class: "notice" }, t("unreadableDates", { count: dates.unreadable })));
  if (!dates.suspiciousCount) return;
  const bulk = dates.bulk;
  const more = dates.suspiciousCount - dates.suspicious.length;
  const choice = (value: string, label: string, checked: boolean) => {
    const radio = el("input", {
      type: "radio",
      name: "suspicious",
      id: `suspicious-${value}`,
      value,
      checked,
    });
    return el("div", { class: "check" }, radio, el("label", { for: radio.id }, label));
  };
  box.append(
    el(
      "div",
      { class: "suspicious", role: "group", "aria-labelledby": "suspicious-title" },
      el("p", { id: "suspicious-title" }, t("suspiciousTitle", { count: dates.suspiciousCount })),
      el(
        "ul",
        {},
        ...dates.suspicious.map((d) =>
          el(
            "li",
            {},
            t("suspiciousRow", { row: d.row, value: isolate(d.value), reason: t(REASONS[d.reason]) }),
          ),
        ),
        ...(more > 0 ? [el("li", {}, t("suspiciousMore", { count: more }))] : []),
      ),
      // Every date after today: no window to keep, only the cells to fix.
      ...(bulk
        ? [
            choice("leave-out", t("leaveOut", { window: windowWords(bulk) }), leaveOut),
            choice("keep", t("keepDates"), !leaveOut),
          ]
        : [el("p", {}, t("fixDates"))]),
    ),
  );
}

function windowWords(window: DateWindow): string {
  if (window.from && window.to) return t("windowBoth", { from: window.from, to: window.to });
  return window.to ? t("windowTo", { to: window.to }) : t("windowFrom", { from: window.from ?? "" });
}

/** The dates again when the user picks another date column. */
async function rereadDates(): Promise<void> {
  const table = info?.table;
  const column = byId<HTMLSelectElement>("map-date")?.value;
  if (!table || !column) return;
  const result = await server
    .getDateSummary({ sheetId: table.sheetId, range: table.range }, Number(column))
    .catch(() => undefined);
  if (!result?.ok) return;
  dates = result.dates ?? undefined;
  showDates(true);
  updateDefaults();
}

/** The window to build from: the bulk's, when the user leaves the listed dates out. */
function chosenWindow(): DateWindow | null {
  const leaveOut = byId<HTMLInputElement>("suspicious-leave-out")?.checked;
  return (leaveOut && dates?.bulk) || null;
}

function readForm(form: HTMLFormElement, error: HTMLElement): BuildRequest | undefined {
  showError(error, "");
  const inputs = typedInputs();
  if (!inputs) {
    showError(error, t("noSelection"));
    return undefined;
  }
  const value = (id: string) => byId<HTMLInputElement | HTMLSelectElement>(id)?.value ?? "";
  const column = (role: ColumnRole) => {
    const v = value(`map-${role}`);
    return v === "" ? undefined : Number(v);
  };
  const invalid: HTMLElement[] = [];
  const byQuantity = column("quantity") !== undefined && column("price") !== undefined;
  for (const role of REQUIRED) {
    const select = byId<HTMLSelectElement>(`map-${role}`);
    if (select && column(role) === undefined && !(role === "amount" && byQuantity)) {
      showProblem(select, t(role === "amount" ? "amountOrQuantity" : "missingColumn"));
      invalid.push(select);
    }
  }
  const half = showHalfTyped();
  if (half.some((control) => control.id === "observation-end")) {
    const advanced = byId<HTMLDetailsElement>("advanced");
    if (advanced) advanced.open = true;
  }
  invalid.push(...half);
  if (invalid.length) {
    showError(error, t("fixFields"));
    invalid[0].focus();
    return undefined;
  }
  const roles = ["customerId", "date", "amount", "order", "quantity", "price", "segment"] as const;
  const chosenColumns = roles.map(column).filter((c) => c !== undefined);
  if (new Set(chosenColumns).size < chosenColumns.length) {
    showError(error, t("sameColumn"));
    byId("map-customerId")?.focus();
    return undefined;
  }
  const sheets = [...form.querySelectorAll<HTMLInputElement>("#sheets input:checked")].map(
    (b) => b.value as ReportSheetKey,
  );
  if (!sheets.length) {
    showError(error, t("noSheets"));
    return undefined;
  }
  const mapping: BuildRequest["mapping"] = {
    customerId: column("customerId") as number,
    date: column("date") as number,
  };
  for (const role of ["amount", "order", "quantity", "price", "segment", "margin", "cost"] as const) {
    const c = column(role);
    if (c !== undefined) mapping[role] = c;
  }
  const period = value("period");
  return {
    ...inputs,
    mapping,
    period: period === "week" || period === "quarter" ? period : "month",
    sheets,
    language: LANGUAGES.find((l) => l === value("language")),
    dateWindow: chosenWindow(),
    termColumn: value("map-term") === "" ? null : Number(value("map-term")),
    skipFirstPeriod: byId<HTMLInputElement>("skip-first-period")?.checked === true,
    ...(sourceKind === "ga4"
      ? {
          ga4: {
            project: ga4.project,
            dataset: ga4.dataset,
            currency: ga4.currency,
            firstDay: ga4.firstDay || null,
            segment: ga4.segment,
            approvedBytes: bigquery.estimate?.bytes,
          },
        }
      : {}),
    ...(sourceKind === "bigquery"
      ? {
          bigquery: {
            project: bigquery.project,
            table: bigquery.table,
            approvedBytes: bigquery.estimate?.bytes,
          },
        }
      : {}),
  };
}

interface Panels {
  build: HTMLButtonElement;
  error: HTMLElement;
  progress: HTMLElement;
  results: HTMLElement;
}

/** The steps so far; `count`: sheets written of all sheets, between the server calls of a long build. */
function showProgress(
  progress: HTMLElement,
  step: string,
  sheet?: string,
  count?: { done: number; total: number },
): void {
  const current = STEPS.indexOf(step as (typeof STEPS)[number]);
  progress.hidden = false;
  if (count) progress.dataset.count = t("sheetCount", { done: count.done, total: count.total });
  const counted = progress.dataset.count ? ` (${progress.dataset.count})` : "";
  progress.replaceChildren(
    ...(step === "waiting" ? [el("li", { class: "active" }, t("waiting"))] : []),
    ...STEPS.map((s, i) => {
      const state = current < 0 ? "" : i < current ? "done" : i === current ? "active" : "";
      const text =
        (s === "writing" && sheet && state === "active" ? t("writingSheet", { sheet }) : t(s)) +
        (s === "writing" ? counted : "");
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

type Step = Awaited<ReturnType<typeof server.buildReport>>;

/**
 * Calls the server step after step (each call well inside Apps Script's 6 minutes) until the build
 * or refresh `runId` is done or a step fails; `each` sees every step's result.
 */
async function drive(
  first: Step,
  runId: string,
  progress: HTMLElement,
  each: (step: Step) => void,
): Promise<Step> {
  let result = first;
  each(result);
  while (result.ok && !result.done) {
    showProgress(progress, "writing", undefined, { done: result.written, total: result.total });
    result = await server.continueBuild(runId);
    each(result);
  }
  return result;
}

/**
 * A build or refresh that stopped part way (a step failed, or Apps Script stopped it): its message
 * and the choice to continue it from the sheet it was writing, or to undo it (the sheets it inserted
 * are deleted; those of an earlier report it began to rewrite are put back as they were).
 */
function showStopped(error: HTMLElement, message: string, runId: string, resume: () => Promise<void>): void {
  const again = el("button", { type: "button", id: "continue", class: "primary" }, t("continueRun"));
  const undo = el("button", { type: "button", id: "undo" }, t("undoRun"));
  error.hidden = false;
  // The choice first, then why: the box scrolls past a few lines.
  error.replaceChildren(
    el("p", {}, message),
    el("p", { class: "choices" }, again, " ", undo),
    el("p", {}, t("stoppedChoice")),
  );
  again.addEventListener("click", () => {
    showError(error, "");
    void resume();
  });
  undo.addEventListener("click", async () => {
    again.disabled = true;
    undo.disabled = true;
    try {
      const result = await server.undoBuild(runId);
      if (!result.ok) showError(error, failureText(result), result.link);
      else {
        const lines = [t("undone", { sheets: result.removed.join(", ") || "—" })];
        if (result.restored.length)
          lines.push(t("restoredSheets", { sheets: result.restored.map((r) => r.name).join(", ") }));
        if (result.kept.length)
          lines.push(t("keptSheets", { sheets: result.kept.map((k) => k.name).join(", ") }));
        showError(error, lines.join("\n"));
      }
    } catch (failure) {
      showError(error, lostText(failure));
    }
  });
}

async function runBuild(request: BuildRequest, panels: Panels, resumeId?: string): Promise<void> {
  const { build, error, progress, results } = panels;
  const runId = resumeId ?? `run-${Date.now().toString(36)}-${Math.floor(Math.random() * 1e9).toString(36)}`;
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
  const again = () => runBuild(request, panels, runId);
  try {
    const first = resumeId ? await server.continueBuild(runId) : await server.buildReport(request, runId);
    const result = await drive(first, runId, progress, () => {});
    finished = true;
    progress.hidden = true;
    if (result.ok) {
      showLinks(results, t(result.updated ? "updated" : "built"), result.sheets ?? []);
      byId("refresh")?.removeAttribute("disabled");
      results.querySelector("button")?.focus();
    } else if (result.resumable) {
      showStopped(error, failureText(result), runId, again);
    } else {
      showError(error, failureText(result), result.link);
      const wrong = Object.keys(result.problems ?? {})[0] as InputField | undefined;
      if (wrong) {
        if (wrong === "observationEnd") (byId("advanced") as HTMLDetailsElement).open = true;
        byId(INPUTS[wrong])?.focus();
      }
    }
  } catch (failure) {
    finished = true;
    progress.hidden = true;
    // The call was lost (Apps Script may have stopped it): it can be continued or undone.
    showStopped(error, lostText(failure), runId, again);
  } finally {
    build.disabled = false;
  }
}

async function runRefresh(
  button: HTMLButtonElement,
  error: HTMLElement,
  results: HTMLElement,
  resumeId?: string,
): Promise<void> {
  const runId =
    resumeId ?? `refresh-${Date.now().toString(36)}-${Math.floor(Math.random() * 1e9).toString(36)}`;
  const progress = byId("progress") ?? el("ol");
  button.disabled = true;
  showError(error, "");
  const refreshed: { name: string; sheetId: number }[] = [];
  const problems: string[] = [];
  let count = 0;
  const add = (step: Step) => {
    if (!step.ok) return;
    count += step.refreshed?.length ?? 0;
    refreshed.push(...(step.refreshed ?? []).flatMap((r) => r.sheets));
    for (const f of [...(step.failed ?? []), ...(step.skipped ?? [])])
      if (!problems.includes(f.message)) problems.push(f.message);
  };
  const again = () => runRefresh(button, error, results, runId);
  try {
    const first = resumeId ? await server.continueBuild(runId) : await server.refreshReports(runId);
    const result = await drive(first as Step, runId, progress, add);
    progress.hidden = true;
    if (!result.ok) {
      if (result.resumable) showStopped(error, failureText(result), runId, again);
      else showError(error, failureText(result), result.link);
      return;
    }
    // Each failed report's and skipped sheet's message is complete, in the user's language.
    showError(error, problems.join("\n"));
    showLinks(results, t("refreshed", { count }), refreshed);
  } catch (failure) {
    progress.hidden = true;
    showStopped(error, lostText(failure), runId, again);
  } finally {
    button.disabled = false;
  }
}

const KEPT_FIELDS = ["period", "observation-end", "margin", "spend", "language"];

/** What the user already set, to keep when they pick another table. */
function snapshot(): { values: Map<string, string>; sheets: Set<string> } | undefined {
  if (!byId("settings")) return undefined;
  const values = new Map<string, string>();
  for (const id of KEPT_FIELDS) {
    const control = byId<HTMLInputElement | HTMLSelectElement>(id);
    if (control) values.set(id, control.value);
  }
  const boxes = [...document.querySelectorAll<HTMLInputElement>("#sheets input:checked")];
  return { values, sheets: new Set(boxes.map((b) => b.value)) };
}

function restore(kept: ReturnType<typeof snapshot>): void {
  if (!kept) return;
  for (const [id, value] of kept.values) {
    const control = byId<HTMLInputElement | HTMLSelectElement>(id);
    if (control) control.value = value;
  }
  for (const box of document.querySelectorAll<HTMLInputElement>("#sheets input")) {
    box.checked = kept.sheets.has(box.value);
  }
  updateDefaults();
}

async function load(trigger?: HTMLButtonElement): Promise<void> {
  if (trigger) trigger.disabled = true;
  const kept = snapshot();
  const userKey = boot()?.userKey;
  try {
    const [result, account] = await Promise.all([
      server.getSelectionInfo(),
      // Once per page: are the calls running as the user who opened the sidebar?
      userKey && !trigger ? server.checkAccount(userKey) : undefined,
    ]);
    if (account && !account.ok) {
      app.replaceChildren(el("p", { class: "error", role: "alert" }, account.message));
      return;
    }
    if (result.ok) {
      sheetInfo = result;
      render(currentSelection(result));
      // Settings typed for this session win over those of an earlier report.
      restore(kept);
      const missing = REQUIRED.find((role) => result.table && result.mapping[role] === undefined);
      byId(missing ? `map-${missing}` : "use-selection")?.focus();
    } else {
      app.replaceChildren(el("p", { class: "error", role: "alert" }, failureText(result)));
    }
  } catch (failure) {
    app.replaceChildren(el("p", { class: "error", role: "alert" }, lostText(failure)));
  } finally {
    if (trigger) trigger.disabled = false;
  }
}

// The boot script `showSidebar` appends comes after this one: start once the page is parsed.
if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", () => void load());
else void load();
