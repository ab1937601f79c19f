import { expect } from "chai";
import {
  Avg,
  Engine,
  Integer,
  Max,
  MigrationRunner,
  Min,
  Numeric,
  Param,
  Sum,
  Table,
  UnsupportedFeatureError,
  column,
  table,
  type Migration,
} from "../../lib";
import { caught, expectSql } from "../support/assertions";
import { describeEachEngine, onlyEngines, requireCapability } from "../support/engines";
import { generateMigration } from "../support/migration-files";

function defineTables(db: Engine) {
  /** `price` fits a scaled INTEGER on SQLite (p <= 18); `wide` (no digits) and `huge` (p > 18) are keyed TEXT. */
  @table({ db, tablename: "num_item" })
  class Item extends Table<Item>() {
    @column(Numeric({ digits: [10, 2], null: true })) price!: Numeric | null;
    @column(Numeric({ null: true })) wide!: Numeric | null;
    @column(Numeric({ digits: [30, 9], null: true })) huge!: Numeric | null;
    @column(Integer({ default: 1 })) qty!: number;
  }
  return { Item };
}

const big = "12345678901234567890.123456789";

describeEachEngine(
  "Numeric by value",
  (ctx) => {
    let t: ReturnType<typeof defineTables>;
    before(async () => {
      await ctx.dropTables("num_item");
      t = defineTables(ctx.engine);
      await t.Item.createTable();
    });
    beforeEach(async () => {
      const { Item } = t;
      await Item.delete({ force: true });
      await Item.insert(
        new Item({ price: "120.00", wide: "120.00", huge: "120" }),
        new Item({ price: "35.25", wide: "35.25", huge: "35.25" }),
        new Item({ price: "9.5", wide: "9.5", huge: "9.5" }),
        new Item({ price: "-2.345", wide: "-2.345", huge: "-2.345" }),
        new Item({ price: "0", wide: "0", huge: "0" }),
      );
    });
    after(() => ctx.dropTables("num_item"));

    const values = async <K extends "price" | "wide" | "huge">(
      query: PromiseLike<Record<K, string | null>[]>,
      key: K,
    ) => (await query).map((r) => r[key]);

    for (const key of ["price", "wide", "huge"] as const) {
      it(`${key}: gt, lt, between, isIn and eq compare by value (120.00 > 35.25)`, async () => {
        const { Item } = t;
        const c = Item.c[key];
        const sorted = (q: PromiseLike<Record<typeof key, string | null>[]>) => values(q, key).then((v) => v.sort());
        expect(await sorted(Item.select(c).where(c.gt("35.25")))).to.have.length(1);
        expect(await sorted(Item.select(c).where(c.gt("9.6")))).to.have.length(2);
        expect(await sorted(Item.select(c).where(c.lt("9.5")))).to.have.length(2);
        expect(await sorted(Item.select(c).where(c.lte("9.50")))).to.have.length(3);
        expect(await sorted(Item.select(c).where(c.gte("-2.35")))).to.have.length(5);
        expect(await sorted(Item.select(c).where(c.between("0", "35.250")))).to.have.length(3);
        expect(await sorted(Item.select(c).where(c.isIn(["120", "9.50", "7"])))).to.have.length(2);
        expect(await sorted(Item.select(c).where(c.notIn(["120", "9.50"])))).to.have.length(3);
        expect(await sorted(Item.select(c).where(c.eq("35.250")))).to.have.length(1);
        expect(await sorted(Item.select(c).where(c.ne("35.250")))).to.have.length(4);
        expect(
          await Item.select(c)
            .where(c.eq(Param("v")))
            .freeze()
            .bind({ v: "9.50" }),
        ).to.have.length(1);
      });

      it(`${key}: orderBy desc and asc by value, text as PostgreSQL gives it`, async () => {
        const { Item } = t;
        const c = Item.c[key];
        const expected = {
          price: ["120.00", "35.25", "9.50", "0.00", "-2.35"],
          wide: ["120.00", "35.25", "9.5", "0", "-2.345"],
          huge: ["120.000000000", "35.250000000", "9.500000000", "0.000000000", "-2.345000000"],
        }[key];
        expect(await values(Item.select(c).orderBy(c.desc()), key)).to.deep.equal(expected);
        expect(await values(Item.select(c).orderBy(c.asc()), key)).to.deep.equal([...expected].reverse());
      });

      it(`${key}: Sum, Avg, Min and Max`, async () => {
        const { Item } = t;
        const c = Item.c[key];
        if (ctx.name === "sqlite3" && key !== "price") {
          // Exact sums of keyed TEXT need better-sqlite3's functions; min, max and avg work everywhere.
          expect((await caught(() => Item.select(Sum(c)))).message).to.match(
            /sum Numeric values without digits .* on the sqlite3 driver/,
          );
          expect(await Item.select(Avg(c), Min(c), Max(c)).first()).to.deep.include({
            min: key === "wide" ? "-2.345" : "-2.345000000",
          });
          return;
        }
        const row = await Item.select(Sum(c), Avg(c), Min(c), Max(c)).first();
        const expected = {
          price: { sum: "162.40", min: "-2.35", max: "120.00" },
          wide: { sum: "162.405", min: "-2.345", max: "120.00" },
          huge: { sum: "162.405000000", min: "-2.345000000", max: "120.000000000" },
        }[key];
        expect(row).to.deep.include(expected);
        expect(row!.avg).to.be.closeTo(key === "price" ? 32.48 : 32.481, 1e-9);
        expect(await Item.select(Sum(c), Min(c)).where(c.gt("1000")).first()).to.deep.equal({ sum: null, min: null });
      });
    }

    it("plus and minus are exact, in select and update, negative numbers and zero included", async () => {
      const { Item } = t;
      const rows = await Item.select(Item.c.price.plus("1").as("p"), Item.c.price.minus("0.5").as("m")).orderBy(
        Item.c.price.desc(),
      );
      expect(rows).to.deep.equal([
        { p: "121.00", m: "119.50" },
        { p: "36.25", m: "34.75" },
        { p: "10.50", m: "9.00" },
        { p: "1.00", m: "-0.50" },
        { p: "-1.35", m: "-2.85" },
      ]);
      await Item.update({ price: Item.c.price.plus("1"), qty: Item.c.qty.plus(1) }, { force: true });
      expect(await values(Item.select(Item.c.price).orderBy(Item.c.price.desc()), "price")).to.deep.equal([
        "121.00",
        "36.25",
        "10.50",
        "1.00",
        "-1.35",
      ]);
      await Item.update({ price: Item.c.price.minus(Item.c.price as never) }, { force: true });
      expect(await values(Item.select(Item.c.price).where(Item.c.price.eq("0")), "price")).to.deep.equal([
        "0.00",
        "0.00",
        "0.00",
        "0.00",
        "0.00",
      ]);
    });

    it("plus on a wide Numeric keeps all digits (12345678901234567890.123456789 + 1): exact, or refused on the sqlite3 driver", async () => {
      const { Item } = t;
      await Item.insert({ wide: big, huge: big });
      const sum = Item.select(Item.c.wide.plus("1").as("w"), Item.c.huge.minus("0.000000001").as("h")).where(
        Item.c.wide.gt("1e19"),
      );
      const update = Item.update({ wide: Item.c.wide.plus("1") }).where(Item.c.wide.eq(big));
      if (ctx.name === "sqlite3") {
        const error = await caught(() => sum);
        expect(error).to.be.instanceOf(UnsupportedFeatureError);
        expect(error.message).to.match(/digits: \[p, s\] \}\) with p <= 18/);
        expect(await caught(() => update)).to.be.instanceOf(UnsupportedFeatureError);
        expect(await caught(() => Item.select(Sum(Item.c.wide)))).to.be.instanceOf(UnsupportedFeatureError);
        expect(await Item.count().where(Item.c.wide.eq(big))).to.equal(1);
        return;
      }
      expect(await sum).to.deep.equal([{ w: "12345678901234567891.123456789", h: "12345678901234567890.123456788" }]);
      await update;
      expect(await values(Item.select(Item.c.wide).where(Item.c.wide.gt("1e19")), "wide")).to.deep.equal([
        "12345678901234567891.123456789",
      ]);
      expect(await Item.select(Sum(Item.c.wide)).where(Item.c.wide.gt("100")).first()).to.deep.equal({
        sum: "12345678901234568011.123456789",
      });
    });

    it("times: exact on every engine by a whole number; a wide Numeric by a decimal on better-sqlite3; refused otherwise on SQLite", async () => {
      const { Item } = t;
      const row = Item.select(
        Item.c.price.times("3").as("p"),
        Item.c.price.times(Item.c.qty).as("q"),
        Item.c.price.plus(Item.c.qty.plus(1)).as("r"),
      );
      expect(await row.where(Item.c.price.eq("-2.35"))).to.deep.equal([{ p: "-7.05", q: "-2.35", r: "-0.35" }]);
      await Item.update({ price: Item.c.price.times(Item.c.qty.plus(1)) }).where(Item.c.price.gt("100"));
      expect(await Item.select(Item.c.price).where(Item.c.price.gt("100"))).to.deep.equal([{ price: "240.00" }]);
      const product = Item.select(Item.c.wide.times("2.5").as("w")).where(Item.c.wide.eq("-2.345"));
      if (ctx.name !== "sqlite3") expect(await product).to.deep.equal([{ w: "-5.8625" }]);
      else expect(await caught(() => product)).to.be.instanceOf(UnsupportedFeatureError);
      const byDecimal = Item.select(Item.c.price.times("2.5").as("p"));
      const divided = Item.select(Item.c.price.divide("2").as("p"));
      if (ctx.family === "postgres") {
        expect(await byDecimal.where(Item.c.price.eq("9.50"))).to.deep.equal([{ p: "23.750" }]);
        expect(await divided.where(Item.c.price.eq("9.50"))).to.deep.equal([{ p: "4.7500000000000000" }]);
        return;
      }
      expect((await caught(() => byDecimal)).message).to.match(
        /^SQLite cannot multiply a Numeric stored as a scaled integer by anything but a whole number exactly: multiply by an Integer column/,
      );
      expect((await caught(() => divided)).message).to.match(/^SQLite cannot divide Numeric values/);
    });

    it("a product beyond 64 bits is SQLite's integer overflow, never a rounded value", async function () {
      onlyEngines(this, ctx, "sqlite", "sqlite3");
      const { Item } = t;
      await Item.update({ price: "99999999.99" }).where(Item.c.price.gt("100"));
      const error = await caught(() =>
        Item.update({ price: Item.c.price.times("999999999999") }).where(Item.c.price.gt("100")),
      );
      expect(error.message).to.match(/integer overflow/);
      expect(await Item.select(Item.c.price).where(Item.c.price.gt("100"))).to.deep.equal([{ price: "99999999.99" }]);
    });

    it("rounds exact halves half away from zero: 2.345 → 2.35, -2.345 → -2.35, 0.005 → 0.01 at scale 2", async () => {
      const { Item } = t;
      await Item.delete({ force: true });
      await Item.insert(
        { price: "2.345" },
        { price: "-2.345" },
        { price: "0.005" },
        { price: "-0.005" },
        { price: "0.0049" },
        { price: "1.994999" },
      );
      expect(await values(Item.select(Item.c.price).orderBy(Item.c.id), "price")).to.deep.equal([
        "2.35",
        "-2.35",
        "0.01",
        "-0.01",
        "0.00",
        "1.99",
      ]);
      await Item.update({ price: "2.345" }).where(Item.c.price.eq("0.00"));
      await Item.update({ price: Item.c.price.plus("0.005") }).where(Item.c.price.eq("1.99"));
      expect(await values(Item.select(Item.c.price).orderBy(Item.c.id), "price")).to.deep.equal([
        "2.35",
        "-2.35",
        "0.01",
        "-0.01",
        "2.35",
        "2.00",
      ]);
    });

    it("compares with values that have more decimals than the column by value (35.251 is between 35.25 and 35.26)", async () => {
      const { Item } = t;
      const count = (q: PromiseLike<unknown[]>) => q.then((r) => r.length);
      expect(await count(Item.select(Item.c.price).where(Item.c.price.gt("35.249")))).to.equal(2);
      expect(await count(Item.select(Item.c.price).where(Item.c.price.gt("35.251")))).to.equal(1);
      expect(await count(Item.select(Item.c.price).where(Item.c.price.lt("35.251")))).to.equal(4);
      expect(await count(Item.select(Item.c.price).where(Item.c.price.eq("35.251")))).to.equal(0);
      expect(await count(Item.select(Item.c.price).where(Item.c.price.ne("35.251")))).to.equal(5);
      expect(await count(Item.select(Item.c.price).where(Item.c.price.isIn(["35.251", "35.25"])))).to.equal(1);
    });

    it("compiles comparisons to the stored form: a scaled integer, or the key's bounds", () => {
      const { Item } = t;
      expectSql(
        ctx,
        Item.select(Item.c.price).where(Item.c.price.gt("35.25")),
        {
          postgres: 'SELECT "num_item"."price" FROM "num_item" WHERE "num_item"."price" > $1',
          sqlite: 'SELECT CAST("num_item"."price" AS TEXT) AS "price" FROM "num_item" WHERE "num_item"."price" > ?',
        },
        [ctx.family === "postgres" ? "35.25" : 3525],
      );
      expectSql(
        ctx,
        Item.select(Item.c.wide).where(Item.c.wide.eq("35.25")),
        {
          postgres: 'SELECT "num_item"."wide" FROM "num_item" WHERE "num_item"."wide" = $1',
          sqlite: 'SELECT "num_item"."wide" FROM "num_item" WHERE "num_item"."wide" BETWEEN ? AND ?',
        },
        ctx.family === "postgres" ? ["35.25"] : ["25000023525 ", "25000023525!"],
      );
    });

    it("defaults in DDL, onConflict updates and returning use the same encoding", async () => {
      const { Item } = t;
      await ctx.dropTables("num_default");
      @table({ db: ctx.engine, tablename: "num_default" })
      class Priced extends Table<Priced>() {
        @column(Numeric({ digits: [8, 2], default: "1.5" })) price!: Numeric;
        @column(Numeric({ default: "2.50" })) wide!: Numeric;
        @column(Integer({ unique: true, default: 0 })) code!: number;
      }
      try {
        await Priced.createTable();
        await ctx.engine.rawQuery("INSERT INTO num_default (code) VALUES (1)");
        expect(await Priced.select(Priced.c.price, Priced.c.wide)).to.deep.equal([{ price: "1.50", wide: "2.50" }]);
        const upsert = {
          target: Priced.c.code,
          action: "doUpdate" as const,
          values: { price: Priced.c.price.plus("10"), wide: Priced.c.wide.minus("0.5") },
        };
        if (ctx.name !== "sqlite3") {
          await Priced.insert({ code: 1 }).onConflict(upsert);
          expect(await Priced.select(Priced.c.price, Priced.c.wide)).to.deep.equal([{ price: "11.50", wide: "2.00" }]);
        }
        const returned = await Priced.update({ price: Priced.c.price.plus("0.005") })
          .where(Priced.c.price.gte("1.5"))
          .returning(Priced.c.price);
        expect(returned).to.deep.equal([{ price: ctx.name === "sqlite3" ? "1.51" : "11.51" }]);
        expect(await Item.count()).to.equal(5);
      } finally {
        await ctx.dropTables("num_default");
      }
    });

    it("stores a scaled INTEGER (p <= 18) and keyed TEXT otherwise on SQLite (SQLite only)", async function () {
      onlyEngines(this, ctx, "sqlite", "sqlite3");
      const rows = await ctx.engine.rawQuery(
        "SELECT typeof(price) AS p, price, typeof(wide) AS w, wide FROM num_item WHERE qty = 1 ORDER BY id LIMIT 1",
      );
      expect(rows).to.deep.equal([{ p: "integer", price: 12000, w: "text", wide: "250000312 120.00" }]);
    });
  },
  { also: ["sqlite3"] },
);

