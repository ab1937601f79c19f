import { ArrayColumn } from "../../columns/array";
import { BooleanColumn } from "../../columns/boolean";
import { Char } from "../../columns/char";
import { DateColumn } from "../../columns/date";
import { ForeignKey } from "../../columns/foreign-key";
import { Integer } from "../../columns/integer";
import { Interval } from "../../columns/interval";
import { JSONColumn } from "../../columns/json";
import { Numeric } from "../../columns/numeric";
import { Text } from "../../columns/text";
import { Time } from "../../columns/time";
import { Timestamp } from "../../columns/timestamp";
import { Timestamptz } from "../../columns/timestamptz";
import { UUID } from "../../columns/uuid";
import { Varchar } from "../../columns/varchar";
import type { Engine } from "../../engine/engine";
import { column, m2m, table } from "../../table/decorators";
import type { M2M, Ref } from "../../table/types";
import { Table } from "../../table/table";

/*
 * Piccolo's playground (piccolo/apps/playground/commands/run.py), column for column: Python's
 * snake_case attributes are camelCase properties here, stored under Piccolo's column names
 * (`Concert.band1` is column "band_1"). `static readable` is the column of Piccolo's
 * get_readable() (the first one where Piccolo's template joins several).
 */

/** Ticket.ticketType's choices, also reachable as `Ticket.TicketType` as in Piccolo. */
export enum TicketType {
  sitting = "sitting",
  standing = "standing",
  premium = "premium",
}

/** Managers, bands and their genres (the M2M and its join table). */
function bandTables(db: Engine) {
  @table({ db })
  class Manager extends Table<Manager>() {
    static readable = "name";
    @column(Varchar({ length: 50 })) name!: string;
  }

  @table({ db })
  class Band extends Table<Band>() {
    static readable = "name";
    @column(Varchar({ length: 50 })) name!: string;
    @column(ForeignKey(() => Manager)) manager!: Ref<Manager> | null;
    @column(Integer()) popularity!: number;
    @m2m(() => GenreToBand) genres!: M2M<Genre, GenreToBand>;
  }

  @table({ db })
  class Genre extends Table<Genre>() {
    static readable = "name";
    @column(Varchar()) name!: string;
    @m2m(() => GenreToBand) bands!: M2M<Band, GenreToBand>;
  }

  // The pair is unique (Piccolo's has no constraint): addM2M() inserts with ON CONFLICT DO NOTHING.
  @table({ db, unique: [["band", "genre"]] })
  class GenreToBand extends Table<GenreToBand>() {
    @column(ForeignKey(() => Band)) band!: Ref<Band> | null;
    @column(ForeignKey(() => Genre)) genre!: Ref<Genre> | null;
    @column(Text({ null: true, default: null })) reason!: string | null;
  }

  return { Manager, Band, Genre, GenreToBand };
}

/** What happens to bands: fan clubs, concerts at venues with tickets, signings. */
function eventTables(db: Engine, core: BandTables) {
  const { Band } = core;

  @table({ db })
  class FanClub extends Table<FanClub>() {
    @column(Text()) address!: string;
    @column(ForeignKey(() => Band, { unique: true })) band!: Ref<Band> | null;
  }

  @table({ db })
  class Venue extends Table<Venue>() {
    static readable = "name";
    @column(Varchar({ length: 100 })) name!: string;
    @column(Integer({ default: 0 })) capacity!: number;
    @column(Text({ null: true })) address!: string | null;
    @column(Char({ length: 2, dbColumnName: "country_code" })) countryCode!: string;
  }

  @table({ db })
  class Concert extends Table<Concert>() {
    static readable = "band1.name";
    @column(ForeignKey(() => Band, { dbColumnName: "band_1" })) band1!: Ref<Band> | null;
    @column(ForeignKey(() => Band, { dbColumnName: "band_2" })) band2!: Ref<Band> | null;
    @column(ForeignKey(() => Venue)) venue!: Ref<Venue> | null;
    @column(Timestamp()) starts!: Date;
    /** Milliseconds. */
    @column(Interval()) duration!: number;
  }

  @table({
    db,
    unique: [["concert", "ticketType"]],
    checks: [{ name: "check_price", check: () => Ticket.c.price.gt("0").and(Ticket.c.price.lt("200")) }],
  })
  class Ticket extends Table<Ticket>() {
    static readable = "concert.venue.name";
    static TicketType = TicketType;
    @column(ForeignKey(() => Concert)) concert!: Ref<Concert> | null;
    @column(Numeric({ digits: [5, 2] })) price!: Numeric;
    @column(Varchar({ choices: TicketType, default: TicketType.standing, dbColumnName: "ticket_type" }))
    ticketType!: TicketType;
  }

  @table({ db })
  class Signing extends Table<Signing>() {
    @column(Text()) address!: string;
    @column(ForeignKey(() => Band, { dbColumnName: "with" })) with!: Ref<Band> | null;
    @column(Timestamptz()) starts!: Date;
  }

  return { FanClub, Venue, Concert, Ticket, Signing };
}

