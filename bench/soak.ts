/**
 * `npm run soak`: 50 concurrent tasks doing money transfers under SERIALIZABLE with retries, on
 * PostgreSQL and on SQLite (four engines on one file, as four processes would be), for 30 s each
 * (SOAK_SECONDS sets the seconds per engine, at most 30, so the whole run stays within 60 s).
 * Reports operations, retries and errors, and fails (exit 1) when the total of the balances changed
 * or any transfer failed. PostgreSQL comes from PG* variables (default 127.0.0.1:5432, database test).
 */
import { rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pgConfig, postgresReachable } from "../test/support/engines";
import { type SoakResult, describeSoak, postgresEngine, soak, sqliteEngines } from "../test/support/soak";

async function main(): Promise<void> {
  const seconds = Math.min(30, Math.max(1, Number(process.env.SOAK_SECONDS ?? 30)));
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

  if (await postgresReachable()) {
    const pg = postgresEngine(pgConfig());
    try {
      results.push(await soak("postgres (pool of 10)", pg, [], seconds * 1000));
    } finally {
      await pg.close();
    }
    console.log(describeSoak(results[results.length - 1]!));
  } else {
    console.log("postgres: not reachable, skipped");
  }

  const broken = results.filter((r) => r.totalAfter !== r.totalBefore || r.errors > 0);
  for (const r of broken) console.error(`FAILED ${r.engine}: ${r.errorSamples.join("; ") || "total changed"}`);
  process.exitCode = broken.length > 0 ? 1 : 0;
}

void main();
