/**
 * Backups of the report sheets a build or refresh rewrites, so that giving the run up (Undo, or a
 * refresh that fails part way) puts the earlier report back exactly as it was, in the same sheet:
 * formulas in other sheets that name it (`='Summary'!B3`) keep pointing at it, since the sheet is
 * never deleted nor renamed, only its content copied back.
 *
 * - Before a run first rewrites one of a report's existing sheets, the sheet is copied whole with
 *   `Sheet.copyTo(spreadsheet)` (https://developers.google.com/apps-script/reference/spreadsheet/sheet#copyTo(Spreadsheet)),
 *   taken, as Sheets' Duplicate does, to hold its values, formulas, formats, notes, conditional
 *   formats, filter and charts (each chart over the copy's own cells). The copy is hidden
 *   (`Sheet.hideSheet()`), protected with a warning only, named "Cohort LTV backup: …" and carries a PROJECT developer metadata
 *   entry ({@link BACKUP_KEY}) naming the run, its owner and the sheet it backs up, plus the sheet's
 *   own report entry as it was (the copy's copied report entry is removed, so it never counts as a
 *   report sheet).
 * - Restoring copies the backup's grid back with `Range.copyTo(…, CopyPasteType.PASTE_NORMAL)`
 *   ("values, formulas, formats and merges":
 *   https://developers.google.com/apps-script/reference/spreadsheet/copy-paste-type) and
 *   `PASTE_COLUMN_WIDTHS`; notes, conditional format rules, frozen rows and columns, hidden columns,
 *   the filter and the add-on's charts are put back one by one, since PASTE_NORMAL is not
 *   documented to carry them; rows and columns the run added are deleted again.
 *   Where the new report's extent is not known (its sheet was stopped half-written) the whole sheet
 *   is copied back, so a cell someone typed beside the report during the run goes back too.
 * - A backup lives as long as its run: deleted when the run ends (success), after it is restored,
 *   and otherwise swept when its owner starts another run and the run is gone, or by anyone a day
 *   after it was made (when jobs.ts forgets the run too): see {@link sweepBackups}. A run started
 *   over a stopped one's copies takes them over ({@link adoptBackup}).
 *
 * Still to check in real Sheets (the in-memory fakes model them as documented or as Duplicate
 * behaves): that `Sheet.copyTo` copies notes, rules, the filter and the charts (in order), and that a chart's builder from
 * `EmbeddedChart.modify()` may be inserted into another sheet of the same spreadsheet.
 */
import { STALE_MS } from "./jobs";
import { BACKUP_KEY, METADATA_KEY, type SheetMetadata } from "./settings";

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Entry = GoogleAppsScript.Spreadsheet.DeveloperMetadata;

const BACKUP_NAME = "Cohort LTV backup: ";

interface BackupInfo {
  version: 1;
  /** The sheet backed up. */
  sheetId: number;
  /** The copy's own id: a copy of the copy (someone duplicated it) is no backup. */
  copyId: number;
  /** The run's job key (jobs.ts) and the user who runs it (`Session.getTemporaryActiveUserKey()`). */
  job: string;
  owner: string;
  /** When the backup was made, in ms. */
  at: number;
  /** The sheet's report entry before the run rewrote it. */
  meta: SheetMetadata;
  /** The positions, in `getCharts()`, of the add-on's charts (the same on the sheet and its copy). */
  charts: number[];
  /** The ids of every chart the sheet had before the run. */
  before: number[];
}

export interface Backup {
  sheet: Sheet;
  info: BackupInfo;
  entry: Entry;
}

function project(): GoogleAppsScript.Spreadsheet.DeveloperMetadataVisibility {
  return SpreadsheetApp.DeveloperMetadataVisibility.PROJECT;
}

/** The add-on's own entry under `key` on a sheet (PROJECT-visible: no other script can plant one). */
function entryOf(sheet: Sheet, key: string): Entry | undefined {
  const visibility = String(project());
  return sheet
    .getDeveloperMetadata()
    .find((e) => e.getKey() === key && String(e.getVisibility()) === visibility);
}

/** Every backup in the spreadsheet, whoever's run made it. */
export function backupsIn(spreadsheet: Spreadsheet): Backup[] {
  return spreadsheet.getSheets().flatMap((sheet) => {
    const entry = entryOf(sheet, BACKUP_KEY);
    if (!entry) return [];
    try {
      const info = JSON.parse(entry.getValue() ?? "") as BackupInfo;
      return info?.version === 1 && info.copyId === sheet.getSheetId() ? [{ sheet, info, entry }] : [];
    } catch {
      return [];
    }
  });
}

/** The backups of the run `job` of the user running now. */
export function backupsOf(spreadsheet: Spreadsheet, job: string): Backup[] {
  const owner = Session.getTemporaryActiveUserKey();
  return backupsIn(spreadsheet).filter((b) => b.info.job === job && b.info.owner === owner);
}

