/**
 * Piccolo's playground schema (Manager, Band, Venue, Concert, Ticket) bound to one engine, and its
 * sample data. Tables are defined per engine because a table class is bound to its engine.
 */
import {
  Engine,
  ForeignKey,
  Integer,
  Numeric,
  Table,
  Timestamptz,
  Varchar,
  column,
  table,
  type Ref,
} from "../../lib";

/** Builds the fixture tables on `db`. */
export function makeFixtures(db: Engine) {
  @table({ db })
  class Manager extends Table<Manager>() {
    @column(Varchar({ length: 50 })) name!: string;
  }

  @table({ db })
  class Band extends Table<Band>() {
    @column(Varchar({ length: 50 })) name!: string;
    @column(ForeignKey(() => Manager)) manager!: Ref<Manager> | null;
    @column(Integer({ default: 0 })) popularity!: number;
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
    @column(Numeric({ digits: [5, 2] })) price!: string;
  }

  /** Creation order (referenced tables first). */
  const tables = [Manager, Band, Venue, Concert, Ticket] as const;

  /** Drops and recreates every fixture table, empty. */
  async function createTables(): Promise<void> {
    for (const t of [...tables].reverse()) await t.dropTable({ ifExists: true, cascade: true });
    for (const t of tables) await t.createTable();
  }

  /** Drops every fixture table. */
  async function dropTables(): Promise<void> {
    for (const t of [...tables].reverse()) await t.dropTable({ ifExists: true, cascade: true });
  }

  /** Fills the tables with Piccolo's sample data: 3 managers, 3 bands, 2 venues, 2 concerts, 3 tickets. */
  async function insertSampleData(): Promise<void> {
    const guido = new Manager({ name: "Guido" });
    const graydon = new Manager({ name: "Graydon" });
    const mads = new Manager({ name: "Mads" });
    await Manager.insert(guido, graydon, mads);
    const pythonistas = new Band({ name: "Pythonistas", manager: guido.id, popularity: 1000 });
    const rustaceans = new Band({ name: "Rustaceans", manager: graydon.id, popularity: 2000 });
    const cSharps = new Band({ name: "C-Sharps", manager: mads.id, popularity: 10 });
    await Band.insert(pythonistas, rustaceans, cSharps);
    const arena = new Venue({ name: "Arena", capacity: 1000 });
    const garage = new Venue({ name: "Garage", capacity: null });
    await Venue.insert(arena, garage);
    const c1 = new Concert({ band1: pythonistas.id, band2: rustaceans.id, venue: arena.id, startsAt: new Date("2025-06-01T19:00:00Z") });
    const c2 = new Concert({ band1: rustaceans.id, band2: cSharps.id, venue: garage.id, startsAt: new Date("2025-07-01T20:30:00Z") });
    await Concert.insert(c1, c2);
    await Ticket.insert(
      new Ticket({ concert: c1.id, price: "50.00" }),
      new Ticket({ concert: c1.id, price: "75.50" }),
      new Ticket({ concert: c2.id, price: "20.25" }),
    );
  }

  return { Manager, Band, Venue, Concert, Ticket, tables, createTables, dropTables, insertSampleData };
}
