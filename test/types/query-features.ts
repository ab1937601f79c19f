/** Issue 10's query features: having, subqueries as columns, and the rest as they land. */
import { expectTypeOf } from "expect-type";
import { Count, Max, Outer } from "../../lib";
import { Band, Concert, Manager, Venue } from "./schema";

export async function queryFeatureTypes(): Promise<void> {
  // having: conditions on the query's table or on aggregates, never another table's columns.
  const groups = await Band.select(Band.c.popularity, Count().as("n")).groupBy(Band.c.popularity).having(Count().gt(1));
  expectTypeOf(groups).toEqualTypeOf<{ popularity: number; n: number }[]>();
  // @ts-expect-error a column of another table
  void Band.select(Count()).having(Venue.c.capacity.gt(1));

  // Subqueries as columns: counts are numbers, flags booleans, a one-value select its column's type or null.
  const page = await Band.select(
    Band.c.name,
    Concert.count()
      .where(Concert.c.band1.eq(Outer(Band.c.id)))
      .as("shows"),
    Concert.exists()
      .where(Concert.c.band2.eq(Outer(Band.c.id)))
      .as("supports"),
    Concert.select(Max(Concert.c.startsAt))
      .where(Concert.c.band1.eq(Outer(Band.c.id)))
      .as("lastShow"),
  );
  expectTypeOf(page).toEqualTypeOf<{ name: string; shows: number; supports: boolean; lastShow: Date | null }[]>();
  const stars = await Manager.select(
    Manager.c.name,
    Band.select(Band.c.name)
      .where(Band.c.manager.eq(Outer(Manager.c.id)))
      .as("star"),
  );
  expectTypeOf(stars).toEqualTypeOf<{ name: string; star: string | null }[]>();
  // A subquery value compares and orders like any expression.
  void Band.select(Band.c.name).where(
    Concert.count()
      .where(Concert.c.band1.eq(Outer(Band.c.id)))
      .as("n")
      .gt(1),
  );
  // @ts-expect-error a count is a number
  void Concert.count().as("n").eq("many");
}
