/**
 * The add-on menu through the bundle, against strict fakes: `onOpen` must work in AuthMode.NONE,
 * where an add-on may build its menu but read no data, so the fakes offer nothing else.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { distDir, loadBundle } from "../helpers/bundle";
import { newCalls, strictFake, totalCalls } from "../helpers/fake";

function menuServices(userLocale = "en_US") {
  const calls = newCalls();
  const items: [string, string][] = [];
  const shown: { kind: string; file: string; title?: string }[] = [];
  let file = "";
  const menu: GoogleAppsScript.Base.Menu = strictFake<GoogleAppsScript.Base.Menu>(
    "Menu",
    {
      addItem(caption: string, functionName: string) {
        items.push([caption, functionName]);
        return menu;
      },
      addSeparator: () => menu,
      addToUi: () => undefined,
    },
    calls,
  );
  const ui = strictFake<GoogleAppsScript.Base.Ui>(
    "Ui",
    {
      createAddonMenu: () => menu,
      showSidebar: () => shown.push({ kind: "sidebar", file }),
      showModalDialog: (_html: unknown, title: string) => shown.push({ kind: "dialog", file, title }),
    },
    calls,
  );
  const output: GoogleAppsScript.HTML.HtmlOutput = strictFake<GoogleAppsScript.HTML.HtmlOutput>(
    "HtmlOutput",
    { setTitle: () => output, setWidth: () => output, setHeight: () => output, append: () => output },
    calls,
  );
  const services = {
    SpreadsheetApp: strictFake<GoogleAppsScript.Spreadsheet.SpreadsheetApp>(
      "SpreadsheetApp",
      { getUi: () => ui },
      calls,
    ),
    HtmlService: strictFake<GoogleAppsScript.HTML.HtmlService>(
      "HtmlService",
      {
        createHtmlOutputFromFile(name: string) {
          file = name;
          return output;
        },
      },
      calls,
    ),
    Session: strictFake<GoogleAppsScript.Base.Session>(
      "Session",
      { getActiveUserLocale: () => userLocale, getTemporaryActiveUserKey: () => "key-ann" },
      calls,
    ),
  };
  return { services, items, shown, calls };
}

describe("the add-on menu", () => {
  it("is built on open, touching nothing but the menu (AuthMode.NONE)", () => {
    const { services, items, calls } = menuServices();
    loadBundle(services).onOpen({ authMode: "NONE" });
    expect(items).toContainEqual(["Build report…", "showSidebar"]);
    expect(items).toContainEqual(["Formula help", "showFormulaHelp"]);
    expect(totalCalls(calls, "HtmlService."), "onOpen opens no page").toBe(0);
    expect(totalCalls(calls, "Session."), "onOpen reads nothing of the user").toBe(0);
  });

  it("is built on install too", () => {
    const { services, items } = menuServices();
    loadBundle(services).onInstall({ authMode: "FULL" });
    expect(items.length).toBeGreaterThanOrEqual(2);
  });

  it("calls only global functions that exist in the bundle, with HTML files that exist in dist/", () => {
    const { services, items, shown } = menuServices();
    const script = loadBundle(services);
    script.onOpen();
    for (const [, name] of items) {
      expect(typeof script[name]).toBe("function");
    }
    script.showSidebar();
    script.showFormulaHelp();
    expect(shown.map((s) => s.kind)).toEqual(["sidebar", "dialog"]);
    for (const { file } of shown) expect(existsSync(join(distDir, `${file}.html`))).toBe(true);
  });

  it.each([
    ["en_US", "Help", "Cohort LTV formulas"],
    ["ko_KR", "Help_ko", "코호트 LTV 수식"],
    ["ru", "Help_ru", "Формулы Cohort LTV"],
  ])("opens Formula help in the user's language: %s", (locale, file, title) => {
    const { services, shown } = menuServices(locale);
    loadBundle(services).showFormulaHelp();
    expect(shown).toEqual([{ kind: "dialog", file, title }]);
    expect(existsSync(join(distDir, `${file}.html`))).toBe(true);
  });
});
