/** Issue 10's query features: having, subqueries as columns, and the rest as they land. */
import { expectTypeOf } from "expect-type";
import {
  Case,
  When,
  Abs,
  Ceil,
  Count,
  Floor,
  Max,
  NullIf,
  Outer,
  Related,
  Replace,
  Reverse,
  SelectRaw,
  Substring,
  Trim,
} from "../../lib";
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

  // Piccolo conveniences.
  const created = await Band.objects().create({ name: "Gophers" });
  expectTypeOf(created).toEqualTypeOf<Band>();
  // @ts-expect-error not a column
  void Band.objects().create({ nme: "x" });
  expectTypeOf(await created.updateSelf({ popularity: Band.c.popularity.plus(1) })).toEqualTypeOf<Band>();
  // @ts-expect-error a text column takes text
  void created.updateSelf({ name: 1 });
  void Band.insert({ name: "A" }).add({ name: "B" }, new Band({ name: "C" }));
  void Band.insert({ name: "A" }).onConflict({
    target: Band.c.name,
    action: "doUpdate",
    values: [Band.c.popularity],
    where: Band.c.popularity.lt(10),
  });
  const venueCondition = Venue.c.capacity.gt(1);
  // @ts-expect-error the condition is on the inserted table
  void Band.insert({ name: "A" }).onConflict({ target: Band.c.name, action: "doUpdate", where: venueCondition });
  expectTypeOf(await Band.select().columns(Band.c.name)).toEqualTypeOf<{ name: string }[]>();
  expectTypeOf(await Band.select(Band.c.name).columns(Band.c.manager.name)).toEqualTypeOf<
    { name: string; "manager.name": string | null }[]
  >();
  // @ts-expect-error another table's column
  void Band.select().columns(Venue.c.name);
  expectTypeOf(await Band.select(SelectRaw<number>("1").as("one"))).toEqualTypeOf<{ one: number }[]>();
  expectTypeOf(await Band.objects().get(Band.c.name.eq("a"), Band.c.popularity.gt(1))).toEqualTypeOf<Band | null>();

  // Reverse foreign keys: the related rows' column as an array, or several columns as objects.
  const managers = await Manager.select(
    Manager.c.name,
    Related(Band.c.manager, Band.c.name).as("bands"),
    Related(Band.c.manager, [Band.c.name, Band.c.popularity], { orderBy: Band.c.popularity.desc() }).as("detail"),
  );
  expectTypeOf(managers).toEqualTypeOf<
    { name: string; bands: string[]; detail: { name: string; popularity: number }[] }[]
  >();
  // @ts-expect-error Band.c.manager points at Manager, not Venue
  void Venue.select(Related(Band.c.manager, Band.c.name));
  // @ts-expect-error the column must be of the table that holds the key
  void Related(Band.c.manager, Venue.c.name);

  // Number and text functions: nullability follows the argument.
  const fns = await Venue.select(
    Abs(Venue.c.capacity),
    Ceil(Venue.c.capacity),
    Floor(Venue.c.id),
    Trim(Venue.c.name),
    Replace(Venue.c.name, "a", "b"),
    Substring(Venue.c.name, 1, 2),
    Reverse(Venue.c.name),
    NullIf(Venue.c.name, "").as("label"),
  );
  expectTypeOf(fns).toEqualTypeOf<
    {
      abs: number | null;
      ceil: number | null;
      floor: number;
      trim: string;
      replace: string;
      substring: string;
      reverse: string;
      label: string | null;
    }[]
  >();
  // @ts-expect-error Abs takes numbers
  void Abs(Venue.c.name);
  // @ts-expect-error Trim takes text
  void Trim(Venue.c.capacity);
  // @ts-expect-error NullIf compares with a value of the column's type
  void NullIf(Venue.c.name, 1);

  // Case/When: the values' type, or null without a fallback.
  const ranks = await Band.select(
    Case([When(Band.c.popularity.gt(1000), "star")], "newcomer").as("rank"),
    Case([When(Band.c.popularity.gt(1000), 1)]).as("score"),
  );
  expectTypeOf(ranks).toEqualTypeOf<{ rank: string; score: number | null }[]>();
  // @ts-expect-error the fallback has the values' type
  void Case([When(Band.c.popularity.gt(1000), "star")], 1);
}
