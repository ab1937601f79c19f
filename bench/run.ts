/**
 * piccolo-orm benchmark: ops/s beside the raw drivers and the peer ORMs, and the ratio to raw.
 *
 * How to run (from the repository root; PostgreSQL from PGHOST/PGPORT/PGUSER/PGPASSWORD,
 * default 127.0.0.1:5432 user postgres; database `bench` is created, BENCH_PGDATABASE picks another):
 *
 *   npm run bench                                   # full run, all engines and libraries (~8 min)
 *   npm run bench -- --quick                        # smoke run (< 2 min)
 *   npm run bench -- --json bench-results.json      # also write [{ engine, workload, library, opsPerSec, ratioToRaw }]
 *   npm run bench -- --engines sqlite,postgres --libs raw,piccolo-orm,kysely --workloads pk-get,insert-one
 *   npm run bench -- --rounds 9 --time 1000         # more rounds / longer measurements (full: 7 × 400 ms)
 *   node --expose-gc --no-flush-bytecode build/bench/run.js --quick --verbose   # no rebuild; --verbose: every round
 *   node build/bench/run.js --check                 # run each operation once and show what it returned
 *
 * Method: per engine, the same schema and data (1,000 managers, 10,000 bands) for every library.
 * First a discarded warm-up pass over every (workload, library) — JIT, statement caches, page
 * cache. Then rounds: in each round every library gets `--time` ms per workload, cut into
 * `--slices` slices taken in turn, in a new random order each slice, with a minor GC before each
 * (run under --expose-gc), so a drift of the machine's speed weighs on all alike. Operations run
 * one after another (16 concurrent callers for pk-get-concurrent); rows added by insert workloads
 * are deleted after each slice. The table shows each library's median ops/s over the rounds and
 * its ratio to raw: the median over rounds of (library / raw in the same round). `raw-2` is the
 * raw driver measured a second time on its own connection: its ratio is the noise floor.
 * Durability is set alike for all: SQLite WAL + synchronous=NORMAL (piccolo-orm's defaults on a
 * file), PostgreSQL with the server's defaults (BENCH_PG_SYNC_COMMIT=off turns synchronous_commit
 * off for every library, when the disk's fsync latency drowns the libraries' differences). The
 * settings are printed above each engine's table.
 * Engines: postgres (pg), sqlite (better-sqlite3), sqlite3 (node-sqlite3). Adapters: bench/libs/.
 */
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import {
  CONCURRENT_CALLERS,
  ENGINES,
  GROWING,
  Inputs,
  WORKLOADS,
  sqlitePaths,
  type Adapter,
  type AdapterFactory,
  type BenchEnv,
  type EngineName,
  type Op,
  type Workload,
} from "./common";
import { createFixture, preparePgDatabase, removeSqlite, serverSettings } from "./setup";
import { drizzle } from "./libs/drizzle";
import { kysely } from "./libs/kysely";
import { mikroOrm } from "./libs/mikro-orm";
import { piccolo, piccoloFrom } from "./libs/piccolo";
import { prisma } from "./libs/prisma";
import { raw } from "./libs/raw";
import { sequelize } from "./libs/sequelize";
import { typeorm } from "./libs/typeorm";

const LIBRARIES: Record<string, AdapterFactory> = {
  raw,
  "raw-2": raw,
  "piccolo-orm": piccolo,
  "drizzle-orm": drizzle,
  kysely,
  typeorm,
  sequelize,
  "@mikro-orm/core": mikroOrm,
  prisma,
};
// An older build of piccolo-orm beside this one, for same-run A/B comparisons.
if (process.env.BENCH_PICCOLO_BASE)
  LIBRARIES["piccolo-base"] = piccoloFrom(require(process.env.BENCH_PICCOLO_BASE) as Parameters<typeof piccoloFrom>[0]);

interface Options {
  engines: EngineName[];
  libs: string[];
  workloads: Workload[];
  rounds: number;
  timeMs: number;
  slices: number;
  warmupMs: number;
  json?: string;
  quick: boolean;
  verbose: boolean;
  /** Run each operation once and print what it returned, instead of measuring. */
  check: boolean;
}

const USAGE = `usage: node build/bench/run.js [--quick] [--json FILE] [--engines ${ENGINES.join(",")}]
       [--libs ${Object.keys(LIBRARIES).join(",")}] [--workloads ${WORKLOADS.join(",")}]
       [--rounds N] [--time MS] [--slices N] [--warmup MS] [--verbose] [--check]`;

