/**
 * What the examples in README.md and docs/*.md assume: `DB` and the tables they query. The tables
 * are the playground's (./playground.ts, shared with lib's @examples); this file adds what only
 * the pages use. Only type-checked by test/unit/doc-examples.test.ts (never built or run); pages
 * import from it in their `ts prelude`.
 */
import { Numeric, PostgresEngine, Table, Varchar, column, table } from "piccolo-orm";
import { DB } from "./playground";

export * from "./playground";

export const PG = new PostgresEngine({ config: {} });

@table({ db: DB })
export class Team extends Table<Team>() {
  @column(Varchar({ length: 50 })) name!: string;
}

@table({ db: DB })
export class Item extends Table<Item>() {
  @column(Numeric({ digits: [10, 2] })) price!: Numeric;
  @column(Numeric({ null: true })) total!: Numeric | null;
}

/** Unsaved bands for the upsert examples. */
export declare const gophers: import("./playground").Band;
export declare const pythonistas: import("./playground").Band;
/** A transaction body. */
export declare function work(): Promise<void>;
/** A metrics sink for the logging example. */
export declare const metrics: { push(entry: unknown): void };
/** A node-postgres config. */
export declare const config: { host?: string; database?: string };