function freeBackupName(spreadsheet: Spreadsheet, base: string): string {
  const taken = new Set(spreadsheet.getSheets().map((s) => s.getName().toLowerCase()));
  const clean = `${BACKUP_NAME}${base}`.slice(0, 95);
  if (!taken.has(clean.toLowerCase())) return clean;
  for (let n = 2; ; n++) if (!taken.has(`${clean} (${n})`.toLowerCase())) return `${clean} (${n})`;
}

/**
 * Copies a report sheet before the run `job` first rewrites it, and hides the copy. `meta` is the
 * sheet's report entry as it is now.
 */
function makeBackup(spreadsheet: Spreadsheet, sheet: Sheet, meta: SheetMetadata, job: string): Backup {
  const ids = sheet.getCharts().map((c) => c.getChartId());
  // Without a record of what it drew (an older version), every chart was the add-on's.
  const ours = meta.drawn ? new Set(meta.drawn.charts) : undefined;
  const copy = sheet.copyTo(spreadsheet);
  const info: BackupInfo = {
    version: 1,
    sheetId: sheet.getSheetId(),
    copyId: copy.getSheetId(),
    job,
    owner: Session.getTemporaryActiveUserKey(),
    at: Date.now(),
    meta,
    charts: ids.flatMap((id, i) => (!ours || (id !== null && ours.has(id)) ? [i] : [])),
    before: ids.filter((id): id is number => id !== null),
  };
  // The copied report entry goes first: a sheet holds 30,000 characters of metadata.
  for (const entry of copy.getDeveloperMetadata()) if (entry.getKey() === METADATA_KEY) entry.remove();
  copy.addDeveloperMetadata(BACKUP_KEY, JSON.stringify(info), project());
  copy.setName(freeBackupName(spreadsheet, sheet.getName()));
  copy.hideSheet();
  // Someone who shows it is warned before editing it (https://developers.google.com/apps-script/reference/spreadsheet/protection#setWarningOnly(Boolean)).
  copy.protect().setWarningOnly(true);
  return { sheet: copy, info, entry: entryOf(copy, BACKUP_KEY) as Entry };
}

/**
 * Makes another run's backup of a sheet this run's (`job`): that run stopped before it finished the
 * sheet, so the copy, not the sheet, holds the report from before both. Its Undo then leaves the
 * sheet to this run.
 */
function adoptBackup(backup: Backup, job: string): void {
  backup.info = { ...backup.info, job, owner: Session.getTemporaryActiveUserKey() };
  backup.entry.setValue(JSON.stringify(backup.info));
}

export function dropBackup(spreadsheet: Spreadsheet, backup: Backup): void {
  spreadsheet.deleteSheet(backup.sheet);
}

/**
 * Deletes backups whose run is over: the current user's whose job `alive` no longer finds, and
 * anyone's older than {@link STALE_MS} (another user's job cannot be seen from here).
 */
export function sweepBackups(spreadsheet: Spreadsheet, alive: (job: string) => boolean, now: number): void {
  const owner = Session.getTemporaryActiveUserKey();
  for (const backup of backupsIn(spreadsheet)) {
    const { info } = backup;
    const over = info.owner === owner ? !alive(info.job) : false;
    if (over || now - info.at > STALE_MS) dropBackup(spreadsheet, backup);
  }
}

/** The grid a render wrote, from its record; none when it was not recorded (then the whole sheet). */
function drawnArea(meta: SheetMetadata | undefined): { rows: number; columns: number } | undefined {
  return meta?.drawn ? { rows: meta.drawn.rows, columns: meta.drawn.columns } : undefined;
}

