/**
 * Serves the built sidebar (dist/Sidebar.html, at /sidebar) over HTTP on 127.0.0.1 with
 * `google.script.run` bridged to dist/Code.js running in the in-memory spreadsheet fakes — the
 * sidebar as users get it, without a Google account. At / a preview page shows it beside a minimal
 * view of the spreadsheet (tabs, a range to select, the active sheet's cells). Used by
 * `npm run preview` and by the browser test.
 *
 * The bridge behaves like google.script.run where it matters: only public top-level functions (no
 * trailing `_`) are callable, arguments and results travel as JSON (a `Date` would be an error in
 * Apps Script too), and each call is answered asynchronously through the success/failure handlers.
 */
import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { generateSample } from "../../src/core/sample/generate";
import { distDir, loadBundle, type ScriptGlobals } from "./bundle";
import { a1, addonServices, type FakeLocks, FakeSpreadsheet, type Value } from "./sheets";

/** The browser side of the bridge: defines `google.script.run` over `fetch("/rpc")`. */
const BRIDGE = `<script>
(function () {
  function runner(onSuccess, onFailure) {
    return new Proxy({}, {
      get: function (_, name) {
        if (name === "withSuccessHandler") return function (h) { return runner(h, onFailure); };
        if (name === "withFailureHandler") return function (h) { return runner(onSuccess, h); };
        if (name === "withUserObject") return function () { return runner(onSuccess, onFailure); };
        return function () {
          var args = Array.prototype.slice.call(arguments);
          fetch("/rpc", { method: "POST", headers: { "content-type": "application/json" },
            body: JSON.stringify({ name: String(name), args: args }) })
            .then(function (r) { return r.json(); })
            .then(function (reply) {
              if (reply.error !== undefined) { if (onFailure) onFailure(new Error(reply.error)); }
              else if (onSuccess) onSuccess(reply.value);
            }, function (e) { if (onFailure) onFailure(e); });
        };
      }
    });
  }
  window.google = { script: { run: runner(null, null) } };
})();
</script>`;

/**
 * The preview's stand-in for the spreadsheet around the sidebar: sheet tabs, a range box to select
 * with, and the active sheet's top-left cells, refreshed every second. Built with textContent only.
 */
