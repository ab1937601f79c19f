/** Explicit joins: the joined tables' columns are accepted, typed, and `| null` after a left join. */
import { expectTypeOf } from "expect-type";
import { Count, Max } from "../../lib";
import { Band, Concert, Manager, Venue } from "./schema";

export async function explicitJoinTypes(): Promise<void> {
  // An inner join keeps the joined columns' types.
  const inner = await Band.select(Band.c.name).join(Concert, Concert.c.band1, Band.c.id).columns(Concert.c.startsAt);
  expectTypeOf(inner).toEqualTypeOf<{ name: string; startsAt: Date }[]>();

  // A left join makes them nullable; aggregates keep their own types (renamed with .as(), an aggregate of a
  // left-joined column reads `| null`: loose, never wrong); the base table's columns do not change.
  const left = await Band.select(Band.c.name)
    .leftJoin(Concert, Concert.c.band1, Band.c.id)
    .columns(Concert.c.startsAt, Concert.c.venue.name.as("venue"), Count(Concert.c.id), Max(Concert.c.startsAt))
    .groupBy(Band.c.name, Concert.c.startsAt, Concert.c.venue.name);
  expectTypeOf(left).toEqualTypeOf<
    { name: string; startsAt: Date | null; venue: string | null; count: number; max: Date | null }[]
  >();

  // Chained: a join on a joined table's column; where, orderBy and having take every joined table's expressions.
  const chained = await Band.select()
    .join(Concert, Concert.c.band2, Band.c.id)
    .leftJoin(Venue, Venue.c.id, Concert.c.venue)
    .where(Venue.c.capacity.gt(10), Band.c.popularity.gt(1))
    .orderBy(Venue.c.name.desc(), Concert.c.startsAt)
    .columns(Band.c.name, Venue.c.capacity)
    .first();
  expectTypeOf(chained).toEqualTypeOf<{ name: string; capacity: number | null } | null>();

  // Joined on a non-key column: the compared values' types must agree.
  void Band.select().join(Venue, Venue.c.name, Band.c.name);
  // @ts-expect-error a text column compared with a number key
  void Band.select().join(Venue, Venue.c.name, Band.c.id);

  const joined = Band.select(Band.c.name).join(Concert, Concert.c.band1, Band.c.id);
  // @ts-expect-error Venue is not joined
  void joined.where(Venue.c.capacity.gt(1));
  // @ts-expect-error Venue is not joined
  void joined.columns(Venue.c.name);
  // @ts-expect-error the first column must be of the joined table
  void Band.select().join(Venue, Concert.c.venue, Band.c.id);
  // @ts-expect-error the compared expression must be of the query's tables
  void Band.select().join(Venue, Venue.c.id, Manager.c.id);
  // @ts-expect-error extra ON conditions are on the joined table
  void Band.select().join(Venue, Venue.c.id, Band.c.id, Band.c.name.eq("x"));
  // Without a join, the query still takes only its own table's columns.
  // @ts-expect-error Concert is not joined
  void Band.select().where(Concert.c.id.gt(1));
}
