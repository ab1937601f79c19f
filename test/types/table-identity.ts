/**
 * Table identity (issue 10): a query takes only its own table's expressions (and joined tables'),
 * in where, select, orderBy, groupBy and writes; foreign-key paths, explicit joins, `Outer`,
 * `Related` and window functions keep compiling. TypeScript compares classes by shape, so two
 * tables with exactly the same columns are told apart by a declared `$table` literal on one of them.
 */
import { expectTypeOf } from "expect-type";
import {
  type Condition,
  Count,
  type Engine,
  Outer,
  Related,
  RowNumber,
  Table,
  Varchar,
  column,
  table,
} from "../../lib";
import { Band, Concert, Manager, Venue } from "./schema";

declare const db: Engine;

/** The same columns as Manager (`id`, `name`): told apart by its declared identity. */
@table({ db })
class Genre extends Table<Genre>() {
  declare readonly $table: "genre";
  @column(Varchar({ length: 50 })) name!: string;
}

export function otherTablesRefused(): void {
  // @ts-expect-error Venue's column in Band's where
  void Band.select().where(Venue.c.name.eq("x"));
  // @ts-expect-error in Band's select
  void Band.select(Venue.c.name);
  // @ts-expect-error in Band's orderBy
  void Band.select().orderBy(Venue.c.name);
  // @ts-expect-error in Band's groupBy
  void Band.select(Count()).groupBy(Venue.c.name);
  // @ts-expect-error in objects()
  void Band.objects().where(Venue.c.name.eq("x"));
  // @ts-expect-error in update's where
  void Band.update({ popularity: 1 }).where(Venue.c.capacity.gt(1));
  // @ts-expect-error in delete's where
  void Band.delete().where(Venue.c.name.eq("x"));
  // @ts-expect-error in count's where
  void Band.count().where(Venue.c.name.eq("x"));
  // @ts-expect-error as an update value
  void Band.update({ name: Venue.c.name }, { force: true });
  // @ts-expect-error compared with a column of another table
  void Band.c.name.eq(Venue.c.name);

  // Same shape, declared identity: refused both ways.
  // @ts-expect-error Genre's column in Manager's where
  void Manager.select().where(Genre.c.name.eq("x"));
  // @ts-expect-error Manager's column in Genre's select
  void Genre.select(Manager.c.name);
  expectTypeOf(Genre.c.name.eq("x")).not.toMatchTypeOf<Condition<Manager>>();
  // The declaration is no column.
  expectTypeOf(Genre.c).not.toHaveProperty("$table");
  void Genre.insert({ name: "rock" });
}

export async function reachableTablesAccepted(): Promise<void> {
  // Foreign-key paths belong to the query's table.
  expectTypeOf(Band.c.manager.name.eq("x")).toEqualTypeOf<Condition<Band>>();
  void Concert.select(Concert.c.band1.manager.name).where(Concert.c.venue.name.eq("x"));
  // Explicit joins.
  void Band.select(Band.c.name)
    .join(Concert, Concert.c.band1, Band.c.id)
    .where(Concert.c.startsAt.isNotNull())
    .orderBy(Concert.c.startsAt);
  // Correlated subqueries through Outer.
  void Band.select(
    Band.c.name,
    Concert.count()
      .where(Concert.c.band1.eq(Outer(Band.c.id)))
      .as("shows"),
  );
  // Reverse foreign keys as arrays.
  void Manager.select(Manager.c.name, Related(Band.c.manager, Band.c.name));
  // Window functions.
  void Band.select(Band.c.name, RowNumber().over({ orderBy: [Band.c.popularity.desc()] }));
  // A table with a declared identity queries as any other.
  const genres = await Genre.select(Genre.c.name).where(Genre.c.name.like("r%"));
  expectTypeOf(genres).toEqualTypeOf<{ name: string }[]>();
}
