#!/usr/bin/env node
// Streams a large select with batch() and prints peak RSS, to show memory stays flat.
// Usage: npm run build && node scripts/bench-batch-memory.js [--rows 1000000] [--size 1000] [--engines sqlite,postgres] [--contrast]
// --contrast also loads every row at once with a plain select, for comparison. Not a timed test.
"use strict";

const { rmSync } = require("node:fs");
const { tmpdir } = require("node:os");
const { join } = require("node:path");
const { Integer, PostgresEngine, SQLiteEngine, Table, Varchar, column, table } = require("../build/lib");

function option(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
}
const rows = Number(option("rows", "1000000"));
const size = Number(option("size", "1000"));
const engines = option("engines", "sqlite,postgres").split(",");
const contrast = process.argv.includes("--contrast");

function defineTable(db) {
  class Reading extends Table() {}
  column(Varchar({ length: 40 }))(Reading.prototype, "label");
  column(Integer())(Reading.prototype, "value");
  return table({ db, tablename: "bench_reading" })(Reading);
}

async function fill(engine, Reading) {
  await Reading.dropTable({ ifExists: true });
  await Reading.createTable();
  const series =
    engine instanceof PostgresEngine
      ? `INSERT INTO bench_reading (label, value) SELECT 'reading ' || x, x FROM generate_series(1, {}) AS x`
      : `WITH RECURSIVE s(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM s WHERE x < {}) INSERT INTO bench_reading (label, value) SELECT 'reading ' || x, x FROM s`;
  await engine.rawQuery(series, [rows]);
}

/** Runs `work` while sampling RSS every 10 ms; returns the peak above the starting RSS, in MiB. */
async function peakRss(work) {
  global.gc?.();
  const start = process.memoryUsage.rss();
  let peak = start;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 10);
  const began = Date.now();
  const count = await work();
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage.rss());
  return {
    count,
    seconds: (Date.now() - began) / 1000,
    startMiB: start / 2 ** 20,
    growthMiB: (peak - start) / 2 ** 20,
  };
}

async function main() {
  for (const name of engines) {
    const path = join(tmpdir(), `piccolo-batch-${process.pid}.sqlite`);
    const engine =
      name === "postgres"
        ? new PostgresEngine({
            config: {
              host: process.env.PGHOST || "127.0.0.1",
              user: process.env.PGUSER || "postgres",
              database: process.env.PGDATABASE || "test",
            },
          })
        : new SQLiteEngine({ path });
    const Reading = defineTable(engine);
    await fill(engine, Reading);
    const streamed = await peakRss(async () => {
      let count = 0;
      for await (const chunk of Reading.select().batch({ size })) count += chunk.length;
      return count;
    });
    console.log(
      `${name}: batch({ size: ${size} }) over ${streamed.count} rows in ${streamed.seconds.toFixed(1)} s, RSS ${streamed.startMiB.toFixed(0)} MiB at start, peak +${streamed.growthMiB.toFixed(1)} MiB`,
    );
    if (contrast) {
      const loaded = await peakRss(async () => (await Reading.select()).length);
      console.log(
        `${name}: plain select of ${loaded.count} rows (for contrast): peak +${loaded.growthMiB.toFixed(1)} MiB`,
      );
    }
    await Reading.dropTable({ ifExists: true });
    await engine.close();
    if (name !== "postgres") for (const suffix of ["", "-wal", "-shm"]) rmSync(path + suffix, { force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
