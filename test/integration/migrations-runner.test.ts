import { expect } from "chai";
import { MigrationRunner, type Migration } from "../../lib";
import { describeEachEngine } from "../support/engines";

const fk = { table: "mr_band", column: "id", onDelete: "cascade", onUpdate: "cascade" } as const;
const m1: Migration = {
  id: "1",
  app: "mr",
  forwards: [
    { op: "createTable", table: "mr_band", columns: [{ name: "id", type: "serial", null: false, primaryKey: true }, { name: "name", type: "varchar", length: 50, null: true }] },
    { op: "createTable", table: "mr_concert", columns: [{ name: "id", type: "serial", null: false, primaryKey: true }, { name: "band", type: "integer", null: true, references: fk }] },
  ],
  backwards: [{ op: "dropTable", table: "mr_concert" }, { op: "dropTable", table: "mr_band" }],
};
// Changes the referenced table (a rebuild on SQLite): its rows and the concerts pointing at them must survive.
const m2: Migration = {
  id: "2",
  app: "mr",
  forwards: [
    { op: "alterColumn", table: "mr_band", column: { name: "name", type: "text", null: false, default: "?" }, backfill: "?" },
    { op: "addColumn", table: "mr_band", column: { name: "stars", type: "integer", null: false, default: 3 }, backfill: 3 },
    { op: "renameColumn", table: "mr_band", column: "name", to: "title" },
  ],
  backwards: [
    { op: "renameColumn", table: "mr_band", column: "title", to: "name" },
    { op: "dropColumn", table: "mr_band", column: "stars" },
    { op: "alterColumn", table: "mr_band", column: { name: "name", type: "varchar", length: 50, null: true } },
  ],
};
const broken: Migration = {
  id: "3",
  app: "mr",
  forwards: [
    { op: "createTable", table: "mr_extra", columns: [{ name: "id", type: "serial", null: false, primaryKey: true }] },
    { op: "addColumn", table: "mr_band", column: { name: "note", type: "text", null: true } },
    { op: "sql", sql: "SELECT * FROM no_such_table" },
  ],
  backwards: [],
};

describeEachEngine("migrations: runner", (ctx) => {
  const drop = () => ctx.dropTables("mr_concert", "mr_band", "mr_extra", "piccolo_migration");
  before(drop);
  after(drop);

  it("runs forwards once (idempotent), keeps rows through a rebuild, and backfills a NOT NULL column", async () => {
    const events: string[] = [];
    const runner = new MigrationRunner(ctx.engine, [m2, m1], (e) => events.push(`${e.action} ${e.migration.id}`));
    await runner.forwards("mr", { migrationId: "1" });
    await ctx.engine.rawQuery("INSERT INTO mr_band (name) VALUES ({}), (NULL)", ["Pythonistas"]);
    await ctx.engine.rawQuery("INSERT INTO mr_concert (band) VALUES (1), (2)");
    expect((await runner.forwards("mr")).map((m) => m.id)).to.deep.equal(["2"]);
    expect(await runner.forwards("all")).to.deep.equal([]);
    expect(events).to.deep.equal(["ran 1", "ran 2"]);
    expect(await ctx.engine.rawQuery("SELECT id, title, stars FROM mr_band ORDER BY id")).to.deep.equal([
      { id: 1, title: "Pythonistas", stars: 3 },
      { id: 2, title: "?", stars: 3 },
    ]);
    expect(await ctx.engine.rawQuery("SELECT band FROM mr_concert ORDER BY id")).to.deep.equal([{ band: 1 }, { band: 2 }]);
  });

  it("rolls a failing migration back whole and records nothing", async () => {
    const runner = new MigrationRunner(ctx.engine, [m1, m2, broken]);
    let error: Error | undefined;
    await runner.forwards("mr").catch((e: Error) => (error = e));
    expect(error?.message).to.match(/no_such_table/);
    expect(await ctx.engine.rawQuery("SELECT count(*) AS n FROM piccolo_migration WHERE app_name = 'mr'")).to.deep.equal([{ n: ctx.name === "postgres" ? "2" : 2 }]);
    const extra = await ctx.engine.rawQuery(
      ctx.name === "postgres" ? "SELECT 1 FROM information_schema.tables WHERE table_name = 'mr_extra'" : "SELECT 1 FROM sqlite_master WHERE name = 'mr_extra'",
    );
    expect(extra).to.deep.equal([]);
    expect(Object.keys((await ctx.engine.rawQuery("SELECT * FROM mr_band ORDER BY id"))[0]!)).to.not.include("note");
  });

  it("goes backwards one at a time, keeping the data, and does nothing once there is nothing left", async () => {
    const runner = new MigrationRunner(ctx.engine, [m1, m2]);
    expect((await runner.backwards("mr")).map((m) => m.id)).to.deep.equal(["2"]);
    expect(await ctx.engine.rawQuery("SELECT id, name FROM mr_band ORDER BY id")).to.deep.equal([
      { id: 1, name: "Pythonistas" },
      { id: 2, name: "?" },
    ]);
    expect(await ctx.engine.rawQuery("SELECT band FROM mr_concert ORDER BY id")).to.deep.equal([{ band: 1 }, { band: 2 }]);
    expect((await runner.backwards("mr", { count: 5 })).map((m) => m.id)).to.deep.equal(["1"]);
    expect(await runner.backwards("mr")).to.deep.equal([]);
    expect((await runner.status()).map((s) => s.applied)).to.deep.equal([false, false]);
  });

  it("fakes migrations: recorded as run, nothing executed", async () => {
    const runner = new MigrationRunner(ctx.engine, [m1]);
    await runner.forwards("mr", { fake: true });
    expect((await runner.status()).map((s) => s.applied)).to.deep.equal([true]);
    const tables = await ctx.engine.rawQuery(
      ctx.name === "postgres" ? "SELECT 1 FROM information_schema.tables WHERE table_name = 'mr_band'" : "SELECT 1 FROM sqlite_master WHERE name = 'mr_band'",
    );
    expect(tables).to.deep.equal([]);
    expect(await new MigrationRunner(ctx.engine, []).clean()).to.deep.equal(["mr:1"]);
  });
});
