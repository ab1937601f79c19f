/**
 * `npm run soak`: 50 concurrent tasks doing money transfers under SERIALIZABLE with retries, on
 * PostgreSQL and on SQLite (four engines on one file, as four processes would be), for 27 s each
 * (SOAK_SECONDS sets the seconds per engine, at most 27, so the whole run, set-up and last transfers included, stays within 60 s).
 * Reports operations, retries and errors, and fails (exit 1) when the total of the balances changed
 * or any transfer failed. PostgreSQL comes from PG* variables (default 127.0.0.1:5432, database test).
 */
import { rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type SoakResult, describeSoak, postgresEngine, soak, sqliteEngines } from "../test/support/soak";

const pgConfig = {
  host: process.env.PGHOST || "127.0.0.1",
  port: Number(process.env.PGPORT || 5432),
  user: process.env.PGUSER || "postgres",
  database: process.env.PGDATABASE || "test",
  ...(process.env.PGPASSWORD ? { password: process.env.PGPASSWORD } : {}),
};

async function main(): Promise<void> {
  const seconds = Math.min(27, Math.max(1, Number(process.env.SOAK_SECONDS ?? 27)));
  const results: SoakResult[] = [];

  const path = join(tmpdir(), `piccolo-soak-${process.pid}.sqlite`);
  const [lite, ...peers] = sqliteEngines(path, 4);
  try {
    results.push(await soak("sqlite (4 engines, one file)", lite!, peers, seconds * 1000));
  } finally {
    for (const engine of [lite!, ...peers]) await engine.close();
    for (const suffix of ["", "-wal", "-shm"]) rmSync(path + suffix, { force: true });
  }
  console.log(describeSoak(results[results.length - 1]!));

  const pg = postgresEngine({ ...pgConfig, connectionTimeoutMillis: 3000 });
  try {
    results.push(await soak("postgres (pool of 10)", pg, [], seconds * 1000));
    console.log(describeSoak(results[results.length - 1]!));
  } finally {
    await pg.close();
  }

  const broken = results.filter((r) => r.totalAfter !== r.totalBefore || r.errors > 0);
  for (const r of broken) console.error(`FAILED ${r.engine}: ${r.errorSamples.join("; ") || "total changed"}`);
  process.exitCode = broken.length > 0 ? 1 : 0;
}

void main();