function parseMeta(entry: Entry | undefined): SheetMetadata | undefined {
  try {
    return entry ? (JSON.parse(entry.getValue() ?? "") as SheetMetadata) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Puts a backed-up sheet back as it was before the run, in place, and deletes the backup. Gives the
 * sheet restored, or null when the sheet was deleted meanwhile.
 */
export function restoreBackup(spreadsheet: Spreadsheet, backup: Backup): Sheet | null {
  const { sheet: copy, info } = backup;
  const sheet = spreadsheet.getSheetById(info.sheetId);
  if (!sheet) {
    dropBackup(spreadsheet, backup);
    return null;
  }
  const entry = entryOf(sheet, METADATA_KEY);
  const current = parseMeta(entry);
  // The run finished this sheet when its entry is no longer the one backed up.
  const finished = current !== undefined && JSON.stringify(current) !== JSON.stringify(info.meta);
  const old = drawnArea(info.meta);
  const now = finished ? drawnArea(current) : undefined;
  const rows = copy.getMaxRows();
  const columns = copy.getMaxColumns();
  // The cells either report drew; the whole sheet when either is not known.
  const area =
    old && now
      ? { rows: Math.max(old.rows, now.rows), columns: Math.max(old.columns, now.columns) }
      : { rows, columns };
  const r = Math.min(area.rows, rows);
  const c = Math.min(area.columns, columns);

  // The new report's charts: those its record names, or (not finished) any the sheet did not have.
  const before = new Set(info.before);
  const drawnNow = finished ? new Set(current?.drawn?.charts ?? []) : undefined;
  for (const chart of sheet.getCharts()) {
    const id = chart.getChartId();
    if (id !== null && !before.has(id) && (!drawnNow || drawnNow.has(id))) sheet.removeChart(chart);
  }
  sheet.getFilter()?.remove();

  if (sheet.getMaxRows() < rows) sheet.insertRowsAfter(sheet.getMaxRows(), rows - sheet.getMaxRows());
  if (sheet.getMaxColumns() < columns)
    sheet.insertColumnsAfter(sheet.getMaxColumns(), columns - sheet.getMaxColumns());
  const from = copy.getRange(1, 1, r, c);
  const to = sheet.getRange(1, 1, r, c);
  const paste = SpreadsheetApp.CopyPasteType;
  from.copyTo(to, paste.PASTE_NORMAL, false);
  from.copyTo(to, paste.PASTE_COLUMN_WIDTHS, false);
  to.setNotes(from.getNotes());
  sheet.setConditionalFormatRules(
    copy.getConditionalFormatRules().map((rule) =>
      rule
        .copy()
        .setRanges(rule.getRanges().map((range) => sheet.getRange(range.getA1Notation())))
        .build(),
    ),
  );
  sheet.setFrozenRows(copy.getFrozenRows());
  sheet.setFrozenColumns(copy.getFrozenColumns());
  sheet.showColumns(1, c);
  for (let column = 1; column <= c; column++)
    if (copy.isColumnHiddenByUser(column)) sheet.hideColumns(column);
  const filter = copy.getFilter();
  if (filter) sheet.getRange(filter.getRange().getA1Notation()).createFilter();

  // The add-on's charts, rebuilt over the sheet's own cells where they were.
  const charts = copy.getCharts();
  const known = new Set(sheet.getCharts().map((ch) => ch.getChartId()));
  for (const i of info.charts) {
    const chart = charts[i];
    if (!chart) continue;
    let builder = chart.modify().clearRanges();
    for (const range of chart.getRanges()) builder = builder.addRange(sheet.getRange(range.getA1Notation()));
    const at = chart.getContainerInfo();
    builder = builder.setPosition(at.getAnchorRow(), at.getAnchorColumn(), at.getOffsetX(), at.getOffsetY());
    sheet.insertChart(builder.build());
  }
  const inserted = sheet
    .getCharts()
    .map((ch) => ch.getChartId())
    .filter((id): id is number => id !== null && !known.has(id));

  if (sheet.getMaxRows() > rows) sheet.deleteRows(rows + 1, sheet.getMaxRows() - rows);
  if (sheet.getMaxColumns() > columns) sheet.deleteColumns(columns + 1, sheet.getMaxColumns() - columns);

  const meta: SheetMetadata = info.meta.drawn
    ? { ...info.meta, drawn: { ...info.meta.drawn, charts: inserted } }
    : info.meta;
  if (entry) entry.setValue(JSON.stringify(meta));
  else sheet.addDeveloperMetadata(METADATA_KEY, JSON.stringify(meta), project());
  dropBackup(spreadsheet, backup);
  return sheet;
}

/**
 * A run's view of the spreadsheet's backups, read once a step (each read is a call per sheet) and
 * kept current as the step makes, takes over, restores or drops them.
 */
export class RunBackups {
  private readonly all: Backup[];
  private readonly owner = Session.getTemporaryActiveUserKey();

  constructor(
    private readonly spreadsheet: Spreadsheet,
    private readonly job: string,
  ) {
    this.all = backupsIn(spreadsheet);
  }

  /** This run's backups of the sheets `ids`. */
  of(ids: Set<number>): Backup[] {
    return this.all.filter(
      (b) => b.info.job === this.job && b.info.owner === this.owner && ids.has(b.info.sheetId),
    );
  }

  /** This run's backups. */
  mine(): Backup[] {
    return this.all.filter((b) => b.info.job === this.job && b.info.owner === this.owner);
  }

  /**
   * Before the run first rewrites `sheet`: copies it, unless the run has a copy already (a sheet
   * begun again after a stop keeps its first copy) or another stopped run left one, which the run
   * takes over (it holds the report from before both runs).
   */
  keep(sheet: Sheet, meta: SheetMetadata): void {
    const ids = new Set([sheet.getSheetId()]);
    this.takeOver(ids);
    if (this.of(ids).length === 0) this.all.push(makeBackup(this.spreadsheet, sheet, meta, this.job));
  }

  /** Takes over another run's backup of each of the sheets `ids` this run has none of (see {@link adoptBackup}). */
  takeOver(ids: Set<number>): void {
    for (const id of ids) {
      if (this.of(new Set([id])).length > 0) continue;
      const other = this.all.find((b) => b.info.sheetId === id);
      if (other) adoptBackup(other, this.job);
    }
  }

  drop(backup: Backup): void {
    this.all.splice(this.all.indexOf(backup), 1);
    dropBackup(this.spreadsheet, backup);
  }

  restore(backup: Backup): Sheet | null {
    this.all.splice(this.all.indexOf(backup), 1);
    return restoreBackup(this.spreadsheet, backup);
  }
}
