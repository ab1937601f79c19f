import { expect } from "chai";
import {
  ForeignKey,
  Integer,
  MigrationRunner,
  Table,
  UniqueViolationError,
  Varchar,
  column,
  table,
  type Engine,
  type Migration,
  type Ref,
} from "../../lib";
import { caught } from "../support/assertions";
import { describeEachEngine, type EngineContext } from "../support/engines";
import { generateMigration } from "../support/migration-files";

/** The tables at each version: v1 keys members by (team, login), v2 adds season to the key, v3 takes login out of it. */
function versionTables(db: Engine, version: 1 | 2 | 3) {
  @table({ db, tablename: "mck_team" })
  class Team extends Table<Team>() {
    @column(Varchar({ length: 20 })) name!: string;
  }

  @table({ db, tablename: "mck_member" })
  class V1 extends Table<V1, null>() {
    @column(ForeignKey(() => Team, { primaryKey: true })) team!: Ref<Team>;
    @column(Varchar({ length: 20, primaryKey: true })) login!: string;
    @column(Integer()) score!: number;
  }

  @table({ db, tablename: "mck_member" })
  class V2 extends Table<V2, null>() {
    @column(ForeignKey(() => Team, { primaryKey: true })) team!: Ref<Team>;
    @column(Varchar({ length: 20, primaryKey: true })) login!: string;
    @column(Integer()) score!: number;
    @column(Integer({ primaryKey: true, default: 2024 })) season!: number;
  }

  @table({ db, tablename: "mck_member" })
  class V3 extends Table<V3, null>() {
    @column(ForeignKey(() => Team, { primaryKey: true })) team!: Ref<Team>;
    @column(Varchar({ length: 20 })) login!: string;
    @column(Integer()) score!: number;
    @column(Integer({ primaryKey: true, default: 2024 })) season!: number;
  }

  return [Team, { 1: V1, 2: V2, 3: V3 }[version]] as const;
}

/** The primary key's columns as the database holds them, in key order. */
async function primaryKeyOf(ctx: EngineContext, tableName: string): Promise<string[]> {
  if (ctx.family === "postgres") {
    const rows = (await ctx.engine.rawQuery(
      "SELECT a.attname AS name FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey) WHERE i.indrelid = {}::regclass AND i.indisprimary ORDER BY array_position(i.indkey, a.attnum)",
      [tableName],
    )) as { name: string }[];
    return rows.map((r) => r.name);
  }
  const rows = (await ctx.engine.rawQuery(`PRAGMA table_info("${tableName}")`)) as { name: string; pk: number }[];
  return rows
    .filter((r) => r.pk > 0)
    .sort((a, b) => a.pk - b.pk)
    .map((r) => r.name);
}

describeEachEngine(
  "migrations: composite primary keys",
  (ctx) => {
    const drop = () => ctx.dropTables("mck_member", "mck_team", "piccolo_migration");
    before(drop);
    after(drop);

    it("auto migrations create, extend, narrow and undo a composite key, keeping the rows", async () => {
      const m1 = (await generateMigration("mck", "1", [], versionTables(ctx.engine, 1))).migration;
      const member = m1.forwards.find((op) => op.op === "createTable" && op.table === "mck_member");
      expect(member).to.deep.include({ op: "createTable", table: "mck_member" });
      expect(
        (member as unknown as { columns: { name: string; primaryKey?: boolean }[] }).columns
          .filter((c) => c.primaryKey)
          .map((c) => c.name),
      ).to.deep.equal(["team", "login"]);

      const m2 = (await generateMigration("mck", "2", [m1], versionTables(ctx.engine, 2))).migration;
      expect(m2.forwards).to.deep.equal([
        {
          op: "addColumn",
          table: "mck_member",
          column: { name: "season", type: "integer", null: false, primaryKey: true, default: 2024 },
          backfill: 2024,
        },
      ]);
      const m3 = (await generateMigration("mck", "3", [m1, m2], versionTables(ctx.engine, 3))).migration;
      expect(m3.forwards).to.deep.equal([
        { op: "alterColumn", table: "mck_member", column: { name: "login", type: "varchar", length: 20, null: false } },
      ]);
      // A fresh snapshot replays to no further change.
      expect(
        (await generateMigration("mck", "4", [m1, m2, m3], versionTables(ctx.engine, 3))).migration.forwards,
      ).to.deep.equal([]);

      const runner = new MigrationRunner(ctx.engine, [m1, m2, m3] as Migration[]);
      await runner.forwards("mck", { migrationId: "1" });
      expect(await primaryKeyOf(ctx, "mck_member")).to.deep.equal(["team", "login"]);
      await ctx.engine.rawQuery("INSERT INTO mck_team (name) VALUES ('Red'), ('Blue')");
      await ctx.engine.rawQuery(
        "INSERT INTO mck_member (team, login, score) VALUES (1, 'ann', 1), (1, 'bob', 2), (2, 'ann', 3)",
      );
      expect(
        await caught(() => ctx.engine.rawQuery("INSERT INTO mck_member (team, login, score) VALUES (1, 'ann', 9)")),
      ).to.be.instanceOf(UniqueViolationError);

      await runner.forwards("mck", { migrationId: "2" });
      expect(await primaryKeyOf(ctx, "mck_member")).to.deep.equal(["team", "login", "season"]);
      await ctx.engine.rawQuery("INSERT INTO mck_member (team, login, score, season) VALUES (1, 'ann', 4, 2025)");
      expect(
        await caught(() =>
          ctx.engine.rawQuery("INSERT INTO mck_member (team, login, score, season) VALUES (1, 'ann', 9, 2025)"),
        ),
      ).to.be.instanceOf(UniqueViolationError);
      await ctx.engine.rawQuery("DELETE FROM mck_member WHERE season = 2025 OR (team = 1 AND login = 'bob')");

      await runner.forwards("mck");
      expect(await primaryKeyOf(ctx, "mck_member")).to.deep.equal(["team", "season"]);
      expect(
        await ctx.engine.rawQuery("SELECT team, login, score, season FROM mck_member ORDER BY team"),
      ).to.deep.equal([
        { team: 1, login: "ann", score: 1, season: 2024 },
        { team: 2, login: "ann", score: 3, season: 2024 },
      ]);

      await runner.backwards("mck");
      expect(await primaryKeyOf(ctx, "mck_member")).to.deep.equal(["team", "login", "season"]);
      await runner.backwards("mck");
      expect(await primaryKeyOf(ctx, "mck_member")).to.deep.equal(["team", "login"]);
      expect(await ctx.engine.rawQuery("SELECT team, login, score FROM mck_member ORDER BY team")).to.deep.equal([
        { team: 1, login: "ann", score: 1 },
        { team: 2, login: "ann", score: 3 },
      ]);
      await runner.backwards("mck");
      expect(
        await ctx.engine.rawQuery(
          ctx.family === "postgres"
            ? "SELECT 1 FROM information_schema.tables WHERE table_name = 'mck_member'"
            : "SELECT 1 FROM sqlite_master WHERE name = 'mck_member'",
        ),
      ).to.deep.equal([]);
    });

    it("createTable() and the migrated table agree on the key", async () => {
      const [Team, Member] = versionTables(ctx.engine, 2);
      await drop();
      await Team.createTable();
      await Member.createTable();
      expect(await primaryKeyOf(ctx, "mck_member")).to.deep.equal(["team", "login", "season"]);
      await Member.insert({ team: (await Team.insert({ name: "Red" }))[0]!.id, login: "ann", score: 1 });
      expect(await Member.select()).to.deep.equal([{ team: 1, login: "ann", score: 1, season: 2024 }]);
    });
  },
  { requires: ["sequentialKeys"], also: ["sqlite3"] },
);