function parseArgs(argv: string[]): Options {
  const quick = argv.includes("--quick");
  const options: Options = {
    engines: [...ENGINES],
    libs: Object.keys(LIBRARIES),
    workloads: [...WORKLOADS],
    rounds: quick ? 3 : 7,
    timeMs: quick ? 80 : 400,
    slices: quick ? 2 : 4,
    warmupMs: quick ? 50 : 300,
    quick,
    verbose: argv.includes("--verbose"),
    check: argv.includes("--check"),
  };
  const list = <T extends string>(value: string, allowed: readonly T[], what: string): T[] => {
    const items = value
      .split(",")
      .map((item) => item.trim())
      .filter(Boolean);
    for (const item of items)
      if (!allowed.includes(item as T)) fail(`unknown ${what} "${item}"; choose from ${allowed.join(", ")}`);
    return items as T[];
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.includes("=")
      ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)]
      : [arg, undefined];
    const value = () => inline ?? argv[++i] ?? fail(`${flag} needs a value`);
    const number = () => {
      const n = Number(value());
      if (!Number.isFinite(n) || n <= 0) fail(`${flag} needs a positive number`);
      return n;
    };
    switch (flag) {
      case "--quick":
      case "--verbose":
      case "--check":
        break;
      case "--json":
        options.json = value();
        break;
      case "--engines":
        options.engines = list(value(), ENGINES, "engine");
        break;
      case "--libs":
        options.libs = list(value(), Object.keys(LIBRARIES), "library");
        break;
      case "--workloads":
        options.workloads = list(value(), WORKLOADS, "workload");
        break;
      case "--rounds":
        options.rounds = Math.round(number());
        break;
      case "--time":
        options.timeMs = number();
        break;
      case "--slices":
        options.slices = Math.round(number());
        break;
      case "--warmup":
        options.warmupMs = number();
        break;
      case "--help":
      case "-h":
        console.log(USAGE);
        return process.exit(0);
      default:
        fail(`unknown option ${arg}`);
    }
  }
  // Ratios need the baseline: raw always runs.
  if (!options.libs.includes("raw")) options.libs.unshift("raw");
  return options;
}

function fail(message: string): never {
  console.error(`bench: ${message}\n${USAGE}`);
  process.exit(2);
}

// ---------------------------------------------------------------------------------------------
// Measuring

// Only minor GCs between slices: forced major GCs age the other libraries' code until V8
// flushes it, and each slice would start cold (the bench also runs with --no-flush-bytecode).
const gc = (globalThis as { gc?: (options?: { type: "major" | "minor" }) => void }).gc;

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    value !== null &&
    (typeof value === "object" || typeof value === "function") &&
    typeof (value as { then?: unknown }).then === "function"
  );
}

/** Runs `op` for `ms` milliseconds on `callers` concurrent loops; returns the count and the time taken. */
async function runFor(op: Op, ms: number, callers: number): Promise<{ ops: number; ms: number }> {
  let count = 0;
  const start = performance.now();
  const end = start + ms;
  const loop = async () => {
    // Synchronous operations (raw better-sqlite3) are not awaited: their baseline pays no promise hop.
    do {
      const result = op();
      if (isThenable(result)) await result;
      count++;
    } while (performance.now() < end);
  };
  await Promise.all(Array.from({ length: callers }, loop));
  return { ops: count, ms: performance.now() - start };
}

const callersOf = (workload: Workload) => (workload === "pk-get-concurrent" ? CONCURRENT_CALLERS : 1);

// ---------------------------------------------------------------------------------------------
// Results

interface Result {
  engine: EngineName;
  workload: Workload;
  library: string;
  opsPerSec: number;
  ratioToRaw: number;
}

let seed = 0x9e3779b9;
/** A new order of `items` (deterministic across runs: xorshift32). */
function shuffle<T>(items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    const j = (seed >>> 0) % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function formatOps(ops: number): string {
  if (ops >= 100) return Math.round(ops).toLocaleString("en-US");
  return ops.toFixed(1);
}

function printTable(
  engine: EngineName,
  driver: string,
  results: Result[],
  libs: string[],
  workloads: Workload[],
  options: Options,
): void {
  const columns = libs.filter((lib) => results.some((r) => r.library === lib));
  const rows = workloads.filter((w) => results.some((r) => r.workload === w));
  const cell = (workload: Workload, lib: string) => {
    const r = results.find((x) => x.workload === workload && x.library === lib);
    if (!r) return "—";
    return lib === "raw" ? formatOps(r.opsPerSec) : `${formatOps(r.opsPerSec)} (${r.ratioToRaw.toFixed(2)})`;
  };
  const table = [["workload", ...columns], ...rows.map((w) => [w, ...columns.map((lib) => cell(w, lib))])];
  const widths = table[0]!.map((_, c) => Math.max(...table.map((row) => row[c]!.length)));
  const line = (row: string[]) =>
    row.map((text, c) => (c === 0 ? text.padEnd(widths[c]!) : text.padStart(widths[c]!))).join("  ");
  console.log(
    `\n${engine} (${driver}) — median ops/s of ${options.rounds} rounds × ${options.timeMs} ms per library ` +
      `(median ratio to raw in the same round)`,
  );
  console.log(line(table[0]!));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const row of table.slice(1)) console.log(line(row));
  const floor = results.filter((r) => r.library === "raw-2").map((r) => r.ratioToRaw);
  if (floor.length) {
    const sorted = [...floor].sort((a, b) => a - b);
    console.log(
      `noise floor (raw-2 / raw): median ${median(floor).toFixed(2)}, range ${sorted[0]!.toFixed(2)}–${sorted.at(-1)!.toFixed(2)}`,
    );
  }
}

