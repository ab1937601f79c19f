/** objects(), first(), get(), getOrCreate(), getRelated() and instances. */
import { expectTypeOf } from "expect-type";
import { Band, Concert, type Manager, Token } from "./schema";

export async function objectsTypes(): Promise<void> {
  // objects(): instances of the table class.
  const bands = await Band.objects();
  expectTypeOf(bands).toEqualTypeOf<Band[]>();
  expectTypeOf(await Band.objects().where(Band.c.popularity.gt(1)).orderBy(Band.c.name).limit(2).run()).toEqualTypeOf<
    Band[]
  >();

  // get() and first(): an instance or null.
  const band = await Band.objects().get(Band.c.name.eq("Pythonistas"));
  expectTypeOf(band).toEqualTypeOf<Band | null>();
  expectTypeOf(await Band.objects().get(Band.c.name.eq("Pythonistas")).run()).toEqualTypeOf<Band | null>();
  expectTypeOf(await Band.objects().first()).toEqualTypeOf<Band | null>();

  // getOrCreate(): always an instance; its defaults are the table's columns.
  expectTypeOf(await Band.objects().getOrCreate(Band.c.name.eq("x"), { popularity: 5 })).toEqualTypeOf<Band>();
  // @ts-expect-error Band has no column "nme"
  void Band.objects().getOrCreate(Band.c.name.eq("x"), { nme: "y" });
  // @ts-expect-error popularity is a number
  void Band.objects().getOrCreate(Band.c.name.eq("x"), { popularity: "5" });

  if (band === null) return;
  // Instances have their columns, the default id, and the instance methods.
  expectTypeOf(band.id).toEqualTypeOf<number>();
  expectTypeOf(band.name).toEqualTypeOf<string>();
  expectTypeOf(band.popularity).toEqualTypeOf<number>();
  expectTypeOf(band.manager).toExtend<number | null>();
  expectTypeOf(band.save()).toEqualTypeOf<Promise<Band>>();
  expectTypeOf(band.refresh()).toEqualTypeOf<Promise<Band>>();
  expectTypeOf(band.remove()).toEqualTypeOf<Promise<void>>();
  expectTypeOf(band.toDict()).toEqualTypeOf<{
    id: number;
    name: string;
    manager: Band["manager"];
    popularity: number;
  }>();
  expectTypeOf(band.toDict(Band.c.name)).toEqualTypeOf<{ name: string }>();
  band.popularity += 1;
  // @ts-expect-error popularity is a number
  band.popularity = "many";

  // getRelated(): the referenced table's instance, or null.
  const manager = band.getRelated(Band.c.manager);
  expectTypeOf(manager).toEqualTypeOf<Promise<Manager | null>>();
  const concert = (await Concert.objects().first())!;
  expectTypeOf(await concert.getRelated(Concert.c.band1)).toEqualTypeOf<Band | null>();
  expectTypeOf(await concert.getRelated(Concert.c.band1.manager)).toEqualTypeOf<Manager | null>();
  // @ts-expect-error a path must end at a foreign key
  void concert.getRelated(Concert.c.band1.name);
  // @ts-expect-error name is not a foreign key
  void band.getRelated(Band.c.name);
  void band.save("popularity", "name");
  // @ts-expect-error save() takes column names
  void band.save("nme");
  // @ts-expect-error a foreign key of another table
  void band.getRelated(Concert.c.band1);
  // @ts-expect-error toDict() takes this table's columns
  void band.toDict(Concert.c.startsAt);

  // new Band({...}) takes the columns, and nothing else.
  const fresh = new Band({ name: "Pythonistas", popularity: 1000 });
  expectTypeOf(fresh).toEqualTypeOf<Band>();
  new Band();
  new Band({ manager: 1 });
  new Band({ manager: null });
  const nme = "typo";
  // @ts-expect-error Band has no column "nme"
  new Band({ nme });
  // @ts-expect-error popularity is a number
  new Band({ popularity: "1000" });
  // @ts-expect-error name is not nullable
  new Band({ name: null });
  // @ts-expect-error instance methods are not columns
  new Band({ save: () => undefined });

  // Primary keys: `id: number` by default; `Table<Token, null>()` leaves the key to the class.
  expectTypeOf(new Token().id).toEqualTypeOf<string>();
  expectTypeOf(await Token.select()).toEqualTypeOf<{ id: string; label: string }[]>();
}
