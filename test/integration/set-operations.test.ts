import { expect } from "chai";
import {
  BigIntColumn,
  Cast,
  Count,
  DerivedTable,
  Exists,
  ForeignKey,
  Integer,
  Max,
  Numeric,
  OrmError,
  Param,
  Table,
  Varchar,
  With,
  WithRecursive,
  column,
  table,
  type Engine,
  type Ref,
} from "../../lib";
import { describeEachEngine } from "../support/engines";
import { caught } from "../support/assertions";
import { useSampleData } from "../support/fixtures";

// Managers: Guido, Graydon, Mads. Bands: Pythonistas (Guido, 1000), Rustaceans (Graydon, 2000),
// C-Sharps (Mads, 10). Venues: Arena (capacity 1000), Garage (capacity null).
describeEachEngine("union, intersect and except", (ctx) => {
  const f = useSampleData(ctx);

  it("union: the distinct rows of both, sorted by an output column, limited and offset", async () => {
    const { Band, Manager } = f;
    const all = Band.select(Band.c.name).union(Manager.select(Manager.c.name)).orderBy(Band.c.name);
    expect((await all).map((r) => r.name)).to.deep.equal([
      "C-Sharps",
      "Graydon",
      "Guido",
      "Mads",
      "Pythonistas",
      "Rustaceans",
    ]);
    const page = await Band.select(Band.c.name)
      .union(Manager.select(Manager.c.name))
      .orderBy(Band.c.name.desc())
      .limit(2)
      .offset(1);
    expect(page).to.deep.equal([{ name: "Pythonistas" }, { name: "Mads" }]);
    expect(all.toSQL().sql).to.match(/ UNION SELECT "manager"."name" FROM "manager" ORDER BY "name" ASC$/);
  });

  it("union drops repeated rows, unionAll keeps them", async () => {
    const { Band } = f;
    const managers = Band.select(Band.c.manager);
    expect(await managers.union(Band.select(Band.c.manager))).to.have.length(3);
    expect(await managers.unionAll(Band.select(Band.c.manager))).to.have.length(6);
  });

  it("intersect and except", async () => {
    const { Band, Manager } = f;
    const starsManagers = Band.select(Band.c.manager.name.as("name")).where(Band.c.popularity.gt(100));
    const both = await Manager.select(Manager.c.name).intersect(starsManagers).orderBy(Manager.c.name);
    expect(both).to.deep.equal([{ name: "Graydon" }, { name: "Guido" }]);
    const others = await Manager.select(Manager.c.name).except(starsManagers);
    expect(others).to.deep.equal([{ name: "Mads" }]);
  });

  it("applies chained operators left to right on both engines (INTERSECT after a UNION is grouped)", async () => {
    const { Band, Manager } = f;
    const query = Band.select(Band.c.name)
      .union(Manager.select(Manager.c.name))
      .intersect(Band.select(Band.c.name).where(Band.c.popularity.gt(100)))
      .orderBy(Band.c.name);
    expect(await query).to.deep.equal([{ name: "Pythonistas" }, { name: "Rustaceans" }]);
  });

  it("a member with its own orderBy and limit, and a compound as a member", async () => {
    const { Band, Manager } = f;
    const top = Band.select(Band.c.name).orderBy(Band.c.popularity.desc()).limit(1);
    const firstManager = Manager.select(Manager.c.name).orderBy(Manager.c.name).limit(1);
    expect(await top.unionAll(firstManager).orderBy(Band.c.name)).to.deep.equal([
      { name: "Graydon" },
      { name: "Rustaceans" },
    ]);
    const rest = await Band.select(Band.c.name)
      .except(top.union(Band.select(Band.c.name).where(Band.c.popularity.lt(100))))
      .orderBy(Band.c.name);
    expect(rest).to.deep.equal([{ name: "Pythonistas" }]);
  });

  it("decodes the rows by the first select's types; first() gives one row or null", async () => {
    const { Band, Venue, Concert } = f;
    const capacities = await Venue.select(Venue.c.name, Venue.c.capacity)
      .unionAll(Band.select(Band.c.name, Band.c.popularity.as("capacity")))
      .orderBy(Venue.c.capacity.desc({ nulls: "last" }), Venue.c.name);
    expect(capacities).to.deep.equal([
      { name: "Rustaceans", capacity: 2000 },
      { name: "Arena", capacity: 1000 },
      { name: "Pythonistas", capacity: 1000 },
      { name: "C-Sharps", capacity: 10 },
      { name: "Garage", capacity: null },
    ]);
    const dates = Concert.select(Concert.c.startsAt).union(Concert.select(Concert.c.startsAt));
    const latest = await dates.orderBy(Concert.c.startsAt.desc()).first();
    expect(latest).to.deep.equal({ startsAt: new Date("2025-07-01T20:30:00Z") });
    expect(await dates.intersect(Concert.select(Concert.c.startsAt).where(Concert.c.id.lt(0))).first()).to.equal(null);
  });

  it("bind(): values for the members' Params, the SQL kept", async () => {
    const { Band, Manager } = f;
    const named = Band.select(Band.c.name)
      .where(Band.c.popularity.gte(Param("min")))
      .union(Manager.select(Manager.c.name).where(Manager.c.name.eq(Param("manager"))))
      .orderBy(Band.c.name);
    expect(await named.bind({ min: 1000, manager: "Mads" })).to.deep.equal([
      { name: "Mads" },
      { name: "Pythonistas" },
      { name: "Rustaceans" },
    ]);
    expect(await named.bind({ min: 5000, manager: "Guido" })).to.deep.equal([{ name: "Guido" }]);
    expect((await caught(() => named)).message).to.match(/Param/);
  });

  it("a union as the subquery of isIn() and Exists()", async () => {
    const { Band, Manager } = f;
    const ids = Band.select(Band.c.manager.as("id"))
      .where(Band.c.popularity.gt(1500))
      .union(Band.select(Band.c.manager.as("id")).where(Band.c.popularity.lt(100)));
    const rows = await Manager.select(Manager.c.name).where(Manager.c.id.isIn(ids)).orderBy(Manager.c.name);
    expect(rows).to.deep.equal([{ name: "Graydon" }, { name: "Mads" }]);
    expect(await Manager.select(Manager.c.name).where(Manager.c.id.notIn(ids))).to.deep.equal([{ name: "Guido" }]);
    expect(await Manager.exists().where(Exists(ids))).to.equal(true);
    const two = Band.select(Band.c.name, Band.c.id).union(Band.select(Band.c.name, Band.c.id));
    expect(() => Manager.c.id.isIn(two as never)).to.throw(OrmError, /exactly one column, got 2/);
  });

  it("refuses members of other column counts, sorting by other columns and shaped members, with clear errors", async () => {
    const { Band, Manager } = f;
    const names = Band.select(Band.c.name);
    const wider = Manager.select(Manager.c.name, Manager.c.id) as unknown as typeof names;
    expect(() => names.union(wider)).to.throw(
      OrmError,
      /union\(\) needs selects of the same columns: the first selects 1, this one 2/,
    );
    const union = names.union(Manager.select(Manager.c.name));
    expect(() => union.orderBy(Band.c.popularity)).to.throw(
      OrmError,
      /sorts by its output columns \(name\); got "popularity"/,
    );
    expect(() => names.union(Manager.select(Manager.c.name).first() as never)).to.throw(
      OrmError,
      /first\(\) or output\(\)/,
    );
    expect(() => names.unionAll("SELECT 1" as never)).to.throw(OrmError, /expects a select/);
    // Nothing changed: the union still runs as built.
    expect(await union).to.have.length(6);
  });
});

