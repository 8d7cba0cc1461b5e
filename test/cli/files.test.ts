/**
 * The workbook write is atomic: a failed or interrupted run leaves the previous report byte for byte,
 * and removes its temporary file where it can (SIGKILL can't be caught: only the temporary file stays).
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, watch, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { checkOutput, FileError, fileProblem, readBytes, writeAtomically } from "../../src/cli/files";
import { CLI_MAIN, TSX } from "../helpers/cli";

const OLD = "the previous report";

/** Three years of weekly cohorts: a workbook that takes a while to write, quick to compute. */
const csv = join(mkdtempSync(join(tmpdir(), "cohort-write-")), "orders.csv");
writeFileSync(
  csv,
  `Customer,Date,Amount\n${Array.from({ length: 3000 }, (_, i) => {
    const day = new Date(Date.UTC(2022, 0, 1 + ((i * 7919) % 1095)));
    return `C${i % 900},${day.toISOString().slice(0, 10)},${(i % 97) + 0.5}`;
  }).join("\n")}\n`,
);
const ARGS = [CLI_MAIN, csv, "--period", "week"];
const HOLD_WRITE = pathToFileURL(join(import.meta.dirname, "..", "helpers", "hold-write.mjs")).href;
/** tsx's loader (what `--import tsx` names), by path: the CLI runs in a temporary folder. */
const TSX_LOADER = pathToFileURL(
  join(import.meta.dirname, "..", "..", "node_modules", "tsx", "dist", "loader.mjs"),
).href;

/** A folder holding only an old report.xlsx. */
function folderWithOldReport(): { dir: string; out: string } {
  const dir = mkdtempSync(join(tmpdir(), "cohort-write-"));
  const out = join(dir, "report.xlsx");
  writeFileSync(out, OLD);
  return { dir, out };
}

/**
 * Runs the CLI into `out` and sends `signal` once its temporary file exists. No timing decides the
 * outcome: the CLI runs in one process (node with tsx's loader, not the `tsx` command, which relays
 * a signal to its child and gives it 30 ms to react), and its write to the temporary file never
 * finishes (test/helpers/hold-write.mjs), so the signal always lands mid-write.
 */
function interrupted(dir: string, out: string, signal: NodeJS.Signals) {
  return new Promise<{ code: number | null; signal: string | null; stderr: string }>((resolve) => {
    const child = spawn(
      process.execPath,
      ["--import", TSX_LOADER, "--import", HOLD_WRITE, ...ARGS, "--out", out],
      {
        cwd: dir,
      },
    );
    let stderr = "";
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    const watcher = watch(dir, (_, name) => {
      if (String(name).endsWith(".tmp")) {
        watcher.close();
        child.kill(signal);
      }
    });
    child.on("exit", (code, sig) => {
      watcher.close();
      resolve({ code, signal: sig, stderr });
    });
  });
}

describe("an interrupted run leaves the previous report as it was", () => {
  it.each([
    ["SIGKILL", null, "SIGKILL"],
    ["SIGTERM", 143, null],
    ["SIGINT", 130, null],
  ] as const)("%s while writing", async (signal, code, killedBy) => {
    const { dir, out } = folderWithOldReport();
    const run = await interrupted(dir, out, signal);
    expect(run).toMatchObject({ code, signal: killedBy });
    expect(readFileSync(out, "utf8")).toBe(OLD);
    if (signal !== "SIGKILL") {
      expect(run.stderr).toContain(`interrupted — ${out} is left as it was`);
      expect(readdirSync(dir)).toEqual(["report.xlsx"]);
    }
  });

  it("a write that fails for want of space (a file-size limit) says so and keeps the old file", () => {
    const { dir, out } = folderWithOldReport();
    // With SIGXFSZ ignored, a write past the limit fails with EFBIG, as a full disk fails with ENOSPC.
    const run = spawnSync(
      "sh",
      [
        "-c",
        `trap '' XFSZ; ulimit -f 8; exec "${TSX}" ${ARGS.map((a) => `"${a}"`).join(" ")} --out "${out}"`,
      ],
      {
        cwd: dir,
        encoding: "utf8",
      },
    );
    expect(run.status).toBe(1);
    expect(run.stderr).toBe(
      `error: can't write ${out}: the file is larger than this system allows (EFBIG); the previous file, if any, is unchanged\n`,
    );
    expect(readFileSync(out, "utf8")).toBe(OLD);
    expect(readdirSync(dir)).toEqual(["report.xlsx"]);
  });
});

describe("writeAtomically", () => {
  it("replaces the file only when the write succeeds, keeping its permissions", async () => {
    const { dir, out } = folderWithOldReport();
    await expect(
      writeAtomically(out, async (temp) => {
        writeFileSync(temp, "half a workbo");
        throw Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC" });
      }),
    ).rejects.toThrow(
      new FileError(`can't write ${out}: the disk is full (ENOSPC); the previous file, if any, is unchanged`),
    );
    expect(readFileSync(out, "utf8")).toBe(OLD);
    expect(readdirSync(dir)).toEqual(["report.xlsx"]);

    await writeAtomically(out, async (temp) => writeFileSync(temp, "the new report"));
    expect(readFileSync(out, "utf8")).toBe("the new report");
    expect(readdirSync(dir)).toEqual(["report.xlsx"]);
  });

  it("creates the folder, and lets an error that is not the file system's through as it is", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cohort-write-"));
    const out = join(dir, "new", "report.xlsx");
    await writeAtomically(out, async (temp) => writeFileSync(temp, "x"));
    expect(existsSync(out)).toBe(true);
    await expect(
      writeAtomically(out, async () => {
        throw new TypeError("a bug");
      }),
    ).rejects.toThrow(new TypeError("a bug"));
  });
});

describe("file-system problems in plain words", () => {
  it("names the problem and the code", () => {
    const dir = mkdtempSync(join(tmpdir(), "cohort-files-"));
    expect(() => readBytes(join(dir, "nope.csv"))).toThrow(
      new FileError(`${join(dir, "nope.csv")}: can't read it: no such file or folder (ENOENT)`),
    );
    expect(() => readBytes(dir)).toThrow(
      new FileError(`${dir}: can't read it: it is a folder, not a file (EISDIR)`),
    );
    expect(() => checkOutput(dir)).toThrow(
      new FileError(`--out ${dir} is a folder — give a file name, e.g. ${join(dir, "report.xlsx")}`),
    );
    expect(fileProblem(Object.assign(new Error(), { code: "EACCES" }))).toBe("permission denied (EACCES)");
    expect(fileProblem(new Error("not a file error"))).toBeUndefined();
  });
});
