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
}

/** Asserts the SQL (and, when given, the parameters) a query compiles to on the suite's engine. */
export function expectSql(
  ctx: EngineContext,
  query: { toSQL(): CompiledQuery },
  sql: SqlPerEngine,
  params?: unknown[],
): void {
  const compiled = query.toSQL();
  expect(compiled.sql).to.equal(ctx.family === "postgres" ? sql.postgres : sql.sqlite);
  if (params !== undefined) expect(compiled.params).to.deep.equal(params);
}

/** The error a call throws or rejects with; fails the test when it succeeds. */
export async function caught(fn: () => unknown): Promise<Error> {
  try {
    await fn();
  } catch (error) {
    if (!(error instanceof Error)) throw new AssertionError(`expected an Error, got ${String(error)}`);
    return error;
  }
  throw new AssertionError("expected an error, but the call succeeded");
}
