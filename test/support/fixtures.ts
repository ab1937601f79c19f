/**
 * Piccolo's playground schema (Manager, Band, Venue, Concert, Ticket) bound to one engine, and its
 * sample data: the same tables and rows `piccolo playground run` shows. Tables are defined per
 * engine because a table class is bound to its engine.
 */
import type { Engine } from "../../lib";
import { createPlaygroundTables, dropPlaygroundTables, insertSampleData, playgroundTables } from "../../lib/cli/playground/tables";

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
