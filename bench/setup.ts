/**
 * Creates the benchmark's schema and data (1,000 managers, 10,000 bands) with the raw drivers,
 * and puts the band table back to those 10,000 rows after every measurement that adds rows.
 * PostgreSQL: database `bench` (created when missing; `BENCH_PGDATABASE` picks another),
 * tables bench_manager / bench_band. SQLite: a temp file per driver, deleted at the end.
 */
import { rmSync } from "node:fs";
import Database from "better-sqlite3";
import { Client } from "pg";
import {
  BANDS,
  BAND_TABLE,
  MANAGERS,
  MANAGER_TABLE,
  SQLITE_PRAGMAS,
  pgConnection,
  type BenchEnv,
  type EngineName,
} from "./common";

/** The DDL piccolo-orm's createTable() emits for the bench tables (checked by `run.ts --check`). */
export function ddl(engine: EngineName): string[] {
  const pk = engine === "postgres" ? "SERIAL PRIMARY KEY" : "INTEGER PRIMARY KEY";
  return [
    `CREATE TABLE "${MANAGER_TABLE}" ("id" ${pk}, "name" VARCHAR(50) NOT NULL)`,
    `CREATE TABLE "${BAND_TABLE}" ("id" ${pk}, "name" VARCHAR(100) NOT NULL, ` +
      `"manager" INTEGER REFERENCES "${MANAGER_TABLE}" ("id") ON DELETE CASCADE ON UPDATE CASCADE, ` +
      `"popularity" INTEGER NOT NULL)`,
  ];
}

function seedRows(): { managers: unknown[][]; bands: unknown[][] } {
  const managers = Array.from({ length: MANAGERS }, (_, i) => [i + 1, `Manager ${i + 1}`]);
  const bands = Array.from({ length: BANDS }, (_, i) => [
    i + 1,
    `Band ${i + 1}`,
    1 + ((i * 7919) % MANAGERS),
    (i * 37) % 1000,
  ]);
  return { managers, bands };
}

/**
 * The bench runs with the server's defaults (a commit waits for its WAL flush, as the issue asks).
 * BENCH_PG_SYNC_COMMIT=off sets synchronous_commit off on every node-postgres connection of this
 * process (all the libraries here use node-postgres), through PGOPTIONS, which pg reads.
 */
export function setPgSessionOptions(): void {
  const value = process.env.BENCH_PG_SYNC_COMMIT;
  if (value !== "on" && value !== "off") return;
  process.env.PGOPTIONS = `${process.env.PGOPTIONS ?? ""} -c synchronous_commit=${value}`.trim();
}

/** The server settings that weigh on the numbers, as every library's connections see them. */
export async function serverSettings(engine: EngineName, env: BenchEnv): Promise<string> {
  if (engine === "postgres") {
    const client = new Client(env.pg);
    await client.connect();
    try {
      const names = ["server_version", "synchronous_commit", "fsync", "shared_buffers", "wal_sync_method"];
      const values: string[] = [];
      for (const name of names) {
        const { rows } = await client.query<{ value: string }>("SELECT current_setting($1) AS value", [name]);
        values.push(`${name}=${rows[0]!.value}`);
      }
      return values.join(", ");
    } finally {
      await client.end();
    }
  }
  // Read back on a connection set up as every library's is (the fixture has created the file).
  const db = new Database(env.sqlitePath[engine]);
  try {
    for (const pragma of SQLITE_PRAGMAS) db.exec(pragma);
    const version = (db.prepare("SELECT sqlite_version() AS v").get() as { v: string }).v;
    const journal = db.pragma("journal_mode", { simple: true }) as string;
    const synchronous = ["OFF", "NORMAL", "FULL", "EXTRA"][db.pragma("synchronous", { simple: true }) as number];
    return `sqlite_version=${version}, journal_mode=${journal}, synchronous=${synchronous}`;
  } finally {
    db.close();
  }
}

