/**
 * The suites' sample schema (./sample-tables.ts: Piccolo's playground tables with this project's
 * Manager, Band, Venue, Concert and Ticket) bound to one engine, and its sample data. Tables are
 * defined per engine because a table class is bound to its engine.
 */
import type { Engine } from "../../lib";
import type { EngineContext } from "./engines";
import { createPlaygroundTables, dropPlaygroundTables, insertSampleData, playgroundTables } from "./sample-tables";

/** Builds the fixture tables on `db`. */
export function makeFixtures(db: Engine) {
  const t = playgroundTables(db);
  return {
    ...t,
    /** Creation order (referenced tables first). */
    tables: [t.Manager, t.Band, t.Venue, t.Concert, t.Ticket] as const,
    /** Drops and recreates every fixture table, empty. */
    createTables: () => createPlaygroundTables(t),
    /** Drops every fixture table. */
    dropTables: () => dropPlaygroundTables(t),
    /** Fills the tables with the sample data: 3 managers, 3 bands, 2 venues, 2 concerts, 3 tickets. */
    insertSampleData: () => insertSampleData(t),
  };
}

/** The fixture tables of one engine. */
export type Fixtures = ReturnType<typeof makeFixtures>;

/**
 * Sets a suite up with the sample data: the returned object is filled in by a `before` hook, the
 * tables are recreated (with `extra` rows) once or before each test, and dropped after the suite.
 */
export function useSampleData(
  ctx: EngineContext,
  options: { perTest?: boolean; extra?: (f: Fixtures) => PromiseLike<unknown> } = {},
): Fixtures {
  const f = {} as Fixtures;
  const reset = async () => {
    await f.createTables();
    await f.insertSampleData();
    await options.extra?.(f);
  };
  before(async () => {
    Object.assign(f, makeFixtures(ctx.engine));
    if (!options.perTest) await reset();
  });
  if (options.perTest) beforeEach(reset);
  after(() => f.dropTables?.());
  return f;
}