/** Albums recorded in studios, and discount codes. */
function studioTables(db: Engine, core: BandTables) {
  const { Band } = core;

  @table({ db })
  class DiscountCode extends Table<DiscountCode>() {
    static readable = "code";
    @column(UUID()) code!: string;
    @column(BooleanColumn({ default: true, null: true })) active!: boolean | null;
  }

  @table({ db })
  class RecordingStudio extends Table<RecordingStudio>() {
    static readable = "name";
    @column(Varchar({ length: 100 })) name!: string;
    @column(JSONColumn({ null: true })) facilities!: unknown;
    @column(Time({ dbColumnName: "opens_at" })) opensAt!: string;
    @column(Time({ dbColumnName: "closes_at" })) closesAt!: string;
  }

  @table({ db })
  class Album extends Table<Album>() {
    static readable = "name";
    @column(Varchar()) name!: string;
    @column(ForeignKey(() => Band)) band!: Ref<Band> | null;
    @column(DateColumn({ null: true, default: null, dbColumnName: "release_date" })) releaseDate!: string | null;
    @column(ForeignKey(() => RecordingStudio, { dbColumnName: "recorded_at" }))
    recordedAt!: Ref<RecordingStudio> | null;
    @column(ArrayColumn(Varchar())) awards!: string[];
  }

  return { DiscountCode, RecordingStudio, Album };
}

type BandTables = ReturnType<typeof bandTables>;
/** A band row, for the foreign keys of the other groups. */
type Band = InstanceType<BandTables["Band"]>;
type EventTables = ReturnType<typeof eventTables>;
type StudioTables = ReturnType<typeof studioTables>;

/**
 * Piccolo's twelve playground tables bound to an engine, in Piccolo's order (which is also an
 * order to create them in: referenced tables first).
 */
export function playgroundTables(db: Engine): BandTables & EventTables & StudioTables {
  const core = bandTables(db);
  const events = eventTables(db, core);
  const studio = studioTables(db, core);
  return {
    Manager: core.Manager,
    Band: core.Band,
    FanClub: events.FanClub,
    Venue: events.Venue,
    Concert: events.Concert,
    Ticket: events.Ticket,
    DiscountCode: studio.DiscountCode,
    RecordingStudio: studio.RecordingStudio,
    Album: studio.Album,
    Genre: core.Genre,
    GenreToBand: core.GenreToBand,
    Signing: events.Signing,
  };
}

/** The playground tables of one engine. */
export type PlaygroundTables = ReturnType<typeof playgroundTables>;

/** The tables in creation order (Piccolo's TABLES). */
function creationOrder(t: PlaygroundTables) {
  return [
    t.Manager,
    t.Band,
    t.FanClub,
    t.Venue,
    t.Concert,
    t.Ticket,
    t.DiscountCode,
    t.RecordingStudio,
    t.Album,
    t.Genre,
    t.GenreToBand,
    t.Signing,
  ] as const;
}

/** Drops the tables if they exist. */
export async function dropPlaygroundTables(t: PlaygroundTables): Promise<void> {
  for (const cls of [...creationOrder(t)].reverse()) await cls.dropTable({ ifExists: true, cascade: true });
}

/** Drops and recreates the tables, empty. */
export async function createPlaygroundTables(t: PlaygroundTables): Promise<void> {
  await dropPlaygroundTables(t);
  for (const cls of creationOrder(t)) await cls.createTable();
}

