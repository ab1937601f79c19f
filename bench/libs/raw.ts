/**
 * The baseline: each driver used directly, the obvious fast way. Same SQL as piccolo-orm emits
 * (all four columns, LEFT JOIN, RETURNING "id" on insert-one; insert-1000 asks for no keys, so no
 * RETURNING), bound parameters, statements prepared
 * once where the driver has prepared statements (better-sqlite3, sqlite3); pg gets parameterised
 * `pool.query(text, values)`, unnamed, as its docs show first.
 */
import Database from "better-sqlite3";
import { Pool } from "pg";
import sqlite3 from "sqlite3";
import {
  BAND_TABLE as B,
  BandRow,
  Inputs,
  MANAGER_TABLE as M,
  POOL_SIZE,
  SQLITE_PRAGMAS,
  THOUSAND_ROWS,
  flatRows,
  valuesPlaceholders,
  type Adapter,
  type AdapterFactory,
} from "../common";

const COLUMNS = `"id", "name", "manager", "popularity"`;

function sql(dialect: "postgres" | "sqlite") {
  const p = (n: number) => (dialect === "postgres" ? `$${n}` : "?");
  return {
    pkGet: `SELECT ${COLUMNS} FROM "${B}" WHERE "id" = ${p(1)}`,
    select1000: `SELECT ${COLUMNS} FROM "${B}" LIMIT ${p(1)}`,
    join100: `SELECT "${B}"."name", "${M}"."name" AS "manager.name" FROM "${B}" LEFT JOIN "${M}" ON "${M}"."id" = "${B}"."manager" LIMIT ${p(1)}`,
    insertOne: `INSERT INTO "${B}" ("name", "manager", "popularity") VALUES (${p(1)}, ${p(2)}, ${p(3)}) RETURNING "id"`,
    insert1000: `INSERT INTO "${B}" ("name", "manager", "popularity") VALUES ${valuesPlaceholders(1000, 3, dialect)}`,
    update: `UPDATE "${B}" SET "popularity" = ${p(1)} WHERE "id" = ${p(2)}`,
  };
}

