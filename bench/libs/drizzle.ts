/**
 * drizzle-orm as its docs set it up: `drizzle(pool)` over node-postgres, `drizzle(db)` over
 * better-sqlite3, schema from pgTable/sqliteTable, the query builder awaited (no `.prepare()`:
 * the form its docs lead with). Drizzle has no driver for node-sqlite3, and no entities
 * (select-1000-objects is left out).
 */
import Database from "better-sqlite3";
import { eq } from "drizzle-orm";
import { drizzle as drizzleSqlite } from "drizzle-orm/better-sqlite3";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { integer as pgInteger, pgTable, serial, varchar } from "drizzle-orm/pg-core";
import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { Pool } from "pg";
import {
  BAND_TABLE,
  Inputs,
  MANAGER_TABLE,
  POOL_SIZE,
  SQLITE_PRAGMAS,
  THOUSAND_ROWS,
  type AdapterFactory,
} from "../common";

const pgManager = pgTable(MANAGER_TABLE, {
  id: serial("id").primaryKey(),
  name: varchar("name", { length: 50 }).notNull(),
});
const pgBand = pgTable(BAND_TABLE, {
  id: serial("id").primaryKey(),
  name: varchar("name", { length: 100 }).notNull(),
  manager: pgInteger("manager").references(() => pgManager.id, { onDelete: "cascade", onUpdate: "cascade" }),
  popularity: pgInteger("popularity").notNull(),
});

const liteManager = sqliteTable(MANAGER_TABLE, {
  id: integer("id").primaryKey(),
  name: text("name", { length: 50 }).notNull(),
});
const liteBand = sqliteTable(BAND_TABLE, {
  id: integer("id").primaryKey(),
  name: text("name", { length: 100 }).notNull(),
  manager: integer("manager").references(() => liteManager.id, { onDelete: "cascade", onUpdate: "cascade" }),
  popularity: integer("popularity").notNull(),
});

const skipped = { "select-1000-objects": "no entities: rows are plain objects" };

export const drizzle: AdapterFactory = async (engine, env) => {
  const inputs = new Inputs();
  const thousand = THOUSAND_ROWS.map((row) => ({ ...row }));

  if (engine === "postgres") {
    const pool = new Pool({ ...env.pg, max: POOL_SIZE });
    const db = drizzlePg(pool);
    const band = pgBand;
    const manager = pgManager;
    const pkGet = () => db.select().from(band).where(eq(band.id, inputs.bandId())).limit(1);
    return {
      ops: {
        "pk-get": pkGet,
        "pk-get-concurrent": pkGet,
        "select-1000": () => db.select().from(band).limit(1000),
        "join-100": () =>
          db
            .select({ name: band.name, managerName: manager.name })
            .from(band)
            .leftJoin(manager, eq(manager.id, band.manager))
            .limit(100),
        "insert-one": () => db.insert(band).values(inputs.band()).returning({ id: band.id }),
        "insert-1000": () => db.insert(band).values(thousand),
        "update-one": () =>
          db.update(band).set({ popularity: inputs.popularity() }).where(eq(band.id, inputs.bandId())),
        "tx-2i1u": () =>
          db.transaction(async (tx) => {
            await tx.insert(band).values(inputs.band()).returning({ id: band.id });
            await tx.insert(band).values(inputs.band()).returning({ id: band.id });
            await tx.update(band).set({ popularity: inputs.popularity() }).where(eq(band.id, inputs.bandId()));
          }),
      },
      skipped,
      close: () => pool.end(),
    };
  }

  if (engine === "sqlite3") return { unsupported: "drizzle-orm has no node-sqlite3 driver" };

  const sqlite = new Database(env.sqlitePath.sqlite);
  for (const pragma of SQLITE_PRAGMAS) sqlite.exec(pragma);
  const db = drizzleSqlite(sqlite);
  const band = liteBand;
  const manager = liteManager;
  return {
    ops: {
      "pk-get": () => db.select().from(band).where(eq(band.id, inputs.bandId())).limit(1),
      "select-1000": () => db.select().from(band).limit(1000),
      "join-100": () =>
        db
          .select({ name: band.name, managerName: manager.name })
          .from(band)
          .leftJoin(manager, eq(manager.id, band.manager))
          .limit(100),
      "insert-one": () => db.insert(band).values(inputs.band()).returning({ id: band.id }),
      "insert-1000": () => db.insert(band).values(thousand),
      "update-one": () => db.update(band).set({ popularity: inputs.popularity() }).where(eq(band.id, inputs.bandId())),
      // better-sqlite3 transactions are synchronous in Drizzle: the callback must not be async.
      "tx-2i1u": () =>
        db.transaction(
          (tx) => {
            tx.insert(band).values(inputs.band()).returning({ id: band.id }).all();
            tx.insert(band).values(inputs.band()).returning({ id: band.id }).all();
            tx.update(band).set({ popularity: inputs.popularity() }).where(eq(band.id, inputs.bandId())).run();
          },
          { behavior: "immediate" },
        ),
    },
    skipped,
    close: async () => {
      sqlite.close();
    },
  };
};
