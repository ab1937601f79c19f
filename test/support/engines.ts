/**
 * Runs one suite on every engine, like Piccolo's `engines_only` / `engines_skip`.
 *
 *   describeEachEngine("select", (ctx) => {
 *     before(() => ctx.dropTables("band"));
 *     it("runs everywhere", async () => { await ctx.engine.rawQuery("SELECT 1"); });
 *     it("uses DISTINCT ON", async function () {
 *       onlyEngines(this, ctx, "postgres"); // skipped on the other engines
 *     });
 *   });
 *
 * `ENGINES=sqlite,sqlite3,postgres,cockroach` picks the engines (default `sqlite,postgres`, plus
 * `cockroach` when `CRDB_URL` is set, plus any a suite names in `{ also: ["sqlite3", "cockroach"] }`:
 * without CRDB_URL, `cockroach` is emulated on the PostgreSQL server); the usual PG* variables pick the server. When PostgreSQL is
 * unreachable its suites are skipped with a warning, except under CI, where they fail. Postgres suites share database `test` and run
 * serially, so each suite drops the tables it creates with `ctx.dropTables()`.
 *
 * `CRDB_EMULATE=1` runs the `cockroach` engine without a cluster: a CockroachEngine on the PostgreSQL
 * server of the PG* variables, with an emulated unique_rowid() (test/support/cockroach-emulation.ts);
 * its default engine list is then `cockroach` alone. Every statement it sends is checked against what
 * CockroachDB refuses (a DO block, an advisory lock, SERIAL…): such a statement fails the test.
 * Tests that cannot apply to CockroachDB skip it through a named capability (`requireCapability`).
 */
import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client, type PoolConfig } from "pg";
import { CockroachEngine, type Engine, PostgresEngine, type QueryLogEntry, SQLiteEngine } from "../../lib";
import { installUniqueRowidShim, refusedOnCockroach } from "./cockroach-emulation";

/** An engine a suite can run on: better-sqlite3, sqlite3 (via `sqlite`) or PostgreSQL. */
export type EngineName = "sqlite" | "sqlite3" | "postgres" | "cockroach";

/** What `describeEachEngine` hands each suite. */
export interface EngineContext {
  /** The engine this copy of the suite runs on. */
  readonly name: EngineName;
  /** The SQL the engine speaks: "postgres" for PostgreSQL and CockroachDB, "sqlite" for both SQLite drivers. */
  readonly family: "sqlite" | "postgres";
  /** The suite's engine; only valid inside hooks and tests. */
  readonly engine: Engine;
  /** Drops the named tables if they exist (CASCADE on PostgreSQL). */
  dropTables(...names: string[]): Promise<void>;
}

const ALL_ENGINES: readonly EngineName[] = ["sqlite", "sqlite3", "postgres", "cockroach"];

/** A CockroachDB cluster's connection URL: when set, the suites also run on "cockroach". */
const crdbUrl = process.env.CRDB_URL?.trim() || undefined;

/** `CRDB_EMULATE=1`: every suite runs on the "cockroach" engine alone, on PostgreSQL with an emulated unique_rowid(). */
export const crdbEmulated = !["", "0", "false"].includes((process.env.CRDB_EMULATE ?? "").toLowerCase());

/** Whether the "cockroach" engine is emulated on the PostgreSQL server: unless CRDB_URL names a cluster (and CRDB_EMULATE=1 is not set). */
const cockroachEmulated = crdbEmulated || !crdbUrl;

/** The engines named by `ENGINES` (comma list), default `sqlite,postgres`. */
export function engineNames(): EngineName[] {
  const raw =
    process.env.ENGINES?.trim() ||
    (crdbEmulated ? "cockroach" : crdbUrl ? "sqlite,postgres,cockroach" : "sqlite,postgres");
  const names = raw
    .split(",")
    .map((name) => name.trim())
    .filter(Boolean);
  for (const name of names) {
    if (!ALL_ENGINES.includes(name as EngineName)) {
      const known = ALL_ENGINES.join(", ");
      throw new Error(`ENGINES: unknown engine "${name}"; use a comma list of ${known}`);
    }
  }
  return names as EngineName[];
}

