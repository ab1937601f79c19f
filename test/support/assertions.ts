/**
 * Small assertions shared by the integration suites.
 *
 *   expectSql(ctx, Band.select(Band.c.name), {
 *     postgres: 'SELECT "band"."name" FROM "band"',
 *     sqlite: 'SELECT "band"."name" FROM "band"',
 *   });
 *   const error = await caught(() => Band.delete());
 *   expect(error).to.be.instanceOf(OrmError);
 */
import { AssertionError, expect } from "chai";
import type { CompiledQuery } from "../../lib";
import type { EngineContext } from "./engines";

/** The SQL a query makes on PostgreSQL and on SQLite (both SQLite drivers share one dialect). */
export interface SqlPerEngine {
  postgres: string;
  sqlite: string;
  /** CockroachDB's, where its dialect writes the statement differently from PostgreSQL (default: `postgres`). */
  cockroach?: string;
}

/** Asserts the SQL (and, when given, the parameters) a query compiles to on the suite's engine. */
export function expectSql(
  ctx: EngineContext,
  query: { toSQL(): CompiledQuery },
  sql: SqlPerEngine,
  params?: unknown[],
): void {
  const compiled = query.toSQL();
  const expected =
    ctx.name === "cockroach" ? (sql.cockroach ?? sql.postgres) : ctx.family === "postgres" ? sql.postgres : sql.sqlite;
  expect(compiled.sql).to.equal(expected);
  if (params !== undefined) expect(compiled.params).to.deep.equal(params);
}

/** The error a call throws or rejects with; fails the test when it succeeds. */
export async function caught(fn: () => unknown): Promise<Error & { code?: string }> {
  try {
    await fn();
  } catch (error) {
    if (!(error instanceof Error)) throw new AssertionError(`expected an Error, got ${String(error)}`);
    return error;
  }
  throw new AssertionError("expected an error, but the call succeeded");
}

/**
 * Reads until `done` holds or `timeoutMs` passes, and returns the last value: for what the server
 * finishes a moment later (a backend exits after its client hung up). The caller asserts on it.
 */
export async function settled<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!done(value) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    value = await read();
  }
  return value;
}
