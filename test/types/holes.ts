/** Issue 10's type holes: right code that compiles, wrong code that does not, types kept. */
import { expectTypeOf } from "expect-type";
import {
  Avg,
  Coalesce,
  Count,
  type Engine,
  Integer,
  Numeric,
  Round,
  Sum,
  Table,
  column,
  table,
  type Aggregate,
  type Condition,
  type Scalar,
} from "../../lib";
import { Band, Concert, Manager, Venue } from "./schema";

declare const db: Engine;

@table({ db })
class Priced extends Table<Priced>() {
  @column(Numeric({ digits: [10, 2] })) price!: Numeric;
  @column(Numeric({ null: true })) wide!: Numeric | null;
  @column(Integer()) qty!: number;
  @column(Integer({ null: true })) maybe!: number | null;
}

export async function rightCodeCompiles(): Promise<void> {
  // Comparisons with a nullable expression (a joined column, a nullable column).
  expectTypeOf(Band.c.name.eq(Band.c.manager.name)).toEqualTypeOf<Condition<Band>>();
  expectTypeOf(Band.c.name.ne(Band.c.manager.name)).toEqualTypeOf<Condition<Band>>();
  // Column-to-column comparisons, one side nullable.
  expectTypeOf(Venue.c.id.gt(Venue.c.capacity)).toEqualTypeOf<Condition<Venue>>();
  expectTypeOf(Venue.c.capacity.lte(Venue.c.id)).toEqualTypeOf<Condition<Venue>>();
  // Numeric times an integer column, a nullable one, another Numeric.
  expectTypeOf(Priced.c.price.times(Priced.c.qty)).toEqualTypeOf<Scalar<Numeric, "price", Priced>>();
  expectTypeOf(Priced.c.price.times(Priced.c.maybe)).toEqualTypeOf<Scalar<Numeric, "price", Priced>>();
  expectTypeOf(Priced.c.price.times(Priced.c.wide)).toEqualTypeOf<Scalar<Numeric, "price", Priced>>();
}

export async function wrongCodeDoesNotCompile(): Promise<void> {
  // Aggregates and Round need numbers; text is refused.
  // @ts-expect-error Avg of text
  void Avg(Band.c.name);
  // @ts-expect-error Sum of text
  void Sum(Band.c.name);
  // @ts-expect-error Round of text
  void Round(Band.c.name);
  expectTypeOf(Sum(Priced.c.price)).toEqualTypeOf<Aggregate<Numeric | null, "sum", Priced>>();
  expectTypeOf(Round(Priced.c.wide, 1)).toEqualTypeOf<Scalar<number | null, "round", Priced>>();

  // Coalesce is non-null only when some fallback is.
  expectTypeOf(Coalesce(Band.c.manager.name, "nobody")).toEqualTypeOf<Scalar<string, "coalesce", Band>>();
  expectTypeOf(Coalesce(Concert.c.band1.name, Concert.c.band2.name)).toEqualTypeOf<
    Scalar<string | null, "coalesce", Concert>
  >();
  expectTypeOf(Coalesce(Concert.c.band1.name, Concert.c.band2.name, "none")).toEqualTypeOf<
    Scalar<string, "coalesce", Concert>
  >();

  // update() needs a value; aggregates are no values.
  // @ts-expect-error nothing to update
  void Band.update({}, { force: true });
  // @ts-expect-error an aggregate is not a row's value
  void Band.update({ popularity: Count() }, { force: true });
  // @ts-expect-error an aggregate of the table is not a row's value either
  void Band.update({ popularity: Sum(Band.c.popularity) }, { force: true });

  // insert() takes this table's rows, and every column the database needs.
  // @ts-expect-error a Manager is not a Band
  void Band.insert(new Manager({ name: "Guido" }));
  // @ts-expect-error venue is a non-null foreign key without a default
  void Concert.insert({ startsAt: new Date() });
  void Concert.insert({ venue: 1, startsAt: new Date() });
}

export async function typesKept(): Promise<void> {
  const band = (await Band.objects().first())!;
  // toDict(): the visible columns, typed.
  expectTypeOf(band.toDict()).toEqualTypeOf<{
    id: number;
    name: string;
    manager: (typeof band)["manager"];
    popularity: number;
  }>();
  // getRelated() of a non-null key is never null.
  const concert = (await Concert.objects().first())!;
  expectTypeOf(await concert.getRelated(Concert.c.venue)).toEqualTypeOf<Venue>();
  expectTypeOf(await concert.getRelated(Concert.c.band1)).toEqualTypeOf<Band | null>();
}

@table({ db })
class WithGetter extends Table<WithGetter>() {
  @column(Integer()) qty!: number;
  /** A getter: not a column. */
  get doubled(): number {
    return this.qty * 2;
  }
}

export async function gettersAreNoColumns(): Promise<void> {
  // @ts-expect-error a getter is not a column
  void WithGetter.c.doubled;
  expectTypeOf(await WithGetter.select()).toEqualTypeOf<{ qty: number; id: number }[]>();
  // @ts-expect-error a getter is not insertable
  void WithGetter.insert({ qty: 1, doubled: 2 });
}
