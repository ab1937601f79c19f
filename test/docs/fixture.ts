/**
 * What the examples in README.md and docs/*.md assume: `DB` and the tables they query (the
 * playground's, with the columns the pages mention). Only type-checked by
 * test/unit/doc-examples.test.ts (never built or run); pages import from it in their `ts prelude`.
 */
import {
  ForeignKey,
  Integer,
  Numeric,
  PostgresEngine,
  SQLiteEngine,
  Table,
  Timestamptz,
  Varchar,
  column,
  table,
  type Ref,
} from "piccolo-orm";

export const DB = new SQLiteEngine({ path: ":memory:" });
export const PG = new PostgresEngine({ config: {} });

@table({ db: DB })
export class Manager extends Table<Manager>() {
  @column(Varchar({ length: 50 })) name!: string;
}

@table({ db: DB, tablename: "bands" })
export class Band extends Table<Band>() {
  @column(Varchar({ length: 50, unique: true })) name!: string;
  @column(ForeignKey(() => Manager, { onDelete: "set null" })) manager!: Ref<Manager> | null;
  @column(Integer({ default: 0, index: true })) popularity!: number;
  @column(Timestamptz({ null: true })) formedAt!: Date | null;
}

@table({ db: DB })
export class Venue extends Table<Venue>() {
  @column(Varchar({ length: 100 })) name!: string;
  @column(Integer({ null: true })) capacity!: number | null;
}

@table({ db: DB })
export class Concert extends Table<Concert>() {
  @column(ForeignKey(() => Band)) band1!: Ref<Band> | null;
  @column(ForeignKey(() => Band)) band2!: Ref<Band> | null;
  @column(ForeignKey(() => Venue)) venue!: Ref<Venue> | null;
  @column(Timestamptz()) startsAt!: Date;
}

@table({ db: DB })
export class Ticket extends Table<Ticket>() {
  @column(ForeignKey(() => Concert)) concert!: Ref<Concert> | null;
  @column(Numeric({ digits: [5, 2] })) price!: Numeric;
}

@table({ db: DB })
export class Team extends Table<Team>() {
  @column(Varchar({ length: 50 })) name!: string;
}

@table({ db: DB })
export class Item extends Table<Item>() {
  @column(Numeric({ digits: [10, 2] })) price!: Numeric;
  @column(Numeric({ null: true })) total!: Numeric | null;
}

/** A band instance, as the pages' fragments use one. */
export declare const band: Band;
/** A concert instance. */
export declare const concert: Concert;
/** Unsaved bands for the upsert examples. */
export declare const gophers: Band;
export declare const pythonistas: Band;
/** A transaction body. */
export declare function work(): Promise<void>;
/** A metrics sink for the logging example. */
export declare const metrics: { push(entry: unknown): void };
/** A node-postgres config. */
export declare const config: { host?: string; database?: string };
