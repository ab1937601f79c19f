/**
 * Reads during a long write on SQLite (`npm run bench:sqlite-readers`): a transaction holds the
 * writer for 2 s while 20 callers read in a loop outside it. With reader connections (the
 * default) the reads run beside the transaction; with `readers: 0` (the old single connection)
 * they wait for it. Prints reads completed during the transaction and read latency, per driver.
 */
import { rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { Integer, SQLiteEngine, Table, Varchar, column, table } from "../lib";

const holdMs = 2000;
const callers = 20;

async function measure(driver: "better-sqlite3" | "sqlite3", readers: number | undefined): Promise<string> {
  const path = join(tmpdir(), `piccolo-readers-${process.pid}-${driver}-${readers}.sqlite`);
  const db = new SQLiteEngine({ path, driver, ...(readers === undefined ? {} : { readers }) });
  @table({ db, tablename: "bench_item" })
  class Item extends Table<Item>() {
    @column(Varchar({ length: 40 })) name!: string;
    @column(Integer()) n!: number;
  }
  try {
    await Item.createTable();
    await Item.insert(...Array.from({ length: 1000 }, (_, i) => ({ name: `item${i}`, n: i })));
    let writing = true;
    const latencies: number[] = [];
    const write = db
      .transaction(async () => {
        await Item.update({ n: Item.c.n.plus(1) }).where(Item.c.n.lt(500));
        await sleep(holdMs);
      })
      .then(() => (writing = false));
    const reader = async () => {
      while (writing) {
        const t0 = performance.now();
        await Item.select(Item.c.name).where(Item.c.n.eq(Math.floor(Math.random() * 1000)));
        if (writing) latencies.push(performance.now() - t0);
        await sleep(1);
      }
    };
    await Promise.all([write, ...Array.from({ length: callers }, reader)]);
    latencies.sort((a, b) => a - b);
    const pct = (p: number) => (latencies.length ? latencies[Math.floor((latencies.length - 1) * p)]!.toFixed(2) : "-");
    const label = `${driver}, readers ${readers ?? "default"}`.padEnd(30);
    return `${label} reads during the ${holdMs} ms transaction: ${String(latencies.length).padStart(6)}; latency p50 ${pct(0.5)} ms, p99 ${pct(0.99)} ms`;
  } finally {
    await db.close();
    for (const suffix of ["", "-wal", "-shm"]) rmSync(path + suffix, { force: true });
  }
}

async function main(): Promise<void> {
  for (const driver of ["better-sqlite3", "sqlite3"] as const) {
    console.log(await measure(driver, undefined));
    console.log(await measure(driver, 0));
  }
}

void main();