/** A join table made before composite keys (a serial id), then keyed by its pair of foreign keys. */
function joinTables(db: Engine, keyed: boolean) {
  @table({ db, tablename: "mck_band" })
  class Band extends Table<Band>() {
    @column(Varchar({ length: 20 })) name!: string;
  }

  @table({ db, tablename: "mck_genre" })
  class Genre extends Table<Genre>() {
    @column(Varchar({ length: 20 })) name!: string;
  }

  @table({ db, tablename: "mck_genre_to_band" })
  class Legacy extends Table<Legacy>() {
    @column(ForeignKey(() => Band)) band!: Ref<Band> | null;
    @column(ForeignKey(() => Genre)) genre!: Ref<Genre> | null;
  }

  @table({ db, tablename: "mck_genre_to_band" })
  class Keyed extends Table<Keyed, null>() {
    @column(ForeignKey(() => Band, { primaryKey: true })) band!: Ref<Band>;
    @column(ForeignKey(() => Genre, { primaryKey: true })) genre!: Ref<Genre>;
  }

  return [Band, Genre, keyed ? Keyed : Legacy] as const;
}

describeEachEngine(
  "migrations: an old join table keyed by its pair",
  (ctx) => {
    const drop = () => ctx.dropTables("mck_genre_to_band", "mck_band", "mck_genre", "piccolo_migration");
    before(drop);
    after(drop);

    it("replaces the serial id by the (band, genre) key and back, keeping the pairs", async () => {
      const m1 = (await generateMigration("mckj", "1", [], joinTables(ctx.engine, false))).migration;
      const m2 = (await generateMigration("mckj", "2", [m1], joinTables(ctx.engine, true))).migration;
      const runner = new MigrationRunner(ctx.engine, [m1, m2]);
      await runner.forwards("mckj", { migrationId: "1" });
      await ctx.engine.rawQuery("INSERT INTO mck_band (name) VALUES ('Pythonistas'), ('Rustaceans')");
      await ctx.engine.rawQuery("INSERT INTO mck_genre (name) VALUES ('Rock')");
      await ctx.engine.rawQuery("INSERT INTO mck_genre_to_band (band, genre) VALUES (1, 1), (2, 1)");
      await runner.forwards("mckj");
      expect(await primaryKeyOf(ctx, "mck_genre_to_band")).to.deep.equal(["band", "genre"]);
      expect(await ctx.engine.rawQuery("SELECT * FROM mck_genre_to_band ORDER BY band")).to.deep.equal([
        { band: 1, genre: 1 },
        { band: 2, genre: 1 },
      ]);
      await runner.backwards("mckj");
      expect(await primaryKeyOf(ctx, "mck_genre_to_band")).to.deep.equal(["id"]);
      expect(await ctx.engine.rawQuery("SELECT band, genre FROM mck_genre_to_band ORDER BY band")).to.deep.equal([
        { band: 1, genre: 1 },
        { band: 2, genre: 1 },
      ]);
    });
  },
  { requires: ["sequentialKeys"], also: ["sqlite3"] },
);
