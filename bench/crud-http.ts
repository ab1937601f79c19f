/**
 * `npm run bench:crud`: the list endpoint of the Express template (`GET /api/band?popularity__gte=10
 * &__pageSize=20`: the same middleware as the template's src/server.ts, express.json() then
 * expressCrud(crud(Band))) under autocannon, beside a hand-written Express handler on the raw driver
 * (better-sqlite3 / pg) running the same two queries (the page and the total count) and answering
 * the same JSON. SQLite and PostgreSQL (PGDATABASE, default "test"). Prints requests/s, p99 latency
 * and the ratios crud / raw. Not a timed test: figures depend on the machine and its load.
 */
import autocannon from "autocannon";
import Database from "better-sqlite3";
import express from "express";
import { rmSync } from "node:fs";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Pool } from "pg";
import {
  BooleanColumn,
  ForeignKey,
  Integer,
  PostgresEngine,
  SQLiteEngine,
  Table,
  Varchar,
  bindEngine,
  column,
  table,
  type Engine,
  type Ref,
} from "../lib";
import { crud, expressCrud } from "../lib/crud";
import { pgConnection } from "./common";

const BAND = "crud_bench_band";
const MANAGER = "crud_bench_manager";
const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 10;
const PATH = "/api/band?popularity__gte=10&__pageSize=20";

@table({ tablename: MANAGER })
class Manager extends Table<Manager>() {
  @column(Varchar({ length: 100 })) name!: string;
}

@table({ tablename: BAND })
class Band extends Table<Band>() {
  @column(Varchar({ length: 100 })) name!: string;
  @column(ForeignKey(() => Manager, { onDelete: "set null" })) manager!: Ref<Manager> | null;
  @column(Integer({ default: 0 })) popularity!: number;
  @column(BooleanColumn({ default: true })) active!: boolean;
}

/** 100 managers and 5,000 bands, popularity 0..999 (about 99% match the filter). */
async function seed(engine: Engine): Promise<void> {
  bindEngine(engine, [Manager, Band]);
  await Band.dropTable({ ifExists: true }).run();
  await Manager.dropTable({ ifExists: true }).run();
  await Manager.createTable().run();
  await Band.createTable().run();
  await Manager.insert(...Array.from({ length: 100 }, (_, i) => ({ name: `Manager ${i}` }))).run();
  for (let start = 0; start < 5_000; start += 500) {
    const rows = Array.from({ length: 500 }, (_, i) => {
      const n = start + i;
      return { name: `Band ${n}`, manager: (n % 100) + 1, popularity: (n * 7919) % 1000, active: n % 3 !== 0 };
    });
    await Band.insert(...rows).run();
  }
}

function listen(app: express.Express): Promise<{ server: Server; url: string }> {
  return new Promise((resolve) => {
    const server = app.listen(0, "127.0.0.1", () =>
      resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }),
    );
  });
}

/** The template's stack: express.json(), then the crud middleware. */
function crudApp(): express.Express {
  const app = express();
  app.use(express.json());
  app.use(expressCrud(crud(Band, { prefix: "/api/band" })));
  return app;
}

/** The same page and count by hand, with the raw driver (pageSize 20, page 1, ordered by id). */
function rawApp(query: (min: number) => Promise<{ rows: unknown[]; count: number }>): express.Express {
  const app = express();
  app.use(express.json());
  app.get("/api/band", (req, res, next) => {
    const min = Number(req.query.popularity__gte);
    query(min).then(({ rows, count }) => res.json({ rows, page: 1, pageSize: 20, count }), next);
  });
  return app;
}

const columns = `"id", "name", "manager", "popularity", "active"`;

async function measure(url: string): Promise<{ rps: number; p99: number }> {
  await autocannon({ url: url + PATH, connections: CONNECTIONS, duration: 2 }); // warm-up
  const result = await autocannon({ url: url + PATH, connections: CONNECTIONS, duration: DURATION });
  if (result.non2xx > 0 || result.errors > 0)
    throw new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return { rps: result.requests.average, p99: result.latency.p99 };
}

async function compare(label: string, engine: Engine, makeRaw: () => Parameters<typeof rawApp>[0]): Promise<void> {
  await seed(engine);
  const raw = makeRaw();
  const a = await listen(crudApp());
  const b = await listen(rawApp(raw));
  // Same answer first: the comparison is only fair if both return the same rows.
  const [x, y] = await Promise.all([a.url, b.url].map((u) => fetch(u + PATH).then((r) => r.json())));
  if (JSON.stringify(x) !== JSON.stringify(y)) throw new Error(`${label}: the answers differ`);
  const c = await measure(a.url);
  const r = await measure(b.url);
  a.server.close();
  b.server.close();
  console.log(
    `${label.padEnd(10)} crud ${c.rps.toFixed(0).padStart(6)} req/s p99 ${String(c.p99).padStart(4)} ms | ` +
      `raw ${r.rps.toFixed(0).padStart(6)} req/s p99 ${String(r.p99).padStart(4)} ms | ` +
      `req/s crud/raw ${(c.rps / r.rps).toFixed(2)}, p99 crud/raw ${(c.p99 / Math.max(r.p99, 1)).toFixed(2)}`,
  );
}

async function main(): Promise<void> {
  console.log(`GET ${PATH}: autocannon, ${CONNECTIONS} connections, ${DURATION} s after a 2 s warm-up`);

  const file = join(tmpdir(), `piccolo-bench-crud-${process.pid}.sqlite`);
  const sqlite = new SQLiteEngine({ path: file });
  const db = new Database(file);
  await compare("SQLite", sqlite, () => {
    const page = db.prepare(`SELECT ${columns} FROM "${BAND}" WHERE "popularity" >= ? ORDER BY "id" LIMIT 20 OFFSET 0`);
    const count = db.prepare(`SELECT COUNT(*) AS "count" FROM "${BAND}" WHERE "popularity" >= ?`);
    return async (min) => ({
      rows: (page.all(min) as { active: number }[]).map((row) => ({ ...row, active: row.active === 1 })),
      count: (count.get(min) as { count: number }).count,
    });
  });
  db.close();
  await sqlite.close();
  for (const suffix of ["", "-wal", "-shm"]) rmSync(file + suffix, { force: true });

  const database = process.env.PGDATABASE ?? "test";
  // Same connection settings as the other benches: PG* variables, else 127.0.0.1 as postgres.
  const postgres = new PostgresEngine({ config: pgConnection(database) });
  const pool = new Pool({ ...pgConnection(database), max: 10 });
  await compare("PostgreSQL", postgres, () => async (min) => {
    const [rows, total] = await Promise.all([
      pool.query(`SELECT ${columns} FROM "${BAND}" WHERE "popularity" >= $1 ORDER BY "id" LIMIT 20 OFFSET 0`, [min]),
      pool.query(`SELECT COUNT(*)::int AS "count" FROM "${BAND}" WHERE "popularity" >= $1`, [min]),
    ]);
    return { rows: rows.rows, count: (total.rows[0] as { count: number }).count };
  });
  await Band.dropTable({ ifExists: true }).run();
  await Manager.dropTable({ ifExists: true }).run();
  await pool.end();
  await postgres.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
