import { expect } from "chai";
import {
  DatabaseError,
  DatabaseLockedError,
  type Engine,
  OrmError,
  SQLiteEngine,
  SerializationFailureError,
  UniqueViolationError,
} from "../../lib";
import { describeEachEngine, onlyEngines } from "../support/engines";
import { type AccountClass, makeAccount, runTransfers, setupAccounts, totalBalance } from "../support/transfers";

describeEachEngine(
  "transaction retries",
  (ctx) => {
    let Account: AccountClass;
    let ids: number[];
    // SQLite: one engine serialises its own transactions, so conflicts need several engines
    // (as several processes would be) on the same file, with deferred transactions.
    const extra: Engine[] = [];
    const engines = () => [ctx.engine, ...extra];

    before(async function () {
      this.timeout(20_000);
      Account = makeAccount(ctx.engine);
      if (ctx.engine instanceof SQLiteEngine) {
        // Two more: with sqlite3 each connection waiting for the lock holds one of libuv's 4 threads.
        for (let i = 0; i < 2; i++)
          extra.push(new SQLiteEngine({ path: ctx.engine.path, driver: ctx.engine.driver, busyTimeout: 2000 }));
      }
    });
    beforeEach(async () => {
      ids = await setupAccounts(Account, 6, 1000);
    });
    after(async () => {
      for (const engine of extra.splice(0)) await engine.close();
      await ctx.dropTables("transfer_account");
    });

    it("300 conflicting transfers all commit, conserving the total, with retries (which proves conflicts happened)", async function () {
      this.timeout(60_000);
      const accounts = engines().map((engine) => ({ engine, Account: makeAccount(engine) }));
      const stats = await runTransfers({
        accounts,
        ids,
        tasks: 4,
        count: 300,
        transaction: {
          isolationLevel: "serializable",
          type: "deferred",
          retries: 100,
          retryBaseDelay: 1,
          retryMaxDelay: 20,
        },
      });
      console.log(`      [${ctx.name}] 300 transfers: ${stats.retries} retries, ${stats.errors} errors`);
      expect(stats.errorSamples).to.deep.equal([]);
      expect(stats.operations).to.equal(300);
      expect(stats.retries).to.be.greaterThan(0);
      expect(await totalBalance(Account)).to.equal(6000);
    });

    it("without retries the same conflicts surface as typed errors (and the total is still conserved)", async function () {
      this.timeout(60_000);
      const accounts = engines().map((engine) => ({ engine, Account: makeAccount(engine) }));
      const stats = await runTransfers({
        accounts,
        ids,
        tasks: 4,
        count: 50,
        // CockroachEngine retries by default: its "without" is an explicit retries: 0.
        transaction: {
          isolationLevel: "serializable",
          type: "deferred",
          ...(ctx.name === "cockroach" ? { retries: 0 } : {}),
        },
      });
      expect(stats.retries).to.equal(0);
      expect(stats.errors).to.be.greaterThan(0);
      expect(stats.operations + stats.errors).to.equal(50);
      expect(await totalBalance(Account)).to.equal(6000);
    });

    it("retries re-run the whole callback and give up after `retries`, rethrowing the last failure", async () => {
      let calls = 0;
      const seen: number[] = [];
      const failure = await ctx.engine
        .transaction(
          async () => {
            calls++;
            await Account.update({ balance: 1 }).where(Account.c.id.eq(ids[0]!));
            throw new SerializationFailureError("forced", "SELECT 1", [], { code: "60001" }, undefined);
          },
          { retries: 2, retryBaseDelay: 1, onRetry: (_error, retry) => seen.push(retry) },
        )
        .catch((error: unknown) => error);
      expect(failure).to.be.instanceOf(SerializationFailureError);
      expect(calls).to.equal(3);
      expect(seen).to.deep.equal([1, 2]);
      expect(await totalBalance(Account)).to.equal(6000); // every attempt rolled back
    });

    it("errors that retrying cannot cure are not retried", async () => {
      let calls = 0;
      const failure = await ctx.engine
        .transaction(
          async () => {
            calls++;
            await Account.insert({ id: ids[0]!, owner: "dup", balance: 0 });
          },
          { retries: 5 },
        )
        .catch((error: unknown) => error);
      expect(failure).to.be.instanceOf(UniqueViolationError);
      expect(calls).to.equal(1);
    });

    it("a nested transaction does not retry: the failure passes to the outermost one, which retries the whole", async () => {
      let outer = 0;
      let inner = 0;
      await ctx.engine.transaction(
        async () => {
          outer++;
          await ctx.engine.transaction(
            async () => {
              inner++;
              if (outer === 1) throw new SerializationFailureError("forced", "SELECT 1", [], {}, undefined);
              await Account.update({ balance: 7 }).where(Account.c.id.eq(ids[0]!));
            },
            { retries: 5 },
          );
        },
        { retries: 1, retryBaseDelay: 1 },
      );
      expect([outer, inner]).to.deep.equal([2, 2]);
      expect((await Account.select(Account.c.balance).where(Account.c.id.eq(ids[0]!)))[0]!.balance).to.equal(7);
    });

    it("bad retry options are refused before anything runs", async () => {
      for (const options of [{ retries: -1 }, { retries: 1.5 }, { retryMaxDelay: "1s" }, { onRetry: 1 }]) {
        const error = await ctx.engine.transaction(async () => undefined, options as never).catch((e: unknown) => e);
        expect(error).to.be.instanceOf(OrmError).and.include({ code: "PICCOLO_INVALID_TRANSACTION_OPTION" });
      }
    });

    it("SQLite only: a deferred transaction that lost the race for the write lock is a DatabaseLockedError, and is retried", async function () {
      onlyEngines(this, ctx, "sqlite", "sqlite3");
      const other = makeAccount(extra[0]!);
      let attempts = 0;
      const work = (retries: number) =>
        ctx.engine.transaction(
          async () => {
            attempts++;
            await Account.select(Account.c.balance); // takes a read snapshot
            if (attempts === 1)
              await extra[0]!.transaction(() =>
                other
                  .update({ balance: other.c.balance.plus(1) })
                  .where(other.c.id.eq(ids[1]!))
                  .run(),
              );
            await Account.update({ balance: 5 }).where(Account.c.id.eq(ids[0]!)); // the snapshot is stale now
          },
          { type: "deferred", retries, retryBaseDelay: 1 },
        );
      const error = await work(0).catch((e: unknown) => e);
      expect(error).to.be.instanceOf(DatabaseLockedError).and.to.be.instanceOf(DatabaseError);
      expect((error as DatabaseLockedError).code).to.equal("PICCOLO_DATABASE_LOCKED");
      attempts = 0;
      await work(1);
      expect(attempts).to.equal(2);
      expect((await Account.select(Account.c.balance).where(Account.c.id.eq(ids[0]!)))[0]!.balance).to.equal(5);
    });
  },
  { also: ["sqlite3"] },
);
