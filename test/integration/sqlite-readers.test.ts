import { setTimeout as sleep } from "node:timers/promises";
import { spawn } from "node:child_process";
import { once } from "node:events";
import { expect } from "chai";
import { DatabaseLockedError, Engine, Integer, OrmError, SQLiteEngine, Table, Varchar, column, table } from "../../lib";
import { describeEachEngine } from "../support/engines";

function makeNote(db: Engine) {
  @table({ db, tablename: "reader_note" })
  class Note extends Table<Note>() {
    @column(Varchar({ length: 50 })) text!: string;
    @column(Integer({ default: 0 })) n!: number;
  }
  return Note;
}

describeEachEngine(
  "SQLite only: reader connections and locks",
  (ctx) => {
    let Note: ReturnType<typeof makeNote>;
    const texts = async () => (await Note.select(Note.c.text).orderBy(Note.c.text)).map((r) => r.text);

    before(async () => {
      Note = makeNote(ctx.engine);
      await Note.dropTable({ ifExists: true });
      await Note.createTable();
    });
    beforeEach(() => Note.delete({ force: true }).run());
    after(() => ctx.dropTables("reader_note"));

    it("a 2-second transaction no longer blocks reads outside it: they finish in far less, seeing the committed state", async function () {
      this.timeout(10_000);
      await Note.insert({ text: "committed" });
      let inserted!: () => void;
      const started = new Promise<void>((resolve) => (inserted = resolve));
      const long = ctx.engine.transaction(async () => {
        await Note.insert({ text: "pending" });
        inserted();
        await sleep(2000);
      });
      await started;
      const t0 = performance.now();
      const seen: string[][] = [];
      for (let i = 0; i < 20; i++) seen.push(await texts());
      const [count, exists] = [await Note.count(), await Note.exists().where(Note.c.text.eq("pending"))];
      const elapsed = performance.now() - t0;
      expect(elapsed, "22 reads during the transaction, in ms").to.be.lessThan(500);
      expect(new Set(seen.map((s) => s.join()))).to.deep.equal(new Set(["committed"]));
      expect([count, exists]).to.deep.equal([1, false]);
      await long;
      expect(await texts()).to.deep.equal(["committed", "pending"]);
    });

    it("writes outside the transaction still wait for it (one writer), and read their own result after", async function () {
      this.timeout(10_000);
      const long = ctx.engine.transaction(async () => {
        await Note.insert({ text: "tx" });
        await sleep(300);
      });
      await sleep(20);
      const t0 = performance.now();
      await Note.insert({ text: "outside" });
      expect(performance.now() - t0).to.be.greaterThan(200);
      await long;
      expect(await texts()).to.deep.equal(["outside", "tx"]);
    });

    it("an in-memory database keeps its single connection: reads wait for the transaction and see its commit", async function () {
      const memory = new SQLiteEngine({ path: ":memory:", driver: (ctx.engine as SQLiteEngine).driver });
      const Mem = makeNote(memory);
      try {
        await Mem.createTable();
        const long = memory.transaction(async () => {
          await Mem.insert({ text: "in tx" });
          await sleep(200);
        });
        await sleep(10);
        const t0 = performance.now();
        const rows = await Mem.select(Mem.c.text);
        expect(performance.now() - t0).to.be.greaterThan(120);
        expect(rows).to.deep.equal([{ text: "in tx" }]);
        await long;
      } finally {
        await memory.close();
      }
    });

    it("readers: 0 turns reader connections off (reads wait again); a bad value is refused", async function () {
      const path = (ctx.engine as SQLiteEngine).path;
      const serial = new SQLiteEngine({ path, driver: (ctx.engine as SQLiteEngine).driver, readers: 0 });
      const Serial = makeNote(serial);
      try {
        const long = serial.transaction(async () => {
          await Serial.insert({ text: "serial" });
          await sleep(200);
        });
        await sleep(10);
        const t0 = performance.now();
        expect(await Serial.select(Serial.c.text)).to.deep.equal([{ text: "serial" }]);
        expect(performance.now() - t0).to.be.greaterThan(120);
        await long;
      } finally {
        await serial.close();
      }
      expect(() => new SQLiteEngine({ path, readers: -1 }))
        .to.throw(OrmError)
        .with.property("code", "PICCOLO_INVALID_ENGINE_OPTION");
    });

    it("another connection holding the write lock beyond busyTimeout gives DatabaseLockedError naming busyTimeout; reads go on", async function () {
      const path = (ctx.engine as SQLiteEngine).path;
      const locked = new SQLiteEngine({ path, driver: (ctx.engine as SQLiteEngine).driver, busyTimeout: 150 });
      const Locked = makeNote(locked);
      await Note.insert({ text: "before" });
      // Another process holds the write lock until its stdin closes (two SQLite libraries in one
      // process would not see each other's locks).
      const script =
        "const db = new (require('better-sqlite3'))(process.argv[1]); db.exec('BEGIN IMMEDIATE');" +
        "process.stdout.write('locked'); process.stdin.resume(); process.stdin.on('end', () => { db.exec('ROLLBACK'); db.close(); });";
      const holder = spawn(process.execPath, ["-e", script, path], { stdio: ["pipe", "pipe", "inherit"] });
      await once(holder.stdout, "data");
      try {
        const t0 = performance.now();
        const error = await Locked.insert({ text: "blocked" })
          .run()
          .catch((e: unknown) => e);
        const waited = performance.now() - t0;
        expect(error).to.be.instanceOf(DatabaseLockedError);
        const e = error as DatabaseLockedError;
        expect(e.code).to.equal("PICCOLO_DATABASE_LOCKED");
        expect(e.driverCode).to.match(/^SQLITE_BUSY/);
        expect(e.message).to.include("busyTimeout (150 ms)");
        expect(waited).to.be.within(100, 3000);
        expect(await Locked.select(Locked.c.text)).to.deep.equal([{ text: "before" }]);
      } finally {
        holder.stdin.end();
        await once(holder, "exit");
        await locked.close();
      }
      await Locked.insert({ text: "after" }).run(); // the lock is free again: works (and reopens)
      await locked.close();
      expect(await texts()).to.deep.equal(["after", "before"]);
    });
  },
  { engines: ["sqlite", "sqlite3"], also: ["sqlite3"] },
);
