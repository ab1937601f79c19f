/**
 * A money-transfer workload for retry tests, the soak test and `npm run soak`: transactions that
 * read two balances and write them back changed, so concurrent ones conflict (SERIALIZABLE on
 * PostgreSQL, deferred transactions on SQLite) and only retries let them all commit. The total of
 * all balances never changes when every transaction is atomic and isolated.
 */
import { Engine, Integer, Table, Varchar, column, table, type TransactionOptions } from "../../lib";

/** The account table, declared on one engine (several engines may share one SQLite file). */
export function makeAccount(db: Engine) {
  @table({ db, tablename: "transfer_account" })
  class Account extends Table<Account>() {
    @column(Varchar({ length: 20 })) owner!: string;
    @column(Integer()) balance!: number;
  }
  return Account;
}
export type AccountClass = ReturnType<typeof makeAccount>;

/** Counts of a workload run. */
export interface TransferStats {
  operations: number;
  retries: number;
  errors: number;
  /** The first few errors' messages, to report. */
  errorSamples: string[];
}

/** Recreates the table with `accounts` rows of `balance` each; returns their ids. */
export async function setupAccounts(Account: AccountClass, accounts: number, balance: number): Promise<number[]> {
  await Account.dropTable({ ifExists: true });
  await Account.createTable();
  const rows = Array.from({ length: accounts }, (_, i) => ({ owner: `acct${i}`, balance }));
  const inserted = await Account.insert(...rows).returning(Account.c.id);
  return inserted.map((r) => r.id);
}

/** The sum of every balance, read in one statement. */
export async function totalBalance(Account: AccountClass): Promise<number> {
  const rows = await Account.select(Account.c.balance);
  return rows.reduce((sum, r) => sum + r.balance, 0);
}

/** Options of one run: how transactions are made and retried. */
export interface TransferRun {
  /** One entry per engine sharing the database (with the table declared on it); tasks are spread over them. */
  readonly accounts: readonly { engine: Engine; Account: AccountClass }[];
  readonly ids: readonly number[];
  readonly tasks: number;
  /** Stop after this many transfers in all, … */
  readonly count?: number;
  /** … or after this long, in ms. */
  readonly durationMs?: number;
  readonly transaction: TransactionOptions;
}

/** One read-modify-write transfer of `amount` from one account to another. */
async function transfer(
  engine: Engine,
  Account: AccountClass,
  from: number,
  to: number,
  amount: number,
  options: TransactionOptions,
) {
  await engine.transaction(async () => {
    const rows = await Account.select(Account.c.id, Account.c.balance).where(Account.c.id.isIn([from, to]));
    const balance = (id: number) => rows.find((r) => r.id === id)!.balance;
    const [fromBalance, toBalance] = [balance(from), balance(to)];
    await Account.update({ balance: fromBalance - amount }).where(Account.c.id.eq(from));
    await Account.update({ balance: toBalance + amount }).where(Account.c.id.eq(to));
  }, options);
}

/** Runs `tasks` concurrent workers doing transfers until `count` are done or `durationMs` has passed. */
export async function runTransfers(run: TransferRun): Promise<TransferStats> {
  const stats: TransferStats = { operations: 0, retries: 0, errors: 0, errorSamples: [] };
  const options: TransactionOptions = { ...run.transaction, onRetry: () => void stats.retries++ };
  const deadline = run.durationMs === undefined ? Infinity : Date.now() + run.durationMs;
  let started = 0;
  const more = () => (run.count === undefined || started < run.count) && Date.now() < deadline;
  const worker = async (task: number) => {
    const { engine, Account } = run.accounts[task % run.accounts.length]!;
    while (more()) {
      started++;
      const from = run.ids[Math.floor(Math.random() * run.ids.length)]!;
      let to = run.ids[Math.floor(Math.random() * run.ids.length)]!;
      if (to === from) to = run.ids[(run.ids.indexOf(from) + 1) % run.ids.length]!;
      try {
        await transfer(engine, Account, from, to, 1 + Math.floor(Math.random() * 10), options);
        stats.operations++;
      } catch (error) {
        stats.errors++;
        if (stats.errorSamples.length < 5) stats.errorSamples.push((error as Error).message);
      }
    }
  };
  await Promise.all(Array.from({ length: run.tasks }, (_, i) => worker(i)));
  return stats;
}
