import { ForeignKey } from "../../columns/foreign-key";
import { Integer } from "../../columns/integer";
import { Numeric } from "../../columns/numeric";
import { Timestamptz } from "../../columns/timestamptz";
import { Varchar } from "../../columns/varchar";
import type { Engine } from "../../engine/engine";
import { column, table } from "../../table/decorators";
import { Table } from "../../table/table";
import type { Ref } from "../../table/types";

/** The playground's tables (Piccolo's Manager, Band, Venue, Concert, Ticket) bound to an engine. */
export function playgroundTables(db: Engine) {
  @table({ db })
  class Manager extends Table<Manager>() {
    @column(Varchar({ length: 50 })) name!: string;
  }

  @table({ db })
  class Band extends Table<Band>() {
    @column(Varchar({ length: 50 })) name!: string;
    @column(ForeignKey(() => Manager, { onDelete: "set null" })) manager!: Ref<Manager> | null;
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
    @column(Numeric({ digits: [5, 2] })) price!: Numeric;
  }

  return { Manager, Band, Venue, Concert, Ticket };
}

/** The playground tables of one engine. */
export type PlaygroundTables = ReturnType<typeof playgroundTables>;

/** The tables in creation order (referenced tables first). */
function creationOrder(t: PlaygroundTables) {
  return [t.Manager, t.Band, t.Venue, t.Concert, t.Ticket] as const;
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

/** Piccolo's sample data: 3 managers, 3 bands, 2 venues, 2 concerts, 3 tickets. */
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
}
