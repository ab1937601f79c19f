/**
 * The library under TC39 standard decorators (TypeScript's default; esbuild and tsx), compiled by
 * test/tc39/tsconfig.json with experimentalDecorators and emitDecoratorMetadata off. The library
 * itself is compiled again with these settings into build/test-tc39/lib.
 */
import { expect } from "chai";
import {
  type Engine,
  ForeignKey,
  Integer,
  OrmError,
  SQLiteEngine,
  Table,
  Timestamptz,
  Varchar,
  column,
  table,
  type Ref,
} from "../../lib";
import { describeEachEngine } from "../support/engines";

/** The tables, bound to one engine; prefixed names so that no other suite's tables are touched. */
function makeTables(db: Engine) {
  @table({ db, tablename: "tc39_manager" })
  class Manager extends Table<Manager>() {
    @column(Varchar({ length: 50 })) name!: string;
  }

  @table({ db, tablename: "tc39_band" })
  class Band extends Table<Band>() {
    @column(Varchar({ length: 100 })) name!: string;
    @column(Integer({ default: 0 })) popularity!: number;
    @column(ForeignKey(() => Manager)) manager!: Ref<Manager> | null;
  }

  @table({ db, tablename: "tc39_concert" })
  class Concert extends Table<Concert>() {
    @column(ForeignKey(() => Band)) headliner!: Ref<Band> | null;
    @column(Timestamptz({ default: () => new Date("2025-06-01T19:00:00Z") })) startsAt!: Date;
  }

  return { Manager, Band, Concert, tables: [Manager, Band, Concert] as const };
}

/** Only compiled: under TC39 the field decorator sees the field's type, so a mismatch is an error. */
export function mismatchedColumnType(): void {
  @table()
  class Wrong extends Table<Wrong>() {
    // @ts-expect-error Integer() makes numbers, the field is a string
    @column(Integer()) label!: string;
    @column(Integer()) count!: number;
    @column(Integer({ null: true })) maybe!: number | null;
    @column(Varchar()) title!: string;
  }
  void Wrong;
}

describe("TC39 decorators: declarations", () => {
  /** Never queried (SQLite connects lazily): declarations only need an engine to bind to. */
  const unused = new SQLiteEngine({ path: ":memory:" });

  it("records columns and the default id without design:type", () => {
    const { Band } = makeTables(unused);
    const band = new Band({ name: "Pythonistas", manager: 3 });
    // Values given to the constructor survive the class's own field definitions.
    expect(band.name).to.equal("Pythonistas");
    expect(band.manager).to.equal(3);
    // Defaults apply to what was not given.
    expect(band.popularity).to.equal(0);
    expect(Object.keys(band).sort()).to.deep.equal(["id", "manager", "name", "popularity"]);
    expect(new Band().name).to.equal("");
    expect(Band.tableName).to.equal("tc39_band");
    expect(Band.c.manager.name.$key).to.equal("manager.name");
  });

  it("rejects an unknown field in the constructor", () => {
    const { Band } = makeTables(unused);
    expect(() => new Band({ nme: "x" } as never)).to.throw(OrmError, /nme/);
  });

  it("asks for an explicit column type: there is no design:type to infer one from", () => {
    expect(() => {
      @table()
      class Bare extends Table<Bare>() {
        @column() name!: string;
      }
      return Bare;
    }).to.throw(OrmError, /name/);
  });

  it("keeps a subclass's columns after its parent's", () => {
    // The base passes the class that @table() declares, so that Person's statics are typed.
    abstract class Named extends Table<Person>() {
      @column(Varchar()) name!: string;
    }
    @table()
    class Person extends Named {
      @column(Integer()) age!: number;
    }
    const person = new Person({ name: "Ada", age: 36 } as never);
    expect([person.name, (person as unknown as { age: number }).age]).to.deep.equal(["Ada", 36]);
    expect(Object.keys(person).sort()).to.deep.equal(["age", "id", "name"]);
  });
});

