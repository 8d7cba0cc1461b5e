/** `npm run push` on a fresh clone stops before clasp with the steps to link an Apps Script project. */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { claspProblem } from "../../scripts/check-clasp";

const root = join(import.meta.dirname, "..", "..");

describe("the check before clasp push", () => {
  it("refuses the placeholder the repository ships, saying how to create or link the project", () => {
    const problem = claspProblem(readFileSync(join(root, ".clasp.json"), "utf8"));
    expect(problem).toMatch(/does not name your Apps Script project yet/);
    expect(problem).toContain("REPLACE_WITH_YOUR_SCRIPT_ID");
    expect(problem).toContain("Extensions → Apps Script");
    expect(problem).toContain("Project Settings");
    expect(problem).toContain("npx clasp login");
    expect(problem).toContain("https://script.google.com/home/usersettings");
  });

  it("refuses a missing file, a broken one and another root directory", () => {
    expect(claspProblem(undefined)).toMatch(/There is no \.clasp\.json/);
    expect(claspProblem("{")).toMatch(/not JSON/);
    expect(claspProblem('{"scriptId": "1AbC_dEfGhIjKlMnOpQrStUvWxYz-0123456789", "rootDir": "src"}')).toMatch(
      /"rootDir": "dist"/,
    );
  });

  it("lets a real script id through", () => {
    expect(
      claspProblem('{"scriptId": "1AbC_dEfGhIjKlMnOpQrStUvWxYz-0123456789", "rootDir": "dist"}'),
    ).toBeUndefined();
  });

  it("runs as npm run push's first step and exits 1 with the message", () => {
    const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
    expect(pkg.scripts.push).toMatch(/^tsx scripts\/check-clasp\.ts && /);
    const run = spawnSync(process.execPath, ["--import", "tsx", join(root, "scripts/check-clasp.ts")], {
      cwd: root,
      encoding: "utf8",
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/does not name your Apps Script project yet/);
  });
});
