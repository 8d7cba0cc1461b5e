/**
 * The sidebar's RPC wrapper is typed from the server module: `tsc --noEmit` (part of `npm test`)
 * checks these expectations, so a server signature change that the sidebar does not follow fails
 * the build. At run time, calls go through google.script.run's handler chain.
 */
import { describe, expect, expectTypeOf, it } from "vitest";
import type { Failure } from "../../src/addon/errors";
import type { BuildRequest, BuildResult, SelectionInfo } from "../../src/addon/server";

describe("the typed google.script.run wrapper", () => {
  it("has the server's parameter and result types, as promises", async () => {
    const calls: { name: string; args: unknown[] }[] = [];
    const run = (success?: (v: unknown) => void) =>
      new Proxy(
        {},
        {
          get: (_, name: string) => {
            if (name === "withSuccessHandler") return (h: (v: unknown) => void) => run(h);
            if (name === "withFailureHandler") return () => run(success);
            return (...args: unknown[]) => {
              calls.push({ name, args });
              success?.({ ok: true, echoed: name });
            };
          },
        },
      );
    (globalThis as Record<string, unknown>).google = { script: { run: run() } };
    const { server } = await import("../../src/sidebar/rpc");

    expectTypeOf(server.buildReport).parameters.toEqualTypeOf<[request: BuildRequest, runId?: string]>();
    expectTypeOf(server.buildReport).returns.resolves.toEqualTypeOf<BuildResult>();
    expectTypeOf(server.getSelectionInfo).returns.resolves.toEqualTypeOf<SelectionInfo | Failure>();
    // @ts-expect-error: the server takes a BuildRequest, not a string.
    void server.buildReport("A1:D10").catch(() => {});

    expect(await server.getBuildProgress("run-1")).toEqual({ ok: true, echoed: "getBuildProgress" });
    expect(calls.at(-1)).toEqual({ name: "getBuildProgress", args: ["run-1"] });
    delete (globalThis as Record<string, unknown>).google;
  });
});
