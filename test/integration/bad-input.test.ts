import { expect } from "chai";
import {
  BigIntColumn,
  BooleanColumn,
  DateColumn,
  Engine,
  Integer,
  OrmError,
  Real,
  Secret,
  Table,
  Timestamptz,
  UUID,
  ValidationError,
  Varchar,
  and,
  column,
  table,
  type ColumnRef,
} from "../../lib";
import { caught } from "../support/assertions";
import { describeEachEngine, hasCapability } from "../support/engines";
import { makeFixtures } from "../support/fixtures";
import { sampleKeys } from "../support/keys";

/** Non-null columns of the types whose values get checked; each has a default so one bad value is the only fault. */
function defineSample(db: Engine) {
  @table({ db, tablename: "bad_sample" })
  class Sample extends Table<Sample>() {
    @column(Integer()) count!: number;
    @column(Varchar({ length: 10 })) title!: string;
    @column(DateColumn()) day!: string;
    @column(UUID()) token!: string;
    @column(BooleanColumn()) flag!: boolean;
    @column(Real()) ratio!: number;
    @column(Timestamptz()) at!: Date;
    @column(BigIntColumn()) big!: bigint;
  }
  return Sample;
}

/** A table declared without an engine. */
@table()
class Orphan extends Table<Orphan>() {
  @column(Varchar()) label!: string;
}

const wrongValues: [column: string, value: unknown][] = [
  ["count", "5"],
  ["count", 1.5],
  ["count", 2 ** 31],
  ["count", 5n],
  ["count", NaN],
  ["title", 5],
  ["title", "x".repeat(11)],
  ["title", { toString: () => "x" }],
  ["title", ["x"]],
  ["day", "2024-13-01"],
  ["day", "2023-02-29"],
  ["day", "yesterday"],
  ["day", "2024-2-3"],
  ["day", new Date("nope")],
  ["token", "not-a-uuid"],
  ["token", "3f2b8c1e-0d4a-4c7e-9a65-2f0b7d1c9e4"],
  ["token", 42],
  ["flag", 1],
  ["flag", "true"],
  ["ratio", Infinity],
  ["ratio", "1.5"],
  ["at", new Date("nope")],
  ["at", "not a date"],
  ["big", 1.5],
  ["big", "12x"],
  ["big", 2n ** 63n],
];

const injections = [
  "'; DROP TABLE band; --",
  "Robert'); DROP TABLE band;--",
  "%' OR '1'='1",
  '" OR ""="',
  "\\'; SELECT 1; --",
];

