/** Issue 10: date functions (DateFormat, AtTimeZone, Now), array update operators and notAny, reverse prefetch. */
import { expectTypeOf } from "expect-type";
import {
  ArrayColumn,
  AtTimeZone,
  type Condition,
  DateColumn,
  DateFormat,
  type Engine,
  Extract,
  Integer,
  Now,
  Table,
  Timestamp,
  Varchar,
  column,
  now,
  table,
} from "../../lib";
import { Band, Concert, Manager } from "./schema";

declare const db: Engine;

@table({ db })
export class Gig extends Table<Gig>() {
  @column(Varchar()) title!: string;
  @column(Timestamp({ null: true })) doorsOpen!: Date | null;
  @column(DateColumn()) day!: string;
  @column(ArrayColumn(Varchar())) tags!: string[];
  @column(ArrayColumn(Integer({ null: true }), { null: true })) scores!: (number | null)[] | null;
}

export async function datesAndArrays(): Promise<void> {
  // DateFormat is text, null when the value may be; AtTimeZone a Date; Now a Date, in select, where and update.
  const rows = await Gig.select(
    DateFormat(Gig.c.doorsOpen, "%H:%M").as("doors"),
    DateFormat(Gig.c.day, "%d/%m"),
    AtTimeZone(Gig.c.doorsOpen, "Asia/Kathmandu").as("local"),
    Extract("hour", AtTimeZone(Gig.c.doorsOpen, "Asia/Kathmandu")).as("hour"),
    Now(),
  ).where(Gig.c.doorsOpen.lt(Now()));
  expectTypeOf(rows).toEqualTypeOf<
    { doors: string | null; dateformat: string; local: Date | null; hour: number | null; now: Date }[]
  >();
  const shows = await Concert.select(DateFormat(Concert.c.startsAt, "%Y"), AtTimeZone(Concert.c.startsAt, "UTC"));
  expectTypeOf(shows).toEqualTypeOf<{ dateformat: string; attimezone: Date }[]>();
  void Gig.update({ doorsOpen: Now() }).where(Gig.c.title.eq("x"));
  // @ts-expect-error DateFormat of a number
  void DateFormat(Band.c.popularity, "%Y");
  // @ts-expect-error AtTimeZone of a date's text: only timestamps have a wall clock in a zone
  void AtTimeZone(Gig.c.day, "UTC");
  // @ts-expect-error Now() is a Date: no value for a text column
  void Gig.update({ title: Now() });
  // The `now` default marker keeps its type under the name Now.
  const marker: Now = now;
  void marker;

  // Array operators keep the column's type; elements are checked against the element type.
  void Gig.update({
    tags: Gig.c.tags.append("live"),
    scores: Gig.c.scores.prepend(null),
  });
  void Gig.update({ tags: Gig.c.tags.remove("demo"), scores: Gig.c.scores.replace(null, 0) });
  const selected = await Gig.select(Gig.c.tags.remove("x"));
  expectTypeOf(selected).toEqualTypeOf<{ tags: string[] }[]>();
  expectTypeOf(Gig.c.tags.notAny("rock")).toEqualTypeOf<Condition<Gig>>();
  // @ts-expect-error a number in a text array
  void Gig.c.tags.append(1);
  // @ts-expect-error null in an array whose elements are not nullable
  void Gig.c.tags.remove(null);
  // @ts-expect-error replace takes an element value, not a list
  void Gig.c.tags.replace(["a"], "b");
  // @ts-expect-error notAny takes one element
  void Gig.c.scores.notAny([1]);
  // @ts-expect-error an array of another column's type as a value
  void Gig.update({ scores: Gig.c.tags.append("x") });

  // Reverse prefetch: foreign keys of other tables that point at the queried table.
  const managers = await Manager.objects().limit(20).prefetchReverse(Band.c.manager);
  expectTypeOf(managers).toEqualTypeOf<Manager[]>();
  expectTypeOf(await managers[0]!.getReverse(Band.c.manager)).toEqualTypeOf<Band[]>();
  const bands = await Band.objects().prefetchReverse(Concert.c.band1, Concert.c.band2).first();
  expectTypeOf(bands).toEqualTypeOf<Band | null>();
  // @ts-expect-error a foreign key that points at another table
  void Band.objects().prefetchReverse(Band.c.manager);
  // @ts-expect-error not a foreign key
  void Manager.objects().prefetchReverse(Band.c.name);
}