/** Picks the PostgreSQL database: `bench`, created if missing; falls back to PGDATABASE/test. */
export async function preparePgDatabase(): Promise<BenchEnv["pg"]> {
  setPgSessionOptions();
  const wanted = process.env.BENCH_PGDATABASE || "bench";
  const admin = new Client(pgConnection(process.env.PGDATABASE || "test"));
  await admin.connect();
  try {
    const found = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [wanted]);
    if (found.rowCount === 0) await admin.query(`CREATE DATABASE "${wanted.replace(/"/g, '""')}"`);
    return pgConnection(wanted);
  } catch (error) {
    console.error(`bench: cannot create database ${wanted} (${(error as Error).message}); using ${admin.database}`);
    return pgConnection(admin.database ?? "test");
  } finally {
    await admin.end();
  }
}

/** A connection that (re)creates and resets the data of one engine. */
export interface Fixture {
  /** Deletes the rows added since seeding. */
  reset(): Promise<void>;
  /** Housekeeping between rounds (VACUUM on PostgreSQL, a WAL checkpoint on SQLite). */
  tidy(): Promise<void>;
  close(): Promise<void>;
}

export async function createFixture(engine: EngineName, env: BenchEnv): Promise<Fixture> {
  const { managers, bands } = seedRows();
  if (engine === "postgres") {
    const client = new Client(env.pg);
    await client.connect();
    await client.query(`DROP TABLE IF EXISTS "${BAND_TABLE}", "${MANAGER_TABLE}" CASCADE`);
    for (const statement of ddl(engine)) await client.query(statement);
    await client.query(`INSERT INTO "${MANAGER_TABLE}" ("id", "name") SELECT * FROM unnest($1::int[], $2::text[])`, [
      managers.map((m) => m[0]),
      managers.map((m) => m[1]),
    ]);
    await client.query(
      `INSERT INTO "${BAND_TABLE}" ("id", "name", "manager", "popularity") SELECT * FROM unnest($1::int[], $2::text[], $3::int[], $4::int[])`,
      [0, 1, 2, 3].map((c) => bands.map((b) => b[c])),
    );
    for (const table of [MANAGER_TABLE, BAND_TABLE]) {
      await client.query(
        `SELECT setval(pg_get_serial_sequence('"${table}"', 'id'), (SELECT max("id") FROM "${table}"))`,
      );
    }
    await client.query(`VACUUM ANALYZE "${MANAGER_TABLE}", "${BAND_TABLE}"`);
    return {
      reset: async () => {
        await client.query(`DELETE FROM "${BAND_TABLE}" WHERE "id" > $1`, [BANDS]);
      },
      tidy: async () => {
        await client.query(`VACUUM ANALYZE "${BAND_TABLE}"`);
      },
      close: async () => {
        await client.query(`DROP TABLE IF EXISTS "${BAND_TABLE}", "${MANAGER_TABLE}" CASCADE`).catch(() => undefined);
        await client.end();
      },
    };
  }
  const path = env.sqlitePath[engine];
  removeSqlite(path);
  const db = new Database(path);
  for (const pragma of SQLITE_PRAGMAS) db.exec(pragma);
  for (const statement of ddl(engine)) db.exec(statement);
  const insertManager = db.prepare(`INSERT INTO "${MANAGER_TABLE}" ("id", "name") VALUES (?, ?)`);
  const insertBand = db.prepare(
    `INSERT INTO "${BAND_TABLE}" ("id", "name", "manager", "popularity") VALUES (?, ?, ?, ?)`,
  );
  db.transaction(() => {
    for (const m of managers) insertManager.run(m);
    for (const b of bands) insertBand.run(b);
  })();
  db.exec("ANALYZE");
  const deleteAdded = db.prepare(`DELETE FROM "${BAND_TABLE}" WHERE "id" > ?`);
  return {
    reset: async () => {
      deleteAdded.run(BANDS);
    },
    tidy: async () => {
      db.pragma("wal_checkpoint(TRUNCATE)");
    },
    close: async () => {
      db.close();
      removeSqlite(path);
    },
  };
}

export function removeSqlite(path: string): void {
  for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(path + suffix, { force: true });
}