export const raw: AdapterFactory = async (engine, env) => {
  const inputs = new Inputs();
  const thousand = flatRows(THOUSAND_ROWS);

  if (engine === "postgres") {
    const q = sql("postgres");
    const pool = new Pool({ ...env.pg, max: POOL_SIZE });
    const ops: Adapter["ops"] = {
      "pk-get": async () => (await pool.query(q.pkGet, [inputs.bandId()])).rows[0],
      "select-1000": async () => (await pool.query(q.select1000, [1000])).rows,
      "select-1000-objects": async () => (await pool.query(q.select1000, [1000])).rows.map((row) => new BandRow(row)),
      "join-100": async () => (await pool.query(q.join100, [100])).rows,
      "insert-one": async () => {
        const b = inputs.band();
        return (await pool.query(q.insertOne, [b.name, b.manager, b.popularity])).rows[0].id;
      },
      "insert-1000": async () => (await pool.query(q.insert1000, thousand)).rowCount,
      "update-one": async () => (await pool.query(q.update, [inputs.popularity(), inputs.bandId()])).rowCount,
      "tx-2i1u": async () => {
        const client = await pool.connect();
        try {
          await client.query("BEGIN");
          const a = inputs.band();
          const b = inputs.band();
          await client.query(q.insertOne, [a.name, a.manager, a.popularity]);
          await client.query(q.insertOne, [b.name, b.manager, b.popularity]);
          await client.query(q.update, [inputs.popularity(), inputs.bandId()]);
          await client.query("COMMIT");
        } catch (error) {
          await client.query("ROLLBACK");
          throw error;
        } finally {
          client.release();
        }
      },
    };
    ops["pk-get-concurrent"] = ops["pk-get"];
    return { ops, close: () => pool.end() };
  }

  const q = sql("sqlite");
  const path = env.sqlitePath[engine];

  if (engine === "sqlite") {
    const db = new Database(path);
    for (const pragma of SQLITE_PRAGMAS) db.exec(pragma);
    const pkGet = db.prepare(q.pkGet);
    const select1000 = db.prepare(q.select1000);
    const join100 = db.prepare(q.join100);
    const insertOne = db.prepare(q.insertOne);
    const insert1000 = db.prepare(q.insert1000);
    const update = db.prepare(q.update);
    const begin = db.prepare("BEGIN IMMEDIATE");
    const commit = db.prepare("COMMIT");
    const rollback = db.prepare("ROLLBACK");
    return {
      ops: {
        "pk-get": () => pkGet.get(inputs.bandId()),
        "select-1000": () => select1000.all(1000),
        "select-1000-objects": () =>
          (select1000.all(1000) as ConstructorParameters<typeof BandRow>[0][]).map((row) => new BandRow(row)),
        "join-100": () => join100.all(100),
        "insert-one": () => {
          const b = inputs.band();
          return (insertOne.get(b.name, b.manager, b.popularity) as { id: number }).id;
        },
        "insert-1000": () => insert1000.run(thousand).changes,
        "update-one": () => update.run(inputs.popularity(), inputs.bandId()).changes,
        "tx-2i1u": () => {
          begin.run();
          try {
            const a = inputs.band();
            const b = inputs.band();
            insertOne.get(a.name, a.manager, a.popularity);
            insertOne.get(b.name, b.manager, b.popularity);
            update.run(inputs.popularity(), inputs.bandId());
            commit.run();
          } catch (error) {
            rollback.run();
            throw error;
          }
        },
      },
      close: async () => {
        db.close();
      },
    };
  }

  // sqlite3: the callback API, one connection, statements prepared once and reused. Reads use
  // Statement#all, which steps to the end: Statement#get leaves the statement open (and with it a
  // read transaction, or an INSERT … RETURNING uncommitted) until its next use.
  const db = await new Promise<sqlite3.Database>((resolve, reject) => {
    const opened: sqlite3.Database = new sqlite3.Database(path, (error) => (error ? reject(error) : resolve(opened)));
  });
  const exec = (text: string) =>
    new Promise<void>((resolve, reject) => db.exec(text, (error) => (error ? reject(error) : resolve())));
  for (const pragma of SQLITE_PRAGMAS) await exec(pragma);
  const prepare = (text: string) =>
    new Promise<sqlite3.Statement>((resolve, reject) => {
      const statement: sqlite3.Statement = db.prepare(text, (error) => (error ? reject(error) : resolve(statement)));
    });
  const all = (statement: sqlite3.Statement, params: unknown[]) =>
    new Promise<unknown[]>((resolve, reject) =>
      statement.all(params, (error: Error | null, rows: unknown[]) => (error ? reject(error) : resolve(rows))),
    );
  const run = (statement: sqlite3.Statement, params: unknown[]) =>
    new Promise<number>((resolve, reject) =>
      statement.run(params, function (this: sqlite3.RunResult, error: Error | null) {
        if (error) reject(error);
        else resolve(this.changes);
      }),
    );
  const pkGet = await prepare(q.pkGet);
  const select1000 = await prepare(q.select1000);
  const join100 = await prepare(q.join100);
  const insertOne = await prepare(q.insertOne);
  const insert1000 = await prepare(q.insert1000);
  const update = await prepare(q.update);
  const statements = [pkGet, select1000, join100, insertOne, insert1000, update];
  return {
    ops: {
      "pk-get": async () => (await all(pkGet, [inputs.bandId()]))[0],
      "select-1000": () => all(select1000, [1000]),
      "select-1000-objects": async () =>
        ((await all(select1000, [1000])) as ConstructorParameters<typeof BandRow>[0][]).map((row) => new BandRow(row)),
      "join-100": () => all(join100, [100]),
      "insert-one": async () => {
        const b = inputs.band();
        return ((await all(insertOne, [b.name, b.manager, b.popularity]))[0] as { id: number }).id;
      },
      "insert-1000": () => run(insert1000, thousand),
      "update-one": () => run(update, [inputs.popularity(), inputs.bandId()]),
      "tx-2i1u": async () => {
        await exec("BEGIN IMMEDIATE");
        try {
          const a = inputs.band();
          const b = inputs.band();
          await all(insertOne, [a.name, a.manager, a.popularity]);
          await all(insertOne, [b.name, b.manager, b.popularity]);
          await run(update, [inputs.popularity(), inputs.bandId()]);
          await exec("COMMIT");
        } catch (error) {
          await exec("ROLLBACK");
          throw error;
        }
      },
    },
    close: async () => {
      for (const statement of statements) await new Promise<void>((resolve) => statement.finalize(() => resolve()));
      await new Promise<void>((resolve, reject) => db.close((error) => (error ? reject(error) : resolve())));
    },
  };
};
