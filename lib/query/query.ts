import { runOnNode } from "../engine/node-scope";
import { checkRunOptions, type RunOptions, withRunOptions } from "../engine/run-options";
import type { CompiledQuery } from "../sql/compiler/compiled-query";

export type { RunOptions } from "../engine/run-options";

// A changed builder compiles afresh: its `cached` prepared SQL (select, objects) is not copied.
const dropPrepared = { cached: undefined };

/** The state every builder has: the callbacks run after each run. */
export interface QueryState<Result> {
  readonly callbacks: readonly ((result: Result) => unknown)[];
}

/**
 * A lazy query: nothing runs until it is awaited or `.run()` is called. Builders are immutable,
 * so a query can be kept, reused and shared.
 */
export abstract class Query<R> implements PromiseLike<R> {
  protected readonly callbacks: readonly ((result: R) => unknown)[] = [];

  /** Sends the query and reads its result. */
  protected abstract execute(): Promise<R>;

  /**
   * Runs the query, then its callbacks. `timeout` (ms) cancels each statement the query sends that
   * runs longer, with `QueryTimeoutError` (PostgreSQL, and SQLite's sqlite3 driver); `node` sends it
   * to one of the engine's `extraNodes` (a read replica).
   * @example await Band.select().run({ timeout: 2000 })
   * await Band.select().run({ node: "replica" })
   */
  run(options?: RunOptions): Promise<R> {
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

  private async runWithCallbacks(execute: () => Promise<R>): Promise<R> {
    let result: R = await execute();
    for (const callback of this.callbacks) {
      const replaced = await callback(result);
      if (replaced !== undefined) result = replaced as R;
    }
    return result;
  }

  /**
   * Calls `fn` with the result after each run; a value it returns (or resolves to) replaces the
   * result. Several callbacks run in order.
   * @example Band.select().callback((rows) => console.log(rows.length))
   */
  callback(fn: (result: R) => R | void | Promise<R | void>): this {
    return this.with({ callbacks: [...this.callbacks, fn] });
  }

  /** The SQL and parameters this query sends, for inspection. */
  abstract toSQL(): CompiledQuery;

  then<A = R, B = never>(
    onFulfilled?: ((value: R) => A | PromiseLike<A>) | null,
    onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    return this.run().then(onFulfilled, onRejected);
  }

  /**
   * A copy of this builder with some state fields changed. Each builder narrows the patch to its
   * own state interface (overriding this with `copy`), so a misspelt field does not compile.
   */
  protected with(patch: Partial<QueryState<R>>): this {
    return this.copy(patch);
  }

  /** The untyped copy behind every builder's `with`; a builder's prepared SQL is dropped unless `keepPrepared`. */
  protected copy(patch: object, keepPrepared = false): this {
    const copy = Object.create(Object.getPrototypeOf(this)) as this;
    return Object.assign(copy, this, keepPrepared ? undefined : dropPrepared, patch);
  }
}
