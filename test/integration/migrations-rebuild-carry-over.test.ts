import { expect } from "chai";
import { MigrationRunner, OrmError, UnsupportedFeatureError, type Migration } from "../../lib";
import { catalogue } from "../support/catalogue";
import { describeEachEngine, onlyEngines, type EngineContext } from "../support/engines";

const id = { name: "id", type: "serial", null: false, primaryKey: true } as const;
const name = { name: "name", type: "varchar", length: 50, null: false } as const;

/** A raw index and trigger, made by hand in a migration step as a user would (each engine's own SQL). */
function rawObjects(ctx: EngineContext): Migration["forwards"] {
  const index = { op: "sql", sql: 'CREATE INDEX rc_band_lower_name ON rc_band (lower("name"))' } as const;
  const onNote = { op: "sql", sql: "CREATE INDEX rc_band_note_raw ON rc_band (note)" } as const;
  if (ctx.family === "postgres") {
    return [
      index,
      onNote,
      {
        op: "sql",
        sql: "CREATE FUNCTION rc_touch() RETURNS trigger AS $$ BEGIN NEW.name := upper(NEW.name); RETURN NEW; END $$ LANGUAGE plpgsql",
      },
      {
        op: "sql",
        sql: "CREATE TRIGGER rc_band_touch BEFORE INSERT ON rc_band FOR EACH ROW EXECUTE FUNCTION rc_touch()",
      },
    ];
  }
  return [
    index,
    onNote,
    {
      op: "sql",
      sql: "CREATE TRIGGER rc_band_touch AFTER INSERT ON rc_band BEGIN UPDATE rc_band SET name = upper(name) WHERE id = NEW.id; END",
    },
  ];
}

/** A trigger on rc_log that writes into rc_gin: another table's trigger naming the rebuilt one. */
function logTrigger(ctx: EngineContext): Migration["forwards"] {
  if (ctx.family === "postgres") {
    return [
      {
        op: "sql",
        sql: "CREATE FUNCTION rc_log_star() RETURNS trigger AS $$ BEGIN INSERT INTO rc_gin (stars) VALUES (7); RETURN NEW; END $$ LANGUAGE plpgsql",
      },
      {
        op: "sql",
        sql: "CREATE TRIGGER rc_log_star AFTER INSERT ON rc_log FOR EACH ROW EXECUTE FUNCTION rc_log_star()",
      },
    ];
  }
  return [
    {
      op: "sql",
      sql: "CREATE TRIGGER rc_log_star AFTER INSERT ON rc_log BEGIN INSERT INTO rc_gin (stars) VALUES (7); END",
    },
  ];
}

