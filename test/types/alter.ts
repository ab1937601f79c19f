/** alter() and the index DDL take the table's own columns, typed: values of a column's type, Varchar columns for setLength. */
import { expectTypeOf } from "expect-type";
import {
  type AlterQuery,
  type CreateIndexQuery,
  type DropIndexQuery,
  type Engine,
  ForeignKey,
  Integer,
  Table,
  type TableIndexesQuery,
  Text,
  Timestamptz,
  Varchar,
  column,
  now,
  table,
  type Ref,
} from "../../lib";

declare const db: Engine;

@table({ db })
class Manager extends Table<Manager>() {
  @column(Varchar()) name!: string;
}

@table({ db })
class Band extends Table<Band>() {
  @column(Varchar({ length: 50 })) name!: string;
  @column(ForeignKey(() => Manager)) manager!: Ref<Manager> | null;
  @column(Integer({ default: 0 })) popularity!: number;
  @column(Timestamptz({ null: true })) formed!: Date | null;
}

expectTypeOf(Band.alter()).toEqualTypeOf<AlterQuery<Band>>();
expectTypeOf(Band.alter().addColumn("genre", Varchar({ length: 50 }))).toEqualTypeOf<AlterQuery<Band>>();
Band.alter()
  .addColumn("genre", Text({ null: true }))
  .dropColumn(Band.c.popularity)
  .renameColumn(Band.c.name, "title")
  .renameTable("music_band")
  .setNull(Band.c.manager, true)
  .setDefault(Band.c.popularity, 10)
  .setDefault(Band.c.popularity, null)
  .setDefault(Band.c.formed, now)
  .setDefault(Band.c.formed, new Date())
  .setColumnType(Band.c.popularity, Text())
  .setLength(Band.c.name, 100)
  .addConstraint({ unique: [Band.c.name, Band.c.manager] })
  .addConstraint({ check: Band.c.popularity.gte(0), name: "popular" })
  .addConstraint({ check: "popularity >= 0" })
  .dropConstraint("popular");
expectTypeOf(Band.alter().run()).toEqualTypeOf<Promise<void>>();

// @ts-expect-error a name the class already has
Band.alter().addColumn("popularity", Integer());
// @ts-expect-error another table's column
Band.alter().dropColumn(Manager.c.name);
// @ts-expect-error a column reached through a foreign key is not the table's own
Band.alter().setNull(Band.c.manager.name, true);
// @ts-expect-error a default of another type than the column's
Band.alter().setDefault(Band.c.popularity, "ten");
// @ts-expect-error a string is not a Date
Band.alter().setDefault(Band.c.formed, "2020");
// @ts-expect-error setLength takes text columns only
Band.alter().setLength(Band.c.popularity, 10);
// @ts-expect-error a unique constraint needs at least one column
Band.alter().addConstraint({ unique: [] });
// @ts-expect-error a check on another table's columns
Band.alter().addConstraint({ check: Manager.c.name.eq("x") });
// @ts-expect-error unknown constraint option
Band.alter().addConstraint({ unique: [Band.c.name], nmae: "x" });

expectTypeOf(Band.createIndex([Band.c.name, Band.c.popularity], { unique: true })).toEqualTypeOf<CreateIndexQuery>();
Band.createIndex([Band.c.name], { method: "gin", name: "band_name_gin", ifNotExists: true });
expectTypeOf(Band.dropIndex([Band.c.name])).toEqualTypeOf<DropIndexQuery>();
Band.dropIndex("band_name", { ifExists: true });
expectTypeOf(Band.indexes()).toEqualTypeOf<TableIndexesQuery>();
expectTypeOf(Band.indexes().run()).toEqualTypeOf<Promise<string[]>>();

// @ts-expect-error at least one column
Band.createIndex([]);
// @ts-expect-error another table's column
Band.createIndex([Manager.c.name]);
// @ts-expect-error an index method piccolo does not know
Band.createIndex([Band.c.name], { method: "bitmap" });
// @ts-expect-error unknown option
Band.dropIndex("band_name", { ifExist: true });