const DRIVERS: Record<EngineName, string> = { postgres: "pg", sqlite: "better-sqlite3", sqlite3: "sqlite3" };

// ---------------------------------------------------------------------------------------------

async function benchEngine(engine: EngineName, env: BenchEnv, options: Options, notes: string[]): Promise<Result[]> {
  const fixture = await createFixture(engine, env);
  console.log(`\n${engine} settings: ${await serverSettings(engine, env)}`);
  const adapters = new Map<string, Adapter>();
  try {
    for (const lib of options.libs) {
      try {
        const made = await LIBRARIES[lib]!(engine, env);
        if ("unsupported" in made) notes.push(`${engine}: ${lib} not run — ${made.unsupported}`);
        else adapters.set(lib, made);
      } catch (error) {
        notes.push(`${engine}: ${lib} failed to start — ${(error as Error).message}`);
      }
    }
    const workloads = options.workloads.filter((w) => engine === "postgres" || w !== "pk-get-concurrent");
    for (const [lib, adapter] of adapters) {
      for (const [workload, why] of Object.entries(adapter.skipped ?? {})) {
        if (workloads.includes(workload as Workload) && lib !== "raw-2")
          notes.push(`${engine}: ${lib} ${workload} not run — ${why}`);
      }
    }
    if (options.check) {
      await checkShapes(engine, workloads, adapters, fixture);
      return [];
    }
    const samples = new Map<string, number[]>(); // `${workload}\t${lib}` → ops/s per round
    const failed = new Set<string>();
    const libs = [...adapters.keys()];
    // A discarded first pass: the first calls of each library run cold (JIT, statement caches,
    // the connection's page cache) and would otherwise drag down whoever goes first in round 1.
    const warmStart = performance.now();
    for (const workload of workloads) {
      for (const lib of libs) {
        const op = adapters.get(lib)!.ops[workload];
        if (!op) continue;
        try {
          Inputs.resetAll();
          await runFor(op, options.warmupMs, callersOf(workload));
        } catch {
          // reported by the measured rounds
        }
        if (GROWING.has(workload)) await fixture.reset();
      }
    }
    process.stderr.write(
      `  ${engine}: warm-up pass done in ${((performance.now() - warmStart) / 1000).toFixed(1)} s\n`,
    );
    for (let round = 0; round < options.rounds; round++) {
      const roundStart = performance.now();
      await fixture.tidy();
      for (const workload of workloads) {
        // Each library's time is cut into slices taken in turn, in a new random order every slice,
        // so a drift of the machine's speed weighs on every library alike, and no library always
        // runs right after the same one (and pays for its garbage, or its write-ahead log).
        Inputs.resetAll();
        gc?.();
        const live = libs.filter((lib) => adapters.get(lib)!.ops[workload] && !failed.has(`${workload}\t${lib}`));
        const total = new Map(live.map((lib) => [lib, { ops: 0, ms: 0 }]));
        for (let slice = 0; slice < options.slices; slice++) {
          for (const lib of shuffle(live)) {
            const sum = total.get(lib);
            if (!sum) continue; // failed earlier in this round
            gc?.({ type: "minor" }); // the previous slice's young garbage is not this library's to collect
            try {
              const { ops, ms } = await runFor(
                adapters.get(lib)!.ops[workload]!,
                options.timeMs / options.slices,
                callersOf(workload),
              );
              sum.ops += ops;
              sum.ms += ms;
            } catch (error) {
              total.delete(lib);
              failed.add(`${workload}\t${lib}`);
              samples.delete(`${workload}\t${lib}`);
              notes.push(`${engine}: ${lib} ${workload} failed — ${(error as Error).message.split("\n")[0]}`);
            }
            if (GROWING.has(workload)) await fixture.reset();
          }
        }
        for (const [lib, sum] of total) {
          const key = `${workload}\t${lib}`;
          if (!samples.has(key)) samples.set(key, []);
          samples.get(key)!.push((sum.ops * 1000) / sum.ms);
        }
      }
      process.stderr.write(
        `  ${engine}: round ${round + 1}/${options.rounds} done in ${((performance.now() - roundStart) / 1000).toFixed(1)} s\n`,
      );
    }
    // ratioToRaw is the median over rounds of (library / raw in the same round): the slices of a
    // round are interleaved, so this pairs measurements taken under the same load.
    const results: Result[] = [];
    for (const workload of workloads) {
      const rawSamples = samples.get(`${workload}\traw`);
      if (!rawSamples) continue;
      for (const lib of libs) {
        const s = samples.get(`${workload}\t${lib}`);
        if (!s || s.length !== rawSamples.length) continue;
        const opsPerSec = median(s);
        const ratio = median(s.map((value, round) => value / rawSamples[round]!));
        if (options.verbose) console.log(`  ${engine} ${workload} ${lib}: ${s.map((x) => Math.round(x)).join(" ")}`);
        results.push({
          engine,
          workload,
          library: lib,
          opsPerSec: Math.round(opsPerSec * 10) / 10,
          ratioToRaw: Math.round(ratio * 1000) / 1000,
        });
      }
    }
    return results;
  } finally {
    for (const adapter of adapters.values()) await adapter.close().catch(() => undefined);
    await fixture.close();
  }
}

