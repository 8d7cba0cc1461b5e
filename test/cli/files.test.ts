/**
 * The workbook write is atomic: a failed or interrupted run leaves the previous report byte for byte,
 * and removes its temporary file where it can (SIGKILL can't be caught: the temporary file stays, and
 * the next run removes it). The temporary file is safe in a shared folder: a planted link is never
 * followed or chmodded (issue 21).
 */
import { spawn, spawnSync } from "node:child_process";
import {
  chmodSync,
  lstatSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  utimesSync,
  watch,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Writable } from "node:stream";
import { pathToFileURL } from "node:url";
import { describe, expect, it, vi } from "vitest";
import { checkOutput, FileError, fileProblem, readBytes, writeAtomically } from "../../src/cli/files";
import { CLI_MAIN, TSX } from "../helpers/cli";

// The temporary file's random part, fixed by one test to plant a link at its very name.
const { randomBytes } = vi.hoisted(() => ({ randomBytes: vi.fn() }));
vi.mock("node:crypto", async (original) => {
  const crypto = await original<typeof import("node:crypto")>();
  randomBytes.mockImplementation((size: number) => crypto.randomBytes(size));
  return { ...crypto, randomBytes };
});

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
    } else {
      // SIGKILL can't be caught: its temporary file stays until the next run removes it.
      expect(readdirSync(dir)).toHaveLength(2);
      const next = spawnSync(TSX, [...ARGS, "--out", out], { cwd: dir, encoding: "utf8" });
      expect(next.stderr).toBe("");
      expect(readFileSync(out).subarray(0, 2).toString()).toBe("PK");
    }
    expect(readdirSync(dir)).toEqual(["report.xlsx"]);
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

/** A writer of `text`. */
const text = (words: string) => async (out: Writable) => {
  out.write(words);
};

describe("writeAtomically", () => {
  it("replaces the file only when the write succeeds, keeping the permissions of a file of ours", async () => {
    const { dir, out } = folderWithOldReport();
    chmodSync(out, 0o640);
    await expect(
      writeAtomically(out, async (stream) => {
        stream.write("half a workbo");
        throw Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC" });
      }),
    ).rejects.toThrow(
      new FileError(`can't write ${out}: the disk is full (ENOSPC); the previous file, if any, is unchanged`),
    );
    expect(readFileSync(out, "utf8")).toBe(OLD);
    expect(readdirSync(dir)).toEqual(["report.xlsx"]);

    await writeAtomically(out, text("the new report"));
    expect(readFileSync(out, "utf8")).toBe("the new report");
    expect(statSync(out).mode & 0o777).toBe(0o640);
    expect(readdirSync(dir)).toEqual(["report.xlsx"]);
  });

  it("creates the folder and a new file readable by its owner only, and lets an error that is not the file system's through", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cohort-write-"));
    const out = join(dir, "new", "report.xlsx");
    await writeAtomically(out, text("x"));
    expect(readFileSync(out, "utf8")).toBe("x");
    expect(statSync(out).mode & 0o777).toBe(0o600);
    await expect(
      writeAtomically(out, async () => {
        throw new TypeError("a bug");
      }),
    ).rejects.toThrow(new TypeError("a bug"));
    expect(readdirSync(join(dir, "new"))).toEqual(["report.xlsx"]);
  });
});

describe("a shared folder: planted links are never followed", () => {
  /** A file of someone's, readable by its owner only, that a link in the output folder points to. */
  function victim(): string {
    const file = join(mkdtempSync(join(tmpdir(), "cohort-victim-")), "secret.txt");
    writeFileSync(file, "secret", { mode: 0o600 });
    return file;
  }
  const untouched = (file: string) => {
    expect(readFileSync(file, "utf8")).toBe("secret");
    expect(statSync(file).mode & 0o777).toBe(0o600);
  };

  it("a link at the name earlier versions used (.NAME.PID.tmp) is not written through", async () => {
    const { dir, out } = folderWithOldReport();
    const target = victim();
    const planted = join(dir, `.report.xlsx.${process.pid}.tmp`);
    symlinkSync(target, planted);
    await writeAtomically(out, text("the new report"));
    untouched(target);
    expect(readFileSync(out, "utf8")).toBe("the new report");
    expect(lstatSync(planted).isSymbolicLink()).toBe(true);
  });

  it("a link at the temporary file's very name makes the write fail, not follow it", async () => {
    const { dir, out } = folderWithOldReport();
    const target = victim();
    const fixed = Buffer.alloc(8, 0xab);
    randomBytes.mockReturnValueOnce(fixed);
    symlinkSync(target, join(dir, `.report.xlsx.${process.pid}.${fixed.toString("hex")}.tmp`));
    await expect(writeAtomically(out, text("the new report"))).rejects.toThrow(FileError);
    untouched(target);
    expect(readFileSync(out, "utf8")).toBe(OLD);
  });

  it("--out given as a link to someone's file replaces the link, and takes no mode from the file", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cohort-write-"));
    const target = victim();
    chmodSync(target, 0o666);
    writeFileSync(target, "secret");
    const out = join(dir, "report.xlsx");
    symlinkSync(target, out);
    await writeAtomically(out, text("the new report"));
    expect(readFileSync(target, "utf8")).toBe("secret");
    expect(lstatSync(out).isFile()).toBe(true);
    expect(statSync(out).mode & 0o777).toBe(0o600);
  });
});

describe("temporary files of killed runs are removed by the next run", () => {
  /** The id of a process that has ended. */
  const deadPid = () => spawnSync(process.execPath, ["-e", ""]).pid as number;

  it("removes ours whose process is gone; keeps a live run's, links, others' names", async () => {
    const { dir, out } = folderWithOldReport();
    const target = join(mkdtempSync(join(tmpdir(), "cohort-victim-")), "keep.txt");
    writeFileSync(target, "keep");
    const dead = deadPid();
    const stale = [`.report.xlsx.${dead}.tmp`, `.report.xlsx.${dead}.0123456789abcdef.tmp`];
    for (const name of stale) writeFileSync(join(dir, name), "");
    const kept = [
      `.report.xlsx.${process.pid}.0123456789abcdef.tmp`, // a run still writing
      `.other.xlsx.${dead}.tmp`, // another file's
      `.report.xlsx.${dead}.notes.tmp`, // not our pattern
    ];
    for (const name of kept) writeFileSync(join(dir, name), "");
    const link = `.report.xlsx.${dead}.fedcba9876543210.tmp`;
    symlinkSync(target, join(dir, link));
    await writeAtomically(out, text("new"));
    expect(readdirSync(dir).sort()).toEqual([...kept, link, "report.xlsx"].sort());
    expect(readFileSync(target, "utf8")).toBe("keep");
  });

  it("removes a day-old one even when its process id is in use again", async () => {
    const { dir, out } = folderWithOldReport();
    const old = join(dir, `.report.xlsx.${process.ppid}.0123456789abcdef.tmp`);
    writeFileSync(old, "");
    const dayAgo = new Date(Date.now() - 25 * 60 * 60 * 1000);
    utimesSync(old, dayAgo, dayAgo);
    await writeAtomically(out, text("new"));
    expect(readdirSync(dir)).toEqual(["report.xlsx"]);
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
