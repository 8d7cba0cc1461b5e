/**
 * `npm run preview`: the sidebar in a local browser, over the in-memory spreadsheet fakes with the
 * project's sample loaded (Orders selected, a Spend sheet beside it), on 127.0.0.1 only. Click
 * through a build without a Google account. `--locale ko` or `--locale ru` shows the translations;
 * `--port 8080` picks the port (default: a free one).
 */
import { sampleSpreadsheet, startSidebarHost } from "../test/helpers/sidebar-host";

function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const { book } = sampleSpreadsheet({ customers: 2000 });
const host = await startSidebarHost({
  book,
  userLocale: option("locale") ?? "en",
  port: Number(option("port") ?? 0),
});
console.log(`Sidebar preview (sample: ${book.sheet("Orders").lastRow() - 1} orders, Orders!A1 selected):`);
console.log(`  ${host.url}`);
console.log("Ctrl+C to stop.");
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    void host.close().then(() => process.exit(0));
  });
}
