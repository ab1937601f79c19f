/** select(): result rows narrow to the selected columns, with aliases, joins and nullability. */
import { expectTypeOf } from "expect-type";
import type { Numeric, Ref } from "../../lib";
import { Band, Concert, type Manager, Ticket, Venue } from "./schema";

export async function selectTypes(): Promise<void> {
  // One column: exactly that key.
  const names = await Band.select(Band.c.name);
  expectTypeOf(names).toEqualTypeOf<{ name: string }[]>();
  expectTypeOf(await Band.select(Band.c.name).run()).toEqualTypeOf<{ name: string }[]>();

  // The quickstart's selection.
  const all = await Band.select(Band.c.name, Band.c.popularity).run();
  expectTypeOf(all).toEqualTypeOf<{ name: string; popularity: number }[]>();

  // A column not selected is not on the row.
  // @ts-expect-error popularity was not selected
  void names[0]!.popularity;

  // Aliases rename the key and keep the type.
  const aliased = await Band.select(Band.c.name, Band.c.popularity.as("pop"));
  expectTypeOf(aliased).toEqualTypeOf<{ name: string; pop: number }[]>();
  expectTypeOf(Band.c.popularity.as("pop").$key).toEqualTypeOf<"pop">();

  // No arguments: every column, the default id included.
  const rows = await Band.select();
  expectTypeOf(rows).toEqualTypeOf<{ id: number; name: string; manager: Ref<Manager> | null; popularity: number }[]>();
  expectTypeOf(rows[0]!.id).toEqualTypeOf<number>();
  // A foreign key's value is the referenced key: usable as a number.
  expectTypeOf(rows[0]!.manager).toExtend<number | null>();
  expectTypeOf(await Venue.select()).toEqualTypeOf<{ id: number; name: string; capacity: number | null }[]>();

  // Nullable columns are `| null`.
  expectTypeOf(await Venue.select(Venue.c.capacity)).toEqualTypeOf<{ capacity: number | null }[]>();

  // Joined columns: the foreign table's types, `| null` through a nullable key, keyed by their path.
  const joined = await Band.select(Band.c.name, Band.c.manager.name);
  expectTypeOf(joined).toEqualTypeOf<{ name: string; "manager.name": string | null }[]>();
  expectTypeOf(Band.c.manager.name.$key).toEqualTypeOf<"manager.name">();
  expectTypeOf(await Band.select(Band.c.manager.id)).toEqualTypeOf<{ "manager.id": number | null }[]>();

  // Through a non-nullable key, joined columns keep their own nullability.
  const venues = await Concert.select(Concert.c.venue.name, Concert.c.venue.capacity);
  expectTypeOf(venues).toEqualTypeOf<{ "venue.name": string; "venue.capacity": number | null }[]>();

  // Two levels, and three.
  const deep = await Concert.select(Concert.c.band1.manager.name, Concert.c.startsAt);
  expectTypeOf(deep).toEqualTypeOf<{ "band1.manager.name": string | null; startsAt: Date }[]>();
  expectTypeOf(Concert.c.band1.manager.name.$key).toEqualTypeOf<"band1.manager.name">();
  const deeper = await Ticket.select(Ticket.c.price, Ticket.c.concert.band2.manager.name.as("manager"));
  expectTypeOf(deeper).toEqualTypeOf<{ price: Numeric; manager: string | null }[]>();

  // A joined column can be aliased too.
  expectTypeOf(await Band.select(Band.c.manager.name.as("boss"))).toEqualTypeOf<{ boss: string | null }[]>();

  // where / orderBy / limit / offset / distinct keep the row type.
  const filtered = await Band.select(Band.c.name)
    .where(Band.c.popularity.gt(900), Band.c.manager.name.eq("Guido"))
    .orderBy(Band.c.popularity.desc())
    .limit(10)
    .offset(5)
    .distinct();
  expectTypeOf(filtered).toEqualTypeOf<{ name: string }[]>();

  // first(): one row or null.
  const first = await Band.select(Band.c.name).first();
  expectTypeOf(first).toEqualTypeOf<{ name: string } | null>();
  expectTypeOf(await Band.select().first().run()).toEqualTypeOf<{
    id: number;
    name: string;
    manager: Ref<Manager> | null;
    popularity: number;
  } | null>();

  // Unknown columns do not exist on the accessor, at any depth.
  // @ts-expect-error Band has no column "nme"
  void Band.c.nme;
  // @ts-expect-error Manager has no column "popularity"
  void Band.c.manager.popularity;

  // Plain values are not selectable.
  // @ts-expect-error a string is not a column
  void Band.select("name");
}
