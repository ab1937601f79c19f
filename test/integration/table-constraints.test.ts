import { expect } from "chai";
import {
  ArrayColumn,
  CheckViolationError,
  DefinitionError,
  Engine,
  ForeignKey,
  Integer,
  JSONB,
  OrmError,
  Table,
  Timestamptz,
  UniqueViolationError,
  UnsupportedFeatureError,
  Varchar,
  column,
  table,
  type Ref,
} from "../../lib";
import { catalogue } from "../support/catalogue";
import { describeEachEngine, onlyEngines } from "../support/engines";

function defineTables(db: Engine) {
  @table({ db, tablename: "tc_manager" })
  class Manager extends Table<Manager>() {
    @column(Varchar({ length: 50 })) name!: string;
  }

  @table({
    db,
    tablename: "tc_band",
    unique: [["name", "manager"]],
    indexes: [
      { columns: ["name", "popularity"] },
      { columns: ["code"], unique: true, where: () => Band.c.active.eq(1), name: "tc_band_active_code" },
    ],
    checks: [{ check: () => Band.c.popularity.gte(0) }, { check: "length(name) > 0", name: "tc_band_name_given" }],
  })
  class Band extends Table<Band>() {
    @column(Varchar({ length: 50 })) name!: string;
    @column(ForeignKey(() => Manager)) manager!: Ref<Manager> | null;
    @column(Integer({ default: 0 })) popularity!: number;
    @column(Varchar({ length: 10 })) code!: string;
    @column(Integer({ default: 1 })) active!: number;
  }
  return { Manager, Band };
}

