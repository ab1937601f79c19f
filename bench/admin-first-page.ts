/**
 * `npm run bench:admin`: the admin's list page on a 1,000,000-row table (issue 13), over real HTTP.
 * For SQLite (a temp file) and PostgreSQL (its own database, BENCH_ADMIN_DB, default "bench_admin",
 * created and dropped here): a band table (name text, FK to 100 managers, integer, boolean,
 * timestamp) filled fast (a prepared raw INSERT in one transaction / generate_series), an admin user,
 * createAdmin on a plain Node http server on a free port, a login over HTTP, then GET of the first
 * page, a page sorted by another column and a text search: warm-up, then median and p95 of
 * BENCH_ADMIN_REQUESTS (default 30) sequential requests. PASS/FAIL against 200 ms for the first page.
 * Not a timed test: figures depend on the machine and its load.
 */
import Database from "better-sqlite3";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { Client } from "pg";
import {
  BooleanColumn,
  ForeignKey,
  Integer,
  MigrationRunner,
  PostgresEngine,
  SQLiteEngine,
  Table,
  Timestamp,
  Varchar,
  bindEngine,
  column,
  table,
  unbindEngine,
  type Engine,
  type Ref,
} from "../lib";
import { createAdmin } from "../lib/admin";
import { loadMigrations } from "../lib/apps";
import { BaseUser, PasswordHasher, SESSION_APP, Sessions, USER_APP } from "../lib/auth";
import { pgConnection } from "./common";

const ROWS = Number(process.env.BENCH_ADMIN_ROWS ?? 1_000_000);
const REQUESTS = Number(process.env.BENCH_ADMIN_REQUESTS ?? 30);
const WARM_UP = 5;
const LIMIT_MS = 200;
const MANAGERS = 100;
const BAND = "admin_bench_band";
const MANAGER = "admin_bench_manager";
const USER = { username: "bench", password: "bench-password-1" };

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
  @column(Timestamp()) formed!: Date;
}

/** The pages timed: the first page, sorted by another column, and a search over the text columns. */
const PAGES: readonly { label: string; path: string }[] = [
  { label: "first page", path: `/admin/${BAND}` },
  { label: "sorted by popularity", path: `/admin/${BAND}?o=-popularity` },
  { label: 'search q="Band 4242"', path: `/admin/${BAND}?q=Band%204242` },
  { label: "filter active=false", path: `/admin/${BAND}?active=false` },
];

const timer = (start: number) => ((performance.now() - start) / 1000).toFixed(1);

/** Creates the tables with the ORM, the auth tables with the shipped migrations, and the admin user. */
async function createSchema(engine: Engine): Promise<MigrationRunner> {
  bindEngine(engine, [Manager, Band, BaseUser, Sessions]);
  await Band.dropTable({ ifExists: true }).run();
  await Manager.dropTable({ ifExists: true }).run();
  await Manager.createTable().run();
  await Band.createTable().run();
  await Manager.insert(...Array.from({ length: MANAGERS }, (_, i) => ({ name: `Manager ${i}` }))).run();
  const runner = new MigrationRunner(engine, [...loadMigrations(USER_APP), ...loadMigrations(SESSION_APP)]);
  await runner.forwards("all");
  BaseUser.hasher = new PasswordHasher({ iterations: 1_000 }); // login speed is not what is measured
  await BaseUser.createUser({ ...USER, email: "bench@example.com", admin: true });
  return runner;
}

async function dropSchema(runner: MigrationRunner): Promise<void> {
  await Band.dropTable({ ifExists: true }).run();
  await Manager.dropTable({ ifExists: true }).run();
  await runner.backwards("user", { migrationId: "all" });
  await runner.backwards("session_auth", { migrationId: "all" });
  unbindEngine([Manager, Band, BaseUser, Sessions]);
}

/** The same rows on both engines: row n is "Band n", manager n % 100 + 1, one day apart from 2000. */
function fillSqlite(file: string): void {
  const db = new Database(file);
  const insert = db.prepare(
    `INSERT INTO "${BAND}" ("name", "manager", "popularity", "active", "formed") VALUES (?, ?, ?, ?, ?)`,
  );
  const base = Date.UTC(2000, 0, 1);
  db.transaction(() => {
    for (let n = 1; n <= ROWS; n += 1)
      insert.run(
        `Band ${n}`,
        (n % MANAGERS) + 1,
        (n * 7919) % 1000,
        n % 3 === 0 ? 0 : 1,
        new Date(base + n * 60_000).toISOString(),
      );
  })();
  db.exec("ANALYZE");
  db.close();
}

