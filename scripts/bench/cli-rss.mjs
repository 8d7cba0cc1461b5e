// Preloaded into a benchmarked command (node --import): on exit, writes the process's peak resident
// memory (KB, DuckDB's native allocations included) to the file named by BENCH_RSS_FILE.
import { writeFileSync } from "node:fs";

process.on("exit", () => writeFileSync(process.env.BENCH_RSS_FILE, String(process.resourceUsage().maxRSS)));
