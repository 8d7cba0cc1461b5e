/** An in-memory DuckDB for the SQL tests. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type DuckDBConnection, DuckDBInstance } from "@duckdb/node-api";
import { afterAll, beforeAll } from "vitest";

export interface TestDuckDb {
  db: DuckDBConnection;
  /** A temporary folder for the CSV files the tables are loaded from. */
  dir: string;
}

/** An in-memory DuckDB (one thread, timestamps in UTC) and a temporary folder, opened before the file's tests and closed after. */
export function testDuckDb(prefix: string): TestDuckDb {
  const duck = {} as TestDuckDb;
  let instance: DuckDBInstance;
  beforeAll(async () => {
    instance = await DuckDBInstance.create(":memory:", { threads: "1" });
    duck.db = await instance.connect();
    await duck.db.run("SET TimeZone = 'UTC'");
    duck.dir = mkdtempSync(join(tmpdir(), prefix));
  });
  afterAll(() => {
    duck.db.closeSync();
    instance.closeSync();
    rmSync(duck.dir, { recursive: true, force: true });
  });
  return duck;
}
