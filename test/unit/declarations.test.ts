import { expect } from "chai";
import { ForeignKey, Integer, OrmError, SQLiteEngine, Table, UUID, Varchar, column, table } from "../../lib";
import { nearest, snakeCase } from "../../lib/utils/names";
import { tableMetaOf } from "../../lib/table/metadata";

const db = new SQLiteEngine({ path: ":memory:" });

describe("declarations: tables and column options", () => {
  it("rejects an unknown column option, naming the nearest one", () => {
    expect(() => Integer({ nul: true } as never)).to.throw(
      OrmError,
      /Integer has no option "nul"\. Did you mean "null"\?/,
    );
    expect(() => Varchar({ lenght: 5 } as never)).to.throw(/Did you mean "length"/);
    expect(() => ForeignKey(() => Object, { onDelete: "cascad" as never })).to.throw(/Did you mean "cascade"/);
  });

  it("names tables in snake_case unless told otherwise", () => {
    expect(snakeCase("BandMember")).to.equal("band_member");
    expect(snakeCase("HTTPLog")).to.equal("http_log");
    @table({ db })
    class BandMember extends Table<BandMember>() {
      @column(Varchar()) name!: string;
    }
    @table({ db, tablename: "people" })
    class Person extends Table<Person>() {
      @column(Varchar()) name!: string;
    }
    expect(BandMember.tableName).to.equal("band_member");
    expect(Person.tableName).to.equal("people");
  });

  it("adds a serial id unless a column is the primary key", () => {
    @table({ db })
    class Plain extends Table<Plain>() {
      @column(Varchar()) name!: string;
    }
    @table({ db })
    class Token extends Table<Token, null>() {
      @column(UUID({ primaryKey: true })) id!: string;
    }
    expect(Plain.createTable().toSQL().sql).to.contain('"id" INTEGER PRIMARY KEY');
    expect(Token.createTable().toSQL().sql).to.equal('CREATE TABLE "token" ("id" TEXT PRIMARY KEY)');
  });

  it("rejects columns named like Table members or column-reference methods", () => {
    expect(() => {
      @table({ db })
      class Bad extends Table<Bad>() {
        // @ts-expect-error save is a Table method, so the types refuse it too
        @column(Varchar()) save!: string;
      }
      return Bad;
    }).to.throw(OrmError, /Bad\.save cannot be a column/);
    expect(() => {
      @table({ db })
      class Bad2 extends Table<Bad2>() {
        @column(Varchar()) like!: string;
      }
      return Bad2;
    }).to.throw(/cannot be a column/);
  });

  it("makes several primaryKey columns one composite key; rejects an id beside a declared key and unknown @table options", () => {
    @table({ db })
    class Two extends Table<Two, null>() {
      @column(Integer({ primaryKey: true })) a!: number;
      @column(Integer({ primaryKey: true })) b!: number;
    }
    expect(tableMetaOf(Two).primaryKeys.map((k) => k.property)).to.deep.equal(["a", "b"]);
    expect(Two.createTable().toSQL().sql).to.equal(
      'CREATE TABLE "two" ("a" INTEGER NOT NULL, "b" INTEGER NOT NULL, PRIMARY KEY ("a", "b"))',
    );
    expect(() => tableMetaOf(Two).primaryKey).to.throw(
      /This operation needs a single-column primary key, but Two has a composite primary key \(a, b\)/,
    );
    expect(() => {
      @table({ db })
      class WithId extends Table<WithId, null>() {
        @column(Integer()) id!: number;
      }
      return WithId;
    }).to.throw(/two primary keys/);
    expect(() => table({ tableName: "x" } as never)).to.throw(/Did you mean "tablename"/);
  });

  it("infers bare @column() types from emitDecoratorMetadata", () => {
    @table({ db })
    class Inferred extends Table<Inferred>() {
      @column() title!: string;
      @column() count!: number;
      @column() done!: boolean;
      @column() at!: Date;
    }
    expect(Inferred.createTable().toSQL().sql).to.equal(
      'CREATE TABLE "inferred" ("id" INTEGER PRIMARY KEY, "title" VARCHAR(255) NOT NULL, "count" INTEGER NOT NULL, "done" INTEGER NOT NULL, "at" TEXT NOT NULL)',
    );
  });

  it("assigns constructor values after class fields are initialised, and defaults the rest", () => {
    @table({ db })
    class Defaults extends Table<Defaults>() {
      @column(Varchar()) name!: string;
      @column(Integer({ default: 7 })) n!: number;
      @column(Integer({ default: () => 40 + 2 })) m!: number;
      @column(Integer({ null: true })) maybe!: number | null;
    }
    const d = new Defaults({ name: "x" });
    expect({ name: d.name, n: d.n, m: d.m, maybe: d.maybe, id: d.id }).to.deep.equal({
      name: "x",
      n: 7,
      m: 42,
      maybe: null,
      id: null,
    });
    expect(() => new Defaults({ nmae: "x" } as never)).to.throw(/has no column "nmae"\. Did you mean "name"\?/);
  });

  it("suggests only near names", () => {
    expect(nearest("popularty", ["name", "popularity"])).to.equal("popularity");
    expect(nearest("zzzzzz", ["name", "popularity"])).to.equal(undefined);
  });
});
