import { atomicNeedsQuery } from "../errors/factories";
import type { Engine } from "./engine";
import type { TransactionOptions } from "./transaction-options";

/** A lazy query: anything with `run()` that has not been sent yet (a builder, not a promise). */
export interface RunnableQuery<TResult = unknown> {
  run(): Promise<TResult>;
  toSQL(): unknown;
}

/**
 * Queries collected to run together in one transaction, in the order they were added: all commit
 * or none does. Builders are immutable, so the same batch can run again (and retries re-run it).
 * @example const batch = DB.atomic(); batch.add(Band.insert({ name: "A" }), Band.delete().where(Band.c.name.eq("B"))); await batch.run();
 */
export class Atomic {
  private readonly queries: RunnableQuery[] = [];

  /** @internal */
  constructor(
    private readonly engine: Engine,
    private readonly options: TransactionOptions,
  ) {}

  /** Adds queries (not awaited: `Band.insert(...)`, not `await Band.insert(...)`); returns this batch. */
  add(...queries: RunnableQuery[]): this {
    for (const query of queries) {
      const q = query as Partial<RunnableQuery> | null;
      if (typeof q?.run !== "function" || typeof q.toSQL !== "function") throw atomicNeedsQuery(query);
    }
    this.queries.push(...queries);
    return this;
  }

  /** How many queries the batch holds. */
  get size(): number {
    return this.queries.length;
  }

  /** Runs every query in one transaction; resolves to their results, in order. */
  run(): Promise<unknown[]> {
    const queries = [...this.queries];
    return this.engine.transaction(async () => {
      const results: unknown[] = [];
      for (const query of queries) results.push(await query.run());
      return results;
    }, this.options);
  }
}
