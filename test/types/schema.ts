/**
 * The tables the type tests query: Piccolo's playground schema (as in test/support/fixtures.ts)
 * plus a table with a string primary key. Only compiled (noEmit), never run.
 */
import {
  type Engine,
  ForeignKey,
  Integer,
  Numeric,
  Table,
  Timestamptz,
  UUID,
  Varchar,
  column,
  table,
  type Ref,
} from "../../lib";

declare const db: Engine;

@table({ db })
export class Manager extends Table<Manager>() {
  @column(Varchar({ length: 50 })) name!: string;
}

@table({ db })
export class Band extends Table<Band>() {
  @column(Varchar({ length: 50 })) name!: string;
  @column(ForeignKey(() => Manager)) manager!: Ref<Manager> | null;
  @column(Integer({ default: 0 })) popularity!: number;
}

@table({ db })
export class Venue extends Table<Venue>() {
  @column(Varchar({ length: 100 })) name!: string;
  @column(Integer({ null: true })) capacity!: number | null;
}

@table({ db })
export class Concert extends Table<Concert>() {
  @column(ForeignKey(() => Band)) band1!: Ref<Band> | null;
  @column(ForeignKey(() => Band)) band2!: Ref<Band> | null;
  /** Not nullable: columns reached through it keep their own nullability. */
  @column(ForeignKey(() => Venue, { null: false })) venue!: Ref<Venue>;
  @column(Timestamptz()) startsAt!: Date;
}

@table({ db })
export class Ticket extends Table<Ticket>() {
  @column(ForeignKey(() => Concert)) concert!: Ref<Concert> | null;
  @column(Numeric({ digits: [5, 2] })) price!: Numeric;
}

// A string key cannot be asked of the base: it would add a Serial id typed as a string.
// @ts-expect-error Table's second argument is number (the default Serial id) or null
export abstract class Tok extends Table<Tok, string>() {}

/** A string key: no `id` from the base (`null`), the column declared as usual. */
@table({ db })
export class Token extends Table<Token, null>() {
  @column(UUID({ primaryKey: true })) id!: string;
  @column(Varchar()) label!: string;
}
