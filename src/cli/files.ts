/**
 * Reading the input files and writing the workbook, with file-system problems in plain words.
 *
 * The workbook is written to a temporary file in the target's folder, flushed to disk and renamed
 * over the target: a rename within a folder is atomic, so a run that fails (a full disk) or is
 * interrupted (Ctrl-C, SIGTERM, even SIGKILL) leaves the previous report as it was, byte for byte.
 * The temporary file is safe in a folder others can write to (a random name, created new, never
 * through a link), and one a killed run left is removed by the next run.
 */
import { randomBytes } from "node:crypto";
import fs, {
  closeSync,
  fchmodSync,
  constants as fsConstants,
  fsyncSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  type Stats,
  statSync,
  unlinkSync,
  writeSync,
} from "node:fs";
import { constants as osConstants } from "node:os";
import { basename, dirname, join } from "node:path";
import type { Writable } from "node:stream";

/** A file-system problem, said for the person who ran the command. */
export class FileError extends Error {
  override name = "FileError";
}

const PROBLEMS: Record<string, string> = {
  ENOENT: "no such file or folder",
  EACCES: "permission denied",
  EPERM: "not permitted — is it open in another program?",
  EBUSY: "the file is in use — is it open in Excel?",
  EISDIR: "it is a folder, not a file",
  ENOTDIR: "a part of the path is a file, not a folder",
  EROFS: "the disk is read-only",
  ENOSPC: "the disk is full",
  EDQUOT: "the disk quota is used up",
  EFBIG: "the file is larger than this system allows",
  ENAMETOOLONG: "the name is too long",
  EMFILE: "too many files open",
  ELOOP: "too many symbolic links",
};

/** The plain words for a Node file-system error, or undefined for any other error. */
export function fileProblem(error: unknown): string | undefined {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code && /^E[A-Z]+$/.test(code) ? `${PROBLEMS[code] ?? "a file-system error"} (${code})` : undefined;
}

/** A file's bytes; a problem reading it is a {@link FileError} naming the file. */
export function readBytes(file: string): Uint8Array {
  try {
    return readFileSync(file);
  } catch (error) {
    const problem = fileProblem(error);
    if (!problem) throw error;
    throw new FileError(`${file}: can't read it: ${problem}`);
  }
}

/** Refuses an output path that is a folder before any work is done. */
export function checkOutput(file: string): void {
  let folder = false;
  try {
    folder = statSync(file).isDirectory();
  } catch {
    // Not there yet: it will be created.
  }
  if (folder)
    throw new FileError(`--out ${file} is a folder — give a file name, e.g. ${join(file, "report.xlsx")}`);
}

const SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;

/**
 * The temporary file of a write of `file`, `.NAME.PID.RANDOM.tmp`: the random part makes the name
 * unpredictable (a link planted under a guessed name is never met), the process id tells a later run
 * whether the writer is gone.
 */
function tempName(file: string): string {
  return join(dirname(file), `.${basename(file)}.${process.pid}.${randomBytes(8).toString("hex")}.tmp`);
}

/** The names {@link tempName} gives (and `.NAME.PID.tmp`, the name earlier versions gave), with the process id. */
function tempPattern(file: string): RegExp {
  const name = basename(file).replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`^\\.${name}\\.(\\d+)(?:\\.[0-9a-f]{16})?\\.tmp$`);
}

/** A temporary file older than this is stale even if a process of its id runs (the id was reused). */
const STALE_MS = 24 * 60 * 60 * 1000;

/**
 * Removes the temporary files that earlier writes of `file` left beside it when they were killed
 * (SIGKILL, a power cut): only regular files of ours with our name pattern, whose process is gone or
 * which are a day old. `unlink` removes a name, never what a link points to.
 */
export function removeStaleTemps(file: string): void {
  const folder = dirname(file);
  const pattern = tempPattern(file);
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return; // No folder yet: nothing stale in it.
  }
  for (const name of names) {
    const pid = pattern.exec(name)?.[1];
    if (pid === undefined) continue;
    const path = join(folder, name);
    try {
      const stats = lstatSync(path);
      if (!stats.isFile() || !ownedByUs(stats)) continue;
      if (processRuns(Number(pid)) && Date.now() - stats.mtimeMs < STALE_MS) continue;
      unlinkSync(path);
    } catch {
      // Gone already, or not ours to remove: leave it.
    }
  }
}

function ownedByUs(stats: Stats): boolean {
  const uid = process.getuid?.();
  return uid === undefined || stats.uid === uid;
}