describeEachEngine(
  "table constraints: createTable",
  (ctx) => {
    const drop = () => ctx.dropTables("tc_band", "tc_manager", "tc_methods", "tc_bad");
    let t: ReturnType<typeof defineTables>;
    before(async () => {
      await drop();
      t = defineTables(ctx.engine);
      await t.Manager.createTable();
      await t.Band.createTable();
    });
    after(drop);

    it("creates composite unique, check constraints and multi-column, unique and partial indexes with PostgreSQL-style names", async () => {
      expect(await catalogue(ctx, "tc_band")).to.deep.equal({
        indexes: [
          { name: "tc_band_active_code", columns: ["code"], unique: true, partial: true, method: "btree" },
          {
            name: "tc_band_name_popularity_idx",
            columns: ["name", "popularity"],
            unique: false,
            partial: false,
            method: "btree",
          },
        ],
        unique: [["name", "manager"]],
        checks: ["tc_band_name_given", "tc_band_popularity_check"],
        triggers: [],
      });
      const sql = t.Band.createTable().toSQL().sql;
      expect(sql).to.contain('CONSTRAINT "tc_band_name_manager_key" UNIQUE ("name", "manager")');
      expect(sql).to.contain('CONSTRAINT "tc_band_popularity_check" CHECK ("popularity" >= 0)');
      expect(sql).to.contain('CREATE UNIQUE INDEX "tc_band_active_code" ON "tc_band" ("code") WHERE "active" = 1');
    });

    it("enforces them: the composite unique, the check and the partial unique index", async () => {
      const { Band, Manager } = t;
      const [m] = await Manager.insert({ name: "Guido" }).returning(Manager.c.id);
      await Band.insert({ name: "Pythonistas", manager: m!.id, code: "P", active: 1 });
      // Same name, other manager: allowed. Same pair: refused.
      await Band.insert({ name: "Pythonistas", manager: null, code: "Q", active: 1 });
      const clash = await Band.insert({ name: "Pythonistas", manager: m!.id, code: "R" })
        .run()
        .catch((e: unknown) => e);
      expect(clash).to.be.instanceOf(UniqueViolationError);
      const negative = await Band.insert({ name: "Rustaceans", popularity: -1, code: "S" })
        .run()
        .catch((e: unknown) => e);
      expect(negative).to.be.instanceOf(CheckViolationError);
      const empty = await Band.insert({ name: "", code: "T" })
        .run()
        .catch((e: unknown) => e);
      expect(empty).to.be.instanceOf(CheckViolationError);
      // The partial unique index covers only active rows.
      await Band.insert({ name: "Old", code: "P", active: 0 });
      const active = await Band.insert({ name: "New", code: "P", active: 1 })
        .run()
        .catch((e: unknown) => e);
      expect(active).to.be.instanceOf(UniqueViolationError);
      expect(await Band.select(Band.c.name, Band.c.code).orderBy(Band.c.id)).to.deep.equal([
        { name: "Pythonistas", code: "P" },
        { name: "Pythonistas", code: "Q" },
        { name: "Old", code: "P" },
      ]);
    });

    it("createTable({ ifNotExists: true }) twice keeps one of each index", async () => {
      await t.Band.createTable({ ifNotExists: true });
      expect((await catalogue(ctx, "tc_band")).indexes.map((i) => i.name)).to.deep.equal([
        "tc_band_active_code",
        "tc_band_name_popularity_idx",
      ]);
    });

    it("index methods on PostgreSQL: hash, gin, gist, brin and btree [postgres]", async function () {
      onlyEngines(this, ctx, "postgres");
      // GiST has no operator class for plain scalars without this contrib extension.
      await ctx.engine.rawQuery("CREATE EXTENSION IF NOT EXISTS btree_gist");
      @table({
        db: ctx.engine,
        tablename: "tc_methods",
        indexes: [
          { columns: ["name"], method: "hash" },
          { columns: ["tags"], method: "gin" },
          { columns: ["data"], method: "gin", name: "tc_methods_data_gin" },
          { columns: ["at"], method: "brin" },
          { columns: ["name", "at"], method: "btree" },
          { columns: ["rank"], method: "gist" },
        ],
      })
      class Methods extends Table<Methods>() {
        @column(Varchar()) name!: string;
        @column(ArrayColumn(Varchar())) tags!: string[];
        @column(JSONB()) data!: unknown;
        @column(Timestamptz()) at!: Date;
        @column(Integer()) rank!: number;
      }
      await Methods.createTable();
      expect((await catalogue(ctx, "tc_methods")).indexes.map((i) => [i.name, i.method])).to.deep.equal([
        ["tc_methods_at_idx", "brin"],
        ["tc_methods_data_gin", "gin"],
        ["tc_methods_name_at_idx", "btree"],
        ["tc_methods_name_idx", "hash"],
        ["tc_methods_rank_idx", "gist"],
        ["tc_methods_tags_idx", "gin"],
      ]);
      await Methods.insert({ name: "a", tags: ["x", "y"], data: { k: 1 }, at: new Date(0), rank: 1 });
      expect(await Methods.count().where(Methods.c.tags.contains(["y"]))).to.equal(1);
    });

    it("refuses a non-btree index method on SQLite when the table is created, and creates nothing [sqlite]", async function () {
      onlyEngines(this, ctx, "sqlite", "sqlite3");
      @table({ db: ctx.engine, tablename: "tc_methods", indexes: [{ columns: ["tags"], method: "gin" }] })
      class Methods extends Table<Methods>() {
        @column(ArrayColumn(Varchar())) tags!: string[];
      }
      expect(() => Methods.createTable().toSQL()).to.throw(
        UnsupportedFeatureError,
        /SQLite has no "gin" index method \(index tc_methods_tags_idx\)/,
      );
      const error = await Methods.createTable()
        .run()
        .catch((e: unknown) => e);
      expect(error).to.be.instanceOf(UnsupportedFeatureError);
      expect(await Methods.tableExists()).to.equal(false);
    });

    it("a misspelt column in unique, indexes or checks is an error naming the nearest column", () => {
      expect(() => {
        // @ts-expect-error: "nmae" is not a column of the class
        @table({ db: ctx.engine, tablename: "tc_bad", unique: [["nmae"]] })
        class Bad extends Table<Bad>() {
          @column(Varchar()) name!: string;
        }
        return Bad;
      }).to.throw(OrmError, /tc_bad has no column "nmae". Did you mean "name"\?/);
      expect(() => {
        // @ts-expect-error: "popularty" is not a column of the class
        @table({ db: ctx.engine, tablename: "tc_bad", indexes: [{ columns: ["name", "popularty"] }] })
        class Bad extends Table<Bad>() {
          @column(Varchar()) name!: string;
          @column(Integer()) popularity!: number;
        }
        return Bad;
      }).to.throw(OrmError, /Did you mean "popularity"\?/);
      expect(() => {
        // @ts-expect-error: "fulltext" is no index method
        @table({ db: ctx.engine, tablename: "tc_bad", indexes: [{ columns: ["name"], method: "fulltext" }] })
        class Bad extends Table<Bad>() {
          @column(Varchar()) name!: string;
        }
        return Bad;
        // Was "@table() index method() has no option ...": a method is a value, not an option.
      })
        .to.throw(DefinitionError, /@table\(\) of Bad: unknown index method "fulltext"\. Methods: btree, /)
        .with.property("code", "PICCOLO_UNKNOWN_INDEX_METHOD");
    });

    it("a check condition with another table's column is refused when the table is created", async () => {
      const { Manager } = t;
      @table({ db: ctx.engine, tablename: "tc_bad", checks: [{ check: () => Manager.c.name.eq("x") }] })
      class Bad extends Table<Bad>() {
        @column(Varchar()) name!: string;
      }
      expect(() => Bad.createTable().toSQL()).to.throw(OrmError, /can only read the table's own columns/);
    });
  },
  { also: ["sqlite3"] },
);
