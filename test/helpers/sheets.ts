/**
 * An in-memory spreadsheet behind strict fakes of SpreadsheetApp, Spreadsheet, Sheet, Range, the
 * chart and conditional-format builders and developer metadata. It models what the add-on relies
 * on and what can go wrong in real Sheets:
 * - `setValues` parses strings as if typed: `=…` becomes a formula, `'…` stays text without the
 *   apostrophe, number-looking text becomes a number (so `"00004"` written raw would turn into 4);
 * - ranges outside the sheet's dimensions throw, as Sheets does (new sheets are 1000 × 26);
 * - every mutating call is logged per sheet, so a test can prove which sheets were written;
 * - a cell takes at most 50,000 characters, a sheet's developer metadata at most 30,000;
 * - developer metadata is filtered by visibility: a PROJECT entry is seen only by the Cloud project
 *   that created it (`FakeSpreadsheet.project` is the running script's), a DOCUMENT entry by anyone;
 *   duplicating a sheet copies its metadata, as Sheets does; `Sheet.copyTo` into the same
 *   spreadsheet copies the sheet whole (cells, formats, notes, rules, filter, charts with new ids, in
 *   order) to the end of the tabs, and `Range.copyTo` pastes PASTE_NORMAL (values, formulas,
 *   formats; not notes) or PASTE_COLUMN_WIDTHS;
 * - `getValues` gives a `Date` for a number formatted as a date, as Sheets does.
 * Anything not implemented throws (see {@link strictFake}); every call is counted in `calls`.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { readDistHtml } from "./bundle";
import { type Calls, newCalls, strictFake } from "./fake";

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Range = GoogleAppsScript.Spreadsheet.Range;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export type Value = number | string | boolean | Date;

/** A grid of per-cell properties, sparse by row. */
class Grid<T> {
  rows: (T | undefined)[][] = [];
  get(row: number, column: number): T | undefined {
    return this.rows[row - 1]?.[column - 1];
  }
  set(row: number, column: number, value: T | undefined): void {
    let r = this.rows[row - 1];
    if (!r) {
      r = [];
      this.rows[row - 1] = r;
    }
    r[column - 1] = value;
  }
}

export interface FakeRule {
  ranges: string[];
  gradient?: { min: string; mid?: { color: string; type: string; value: string }; max: string };
  condition?: { kind: "lessThan" | "greaterThanOrEqualTo"; value: number };
  background?: string;
}

export interface FakeChart {
  /** Given when the chart is inserted, as `EmbeddedChart.getChartId()` gives it. */
  id?: number;
  type: string;
  ranges: string[];
  transpose: boolean;
  numHeaders: number;
  options: Record<string, unknown>;
  position: { row: number; column: number };
}

export interface FakeMetadata {
  key: string;
  value: string | null;
  visibility: "PROJECT" | "DOCUMENT";
  /** The Cloud project that created the entry. */
  project: string;
}

/** Sheets' limits: characters in one cell, and in all developer metadata of one sheet. */
export const CELL_LIMIT = 50_000;
export const SHEET_METADATA_LIMIT = 30_000;

export class SheetModel {
  values = new Grid<Value>();
  formulas = new Grid<string>();
  props: Record<string, Grid<unknown>> = {};
  maxRows = 1000;
  maxColumns = 26;
  frozenRows = 0;
  frozenColumns = 0;
  columnWidths = new Map<number, number>();
  rules: FakeRule[] = [];
  charts: FakeChart[] = [];
  metadata: FakeMetadata[] = [];
  hiddenColumns = new Set<number>();
  /** Hidden from the tab bar (`Sheet.hideSheet`). */
  hidden = false;
  /** `Sheet.protect()`: only editors it names may edit, or anyone after a warning. */
  protection?: "editors" | "warning";
  /** The A1 range of the sheet's basic filter (at most one, as in Sheets). */
  filter?: string;
  /** Notes a user typed are in `prop("note")`; charts a user made are in `charts` without the add-on. */
  /** Mutating calls on this sheet, e.g. "setValues A1:D10". */
  writes: string[] = [];

  constructor(
    public name: string,
    readonly id: number,
  ) {}

  prop(name: string): Grid<unknown> {
    this.props[name] ??= new Grid<unknown>();
    return this.props[name];
  }

  lastRow(): number {
    for (let r = this.values.rows.length; r > 0; r--) {
      const row = this.values.rows[r - 1];
      if (row?.some((v) => v !== undefined && v !== "")) return r;
    }
    return 0;
  }

  lastColumn(): number {
    let last = 0;
    for (const row of this.values.rows) {
      if (!row) continue;
      for (let c = row.length; c > last; c--) {
        if (row[c - 1] !== undefined && row[c - 1] !== "") {
          last = c;
          break;
        }
      }
    }
    return last;
  }

  /** Fills the sheet with values as Sheets would hold them (no parsing). */
  load(rows: Value[][], startRow = 1, startColumn = 1): this {
    rows.forEach((row, i) => {
      row.forEach((v, j) => {
        this.values.set(startRow + i, startColumn + j, v);
      });
    });
    this.maxRows = Math.max(this.maxRows, startRow + rows.length - 1);
    const width = rows.reduce((w, r) => Math.max(w, r.length), 0);
    this.maxColumns = Math.max(this.maxColumns, startColumn + width - 1);
    return this;
  }

  value(row: number, column: number): Value | "" {
    return this.values.get(row, column) ?? "";
  }

  formula(row: number, column: number): string {
    return this.formulas.get(row, column) ?? "";
  }

  format(row: number, column: number): string {
    return (this.prop("numberFormat").get(row, column) as string | undefined) ?? "General";
  }

  /** Adds or updates metadata, refusing to pass Sheets' per-sheet size limit. */
  checkMetadataSize(): void {
    const size = this.metadata.reduce((n, m) => n + m.key.length + (m.value?.length ?? 0), 0);
    if (size > SHEET_METADATA_LIMIT) {
      throw new Error(
        `Exception: developer metadata of sheet ${this.name} exceeds ${SHEET_METADATA_LIMIT} characters`,
      );
    }
  }
}