/** Drops and recreates the tables, then fills them with Piccolo's sample data (its populate()). */
export async function populate(t: PlaygroundTables): Promise<void> {
  await createPlaygroundTables(t);
  await insertSampleData(t);
}

const hours = (n: number) => n * 3_600_000;
const days = (n: number) => n * 24 * 3_600_000;

/**
 * Piccolo's sample rows, in its order (so the keys are its keys): managers Guido, Graydon and Anders
 * with the bands Pythonistas (1000), Rustaceans (500) and C-Sharps (700); a fan club; a venue with one
 * concert a week from now and one ticket; 5 discount codes; 2 recording studios and 4 albums;
 * 3 genres and 5 links to bands; 2 signings.
 */
export async function insertSampleData(t: PlaygroundTables): Promise<void> {
  const guido = await new t.Manager({ name: "Guido" }).save();
  const pythonistas = await new t.Band({ name: "Pythonistas", manager: guido.id, popularity: 1000 }).save();
  await new t.FanClub({ address: "1 Flying Circus, UK", band: pythonistas.id }).save();
  const graydon = await new t.Manager({ name: "Graydon" }).save();
  const rustaceans = await new t.Band({ name: "Rustaceans", manager: graydon.id, popularity: 500 }).save();
  const anders = await new t.Manager({ name: "Anders" }).save();
  const cSharps = await new t.Band({ name: "C-Sharps", popularity: 700, manager: anders.id }).save();
  const venue = await new t.Venue({ name: "Amazing Venue", capacity: 5000, countryCode: "GB" }).save();
  const concert = await new t.Concert({
    band1: pythonistas.id,
    band2: rustaceans.id,
    venue: venue.id,
    starts: new Date(Date.now() + days(7)),
    duration: hours(2),
  }).save();
  await new t.Ticket({ concert: concert.id, price: "50.0" }).save();
  await t.DiscountCode.insert(...Array.from({ length: 5 }, () => new t.DiscountCode()));
  const abbeyRoad = await new t.RecordingStudio({
    name: "Abbey Road",
    facilities: {
      restaurant: true,
      mixing_desk: true,
      instruments: { electric_guitars: 10, drum_kits: 2 },
      technicians: [{ name: "Alice Jones" }, { name: "Bob Williams" }],
    },
    opensAt: "09:00:00",
    closesAt: "17:00:00",
  }).save();
  const electricLady = await new t.RecordingStudio({
    name: "Electric Lady",
    facilities: {
      restaurant: false,
      mixing_desk: true,
      instruments: { electric_guitars: 6, drum_kits: 3 },
      technicians: [{ name: "Frank Smith" }],
    },
    opensAt: "10:00:00",
    closesAt: "20:00:00",
  }).save();
  await t.Album.insert(
    {
      name: "Awesome album 1",
      recordedAt: abbeyRoad.id,
      band: pythonistas.id,
      releaseDate: "2021-01-01",
      awards: ["Grammy Award 2021"],
    },
    {
      name: "Awesome album 2",
      recordedAt: abbeyRoad.id,
      band: pythonistas.id,
      releaseDate: "2025-01-01",
      awards: ["Grammy Award 2025"],
    },
    {
      name: "Awesome album 3",
      recordedAt: electricLady.id,
      band: rustaceans.id,
      releaseDate: "2022-02-02",
      awards: ["Mercury Prize 2022"],
    },
    { name: "Awesome album 4", recordedAt: electricLady.id, band: rustaceans.id, releaseDate: null, awards: [] },
  );
  const [rock, classical, folk] = await t.Genre.insert({ name: "Rock" }, { name: "Classical" }, { name: "Folk" });
  await t.GenreToBand.insert(
    { band: pythonistas.id, genre: rock!.id, reason: "Because they rock." },
    { band: pythonistas.id, genre: folk!.id },
    { band: rustaceans.id, genre: folk!.id },
    { band: cSharps.id, genre: rock!.id },
    { band: cSharps.id, genre: classical!.id },
  );
  // Piccolo's naive datetimes, read as UTC.
  await t.Signing.insert(
    { with: pythonistas.id, address: "Awesome Music Store, London", starts: new Date("2026-12-20T10:00:00Z") },
    { with: pythonistas.id, address: "Awesome Music Store, Liverpool", starts: new Date("2026-11-25T12:00:00Z") },
  );
}
