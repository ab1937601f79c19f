/**
 * The tables the test suites were written against: Piccolo's twelve playground tables, but with
 * this project's own columns and rows for Manager, Band, Venue, Concert and Ticket (Concert.startsAt,
 * no Venue address, 3 bands of popularity 1000, 2000 and 10). The CLI's playground
 * (lib/cli/playground/tables.ts) is Piccolo's exactly; these stay as they are so the suites do not move.
 */
import { randomUUID } from "node:crypto";
import {
  ArrayColumn,
  BooleanColumn,
  DateColumn,
  ForeignKey,
  Integer,
  JSONColumn,
  Numeric,
  Table,
  Text,
  Time,
  Timestamptz,
  UUID,
  Varchar,
  column,
  m2m,
  table,
  type Engine,
  type M2M,
  type Ref,
} from "../../lib";

/** Managers, bands and their genres (the M2M and its join table). */
function bandTables(db: Engine) {
  @table({ db })
  class Manager extends Table<Manager>() {
    @column(Varchar({ length: 50 })) name!: string;
  }

  @table({ db })
  class Band extends Table<Band>() {
    @column(Varchar({ length: 50 })) name!: string;
    @column(ForeignKey(() => Manager, { onDelete: "set null" })) manager!: Ref<Manager> | null;
    @column(Integer({ default: 0 })) popularity!: number;
    @m2m(() => GenreToBand) genres!: M2M<Genre, GenreToBand>;
  }

  @table({ db })
  class Genre extends Table<Genre>() {
    @column(Varchar()) name!: string;
    @m2m(() => GenreToBand) bands!: M2M<Band, GenreToBand>;
  }

  @table({ db })
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
    @column(Varchar({ length: 100 })) name!: string;
    @column(Integer({ null: true })) capacity!: number | null;
  }

  @table({ db })
  class Concert extends Table<Concert>() {
    @column(ForeignKey(() => Band)) band1!: Ref<Band> | null;
    @column(ForeignKey(() => Band)) band2!: Ref<Band> | null;
    @column(ForeignKey(() => Venue)) venue!: Ref<Venue> | null;
    @column(Timestamptz()) startsAt!: Date;
  }

  @table({ db })
  class Ticket extends Table<Ticket>() {
    @column(ForeignKey(() => Concert)) concert!: Ref<Concert> | null;
    @column(Numeric({ digits: [5, 2] })) price!: Numeric;
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
    @column(UUID()) code!: string;
    @column(BooleanColumn({ default: true, null: true })) active!: boolean | null;
  }

  @table({ db })
  class RecordingStudio extends Table<RecordingStudio>() {
    @column(Varchar({ length: 100 })) name!: string;
    @column(JSONColumn({ null: true })) facilities!: unknown;
    @column(Time()) opensAt!: string;
    @column(Time()) closesAt!: string;
  }

  @table({ db })
  class Album extends Table<Album>() {
    @column(Varchar()) name!: string;
    @column(ForeignKey(() => Band)) band!: Ref<Band> | null;
    @column(DateColumn({ null: true, default: null })) releaseDate!: string | null;
    @column(ForeignKey(() => RecordingStudio)) recordedAt!: Ref<RecordingStudio> | null;
    @column(ArrayColumn(Varchar())) awards!: string[];
  }

  return { DiscountCode, RecordingStudio, Album };
}

type BandTables = ReturnType<typeof bandTables>;
/** A band row, for the foreign keys of the other groups. */
type Band = InstanceType<BandTables["Band"]>;
type EventTables = ReturnType<typeof eventTables>;
type StudioTables = ReturnType<typeof studioTables>;

