/**
 * Strict in-memory fakes of Apps Script services. A fake implements only what a test gives it; any
 * other property access throws, so code under test cannot lean on something nobody checked. Every
 * call of an implemented method is counted in `calls`, by "Service.method".
 */
export type Calls = Map<string, number>;

export function newCalls(): Calls {
  return new Map();
}

export function totalCalls(calls: Calls, prefix = ""): number {
  let total = 0;
  for (const [name, n] of calls) if (name.startsWith(prefix)) total += n;
  return total;
}

/** Wraps `impl` as the fake `name`: implemented members are counted, others throw. */
export function strictFake<T extends object>(name: string, impl: Partial<T>, calls: Calls): T {
  return new Proxy(impl as T, {
    get(target, property, receiver) {
      if (typeof property === "symbol" || property === "then" || property === "toJSON") {
        return Reflect.get(target, property, receiver);
      }
      if (!(property in target)) throw new Error(`fake ${name}.${property} is not implemented`);
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== "function") return value;
      return (...args: unknown[]) => {
        const key = `${name}.${property}`;
        calls.set(key, (calls.get(key) ?? 0) + 1);
        return value.apply(receiver, args);
      };
    },
  });
}

/** What `fn` throws (e.g. an AddonError, whose code the sidebar and the messages go by). */
export function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error("did not throw");
}