describeEachEngine("bad input", (ctx) => {
  let f: ReturnType<typeof makeFixtures>;
  // The sample rows' keys by name (1, 2, 3… where keys are sequential, checked so).
  let k: Awaited<ReturnType<typeof sampleKeys>>;
  let Sample: ReturnType<typeof defineSample>;

  before(async () => {
    f = makeFixtures(ctx.engine);
    Sample = defineSample(ctx.engine);
    await Sample.dropTable({ ifExists: true });
    await Sample.createTable();
  });
  beforeEach(async () => {
    await f.createTables();
    await f.insertSampleData();
    k = await sampleKeys(ctx, f);
    await Sample.delete({ force: true });
  });
  after(async () => {
    await f?.dropTables();
    await ctx.dropTables("bad_sample");
  });

  /** Every band row, by id: the "before" and "after" of each refused write. */
  function bands() {
    return f.Band.select().orderBy(f.Band.c.id);
  }

  describe("unknown columns", () => {
    it("in insert objects: an error naming the nearest column; nothing written", async () => {
      const before = await bands();
      expect(() => f.Band.insert({ name: "ok" }, { nmae: "x" } as never)).to.throw(
        OrmError,
        'Table band has no column "nmae". Did you mean "name"? Columns: id, name, manager, popularity.',
      );
      expect(() => new f.Band({ populrity: 1 } as never)).to.throw(
        OrmError,
        /no column "populrity". Did you mean "popularity"\?/,
      );
      expect(await bands()).to.deep.equal(before);
    });

    it("in update values: an error naming the nearest column; nothing written", async () => {
      const before = await bands();
      expect(() => f.Band.update({ popularty: 1 } as never).where(f.Band.c.id.eq(k.band.Pythonistas))).to.throw(
        OrmError,
        /no column "popularty". Did you mean "popularity"\?/,
      );
      expect(() => f.Band.update({ name: "ok", "manager.name": "x" } as never, { force: true })).to.throw(
        OrmError,
        /no column "manager.name"/,
      );
      const band = (await f.Band.objects().first())!;
      band.popularity = 0;
      expect((await caught(() => band.save("popularty" as never))).message).to.match(/Did you mean "popularity"\?/);
      expect(await bands()).to.deep.equal(before);
    });
  });

  describe("wrong value types are a ValidationError and write nothing", () => {
    for (const [name, value] of wrongValues) {
      const shown =
        typeof value === "bigint"
          ? `${value}n`
          : value instanceof Date
            ? "Invalid Date"
            : (JSON.stringify(value) ?? String(value));
      it(`${name} = ${shown}`, async () => {
        const error = await caught(() => Sample.insert({ title: "first" }, { [name]: value }));
        expect(error).to.be.instanceOf(ValidationError);
        expect(error.message).to.match(new RegExp(`^Invalid value for bad_sample\\.${name}: got .*, expected `));
        expect(error).to.include({ table: "bad_sample", column: name });
        expect(await Sample.count()).to.equal(0);

        const ref = (Sample.c as unknown as Record<string, ColumnRef<unknown>>)[name]!;
        expect(await caught(() => Sample.update({ [name]: value }, { force: true }))).to.be.instanceOf(ValidationError);
        // A too-long string is still a string: only wrong types are checked in comparisons here.
        if (!(name === "title" && typeof value === "string")) expect(() => ref.eq(value)).to.throw(ValidationError);
      });
    }

    it("in a fixture table: string into Integer, number into Varchar, too-long Varchar", async () => {
      const before = await bands();
      for (const row of [
        { name: "x", popularity: "5" },
        { name: 5 },
        { name: "x".repeat(51) },
        { name: "x", manager: "one" },
        // A bigint key (CockroachDB's) takes its digits as text, as bigint columns do; an integer key does not.
        ...(hasCapability(ctx, "sequentialKeys") ? [{ name: "x", manager: "1" }] : []),
      ]) {
        expect(await caught(() => f.Band.insert(row as never))).to.be.instanceOf(ValidationError);
      }
      expect(await caught(() => new f.Band({ name: "x", popularity: 1.5 }).save())).to.be.instanceOf(ValidationError);
      expect(await bands()).to.deep.equal(before);
    });
  });

  it("a bad value for a secret column is refused without showing it, and nothing is written", async () => {
    @table({ db: ctx.engine, tablename: "bad_sample" })
    class Vault extends Table<Vault>() {
      @column(Secret({ length: 8 })) pin!: Secret<string>;
    }
    for (const value of ["hunter2-is-too-long", 4242]) {
      const error = await caught(() => Vault.insert({ pin: value as string }).run());
      expect(error).to.be.instanceOf(ValidationError);
      expect(error.message).to.contain("bad_sample.pin").and.not.contain(String(value));
    }
    expect(await Sample.count()).to.equal(0);
  });

  it("a decimal too wide for Numeric(5, 2) is a ValidationError on both engines", async () => {
    const { Ticket } = f;
    const error = await caught(() => Ticket.insert({ concert: k.concert[0]!, price: "123456.78" }));
    expect(error).to.be.instanceOf(ValidationError);
    expect(await Ticket.count()).to.equal(3);
  });

  it("undefined is refused in comparisons and left alone by update (only null writes NULL)", async () => {
    const { Band } = f;
    const before = await bands();
    expect(() => Band.c.manager.eq(undefined as never)).to.throw(ValidationError, /use isNull\(\) or eq\(null\)/);
    expect(() => Band.update({ manager: undefined }).where(Band.c.id.eq(k.band.Pythonistas))).to.throw(
      /needs at least one column/,
    );
    expect(await bands()).to.deep.equal(before);
    const [first] = await Band.select(Band.c.id, Band.c.manager).orderBy(Band.c.id).limit(1);
    await Band.update({ manager: undefined, popularity: 5 }).where(Band.c.id.eq(first!.id));
    const after = await Band.select(Band.c.manager, Band.c.popularity).where(Band.c.id.eq(first!.id)).first();
    expect(after).to.deep.equal({ manager: first!.manager, popularity: 5 });
  });

  describe("injection attempts", () => {
    it("values are stored and found literally, and the table survives", async () => {
      const { Band } = f;
      await Band.insert(...injections.map((name) => ({ name })));
      expect(await Band.tableExists()).to.equal(true);
      for (const name of injections) {
        expect(await Band.select(Band.c.name).where(Band.c.name.eq(name))).to.deep.equal([{ name }]);
      }
      expect(await Band.count()).to.equal(3 + injections.length);
      expect(await Band.select(Band.c.id).where(Band.c.name.eq("x' OR '1'='1"))).to.deep.equal([]);
      expect(await Band.count().where(Band.c.name.isIn(["' OR 1=1 --", "Pythonistas"]))).to.equal(1);
    });

    it("like patterns only match literally (besides % and _)", async () => {
      const { Band } = f;
      expect(await Band.select(Band.c.name).where(Band.c.name.like("%' OR '1'='1"))).to.deep.equal([]);
      expect(await Band.select(Band.c.name).where(Band.c.name.ilike("%' or '1'='1"))).to.deep.equal([]);
      await Band.insert({ name: "x%' OR '1'='1" });
      expect(await Band.select(Band.c.name).where(Band.c.name.like("%' OR '1'='1"))).to.deep.equal([
        { name: "x%' OR '1'='1" },
      ]);
      expect(await Band.count()).to.equal(4);
    });

    it("updates and deletes with injected values touch only literal matches", async () => {
      const { Band } = f;
      expect(await Band.update({ name: "'; DROP TABLE band; --" }).where(Band.c.name.eq("' OR '1'='1"))).to.equal(0);
      expect(await Band.delete().where(Band.c.name.eq("' OR 1=1; --"))).to.equal(0);
      expect(await Band.update({ name: "'; DROP TABLE band; --" }).where(Band.c.id.eq(k.band.Pythonistas))).to.equal(1);
      expect((await bands()).map((b) => b.name)).to.deep.equal(["'; DROP TABLE band; --", "Rustaceans", "C-Sharps"]);
    });

    it("aliases are quoted identifiers", async () => {
      const { Band } = f;
      const alias = 'x" FROM band; DROP TABLE band; --';
      const rows = await Band.select(Band.c.name.as(alias)).where(Band.c.id.eq(k.band.Pythonistas));
      expect(rows).to.deep.equal([{ [alias]: "Pythonistas" }]);
      expect(await Band.tableExists()).to.equal(true);
    });
  });

  // The types refuse all of these (test/types/conditions.ts); plain JavaScript callers get a runtime error.
  describe("columns of another table", () => {
    it("in where, select, orderBy, update, delete and count: a clear error", async () => {
      const { Band, Manager } = f;
      const other = /on Band got a column of Manager\. Reach other tables through a foreign key/;
      expect(() => Band.select().where(Manager.c.name.eq("Guido") as never)).to.throw(OrmError, other);
      expect(() => Band.select(Band.c.name, Manager.c.name as never)).to.throw(OrmError, other);
      expect(() => Band.select().orderBy(Manager.c.name as never)).to.throw(OrmError, other);
      expect(() => Band.update({ popularity: Manager.c.id as never }, { force: true })).to.throw(OrmError, other);
      expect(() => Band.delete().where(Manager.c.name.eq("Guido") as never)).to.throw(OrmError, other);
      expect(() => Band.count().where(Manager.c.name.eq("Guido") as never)).to.throw(OrmError, other);
      expect(() => Band.objects().get(Manager.c.id.eq(k.manager.Guido) as never)).to.throw(OrmError, other);
    });

    it("inside and()/or() and as a comparison operand: a clear error, not a database error", async () => {
      const { Band, Manager } = f;
      const before = await bands();
      const other = /got a column of Manager/;
      expect(await caught(() => Band.select().where(and(Band.c.name.eq("x"), Manager.c.name.eq("Guido") as never))))
        .to.be.instanceOf(OrmError)
        .with.property("message")
        .that.matches(other);
      expect(await caught(() => Band.select().where(Band.c.name.eq("x").or(Manager.c.name.eq("Guido") as never))))
        .to.have.property("message")
        .that.matches(other);
      expect(await caught(() => Band.select().where(Band.c.name.eq(Manager.c.name as never))))
        .to.have.property("message")
        .that.matches(other);
      expect(await caught(() => Band.delete().where(Band.c.popularity.gte(0).and(Manager.c.name.eq("Guido") as never))))
        .to.have.property("message")
        .that.matches(other);
      expect(await bands()).to.deep.equal(before);
    });
  });

  describe("delete without where", () => {
    it("refuses and changes nothing", async () => {
      const { Band } = f;
      const before = await bands();
      expect((await caught(() => Band.delete())).message).to.match(/Refusing to delete every row of Band/);
      expect((await caught(() => Band.delete().where())).message).to.match(/Refusing to delete every row of Band/);
      expect(() => Band.delete().where(undefined as never)).to.throw(OrmError, /where\(\) expects conditions/);
      expect(() => Band.delete().where(true as never)).to.throw(OrmError, /where\(\) expects conditions/);
      expect(await bands()).to.deep.equal(before);
    });
  });

  describe("a table without an engine", () => {
    it("fails every query with an error that says to pass db", async () => {
      const noDb = /Table Orphan has no database engine\. Pass one to the decorator: @table\(\{ db: /;
      expect(await caught(() => Orphan.select()))
        .to.be.instanceOf(OrmError)
        .with.property("message")
        .that.matches(noDb);
      expect(await caught(() => Orphan.objects().first()))
        .to.have.property("message")
        .that.matches(noDb);
      expect(await caught(() => Orphan.insert({ label: "x" })))
        .to.have.property("message")
        .that.matches(noDb);
      expect(await caught(() => Orphan.update({ label: "x" }, { force: true })))
        .to.have.property("message")
        .that.matches(noDb);
      expect(await caught(() => Orphan.delete({ force: true })))
        .to.have.property("message")
        .that.matches(noDb);
      expect(await caught(() => Orphan.count()))
        .to.have.property("message")
        .that.matches(noDb);
      expect(await caught(() => Orphan.raw("SELECT 1")))
        .to.have.property("message")
        .that.matches(noDb);
      expect(await caught(() => Orphan.createTable()))
        .to.have.property("message")
        .that.matches(noDb);
      expect(await caught(() => new Orphan({ label: "x" }).save()))
        .to.have.property("message")
        .that.matches(noDb);
      expect(() => Orphan.select().toSQL()).to.throw(OrmError, noDb);
    });
  });
});
