import type { CompiledQuery } from "../sql/compiler/compiled-query";

/**
 * A lazy query: nothing runs until it is awaited or `.run()` is called. Builders are immutable,
 * so a query can be kept, reused and shared.
 */
export abstract class Query<R> implements PromiseLike<R> {
  /** Runs the query. */
  abstract run(): Promise<R>;

  /** The SQL and parameters this query sends, for inspection. */
  abstract toSQL(): CompiledQuery;

  then<A = R, B = never>(onFulfilled?: ((value: R) => A | PromiseLike<A>) | null, onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null): Promise<A | B> {
    return this.run().then(onFulfilled, onRejected);
  }

  /** A copy of this builder with some fields changed. */
  protected with(patch: Record<string, unknown>): this {
    const copy = Object.create(Object.getPrototypeOf(this)) as this;
    return Object.assign(copy, this, { cached: undefined }, patch);
  }
}
