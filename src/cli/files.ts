/**
 * Reading the input files and writing the workbook, with file-system problems in plain words.
 *
 * The workbook is written to a temporary file in the target's folder, flushed to disk and renamed
 * over the target: a rename within a folder is atomic, so a run that fails (a full disk) or is
 * interrupted (Ctrl-C, SIGTERM, even SIGKILL) leaves the previous report as it was, byte for byte.
 */
import {
  chmodSync,
  closeSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from "node:fs";
import { constants } from "node:os";
import { basename, dirname, join } from "node:path";

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
 * Writes `file` (creating its folder) by having `write` write a temporary file beside it, then
 * renaming that into place.
 * On failure or on SIGINT/SIGTERM/SIGHUP the temporary file is removed and `file` is untouched; a
 * file-system failure becomes a {@link FileError}.
 */
export async function writeAtomically(file: string, write: (temp: string) => Promise<void>): Promise<void> {
  const temp = join(dirname(file), `.${basename(file)}.${process.pid}.tmp`);
  const onSignal = (signal: NodeJS.Signals) => {
    rmSync(temp, { force: true });
    writeSync(2, `\ninterrupted — ${file} is left as it was\n`); // synchronous: exit() follows
    process.exit(128 + constants.signals[signal]);
  };
  for (const signal of SIGNALS) process.on(signal, onSignal);
  try {
    mkdirSync(dirname(file), { recursive: true });
    await write(temp);
    keepMode(file, temp);
    const fd = openSync(temp, "r+");
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, file);
  } catch (error) {
    rmSync(temp, { force: true });
    const problem = fileProblem(error);
    if (!problem) throw error;
    throw new FileError(`can't write ${file}: ${problem}; the previous file, if any, is unchanged`);
  } finally {
    for (const signal of SIGNALS) process.off(signal, onSignal);
  }
}

/** The new file keeps the permissions of the one it replaces. */
function keepMode(file: string, temp: string): void {
  let mode: number | undefined;
  try {
    mode = statSync(file).mode;
  } catch {
    return;
  }
  chmodSync(temp, mode & 0o7777);
}
