/**
 * What the `@example`s in lib/'s doc comments assume: the playground's tables (Manager, Band,
 * Venue, Concert, Ticket; `Band` is table "band"), and a saved instance of each as `band`,
 * `manager`, `concert`. Only type-checked by test/unit/doc-examples.test.ts; its SQL checks run
 * the examples on the same tables from test/support/fixtures.ts.
 */
import { SQLiteEngine } from "piccolo-orm";
import { playgroundTables } from "../../lib/cli/playground/tables";

export const DB = new SQLiteEngine({ path: ":memory:" });
export const { Manager, Band, Venue, Concert, Ticket } = playgroundTables(DB);

/** Saved instances. */
export declare const band: InstanceType<typeof Band>;
export declare const manager: InstanceType<typeof Manager>;
export declare const concert: InstanceType<typeof Concert>;