/** One line per (workload, library): what one operation returned, to see that all do the same work. */
async function checkShapes(
  engine: EngineName,
  workloads: Workload[],
  adapters: Map<string, Adapter>,
  fixture: { reset(): Promise<void> },
): Promise<void> {
  const describe = (value: unknown): string => {
    if (Array.isArray(value)) return `${value.length} × ${value.length ? describe(value[0]) : "?"}`;
    if (value !== null && typeof value === "object") {
      const name = value.constructor?.name ?? "null-prototype";
      const json = JSON.stringify(value, (_, v: unknown) => (typeof v === "bigint" ? `${v}n` : v));
      return `${name} ${json && json.length > 110 ? json.slice(0, 110) + "…" : json}`;
    }
    return `${typeof value} ${String(value)}`;
  };
  for (const workload of workloads) {
    for (const [lib, adapter] of adapters) {
      const op = adapter.ops[workload];
      if (!op) continue;
      Inputs.resetAll();
      try {
        let result = op();
        if (isThenable(result)) result = await result;
        console.log(`${engine} ${workload} ${lib}: ${describe(result)}`);
      } catch (error) {
        console.log(`${engine} ${workload} ${lib}: FAILED ${(error as Error).message}`);
      }
      if (GROWING.has(workload)) await fixture.reset();
    }
  }
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const started = performance.now();
  const notes: string[] = [];
  const sqlitePath = sqlitePaths();
  let pg: BenchEnv["pg"] | undefined;
  if (options.engines.includes("postgres")) {
    try {
      pg = await preparePgDatabase();
    } catch (error) {
      notes.push(`postgres: not run — cannot connect (${(error as Error).message})`);
      options.engines = options.engines.filter((e) => e !== "postgres");
    }
  }
  const env: BenchEnv = { pg: pg ?? { host: "", port: 0, user: "", database: "" }, sqlitePath };
  console.log(
    `piccolo-orm bench: ${options.quick ? "quick" : "full"} run, engines ${options.engines.join(", ")}; ` +
      `libraries ${options.libs.join(", ")}; node ${process.version}${gc ? "" : " (run with --expose-gc for steadier numbers)"}`,
  );
  const all: Result[] = [];
  try {
    for (const engine of options.engines) {
      const engineStart = performance.now();
      const results = await benchEngine(engine, env, options, notes);
      all.push(...results);
      if (!options.check) printTable(engine, DRIVERS[engine], results, options.libs, options.workloads, options);
      console.log(`(${engine}: ${((performance.now() - engineStart) / 1000).toFixed(0)} s)`);
    }
  } finally {
    removeSqlite(sqlitePath.sqlite);
    removeSqlite(sqlitePath.sqlite3);
  }
  if (notes.length) console.log(`\nnotes:\n${notes.map((n) => `  - ${n}`).join("\n")}`);
  if (options.json) {
    writeFileSync(options.json, JSON.stringify(all, null, 2) + "\n");
    console.log(`\nwrote ${all.length} results to ${options.json}`);
  }
  // Streaming is measured for memory, not speed: peak RSS while batch() reads 100,000 rows.
  const engines = options.engines.filter((e) => e !== "sqlite3").join(",");
  if (engines) {
    console.log("\nbatch() memory (scripts/bench-batch-memory.js):");
    spawnSync(
      process.execPath,
      ["--expose-gc", "scripts/bench-batch-memory.js", "--rows", "100000", "--engines", engines],
      { stdio: "inherit" },
    );
  }
  console.log(`\ntotal ${((performance.now() - started) / 1000).toFixed(0)} s`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
