/**
 * `--engine duckdb` reads the one file it is given (issue 21): no extension installed or loaded on
 * its own, no other file or URL, no compressed file unpacked past the size rules; and its file errors
 * are said plainly, naming the file, never "this is a bug" (issue 25): a full disk, a file that is
 * not one row a line, a file that is not there.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { CsvError } from "../../src/cli/csv";
import { duckdbCliReport, duckdbFailure, readerDatabase } from "../../src/cli/duckdb-engine";
import { FileError } from "../../src/cli/files";
import { sheetContext } from "../../src/core/cells";
import type { ReportInput } from "../../src/core/report/build";
import { CLI_MAIN, runCli, TSX } from "../helpers/cli";

const dir = mkdtempSync(join(tmpdir(), "cohort-duckdb-safety-"));
const ORDERS = `Customer,Date,Amount\n${Array.from({ length: 50 }, (_, i) => `C${i % 7},2024-0${1 + (i % 6)}-1${i % 9},${i + 1}.5`).join("\n")}\n`;

function file(name: string, contents: string | Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, contents);
  return path;
}

const input: ReportInput = { rows: [], spend: null, context: sheetContext(), options: {} };

describe("DuckDB reads only the file it is given", () => {
  const orders = file("orders.csv", ORDERS);
  const other = file("other.csv", ORDERS);
  const work = join(mkdtempSync(join(tmpdir(), "cohort-duckdb-work-")), "work.duckdb");
  let db: Awaited<ReturnType<typeof readerDatabase>>;
  afterAll(() => {
    db?.connection.closeSync();
    db?.instance.closeSync();
  });

  it("reads that file; no other file, no extension install or load, no settings changed back", async () => {
    db = await readerDatabase(work, [orders]);
    const rows = async (sql: string) => (await db.connection.runAndReadAll(sql)).getRowObjectsJS();
    expect(await rows(`SELECT count(*)::INT AS n FROM read_csv('${orders}')`)).toEqual([{ n: 50 }]);
    await expect(rows(`SELECT * FROM read_csv('${other}')`)).rejects.toThrow(/^Permission Error/);
    await expect(rows("SELECT * FROM read_text('/etc/passwd')")).rejects.toThrow(/^Permission Error/);
    await expect(rows("INSTALL httpfs")).rejects.toThrow();
    await expect(rows("SELECT * FROM read_csv('https://example.com/x.csv')")).rejects.toThrow();
    const settings = await rows(
      "SELECT name, value FROM duckdb_settings() WHERE name IN ('autoinstall_known_extensions', 'autoload_known_extensions', 'enable_external_access') ORDER BY name",
    );
    expect(settings.map((s) => s.value)).toEqual(["false", "false", "false"]);
    await expect(rows("SET enable_external_access = true")).rejects.toThrow();
  });

  it("refuses a compressed file, whatever its name, and names a file it cannot open", async () => {
    const gz = gzipSync(ORDERS);
    for (const name of ["orders.csv.gz", "orders-gz.csv"]) {
      const path = file(name, gz);
      await expect(duckdbCliReport(path, input)).rejects.toThrow(
        new CsvError(
          `${path} is compressed (gzip) — decompress it first and give the .csv (the size of what it holds is then known before it is read)`,
        ),
      );
    }
    const missing = join(dir, "orders.csv", "x.csv");
    await expect(duckdbCliReport(missing, input)).rejects.toThrow(
      new FileError(`${missing}: can't read it: a part of the path is a file, not a folder (ENOTDIR)`),
    );
  });

  it("still computes the report from the file", async () => {
    const built = await duckdbCliReport(orders, input);
    expect(built.headline.customers).toBe(7);
  });
});

describe("DuckDB's errors in plain words", () => {
  const work = "/tmp/cohort-ltv-X/work.duckdb";

  it("a full disk or a file-size limit on its working file", () => {
    const error = new Error(`IO Error: Could not write file "${work}": File too large`);
    expect(duckdbFailure(error, "big.csv", work)).toEqual(
      new FileError(
        `can't write DuckDB's working file ${work}: the file is larger than this system allows (EFBIG) — it needs room for about the data it reads; free some, or set TMPDIR to a folder on a disk with more`,
      ),
    );
    const full = new Error(`IO Error: Could not write file "${work}.tmp/x": No space left on device`);
    expect((duckdbFailure(full, "big.csv", work) as Error).message).toMatch(/the disk is full \(ENOSPC\)/);
  });

  it("a line too long, without the line, the reader's settings or the SQL", () => {
    const error = new Error(
      `Invalid Input Error: CSV Error on Line: 1\nOriginal Line: ${"C1,2024-01-01,5;".repeat(1000)}\nMaximum line size of 2000000 bytes exceeded. Actual Size:31999979 bytes.\n\nPossible Solution: Change the maximum length size, e.g., max_line_size=31999981\n\n  file = one.csv\n  delimiter = , (Auto-Detected)\n\nLINE 1: SELECT * FROM read_csv($file, all_varchar = true, header = true) LIMIT...`,
    );
    expect(duckdbFailure(error, "one.csv", work)).toEqual(
      new CsvError(
        "one.csv, line 1: DuckDB cannot read it: the line is 31,999,979 bytes long, more than the 2,000,000 a CSV line may have — is it a CSV export, one row a line?",
      ),
    );
  });

  it("leaves our own errors as they are, and cuts any other of DuckDB's to its first paragraph", () => {
    const ours = new CsvError("orders.csv: no amount column");
    expect(duckdbFailure(ours, "orders.csv", work)).toBe(ours);
    const other = new Error(
      `Binder Error: Referenced column "x" not found\n\nLINE 1: ${"SELECT ".repeat(500)}`,
    );
    expect((duckdbFailure(other, "orders.csv", work) as Error).message).toBe(
      'DuckDB: Binder Error: Referenced column "x" not found',
    );
  });
});

describe("the command line says them, naming the file", () => {
  it("a 2 MB line", () => {
    file("one-line.csv", `Customer,Date,Amount\n${"C1,2024-01-01,5;".repeat(140_000)}\n`);
    const run = runCli(dir, "one-line.csv", "--engine", "duckdb", "--out", "r1.xlsx");
    expect(run.stderr).toBe(
      "error: one-line.csv, line 1: DuckDB cannot read it: the line is 2,240,001 bytes long, more than the 2,000,000 a CSV line may have — is it a CSV export, one row a line?\n",
    );
    expect(run.code).toBe(1);
  });

  it("a file-size limit (as a full disk) while DuckDB writes its working file", () => {
    const rows = Array.from(
      { length: 150_000 },
      (_, i) => `C${(i * 7919) % 20000},2024-0${1 + (i % 9)}-${10 + (i % 19)},${(i % 997) + 0.25}`,
    );
    file("many.csv", `Customer,Date,Amount\n${rows.join("\n")}\n`);
    // With SIGXFSZ ignored, a write past `ulimit -f` (in KiB) fails with EFBIG, as a full disk fails with ENOSPC.
    const run = spawnSync(
      "sh",
      [
        "-c",
        `trap '' XFSZ; ulimit -f 200; exec "${TSX}" "${CLI_MAIN}" many.csv --engine duckdb --out r2.xlsx`,
      ],
      { cwd: dir, encoding: "utf8" },
    );
    expect(run.stderr).toMatch(
      /^error: can't write DuckDB's working file \S+work\.duckdb: the file is larger than this system allows \(EFBIG\) — /,
    );
    expect(run.stderr).not.toContain("this is a bug");
    expect(run.status).toBe(1);
  });

  it("amounts that add up past 1.8e308, in the file's name", () => {
    file("huge.csv", "Customer,Date,Amount\na,2024-01-01,1e308\nb,2024-01-02,1e308\nc,2024-02-01,1e308\n");
    for (const engine of ["js", "duckdb"]) {
      const run = runCli(dir, "huge.csv", "--engine", engine, "--out", "r3.xlsx");
      expect(run.stderr).toMatch(/^error: huge\.csv: revenue \(Infinity\) \/ orders \(3\) is too large/);
    }
  });
});