/** Whether a number format shows a date (Sheets then reads the cell back as a `Date`). */
function isDateFormat(format: string): boolean {
  return /[yd]/i.test(format.replace(/"[^"]*"/g, "")) && !/[#0]/.test(format);
}

export function columnLetter(column: number): string {
  let s = "";
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + ch.charCodeAt(0) - 64;
  return n;
}

export function a1(row: number, column: number, rows = 1, columns = 1): string {
  const start = `${columnLetter(column)}${row}`;
  return rows === 1 && columns === 1
    ? start
    : `${start}:${columnLetter(column + columns - 1)}${row + rows - 1}`;
}

/** How Sheets reads a string typed into a cell (the parts the add-on must avoid triggering). */
function parseTyped(text: string): { value: Value; formula?: string } {
  if (text.startsWith("'")) return { value: text.slice(1) };
  if (text.startsWith("=")) return { value: "", formula: text };
  const trimmed = text.trim();
  if (/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?%?$/i.test(trimmed)) {
    const n = Number(trimmed.replace("%", ""));
    return { value: trimmed.endsWith("%") ? n / 100 : n };
  }
  if (/^(TRUE|FALSE)$/i.test(trimmed)) return { value: trimmed.toUpperCase() === "TRUE" };
  return { value: text };
}

export interface FakeSpreadsheetOptions {
  locale?: string;
  timeZone?: string;
  calls?: Calls;
}

/** One spreadsheet: its sheets, the active range, and the services that reach it. */
export class FakeSpreadsheet {
  sheets: SheetModel[] = [];
  readonly calls: Calls;
  locale: string;
  timeZone: string;
  /** The Cloud project of the script running now: PROJECT metadata of other projects is invisible to it. */
  project = "cohort-ltv";
  active: { sheet: SheetModel; row: number; column: number; rows: number; columns: number } | undefined;
  private nextId = 1000;
  private nextChartId = 1;
  ui = {
    sidebars: [] as unknown[],
    alerts: [] as string[],
    toasts: [] as string[],
    menus: [] as string[][],
    dialogs: [] as { title: string; html: string }[],
    /** What the user types into the next `Ui.prompt`s, in order ("" = OK with nothing typed). */
    promptAnswers: [] as string[],
  };
  /** What Sheets computes for a formula written with `Range.setFormula` (the fake computes none itself). */
  evaluate: ((formula: string) => Value) | undefined;

  constructor(options: FakeSpreadsheetOptions = {}) {
    this.calls = options.calls ?? newCalls();
    this.locale = options.locale ?? "en_US";
    this.timeZone = options.timeZone ?? "UTC";
  }

  addSheet(name: string, rows: Value[][] = []): SheetModel {
    const sheet = new SheetModel(name, this.sheets.length === 0 ? 0 : this.nextId++);
    sheet.load(rows);
    this.sheets.push(sheet);
    return sheet;
  }

  sheet(name: string): SheetModel {
    const sheet = this.sheets.find((s) => s.name === name);
    if (!sheet) throw new Error(`no sheet ${name}`);
    return sheet;
  }

  select(sheet: SheetModel, notation: string): void {
    const r = parseA1(notation, sheet);
    this.active = { sheet, ...r };
  }

  /**
   * What a user's "Duplicate" does: a new sheet right after `sheet` with its cells, formats and
   * developer metadata (every entry, as Sheets copies them), under a new id.
   */
  duplicate(sheet: SheetModel, name = `Copy of ${sheet.name}`): SheetModel {
    const copy = this.cloneSheet(sheet, name);
    this.sheets.splice(this.sheets.indexOf(sheet) + 1, 0, copy);
    return copy;
  }

  /**
   * A copy of `sheet` under a new id, as Sheets duplicates one: cells, formats, notes, sizes,
   * frozen rows, widths, hidden columns, conditional format rules, the filter, charts (new ids, in
   * the same order, over the copy's cells) and developer metadata.
   */
  private cloneSheet(sheet: SheetModel, name: string): SheetModel {
    const copy = new SheetModel(name, this.nextId++);
    copy.values.rows = sheet.values.rows.map((r) => r?.slice());
    copy.formulas.rows = sheet.formulas.rows.map((r) => r?.slice());
    for (const [prop, grid] of Object.entries(sheet.props))
      copy.prop(prop).rows = grid.rows.map((r) => r?.slice());
    copy.maxRows = sheet.maxRows;
    copy.maxColumns = sheet.maxColumns;
    copy.frozenRows = sheet.frozenRows;
    copy.frozenColumns = sheet.frozenColumns;
    copy.columnWidths = new Map(sheet.columnWidths);
    copy.hiddenColumns = new Set(sheet.hiddenColumns);
    copy.rules = structuredClone(sheet.rules);
    copy.filter = sheet.filter;
    copy.charts = sheet.charts.map((c) => ({ ...structuredClone(c), id: this.nextChartId++ }));
    copy.metadata = sheet.metadata.map((m) => ({ ...m }));
    return copy;
  }

  /** Metadata another script (another Cloud project) put on a sheet. */
  plant(
    sheet: SheetModel,
    key: string,
    value: string,
    visibility: "PROJECT" | "DOCUMENT",
    project = "other",
  ): void {
    sheet.metadata.push({ key, value, visibility, project });
  }

  /** A serial day as Sheets reads it back: a `Date` at midnight in the spreadsheet's time zone. */
  dateOf(serial: number): Date {
    const utc = Math.round((serial - 25_569) * 86_400_000);
    const parts = new Intl.DateTimeFormat("en-US", {
      timeZone: this.timeZone,
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      hourCycle: "h23",
    }).formatToParts(new Date(utc));
    const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
    const wall = Date.UTC(part("year"), part("month") - 1, part("day"), part("hour"), part("minute"));
    return new Date(utc - (wall - utc));
  }

  /** The names of the sheets deleted, in order. */
  deleted: string[] = [];

  /** A chart a user made on a sheet (not the add-on's). */
  userChart(sheet: SheetModel, title: string): FakeChart {
    const chart: FakeChart = {
      id: this.nextChartId++,
      type: "pie",
      ranges: [],
      transpose: false,
      numHeaders: 1,
      options: { title },
      position: { row: 1, column: 1 },
    };
    sheet.charts.push(chart);
    return chart;
  }

  /** The sheets that were written to (any mutating call). */
  writtenSheets(): string[] {
    return this.sheets.filter((s) => s.writes.length > 0).map((s) => s.name);
  }

  // ---- fakes ----

  range(sheet: SheetModel, row: number, column: number, rows: number, columns: number): Range {
    if (row < 1 || column < 1 || rows < 1 || columns < 1) throw new Error("Exception: invalid range");
    if (row + rows - 1 > sheet.maxRows || column + columns - 1 > sheet.maxColumns) {
      throw new Error("Exception: The coordinates of the range are outside the dimensions of the sheet.");
    }
    const notation = a1(row, column, rows, columns);
    const write = (what: string, grid?: unknown[][]) => {
      if (grid && (grid.length !== rows || grid.some((r) => r.length !== columns))) {
        throw new Error(
          `Exception: The number of rows or columns in the data does not match the range (${what})`,
        );
      }
      sheet.writes.push(`${what} ${notation}`);
    };
    const each = (fn: (r: number, c: number, i: number, j: number) => void) => {
      for (let i = 0; i < rows; i++) for (let j = 0; j < columns; j++) fn(row + i, column + j, i, j);
    };
    const setProp = (name: string) => (grid: unknown[][]) => {
      write(name, grid);
      const g = sheet.prop(name);
      each((r, c, i, j) => {
        g.set(r, c, grid[i][j] ?? undefined);
      });
      return self;
    };
    const getProp = (name: string, fallback: unknown) => () => {
      const out: unknown[][] = [];
      for (let i = 0; i < rows; i++) {
        const line: unknown[] = [];
        for (let j = 0; j < columns; j++) line.push(sheet.prop(name).get(row + i, column + j) ?? fallback);
        out.push(line);
      }
      return out;
    };
    const self: Range = strictFake<Range>(
      "Range",
      {
        getRow: () => row,
        getColumn: () => column,
        getNumRows: () => rows,
        getNumColumns: () => columns,
        getLastRow: () => row + rows - 1,
        getLastColumn: () => column + columns - 1,
        getA1Notation: () => notation,
        getSheet: () => this.sheetFake(sheet),
        getValues: () => {
          const out: Value[][] = [];
          for (let i = 0; i < rows; i++) {
            const source = sheet.values.rows[row + i - 1];
            const line: Value[] = new Array(columns);
            for (let j = 0; j < columns; j++) {
              const v = source?.[column + j - 1] ?? "";
              line[j] =
                typeof v === "number" && isDateFormat(sheet.format(row + i, column + j)) ? this.dateOf(v) : v;
            }
            out.push(line);
          }
          return out;
        },
        getDisplayValues: () => {
          const out: string[][] = [];
          for (let i = 0; i < rows; i++) {
            const line: string[] = [];
            for (let j = 0; j < columns; j++) line.push(display(sheet, row + i, column + j));
            out.push(line);
          }
          return out;
        },
        getFormulas: () => {
          const out: string[][] = [];
          for (let i = 0; i < rows; i++) {
            const line: string[] = [];
            for (let j = 0; j < columns; j++) line.push(sheet.formula(row + i, column + j));
            out.push(line);
          }
          return out;
        },
        getNumberFormat: () => sheet.format(row, column),
        getNumberFormats: getProp("numberFormat", "General") as () => string[][],
        getBackgrounds: getProp("background", "#ffffff") as () => string[][],
        getNotes: getProp("note", "") as () => string[][],
        clear: ((options?: { contentsOnly?: boolean; formatOnly?: boolean }) => {
          const all = !options || (!options.contentsOnly && !options.formatOnly);
          sheet.writes.push(`clear ${notation}`);
          each((r, c) => {
            if (all || options?.contentsOnly) {
              sheet.values.set(r, c, undefined);
              sheet.formulas.set(r, c, undefined);
            }
            if (all || options?.formatOnly)
              for (const name of Object.keys(sheet.props))
                if (name !== "note") sheet.prop(name).set(r, c, undefined);
          });
          return self;
        }) as Range["clear"],
        setValues: (grid: unknown[][]) => {
          write("setValues", grid);
          each((r, c, i, j) => {
            const v = grid[i][j];
            if (v === undefined || (typeof v === "number" && !Number.isFinite(v))) {
              throw new Error(`Exception: invalid value ${String(v)} at ${a1(r, c)}`);
            }
            if (typeof v === "string" && v.length > CELL_LIMIT) {
              throw new Error(
                `Exception: Your input contains more than the maximum of ${CELL_LIMIT} characters in a single cell.`,
              );
            }
            if (typeof v === "string") {
              const parsed = parseTyped(v);
              sheet.values.set(r, c, parsed.value);
              sheet.formulas.set(r, c, parsed.formula);
            } else {
              sheet.values.set(r, c, (v ?? "") as Value);
              sheet.formulas.set(r, c, undefined);
            }
          });
          return self;
        },
        setFormula: (formula: string) => {
          write("setFormula");
          sheet.formulas.set(row, column, formula);
          sheet.values.set(row, column, this.evaluate?.(formula) ?? "");
          return self;
        },
        copyTo: ((destination: Range, type?: unknown, transposed?: boolean) => {
          if (transposed) throw new Error("fake Range.copyTo: transposed is not implemented");
          const target = this.sheets.find((s) => s.id === destination.getSheet().getSheetId());
          if (!target) throw new Error("Exception: no such sheet");
          const top = destination.getRow();
          const left = destination.getColumn();
          // Only the destination's top-left cell counts; the source's size is pasted there.
          this.range(target, top, left, rows, columns);
          const kind = String(type ?? "PASTE_NORMAL");
          target.writes.push(`copyTo ${kind} ${a1(top, left, rows, columns)}`);
          if (kind === "PASTE_COLUMN_WIDTHS") {
            for (let j = 0; j < columns; j++) {
              const width = sheet.columnWidths.get(column + j);
              if (width === undefined) target.columnWidths.delete(left + j);
              else target.columnWidths.set(left + j, width);
            }
            return;
          }
          if (kind !== "PASTE_NORMAL") throw new Error(`fake Range.copyTo: ${kind} is not implemented`);
          // Values, formulas and formats (Sheets' PASTE_NORMAL); notes are not modelled as pasted.
          const moves: [string, Grid<unknown>, Grid<unknown>][] = [
            ["values", sheet.values as Grid<unknown>, target.values as Grid<unknown>],
            ["formulas", sheet.formulas as Grid<unknown>, target.formulas as Grid<unknown>],
            ...Object.keys(sheet.props)
              .filter((name) => name !== "note")
              .map((name): [string, Grid<unknown>, Grid<unknown>] => [
                name,
                sheet.prop(name),
                target.prop(name),
              ]),
            ...Object.keys(target.props)
              .filter((name) => name !== "note" && !(name in sheet.props))
              .map((name): [string, Grid<unknown>, Grid<unknown>] => [
                name,
                sheet.prop(name),
                target.prop(name),
              ]),
          ];
          for (const [, from, to] of moves) {
            const block = Array.from({ length: rows }, (_, i) =>
              Array.from({ length: columns }, (_, j) => from.get(row + i, column + j)),
            );
            block.forEach((line, i) => {
              line.forEach((v, j) => {
                to.set(top + i, left + j, v);
              });
            });
          }
        }) as Range["copyTo"],
        getValue: () => sheet.value(row, column),
        setNumberFormats: setProp("numberFormat"),
        setBackgrounds: setProp("background"),
        setFontWeights: setProp("fontWeight"),
        setFontStyles: setProp("fontStyle"),
        setFontColors: setProp("fontColor"),
        setHorizontalAlignments: setProp("horizontalAlignment"),
        setWraps: setProp("wrap"),
        setNotes: (grid: string[][]) => {
          if (grid.some((line) => line.some((note) => String(note).length > CELL_LIMIT))) {
            throw new Error(`Exception: a note has more than ${CELL_LIMIT} characters`);
          }
          return setProp("note")(grid);
        },
        createFilter: () => {
          if (sheet.filter)
            throw new Error("Exception: You can't create a filter in a sheet that already has a filter.");
          sheet.filter = a1(row, column, rows, columns);
          sheet.writes.push(`createFilter ${sheet.filter}`);
          return strictFake<GoogleAppsScript.Spreadsheet.Filter>("Filter", {}, this.calls);
        },
        getDataRegion: () => {
          const region = dataRegion(sheet, row, column);
          return this.range(sheet, region.row, region.column, region.rows, region.columns);
        },
        activate: () => {
          this.active = { sheet, row, column, rows, columns };
          return self;
        },
      },
      this.calls,
    );
    return self;
  }

  private sheetFakes = new Map<SheetModel, Sheet>();

  sheetFake(sheet: SheetModel): Sheet {
    const cached = this.sheetFakes.get(sheet);
    if (cached) return cached;
    const self: Sheet = strictFake<Sheet>(
      "Sheet",
      {
        getName: () => sheet.name,
        getSheetId: () => sheet.id,
        getIndex: () => this.sheets.indexOf(sheet) + 1,
        getParent: () => this.spreadsheetFake(),
        getRange: ((...args: unknown[]) => {
          if (typeof args[0] === "string") {
            const r = parseA1(args[0], sheet);
            return this.range(sheet, r.row, r.column, r.rows, r.columns);
          }
          const [r, c, nr = 1, nc = 1] = args as number[];
          return this.range(sheet, r, c, nr, nc);
        }) as Sheet["getRange"],
        getDataRange: () =>
          this.range(sheet, 1, 1, Math.max(1, sheet.lastRow()), Math.max(1, sheet.lastColumn())),
        getLastRow: () => sheet.lastRow(),
        getLastColumn: () => sheet.lastColumn(),
        getMaxRows: () => sheet.maxRows,
        getMaxColumns: () => sheet.maxColumns,
        copyTo: ((target: Spreadsheet) => {
          if (target.getId() !== "fake-spreadsheet")
            throw new Error("fake Sheet.copyTo: another spreadsheet is not implemented");
          const copy = this.cloneSheet(sheet, `Copy of ${sheet.name}`);
          this.sheets.push(copy);
          return this.sheetFake(copy);
        }) as Sheet["copyTo"],
        setName: (name: string) => {
          if (this.sheets.some((s) => s !== sheet && s.name.toLowerCase() === name.toLowerCase()))
            throw new Error(`Exception: A sheet with the name "${name}" already exists.`);
          sheet.writes.push(`setName ${name}`);
          sheet.name = name;
          return self;
        },
        hideSheet: () => {
          sheet.writes.push("hideSheet");
          sheet.hidden = true;
          return self;
        },
        isSheetHidden: () => sheet.hidden,
        protect: () => {
          sheet.writes.push("protect");
          const protection: GoogleAppsScript.Spreadsheet.Protection =
            strictFake<GoogleAppsScript.Spreadsheet.Protection>(
              "Protection",
              {
                setWarningOnly: (warning: boolean) => {
                  sheet.protection = warning ? "warning" : "editors";
                  return protection;
                },
              },
              this.calls,
            );
          sheet.protection = "editors";
          return protection;
        },
        getFrozenRows: () => sheet.frozenRows,
        getFrozenColumns: () => sheet.frozenColumns,
        isColumnHiddenByUser: (column: number) => sheet.hiddenColumns.has(column),
        deleteRows: (start: number, n: number) => {
          // Only trailing rows are modelled (what the add-on deletes: rows it added itself).
          if (start + n - 1 !== sheet.maxRows) throw new Error("fake Sheet.deleteRows: only trailing rows");
          sheet.writes.push(`deleteRows ${start} ${n}`);
          for (const grid of [sheet.values, sheet.formulas, ...Object.values(sheet.props)] as Grid<unknown>[])
            grid.rows.length = Math.min(grid.rows.length, start - 1);
          sheet.maxRows -= n;
        },
        deleteColumns: (start: number, n: number) => {
          if (start + n - 1 !== sheet.maxColumns)
            throw new Error("fake Sheet.deleteColumns: only trailing columns");
          sheet.writes.push(`deleteColumns ${start} ${n}`);
          for (const grid of [sheet.values, sheet.formulas, ...Object.values(sheet.props)] as Grid<unknown>[])
            for (const line of grid.rows) if (line) line.length = Math.min(line.length, start - 1);
          sheet.maxColumns -= n;
        },
        insertRowsAfter: (after: number, n: number) => {
          sheet.writes.push(`insertRowsAfter ${after} ${n}`);
          sheet.maxRows += n;
          return self;
        },
        insertColumnsAfter: (after: number, n: number) => {
          sheet.writes.push(`insertColumnsAfter ${after} ${n}`);
          sheet.maxColumns += n;
          return self;
        },
        clear: () => {
          sheet.writes.push("clear");
          sheet.values = new Grid();
          sheet.formulas = new Grid();
          for (const name of Object.keys(sheet.props)) if (name !== "note") sheet.props[name] = new Grid();
          return self;
        },
        getFilter: () =>
          sheet.filter === undefined
            ? null
            : strictFake<GoogleAppsScript.Spreadsheet.Filter>(
                "Filter",
                {
                  getRange: () => {
                    const r = parseA1(sheet.filter ?? "", sheet);
                    return this.range(sheet, r.row, r.column, r.rows, r.columns);
                  },
                  remove: () => {
                    sheet.writes.push("removeFilter");
                    sheet.filter = undefined;
                  },
                },
                this.calls,
              ),
        clearNotes: () => {
          sheet.writes.push("clearNotes");
          sheet.props.note = new Grid();
          return self;
        },
        setFrozenRows: (n: number) => {
          sheet.writes.push(`setFrozenRows ${n}`);
          sheet.frozenRows = n;
        },
        setFrozenColumns: (n: number) => {
          sheet.writes.push(`setFrozenColumns ${n}`);
          sheet.frozenColumns = n;
        },
        setColumnWidths: (start: number, n: number, width: number) => {
          sheet.writes.push(`setColumnWidths ${start} ${n} ${width}`);
          for (let c = start; c < start + n; c++) sheet.columnWidths.set(c, width);
          return self;
        },
        setConditionalFormatRules: (rules: GoogleAppsScript.Spreadsheet.ConditionalFormatRule[]) => {
          sheet.writes.push(`setConditionalFormatRules ${rules.length}`);
          sheet.rules = rules.map((rule) => (rule as unknown as { model: FakeRule }).model);
        },
        getCharts: () =>
          sheet.charts.map((chart) =>
            strictFake<GoogleAppsScript.Spreadsheet.EmbeddedChart & { chart: FakeChart }>(
              "EmbeddedChart",
              {
                chart,
                getChartId: () => chart.id ?? null,
                getRanges: () =>
                  chart.ranges.map((a) => {
                    const r = parseA1(a, sheet);
                    return this.range(sheet, r.row, r.column, r.rows, r.columns);
                  }),
                getContainerInfo: () =>
                  strictFake<GoogleAppsScript.Spreadsheet.ContainerInfo>(
                    "ContainerInfo",
                    {
                      getAnchorRow: () => chart.position.row,
                      getAnchorColumn: () => chart.position.column,
                      getOffsetX: () => 0,
                      getOffsetY: () => 0,
                    },
                    this.calls,
                  ),
                modify: () => {
                  const { id: _, ...spec } = structuredClone(chart);
                  return this.chartBuilder(spec);
                },
              } as Partial<GoogleAppsScript.Spreadsheet.EmbeddedChart & { chart: FakeChart }>,
              this.calls,
            ),
          ),
        removeChart: (chart: GoogleAppsScript.Spreadsheet.EmbeddedChart) => {
          sheet.writes.push("removeChart");
          const model = (chart as unknown as { chart: FakeChart }).chart;
          sheet.charts = sheet.charts.filter((c) => c !== model);
        },
        newChart: () => this.chartBuilder(),
        insertChart: (chart: GoogleAppsScript.Spreadsheet.EmbeddedChart) => {
          sheet.writes.push("insertChart");
          const model = (chart as unknown as { chart: FakeChart }).chart;
          model.id = this.nextChartId++;
          sheet.charts.push(model);
        },
        getConditionalFormatRules: () =>
          sheet.rules.map(
            (model) =>
              ({
                model,
                copy: () => this.ruleBuilder(structuredClone(model)),
                getRanges: () =>
                  model.ranges.map((a) => {
                    const r = parseA1(a, sheet);
                    return this.range(sheet, r.row, r.column, r.rows, r.columns);
                  }),
              }) as unknown as GoogleAppsScript.Spreadsheet.ConditionalFormatRule,
          ),
        showColumns: ((start: number, n: number = 1) => {
          sheet.writes.push(`showColumns ${start} ${n}`);
          for (let c = start; c < start + n; c++) sheet.hiddenColumns.delete(c);
        }) as Sheet["showColumns"],
        hideColumns: ((start: number, n: number = 1) => {
          sheet.writes.push(`hideColumns ${start} ${n}`);
          for (let c = start; c < start + n; c++) sheet.hiddenColumns.add(c);
        }) as Sheet["hideColumns"],
        addDeveloperMetadata: ((key: string, value: string, visibility: unknown) => {
          sheet.writes.push(`addDeveloperMetadata ${key}`);
          sheet.metadata.push({
            key,
            value,
            visibility: String(visibility) === "PROJECT" ? "PROJECT" : "DOCUMENT",
            project: this.project,
          });
          sheet.checkMetadataSize();
          return self;
        }) as Sheet["addDeveloperMetadata"],
        getDeveloperMetadata: () =>
          sheet.metadata
            .filter((m) => m.visibility === "DOCUMENT" || m.project === this.project)
            .map((m) => this.metadataFake(sheet, m)),
        activate: () => {
          this.active = { sheet, row: 1, column: 1, rows: 1, columns: 1 };
          return self;
        },
      },
      this.calls,
    );
    this.sheetFakes.set(sheet, self);
    return self;
  }

  private metadataFake(sheet: SheetModel, m: FakeMetadata): GoogleAppsScript.Spreadsheet.DeveloperMetadata {
    const self: GoogleAppsScript.Spreadsheet.DeveloperMetadata =
      strictFake<GoogleAppsScript.Spreadsheet.DeveloperMetadata>(
        "DeveloperMetadata",
        {
          getKey: () => m.key,
          getValue: () => m.value,
          getVisibility: () =>
            m.visibility as unknown as GoogleAppsScript.Spreadsheet.DeveloperMetadataVisibility,
          setValue: (value: string) => {
            sheet.writes.push(`setMetadata ${m.key}`);
            const before = m.value;
            m.value = value;
            try {
              sheet.checkMetadataSize();
            } catch (error) {
              m.value = before;
              throw error;
            }
            return self;
          },
          remove: () => {
            sheet.writes.push(`removeMetadata ${m.key}`);
            sheet.metadata = sheet.metadata.filter((x) => x !== m);
          },
        },
        this.calls,
      );
    return self;
  }

  private chartBuilder(
    chart: FakeChart = {
      type: "unset",
      ranges: [],
      transpose: false,
      numHeaders: -1,
      options: {},
      position: { row: 1, column: 1 },
    },
  ): GoogleAppsScript.Spreadsheet.EmbeddedChartBuilder {
    const self: GoogleAppsScript.Spreadsheet.EmbeddedChartBuilder =
      strictFake<GoogleAppsScript.Spreadsheet.EmbeddedChartBuilder>(
        "EmbeddedChartBuilder",
        {
          asLineChart: () => {
            chart.type = "line";
            return self as unknown as GoogleAppsScript.Spreadsheet.EmbeddedLineChartBuilder;
          },
          asColumnChart: () => {
            chart.type = "column";
            return self as unknown as GoogleAppsScript.Spreadsheet.EmbeddedColumnChartBuilder;
          },
          asComboChart: () => {
            chart.type = "combo";
            return self as unknown as GoogleAppsScript.Spreadsheet.EmbeddedComboChartBuilder;
          },
          addRange: (range: Range) => {
            chart.ranges.push(range.getA1Notation());
            return self;
          },
          clearRanges: () => {
            chart.ranges = [];
            return self;
          },
          setTransposeRowsAndColumns: (transpose: boolean) => {
            chart.transpose = transpose;
            return self;
          },
          setNumHeaders: (n: number) => {
            chart.numHeaders = n;
            return self;
          },
          setOption: (name: string, value: unknown) => {
            chart.options[name] = value;
            return self;
          },
          setPosition: (row: number, column: number) => {
            chart.position = { row, column };
            return self;
          },
          build: () => ({ chart }) as unknown as GoogleAppsScript.Spreadsheet.EmbeddedChart,
        },
        this.calls,
      );
    return self;
  }

  private ruleBuilder(
    model: FakeRule = { ranges: [] },
  ): GoogleAppsScript.Spreadsheet.ConditionalFormatRuleBuilder {
    const self: GoogleAppsScript.Spreadsheet.ConditionalFormatRuleBuilder =
      strictFake<GoogleAppsScript.Spreadsheet.ConditionalFormatRuleBuilder>(
        "ConditionalFormatRuleBuilder",
        {
          setGradientMinpoint: (color: string) => {
            model.gradient = { ...(model.gradient ?? { max: "" }), min: color };
            return self;
          },
          setGradientMaxpoint: (color: string) => {
            model.gradient = { ...(model.gradient ?? { min: "" }), max: color };
            return self;
          },
          setGradientMidpointWithValue: (color: string, type: unknown, value: string) => {
            model.gradient = {
              ...(model.gradient ?? { min: "", max: "" }),
              mid: { color, type: String(type), value },
            };
            return self;
          },
          whenNumberLessThan: (value: number) => {
            model.condition = { kind: "lessThan", value };
            return self;
          },
          whenNumberGreaterThanOrEqualTo: (value: number) => {
            model.condition = { kind: "greaterThanOrEqualTo", value };
            return self;
          },
          setBackground: (color: string | null) => {
            model.background = color ?? undefined;
            return self;
          },
          setRanges: (ranges: Range[]) => {
            model.ranges = ranges.map((r) => r.getA1Notation());
            return self;
          },
          build: () => ({ model }) as unknown as GoogleAppsScript.Spreadsheet.ConditionalFormatRule,
        },
        this.calls,
      );
    return self;
  }

  spreadsheetFake(): Spreadsheet {
    return strictFake<Spreadsheet>(
      "Spreadsheet",
      {
        getId: () => "fake-spreadsheet",
        getSpreadsheetLocale: () => this.locale,
        getSpreadsheetTimeZone: () => this.timeZone,
        getSheets: () => this.sheets.map((s) => this.sheetFake(s)),
        getSheetByName: (name: string) => {
          const sheet = this.sheets.find((s) => s.name === name);
          return sheet ? this.sheetFake(sheet) : null;
        },
        getSheetById: (id: number) => {
          const sheet = this.sheets.find((s) => s.id === id);
          return sheet ? this.sheetFake(sheet) : null;
        },
        insertSheet: ((name: string, index?: number) => {
          if (this.sheets.some((s) => s.name.toLowerCase() === name.toLowerCase())) {
            throw new Error(`Exception: A sheet with the name "${name}" already exists.`);
          }
          const sheet = new SheetModel(name, this.nextId++);
          this.sheets.splice(index ?? this.sheets.length, 0, sheet);
          this.active = { sheet, row: 1, column: 1, rows: 1, columns: 1 };
          return this.sheetFake(sheet);
        }) as Spreadsheet["insertSheet"],
        deleteSheet: (sheet: Sheet) => {
          const model = this.sheets.find((s) => s.id === sheet.getSheetId());
          if (!model) throw new Error("Exception: no such sheet");
          if (this.sheets.length === 1)
            throw new Error("Exception: You can't remove all the sheets in a document.");
          this.sheets.splice(this.sheets.indexOf(model), 1);
          this.deleted.push(model.name);
          if (this.active?.sheet.id === model.id) this.active = undefined;
        },
        getActiveRange: () => {
          const a = this.active;
          return a ? this.range(a.sheet, a.row, a.column, a.rows, a.columns) : null;
        },
        getActiveSheet: () => this.sheetFake(this.active?.sheet ?? this.sheets[0]),
        toast: ((message: string) => {
          this.ui.toasts.push(message);
        }) as Spreadsheet["toast"],
      },
      this.calls,
    );
  }

  /** `SpreadsheetApp`, with the enums and builders the add-on uses. */
  app(): GoogleAppsScript.Spreadsheet.SpreadsheetApp {
    const ui = strictFake<GoogleAppsScript.Base.Ui>(
      "Ui",
      {
        showSidebar: (html: GoogleAppsScript.HTML.HtmlOutput) => {
          this.ui.sidebars.push(html);
        },
        alert: ((message: string) => {
          this.ui.alerts.push(message);
          return "ok";
        }) as unknown as GoogleAppsScript.Base.Ui["alert"],
        showModalDialog: (html: GoogleAppsScript.HTML.HtmlOutput, title: string) => {
          this.ui.dialogs.push({ title, html: html.getContent() });
        },
        prompt: ((_message: string) => {
          const text = this.ui.promptAnswers.shift() ?? "";
          return { getResponseText: () => text, getSelectedButton: () => "OK" };
        }) as unknown as GoogleAppsScript.Base.Ui["prompt"],
        ButtonSet: { OK_CANCEL: "OK_CANCEL" } as unknown as typeof GoogleAppsScript.Base.ButtonSet,
        Button: { OK: "OK", CANCEL: "CANCEL" } as unknown as typeof GoogleAppsScript.Base.Button,
        createAddonMenu: () => {
          const items: string[] = [];
          const menu: GoogleAppsScript.Base.Menu = strictFake<GoogleAppsScript.Base.Menu>(
            "Menu",
            {
              addItem: (caption: string, fn: string) => {
                items.push(`${caption}|${fn}`);
                return menu;
              },
              addSeparator: () => menu,
              addToUi: () => {
                this.ui.menus.push(items);
              },
            },
            this.calls,
          );
          return menu;
        },
      },
      this.calls,
    );
    return strictFake<GoogleAppsScript.Spreadsheet.SpreadsheetApp>(
      "SpreadsheetApp",
      {
        getActiveSpreadsheet: () => this.spreadsheetFake(),
        getUi: () => ui,
        flush: () => {},
        newConditionalFormatRule: () => this.ruleBuilder(),
        InterpolationType: {
          PERCENTILE: "PERCENTILE",
          NUMBER: "NUMBER",
          PERCENT: "PERCENT",
          MIN: "MIN",
          MAX: "MAX",
        } as unknown as typeof GoogleAppsScript.Spreadsheet.InterpolationType,
        CopyPasteType: {
          PASTE_NORMAL: "PASTE_NORMAL",
          PASTE_COLUMN_WIDTHS: "PASTE_COLUMN_WIDTHS",
        } as unknown as typeof GoogleAppsScript.Spreadsheet.CopyPasteType,
        DeveloperMetadataVisibility: {
          PROJECT: "PROJECT",
          DOCUMENT: "DOCUMENT",
        } as unknown as typeof GoogleAppsScript.Spreadsheet.DeveloperMetadataVisibility,
      },
      this.calls,
    );
  }
}

function display(sheet: SheetModel, row: number, column: number): string {
  const v = sheet.value(row, column);
  if (v instanceof Date || Object.prototype.toString.call(v) === "[object Date]") {
    return (v as Date).toISOString().slice(0, 10);
  }
  if (typeof v === "number" && /y/.test(sheet.format(row, column))) {
    return new Date(Math.round((v - 25569) * 86_400_000)).toISOString().slice(0, 10);
  }
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  return String(v);
}

/** Sheets' data region: the block of non-empty cells connected to the cell. */
function dataRegion(sheet: SheetModel, row: number, column: number) {
  const filled = (r: number, c: number) => r >= 1 && c >= 1 && sheet.value(r, c) !== "";
  let top = row;
  let bottom = row;
  let left = column;
  let right = column;
  let grew = true;
  const rowFilled = (r: number) => {
    for (let c = left; c <= right; c++) if (filled(r, c)) return true;
    return false;
  };
  const columnFilled = (c: number) => {
    for (let r = top; r <= bottom; r++) if (filled(r, c)) return true;
    return false;
  };
  while (grew) {
    grew = false;
    if (top > 1 && rowFilled(top - 1)) {
      top--;
      grew = true;
    }
    if (rowFilled(bottom + 1)) {
      bottom++;
      grew = true;
    }
    if (left > 1 && columnFilled(left - 1)) {
      left--;
      grew = true;
    }
    if (columnFilled(right + 1)) {
      right++;
      grew = true;
    }
  }
  return { row: top, column: left, rows: bottom - top + 1, columns: right - left + 1 };
}

export function parseA1(notation: string, sheet: SheetModel) {
  const local = notation.includes("!") ? notation.slice(notation.lastIndexOf("!") + 1) : notation;
  const m = /^\$?([A-Z]+)\$?(\d*)(?::\$?([A-Z]+)\$?(\d*))?$/i.exec(local);
  if (!m) throw new Error(`Exception: Range not found: ${notation}`);
  const column = columnNumber(m[1]);
  const row = m[2] ? Number(m[2]) : 1;
  const lastColumn = m[3] ? columnNumber(m[3]) : column;
  const lastRow = m[4] ? Number(m[4]) : m[2] ? (m[3] ? sheet.maxRows : row) : sheet.maxRows;
  return { row, column, rows: lastRow - row + 1, columns: lastColumn - column + 1 };
}

/** A document lock shared by every user of one spreadsheet. */
export class FakeLocks {
  holder: string | undefined;
  /** When true, `getDocumentLock()` returns null, as Apps Script does without a document to lock. */
  none = false;
  /** When set, `tryLock` from anyone else fails as if the holder kept it past the timeout. */
  service(user: string, calls: Calls): GoogleAppsScript.Lock.LockService {
    const lock = strictFake<GoogleAppsScript.Lock.Lock>(
      "Lock",
      {
        tryLock: () => {
          if (this.holder && this.holder !== user) return false;
          this.holder = user;
          return true;
        },
        hasLock: () => this.holder === user,
        releaseLock: () => {
          if (this.holder === user) this.holder = undefined;
        },
      },
      calls,
    );
    return strictFake<GoogleAppsScript.Lock.LockService>(
      "LockService",
      { getDocumentLock: () => (this.none ? null : lock) } as Partial<GoogleAppsScript.Lock.LockService>,
      calls,
    );
  }
}

/** Per-user properties, as PropertiesService.getUserProperties() keeps them. */
export function fakeProperties(calls: Calls, store = new Map<string, string>()) {
  const properties: GoogleAppsScript.Properties.Properties =
    strictFake<GoogleAppsScript.Properties.Properties>(
      "Properties",
      {
        getProperty: (key: string) => store.get(key) ?? null,
        getKeys: () => [...store.keys()],
        setProperty: (key: string, value: string) => {
          store.set(key, value);
          return properties;
        },
        deleteProperty: (key: string) => {
          store.delete(key);
          return properties;
        },
      },
      calls,
    );
  return strictFake<GoogleAppsScript.Properties.PropertiesService>(
    "PropertiesService",
    { getUserProperties: () => properties },
    calls,
  );
}

/**
 * CacheService's user cache, in memory: at most 100 KB a value (as Apps Script refuses), entries
 * kept until removed; `store` lets a test drop entries, as the real cache may.
 */
export function fakeCache(calls: Calls, store = new Map<string, string>()) {
  const check = (value: string) => {
    if (new TextEncoder().encode(value).length > 100 * 1024)
      throw new Error("Exception: Argument too large: value");
  };
  const cache = strictFake<GoogleAppsScript.Cache.Cache>(
    "Cache",
    {
      get: (key: string) => store.get(key) ?? null,
      getAll: (keys: string[]) =>
        Object.fromEntries(keys.filter((k) => store.has(k)).map((k) => [k, store.get(k)])),
      put: (key: string, value: string) => {
        check(value);
        store.set(key, value);
      },
      putAll: (values: Record<string, string>) => {
        for (const value of Object.values(values)) check(value);
        for (const [key, value] of Object.entries(values)) store.set(key, value);
      },
      remove: (key: string) => {
        store.delete(key);
      },
      removeAll: (keys: string[]) => {
        for (const key of keys) store.delete(key);
      },
    },
    calls,
  );
  return strictFake<GoogleAppsScript.Cache.CacheService>(
    "CacheService",
    { getUserCache: () => cache },
    calls,
  );
}

/** HtmlService: pages come from `dist/`, as `createHtmlOutputFromFile` reads project files. */
export function fakeHtmlService(calls: Calls, read: (name: string) => string) {
  const output = (content: string) => {
    const state = { content, title: "" };
    const self: GoogleAppsScript.HTML.HtmlOutput = strictFake<GoogleAppsScript.HTML.HtmlOutput>(
      "HtmlOutput",
      {
        setTitle: (title: string) => {
          state.title = title;
          return self;
        },
        append: (more: string) => {
          state.content += more;
          return self;
        },
        setWidth: () => self,
        setHeight: () => self,
        getContent: () => state.content,
        getTitle: () => state.title,
      },
      calls,
    );
    return self;
  };
  return strictFake<GoogleAppsScript.HTML.HtmlService>(
    "HtmlService",
    {
      createHtmlOutputFromFile: (name: string) => output(read(name)),
      createHtmlOutput: ((html: string) =>
        output(html)) as GoogleAppsScript.HTML.HtmlService["createHtmlOutput"],
    },
    calls,
  );
}

/** The user's Session; `userKey` is what getTemporaryActiveUserKey gives (another account, another key). */
export function fakeSession(locale: string, calls: Calls, userKey = "key-ann") {
  return strictFake<GoogleAppsScript.Base.Session>(
    "Session",
    { getActiveUserLocale: () => locale, getTemporaryActiveUserKey: () => userKey },
    calls,
  );
}

/** The scopes the manifest asks for: what a user who ticked every box at consent has granted. */
export const MANIFEST_SCOPES: readonly string[] = JSON.parse(
  readFileSync(join(import.meta.dirname, "..", "..", "appsscript.json"), "utf8"),
).oauthScopes;

/**
 * ScriptApp's authorization calls under granular consent: the user granted `granted` (all the
 * manifest's scopes unless a test says otherwise). `requireScopes` for a missing scope ends the
 * execution, as Apps Script does when it shows its prompt: here it throws, and records what it asked.
 */
export function fakeScriptApp(
  calls: Calls,
  granted: readonly string[] = MANIFEST_SCOPES,
  asked: string[][] = [],
) {
  const info = (scopes: string[]) =>
    strictFake<GoogleAppsScript.Script.AuthorizationInfo & { getAuthorizedScopes(): string[] | null }>(
      "AuthorizationInfo",
      {
        getAuthorizedScopes: () => scopes.filter((s) => granted.includes(s)),
        getAuthorizationUrl: () =>
          scopes.every((s) => granted.includes(s))
            ? (null as unknown as string)
            : "https://script.google.com/a/auth",
        getAuthorizationStatus: () =>
          (scopes.every((s) => granted.includes(s))
            ? "NOT_REQUIRED"
            : "REQUIRED") as unknown as GoogleAppsScript.Script.AuthorizationStatus,
      },
      calls,
    );
  return strictFake<GoogleAppsScript.Script.ScriptApp>(
    "ScriptApp",
    {
      AuthMode: { FULL: "FULL", NONE: "NONE" } as unknown as typeof GoogleAppsScript.Script.AuthMode,
      getAuthorizationInfo: ((_mode: unknown, scopes?: string[]) =>
        info(scopes ?? [...MANIFEST_SCOPES])) as GoogleAppsScript.Script.ScriptApp["getAuthorizationInfo"],
      requireScopes: (_mode: unknown, scopes: string[]) => {
        asked.push(scopes);
        if (!scopes.every((s) => granted.includes(s)))
          throw new Error("Authorization is required to perform that action.");
      },
    },
    calls,
  );
}

/** Every service the add-on touches, for one user of a shared spreadsheet. */
export function addonServices(
  book: FakeSpreadsheet,
  options: {
    user?: string;
    userLocale?: string;
    locks?: FakeLocks;
    properties?: Map<string, string>;
    cache?: Map<string, string>;
    readFile?: (name: string) => string;
    /** The scopes the user granted at consent (granular consent); default: all the manifest's. */
    grantedScopes?: readonly string[];
    /** Collects the scopes `ScriptApp.requireScopes` was asked for. */
    askedScopes?: string[][];
  } = {},
) {
  const calls = book.calls;
  return {
    SpreadsheetApp: book.app(),
    LockService: (options.locks ?? new FakeLocks()).service(options.user ?? "ann@example.com", calls),
    PropertiesService: fakeProperties(calls, options.properties),
    CacheService: fakeCache(calls, options.cache),
    Session: fakeSession(options.userLocale ?? "en", calls, `key-${options.user ?? "ann@example.com"}`),
    HtmlService: fakeHtmlService(calls, options.readFile ?? readDistHtml),
    ScriptApp: fakeScriptApp(calls, options.grantedScopes, options.askedScopes),
  };
}
