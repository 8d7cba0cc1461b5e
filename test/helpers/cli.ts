/** Runs the command line as a user does (`npm start -- …` is `tsx src/cli/main.ts …`). */
import { spawnSync } from "node:child_process";
import { join } from "node:path";

const root = join(import.meta.dirname, "..", "..");
export const TSX = join(root, "node_modules", ".bin", "tsx");
export const CLI_MAIN = join(root, "src", "cli", "main.ts");

/** Runs `npm start -- args` in `cwd` and waits for it. */
export function runCli(cwd: string, ...args: string[]) {
  const result = spawnSync(TSX, [CLI_MAIN, ...args], { cwd, encoding: "utf8" });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}
