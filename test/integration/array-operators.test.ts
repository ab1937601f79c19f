import { expect } from "chai";
import {
  ArrayColumn,
  BigIntColumn,
  BooleanColumn,
  Integer,
  Numeric,
  OrmError,
  Table,
  Timestamptz,
  ValidationError,
  Varchar,
  column,
  not,
  table,
} from "../../lib";
import { describeEachEngine } from "../support/engines";

// append/prepend/remove/replace as update values and notAny in where: PostgreSQL's array
// functions, and on SQLite the same results rebuilt from the stored JSON (json_each, json_group_array).
describeEachEngine("array operators: append, prepend, remove, replace, notAny", (ctx) => {
  function define() {
    @table({ db: ctx.engine, tablename: "ao_band" })
    class Band extends Table<Band>() {
      @column(Varchar()) name!: string;
      @column(ArrayColumn(Varchar({ null: true }), { null: true })) tags!: (string | null)[] | null;
      @column(ArrayColumn(Integer({ null: true }))) ints!: (number | null)[];
      @column(ArrayColumn(BooleanColumn())) flags!: boolean[];
      @column(ArrayColumn(BigIntColumn())) bigs!: bigint[];
      @column(ArrayColumn(Numeric({ digits: [6, 2] }))) prices!: string[];
      @column(ArrayColumn(Timestamptz())) stamps!: Date[];
    }
    return Band;
  }
  let Band: ReturnType<typeof define>;
  const t1 = new Date("2024-03-01T20:30:00.000Z");
  const t2 = new Date("2024-03-02T02:15:00.000Z");

  beforeEach(async () => {
    await ctx.dropTables("ao_band");
    Band = define();
    await Band.createTable();
    await Band.insert(
      {
        name: "a",
        tags: ["rock", null, "jazz", "rock", "it's"],
        ints: [3, 1, null, 3, 2],
        flags: [true, false, true],
        bigs: [9007199254740993n, 1n],
        prices: ["1.50", "2.00"],
        stamps: [t1, t2],
      },
      { name: "b", tags: ["folk"], ints: [], flags: [], bigs: [], prices: [], stamps: [] },
      { name: "c", tags: null, ints: [null], flags: [false], bigs: [], prices: [], stamps: [] },
    );
  });
  after(() => ctx.dropTables("ao_band"));

  async function row(name: string) {
    return (await Band.select(Band.c.tags, Band.c.ints, Band.c.flags, Band.c.bigs, Band.c.prices, Band.c.stamps)
      .where(Band.c.name.eq(name))
      .first())!;
  }

  it("append and prepend add one element at the end or the start, nulls included", async () => {
    await Band.update({
      tags: Band.c.tags.append("live"),
      ints: Band.c.ints.prepend(null),
      flags: Band.c.flags.append(false),
      bigs: Band.c.bigs.prepend(9223372036854775807n),
      stamps: Band.c.stamps.append(t1),
    }).where(Band.c.name.isIn(["a", "b"]));
    const a = await row("a");
    expect(a.tags).to.deep.equal(["rock", null, "jazz", "rock", "it's", "live"]);
    expect(a.ints).to.deep.equal([null, 3, 1, null, 3, 2]);
    expect(a.flags).to.deep.equal([true, false, true, false]);
    expect(a.bigs).to.deep.equal([9223372036854775807n, 9007199254740993n, 1n]);
    expect(a.stamps.map((d) => d.toISOString())).to.deep.equal([t1, t2, t1].map((d) => d.toISOString()));
    const b = await row("b");
    expect(b).to.deep.include({ tags: ["folk", "live"], ints: [null], flags: [false] });
    await Band.update({ tags: Band.c.tags.prepend(null), ints: Band.c.ints.append(5) }).where(Band.c.name.eq("b"));
    expect(await row("b")).to.deep.include({ tags: [null, "folk", "live"], ints: [null, 5] });
  });

  it("remove drops every equal element and keeps the order; null removes the nulls", async () => {
    await Band.update({
      tags: Band.c.tags.remove("rock"),
      ints: Band.c.ints.remove(3),
      flags: Band.c.flags.remove(true),
      bigs: Band.c.bigs.remove(9007199254740993n),
      prices: Band.c.prices.remove("1.50"),
      stamps: Band.c.stamps.remove(t2),
    }).where(Band.c.name.eq("a"));
    expect(await row("a")).to.deep.equal({
      tags: [null, "jazz", "it's"],
      ints: [1, null, 2],
      flags: [false],
      bigs: [1n],
      prices: ["2.00"],
      stamps: [t1],
    });
    await Band.update({ tags: Band.c.tags.remove(null), ints: Band.c.ints.remove(null) }).where(
      Band.c.name.isIn(["a", "c"]),
    );
    expect(await row("a")).to.deep.include({ tags: ["jazz", "it's"], ints: [1, 2] });
    // A NULL array stays NULL; removing the last element leaves an empty array.
    expect(await row("c")).to.deep.include({ tags: null, ints: [] });
    await Band.update({ tags: Band.c.tags.remove("folk") }).where(Band.c.name.eq("b"));
    expect((await row("b")).tags).to.deep.equal([]);
  });

  it("replace swaps every equal element in place; null matches nulls", async () => {
    await Band.update({
      tags: Band.c.tags.replace("rock", "rock and roll"),
      ints: Band.c.ints.replace(null, 0),
      flags: Band.c.flags.replace(true, false),
      bigs: Band.c.bigs.replace(1n, 9223372036854775807n),
      prices: Band.c.prices.replace("2.00", "3.10"),
      stamps: Band.c.stamps.replace(t1, t2),
    }).where(Band.c.name.eq("a"));
    const a = await row("a");
    expect(a.tags).to.deep.equal(["rock and roll", null, "jazz", "rock and roll", "it's"]);
    expect(a.ints).to.deep.equal([3, 1, 0, 3, 2]);
    expect(a.flags).to.deep.equal([false, false, false]);
    expect(a.bigs).to.deep.equal([9007199254740993n, 9223372036854775807n]);
    expect(a.prices).to.deep.equal(["1.50", "3.10"]);
    expect(a.stamps.map((d) => d.toISOString())).to.deep.equal([t2, t2].map((d) => d.toISOString()));
    await Band.update({ tags: Band.c.tags.replace(null, "?"), ints: Band.c.ints.replace(3, null) }).where(
      Band.c.name.eq("a"),
    );
    expect(await row("a")).to.deep.include({
      tags: ["rock and roll", "?", "jazz", "rock and roll", "it's"],
      ints: [null, 1, 0, null, 2],
    });
    await Band.update({ tags: Band.c.tags.replace("jazz", '["true", 1]') }).where(Band.c.name.eq("a"));
    expect((await row("a")).tags).to.deep.equal(["rock and roll", "?", '["true", 1]', "rock and roll", "it's"]);
    await Band.update({ tags: Band.c.tags.replace("x", "y") }).where(Band.c.name.eq("c"));
    expect((await row("c")).tags).to.equal(null);
  });

  it("the operators can be selected without writing", async () => {
    const rows = await Band.select(Band.c.ints.remove(null), Band.c.tags.prepend("first"))
      .where(Band.c.name.eq("a"))
      .first();
    expect(rows).to.deep.equal({ ints: [3, 1, 3, 2], tags: ["first", "rock", null, "jazz", "rock", "it's"] });
    expect(await Band.select(Band.c.tags.replace(null, "-")).where(Band.c.name.eq("c")).first()).to.deep.equal({
      tags: null,
    });
  });

  it("notAny: no element equals the value, with SQL's three-valued logic", async () => {
    const names = async (where: ReturnType<typeof Band.c.ints.notAny>) =>
      (await Band.select(Band.c.name).where(where).orderBy(Band.c.name)).map((r) => r.name);
    expect(await names(Band.c.flags.notAny(true))).to.deep.equal(["b", "c"]);
    expect(await names(Band.c.bigs.notAny(9007199254740993n))).to.deep.equal(["b", "c"]);
    // "a" holds a null and no 7: unknown, so not selected; an empty array holds no 7.
    expect(await names(Band.c.ints.notAny(7))).to.deep.equal(["b"]);
    expect(await names(Band.c.ints.notAny(3))).to.deep.equal(["b"]);
    // A NULL array is unknown too.
    expect(await names(Band.c.tags.notAny("jazz"))).to.deep.equal(["b"]);
    expect(await names(not(Band.c.tags.notAny("jazz")))).to.deep.equal(["a"]);
    expect(await names(Band.c.stamps.notAny(t2))).to.deep.equal(["b", "c"]);
  });

  it("compiles to PostgreSQL's array functions and SQLite's json functions", () => {
    const sql = Band.update({ tags: Band.c.tags.remove("x"), ints: Band.c.ints.replace(1, 2) })
      .where(Band.c.flags.notAny(true))
      .toSQL().sql;
    if (ctx.family === "postgres") {
      // CockroachDB's INTEGER is INT8, which its dialect writes out.
      const int = ctx.name === "cockroach" ? "INT8" : "INTEGER";
      expect(sql).to.equal(
        'UPDATE "ao_band" SET "tags" = array_remove("ao_band"."tags", CAST($1 AS VARCHAR(255))), ' +
          `"ints" = array_replace("ao_band"."ints", CAST($2 AS ${int}), CAST($3 AS ${int})) ` +
          'WHERE NOT ($4 = ANY ("ao_band"."flags"))',
      );
    } else {
      expect(sql)
        .to.contain("json_group_array(")
        .and.contain('FROM json_each("ao_band"."tags")')
        .and.contain("NOT (CASE");
    }
  });

  it("refuse arrays, expressions, nulls the element type forbids, wrong values and other columns", () => {
    expect(() => Band.c.tags.append(["a"] as never)).to.throw(OrmError, /append \(one element value/);
    expect(() => Band.c.tags.remove(Band.c.name as never)).to.throw(OrmError, /remove \(one element value/);
    expect(() => Band.c.flags.remove(null as never)).to.throw(ValidationError);
    expect(() => Band.c.flags.append(null as never)).to.throw(ValidationError);
    expect(() => Band.c.ints.replace(1, "two" as never)).to.throw(ValidationError);
    // Absent from a varchar column's type; refused at run time for untyped callers.
    const name = Band.c.name as unknown as { append(v: unknown): unknown; notAny(v: unknown): unknown };
    expect(() => name.append("x")).to.throw(OrmError, /append\(\) works on array columns/);
    expect(() => name.notAny("x")).to.throw(OrmError, /any\(\) works on array columns/);
  });
});
