/**
 * The sample databases of test/fixtures (public ones under sample-databases/, with their licences,
 * and hand-written edge cases under schema-generate/), loaded into a database of their own:
 * a PostgreSQL database named after $PGDATABASE (`<db>_<sample>_<random>`, dropped by `dispose`)
 * or a temporary SQLite file.
 */
import { randomBytes } from "node:crypto";
import { readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import Database from "better-sqlite3";
import { Client } from "pg";
import { type Engine, PostgresEngine, SQLiteEngine } from "../../lib";
import { pgConfig } from "./engines";

/** The fixtures folder (this file is compiled to build/test/support/). */
export const FIXTURES = resolve(__dirname, "../../../test/fixtures");

/** A database made for one test, and how to remove it. */
export interface TestDatabase {
  readonly engine: Engine;
  dispose(): Promise<void>;
}

async function admin(sql: string, database = "postgres"): Promise<void> {
  const client = new Client({ ...pgConfig(), database });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A new empty database on the engine, loaded with the SQL file when one is given (relative to test/fixtures). */
export async function sampleDatabase(engine: "sqlite" | "postgres", sqlFile?: string): Promise<TestDatabase> {
  const script = sqlFile === undefined ? undefined : readFileSync(join(FIXTURES, sqlFile), "utf8");
  const suffix = randomBytes(4).toString("hex");
  if (engine === "sqlite") {
    const path = join(tmpdir(), `piccolo-sample-${suffix}.sqlite`);
    if (script !== undefined) {
      const db = new Database(path);
      db.exec(script);
      db.close();
    }
    const sqlite = new SQLiteEngine({ path });
    return {
      engine: sqlite,
      dispose: async () => {
        await sqlite.close();
        rmSync(path, { force: true });
      },
    };
  }
  const name = `${String(pgConfig().database)}_sample_${suffix}`;
  await admin(`CREATE DATABASE ${name}`);
  if (script !== undefined) await admin(script, name);
  const pg = new PostgresEngine({ config: { ...pgConfig(), database: name } });
  return {
    engine: pg,
    dispose: async () => {
      await pg.close();
      await admin(`DROP DATABASE IF EXISTS ${name}`);
    },
  };
}
