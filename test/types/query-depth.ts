/** Aggregates, functions, output(), subqueries, upserts, batch, prefetch and getReverse. */
import { expectTypeOf } from "expect-type";
import {
  Avg,
  Cast,
  Coalesce,
  Concat,
  Count,
  Extract,
  Length,
  Max,
  Min,
  Round,
  Sum,
  Text,
  Upper,
  WhereRaw,
  type Numeric,
} from "../../lib";
import { Band, Concert, Manager, Ticket } from "./schema";

export async function queryDepthTypes(): Promise<void> {
  // Aggregates: count is a number; avg a number or null; sum keeps decimals exact as strings.
  const totals = await Band.select(
    Band.c.manager.name,
    Count().as("bands"),
    Avg(Band.c.popularity),
    Sum(Band.c.popularity),
    Max(Band.c.name),
  ).groupBy(Band.c.manager.name);
  expectTypeOf(totals).toEqualTypeOf<
    { "manager.name": string | null; bands: number; avg: number | null; sum: number | null; max: string | null }[]
  >();
  expectTypeOf(await Ticket.select(Sum(Ticket.c.price), Min(Ticket.c.price)).first()).toEqualTypeOf<{
    sum: Numeric | null;
    min: Numeric | null;
  } | null>();

  // Functions: named after the function unless aliased; nullability follows the argument.
  const fns = await Band.select(
    Upper(Band.c.name),
    Length(Band.c.manager.name),
    Concat(Band.c.name, "!").as("shout"),
    Coalesce(Band.c.manager.name, "none").as("manager"),
  );
  expectTypeOf(fns).toEqualTypeOf<{ upper: string; length: number | null; shout: string; manager: string }[]>();
  expectTypeOf(await Concert.select(Extract("year", Concert.c.startsAt))).toEqualTypeOf<{ extract: number }[]>();
  expectTypeOf(await Ticket.select(Round(Ticket.c.price, 1))).toEqualTypeOf<{ round: number }[]>();
  expectTypeOf(await Band.select(Cast(Band.c.popularity, Text()))).toEqualTypeOf<{ cast: string }[]>();
  // @ts-expect-error Upper takes text
  void Upper(Band.c.popularity);
  // @ts-expect-error Sum takes numbers or exact decimals, not dates
  void Sum(Concert.c.startsAt);
  // @ts-expect-error a function of a Manager column in a Band select
  void Band.select(Upper(Manager.c.name));

  // Functions compare like columns.
  void Band.select().where(Upper(Band.c.name).eq("X"), Length(Band.c.name).gt(3));
  // @ts-expect-error Length is a number
  void Band.select().where(Length(Band.c.name).eq("3"));

  // output(): asList gives values, nested gives objects, asJson a string.
  expectTypeOf(await Band.select(Band.c.name).output({ asList: true })).toEqualTypeOf<string[]>();
  expectTypeOf(await Band.select(Band.c.name).first().output({ asList: true })).toEqualTypeOf<string | null>();
  const nested = await Concert.select(Concert.c.id, Concert.c.band1.manager.name, Concert.c.venue.name).output({
    nested: true,
  });
  // (venue is a non-null key in this schema, so its columns are never null.)
  expectTypeOf(nested).toEqualTypeOf<
    { id: number; band1: { manager: { name: string | null } }; venue: { name: string } }[]
  >();
  expectTypeOf(await Band.select().output({ asJson: true })).toEqualTypeOf<string>();

  // Subqueries: the selected column's type must fit.
  void Band.select().where(Band.c.manager.isIn(Manager.select(Manager.c.id)));
  // @ts-expect-error names are not manager keys
  void Band.select().where(Band.c.manager.isIn(Manager.select(Manager.c.name)));
  void Band.select().where(WhereRaw("popularity > {}", 5));

  // Upserts and their options are typed by the table.
  void Band.insert({ name: "x" }).onConflict({ target: Band.c.name, action: "doUpdate", values: [Band.c.popularity] });
  void Band.insert({ name: "x" }).onConflict({
    target: Band.c.name,
    action: "doUpdate",
    values: { popularity: Band.c.popularity.plus(1) },
  });
  // @ts-expect-error a Manager column as a Band conflict target
  void Band.insert({ name: "x" }).onConflict({ target: Manager.c.name, action: "doNothing" });

  // allColumns(): every column, joined ones keyed by path.
  const wide = await Band.select(...Band.allColumns("popularity"), ...Band.c.manager.allColumns()).first();
  expectTypeOf(wide!.name).toEqualTypeOf<string>();
  expectTypeOf(wide!["manager.name"]).toEqualTypeOf<string | null>();

  // batch(): chunks of rows or instances.
  for await (const chunk of Band.select(Band.c.name).batch({ size: 10 }))
    expectTypeOf(chunk).toEqualTypeOf<{ name: string }[]>();
  for await (const chunk of Band.objects().batch()) expectTypeOf(chunk).toEqualTypeOf<Band[]>();

  // prefetch() takes this table's foreign keys (or paths); getReverse() the keys that point here.
  void Concert.objects().prefetch(Concert.c.band1.manager, Concert.c.venue);
  // @ts-expect-error name is not a foreign key
  void Band.objects().prefetch(Band.c.name);
  const manager = (await Manager.objects().first())!;
  expectTypeOf(await manager.getReverse(Band.c.manager)).toEqualTypeOf<Band[]>();
  // @ts-expect-error Concert.band1 points at Band, not Manager
  void manager.getReverse(Concert.c.band1);

  // callback() keeps the result type.
  expectTypeOf(await Band.count().callback((n) => n + 1)).toEqualTypeOf<number>();
}
