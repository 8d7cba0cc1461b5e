/**
 * Runs before `clasp push` (`npm run push`): stops with the steps to follow when `.clasp.json` does
 * not name an Apps Script project yet (a fresh clone holds a placeholder), instead of clasp's own
 * error about a script it cannot find.
 */
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");

const STEPS = `Link this checkout to an Apps Script project, once:
  1. Turn on the Apps Script API for your Google account: https://script.google.com/home/usersettings
  2. Create the project. Bound to one spreadsheet: open it, Extensions → Apps Script.
     Standalone (to test on any spreadsheet and to publish): https://script.google.com → New project.
  3. In the Apps Script editor, Project Settings (the gear) → copy the Script ID.
  4. Put it into .clasp.json as "scriptId" (keep "rootDir": "dist").
  5. Log in once, as the account that owns the script: npx clasp login
Then run npm run push again. README: "Deploy to your spreadsheet".`;

/** What is wrong with `.clasp.json`'s text for a push, or undefined when it names a project. */
export function claspProblem(text: string | undefined): string | undefined {
  if (text === undefined) return `There is no .clasp.json.\n${STEPS}`;
  let config: { scriptId?: unknown; rootDir?: unknown };
  try {
    config = JSON.parse(text);
  } catch (error) {
    return `.clasp.json is not JSON (${(error as Error).message}).\n${STEPS}`;
  }
  const id = config.scriptId;
  // Script IDs are long base64url strings (the editor's Project Settings shows one).
  if (typeof id !== "string" || !/^[\w-]{20,}$/.test(id) || /REPLACE|YOUR/i.test(id)) {
    return `.clasp.json does not name your Apps Script project yet (scriptId is ${JSON.stringify(id ?? null)}).\n${STEPS}`;
  }
  if (config.rootDir !== "dist") {
    return `.clasp.json must keep "rootDir": "dist" — dist/ is what is deployed (npm run build writes it); it has ${JSON.stringify(config.rootDir ?? null)}.`;
  }
  return undefined;
}

function readClasp(): string | undefined {
  try {
    return readFileSync(join(root, ".clasp.json"), "utf8");
  } catch {
    return undefined;
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const problem = claspProblem(readClasp());
  if (problem) {
    console.error(problem);
    process.exit(1);
  }
}
