/**
 * A build or refresh that runs in several server calls ("steps", see reports.ts): what is left to do,
 * kept in the user's properties between calls, and the report model computed in the first step,
 * kept in the user's cache so later steps need not compute it again.
 *
 * - User properties are private to the user and this script
 *   (https://developers.google.com/apps-script/reference/properties/properties-service#getUserProperties()):
 *   a colleague cannot continue or undo someone else's build. A value holds at most 9 KB, so a job
 *   holds names and ids, never rows.
 * - The user cache holds at most 100 KB per key, 1,000 keys, for at most 6 hours, and may drop entries
 *   earlier (https://developers.google.com/apps-script/reference/cache/cache): a model is cut into
 *   pieces, and a step that finds a piece missing computes the report again. The cache only saves
 *   time; nothing depends on it.
 */
import type { ReportSheet, ReportSheetKey } from "../core/report/model";
import type { ReportSettings } from "./settings";

/** One report of a job. */
export interface JobReport {
  reportId: string;
  /** A build's settings; a refresh reads them from the report's sheets. */
  settings?: ReportSettings;
  /** The sheets to write, by key, once the report is planned; absent before. */
  pending?: ReportSheetKey[];
  /** Every sheet of the report, once planned (names are read from the sheets themselves). */
  sheets?: { key: ReportSheetKey; sheetId: number }[];
  /** Sheets this job inserted: an undo deletes them. */
  created: number[];
  /** A sheet written in blocks of rows, and the rows written so far. */
  part?: { key: ReportSheetKey; rows: number };
  sourceToEnd?: boolean;
  spendToEnd?: boolean;
}

export interface Job {
  kind: "build" | "refresh";
  spreadsheetId: string;
  startedAt: number;
  reports: JobReport[];
  /** A build that updates an earlier report of the same source. */
  updated?: boolean;
  /** Sheets written so far, and how many the job writes in all once every report is planned. */
  written: number;
  total: number;
  /** The slowest write so far, in ms per cell (cells counted from a floor, see reports.ts). */
  msPerCell?: number;
  /** The slowest block of rows written so far (see reports.ts), in ms per cell. */
  rowMsPerCell?: number;
  /** The slowest computation of a report so far, in ms. */
  computeMs?: number;
}

const JOB = "job:";
const MODEL = "model:";
/** Characters per cache entry: 100 KB even if every character took 3 bytes in UTF-8. */
const PIECE = 30_000;
const CACHE_SECONDS = 3600;

export function saveJob(key: string, job: Job): void {
  PropertiesService.getUserProperties().setProperty(JOB + key, JSON.stringify(job));
}

/** The job under `key`, if it is one of this spreadsheet's. */
export function loadJob(key: string, spreadsheetId: string): Job | null {
  const text = PropertiesService.getUserProperties().getProperty(JOB + key);
  if (!text) return null;
  try {
    const job = JSON.parse(text) as Job;
    return job.spreadsheetId === spreadsheetId ? job : null;
  } catch {
    return null;
  }
}

/** A job left longer than this (the user closed the sidebar) is forgotten when another starts (its sheet copies too, backups.ts). */
export const STALE_MS = 24 * 3600 * 1000;

/** Forgets the user's jobs, in any spreadsheet, left unfinished for a day: user properties hold 500 KB in all. */
export function pruneJobs(now: number): void {
  const properties = PropertiesService.getUserProperties();
  for (const name of properties.getKeys()) {
    if (!name.startsWith(JOB)) continue;
    try {
      const job = JSON.parse(properties.getProperty(name) ?? "") as Job;
      if (now - job.startedAt > STALE_MS) properties.deleteProperty(name);
    } catch {
      properties.deleteProperty(name);
    }
  }
}

export function dropJob(key: string, job: Job | null): void {
  PropertiesService.getUserProperties().deleteProperty(JOB + key);
  if (job) for (const report of job.reports) dropModels(key, report);
}

/** Dates survive JSON as `{"$date": ms}`. */
function encode(sheet: ReportSheet): string {
  return JSON.stringify(sheet, function (this: Record<string, unknown>, name: string, value: unknown) {
    const raw = this[name];
    return raw instanceof Date ? { $date: raw.getTime() } : value;
  });
}

function decode(text: string): ReportSheet {
  return JSON.parse(text, (_, value: unknown) => {
    if (value && typeof value === "object" && "$date" in value && Object.keys(value).length === 1)
      return new Date((value as { $date: number }).$date);
    return value;
  }) as ReportSheet;
}

const pieceKey = (key: string, reportId: string, sheet: ReportSheetKey, i: number | "n") =>
  `${MODEL}${key}:${reportId}:${sheet}:${i}`;

/** Keeps the models of sheets still to write, for the next step. */
export function stashModels(key: string, reportId: string, sheets: ReportSheet[]): void {
  const cache = CacheService.getUserCache();
  if (!cache) return;
  for (const sheet of sheets) {
    const text = encode(sheet);
    const pieces: Record<string, string> = {};
    const count = Math.ceil(text.length / PIECE);
    for (let i = 0; i < count; i++)
      pieces[pieceKey(key, reportId, sheet.key, i)] = text.slice(i * PIECE, (i + 1) * PIECE);
    pieces[pieceKey(key, reportId, sheet.key, "n")] = String(count);
    cache.putAll(pieces, CACHE_SECONDS);
  }
}

/** The stashed models of `keys`, or null when any piece is gone (then the report is computed again). */
export function stashedModels(key: string, reportId: string, keys: ReportSheetKey[]): ReportSheet[] | null {
  const cache = CacheService.getUserCache();
  if (!cache) return null;
  const sheets: ReportSheet[] = [];
  for (const sheet of keys) {
    const count = Number(cache.get(pieceKey(key, reportId, sheet, "n")));
    if (!Number.isInteger(count) || count < 1) return null;
    const names = Array.from({ length: count }, (_, i) => pieceKey(key, reportId, sheet, i));
    const found = cache.getAll(names) as Record<string, string>;
    if (names.some((n) => typeof found[n] !== "string")) return null;
    sheets.push(decode(names.map((n) => found[n]).join("")));
  }
  return sheets;
}

function dropModels(key: string, report: JobReport): void {
  const cache = CacheService.getUserCache();
  if (!cache) return;
  for (const sheet of report.sheets ?? []) {
    const count = Number(cache.get(pieceKey(key, report.reportId, sheet.key, "n")));
    const names = [pieceKey(key, report.reportId, sheet.key, "n")];
    if (Number.isInteger(count))
      for (let i = 0; i < count; i++) names.push(pieceKey(key, report.reportId, sheet.key, i));
    cache.removeAll(names);
  }
}
