/**
 * The command line on big files: `npm start -- big.csv --engine duckdb` on 10,000,000 generated
 * transactions against `--engine js` (today's path, every row in JavaScript) on 1,000,000, each run
 * once as a user runs it (a fresh process: reading, computing, writing the workbook), with its wall
 * time and peak memory (maxRSS, DuckDB's native memory included). The goal: 10× the rows in no more
 * time, under 1 GB. Both engines also run on smaller files, to show where DuckDB starts to pay off.
 *
 * The data is the seeded sample (src/core/sample/generate.ts) generated in blocks of customers (ids
 * prefixed per block), written once as CSV into a temporary folder, removed at the end.
 */
import { spawnSync } from "node:child_process";
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { isoDay } from "../../src/core/cells";
import { generateSample } from "../../src/core/sample/generate";

const BIG = 10_000_000;
const SIZES = [100_000, 1_000_000];
const root = fileURLToPath(new URL("../..", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "bench-cli-"));

/** Writes the first `rows` transactions of the sample, generated block by block, as a CSV. */
function writeCsv(file: string, rows: number): void {
  const fd = openSync(file, "w");
  writeSync(fd, "Customer ID,Order date,Amount,Channel\n");
  let written = 0;
  for (let block = 0; written < rows; block++) {
    const { purchases } = generateSample({ customers: 400_000, seed: 1000 + block });
    const lines: string[] = [];
    for (const p of purchases) {
      if (written === rows) break;
      lines.push(`B${block}${p.customerId},${isoDay(p.day)},${p.amount.toFixed(2)},${p.channel}\n`);
      written++;
    }
    writeSync(fd, lines.join(""));
  }
  closeSync(fd);
}

/** One run of the command line in a fresh process: seconds and peak MB. */
function run(file: string, engine: string): { seconds: number; mb: number } {
  const rssFile = join(dir, "rss");
  const started = performance.now();
  const result = spawnSync(
    process.execPath,
    [
      "--import",
      "tsx",
      "--import",
      join(root, "scripts/bench/cli-rss.mjs"),
      join(root, "src/cli/main.ts"),
      file,
      "--engine",
      engine,
      "--out",
      join(dir, `${engine}.xlsx`),
    ],
    { cwd: root, encoding: "utf8", env: { ...process.env, BENCH_RSS_FILE: rssFile } },
  );
  const seconds = (performance.now() - started) / 1000;
  if (result.status !== 0) throw new Error(`${engine} on ${file} failed: ${result.stderr}`);
  return { seconds, mb: Number(readFileSync(rssFile, "utf8")) / 1024 };
}

const rows = (n: number) => n.toLocaleString("en-US");
try {
  const files = new Map<number, string>();
  for (const size of [...SIZES, BIG]) {
    const file = join(dir, `${size}.csv`);
    writeCsv(file, size);
    files.set(size, file);
  }
  console.log(
    "cli: npm start -- file.csv --engine js|duckdb, one fresh process each (wall time, peak memory)",
  );
  const results = new Map<string, { seconds: number; mb: number }>();
  for (const size of SIZES) {
    for (const engine of ["js", "duckdb"]) {
      const r = run(files.get(size) as string, engine);
      results.set(`${engine} ${size}`, r);
      const mb = statSync(files.get(size) as string).size / 2 ** 20;
      console.log(
        `  ${engine.padEnd(6)} ${rows(size).padStart(10)} rows (${mb.toFixed(0)} MB): ${r.seconds.toFixed(1)} s, ${r.mb.toFixed(0)} MB peak`,
      );
    }
  }
  const big = run(files.get(BIG) as string, "duckdb");
  console.log(
    `  duckdb ${rows(BIG).padStart(10)} rows: ${big.seconds.toFixed(1)} s, ${big.mb.toFixed(0)} MB peak`,
  );
  const js = results.get("js 1000000") as { seconds: number; mb: number };
  const perRow = js.seconds / 1_000_000 / (big.seconds / BIG);
  console.log(
    `  duckdb on ${rows(BIG)} vs js on ${rows(1_000_000)}: ${(big.seconds / js.seconds).toFixed(2)}× the time for 10× the rows ` +
      `(${perRow.toFixed(1)}× faster per row); peak ${big.mb.toFixed(0)} MB (goal: ≤ 1×, under 1024 MB)`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