async function fillPostgres(client: Client): Promise<void> {
  await client.query(
    `INSERT INTO "${BAND}" ("name", "manager", "popularity", "active", "formed")
     SELECT 'Band ' || n, n % ${MANAGERS} + 1, (n::bigint * 7919) % 1000, n % 3 <> 0, timestamp '2000-01-01' + n * interval '1 minute'
     FROM generate_series(1, $1::int) AS n`,
    [ROWS],
  );
  await client.query(`VACUUM ANALYZE "${BAND}"`);
}

function serve(): Promise<{ server: Server; url: string }> {
  const admin = createAdmin({ tables: [Manager, Band], secure: false });
  const server = createServer((req, res) => void admin(req, res));
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () =>
      resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }),
    ),
  );
}

/** Logs in over HTTP like a browser (the login form) and returns the session cookie. */
async function login(url: string): Promise<string> {
  const res = await fetch(`${url}/admin/login`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(USER).toString(),
    redirect: "manual",
  });
  const cookie = res.headers
    .getSetCookie()
    .map((line) => line.split(";")[0]!)
    .join("; ");
  await res.text();
  if (res.status !== 303 && res.status !== 302) throw new Error(`login answered ${res.status}`);
  return cookie;
}

async function get(url: string, cookie: string): Promise<number> {
  const start = performance.now();
  const res = await fetch(url, { headers: { cookie } });
  const text = await res.text();
  const ms = performance.now() - start;
  if (res.status !== 200 || !text.includes("<table")) throw new Error(`GET ${url} answered ${res.status}`);
  return ms;
}

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;

interface Figures {
  label: string;
  median: number;
  p95: number;
}

async function measure(engineName: string, engine: Engine, fill: () => Promise<void>): Promise<Figures[]> {
  let start = performance.now();
  const runner = await createSchema(engine);
  await fill();
  console.log(`${engineName}: ${ROWS.toLocaleString("en")} rows in ${timer(start)} s`);
  const { server, url } = await serve();
  const figures: Figures[] = [];
  try {
    const cookie = await login(url);
    for (const { label, path } of PAGES) {
      for (let i = 0; i < WARM_UP; i += 1) await get(url + path, cookie);
      const times: number[] = [];
      start = performance.now();
      for (let i = 0; i < REQUESTS; i += 1) times.push(await get(url + path, cookie));
      times.sort((a, b) => a - b);
      figures.push({ label, median: quantile(times, 0.5), p95: quantile(times, 0.95) });
    }
  } finally {
    server.close();
    await dropSchema(runner);
  }
  return figures;
}

function print(engineName: string, figures: Figures[]): boolean {
  console.log(`\n${engineName}  (${REQUESTS} requests each after ${WARM_UP} warm-up, ms)`);
  console.log(`${"page".padEnd(24)} ${"median".padStart(8)} ${"p95".padStart(8)}`);
  for (const f of figures)
    console.log(`${f.label.padEnd(24)} ${f.median.toFixed(1).padStart(8)} ${f.p95.toFixed(1).padStart(8)}`);
  const first = figures[0]!;
  const pass = first.median < LIMIT_MS;
  console.log(`first page median ${first.median.toFixed(1)} ms: ${pass ? "PASS" : "FAIL"} (< ${LIMIT_MS} ms)`);
  return pass;
}

async function main(): Promise<void> {
  const passes: boolean[] = [];

  const file = join(tmpdir(), `piccolo-bench-admin-${process.pid}.sqlite`);
  const sqlite = new SQLiteEngine({ path: file });
  try {
    passes.push(print("SQLite", await measure("SQLite", sqlite, async () => fillSqlite(file))));
  } finally {
    await sqlite.close();
    for (const suffix of ["", "-wal", "-shm"]) rmSync(file + suffix, { force: true });
  }

  const database = process.env.BENCH_ADMIN_DB ?? "bench_admin";
  const maintenance = new Client(pgConnection(process.env.PGDATABASE ?? "postgres"));
  await maintenance.connect();
  await maintenance.query(`DROP DATABASE IF EXISTS "${database}"`);
  await maintenance.query(`CREATE DATABASE "${database}"`);
  try {
    const postgres = new PostgresEngine({ config: pgConnection(database) });
    const client = new Client(pgConnection(database));
    await client.connect();
    try {
      passes.push(print("PostgreSQL", await measure("PostgreSQL", postgres, () => fillPostgres(client))));
    } finally {
      await client.end();
      await postgres.close();
    }
  } finally {
    await maintenance.query(`DROP DATABASE IF EXISTS "${database}"`);
    await maintenance.end();
  }

  if (passes.includes(false)) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
