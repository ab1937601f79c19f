/**
 * What every library adapter of the benchmark shares: engine and workload names, the database
 * settings, the schema, and the inputs each workload feeds every library (the same ids, rows and
 * values in the same order, so no library gets an easier draw).
 */
import { tmpdir } from "node:os";
import { join } from "node:path";

export type EngineName = "postgres" | "sqlite" | "sqlite3";
export const ENGINES: readonly EngineName[] = ["postgres", "sqlite", "sqlite3"];

export const WORKLOADS = [
  "pk-get",
  "pk-get-concurrent",
  "select-1000",
  "select-1000-objects",
  "join-100",
  "insert-one",
  "insert-1000",
  "update-one",
  "tx-2i1u",
] as const;
export type Workload = (typeof WORKLOADS)[number];

/** Workloads that add rows: the rows they add are deleted after each measurement. */
export const GROWING: ReadonlySet<Workload> = new Set<Workload>(["insert-one", "insert-1000", "tx-2i1u"]);

/** 16 callers share a pool of 10 connections in `pk-get-concurrent` (PostgreSQL only). */
export const CONCURRENT_CALLERS = 16;
export const POOL_SIZE = 10;

export const MANAGERS = 1_000;
export const BANDS = 10_000;
export const MANAGER_TABLE = "bench_manager";
export const BAND_TABLE = "bench_band";

/**
 * One operation of a workload. It may return a promise (awaited) or a plain value (not awaited:
 * the raw better-sqlite3 driver is synchronous, and its baseline pays no promise hop).
 */
export type Op = () => unknown;

/** A library set up on one engine: an operation per workload it supports. */
export interface Adapter {
  ops: Partial<Record<Workload, Op>>;
  /** Why a workload is left out for this library (shown under the table). */
  skipped?: Partial<Record<Workload, string>>;
  close(): Promise<void>;
}

/** Sets a library up on an engine, or says why it cannot run there. */
export type AdapterFactory = (engine: EngineName, env: BenchEnv) => Promise<Adapter | { unsupported: string }>;

/** Where the databases are. */
export interface BenchEnv {
  pg: { host: string; port: number; user: string; password?: string; database: string };
  /** SQLite file per SQLite engine (better-sqlite3 and sqlite3 get separate files). */
  sqlitePath: Record<"sqlite" | "sqlite3", string>;
}

export function pgConnection(database: string): BenchEnv["pg"] {
  return {
    host: process.env.PGHOST || "127.0.0.1",
    port: Number(process.env.PGPORT || 5432),
    user: process.env.PGUSER || "postgres",
    ...(process.env.PGPASSWORD ? { password: process.env.PGPASSWORD } : {}),
    database,
  };
}

export function sqlitePaths(dir = process.env.BENCH_SQLITE_DIR || tmpdir()): BenchEnv["sqlitePath"] {
  const tag = `${process.pid}`;
  return {
    sqlite: join(dir, `piccolo-bench-${tag}.sqlite`),
    sqlite3: join(dir, `piccolo-bench-${tag}-sqlite3.sqlite`),
  };
}

/**
 * Settings every SQLite connection of the benchmark runs with, whatever the library, so that the
 * comparison is of code, not of durability settings: piccolo-orm's SQLiteEngine uses these on
 * file databases (WAL, synchronous NORMAL, enforced foreign keys), and TypeORM and Sequelize turn
 * foreign keys on by default.
 */
export const SQLITE_PRAGMAS = ["PRAGMA journal_mode = WAL", "PRAGMA synchronous = NORMAL", "PRAGMA foreign_keys = ON"];

// ---------------------------------------------------------------------------------------------
// Inputs: deterministic, shared, cycled.

/** A small deterministic PRNG (mulberry32), so every run draws the same ids. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ID_COUNT = 1 << 16;
const random = prng(20261124);
const bandIds = Int32Array.from({ length: ID_COUNT }, () => 1 + Math.floor(random() * BANDS));
const managerIds = Int32Array.from({ length: ID_COUNT }, () => 1 + Math.floor(random() * MANAGERS));

/**
 * The inputs of one library's operations. Each adapter makes its own cursor, and `reset()` puts
 * every cursor back to the start before each measurement, so every library sees the same sequence.
 */
export class Inputs {
  private i = 0;
  private static all: Inputs[] = [];
  constructor() {
    Inputs.all.push(this);
  }
  static resetAll(): void {
    for (const inputs of Inputs.all) inputs.i = 0;
  }
  /** An existing band's id. */
  bandId(): number {
    return bandIds[this.i++ & (ID_COUNT - 1)]!;
  }
  /** A new band row: name, an existing manager, a popularity. */
  band(): NewBand {
    const i = this.i++ & (ID_COUNT - 1);
    return { name: "New band", manager: managerIds[i]!, popularity: i & 1023 };
  }
  /** A popularity value for an update. */
  popularity(): number {
    return this.i++ & 1023;
  }
}

export interface NewBand {
  name: string;
  manager: number;
  popularity: number;
}

/**
 * The 1,000 rows `insert-1000` inserts in one statement (the same array for every library). Nothing
 * asks for their keys: libraries that can skip RETURNING do (raw, piccolo-orm's `returning()`,
 * Kysely, Drizzle); TypeORM, Sequelize and MikroORM read the keys back as they always do.
 */
export const THOUSAND_ROWS: readonly NewBand[] = Array.from({ length: 1000 }, (_, i) => ({
  name: `Bulk band ${i}`,
  manager: 1 + ((i * 7) % MANAGERS),
  popularity: (i * 37) % 1000,
}));

/** What `select-1000-objects` builds from rows when a library has no entities of its own (raw). */
export class BandRow {
  id: number;
  name: string;
  manager: number | null;
  popularity: number;
  constructor(row: { id: number; name: string; manager: number | null; popularity: number }) {
    this.id = row.id;
    this.name = row.name;
    this.manager = row.manager;
    this.popularity = row.popularity;
  }
}

/** `INSERT … VALUES (…), (…), …` placeholders for `rows` rows of `columns` columns. */
export function valuesPlaceholders(rows: number, columns: number, dialect: "postgres" | "sqlite"): string {
  const groups: string[] = [];
  let n = 0;
  for (let r = 0; r < rows; r++) {
    const cells: string[] = [];
    for (let c = 0; c < columns; c++) cells.push(dialect === "postgres" ? `$${++n}` : "?");
    groups.push(`(${cells.join(", ")})`);
  }
  return groups.join(", ");
}

export function flatRows(rows: readonly NewBand[]): unknown[] {
  const out: unknown[] = [];
  for (const row of rows) out.push(row.name, row.manager, row.popularity);
  return out;
}
