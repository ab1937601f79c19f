import { expect } from "chai";
import {
  Engine,
  Integer,
  OrmError,
  SQLiteEngine,
  Savepoint,
  Table,
  UniqueViolationError,
  Varchar,
  column,
  table,
} from "../../lib";
import { describeEachEngine, onlyEngines } from "../support/engines";

/** A one-table schema of its own. */
function makeThing(db: Engine) {
  @table({ db, tablename: "txapi_thing" })
  class Thing extends Table<Thing>() {
    @column(Varchar({ length: 50, unique: true })) name!: string;
    @column(Integer({ default: 0 })) n!: number;
  }
  return Thing;
}

describeEachEngine(
  "transaction API",
  (ctx) => {
    let Thing: ReturnType<typeof makeThing>;
    const names = async () => (await Thing.select(Thing.c.name).orderBy(Thing.c.name)).map((r) => r.name);

    before(async () => {
      Thing = makeThing(ctx.engine);
      await Thing.dropTable({ ifExists: true });
      await Thing.createTable();
    });
    beforeEach(() => Thing.delete({ force: true }).run());
    after(() => ctx.dropTables("txapi_thing"));

    it("atomic() runs the collected queries in order in one transaction and returns their results", async () => {
      const batch = ctx.engine.atomic();
      batch.add(Thing.insert({ name: "a" }), Thing.insert({ name: "b" }));
      batch.add(Thing.update({ n: 5 }).where(Thing.c.name.eq("a")));
      expect(batch.size).to.equal(3);
      expect(await names()).to.deep.equal([]); // nothing runs until run()
      const results = await batch.run();
      expect(results).to.have.length(3);
      expect(await Thing.select(Thing.c.name, Thing.c.n).orderBy(Thing.c.name)).to.deep.equal([
        { name: "a", n: 5 },
        { name: "b", n: 0 },
      ]);
    });

    it("atomic() commits all or nothing: a failing query rolls back the ones before it", async () => {
      await Thing.insert({ name: "taken" });
      const batch = ctx.engine.atomic().add(Thing.insert({ name: "new" }), Thing.insert({ name: "taken" }));
      const error = await batch.run().catch((e: unknown) => e);
      expect(error).to.be.instanceOf(UniqueViolationError);
      expect(await names()).to.deep.equal(["taken"]);
    });

    it("atomic().add() refuses an awaited query (a promise or result), naming the fix", async () => {
      const batch = ctx.engine.atomic();
      for (const bad of [Promise.resolve([]), [], null]) {
        expect(() => batch.add(bad as never))
          .to.throw(OrmError)
          .with.property("code", "PICCOLO_ATOMIC_NOT_A_QUERY");
      }
      expect(batch.size).to.equal(0);
    });

    it("tx.savepoint(name) → rollbackTo() undoes only the work after it; release() keeps it", async () => {
      await ctx.engine.transaction(async (tx) => {
        await Thing.insert({ name: "before" });
        const sp = await tx.savepoint("my_savepoint");
        expect(sp).to.be.instanceOf(Savepoint).and.include({ name: "my_savepoint" });
        await Thing.insert({ name: "undone" });
        await sp.rollbackTo();
        expect(await names()).to.deep.equal(["before"]);
        await Thing.insert({ name: "after" });
        await sp.rollbackTo(); // a savepoint stays after a rollback to it
        await Thing.insert({ name: "kept" });
        await sp.release();
        const second = await tx.savepoint();
        expect(second.name).to.match(/^piccolo_user_\d+$/);
        await Thing.insert({ name: "released" });
        await second.release();
      });
      expect(await names()).to.deep.equal(["before", "kept", "released"]);
    });

    it("rollbackTo() recovers from a failed statement inside the transaction (PostgreSQL aborts until then)", async () => {
      await ctx.engine.transaction(async (tx) => {
        await Thing.insert({ name: "x" });
        const sp = await tx.savepoint("before_dup");
        const error = await Thing.insert({ name: "x" })
          .run()
          .catch((e: unknown) => e);
        expect(error).to.be.instanceOf(UniqueViolationError);
        await sp.rollbackTo();
        await Thing.insert({ name: "y" });
      });
      expect(await names()).to.deep.equal(["x", "y"]);
    });

    it("a released savepoint, a bad savepoint name and a savepoint after the end are clear errors", async () => {
      let kept: Savepoint | undefined;
      await ctx.engine.transaction(async (tx) => {
        const sp = await tx.savepoint("once");
        await sp.release();
        const again = await sp.rollbackTo().catch((e: unknown) => e);
        expect(again).to.be.instanceOf(OrmError).and.include({ code: "PICCOLO_SAVEPOINT_FINISHED" });
        for (const bad of ['x"; DROP TABLE txapi_thing; --', "1abc", "", "a".repeat(64)]) {
          const error = await tx.savepoint(bad).catch((e: unknown) => e);
          expect(error).to.be.instanceOf(OrmError).and.include({ code: "PICCOLO_INVALID_SAVEPOINT_NAME" });
        }
        kept = await tx.savepoint("late");
      });
      const late = await kept!.release().catch((e: unknown) => e);
      expect(late).to.be.instanceOf(OrmError).and.include({ code: "PICCOLO_SAVEPOINT_FINISHED" });
    });

    it("transactionExists() is true inside a transaction (nested too) and false outside", async () => {
      expect(ctx.engine.transactionExists()).to.equal(false);
      await ctx.engine.transaction(async (tx) => {
        expect(ctx.engine.transactionExists()).to.equal(true);
        expect(tx.isActive).to.equal(true);
        await ctx.engine.transaction(async () => expect(ctx.engine.transactionExists()).to.equal(true));
      });
      expect(ctx.engine.transactionExists()).to.equal(false);
    });

    it("every SQLite transaction type runs (and PostgreSQL accepts and ignores them); an unknown one is refused", async () => {
      for (const type of ["deferred", "immediate", "exclusive"] as const) {
        await ctx.engine.transaction(() => Thing.insert({ name: type }).run(), { type });
      }
      expect(await names()).to.deep.equal(["deferred", "exclusive", "immediate"]);
      const error = await ctx.engine
        .transaction(async () => undefined, { type: "lazy" as never })
        .catch((e: unknown) => e);
      expect(error).to.be.instanceOf(OrmError).and.include({ code: "PICCOLO_INVALID_TRANSACTION_OPTION" });
    });

    it("SQLite only: a deferred transaction does not take the write lock until it writes; immediate does", async function () {
      onlyEngines(this, ctx, "sqlite", "sqlite3");
      const path = (ctx.engine as SQLiteEngine).path;
      const other = new SQLiteEngine({ path, driver: (ctx.engine as SQLiteEngine).driver, busyTimeout: 50 });
      const OtherThing = makeThing(other);
      try {
        await ctx.engine.transaction(
          async () => {
            await Thing.select(); // reading only: another connection may still write
            await OtherThing.insert({ name: "other" });
          },
          { type: "deferred" },
        );
        const blocked = await ctx.engine
          .transaction(() => OtherThing.insert({ name: "blocked" }).run(), { type: "immediate" })
          .catch((e: unknown) => e);
        expect(blocked).to.have.property("code", "PICCOLO_DATABASE_LOCKED");
        expect((blocked as Error).message).to.include("busyTimeout (50 ms)");
      } finally {
        await other.close();
      }
      expect(await names()).to.deep.equal(["other"]);
    });
  },
  { also: ["sqlite3"] },
);
