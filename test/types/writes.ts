/** insert(), update(), delete(), returning(), count() and exists(). */
import { expectTypeOf } from "expect-type";
import { Band, Concert, Token, Venue } from "./schema";

export async function writeTypes(): Promise<void> {
  // insert(): instances or objects of column values; resolves to the new keys.
  const keys = await Band.insert(new Band({ name: "Pythonistas", popularity: 1000 }), { name: "Asyncio Allstars" });
  expectTypeOf(keys).toEqualTypeOf<{ id: number }[]>();
  expectTypeOf(await Token.insert({ label: "x" })).toEqualTypeOf<{ id: string }[]>();
  void Concert.insert({ band1: 1, band2: null, venue: 2, startsAt: new Date() });
  void Venue.insert({ name: "Arena", capacity: null });

  // @ts-expect-error Band has no column "nme"
  void Band.insert({ nme: "Pythonistas" });
  // @ts-expect-error name is a string
  void Band.insert({ name: 42 });
  // @ts-expect-error popularity is a number
  void Band.insert({ name: "x" }, { popularity: "1000" });
  // @ts-expect-error popularity is not nullable
  void Band.insert({ popularity: null });
  // @ts-expect-error startsAt is a Date
  void Concert.insert({ startsAt: "2025-01-01" });

  // insert().returning(): the chosen columns.
  const inserted = await Band.insert({ name: "x" }).returning(Band.c.id, Band.c.name, Band.c.popularity.as("pop"));
  expectTypeOf(inserted).toEqualTypeOf<{ id: number; name: string; pop: number }[]>();

  // update(): values of the column's type, or expressions of it; resolves to the row count.
  expectTypeOf(await Band.update({ popularity: 1100 }).where(Band.c.name.eq("Pythonistas"))).toEqualTypeOf<number>();
  void Band.update({ popularity: Band.c.popularity.plus(1) }, { force: true });
  void Band.update({ popularity: Band.c.popularity.times(Band.c.popularity) }, { force: true });
  void Band.update({ manager: null }, { force: true });
  void Venue.update({ capacity: null }, { force: true });
  void Venue.update({ capacity: Venue.c.capacity.plus(10) }, { force: true });
  // @ts-expect-error popularity is a number
  void Band.update({ popularity: "x" });
  // @ts-expect-error Band has no column "nme"
  void Band.update({ nme: "x" });
  // @ts-expect-error a string expression cannot set a number column
  void Band.update({ name: Band.c.popularity.plus(1) });
  // @ts-expect-error a nullable expression cannot set a non-null column
  void Band.update({ popularity: Venue.c.capacity.plus(1) });
  // @ts-expect-error name is not nullable
  void Band.update({ name: null });
  // @ts-expect-error the option is `force`
  void Band.update({ name: "x" }, { forced: true });

  // update().returning()
  const updated = await Band.update({ popularity: 1 }).where(Band.c.id.eq(1)).returning(Band.c.name, Band.c.popularity);
  expectTypeOf(updated).toEqualTypeOf<{ name: string; popularity: number }[]>();

  // delete(): the row count, or the returning() rows.
  expectTypeOf(await Band.delete().where(Band.c.popularity.lt(10))).toEqualTypeOf<number>();
  expectTypeOf(await Band.delete({ force: true }).returning(Band.c.id)).toEqualTypeOf<{ id: number }[]>();
  expectTypeOf(await Venue.delete({ force: true }).returning(Venue.c.capacity.as("cap"))).toEqualTypeOf<
    { cap: number | null }[]
  >();

  // count() and exists().
  expectTypeOf(await Band.count()).toEqualTypeOf<number>();
  expectTypeOf(await Band.count().where(Band.c.manager.name.eq("Guido")).run()).toEqualTypeOf<number>();
  expectTypeOf(await Band.exists()).toEqualTypeOf<boolean>();
  expectTypeOf(await Band.exists().where(Band.c.name.eq("x")).run()).toEqualTypeOf<boolean>();

  // raw(): the row type the caller names.
  expectTypeOf(await Band.raw<{ n: number }>("SELECT {} AS n", 1)).toEqualTypeOf<{ n: number }[]>();
}
