/** Table constraints typed against the class's columns; `now` only where a date or time is held. */
import { expectTypeOf } from "expect-type";
import {
  Char,
  DateColumn,
  type Engine,
  Integer,
  Table,
  Time,
  Timestamptz,
  Varchar,
  column,
  createTables,
  now,
  table,
  type ColumnType,
  type CreateTablesQuery,
  type TableOptions,
} from "../../lib";

declare const db: Engine;

@table({
  db,
  unique: [["name", "popularity"]],
  indexes: [
    { columns: ["name", "popularity"], method: "gin", unique: true, where: () => Good.c.popularity.gt(0), name: "x" },
  ],
  checks: [{ check: () => Good.c.popularity.gte(0) }, { check: "length(name) > 0", name: "name_given" }],
})
export class Good extends Table<Good>() {
  @column(Varchar()) name!: string;
  @column(Integer()) popularity!: number;
  @column(Timestamptz({ default: now, autoUpdate: now })) updatedAt!: Date;
  @column(DateColumn({ default: now })) day!: string;
  @column(Time({ default: now, autoUpdate: () => "12:00" })) time!: string;
  @column(Char({ length: 2 })) code!: string;
}

// @ts-expect-error "nmae" is not a column of the class
@table({ db, unique: [["nmae", "popularity"]] })
export class BadUnique extends Table<BadUnique>() {
  @column(Varchar()) name!: string;
  @column(Integer()) popularity!: number;
}

// @ts-expect-error "popularty" is not a column of the class
@table({ db, indexes: [{ columns: ["popularty"] }] })
export class BadIndex extends Table<BadIndex>() {
  @column(Integer()) popularity!: number;
}

// @ts-expect-error "fulltext" is not an index method
@table({ db, indexes: [{ columns: ["popularity"], method: "fulltext" }] })
export class BadMethod extends Table<BadMethod>() {
  @column(Integer()) popularity!: number;
}

/** Options kept in a variable typed as plain TableOptions are checked at run time only. */
const shared: TableOptions = { db, unique: [["name"]] };
@table(shared)
export class FromShared extends Table<FromShared>() {
  @column(Varchar()) name!: string;
}

export function nowTypes(): void {
  expectTypeOf(Char({ length: 3 })).toEqualTypeOf<ColumnType<string, false>>();
  expectTypeOf(createTables(Good, BadIndex)).toEqualTypeOf<CreateTablesQuery>();
  // @ts-expect-error now is only for date and time columns
  Integer({ default: now });
  // @ts-expect-error now is only for date and time columns
  Varchar({ autoUpdate: now });
  // @ts-expect-error an autoUpdate must fit the column's type
  Integer({ autoUpdate: "1" });
  // @ts-expect-error a check is SQL text or a thunk returning a condition
  table({ checks: [{ check: 42 }] });
}
