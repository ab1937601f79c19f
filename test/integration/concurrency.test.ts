import { setTimeout as sleep } from "node:timers/promises";
import { expect } from "chai";
import { Engine, Integer, SQLiteEngine, SerializationFailureError, Table, Varchar, column, table } from "../../lib";
import { deferred } from "../support/deferred";
import { describeEachEngine, onlyEngines } from "../support/engines";

/** A one-table schema of its own; `tag` says which writer made the row. */
function makeItem(db: Engine) {
  @table({ db, tablename: "conc_item" })
  class Item extends Table<Item>() {
    @column(Varchar({ length: 50 })) tag!: string;
    @column(Integer({ default: 0 })) n!: number;
  }
  return Item;
}
type ItemClass = ReturnType<typeof makeItem>;

/** One writer: a transaction that inserts, yields for 0–5 ms, then updates its own row. */
function writer(engine: Engine, Item: ItemClass, tag: string): Promise<void> {
  return engine.transaction(async () => {
    await Item.insert({ tag, n: 0 });
    await sleep(Math.floor(Math.random() * 6));
    await Item.update({ n: Item.c.n.plus(1) }).where(Item.c.tag.eq(tag));
  });
}

/** Asserts the table holds exactly `count` rows, each with its update applied once. */
async function expectAllApplied(Item: ItemClass, count: number): Promise<void> {
  const rows = await Item.select(Item.c.tag, Item.c.n);
  expect(rows).to.have.length(count);
  expect(new Set(rows.map((r) => r.tag)).size).to.equal(count);
  expect(rows.filter((r) => r.n !== 1)).to.deep.equal([]);
}

describeEachEngine(
  "concurrency",
  (ctx) => {
    let Item: ItemClass;

    before(async () => {
      Item = makeItem(ctx.engine);
      await Item.dropTable({ ifExists: true });
      await Item.createTable();
    });
    beforeEach(() => Item.delete({ force: true }).run());
    after(() => ctx.dropTables("conc_item"));

    it("50 concurrent transactional writers: no error, no lost write, every update applied", async () => {
      const results = await Promise.allSettled(Array.from({ length: 50 }, (_, i) => writer(ctx.engine, Item, `w${i}`)));
      const errors = results.flatMap((r) => (r.status === "rejected" ? [String(r.reason)] : []));
      expect(errors).to.deep.equal([]);
      await expectAllApplied(Item, 50);
      expect(await Item.count()).to.equal(50);
    });

    it("50 concurrent plain inserts interleaved with a long-running transaction", async () => {
      const long = ctx.engine.transaction(async () => {
        await Item.insert({ tag: "long-1", n: 1 });
        await sleep(50);
        await Item.insert({ tag: "long-2", n: 1 });
        await Item.update({ n: 1 }).where(Item.c.tag.like("long-%"));
      });
      await sleep(1);
      const inserts = Array.from({ length: 50 }, async (_, i) => {
        await sleep(i % 5);
        await Item.insert({ tag: `plain${i}`, n: 1 });
      });
      const results = await Promise.allSettled([long, ...inserts]);
      const errors = results.flatMap((r) => (r.status === "rejected" ? [String(r.reason)] : []));
      expect(errors).to.deep.equal([]);
      await expectAllApplied(Item, 52);
    });

    it("a failing writer among 20 rolls back alone", async () => {
      const results = await Promise.allSettled(
        Array.from({ length: 20 }, (_, i) =>
          ctx.engine.transaction(async () => {
            await Item.insert({ tag: `t${i}`, n: 1 });
            await sleep(i % 3);
            if (i === 7) throw new Error("writer 7 fails");
          }),
        ),
      );
      const errors = results.flatMap((r) => (r.status === "rejected" ? [(r.reason as Error).message] : []));
      expect(errors).to.deep.equal(["writer 7 fails"]);
      await expectAllApplied(Item, 19);
      expect(await Item.exists().where(Item.c.tag.eq("t7"))).to.equal(false);
    });

    it("PostgreSQL only: conflicting serializable transactions fail with SerializationFailureError", async function () {
      onlyEngines(this, ctx, "postgres");
      const counted = [deferred(), deferred()];
      // Write skew: each inserts a row based on a count the other changes.
      const work = (i: 0 | 1) =>
        ctx.engine.transaction(
          async () => {
            const seen = await Item.count();
            counted[i]!.resolve();
            await counted[1 - i]!.promise;
            await Item.insert({ tag: `s${i}`, n: seen + 1 });
          },
          { isolationLevel: "serializable" },
        );
      const results = await Promise.allSettled([work(0), work(1)]);
      const failures = results.flatMap((r) => (r.status === "rejected" ? [r.reason as Error] : []));
      expect(failures).to.have.length(1);
      expect(failures[0]).to.be.instanceOf(SerializationFailureError);
      expect((failures[0] as SerializationFailureError).driverCode).to.equal("40001");
      expect((failures[0] as SerializationFailureError).code).to.equal("PICCOLO_SERIALIZATION_FAILURE");
      expect(await Item.count()).to.equal(1);
    });

    // Two connections really contend for SQLite's lock here: a synchronous busy wait would freeze
    // the event loop so the holder could never commit (better-sqlite3 therefore retries in JS).
    it("SQLite only: two engines on one file (two connections) lose no writes", async function () {
      onlyEngines(this, ctx, "sqlite", "sqlite3");
      const { path, driver } = ctx.engine as SQLiteEngine;
      const engines = [
        new SQLiteEngine({ path, driver, busyTimeout: 1000 }),
        new SQLiteEngine({ path, driver, busyTimeout: 1000 }),
      ];
      const items = engines.map(makeItem);
      try {
        const results = await Promise.allSettled(
          Array.from({ length: 20 }, (_, i) => writer(engines[i % 2]!, items[i % 2]!, `e${i % 2}-${i}`)),
        );
        const errors = results.flatMap((r) => (r.status === "rejected" ? [String(r.reason)] : []));
        expect(errors).to.deep.equal([]);
        await expectAllApplied(Item, 20);
      } finally {
        await Promise.all(engines.map((e) => e.close()));
      }
    });
  },
  { also: ["sqlite3"] },
);
