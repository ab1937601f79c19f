import { AsyncLocalStorage } from "node:async_hooks";
import { globalStore } from "../utils/global-store";
import type { Engine } from "./engine";

/**
 * Which engine a table runs on when it was declared without `@table({ db })`, or when a scope
 * overrides it. Tables are the classes the decorator saw (`object` keys, so this layer does not
 * depend on the table layer). Lookup order, first match wins:
 *   1. the innermost `withEngine(engine, fn)` scope around the query (all tables, or the listed ones);
 *   2. `bindEngine(engine, tables)`;
 *   3. the engine given to `@table({ db })`;
 *   4. `setDefaultEngine(engine)` (the CLI sets it to the project config's `DB`).
 */
interface EngineBindings {
  defaultEngine: Engine | undefined;
  readonly bound: WeakMap<object, Engine>;
  readonly scopes: AsyncLocalStorage<EngineScope>;
  /** False until the first scope is entered, so plain apps never pay for the AsyncLocalStorage lookup. */
  scopesUsed: boolean;
}

interface EngineScope {
  readonly engine: Engine;
  /** Only these tables; undefined means every table. */
  readonly tables: ReadonlySet<object> | undefined;
  readonly parent: EngineScope | undefined;
}

// Global, so that two installed copies of piccolo-orm bind the same tables to the same engines.
const bindings = globalStore<EngineBindings>("engine-bindings.v1", () => ({
  defaultEngine: undefined,
  bound: new WeakMap(),
  scopes: new AsyncLocalStorage(),
  scopesUsed: false,
}));

/** The engine tables declared without `db` fall back to; `undefined` clears it. */
export function setDefaultEngine(engine: Engine | undefined): void {
  bindings.defaultEngine = engine;
}

/** The engine set by `setDefaultEngine`, if any. */
export function getDefaultEngine(): Engine | undefined {
  return bindings.defaultEngine;
}

/** Binds these tables to an engine (overrides `@table({ db })`); e.g. done by `PiccoloModule.forRoot`. */
export function bindEngine(engine: Engine, tables: Iterable<object>): void {
  for (const table of tables) bindings.bound.set(table, engine);
}

/** Removes the bindings made by `bindEngine` for these tables. */
export function unbindEngine(tables: Iterable<object>): void {
  for (const table of tables) bindings.bound.delete(table);
}

/**
 * Runs `fn` with every query on the given tables (all tables when none are listed) sent to
 * `engine`, however deep in the call stack, without redeclaring the tables. Scopes nest; the
 * innermost one that covers a table wins. Typical use: a test that runs the app against a test
 * database. A query builder returned by `fn` is run inside the scope too (builders are lazy, so
 * `withEngine(db, () => Band.select())` must not run on another engine once awaited).
 */
export function withEngine<TResult>(
  engine: Engine,
  fn: () => TResult,
  tables?: Iterable<object>,
): Promise<Awaited<TResult>> {
  bindings.scopesUsed = true;
  const scope: EngineScope = {
    engine,
    tables: tables === undefined ? undefined : new Set(tables),
    parent: bindings.scopes.getStore(),
  };
  return bindings.scopes.run(scope, () => {
    try {
      const result = fn();
      // Calling then() here starts a lazy builder while the scope is current.
      if (isThenable(result))
        return new Promise<Awaited<TResult>>((resolve, reject) => {
          result.then(resolve, reject);
        });
      return Promise.resolve(result as Awaited<TResult>);
    } catch (error) {
      return Promise.reject(error);
    }
  });
}

function isThenable(value: unknown): value is PromiseLike<never> {
  return typeof (value as { then?: unknown } | null)?.then === "function";
}

/** The engine a query on `table` runs on now, given the engine it was declared with (if any). */
export function resolveEngine(table: object, declared: Engine | undefined): Engine | undefined {
  if (bindings.scopesUsed) {
    for (let scope = bindings.scopes.getStore(); scope !== undefined; scope = scope.parent) {
      if (scope.tables === undefined || scope.tables.has(table)) return scope.engine;
    }
  }
  return bindings.bound.get(table) ?? declared ?? bindings.defaultEngine;
}