describeEachEngine(
  "migrations: a table rebuild keeps the indexes and triggers it does not declare (defect 5)",
  (ctx) => {
    // Raw rows are the driver's: CockroachDB's INTEGER is INT8, which arrives as its digits.
    const int8 = (value: number) => (ctx.name === "cockroach" ? String(value) : value);
    const drop = async () => {
      await ctx.engine.rawQuery("DROP VIEW IF EXISTS rc_gin_view");
      await ctx.dropTables("rc_band", "rc_gin", "rc_log", "piccolo_migration");
      if (ctx.family === "postgres")
        await ctx.engine.rawQuery("DROP FUNCTION IF EXISTS rc_touch(), rc_log_star() CASCADE");
    };
    before(drop);
    after(drop);

    it("keeps a raw index and trigger through column changes (a rebuild on SQLite), and skips only the index of a dropped column", async () => {
      const m1: Migration = {
        id: "1",
        app: "rc",
        forwards: [
          {
            op: "createTable",
            table: "rc_band",
            columns: [
              id,
              name,
              { name: "note", type: "text", null: true, unique: true },
              { name: "stars", type: "integer", null: true },
            ],
          },
          ...rawObjects(ctx),
        ],
        backwards: [{ op: "dropTable", table: "rc_band" }],
      };
      // Making a column NOT NULL with a default and dropping a unique column: both rebuild the table on SQLite.
      const m2: Migration = {
        id: "2",
        app: "rc",
        forwards: [
          {
            op: "alterColumn",
            table: "rc_band",
            column: { name: "stars", type: "integer", null: false, default: 3 },
            backfill: 3,
          },
          {
            op: "addColumn",
            table: "rc_band",
            column: { name: "rank", type: "integer", null: false, unique: true, default: 0 },
            backfill: 0,
          },
          { op: "dropColumn", table: "rc_band", column: "rank" },
        ],
        backwards: [
          { op: "addColumn", table: "rc_band", column: { name: "rank", type: "integer", null: true } },
          { op: "dropColumn", table: "rc_band", column: "rank" },
          { op: "alterColumn", table: "rc_band", column: { name: "stars", type: "integer", null: true } },
        ],
      };
      const m3: Migration = {
        id: "3",
        app: "rc",
        forwards: [{ op: "dropColumn", table: "rc_band", column: "note" }],
        backwards: [
          { op: "addColumn", table: "rc_band", column: { name: "note", type: "text", null: true, unique: true } },
        ],
      };
      const runner = new MigrationRunner(ctx.engine, [m1, m2, m3]);
      await runner.forwards("rc", { migrationId: "1" });
      await ctx.engine.rawQuery("INSERT INTO rc_band (name, note) VALUES ('ann', 'x')");
      const names = async () => (await catalogue(ctx, "rc_band")).indexes.map((i) => i.name);
      expect(await names()).to.deep.equal(["rc_band_lower_name", "rc_band_note_raw"]);

      await runner.forwards("rc", { migrationId: "2" });
      expect(await names()).to.deep.equal(["rc_band_lower_name", "rc_band_note_raw"]);
      expect((await catalogue(ctx, "rc_band")).triggers).to.deep.equal(["rc_band_touch"]);
      // The trigger still fires on the rebuilt table.
      await ctx.engine.rawQuery("INSERT INTO rc_band (name, note) VALUES ('bob', 'y')");
      expect(await ctx.engine.rawQuery("SELECT name, stars FROM rc_band ORDER BY id")).to.deep.equal([
        { name: "ANN", stars: int8(3) },
        { name: "BOB", stars: int8(3) },
      ]);

      // Dropping the column a raw index covers drops that index, as PostgreSQL does; the others stay.
      await runner.forwards("rc");
      expect(await names()).to.deep.equal(["rc_band_lower_name"]);
      expect((await catalogue(ctx, "rc_band")).triggers).to.deep.equal(["rc_band_touch"]);
      await runner.backwards("rc", { count: 2 });
      expect(await names()).to.deep.equal(["rc_band_lower_name"]);
      expect((await catalogue(ctx, "rc_band")).triggers).to.deep.equal(["rc_band_touch"]);
    });

    it("rebuilds a table that a view and another table's trigger name, keeping both working", async () => {
      const m: Migration = {
        id: "1",
        app: "view",
        forwards: [
          { op: "createTable", table: "rc_gin", columns: [id, { name: "stars", type: "integer", null: true }] },
          { op: "createTable", table: "rc_log", columns: [id, { name: "note", type: "text", null: true }] },
          { op: "sql", sql: "CREATE VIEW rc_gin_view AS SELECT id, stars FROM rc_gin" },
          ...logTrigger(ctx),
        ],
        backwards: [
          { op: "sql", sql: "DROP VIEW rc_gin_view" },
          { op: "dropTable", table: "rc_log" },
          { op: "dropTable", table: "rc_gin" },
        ],
      };
      const change: Migration = {
        id: "2",
        app: "view",
        forwards: [
          {
            op: "alterColumn",
            table: "rc_gin",
            column: { name: "stars", type: "integer", null: false, default: 3 },
            backfill: 3,
          },
        ],
        backwards: [{ op: "alterColumn", table: "rc_gin", column: { name: "stars", type: "integer", null: true } }],
      };
      const runner = new MigrationRunner(ctx.engine, [m, change]);
      await runner.forwards("view", { migrationId: "1" });
      await ctx.engine.rawQuery("INSERT INTO rc_gin (stars) VALUES (NULL)");
      await runner.forwards("view");
      await runner.backwards("view");
      await runner.forwards("view");
      expect(await ctx.engine.rawQuery("SELECT stars FROM rc_gin_view")).to.deep.equal([{ stars: int8(3) }]);
      await ctx.engine.rawQuery("INSERT INTO rc_log (note) VALUES ('x')");
      expect(await ctx.engine.rawQuery("SELECT stars FROM rc_gin_view ORDER BY id")).to.deep.equal([
        { stars: int8(3) },
        { stars: int8(7) },
      ]);
      if (ctx.family !== "postgres")
        expect(await ctx.engine.rawQuery("PRAGMA legacy_alter_table")).to.deep.equal([{ legacy_alter_table: 0 }]);
      await runner.backwards("view", { migrationId: "all" });
    });

    it("refuses with a clear error, and changes nothing, when an index it carries over no longer fits the rows [sqlite]", async function () {
      onlyEngines(this, ctx, "sqlite", "sqlite3");
      const create: Migration = {
        id: "1",
        app: "fit",
        forwards: [
          { op: "createTable", table: "rc_gin", columns: [id, { name: "stars", type: "integer", null: true }] },
          { op: "sql", sql: "CREATE UNIQUE INDEX rc_gin_stars_raw ON rc_gin (stars)" },
        ],
        backwards: [{ op: "dropTable", table: "rc_gin" }],
      };
      // Backfilling the NULLs with 3 makes two rows equal: the raw unique index cannot come back.
      const fill: Migration = {
        id: "2",
        app: "fit",
        forwards: [
          {
            op: "alterColumn",
            table: "rc_gin",
            column: { name: "stars", type: "integer", null: false, default: 3 },
            backfill: 3,
          },
        ],
        backwards: [{ op: "alterColumn", table: "rc_gin", column: { name: "stars", type: "integer", null: true } }],
      };
      const runner = new MigrationRunner(ctx.engine, [create, fill]);
      await runner.forwards("fit", { migrationId: "1" });
      await ctx.engine.rawQuery("INSERT INTO rc_gin (stars) VALUES (NULL), (NULL)");
      const error = await runner.forwards("fit").catch((e: unknown) => e);
      expect(error).to.be.instanceOf(OrmError);
      expect((error as Error).message).to.match(
        /Rebuilding table rc_gin could not recreate its index or trigger "rc_gin_stars_raw": Duplicate value in "rc_gin"."stars"/,
      );
      expect(await ctx.engine.rawQuery("SELECT stars FROM rc_gin ORDER BY id")).to.deep.equal([
        { stars: null },
        { stars: null },
      ]);
      expect((await catalogue(ctx, "rc_gin")).indexes.map((i) => i.name)).to.deep.equal(["rc_gin_stars_raw"]);
      await ctx.dropTables("rc_gin");
    });

    it("a migration with a non-btree index fails on SQLite with a clear error and changes nothing [sqlite]", async function () {
      onlyEngines(this, ctx, "sqlite", "sqlite3");
      const m: Migration = {
        id: "1",
        app: "gin",
        forwards: [
          { op: "createTable", table: "rc_gin", columns: [id, { name: "tags", type: "text", null: false }] },
          { op: "addIndex", table: "rc_gin", index: { name: "rc_gin_tags_idx", columns: ["tags"], method: "gin" } },
        ],
        backwards: [{ op: "dropTable", table: "rc_gin" }],
      };
      await ctx.dropTables("rc_gin");
      const error = await new MigrationRunner(ctx.engine, [m]).forwards("gin").catch((e: unknown) => e);
      expect(error).to.be.instanceOf(UnsupportedFeatureError);
      expect((error as OrmError).message).to.match(/SQLite has no "gin" index method \(index rc_gin_tags_idx\)/);
      expect(await ctx.engine.rawQuery("SELECT name FROM sqlite_master WHERE name = 'rc_gin'")).to.deep.equal([]);
    });
  },
  { requires: ["serialKeys"], also: ["sqlite3"] },
);