/** The sample tables bound to an engine, in Piccolo's order. */
export function playgroundTables(db: Engine): BandTables & EventTables & StudioTables {
  const core = bandTables(db);
  const events = eventTables(db, core);
  const studio = studioTables(db, core);
  // Piccolo's order.
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

/** The tables in creation order (referenced tables first). */
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

/** Drops and recreates the tables, then fills them with sample data. */
export async function populate(t: PlaygroundTables): Promise<void> {
  await createPlaygroundTables(t);
  await insertSampleData(t);
}

/**
 * The sample data: 3 managers, 3 bands, 2 venues, 2 concerts, 3 tickets (the rows the test suites
 * were written against), then Piccolo's rows for the other tables: a fan club, 5 discount codes,
 * 2 recording studios, 4 albums, 3 genres and their 5 links to bands, 2 signings.
 */
export async function insertSampleData(t: PlaygroundTables): Promise<void> {
  const guido = new t.Manager({ name: "Guido" });
  const graydon = new t.Manager({ name: "Graydon" });
  const mads = new t.Manager({ name: "Mads" });
  await t.Manager.insert(guido, graydon, mads);
  const pythonistas = new t.Band({ name: "Pythonistas", manager: guido.id, popularity: 1000 });
  const rustaceans = new t.Band({ name: "Rustaceans", manager: graydon.id, popularity: 2000 });
  const cSharps = new t.Band({ name: "C-Sharps", manager: mads.id, popularity: 10 });
  await t.Band.insert(pythonistas, rustaceans, cSharps);
  const arena = new t.Venue({ name: "Arena", capacity: 1000 });
  const garage = new t.Venue({ name: "Garage", capacity: null });
  await t.Venue.insert(arena, garage);
  const c1 = new t.Concert({
    band1: pythonistas.id,
    band2: rustaceans.id,
    venue: arena.id,
    startsAt: new Date("2025-06-01T19:00:00Z"),
  });
  const c2 = new t.Concert({
    band1: rustaceans.id,
    band2: cSharps.id,
    venue: garage.id,
    startsAt: new Date("2025-07-01T20:30:00Z"),
  });
  await t.Concert.insert(c1, c2);
  await t.Ticket.insert(
    new t.Ticket({ concert: c1.id, price: "50.00" }),
    new t.Ticket({ concert: c1.id, price: "75.50" }),
    new t.Ticket({ concert: c2.id, price: "20.25" }),
  );
  await t.FanClub.insert(new t.FanClub({ address: "1 Flying Circus, UK", band: pythonistas.id }));
  await t.DiscountCode.insert(...Array.from({ length: 5 }, () => new t.DiscountCode({ code: randomUUID() })));
  const abbeyRoad = new t.RecordingStudio({
    name: "Abbey Road",
    facilities: {
      restaurant: true,
      mixing_desk: true,
      instruments: { electric_guitars: 10, drum_kits: 2 },
      technicians: [{ name: "Alice Jones" }, { name: "Bob Williams" }],
    },
    opensAt: "09:00:00",
    closesAt: "17:00:00",
  });
  const electricLady = new t.RecordingStudio({
    name: "Electric Lady",
    facilities: {
      restaurant: false,
      mixing_desk: true,
      instruments: { electric_guitars: 6, drum_kits: 3 },
      technicians: [{ name: "Frank Smith" }],
    },
    opensAt: "10:00:00",
    closesAt: "20:00:00",
  });
  await t.RecordingStudio.insert(abbeyRoad, electricLady);
  const album = (
    name: string,
    studio: typeof abbeyRoad,
    band: typeof pythonistas,
    releaseDate: string | null,
    awards: string[],
  ) => new t.Album({ name, recordedAt: studio.id, band: band.id, releaseDate, awards });
  await t.Album.insert(
    album("Awesome album 1", abbeyRoad, pythonistas, "2021-01-01", ["Grammy Award 2021"]),
    album("Awesome album 2", abbeyRoad, pythonistas, "2025-01-01", ["Grammy Award 2025"]),
    album("Awesome album 3", electricLady, rustaceans, "2022-02-02", ["Mercury Prize 2022"]),
    album("Awesome album 4", electricLady, rustaceans, null, []),
  );
  const rock = new t.Genre({ name: "Rock" });
  const classical = new t.Genre({ name: "Classical" });
  const folk = new t.Genre({ name: "Folk" });
  await t.Genre.insert(rock, classical, folk);
  await t.GenreToBand.insert(
    new t.GenreToBand({ band: pythonistas.id, genre: rock.id, reason: "Because they rock." }),
    new t.GenreToBand({ band: pythonistas.id, genre: folk.id }),
    new t.GenreToBand({ band: rustaceans.id, genre: folk.id }),
    new t.GenreToBand({ band: cSharps.id, genre: rock.id }),
    new t.GenreToBand({ band: cSharps.id, genre: classical.id }),
  );
  await t.Signing.insert(
    new t.Signing({
      with: pythonistas.id,
      address: "Awesome Music Store, London",
      starts: new Date("2026-12-20T10:00:00Z"),
    }),
    new t.Signing({
      with: pythonistas.id,
      address: "Awesome Music Store, Liverpool",
      starts: new Date("2026-11-25T12:00:00Z"),
    }),
  );
}
