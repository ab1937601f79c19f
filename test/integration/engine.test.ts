import { randomBytes } from "node:crypto";
import { mkdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "chai";
import {
  DatabaseError,
  ForeignKeyViolationError,
  NotNullViolationError,
  OrmError,
  PostgresEngine,
  SQLiteEngine,
  UniqueViolationError,
} from "../../lib";
import { settled } from "../support/assertions";
import { describeEachEngine, onlyEngines, pgConfig } from "../support/engines";
import { makeFixtures } from "../support/fixtures";
import { keyParam } from "../support/keys";

/** Runs `fn` and returns what it rejected with; fails the test when it resolves. */
async function rejection(fn: () => Promise<unknown>): Promise<Error> {
  try {
    await fn();
  } catch (error) {
    return error as Error;
  }
  expect.fail("expected the promise to reject");
}

describe("engine options", () => {
  it("rejects an unknown SQLiteEngine option by name", () => {
    expect(() => new SQLiteEngine({ nope: 1 } as never))
      .to.throw(OrmError, /SQLiteEngine has no option "nope"/)
      .with.property("message")
      .that.includes("path, driver, busyTimeout");
  });

  it("rejects an unknown SQLite driver and names the valid ones", () => {
    expect(() => new SQLiteEngine({ driver: "sqlite4" as never })).to.throw(
      OrmError,
      /driver must be "better-sqlite3" or "sqlite3", got "sqlite4"/,
    );
  });

  it("rejects an unknown PostgresEngine option and points at config", () => {
    expect(() => new PostgresEngine({ host: "x" } as never)).to.throw(OrmError, /no option "host".*config/);
  });
});

describeEachEngine(
  "engine",
  (ctx) => {
    let fx: ReturnType<typeof makeFixtures>;

    before(async () => {
      fx = makeFixtures(ctx.engine);
      await fx.createTables();
    });
    beforeEach(async () => {
      await fx.Band.delete({ force: true });
      await fx.Manager.delete({ force: true });
    });
    after(() => fx?.dropTables());

    it("rawQuery binds {} placeholders as parameters and returns objects", async () => {
      await ctx.engine.rawQuery("INSERT INTO manager (name) VALUES ({}), ({})", ["Guido", "O'Brien; DROP TABLE band"]);
      const rows = await ctx.engine.rawQuery("SELECT name FROM manager WHERE name = {} OR name = {} ORDER BY name", [
        "Guido",
        "O'Brien; DROP TABLE band",
      ]);
      expect(rows).to.deep.equal([{ name: "Guido" }, { name: "O'Brien; DROP TABLE band" }]);
      expect(await fx.Band.tableExists()).to.equal(true);
    });

    it("rawQuery without parameters works", async () => {
      const rows = await ctx.engine.rawQuery("SELECT 1 + 1 AS two");
      expect(Number(rows[0]!.two)).to.equal(2);
    });

    it("rawQuery refuses a placeholder/parameter count mismatch", async () => {
      const error = await rejection(() => ctx.engine.rawQuery("SELECT {} AS a", []));
      expect(error).to.be.instanceOf(OrmError);
      expect(error.message).to.match(/1 \{\} placeholder\(s\) but 0 parameter/);
    });

    it("SQLite only: a file database uses WAL, foreign keys and a busy timeout", async function () {
      onlyEngines(this, ctx, "sqlite", "sqlite3");
      expect(await ctx.engine.rawQuery("PRAGMA journal_mode")).to.deep.equal([{ journal_mode: "wal" }]);
      expect(await ctx.engine.rawQuery("PRAGMA foreign_keys")).to.deep.equal([{ foreign_keys: 1 }]);
      // better-sqlite3 would block the event loop in SQLite's busy handler, so it retries in JS instead.
      const pragmaTimeout = ctx.name === "sqlite3" ? 5000 : 0;
      expect(await ctx.engine.rawQuery("PRAGMA busy_timeout")).to.deep.equal([{ timeout: pragmaTimeout }]);
    });

    it("SQLite only (sqlite3 driver): busyTimeout sets the busy_timeout pragma", async function () {
      onlyEngines(this, ctx, "sqlite3");
      const { path, driver } = ctx.engine as SQLiteEngine;
      const other = new SQLiteEngine({ path, driver, busyTimeout: 1234 });
      try {
        expect(await other.rawQuery("PRAGMA busy_timeout")).to.deep.equal([{ timeout: 1234 }]);
      } finally {
        await other.close();
      }
    });

    it("SQLite only: another connection's lock is waited for up to busyTimeout without blocking the event loop", async function () {
      onlyEngines(this, ctx, "sqlite", "sqlite3");
      const { path, driver } = ctx.engine as SQLiteEngine;
      await ctx.engine.rawQuery("CREATE TABLE IF NOT EXISTS engine_lock (v TEXT)");
      const holder = new SQLiteEngine({ path, driver });
      const waiter = new SQLiteEngine({ path, driver, busyTimeout: 300 });
      let ticks = 0;
      const ticker = setInterval(() => ticks++, 5);
      try {
        let release!: () => void;
        const held = new Promise<void>((resolve) => (release = resolve));
        const holding = holder.transaction(async () => {
          await holder.rawQuery("INSERT INTO engine_lock VALUES ({})", ["holder"]);
          await held;
        });
        await new Promise((resolve) => setTimeout(resolve, 20));
        const started = Date.now();
        const error = await rejection(() => waiter.rawQuery("INSERT INTO engine_lock VALUES ({})", ["too late"]));
        expect(error).to.be.instanceOf(DatabaseError);
        expect(error.message).to.match(/locked|busy/i);
        expect(Date.now() - started).to.be.at.least(250);
        expect(ticks, "the event loop kept running while waiting").to.be.above(10);
        const waiting = waiter.rawQuery("INSERT INTO engine_lock VALUES ({})", ["after"]);
        setTimeout(release, 50);
        await Promise.all([holding, waiting]);
        const rows = await ctx.engine.rawQuery("SELECT v FROM engine_lock ORDER BY v");
        expect(rows.map((r) => r.v)).to.deep.equal(["after", "holder"]);
      } finally {
        clearInterval(ticker);
        await holder.close();
        await waiter.close();
      }
    });

    it("SQLite only: close() then a query reopens the file with its pragmas", async function () {
      onlyEngines(this, ctx, "sqlite", "sqlite3");
      await fx.Manager.insert({ name: "Guido" });
      await ctx.engine.close();
      await ctx.engine.close(); // closing twice is harmless
      expect(await fx.Manager.select(fx.Manager.c.name)).to.deep.equal([{ name: "Guido" }]);
      expect(await ctx.engine.rawQuery("PRAGMA foreign_keys")).to.deep.equal([{ foreign_keys: 1 }]);
    });

    it("SQLite only: a file that cannot be opened yet is retried by the next query", async function () {
      onlyEngines(this, ctx, "sqlite", "sqlite3");
      const dir = join(tmpdir(), `piccolo-later-${randomBytes(4).toString("hex")}`);
      const later = new SQLiteEngine({ path: join(dir, "db.sqlite"), driver: (ctx.engine as SQLiteEngine).driver });
      try {
        expect(await rejection(() => later.rawQuery("SELECT 1"))).to.be.instanceOf(DatabaseError);
        mkdirSync(dir);
        expect(await later.rawQuery("SELECT 1 AS one")).to.deep.equal([{ one: 1 }]);
      } finally {
        await later.close();
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it("SQLite only: work issued while close() waits for a transaction reopens the connection", async function () {
      onlyEngines(this, ctx, "sqlite", "sqlite3");
      const tx = ctx.engine.transaction(async () => {
        await fx.Manager.insert({ name: "Guido" });
        await new Promise((resolve) => setTimeout(resolve, 20));
      });
      await new Promise((resolve) => setTimeout(resolve, 2));
      const closing = ctx.engine.close();
      await new Promise((resolve) => setImmediate(resolve));
      const query = fx.Manager.select(fx.Manager.c.name).run();
      const inTx = ctx.engine.transaction(() => fx.Manager.count().run());
      await Promise.all([tx, closing]);
      // A read outside the transaction does not wait for it: a reader sees the last committed state.
      expect(await query).to.deep.equal([]);
      expect(await inTx).to.equal(1);
      expect(await fx.Manager.select(fx.Manager.c.name)).to.deep.equal([{ name: "Guido" }]);
    });

    it("PostgreSQL only: close() ends the pool and the next query starts a new one", async function () {
      onlyEngines(this, ctx, "postgres");
      const before = await ctx.engine.rawQuery("SELECT pg_backend_pid() AS pid");
      await ctx.engine.close();
      await ctx.engine.close();
      const after = await ctx.engine.rawQuery("SELECT pg_backend_pid() AS pid");
      expect(after[0]!.pid).to.be.a("number").and.not.equal(before[0]!.pid);
      const gone = await ctx.engine.rawQuery("SELECT count(*)::int AS n FROM pg_stat_activity WHERE pid = {}", [
        before[0]!.pid,
      ]);
      expect(gone).to.deep.equal([{ n: 0 }]);
    });

    it("PostgreSQL only: the pool connects on the first query, or at startPool()", async function () {
      onlyEngines(this, ctx, "postgres");
      const appName = `piccolo-lazy-${randomBytes(4).toString("hex")}`;
      const lazy = new PostgresEngine({ config: { ...pgConfig(), application_name: appName } });
      const count = async () =>
        (
          await ctx.engine.rawQuery("SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = {}", [
            appName,
          ])
        )[0]!.n;
      try {
        expect(await count()).to.equal(0);
        await lazy.rawQuery("SELECT 1");
        expect(await count()).to.equal(1);
        await lazy.close();
        // The server's backend exits a moment after the client hangs up: wait for it (up to 10 s).
        expect(await settled(count, (n) => n === 0)).to.equal(0);
        await lazy.startPool(); // connects one client, kept idle in the pool
        expect(await count()).to.equal(1);
        await lazy.rawQuery("SELECT 1");
        expect(await count()).to.equal(1);
      } finally {
        await lazy.close();
      }
    });

    it("PostgreSQL only: a bad port fails on the first query or transaction, not in the constructor", async function () {
      onlyEngines(this, ctx, "postgres");
      const bogus = new PostgresEngine({ config: { ...pgConfig(), port: 1, connectionTimeoutMillis: 3000 } });
      try {
        const error = await rejection(() => bogus.rawQuery("SELECT 1"));
        expect(error).to.be.instanceOf(DatabaseError);
        expect(error.message).to.match(/ECONNREFUSED|:1\b/);
        expect((error as DatabaseError).sql).to.equal("SELECT 1");
        const txError = await rejection(() => bogus.transaction(async () => 1));
        expect(txError).to.be.instanceOf(DatabaseError);
        expect(txError.message).to.match(/ECONNREFUSED|:1\b/);
      } finally {
        await bogus.close();
      }
    });

    it("close() waits for a running transaction to finish", async () => {
      const log: string[] = [];
      const tx = ctx.engine.transaction(async () => {
        await fx.Manager.insert({ name: "Guido" });
        await new Promise((resolve) => setTimeout(resolve, 20));
        log.push("committed");
      });
      await new Promise((resolve) => setTimeout(resolve, 2));
      await ctx.engine.close();
      log.push("closed");
      await tx;
      expect(log).to.deep.equal(["committed", "closed"]);
      expect(await fx.Manager.select(fx.Manager.c.name)).to.deep.equal([{ name: "Guido" }]);
    });

    it("PostgreSQL only: a connection killed mid-transaction fails that transaction only", async function () {
      onlyEngines(this, ctx, "postgres");
      const appName = `piccolo-victim-${randomBytes(4).toString("hex")}`;
      const victim = new PostgresEngine({ config: { ...pgConfig(), application_name: appName } });
      const killAll = () =>
        ctx.engine.rawQuery("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = {}", [
          appName,
        ]);
      try {
        const error = await rejection(() =>
          victim.transaction(async () => {
            await victim.rawQuery("INSERT INTO manager (name) VALUES ({})", ["Lost"]);
            await killAll();
            await new Promise((resolve) => setTimeout(resolve, 50)); // the server's notice arrives while idle
            await victim.rawQuery("INSERT INTO manager (name) VALUES ({})", ["Lost too"]);
          }),
        );
        expect(error).to.be.instanceOf(DatabaseError);
        expect(await fx.Manager.count()).to.equal(0);
        // Idle pooled connections killed too: the pool replaces them.
        await victim.rawQuery("SELECT 1");
        await killAll();
        await new Promise((resolve) => setTimeout(resolve, 50));
        await victim.transaction(() => victim.rawQuery("INSERT INTO manager (name) VALUES ({})", ["Kept"]));
        expect(await fx.Manager.select(fx.Manager.c.name)).to.deep.equal([{ name: "Kept" }]);
      } finally {
        await victim.close();
      }
    });

    describe("database errors", () => {
      it("a duplicate primary key is a UniqueViolationError with sql, params and cause", async () => {
        await ctx.engine.rawQuery("INSERT INTO manager (id, name) VALUES ({}, {})", [7, "Guido"]);
        const error = await rejection(() =>
          ctx.engine.rawQuery("INSERT INTO manager (id, name) VALUES ({}, {})", [7, "Mads"]),
        );
        expect(error).to.be.instanceOf(UniqueViolationError).and.instanceOf(DatabaseError).and.instanceOf(OrmError);
        const dbError = error as UniqueViolationError;
        expect(dbError.sql).to.match(/INSERT INTO manager/);
        expect(dbError.params).to.deep.equal([7, "Mads"]);
        expect(dbError.cause).to.be.instanceOf(Error);
        expect(dbError.message).to.match(/unique|duplicate/i);
        expect(await fx.Manager.count()).to.equal(1);
      });

      it("a missing foreign key target is a ForeignKeyViolationError", async () => {
        const error = await rejection(() =>
          ctx.engine.rawQuery("INSERT INTO band (name, manager, popularity) VALUES ({}, {}, {})", ["Ghosts", 9999, 1]),
        );
        expect(error).to.be.instanceOf(ForeignKeyViolationError);
        expect((error as DatabaseError).params).to.deep.equal(["Ghosts", 9999, 1]);
        expect((error as DatabaseError).cause).to.be.instanceOf(Error);
        expect(await fx.Band.count()).to.equal(0);
      });

      it("the ORM's own insert maps a foreign key violation too", async () => {
        const error = await rejection(() => fx.Band.insert({ name: "Ghosts", manager: 9999 }).run());
        expect(error).to.be.instanceOf(ForeignKeyViolationError);
        expect((error as DatabaseError).sql).to.match(/INSERT INTO "band"/);
        expect((error as DatabaseError).params).to.include(keyParam(ctx, 9999));
      });

      it("NULL in a NOT NULL column is a NotNullViolationError", async () => {
        const error = await rejection(() => ctx.engine.rawQuery("INSERT INTO manager (name) VALUES ({})", [null]));
        expect(error).to.be.instanceOf(NotNullViolationError);
        const dbError = error as NotNullViolationError;
        expect(dbError.sql).to.match(/INSERT INTO manager/);
        expect(dbError.params).to.deep.equal([null]);
        expect(dbError.cause).to.be.instanceOf(Error);
        expect(dbError.column).to.equal("name");
      });

      it("a syntax error is a plain DatabaseError naming the SQL", async () => {
        const error = await rejection(() => ctx.engine.rawQuery("SELEC 1"));
        expect(error).to.be.instanceOf(DatabaseError);
        expect(error).not.to.be.instanceOf(UniqueViolationError);
        expect(error.message).to.include("while running: SELEC 1");
      });
    });
  },
  { also: ["sqlite3"] },
);