describeEachEngine("TC39 decorators: quickstart", (ctx) => {
  let t: ReturnType<typeof makeTables>;

  before(async () => {
    t = makeTables(ctx.engine);
    await ctx.dropTables("tc39_concert", "tc39_band", "tc39_manager");
    for (const tbl of t.tables) await tbl.createTable({ ifNotExists: true }).run();
  });

  after(() => ctx.dropTables("tc39_concert", "tc39_band", "tc39_manager"));

  it("inserts, selects, updates, gets and saves", async () => {
    const { Band } = t;
    const keys = await Band.insert(
      new Band({ name: "Pythonistas", popularity: 1000 }),
      new Band({ name: "Asyncio Allstars", popularity: 800 }),
    ).run();
    expect(keys.map((k) => typeof k.id)).to.deep.equal(["number", "number"]);

    const all = await Band.select(Band.c.name, Band.c.popularity).orderBy(Band.c.name).run();
    expect(all).to.deep.equal([
      { name: "Asyncio Allstars", popularity: 800 },
      { name: "Pythonistas", popularity: 1000 },
    ]);
    expect(await Band.select(Band.c.name).where(Band.c.popularity.gt(900))).to.deep.equal([{ name: "Pythonistas" }]);

    expect(await Band.update({ popularity: 1100 }).where(Band.c.name.eq("Pythonistas")).run()).to.equal(1);
    const band = await Band.objects().get(Band.c.name.eq("Pythonistas")).run();
    expect(band).to.be.instanceOf(Band);
    expect(band!.popularity).to.equal(1100);
    band!.popularity += 1;
    await band!.save();
    expect(await Band.select(Band.c.popularity).where(Band.c.id.eq(band!.id)).first()).to.deep.equal({
      popularity: 1101,
    });
    expect(await Band.count()).to.equal(2);
  });

  it("applies defaults on insert and save", async () => {
    const { Band, Concert } = t;
    const band = new Band({ name: "Defaults" });
    await band.save();
    expect(await Band.select(Band.c.popularity, Band.c.manager).where(Band.c.id.eq(band.id)).first()).to.deep.equal({
      popularity: 0,
      manager: null,
    });
    const concert = new Concert();
    await concert.save();
    const row = await Concert.objects().get(Concert.c.id.eq(concert.id));
    expect(row!.startsAt.toISOString()).to.equal("2025-06-01T19:00:00.000Z");
    expect(row!.headliner).to.equal(null);
  });

  it("traverses foreign keys in selects, wheres and getRelated", async () => {
    const { Manager, Band, Concert } = t;
    const guido = new Manager({ name: "Guido" });
    await guido.save();
    const band = new Band({ name: "Managed", manager: guido.id, popularity: 5 });
    await band.save();
    await Concert.insert(new Concert({ headliner: band.id, startsAt: new Date("2025-07-01T20:30:00Z") }));

    expect(await Band.select(Band.c.name, Band.c.manager.name).where(Band.c.id.eq(band.id))).to.deep.equal([
      { name: "Managed", "manager.name": "Guido" },
    ]);
    const rows = await Concert.select(Concert.c.headliner.name, Concert.c.headliner.manager.name.as("manager"))
      .where(Concert.c.headliner.manager.name.eq("Guido"))
      .run();
    expect(rows).to.deep.equal([{ "headliner.name": "Managed", manager: "Guido" }]);

    const loaded = (await Band.objects().get(Band.c.id.eq(band.id)))!;
    const manager = await loaded.getRelated(Band.c.manager);
    expect(manager).to.be.instanceOf(Manager);
    expect(manager!.name).to.equal("Guido");
    const unmanaged = (await Band.objects().get(Band.c.name.eq("Defaults")))!;
    expect(await unmanaged.getRelated(Band.c.manager)).to.equal(null);
  });
});