function defineCategory(db: Engine) {
  @table({ db, tablename: "setops_category" })
  class Category extends Table<Category>() {
    @column(Varchar({ length: 50 })) name!: string;
    @column(ForeignKey(() => Category)) parent!: Ref<Category> | null;
  }
  return Category;
}

function defineAmounts(db: Engine) {
  @table({ db, tablename: "setops_amount" })
  class Amount extends Table<Amount>() {
    @column(BigIntColumn()) big!: bigint;
    @column(Numeric({ digits: [14, 2] })) price!: Numeric;
  }
  return Amount;
}

describeEachEngine("derived tables and CTEs", (ctx) => {
  const f = useSampleData(ctx);

  it("selects from a derived table with typed columns: where, order, aggregates", async () => {
    const { Band } = f;
    const popular = DerivedTable(
      "popular",
      Band.select(Band.c.name, Band.c.popularity).where(Band.c.popularity.gt(100)),
    );
    const rows = await popular
      .select(popular.c.name)
      .where(popular.c.name.like("R%").or(popular.c.popularity.lt(1500)))
      .orderBy(popular.c.popularity.desc());
    expect(rows).to.deep.equal([{ name: "Rustaceans" }, { name: "Pythonistas" }]);
    const counts = DerivedTable("counts", Band.select(Band.c.manager, Count().as("bands")).groupBy(Band.c.manager));
    expect(await counts.select(Max(counts.c.bands).as("most"), Count().as("managers"))).to.deep.equal([
      { most: 1, managers: 3 },
    ]);
    expect(popular.select().toSQL().sql).to.contain(
      'FROM (SELECT "band"."name", "band"."popularity" FROM "band" WHERE',
    );
  });

  it("joins a derived table (of a union) into another table's select", async () => {
    const { Band, Manager } = f;
    const names = DerivedTable(
      "names",
      Band.select(Band.c.manager.as("who"), Band.c.name).unionAll(Band.select(Band.c.manager.as("who"), Band.c.name)),
    );
    const rows = await Manager.select(Manager.c.name)
      .join(names, names.c.who, Manager.c.id)
      .columns(names.c.name.as("band"), Count().as("times"))
      .groupBy(Manager.c.name, names.c.name)
      .orderBy(Manager.c.name);
    expect(rows).to.deep.equal([
      { name: "Graydon", band: "Rustaceans", times: 2 },
      { name: "Guido", band: "Pythonistas", times: 2 },
      { name: "Mads", band: "C-Sharps", times: 2 },
    ]);
  });

  it("With: the CTE is named once in WITH, read from and joined, with its parameters in order", async () => {
    const { Band, Manager } = f;
    const loud = With(
      "loud",
      Band.select(Band.c.name, Band.c.manager, Band.c.popularity).where(Band.c.popularity.gte(1000)),
    );
    const query = Manager.select(Manager.c.name)
      .join(loud, loud.c.manager, Manager.c.id)
      .columns(loud.c.name.as("band"))
      .where(Manager.c.name.ne("Guido"));
    const { sql, params } = query.toSQL();
    expect(sql).to.match(
      /^WITH "loud" AS \(SELECT .* FROM "band" WHERE "band"."popularity" >= (\$1|\?)\) SELECT "manager"."name"/,
    );
    expect(params).to.deep.equal([1000, "Guido"]);
    expect(await query).to.deep.equal([{ name: "Graydon", band: "Rustaceans" }]);
    expect(await loud.select(Count().as("n")).where(loud.c.popularity.lt(1500))).to.deep.equal([{ n: 1 }]);
  });

  it("With of a union, read by a union of its own selects (one WITH for the whole compound)", async () => {
    const { Band, Manager } = f;
    const people = With("people", Band.select(Band.c.name).union(Manager.select(Manager.c.name)));
    const query = people
      .select(people.c.name)
      .where(people.c.name.like("G%"))
      .union(people.select(people.c.name).where(people.c.name.like("M%")))
      .orderBy(people.c.name);
    expect(query.toSQL().sql.match(/WITH/g)).to.have.length(1);
    expect(await query).to.deep.equal([{ name: "Graydon" }, { name: "Guido" }, { name: "Mads" }]);
  });

  describe("WithRecursive: a tree walk", () => {
    let Category: ReturnType<typeof defineCategory>;
    before(async () => {
      Category = defineCategory(ctx.engine);
      await Category.dropTable({ ifExists: true });
      await Category.createTable();
      const [music] = await Category.insert({ name: "music", parent: null });
      const [rock] = await Category.insert({ name: "rock", parent: music!.id }, { name: "jazz", parent: music!.id });
      const [punk] = await Category.insert({ name: "punk", parent: rock!.id });
      await Category.insert({ name: "hardcore", parent: punk!.id }, { name: "film", parent: null });
    });
    after(() => Category.dropTable({ ifExists: true }));

    it("walks down from the root with a depth counter", async () => {
      const tree = WithRecursive(
        "tree",
        // An Integer (INT8 on CockroachDB, whose integers are 8 bytes): depth + 1 still reads as a number.
        Category.select(
          Category.c.id,
          Category.c.name,
          Cast(Category.c.id.minus(Category.c.id), Integer()).as("depth"),
        ).where(Category.c.name.eq("music")),
        (tree) =>
          Category.select(Category.c.id, Category.c.name)
            .join(tree, tree.c.id, Category.c.parent)
            .columns(tree.c.depth.plus(1)),
      );
      const rows = await tree.select(tree.c.name, tree.c.depth).orderBy(tree.c.depth, tree.c.name);
      expect(rows).to.deep.equal([
        { name: "music", depth: 0 },
        { name: "jazz", depth: 1 },
        { name: "rock", depth: 1 },
        { name: "punk", depth: 2 },
        { name: "hardcore", depth: 3 },
      ]);
      expect(tree.select().toSQL().sql).to.match(/^WITH RECURSIVE "tree" AS \(SELECT .* UNION ALL SELECT /);
    });

    it("walks up from a leaf, and { distinct: true } unions", async () => {
      const path = WithRecursive(
        "path",
        Category.select(Category.c.name, Category.c.parent).where(Category.c.name.eq("hardcore")),
        (path) => Category.select(Category.c.name, Category.c.parent).join(path, path.c.parent, Category.c.id),
        { distinct: true },
      );
      expect((await path.select(path.c.name)).map((r) => r.name).sort()).to.deep.equal([
        "hardcore",
        "music",
        "punk",
        "rock",
      ]);
      expect(path.select().toSQL().sql).to.contain(" UNION SELECT ");
    });
  });

  it("bigints beyond 2^53 and exact Numerics keep their values through derived tables, CTEs and unions", async () => {
    const Amount = defineAmounts(ctx.engine);
    await Amount.dropTable({ ifExists: true });
    await Amount.createTable();
    try {
      await Amount.insert({ big: 9007199254740993n, price: "12345678.91" }, { big: 5n, price: "0.10" });
      const inner = DerivedTable("d", Amount.select(Amount.c.big, Amount.c.price));
      const rows = await inner.select().where(inner.c.big.gt(9007199254740992n), inner.c.price.gt("100"));
      expect(rows).to.deep.equal([{ big: 9007199254740993n, price: "12345678.91" }]);
      const cte = With("c", Amount.select(Amount.c.big).union(Amount.select(Amount.c.big)));
      const bigs = await cte.select(cte.c.big).orderBy(cte.c.big.desc());
      expect(bigs).to.deep.equal([{ big: 9007199254740993n }, { big: 5n }]);
    } finally {
      await Amount.dropTable({ ifExists: true });
    }
  });

  it("refuses a nameless source, unknown options and a step of other columns, with clear errors", () => {
    const { Band } = f;
    expect(() => DerivedTable("", Band.select(Band.c.name))).to.throw(OrmError, /needs a name/);
    expect(() => With(42 as never, Band.select(Band.c.name))).to.throw(OrmError, /needs a name/);
    const one = With("same", Band.select(Band.c.id));
    const other = With("same", Band.select(Band.c.id));
    expect(() => one.select().join(other, other.c.id, one.c.id).toSQL()).to.throw(OrmError, /both named "same"/);
    const union = one.select().union(other.select());
    expect(() => union.toSQL()).to.throw(OrmError, /both named "same"/);
    const base = Band.select(Band.c.name);
    expect(() => WithRecursive("r", base, () => base, { unionAll: true } as never)).to.throw(OrmError, /unionAll/);
    expect(() =>
      WithRecursive("r", base, () => Band.select(Band.c.name, Band.c.id) as unknown as typeof base),
    ).to.throw(OrmError, /same columns/);
  });
});
