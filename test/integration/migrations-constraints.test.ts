import { expect } from "chai";
import {
  BooleanColumn,
  Char,
  Engine,
  ForeignKey,
  Integer,
  MigrationRunner,
  Table,
  Timestamptz,
  Varchar,
  column,
  now,
  table,
  type Migration,
  type Ref,
} from "../../lib";
import { diffSchemas } from "../../lib/migrations/differ";
import { catalogue, type Catalogue } from "../support/catalogue";
import { describeEachEngine } from "../support/engines";
import { generateMigration, replay, schemasOf } from "../support/migration-files";

/** The band table with no constraints (V1), with them and two new columns (V2), and with some changed (V3). */
function defineTables(db: Engine) {
  @table({ db, tablename: "mc_manager" })
  class Manager extends Table<Manager>() {
    @column(Varchar({ length: 50 })) name!: string;
  }

  @table({ db, tablename: "mc_band" })
  class BandV1 extends Table<BandV1>() {
    @column(Varchar({ length: 50 })) name!: string;
    @column(ForeignKey(() => Manager)) manager!: Ref<Manager> | null;
    @column(Integer({ default: 0 })) popularity!: number;
    @column(Varchar({ length: 10 })) code!: string;
    @column(BooleanColumn({ default: true })) active!: boolean;
  }

  @table({
    db,
    tablename: "mc_band",
    unique: [["name", "manager"]],
    indexes: [
      { columns: ["name", "popularity"] },
      { columns: ["code"], unique: true, where: () => BandV2.c.active.eq(true), name: "mc_band_active_code" },
    ],
    checks: [{ check: () => BandV2.c.popularity.gte(0) }],
  })
  class BandV2 extends Table<BandV2>() {
    @column(Varchar({ length: 50 })) name!: string;
    @column(ForeignKey(() => Manager)) manager!: Ref<Manager> | null;
    @column(Integer({ default: 0 })) popularity!: number;
    @column(Varchar({ length: 10 })) code!: string;
    @column(BooleanColumn({ default: true })) active!: boolean;
    @column(Timestamptz({ default: now, autoUpdate: now })) updatedAt!: Date;
    @column(Char({ length: 2, default: "A" })) grade!: string;
  }

  @table({
    db,
    tablename: "mc_band",
    unique: [["name", "manager"]],
    indexes: [{ columns: ["code"], unique: true, where: () => BandV3.c.active.eq(true), name: "mc_band_active_code" }],
    checks: [{ check: () => BandV3.c.popularity.gte(1) }, { check: "length(grade) = 1", name: "mc_band_grade_short" }],
  })
  class BandV3 extends Table<BandV3>() {
    @column(Varchar({ length: 50 })) name!: string;
    @column(ForeignKey(() => Manager)) manager!: Ref<Manager> | null;
    @column(Integer({ default: 1 })) popularity!: number;
    @column(Varchar({ length: 10 })) code!: string;
    @column(BooleanColumn({ default: true })) active!: boolean;
    @column(Timestamptz({ default: now, autoUpdate: now })) updatedAt!: Date;
    @column(Char({ length: 2, default: "A" })) grade!: string;
  }
  return { Manager, BandV1, BandV2, BandV3 };
}

const empty: Catalogue = { indexes: [], unique: [], checks: [], triggers: [] };
const withConstraints: Catalogue = {
  indexes: [
    { name: "mc_band_active_code", columns: ["code"], unique: true, partial: true, method: "btree" },
    {
      name: "mc_band_name_popularity_idx",
      columns: ["name", "popularity"],
      unique: false,
      partial: false,
      method: "btree",
    },
  ],
  unique: [["name", "manager"]],
  checks: ["mc_band_popularity_check"],
  triggers: [],
};
const changed: Catalogue = {
  indexes: [{ name: "mc_band_active_code", columns: ["code"], unique: true, partial: true, method: "btree" }],
  unique: [["name", "manager"]],
  checks: ["mc_band_grade_short", "mc_band_popularity_check"],
  triggers: [],
};