/** Whether a process of this id runs (signal 0 only asks); EPERM means it runs as someone else. */
function processRuns(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Writes `file` (creating its folder) by having `write` write into a stream on a temporary file
 * beside it, then renaming that into place.
 *
 * The temporary file has a random name and is created by this call alone (`O_EXCL`), never through a
 * symbolic link (`O_NOFOLLOW`), readable by its owner only (0600); the bytes and the final mode go
 * through its descriptor, so a link planted in a shared folder is never followed or chmodded. The
 * new file keeps the permissions of the one it replaces when that is a regular file of ours (a file
 * of someone else's could hand us a mode we did not choose); else it stays 0600.
 *
 * Temporary files of earlier runs that were killed are removed first ({@link removeStaleTemps}).
 * On failure or on SIGINT/SIGTERM/SIGHUP the temporary file is removed and `file` is untouched; a
 * file-system failure becomes a {@link FileError}.
 */
export async function writeAtomically(file: string, write: (out: Writable) => Promise<void>): Promise<void> {
  const temp = tempName(file);
  // The name is random and new: whatever is at it is this run's (a planted link is only unlinked).
  const onSignal = (signal: NodeJS.Signals) => {
    rmSync(temp, { force: true });
    writeSync(2, `\ninterrupted — ${file} is left as it was\n`); // synchronous: exit() follows
    process.exit(128 + osConstants.signals[signal]);
  };
  for (const signal of SIGNALS) process.on(signal, onSignal);
  let fd: number | undefined;
  try {
    makeFolder(dirname(file));
    removeStaleTemps(file);
    const out = newFile(temp);
    out.on("open", (opened: number) => {
      fd = opened;
    });
    await writeAll(out, write);
    const mode = replacedMode(file);
    if (mode !== undefined) fchmodSync(fd as number, mode);
    fsyncSync(fd as number);
    closeSync(fd as number);
    fd = undefined;
    renameSync(temp, file);
  } catch (error) {
    if (fd !== undefined) closeSync(fd);
    rmSync(temp, { force: true });
    const problem = fileProblem(error);
    if (!problem) throw error;
    throw new FileError(`can't write ${file}: ${problem}; the previous file, if any, is unchanged`);
  } finally {
    for (const signal of SIGNALS) process.off(signal, onSignal);
  }
}

/**
 * Node's file stream into a new file, opened as {@link CREATE_NEW} says (by this stream alone, never
 * through a link), readable by its owner only; the descriptor stays open for the caller. Node opens
 * it once the writer's first synchronous step is done, so a signal in that step finds no file yet.
 * Called through the module object, as exceljs calls it, so a test can hold the write
 * (test/helpers/hold-write.mjs).
 */
function newFile(path: string): Writable {
  return fs.createWriteStream(path, {
    mode: 0o600,
    autoClose: false,
    fs: {
      open: (
        name: string,
        _flags: unknown,
        mode: number,
        callback: (error: Error | null, fd: number) => void,
      ) => fs.open(name, CREATE_NEW, mode, callback),
      write: fs.write,
      writev: fs.writev,
      close: fs.close,
    },
  });
}

/** Runs `write` on `out` until all is written (finished) or the writer or the stream fails. */
function writeAll(out: Writable, write: (out: Writable) => Promise<void>): Promise<void> {
  return new Promise((resolve, reject) => {
    let failure: { error: unknown } | undefined;
    out.on("error", reject);
    out.on("finish", () => (failure ? reject(failure.error) : resolve()));
    write(out).then(
      () => out.end(),
      (error) => {
        // Rejected when the stream is done with the file, which is closed next.
        failure = { error };
        out.end();
      },
    );
  });
}

/** Creates a folder and its parents; a file where a folder should be is said as ENOTDIR (mkdir says EEXIST). */
function makeFolder(folder: string): void {
  try {
    mkdirSync(folder, { recursive: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    throw Object.assign(new Error(`ENOTDIR: not a directory, mkdir '${folder}'`), { code: "ENOTDIR" });
  }
}

/** Create a new file, failing if the name exists (a planted file or link), never through a link. */
const CREATE_NEW =
  fsConstants.O_WRONLY | fsConstants.O_CREAT | fsConstants.O_EXCL | (fsConstants.O_NOFOLLOW ?? 0);

/** The permission bits of the file being replaced, when it is a regular file of ours. */
function replacedMode(file: string): number | undefined {
  try {
    const stats = lstatSync(file);
    return stats.isFile() && ownedByUs(stats) ? stats.mode & 0o777 : undefined;
  } catch {
    return undefined;
  }
}
