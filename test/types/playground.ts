/** The CLI playground's tables (Piccolo's, column for column): their property names and value types. */
import { expectTypeOf } from "expect-type";
import type { Engine, Ref } from "../../lib";
import { type TicketType, playgroundTables } from "../../lib/cli/playground/tables";

declare const db: Engine;
const tables = playgroundTables(db);
const { Concert, Ticket, Signing } = tables;
type ConcertRow = InstanceType<typeof Concert>;
type TicketRow = InstanceType<typeof Ticket>;
type BandRow = InstanceType<(typeof tables)["Band"]>;
type VenueRow = InstanceType<(typeof tables)["Venue"]>;
type AlbumRow = InstanceType<(typeof tables)["Album"]>;

// Piccolo's band_1/starts/duration are band1/starts/duration; the suites' startsAt is not there.
expectTypeOf<ConcertRow["band1"]>().toEqualTypeOf<Ref<BandRow> | null>();
expectTypeOf<ConcertRow["starts"]>().toEqualTypeOf<Date>();
expectTypeOf<ConcertRow["duration"]>().toEqualTypeOf<number>();
// @ts-expect-error -- no startsAt column in Piccolo's Concert
void Concert.c.startsAt;

// ticket_type's choices are the TicketType enum, reachable as Ticket.TicketType as in Piccolo.
expectTypeOf<TicketRow["ticketType"]>().toEqualTypeOf<TicketType>();
expectTypeOf(Ticket.TicketType).toEqualTypeOf<typeof TicketType>();
void new Ticket({ concert: 1, price: "10.00", ticketType: Ticket.TicketType.sitting });
// @ts-expect-error -- not one of the choices
void new Ticket({ concert: 1, price: "10.00", ticketType: "vip" });

// Venue's nullable address, Album's nullable release date, Signing's key named with.
expectTypeOf<VenueRow["address"]>().toEqualTypeOf<string | null>();
expectTypeOf<VenueRow["capacity"]>().toEqualTypeOf<number>();
expectTypeOf<AlbumRow["releaseDate"]>().toEqualTypeOf<string | null>();
expectTypeOf<InstanceType<typeof Signing>["with"]>().toEqualTypeOf<Ref<BandRow> | null>();
// @ts-expect-error -- Piccolo's Python name with_ is with here
void Signing.c.with_;
