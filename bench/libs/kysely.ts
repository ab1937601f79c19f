/**
 * Kysely as its docs set it up: PostgresDialect over a pg Pool, SqliteDialect over a
 * better-sqlite3 Database. Kysely ships no node-sqlite3 dialect, and has no entities
 * (select-1000-objects is left out).
 */
import Database from "better-sqlite3";
import { Kysely, PostgresDialect, SqliteDialect, type Generated } from "kysely";
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

interface Schema {
  [MANAGER_TABLE]: { id: Generated<number>; name: string };
  [BAND_TABLE]: { id: Generated<number>; name: string; manager: number | null; popularity: number };
}

export const kysely: AdapterFactory = async (engine, env) => {
  if (engine === "sqlite3") return { unsupported: "Kysely ships no node-sqlite3 dialect" };
  const inputs = new Inputs();
  const thousand = THOUSAND_ROWS.map((row) => ({ ...row }));
  let sqlite: Database.Database | undefined;
  const dialect =
    engine === "postgres"
      ? new PostgresDialect({ pool: new Pool({ ...env.pg, max: POOL_SIZE }) })
      : new SqliteDialect({
          database: (() => {
            sqlite = new Database(env.sqlitePath.sqlite);
            for (const pragma of SQLITE_PRAGMAS) sqlite.exec(pragma);
            return sqlite;
          })(),
        });
  const db = new Kysely<Schema>({ dialect });
  const B = BAND_TABLE;
  const M = MANAGER_TABLE;

  const pkGet = () =>
    db
      .selectFrom(B)
      .select(["id", "name", "manager", "popularity"])
      .where("id", "=", inputs.bandId())
      .executeTakeFirst();
  return {
    ops: {
      "pk-get": pkGet,
      ...(engine === "postgres" ? { "pk-get-concurrent": pkGet } : {}),
      "select-1000": () => db.selectFrom(B).select(["id", "name", "manager", "popularity"]).limit(1000).execute(),
      "join-100": () =>
        db
          .selectFrom(B)
          .leftJoin(M, `${M}.id`, `${B}.manager`)
          .select([`${B}.name`, `${M}.name as managerName`])
          .limit(100)
          .execute(),
      "insert-one": () => db.insertInto(B).values(inputs.band()).returning("id").executeTakeFirstOrThrow(),
      "insert-1000": () => db.insertInto(B).values(thousand).execute(),
      "update-one": () =>
        db.updateTable(B).set({ popularity: inputs.popularity() }).where("id", "=", inputs.bandId()).executeTakeFirst(),
      "tx-2i1u": () =>
        db.transaction().execute(async (trx) => {
          await trx.insertInto(B).values(inputs.band()).returning("id").executeTakeFirstOrThrow();
          await trx.insertInto(B).values(inputs.band()).returning("id").executeTakeFirstOrThrow();
          await trx
            .updateTable(B)
            .set({ popularity: inputs.popularity() })
            .where("id", "=", inputs.bandId())
            .executeTakeFirst();
        }),
    },
    skipped: { "select-1000-objects": "no entities: rows are plain objects" },
    close: () => db.destroy(),
  };
};
