/** A related table's allColumns(...exclude), count(column | { distinct }), getOrCreate().withCreated(), allRelated(). */
import { expectTypeOf } from "expect-type";
import { Count, type CountQuery, type GetOrCreateResult } from "../../lib";
import { Band, Concert, Ticket, Venue } from "./schema";

export async function piccoloGapsTypes(): Promise<void> {
  // A related table's allColumns() leaves out the excluded columns, from the selection's type too.
  const managerName = await Band.select(Band.c.name, ...Band.c.manager.allColumns("id"));
  expectTypeOf(managerName).toEqualTypeOf<{ name: string; "manager.name": string | null }[]>();
  const venue = await Concert.select(...Concert.c.venue.allColumns("id", "name"));
  expectTypeOf(venue).toEqualTypeOf<{ "venue.capacity": number | null }[]>();
  const everything = await Band.select(...Band.c.manager.allColumns());
  expectTypeOf(everything).toEqualTypeOf<{ "manager.id": number | null; "manager.name": string | null }[]>();
  // @ts-expect-error Manager has no column "nme"
  void Band.c.manager.allColumns("nme");

  // count(): rows, a column's values, or distinct combinations; a number either way.
  expectTypeOf(Band.count(Band.c.name)).toEqualTypeOf<CountQuery<Band>>();
  expectTypeOf(await Band.count(Band.c.manager.name).where(Band.c.popularity.gt(1))).toEqualTypeOf<number>();
  expectTypeOf(
    await Ticket.count({ distinct: [Ticket.c.concert, Ticket.c.concert.venue.name] }),
  ).toEqualTypeOf<number>();
  void Band.count(Count());
  // @ts-expect-error Venue's column is not Band's
  void Band.count(Venue.c.name);
  // @ts-expect-error Venue's column is not Band's
  void Band.count({ distinct: [Venue.c.name] });
  // @ts-expect-error count takes columns, not names
  void Band.count("name");
  // @ts-expect-error count({ distinct }) has no option "on"
  void Band.count({ distinct: [Band.c.name], on: [Band.c.name] });

  // getOrCreate().withCreated(): the row and whether it was created.
  const result = await Band.objects().getOrCreate(Band.c.name.eq("x"), { popularity: 5 }).withCreated();
  expectTypeOf(result).toEqualTypeOf<GetOrCreateResult<Band>>();
  expectTypeOf(result.row).toEqualTypeOf<Band>();
  expectTypeOf(result.created).toEqualTypeOf<boolean>();
  // @ts-expect-error the result is not the row itself
  void result.name;

  // allRelated(): the referenced table's foreign keys, as prefetch paths and selectable columns.
  const related = Ticket.c.concert.allRelated();
  expectTypeOf(related[0]!.$key).toEqualTypeOf<"concert.band1" | "concert.band2" | "concert.venue">();
  const noVenue = Ticket.c.concert.allRelated("venue");
  expectTypeOf(noVenue[0]!.$key).toEqualTypeOf<"concert.band1" | "concert.band2">();
  expectTypeOf(await Ticket.objects().prefetch(...related)).toEqualTypeOf<Ticket[]>();
  // @ts-expect-error startsAt is not a foreign key of Concert
  void Ticket.c.concert.allRelated("startsAt");
  // @ts-expect-error a path of another table cannot be prefetched
  void Band.objects().prefetch(...Ticket.c.concert.allRelated());
}
