import { runOnNode } from "../engine/node-scope";
import { checkRunOptions, type RunOptions, withRunOptions } from "../engine/run-options";
import type { CompiledQuery } from "../sql/compiler/compiled-query";

export type { RunOptions } from "../engine/run-options";

// Builders with more fields than V8 keeps fast on an Object.create(prototype) object, by prototype.
const wideness = new WeakMap<object, boolean>();
const FAST_FIELDS = 12;

function isWide(prototype: object, builder: object): boolean {
  let wide = wideness.get(prototype);
  if (wide === undefined) wideness.set(prototype, (wide = Object.keys(builder).length > FAST_FIELDS));
  return wide;
}

// A changed builder compiles afresh: its `cached` prepared SQL (select, objects) is not copied.
const dropPrepared = { cached: undefined };

/** The state every builder has: the callbacks run after each run. */
export interface QueryState<Result> {
  readonly callbacks: readonly ((result: Result) => unknown)[];
}

/**
 * The result after a callback that returned (or resolved to) `TReturn`: a value replaces the result,
 * `undefined` keeps it.
 */
export type CallbackResult<TResult, TReturn> =
  Exclude<Awaited<TReturn>, undefined | void> | (undefined extends Awaited<TReturn> ? TResult : never);

/**
 * What `callback(fn)` gives: the same builder while `fn` returns nothing, else a query of the value `fn`
 * returns (still lazy; more callbacks get that value).
 */
export type WithCallback<TQuery, TResult, TReturn> = [Awaited<TReturn>] extends [void]
  ? TQuery
  : Query<CallbackResult<TResult, TReturn>>;

/**
 * A lazy query: nothing runs until it is awaited or `.run()` is called. Builders are immutable,
 * so a query can be kept, reused and shared.
 */
export abstract class Query<TResult> implements PromiseLike<TResult> {
  protected readonly callbacks: readonly ((result: TResult) => unknown)[] = [];

  /** Sends the query and reads its result. */
  protected abstract execute(): Promise<TResult>;

  /**
   * Runs the query, then its callbacks. `timeout` (ms) cancels each statement the query sends that
   * runs longer, with `QueryTimeoutError` (PostgreSQL, and SQLite's sqlite3 driver); `node` sends it
   * to one of the engine's `extraNodes` (a read replica).
   * @example await Band.select().run({ timeout: 2000 })
   * await Band.select().run({ node: "replica" })
   */
  run(options?: RunOptions): Promise<TResult> {
    if (options !== undefined) {
      let checked: RunOptions;
      try {
        checked = checkRunOptions(options);
      } catch (error) {
        return Promise.reject(error);
      }
      const node = checked.node;
      const execute =
        node === undefined
          ? () => withRunOptions(checked, () => this.execute())
          : () => runOnNode(node, () => withRunOptions(checked, () => this.execute()));
      return this.callbacks.length === 0 ? execute() : this.runWithCallbacks(execute);
    }
    return this.callbacks.length === 0 ? this.execute() : this.runWithCallbacks(() => this.execute());
  }

  private async runWithCallbacks(execute: () => Promise<TResult>): Promise<TResult> {
    let result: TResult = await execute();
    for (const callback of this.callbacks) {
      const replaced = await callback(result);
      if (replaced !== undefined) result = replaced as TResult;
    }
    return result;
  }

  /**
   * Calls `fn` with the result after each run; a value it returns (or resolves to) replaces the
   * result, and the query's result type becomes the value's (a callback returning nothing keeps the
   * builder as it is). Several callbacks run in order, each given the result so far.
   * @example Band.select().callback((rows) => console.log(rows.length))
   * const names = await Band.select(Band.c.name).callback((rows) => rows.map((r) => r.name)); // string[]
   */
  callback<TReturn>(fn: (result: TResult) => TReturn): WithCallback<this, TResult, TReturn> {
    return this.with({ callbacks: [...this.callbacks, fn] }) as WithCallback<this, TResult, TReturn>;
  }

  /** The SQL and parameters this query sends, for inspection. */
  abstract toSQL(): CompiledQuery;

  then<TFulfilled = TResult, TRejected = never>(
    onFulfilled?: ((value: TResult) => TFulfilled | PromiseLike<TFulfilled>) | null,
    onRejected?: ((reason: unknown) => TRejected | PromiseLike<TRejected>) | null,
  ): Promise<TFulfilled | TRejected> {
    return this.run().then(onFulfilled, onRejected);
  }

  /**
   * A copy of this builder with some state fields changed. Each builder narrows the patch to its
   * own state interface (overriding this with `copy`), so a misspelt field does not compile.
   */
  protected with(patch: Partial<QueryState<TResult>>): this {
    return this.copy(patch);
  }

  /** The untyped copy behind every builder's `with`; a builder's prepared SQL is dropped unless `keepPrepared`. */
  protected copy(patch: object, keepPrepared = false): this {
    const prototype = Object.getPrototypeOf(this) as object;
    const drop = keepPrepared ? undefined : dropPrepared;
    if (!isWide(prototype, this)) return Object.assign(Object.create(prototype) as this, this, drop, patch);
    // V8 turns an Object.create(prototype) object given ~20 fields into a slow dictionary object
    // (a third of a select's pk lookup went there); a spread object literal stays fast.
    const fields = this as unknown as Record<string, unknown>;
    return Object.setPrototypeOf({ ...fields, ...drop, ...patch }, prototype) as this;
  }
}