describeEachEngine(
  "Numeric migrations",
  (ctx) => {
    before(function () {
      requireCapability(this, ctx, "alterColumnType");
    });

    const drop = () => ctx.dropTables("num_mig", "piccolo_migration");
    before(drop);
    after(drop);

    function versions(db: Engine) {
      @table({ db, tablename: "num_mig" })
      class V1 extends Table<V1>() {
        @column(Numeric({ digits: [10, 2] })) price!: Numeric;
        @column(Numeric({ digits: [10, 4] })) rate!: Numeric;
        @column(Numeric({ null: true })) wide!: Numeric | null;
        @column(Numeric({ null: true })) total!: Numeric | null;
      }
      @table({ db, tablename: "num_mig" })
      class V2 extends Table<V2>() {
        @column(Numeric({ digits: [12, 4] })) price!: Numeric;
        @column(Numeric({ digits: [10, 1] })) rate!: Numeric;
        @column(Numeric({ digits: [12, 3], null: true })) wide!: Numeric | null;
        @column(Numeric({ null: true })) total!: Numeric | null;
      }
      return { V1, V2 };
    }

    it("a change of digits rescales the stored values (10,2 → 12,4 and 10,4 → 10,1, rounding half away from zero) and goes back", async () => {
      const { V1, V2 } = versions(ctx.engine);
      const m1 = (await generateMigration("num", "2025-07-01T00:00:00:000001", [], [V1])).migration;
      const m2 = (await generateMigration("num", "2025-07-01T00:00:00:000002", [m1], [V2])).migration;
      const migrations: Migration[] = [m1, m2];
      const runner = new MigrationRunner(ctx.engine, migrations);
      await runner.forwards("num", { migrationId: m1.id });
      await V1.insert(
        { price: "120.00", rate: "0.1250", wide: "1.0005" },
        { price: "-35.25", rate: "-0.1250", wide: null },
        { price: "9.99", rate: "2.3449", wide: "-7" },
      );
      await runner.forwards("num");
      const rows = await V2.select(V2.c.price, V2.c.rate, V2.c.wide).orderBy(V2.c.price.desc());
      expect(rows).to.deep.equal([
        { price: "120.0000", rate: "0.1", wide: "1.001" },
        { price: "9.9900", rate: "2.3", wide: "-7.000" },
        { price: "-35.2500", rate: "-0.1", wide: null },
      ]);
      expect(await V2.count().where(V2.c.price.gt("35.25"))).to.equal(1);
      expect(await V2.count().where(V2.c.rate.eq("0.1"))).to.equal(1);
      await runner.backwards("num", { migrationId: m2.id });
      expect(await V1.select(V1.c.price, V1.c.rate).orderBy(V1.c.price.desc())).to.deep.equal([
        { price: "120.00", rate: "0.1000" },
        { price: "9.99", rate: "2.3000" },
        { price: "-35.25", rate: "-0.1000" },
      ]);
      await runner.backwards("num", { migrationId: "all" });
    });

    it("a rebuild converts a table an earlier version wrote, with Numeric as plain TEXT (SQLite only)", async function () {
      onlyEngines(this, ctx, "sqlite", "sqlite3");
      const { V1, V2 } = versions(ctx.engine);
      const m1 = (await generateMigration("num", "2025-07-01T00:00:00:000001", [], [V1])).migration;
      const m2 = (await generateMigration("num", "2025-07-01T00:00:00:000002", [m1], [V2])).migration;
      const runner = new MigrationRunner(ctx.engine, [m1, m2]);
      await runner.forwards("num", { migrationId: m1.id });
      // What the previous version's createTable made: TEXT columns holding decimal text.
      await ctx.engine.rawQuery("DROP TABLE num_mig");
      await ctx.engine.rawQuery(
        'CREATE TABLE num_mig ("id" INTEGER PRIMARY KEY, "price" TEXT NOT NULL, "rate" TEXT NOT NULL, "wide" TEXT, "total" TEXT)',
      );
      await ctx.engine.rawQuery(
        "INSERT INTO num_mig (price, rate, wide, total) VALUES ('120.00', '0.1250', '1.0005', '120.50'), ('-35.25', '-0.1250', NULL, NULL), ('9.99', '2.3449', '-7', '9.5')",
      );
      await runner.forwards("num");
      expect(await V2.select(V2.c.price, V2.c.rate, V2.c.wide).orderBy(V2.c.price.desc())).to.deep.equal([
        { price: "120.0000", rate: "0.1", wide: "1.001" },
        { price: "9.9900", rate: "2.3", wide: "-7.000" },
        { price: "-35.2500", rate: "-0.1", wide: null },
      ]);
      expect(await ctx.engine.rawQuery("SELECT DISTINCT typeof(price) AS t FROM num_mig")).to.deep.equal([
        { t: "integer" },
      ]);
      // A Numeric without digits kept its type: read right on both drivers, keyed (and so compared by value) where better-sqlite3 can key it.
      expect(await V2.select(V2.c.total).orderBy(V2.c.id)).to.deep.equal([
        { total: "120.50" },
        { total: null },
        { total: "9.5" },
      ]);
      if (ctx.name === "sqlite")
        expect(await V2.select(V2.c.total).where(V2.c.total.gt("10"))).to.deep.equal([{ total: "120.50" }]);
      await runner.backwards("num", { migrationId: "all" });
    });
  },
  { also: ["sqlite3"] },
);
