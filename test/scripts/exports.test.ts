import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readExports } from "../../scripts/exports";

function project(moduleSource: string): string {
  const dir = mkdtempSync(join(tmpdir(), "exports-"));
  writeFileSync(join(dir, "main.ts"), 'export { F } from "./f";\n');
  writeFileSync(join(dir, "f.ts"), moduleSource);
  return join(dir, "main.ts");
}

describe("the build's entry generator", () => {
  it("reads each exported function's JSDoc and parameter names", () => {
    const [fn] = readExports(
      project(
        "/**\n * Doubles.\n * @param {number} x A number.\n * @param {number} y Another.\n * @return Twice x.\n * @example =F(2) → 4\n * @customfunction\n */\nexport function F(x: Arg, y?: Arg): Result {}\n",
      ),
    );
    expect(fn).toMatchObject({
      name: "F",
      params: ["x", "y"],
      customFunction: true,
      summary: "Doubles.",
      example: "=F(2) → 4",
    });
  });

  it("splits the comment into the Help card's parts: definition, source, arguments (optional ones marked), result", () => {
    const [fn] = readExports(
      project(
        "/**\n * Doubles x: 2x.\n * Source: arithmetic.\n *\n * @param {number} x A number.\n * @param {number} y Optional: another.\n * @return Twice x.\n * @example =F(2) → 4\n * @customfunction\n */\nexport function F(x: Arg, y?: Arg): Result {}\n",
      ),
    );
    expect(fn).toMatchObject({
      module: "f",
      definition: "Doubles x: 2x.",
      source: "arithmetic.",
      returns: "Twice x.",
      arguments: [
        { name: "x", optional: false, text: "A number." },
        { name: "y", optional: true, text: "Optional: another." },
      ],
    });
  });

  it("refuses a custom function whose comment Sheets would show incomplete", () => {
    expect(() =>
      readExports(
        project(
          "/**\n * Doubles.\n * @param {number} x A number.\n * @customfunction\n */\nexport function F(x: Arg, y: Arg) {}\n",
        ),
      ),
    ).toThrow(/F: @param names \(x\) differ from the parameters \(x, y\); no @return; no @example/);
  });

  it("refuses a name the module does not export as a function", () => {
    expect(() => readExports(project("export const F = () => 1;\n"))).toThrow(/no "export function F\("/);
  });
});
