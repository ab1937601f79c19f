/** plus/minus/times/divide only on numbers, bigints and Numeric fields; concat() on text. */
import { expectTypeOf } from "expect-type";
import {
  ArrayColumn,
  BigIntColumn,
  BooleanColumn,
  Concat,
  DateColumn,
  type Engine,
  Integer,
  Interval,
  JSONB,
  Numeric,
  Real,
  Sum,
  Table,
  Text,
  Time,
  Timestamp,
  Timestamptz,
  UUID,
  Varchar,
  column,
  table,
  type Scalar,
} from "../../lib";
import { Band } from "./schema";

declare const db: Engine;

@table({ db })
class Item extends Table<Item>() {
  @column(Varchar()) name!: string;
  @column(Text({ null: true })) note!: string | null;
  @column(Numeric({ digits: [10, 2] })) price!: Numeric;
  @column(Numeric({ null: true })) wide!: Numeric | null;
  @column(Numeric()) plain!: string;
  @column(Integer()) qty!: number;
  @column(BigIntColumn()) big!: bigint;
  @column(Real()) ratio!: number;
  @column(Interval()) wait!: number;
  @column(DateColumn()) day!: string;
  @column(Time()) at!: string;
  @column(Timestamp()) ts!: Date;
  @column(Timestamptz()) tstz!: Date;
  @column(BooleanColumn()) flag!: boolean;
  @column(UUID()) ref!: string;
  @column(JSONB()) data!: unknown;
  @column(ArrayColumn(Integer())) counts!: number[];
}

export function arithmeticTypes(): void {
  // Numbers, bigints and Numeric fields have arithmetic, in select and update.
  expectTypeOf(Item.c.price.plus("1")).toEqualTypeOf<Scalar<Numeric, "price", Item>>();
  expectTypeOf(Item.c.wide.minus("0.5")).toEqualTypeOf<Scalar<Numeric | null, "wide", Item>>();
  void Item.update(
    {
      price: Item.c.price.plus("1"),
      qty: Item.c.qty.times(2),
      big: Item.c.big.minus(1n),
      ratio: Item.c.ratio.divide(2),
    },
    { force: true },
  );
  void Item.update({ wait: Item.c.wait.plus(1000), price: Item.c.price.times(Item.c.qty) }, { force: true });
  void Band.update({ popularity: Band.c.popularity.plus(1) }, { force: true });
  void Item.select(Sum(Item.c.price).plus("1").as("more"));

  // Text, dates, times, timestamps, booleans, UUIDs, JSON and arrays have none.
  // @ts-expect-error text has no plus: Band.c.name.plus("!") is concat()
  void Band.c.name.plus("!");
  // @ts-expect-error text has no minus
  void Item.c.note.minus("x");
  // @ts-expect-error a Numeric declared as a plain string has no arithmetic: declare the field `Numeric`
  void Item.c.plain.plus("1");
  // @ts-expect-error dates have no plus
  void Item.c.day.plus("2025-01-01");
  // @ts-expect-error times have no plus
  void Item.c.at.plus("10:00");
  // @ts-expect-error timestamps have no minus
  void Item.c.ts.minus(new Date());
  // @ts-expect-error timestamptz have no times
  void Item.c.tstz.times(new Date());
  // @ts-expect-error booleans have no plus
  void Item.c.flag.plus(true);
  // @ts-expect-error UUIDs have no plus
  void Item.c.ref.plus("x");
  // @ts-expect-error JSON has no plus
  void Item.c.data.plus(1);
  // @ts-expect-error arrays have no plus (cat() appends)
  void Item.c.counts.plus([1]);

  // Text joins with concat() (or Concat()).
  expectTypeOf(Band.c.name.concat("!!!")).toEqualTypeOf<Scalar<string, "name", Band>>();
  void Band.update({ name: Band.c.name.concat("!!!", Band.c.popularity) }, { force: true });
  void Item.select(Item.c.note.concat(" (", Item.c.name, ")").as("label"), Concat(Item.c.name, "!"));
  // @ts-expect-error numbers have no concat()
  void Band.c.popularity.concat("!");
  // @ts-expect-error columns of another table cannot be joined in
  void Band.c.name.concat(Item.c.name);
}