const HARNESS = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>Cohort LTV sidebar preview</title><style>
body{margin:0;display:flex;height:100vh;font:13px Arial,sans-serif}
iframe{width:300px;border:0;border-right:1px solid #dadce0;height:100%}
#sheet{flex:1;overflow:auto;padding:8px}#tabs button{margin:0 4px 4px 0}#tabs button.on{font-weight:bold}
#dialog{position:fixed;left:340px;top:40px;background:#fff;box-shadow:0 4px 24px #0006;padding:4px}
#dialog iframe{width:720px;height:520px;border:0;display:block}table{border-collapse:collapse}td{border:1px solid #e0e0e0;padding:2px 6px;white-space:nowrap;max-width:160px;overflow:hidden}
</style></head><body><iframe src="/sidebar" title="Sidebar"></iframe><div id="sheet">
<div id="tabs"></div><form id="pick"><label>Select range <input id="a1" size="12"></label> <button>Select</button>
<span id="active"></span></form><table id="grid"></table></div>
<div id="dialog" hidden><button id="close">Close</button><iframe title="Dialog"></iframe></div><script>
async function post(path, body){await fetch(path,{method:"POST",body:JSON.stringify(body)});}
document.getElementById("pick").addEventListener("submit",function(e){e.preventDefault();
  post("/select",{range:document.getElementById("a1").value}).then(draw);});
async function draw(){const s=await (await fetch("/state")).json();
  const tabs=document.getElementById("tabs");tabs.replaceChildren();
  for(const name of s.sheets){const b=document.createElement("button");b.textContent=name;if(name===s.sheet)b.className="on";
    b.addEventListener("click",function(){post("/select",{range:"'"+name.replace(/'/g,"''")+"'!A1"}).then(draw);});tabs.append(b);}
  document.getElementById("active").textContent=" selected: "+s.selected;
  const grid=document.getElementById("grid");grid.replaceChildren();
  for(const row of s.grid){const tr=document.createElement("tr");
    for(const cell of row){const td=document.createElement("td");td.textContent=cell;tr.append(td);}grid.append(tr);}}
let dialogs=0;const box=document.getElementById("dialog");
document.getElementById("close").addEventListener("click",function(){box.hidden=true;});
async function dialog(){const s=await (await fetch("/state")).json();
  if(s.dialogs>dialogs){dialogs=s.dialogs;box.querySelector("iframe").src="/dialog?"+dialogs;box.hidden=false;}}
draw();setInterval(draw,1500);setInterval(dialog,700);
</script></body></html>`;

/** A spreadsheet with the project's sample: an Orders sheet (selected) and a Spend sheet. */
export function sampleSpreadsheet(options: { customers?: number; timeZone?: string; locale?: string } = {}) {
  const timeZone = options.timeZone ?? "UTC";
  const book = new FakeSpreadsheet({ timeZone, locale: options.locale ?? "en_US" });
  const sample = generateSample({ customers: options.customers ?? 500 });
  // Sheets hands dates over as midnight in the spreadsheet's zone; the sample zone is UTC.
  const date = (day: number) => new Date(day * 86_400_000);
  const orders: Value[][] = [
    ["Customer ID", "Order date", "Amount", "Channel"],
    ...sample.purchases.map((p) => [p.customerId, date(p.day), p.amount, p.channel] as Value[]),
  ];
  const sheet = book.addSheet("Orders", orders);
  for (let r = 2; r <= orders.length; r++) sheet.prop("numberFormat").set(r, 3, '"$"#,##0.00');
  book.addSheet("Spend", [
    ["Month", "Spend", "Channel"],
    ...sample.spend.map((s) => [date(s.periodStart), s.spend, s.channel] as Value[]),
  ]);
  book.select(sheet, "A1");
  return { book, sample };
}

export interface SidebarHost {
  /** The preview page: the sidebar beside a view of the spreadsheet. */
  url: string;
  /** The sidebar alone, as HtmlService serves it. */
  sidebarUrl: string;
  book: FakeSpreadsheet;
  script: ScriptGlobals;
  /** Server functions called, in order. */
  log: string[];
  /** The same calls with their arguments, as the page sent them. */
  requests: { name: string; args: unknown[] }[];
  /** Dialogs the script opened (the Help), newest last. */
  dialogs: { title: string; html: string }[];
  close(): Promise<void>;
}

function body(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on("data", (c: Buffer) => chunks.push(c));
    request.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    request.on("error", reject);
  });
}

/** Starts the host; `port` 0 picks a free one. */
export async function startSidebarHost(
  options: {
    book?: FakeSpreadsheet;
    userLocale?: string;
    port?: number;
    locks?: FakeLocks;
    /** More Apps Script services, e.g. a fake `BigQuery`. */
    services?: Record<string, unknown>;
    /** The scopes the user granted (granular consent); default: all the manifest's. */
    grantedScopes?: readonly string[];
  } = {},
): Promise<SidebarHost> {
  const book = options.book ?? sampleSpreadsheet().book;
  const services = addonServices(book, {
    userLocale: options.userLocale ?? "en",
    locks: options.locks,
    readFile: (name) => readFileSync(join(distDir, `${name}.html`), "utf8"),
    grantedScopes: options.grantedScopes,
  });
  // The spreadsheet fakes have no dialogs; the Help dialog opened from the sidebar is recorded here.
  const dialogs: SidebarHost["dialogs"] = [];
  const app = services.SpreadsheetApp;
  const withDialogs = new Proxy(app, {
    get: (target, name) =>
      name === "getUi"
        ? () =>
            new Proxy(target.getUi(), {
              get: (ui, key) =>
                key === "showModalDialog"
                  ? (html: GoogleAppsScript.HTML.HtmlOutput, title: string) =>
                      dialogs.push({ title, html: html.getContent() })
                  : Reflect.get(ui, key),
            })
        : Reflect.get(target, name),
  });
  const script = loadBundle({ ...services, ...options.services, SpreadsheetApp: withDialogs });
  const log: string[] = [];
  const requests: SidebarHost["requests"] = [];
  // The page as showSidebar serves it (with the boot script it appends), plus the bridge.
  const page = () => {
    script.showSidebar();
    const html = book.ui.sidebars.at(-1) as GoogleAppsScript.HTML.HtmlOutput;
    return html.getContent().replace("<head>", () => `<head>${BRIDGE}`);
  };

  const server: Server = createServer(async (request, response) => {
    try {
      const html = (content: string) => {
        response.writeHead(200, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" });
        response.end(content);
      };
      if (request.method === "GET" && request.url === "/") return html(HARNESS);
      if (request.method === "GET" && request.url === "/sidebar") return html(page());
      if (request.method === "GET" && request.url?.startsWith("/dialog"))
        return html(dialogs.at(-1)?.html ?? "");
      if (request.method === "GET" && request.url === "/state") {
        const active = book.active;
        const sheet = active?.sheet ?? book.sheets[0];
        const grid: string[][] = [];
        for (let r = 1; r <= Math.min(40, Math.max(1, sheet.lastRow())); r++) {
          const row: string[] = [];
          for (let c = 1; c <= Math.min(14, Math.max(1, sheet.lastColumn())); c++) {
            const formula = sheet.formula(r, c);
            const v = sheet.value(r, c);
            row.push(formula || (v instanceof Date ? v.toISOString().slice(0, 10) : String(v)));
          }
          grid.push(row);
        }
        const selected = active
          ? `${sheet.name}!${a1(active.row, active.column, active.rows, active.columns)}`
          : "";
        response.writeHead(200, { "content-type": "application/json" });
        response.end(
          JSON.stringify({
            sheets: book.sheets.map((s) => s.name),
            sheet: sheet.name,
            selected,
            grid,
            dialogs: dialogs.length,
          }),
        );
        return;
      }
      if (request.method === "POST" && request.url === "/select") {
        const { range } = JSON.parse(await body(request)) as { range: string };
        const bang = range.lastIndexOf("!");
        const name =
          bang >= 0
            ? range
                .slice(0, bang)
                .replace(/^'(.*)'$/, "$1")
                .replace(/''/g, "'")
            : "";
        const sheet = name ? book.sheet(name) : (book.active?.sheet ?? book.sheets[0]);
        book.select(sheet, bang >= 0 ? range.slice(bang + 1) : range);
        response.writeHead(204).end();
        return;
      }
      if (request.method === "POST" && request.url === "/rpc") {
        const { name, args } = JSON.parse(await body(request)) as { name: string; args: unknown[] };
        log.push(name);
        requests.push({ name, args });
        let reply: { value?: unknown; error?: string };
        if (!/^[A-Za-z]\w*[^_\W]$|^[A-Za-z]$/.test(name) || typeof script[name] !== "function") {
          reply = { error: `Script function not found: ${name}` };
        } else {
          try {
            const value = script[name](...args);
            reply = { value: value === undefined ? null : JSON.parse(JSON.stringify(value)) };
          } catch (error) {
            reply = { error: error instanceof Error ? error.message : String(error) };
          }
        }
        response.writeHead(200, { "content-type": "application/json" });
        response.end(JSON.stringify(reply));
        return;
      }
      response.writeHead(404).end();
    } catch (error) {
      response.writeHead(500).end(String(error));
    }
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    sidebarUrl: `http://127.0.0.1:${port}/sidebar`,
    book,
    script,
    log,
    requests,
    dialogs,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * The sidebar at `url` in a new 300 px wide page of `height` px, once its form is ready, and the
 * script errors the page throws (a test expects none).
 */
export async function openSidebarPage(
  browser: Browser | undefined,
  url: string,
  height = 1100,
): Promise<{ page: Page; problems: string[] }> {
  if (!browser) throw new Error("no browser");
  const page = await browser.newPage({ viewport: { width: 300, height }, locale: "en-US" });
  page.setDefaultTimeout(15_000);
  const problems: string[] = [];
  page.on("pageerror", (error) => problems.push(error.message));
  await page.goto(url);
  await page.waitForSelector("#app[data-ready='true']");
  return { page, problems };
}
