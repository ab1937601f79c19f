/** Unions, intersect and except; derived tables and CTEs with typed columns. */
import { expectTypeOf } from "expect-type";
import { Count, DerivedTable, Max, With, WithRecursive } from "../../lib";
import { Band, Concert, Manager, Venue } from "./schema";

export async function setOperationTypes(): Promise<void> {
  // The rows are typed by the first select; orderBy/limit/offset/first keep them.
  const names = await Band.select(Band.c.name)
    .union(Manager.select(Manager.c.name))
    .orderBy(Band.c.name.desc())
    .limit(3);
  expectTypeOf(names).toEqualTypeOf<{ name: string }[]>();
  const first = await Band.select(Band.c.name, Band.c.popularity)
    .unionAll(Band.select(Band.c.name, Band.c.popularity))
    .intersect(Band.select(Band.c.name, Band.c.popularity))
    .except(Band.select(Band.c.name, Band.c.popularity).where(Band.c.popularity.lt(10)))
    .first();
  expectTypeOf(first).toEqualTypeOf<{ name: string; popularity: number } | null>();

  // A nullable column in the other select makes the column nullable.
  const loose = await Manager.select(Manager.c.name).union(Band.select(Band.c.manager.name.as("name")));
  expectTypeOf(loose).toEqualTypeOf<{ name: string | null }[]>();
  // Another column's type (nulls aside) under one key is a compile error.
  const capacities = Venue.select(Venue.c.name, Venue.c.capacity);
  capacities.union(Band.select(Band.c.name, Band.c.popularity.as("capacity")));
  // @ts-expect-error the other select has other columns
  Band.select(Band.c.name).union(Manager.select(Manager.c.name, Manager.c.id));
  // @ts-expect-error a column under another key
  Band.select(Band.c.name).union(Manager.select(Manager.c.name.as("manager")));
  // @ts-expect-error a column of another type
  Band.select(Band.c.name).intersect(Venue.select(Venue.c.capacity.as("name")));
  // @ts-expect-error on a union too
  Band.select(Band.c.name).union(Manager.select(Manager.c.name)).except(Concert.select(Concert.c.startsAt));
  // @ts-expect-error orderBy takes the first select's table's expressions
  Band.select(Band.c.name).union(Manager.select(Manager.c.name)).orderBy(Manager.c.name);
  // A one-column union is a subquery of isIn() for a column of its type.
  const managerIds = Band.select(Band.c.manager.as("id")).union(Band.select(Band.c.manager.as("id")));
  Manager.select(Manager.c.name).where(Manager.c.id.isIn(managerIds));
  // @ts-expect-error a union of names for an id column
  Manager.c.id.isIn(Band.select(Band.c.name).union(Manager.select(Manager.c.name)));
  // @ts-expect-error a union has no where(): filter the members
  Band.select(Band.c.name).union(Manager.select(Manager.c.name)).where(Band.c.popularity.gt(1));
}

export async function sourceTypes(): Promise<void> {
  // A derived table's columns are typed by its query's rows; its selects like a table's.
  const counts = DerivedTable("counts", Band.select(Band.c.manager, Count().as("bands")).groupBy(Band.c.manager));
  expectTypeOf(counts.c.bands.$type).toEqualTypeOf<number>();
  expectTypeOf(await counts.select()).toEqualTypeOf<{ manager: Band["manager"]; bands: number }[]>();
  const most = await counts.select(Max(counts.c.bands).as("most")).where(counts.c.bands.gt(1)).first();
  expectTypeOf(most).toEqualTypeOf<{ most: number | null } | null>();
  // @ts-expect-error a derived table has only its query's columns
  void counts.c.name;
  // @ts-expect-error a text operator on a number column
  counts.c.bands.like("x%");
  // @ts-expect-error a table's column in a derived table's select
  counts.select(Band.c.name);
  // @ts-expect-error the derived table's columns in a table's select, without a join
  Manager.select(Manager.c.name, counts.c.bands);

  // Joined into a table's select, inner or left.
  const joined = await Manager.select(Manager.c.name)
    .leftJoin(counts, counts.c.manager, Manager.c.id)
    .columns(counts.c.bands)
    .orderBy(counts.c.bands.desc());
  expectTypeOf(joined).toEqualTypeOf<{ name: string; bands: number | null }[]>();

  // A CTE, of a union too.
  const people = With("people", Band.select(Band.c.name).union(Manager.select(Manager.c.name)));
  expectTypeOf(await people.select(people.c.name).where(people.c.name.like("G%"))).toEqualTypeOf<{ name: string }[]>();

  // A recursive CTE: the step sees the CTE's columns, and must select the same columns.
  const chain = WithRecursive("chain", Band.select(Band.c.id, Band.c.name), (chain) =>
    Band.select(Band.c.id, Band.c.name).join(chain, chain.c.id, Band.c.id),
  );
  expectTypeOf(await chain.select(chain.c.name)).toEqualTypeOf<{ name: string }[]>();
  // @ts-expect-error the step selects other columns
  WithRecursive("bad", Band.select(Band.c.id, Band.c.name), () => Band.select(Band.c.id));
}
