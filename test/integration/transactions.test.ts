import { setTimeout as sleep } from "node:timers/promises";
import { expect } from "chai";
import { Engine, Integer, OrmError, Table, UniqueViolationError, Varchar, column, table } from "../../lib";
import { deferred } from "../support/deferred";
import { describeEachEngine, onlyEngines } from "../support/engines";

/** A one-table schema of its own, so this suite never touches the fixtures. */
function makeItem(db: Engine) {
  @table({ db, tablename: "tx_item" })
  class Item extends Table<Item>() {
    @column(Varchar({ length: 50 })) name!: string;
    @column(Integer({ default: 0 })) n!: number;
  }
  return Item;
}

describeEachEngine(
  "transactions",
  (ctx) => {
    let Item: ReturnType<typeof makeItem>;
    const names = async () => (await Item.select(Item.c.name).orderBy(Item.c.name)).map((r) => r.name);

    before(async () => {
      Item = makeItem(ctx.engine);
      await Item.dropTable({ ifExists: true });
      await Item.createTable();
    });
    beforeEach(() => Item.delete({ force: true }).run());
    after(() => ctx.dropTables("tx_item"));

    it("commits when the callback returns, and returns its value", async () => {
      const result = await ctx.engine.transaction(async () => {
        await Item.insert({ name: "a" }, { name: "b" });
        return "done";
      });
      expect(result).to.equal("done");
      expect(await names()).to.deep.equal(["a", "b"]);
    });

    it("rolls back when the callback throws, and rethrows the same error", async () => {
      await Item.insert({ name: "kept" });
      const boom = new Error("boom");
      let caught: unknown;
      try {
        await ctx.engine.transaction(async () => {
          await Item.insert({ name: "lost" });
          await Item.update({ n: 99 }).where(Item.c.name.eq("kept"));
          throw boom;
        });
      } catch (error) {
        caught = error;
      }
      expect(caught).to.equal(boom);
      expect(await Item.select(Item.c.name, Item.c.n)).to.deep.equal([{ name: "kept", n: 0 }]);
    });

    it("a nested transaction is a savepoint: an inner throw caught outside keeps the outer rows", async () => {
      await ctx.engine.transaction(async () => {
        await Item.insert({ name: "outer-1" });
        const inner = await ctx.engine
          .transaction(async () => {
            await Item.insert({ name: "inner" });
            expect(await names()).to.deep.equal(["inner", "outer-1"]);
            throw new Error("inner fails");
          })
          .catch((error: Error) => error.message);
        expect(inner).to.equal("inner fails");
        expect(await names()).to.deep.equal(["outer-1"]);
        await Item.insert({ name: "outer-2" });
      });
      expect(await names()).to.deep.equal(["outer-1", "outer-2"]);
    });

    it("a successful savepoint commits with its outer transaction, and rolls back with it", async () => {
      await ctx.engine.transaction(async () => {
        await ctx.engine.transaction(() => Item.insert({ name: "nested" }).run());
        await ctx.engine.transaction(async () => {
          await ctx.engine.transaction(() => Item.insert({ name: "deeper" }).run());
        });
      });
      expect(await names()).to.deep.equal(["deeper", "nested"]);

      const failed = ctx.engine.transaction(async () => {
        await ctx.engine.transaction(() => Item.insert({ name: "doomed" }).run());
        throw new Error("outer fails");
      });
      expect(
        await failed.then(
          () => "resolved",
          (e: Error) => e.message,
        ),
      ).to.equal("outer fails");
      expect(await names()).to.deep.equal(["deeper", "nested"]);
    });

    it("a database error inside a savepoint rolls back only the savepoint", async () => {
      await ctx.engine.rawQuery("INSERT INTO tx_item (id, name, n) VALUES ({}, {}, {})", [1, "one", 0]);
      await ctx.engine.transaction(async () => {
        await Item.insert({ name: "before" });
        const error = await ctx.engine
          .transaction(() =>
            ctx.engine.rawQuery("INSERT INTO tx_item (id, name, n) VALUES ({}, {}, {})", [1, "dup", 0]),
          )
          .then(
            () => undefined,
            (e: Error) => e,
          );
        expect(error).to.be.instanceOf(UniqueViolationError);
        await Item.insert({ name: "after" }); // on PostgreSQL the transaction is usable again
      });
      expect(await names()).to.deep.equal(["after", "before", "one"]);
    });

    it("concurrent savepoints in one transaction take turns, so one's rollback cannot undo another", async () => {
      const log: string[] = [];
      const outcomes = await ctx.engine.transaction(async () => {
        const settled = await Promise.allSettled([
          ctx.engine.transaction(async () => {
            log.push("a begin");
            await Item.insert({ name: "a" });
            await sleep(5);
            log.push("a end");
            throw new Error("a fails");
          }),
          ctx.engine.transaction(async () => {
            log.push("b begin");
            await Item.insert({ name: "b" });
            await sleep(10);
            log.push("b end");
          }),
        ]);
        return settled.map((s) => (s.status === "fulfilled" ? "ok" : (s.reason as Error).message));
      });
      expect(outcomes).to.deep.equal(["a fails", "ok"]);
      expect(log).to.deep.equal(["a begin", "a end", "b begin", "b end"]);
      expect(await names()).to.deep.equal(["b"]);
    });

    it("queries deep in helpers, after timers and promise chains, run inside the transaction", async () => {
      async function readNames(): Promise<string[]> {
        await sleep(1);
        return names();
      }
      const seen = await ctx.engine.transaction(async () => {
        await Item.insert({ name: "uncommitted" });
        const viaTimer = await new Promise<string[]>((resolve, reject) => {
          setTimeout(() => {
            readNames().then(resolve, reject);
          }, 2);
        });
        const viaChain = await Promise.resolve()
          .then(() => sleep(1))
          .then(() => readNames());
        const inTx = await new Promise<boolean>((resolve) => setImmediate(() => resolve(ctx.engine.inTransaction)));
        return { viaTimer, viaChain, inTx };
      });
      expect(seen).to.deep.equal({ viaTimer: ["uncommitted"], viaChain: ["uncommitted"], inTx: true });
    });

    it("a query from outside a running transaction does not see its uncommitted rows", async () => {
      const gate = deferred();
      // Created before the transaction, so its continuation runs outside it.
      const outside = (async () => {
        await gate.promise;
        return names();
      })();
      let seenOutside: string[] | undefined;
      await ctx.engine.transaction(async () => {
        await Item.insert({ name: "pending" });
        gate.resolve();
        if (ctx.family === "postgres") {
          seenOutside = await outside; // another pooled connection, concurrently
          expect(await names()).to.deep.equal(["pending"]);
        }
      });
      // SQLite has one connection: the outside query waits for the commit, then sees the row.
      if (ctx.family !== "postgres") seenOutside = await outside;
      expect(seenOutside).to.deep.equal(ctx.family === "postgres" ? [] : ["pending"]);
    });

    it("PostgreSQL only: concurrent transactions each see only their own rows, and both commit", async function () {
      onlyEngines(this, ctx, "postgres");
      const inserted = { a: deferred(), b: deferred() };
      const read = { a: deferred(), b: deferred() };
      // Both insert, then both read, and only then does either commit.
      const work = (mine: "a" | "b", theirs: "a" | "b") =>
        ctx.engine.transaction(async () => {
          await Item.insert({ name: mine });
          inserted[mine].resolve();
          await inserted[theirs].promise;
          const seen = await names();
          read[mine].resolve();
          await read[theirs].promise;
          return seen;
        });
      const [seenA, seenB] = await Promise.all([work("a", "b"), work("b", "a")]);
      expect(seenA).to.deep.equal(["a"]);
      expect(seenB).to.deep.equal(["b"]);
      expect(await names()).to.deep.equal(["a", "b"]);
    });

    it("SQLite only: concurrent transactions are serialised, the second starting after the first commits; reads outside them do not wait", async function () {
      onlyEngines(this, ctx, "sqlite", "sqlite3");
      const log: string[] = [];
      const work = (label: string, pause: number) =>
        ctx.engine.transaction(async () => {
          log.push(`${label} begin`);
          const before = await names();
          await Item.insert({ name: label });
          await sleep(pause);
          log.push(`${label} end (saw ${before.join(",") || "nothing"})`);
        });
      const outside = deferred<string[]>();
      await Promise.all([
        work("first", 30),
        work("second", 0),
        sleep(5).then(async () => {
          log.push("outside query");
          outside.resolve(await names());
          log.push("outside done");
        }),
      ]);
      expect(log).to.deep.equal([
        "first begin",
        "outside query",
        "outside done",
        "first end (saw nothing)",
        "second begin",
        "second end (saw first)",
      ]);
      // The read ran on a reader connection beside the first transaction: nothing was committed yet.
      expect(await outside.promise).to.deep.equal([]);
    });

    it("a query on a transaction that has finished is a clear error", async () => {
      const late = deferred<unknown>();
      await ctx.engine.transaction(async () => {
        await Item.insert({ name: "x" });
        // Still carries the transaction's async context, but runs after the commit.
        setTimeout(() => {
          Item.count().run().then(late.resolve, late.resolve);
        }, 20);
      });
      const outcome = await late.promise;
      expect(outcome).to.be.instanceOf(OrmError);
      expect((outcome as Error).message).to.match(/already committed or rolled back/);
      expect(await names()).to.deep.equal(["x"]);
    });

    it("inTransaction is true inside a transaction and a savepoint, false outside and after", async () => {
      const seen: boolean[] = [ctx.engine.inTransaction];
      await ctx.engine.transaction(async () => {
        seen.push(ctx.engine.inTransaction);
        await ctx.engine.transaction(async () => {
          seen.push(ctx.engine.inTransaction);
        });
        seen.push(ctx.engine.inTransaction);
      });
      seen.push(ctx.engine.inTransaction);
      expect(seen).to.deep.equal([false, true, true, true, false]);
    });

    it("PostgreSQL only: isolationLevel serializable is applied", async function () {
      onlyEngines(this, ctx, "postgres");
      const level = await ctx.engine.transaction(
        async () => (await ctx.engine.rawQuery("SHOW transaction_isolation"))[0]!.transaction_isolation,
        { isolationLevel: "serializable" },
      );
      expect(level).to.equal("serializable");
      const plain = await ctx.engine.transaction(
        async () => (await ctx.engine.rawQuery("SHOW transaction_isolation"))[0],
      );
      expect(plain).to.deep.equal({ transaction_isolation: "read committed" });
    });

    it("PostgreSQL only: an unknown isolation level is a clear error and leaks no connection", async function () {
      onlyEngines(this, ctx, "postgres");
      for (let i = 0; i < 12; i++) {
        const attempt = ctx.engine.transaction(async () => 1, { isolationLevel: "snapshot" as never });
        const error = await attempt.then(
          () => undefined,
          (e: Error) => e,
        );
        expect(error).to.be.instanceOf(OrmError);
        expect(error!.message).to.match(/Unknown isolation level "snapshot"/);
      }
      // More attempts than the pool's 10 connections: a leak would hang here.
      expect(await ctx.engine.transaction(async () => 2)).to.equal(2);
    });

    it("refuses unknown options and isolation levels before BEGIN, naming the nearest (defect 10)", async () => {
      let ran = 0;
      const work = async () => {
        ran++;
        await Item.insert({ name: "never" });
      };
      const attempt = (options: unknown) =>
        ctx.engine.transaction(work, options as never).then(
          () => undefined,
          (e: Error) => e,
        );
      const unknown = await attempt({ isolation: "serializable" });
      expect(unknown).to.be.instanceOf(OrmError);
      expect(unknown!.message).to.match(/transaction\(\) has no option "isolation"\. Did you mean "isolationLevel"\?/);
      const typo = await attempt({ isolationLevel: "serialisable" });
      expect(typo!.message).to.match(/Unknown isolation level "serialisable".*Did you mean "serializable"\?/);
      expect((await attempt({ isolationLevel: "snapshot" }))!.message).to.match(/Unknown isolation level "snapshot"/);
      expect((await attempt({ isolationLevel: "SERIALIZABLE" }))!.message).to.match(
        /Unknown isolation level "SERIALIZABLE"/,
      );
      expect((await attempt("serializable"))!.message).to.match(/transaction\(\) options must be an object/);
      expect((await attempt({ readOnly: true }))!.message).to.match(
        /has no option "readOnly".*Valid options: isolationLevel/,
      );
      expect(ran).to.equal(0);
      expect(await names()).to.deep.equal([]);
      // Nested, the options are checked too, though a savepoint keeps its transaction's level.
      const nested = await ctx.engine
        .transaction(() => ctx.engine.transaction(work, { isolation: "serializable" } as never))
        .then(
          () => undefined,
          (e: Error) => e,
        );
      expect(nested!.message).to.match(/has no option "isolation"/);
      expect(ran).to.equal(0);
      // Every valid level runs (SQLite's transactions are serializable whatever is asked).
      for (const isolationLevel of ["read uncommitted", "read committed", "repeatable read", "serializable"] as const) {
        await ctx.engine.transaction(() => Item.insert({ name: isolationLevel }).run(), { isolationLevel });
      }
      await ctx.engine.transaction(() => Item.insert({ name: "none" }).run(), {});
      expect(await names()).to.have.length(5);
    });

    it("SQLite only: isolationLevel serializable is accepted (SQLite is always serializable)", async function () {
      onlyEngines(this, ctx, "sqlite", "sqlite3");
      await ctx.engine.transaction(() => Item.insert({ name: "s" }).run(), { isolationLevel: "serializable" });
      expect(await names()).to.deep.equal(["s"]);
    });
  },
  { also: ["sqlite3", "cockroach"] },
);