describeEachEngine(
  "migrations: table constraints, now defaults and Char round trip",
  (ctx) => {
    const drop = () => ctx.dropTables("mc_band", "mc_manager", "piccolo_migration");
    let t: ReturnType<typeof defineTables>;
    const migrations: Migration[] = [];
    const runner = () => new MigrationRunner(ctx.engine, migrations);
    const rows = () => ctx.engine.rawQuery("SELECT name, popularity, code FROM mc_band ORDER BY id");
    before(async () => {
      await drop();
      t = defineTables(ctx.engine);
    });
    after(drop);

    it("creates the tables without constraints, then finds the added constraints, indexes and columns", async () => {
      const m1 = await generateMigration("mc", "2025-07-01T00:00:00:000001", [], [t.Manager, t.BandV1]);
      migrations.push(m1.migration);
      await runner().forwards("mc");
      expect(await catalogue(ctx, "mc_band")).to.deep.equal(empty);
      await ctx.engine.rawQuery("INSERT INTO mc_manager (name) VALUES ('Guido')");
      await ctx.engine.rawQuery(
        "INSERT INTO mc_band (name, manager, popularity, code) VALUES ('Pythonistas', 1, 10, 'P'), ('Rustaceans', NULL, 5, 'R')",
      );

      const { migration, source } = await generateMigration("mc", "2025-07-01T00:00:00:000002", migrations, [
        t.Manager,
        t.BandV2,
      ]);
      expect(migration.forwards.map((o) => o.op)).to.deep.equal([
        "addColumn",
        "addColumn",
        "addConstraint",
        "addConstraint",
        "addIndex",
        "addIndex",
      ]);
      expect(migration.backwards.map((o) => o.op)).to.deep.equal([
        "dropIndex",
        "dropIndex",
        "dropConstraint",
        "dropConstraint",
        "dropColumn",
        "dropColumn",
      ]);
      // Plain data, the same for either engine: a check both spell alike is one string, a condition they spell differently is kept per dialect.
      expect(source).to.contain(
        '{ op: "addConstraint", table: "mc_band", constraint: { type: "check", name: "mc_band_popularity_check", check: "\\"popularity\\" >= 0" } }',
      );
      expect(source).to.contain('where: { postgres: "\\"active\\" = TRUE", sqlite: "\\"active\\" = 1" }');
      expect(source).to.contain('{ name: "updatedAt", type: "timestamptz", null: false, defaultNow: true }');
      migrations.push(migration);
      await runner().forwards("mc");
      expect(await catalogue(ctx, "mc_band")).to.deep.equal(withConstraints);
      expect(await rows()).to.deep.equal([
        { name: "Pythonistas", popularity: 10, code: "P" },
        { name: "Rustaceans", popularity: 5, code: "R" },
      ]);
      expect(await diffSchemas(replay(migrations), schemasOf([t.Manager, t.BandV2]), () => false)).to.deep.equal({
        forwards: [],
        backwards: [],
      });
    });

    it("the migrated table enforces them and fills now defaults for rows written outside the ORM", async () => {
      const { BandV2: Band } = t;
      const negative = await ctx.engine
        .rawQuery("INSERT INTO mc_band (name, popularity, code) VALUES ('X', -1, 'X')")
        .catch((e: unknown) => e);
      expect(negative).to.be.instanceOf(Error);
      const pair = await Band.insert({ name: "Pythonistas", manager: 1, code: "Q" })
        .run()
        .catch((e: unknown) => e);
      expect(pair).to.be.instanceOf(Error);
      const before = Date.now() - 1_000;
      await ctx.engine.rawQuery("INSERT INTO mc_band (name, code) VALUES ('Raw', 'W')");
      const raw = (await Band.objects().get(Band.c.name.eq("Raw")))!;
      expect(raw.updatedAt.getTime()).to.be.within(before, Date.now() + 1_000);
      expect(raw.grade).to.equal("A");
      expect(raw.active).to.equal(true);
      await ctx.engine.rawQuery("DELETE FROM mc_band WHERE name = 'Raw'");
    });

    it("finds changed and dropped constraints and indexes (a changed check is dropped and added)", async () => {
      const { migration } = await generateMigration("mc", "2025-07-01T00:00:00:000003", migrations, [
        t.Manager,
        t.BandV3,
      ]);
      expect(migration.forwards.map((o) => `${o.op}${"name" in o ? ` ${o.name}` : ""}`)).to.deep.equal([
        "dropConstraint mc_band_popularity_check",
        "dropIndex mc_band_name_popularity_idx",
        "alterColumn",
        "addConstraint",
        "addConstraint",
      ]);
      migrations.push(migration);
      await ctx.engine.rawQuery("UPDATE mc_band SET popularity = 1 WHERE popularity < 1");
      await runner().forwards("mc");
      expect(await catalogue(ctx, "mc_band")).to.deep.equal(changed);
      const zero = await ctx.engine
        .rawQuery("INSERT INTO mc_band (name, popularity, code) VALUES ('Z', 0, 'Z')")
        .catch((e: unknown) => e);
      expect(zero).to.be.instanceOf(Error);
      expect(await rows()).to.deep.equal([
        { name: "Pythonistas", popularity: 10, code: "P" },
        { name: "Rustaceans", popularity: 5, code: "R" },
      ]);
    });

    it("backwards undoes each step, back to the table without constraints, and then no table", async () => {
      await runner().backwards("mc");
      expect(await catalogue(ctx, "mc_band")).to.deep.equal(withConstraints);
      await runner().backwards("mc");
      expect(await catalogue(ctx, "mc_band")).to.deep.equal(empty);
      expect(Object.keys((await ctx.engine.rawQuery("SELECT * FROM mc_band"))[0]!).sort()).to.deep.equal([
        "active",
        "code",
        "id",
        "manager",
        "name",
        "popularity",
      ]);
      expect(await rows()).to.have.length(2);
      await runner().backwards("mc");
      expect(await t.BandV1.tableExists()).to.equal(false);
    });

    it("creates a table with its constraints from one migration, as createTable does, and drops it backwards", async () => {
      migrations.length = 0;
      const { migration } = await generateMigration("mc", "2025-07-01T00:00:00:000004", [], [t.Manager, t.BandV2]);
      expect(migration.forwards.map((o) => o.op)).to.deep.equal(["createTable", "createTable"]);
      migrations.push(migration);
      await runner().forwards("mc");
      const migrated = await catalogue(ctx, "mc_band");
      expect(migrated).to.deep.equal(withConstraints);
      await runner().backwards("mc");
      expect(await t.BandV2.tableExists()).to.equal(false);
      await t.Manager.createTable();
      await t.BandV2.createTable();
      expect(await catalogue(ctx, "mc_band")).to.deep.equal(migrated);
    });
  },
  { requires: ["sequentialKeys"] },
);