/** Connection settings from PG* variables, defaulting to postgres@127.0.0.1:5432/test. */
export function pgConfig(): PoolConfig {
  return {
    host: process.env.PGHOST || "127.0.0.1",
    port: Number(process.env.PGPORT || 5432),
    user: process.env.PGUSER || "postgres",
    database: process.env.PGDATABASE || "test",
    ...(process.env.PGPASSWORD ? { password: process.env.PGPASSWORD } : {}),
  };
}

/** The cockroach engine's connection: CRDB_URL's cluster, or the PostgreSQL server under CRDB_EMULATE=1. */
export function cockroachConfig(): PoolConfig {
  return crdbEmulated || !crdbUrl ? pgConfig() : { connectionString: crdbUrl };
}

/** Whether a PostgreSQL connection opens within 3 s. */
export async function postgresReachable(): Promise<boolean> {
  const client = new Client({ ...pgConfig(), connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

const isCI = !["", "0", "false"].includes((process.env.CI ?? "").toLowerCase());
let reachable: Promise<boolean> | undefined;
let warned = false;

/**
 * What some tests need that not every engine has. A test (or a whole suite, with `requires`) skips
 * an engine that lacks one, by name, and the run ends with a count of what each capability skipped.
 */
export type Capability =
  /** Serial columns can be created: tables declared without an engine get a Serial id (all engines now; kept for suites that name it). */
  | "serialKeys"
  /** New rows get keys 1, 2, 3… as JS numbers, in insert order, which suites assert as literals (CockroachDB: unique_rowid() bigints). */
  | "sequentialKeys"
  /** A migration can change a column's type (CockroachDB cannot inside the migration's transaction). */
  | "alterColumnType";

const lacking: Record<EngineName, readonly Capability[]> = {
  sqlite: [],
  sqlite3: [],
  postgres: [],
  cockroach: ["sequentialKeys", "alterColumnType"],
};

/** Whether the suite's engine has the capability. */
export function hasCapability(ctx: EngineContext, capability: Capability): boolean {
  return !lacking[ctx.name].includes(capability);
}

const skippedFor = new Map<string, number>();

/** Skips the current test or hook (pass `this`) when the suite's engine lacks the capability; counted in the run's summary. */
export function requireCapability(mocha: Mocha.Context, ctx: EngineContext, capability: Capability): void {
  if (hasCapability(ctx, capability)) return;
  const key = `${ctx.name} lacks ${capability}`;
  // In a `before` hook the whole suite is skipped; in a test, that test.
  const count = (mocha.test as { type?: string } | undefined)?.type === "hook" ? (mocha.test?.parent?.total() ?? 1) : 1;
  skippedFor.set(key, (skippedFor.get(key) ?? 0) + count);
  mocha.skip();
}

// The run's last words before the totals: how many tests each missing capability skipped.
if (typeof after === "function") {
  after(() => {
    for (const [key, count] of skippedFor) console.log(`  skipped: ${count} test(s), ${key}`);
  });
}

/** Options of `describeEachEngine`. */
export interface SuiteOptions {
  /** Capabilities every test of the suite needs: an engine without one skips the whole suite (see `requireCapability`). */
  requires?: Capability[];
  /** Runs the suite only on these engines (of those ENGINES picks). */
  engines?: EngineName[];
  /**
   * Engines added to the default set when ENGINES is not set: the sqlite3 driver runs the engine,
   * transaction, select, column-type and query suites on every plain `npm test`, and the emulated
   * `cockroach` a representative list (docs/testing.md). An explicit ENGINES still wins.
   */
  also?: EngineName[];
}

/** Defines `describe(`${title} [engine]`)` once per engine, each with a fresh engine in `ctx`. */
export function describeEachEngine(title: string, fn: (ctx: EngineContext) => void, opts: SuiteOptions = {}): void {
  const chosen = process.env.ENGINES?.trim() ? engineNames() : [...new Set([...engineNames(), ...(opts.also ?? [])])];
  const wanted = chosen.filter((name) => !opts.engines || opts.engines.includes(name));
  for (const name of wanted) {
    describe(`${title} [${name}]`, function () {
      let engine: Engine | undefined;
      let file: string | undefined;
      const ctx: EngineContext = {
        name,
        family: name === "postgres" || name === "cockroach" ? "postgres" : "sqlite",
        get engine(): Engine {
          if (!engine) throw new Error("ctx.engine is only set inside hooks and tests");
          return engine;
        },
        async dropTables(...tables: string[]): Promise<void> {
          if (!engine) return; // set-up was skipped or failed: nothing was created
          const cascade = name === "postgres" || name === "cockroach" ? " CASCADE" : "";
          for (const table of tables) {
            const quoted = `"${table.replace(/"/g, '""')}"`;
            await engine.rawQuery(`DROP TABLE IF EXISTS ${quoted}${cascade}`);
          }
        },
      };

      // The engine is made even for a suite skipped for a capability: its `after` hooks may use it.
      before(async function () {
        await openEngine(this);
        for (const capability of opts.requires ?? []) requireCapability(this, ctx, capability);
      });

      async function openEngine(mocha: Mocha.Context): Promise<void> {
        if (name === "cockroach" && !cockroachEmulated) {
          engine = new CockroachEngine({ config: cockroachConfig() });
          return;
        }
        if (name !== "postgres" && name !== "cockroach") {
          const tag = `${process.pid}-${randomBytes(4).toString("hex")}`;
          file = join(tmpdir(), `piccolo-test-${tag}.sqlite`);
          const driver = name === "sqlite3" ? "sqlite3" : "better-sqlite3";
          engine = new SQLiteEngine({ path: file, driver });
          return;
        }
        reachable ??= postgresReachable();
        if (!(await reachable)) {
          const { host, port } = pgConfig();
          const where = `PostgreSQL is not reachable at ${host}:${port}`;
          if (isCI) {
            throw new Error(
              `${where}: start it with ` +
                "`pg_ctlcluster --skip-systemctl-redirect <version> main start` " +
                "or point PGHOST/PGPORT at a server; CI never skips",
            );
          }
          if (!warned) console.warn(`  warning: ${where}; skipping PostgreSQL suites`);
          warned = true;
          mocha.skip();
        }
        if (name === "cockroach") {
          await installUniqueRowidShim(pgConfig());
          engine = new CockroachEngine({ config: pgConfig(), log: refuseWhatCockroachRefuses });
          return;
        }
        engine = new PostgresEngine({ config: pgConfig() });
      }

      // A statement CockroachDB would refuse fails the suite (naming the tests that sent it), though
      // PostgreSQL ran it. Checked in an `after` hook: a failing `afterEach` would stop the suite.
      if (name === "cockroach" && cockroachEmulated) {
        beforeEach(function () {
          refusedBy.current = this.currentTest?.fullTitle() ?? "(a hook)";
        });
        after(function () {
          const refused = refusedStatements.splice(0);
          if (refused.length === 0) return;
          const list = refused.map(({ test, sql, reason }) => `  ${test}: ${reason}: ${sql.slice(0, 300)}`).join("\n");
          throw new Error(`sent ${refused.length} statement(s) CockroachDB does not run:\n${list}`);
        });
      }

      fn(ctx);

      // Registered after fn(ctx) so the suite's own `after` hooks still see an open engine.
      after(async function () {
        await engine?.close();
        engine = undefined;
        if (file) {
          for (const suffix of ["", "-wal", "-shm", "-journal"]) {
            rmSync(file + suffix, { force: true });
          }
          file = undefined;
        }
      });
    });
  }
}

const refusedStatements: { test: string; sql: string; reason: string }[] = [];
const refusedBy = { current: "(a hook)" };

/** The emulated cockroach engine's log: keeps each statement CockroachDB would refuse. */
function refuseWhatCockroachRefuses(entry: QueryLogEntry): void {
  const reason = refusedOnCockroach(entry.sql);
  if (reason !== undefined) refusedStatements.push({ test: refusedBy.current, sql: entry.sql, reason });
}

/** Skips the current test or hook (pass `this`) unless the suite runs on one of `names`. */
export function onlyEngines(mocha: Mocha.Context, ctx: EngineContext, ...names: EngineName[]): void {
  if (!names.includes(ctx.name)) mocha.skip();
}
