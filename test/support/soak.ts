/**
 * The soak workload shared by `npm run soak` (bench/soak.ts, 60 s) and its 5-second version in
 * `npm test`: 50 concurrent tasks doing transfers under SERIALIZABLE with retries, on PostgreSQL
 * (one pool) and on SQLite (several engines on one file, as several processes would be, with
 * deferred transactions so they truly conflict). The total of the balances must never change.
 */
import { type Engine, PostgresEngine, SQLiteEngine } from "../../lib";
import { type TransferStats, makeAccount, runTransfers, setupAccounts, totalBalance } from "./transfers";

/** What one engine's soak did. */
export interface SoakResult extends TransferStats {
  engine: string;
  durationMs: number;
  totalBefore: number;
  totalAfter: number;
}

const accountCount = 10;
const startingBalance = 1000;

/** Soaks one engine (plus `peers` sharing its database) for `durationMs` with `tasks` tasks. */
export async function soak(
  name: string,
  engine: Engine,
  peers: readonly Engine[],
  durationMs: number,
  tasks = 50,
): Promise<SoakResult> {
  const Account = makeAccount(engine);
  const ids = await setupAccounts(Account, accountCount, startingBalance);
  const totalBefore = await totalBalance(Account);
  const accounts = [engine, ...peers].map((e) => ({ engine: e, Account: makeAccount(e) }));
  const started = performance.now();
  const stats = await runTransfers({
    accounts,
    ids,
    tasks,
    durationMs,
    transaction: {
      isolationLevel: "serializable",
      type: "deferred",
      retries: 50,
      retryBaseDelay: 2,
      retryMaxDelay: 100,
    },
  });
  const elapsed = performance.now() - started;
  const totalAfter = await totalBalance(Account);
  await Account.dropTable({ ifExists: true });
  return { engine: name, durationMs: Math.round(elapsed), totalBefore, totalAfter, ...stats };
}

/** SQLite engines sharing one file: the first creates it; the others are peers. */
export function sqliteEngines(path: string, count: number): SQLiteEngine[] {
  return Array.from({ length: count }, () => new SQLiteEngine({ path, busyTimeout: 5000 }));
}

/** A PostgreSQL engine whose pool serves the soak's tasks. */
export function postgresEngine(config: object): PostgresEngine {
  return new PostgresEngine({ config: { ...config, max: 10 } });
}

/** One line of figures for a report. */
export function describeSoak(r: SoakResult): string {
  const perSecond = Math.round((r.operations / r.durationMs) * 1000);
  return `${r.engine}: ${r.operations} transfers in ${r.durationMs} ms (${perSecond}/s), ${r.retries} retries, ${r.errors} errors; total ${r.totalBefore} → ${r.totalAfter}`;
}
