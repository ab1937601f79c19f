import { expect } from "chai";
import {
  BigIntColumn,
  DatabaseError,
  ForeignKey,
  Integer,
  Table,
  Text,
  Timestamptz,
  Varchar,
  column,
  now,
  table,
  type Ref,
} from "../../lib";
import { caught } from "../support/assertions";
import { type CatalogueColumn, catalogueColumns } from "../support/catalogue";
import { describeEachEngine, hasCapability, onlyEngines, requireCapability } from "../support/engines";

describeEachEngine("alter() and index DDL", (ctx) => {
  const onSqlite = () => ctx.name === "sqlite" || ctx.name === "sqlite3";

  function define() {
    @table({ db: ctx.engine, tablename: "ddl_manager" })
    class Manager extends Table<Manager>() {
      @column(Varchar({ length: 50 })) name!: string;
    }
    @table({ db: ctx.engine, tablename: "ddl_band" })
    class Band extends Table<Band>() {
      @column(Varchar({ length: 50, index: true })) name!: string;
      @column(ForeignKey(() => Manager, { onDelete: "cascade" })) manager!: Ref<Manager> | null;
      @column(Integer({ default: 0 })) popularity!: number;
    }
    return { Manager, Band };
  }

  const columns = (tableName: string) => catalogueColumns(ctx, tableName);
  async function columnOf(tableName: string, name: string): Promise<CatalogueColumn | undefined> {
    return (await columns(tableName)).find((c) => c.name === name);
  }

  async function setUp() {
    const tables = define();
    await tables.Manager.createTable();
    await tables.Band.createTable();
    const [guido] = await tables.Manager.insert({ name: "Guido" });
    await tables.Band.insert(
      { name: "Pythonistas", manager: guido!.id, popularity: 1000 },
      { name: "Rustaceans", manager: null, popularity: 500 },
    );
    return { ...tables, guido: guido!.id };
  }

  /**
   * Where a column's type cannot change (CockroachDB, inside the transaction alter() runs in): the
   * change is refused, naming the code, and changes nothing; the rest of the test is then skipped.
   */
  async function refusedOnCockroach(mocha: Mocha.Context, change: () => unknown): Promise<void> {
    if (hasCapability(ctx, "alterColumnType")) return;
    const before = [await columns("ddl_band"), await columns("ddl_manager")];
    const refused = await caught(change);
    expect(refused.code).to.equal("PICCOLO_ALTER_COLUMN_TYPE_ON_COCKROACH");
    expect([await columns("ddl_band"), await columns("ddl_manager")]).to.deep.equal(before);
    requireCapability(mocha, ctx, "alterColumnType");
  }

  // Raw rows are the driver's: CockroachDB's INTEGER is INT8, which arrives as its digits.
  const int8 = (value: number) => (ctx.name === "cockroach" ? String(value) : value);

  const rowsOf = (tableName: string) =>
    ctx.engine.rawQuery(`SELECT * FROM ${tableName} ORDER BY id`).then((rows) => rows.map((r) => ({ ...r })));

  beforeEach(() => ctx.dropTables("ddl_band", "ddl_music_band", "ddl_manager"));
  after(() => ctx.dropTables("ddl_band", "ddl_music_band", "ddl_manager"));

  it("addColumn adds a nullable column and a NOT NULL one filled with its default; dropColumn drops one", async () => {
    const { Band } = await setUp();
    await Band.alter()
      .addColumn("genre", Varchar({ length: 20, null: true }))
      .addColumn("rating", Integer({ default: 3 }));
    expect(await columnOf("ddl_band", "genre")).to.include({
      nullable: true,
      type: onSqlite() ? "VARCHAR(20)" : "CHARACTER VARYING(20)",
    });
    expect(await columnOf("ddl_band", "rating")).to.include({ nullable: false, default: "3" });
    const rows = await ctx.engine.rawQuery("SELECT name, genre, rating FROM ddl_band ORDER BY id");
    expect(rows.map((r) => ({ ...r }))).to.deep.equal([
      { name: "Pythonistas", genre: null, rating: int8(3) },
      { name: "Rustaceans", genre: null, rating: int8(3) },
    ]);
    await Band.alter().dropColumn(Band.c.popularity);
    expect((await columns("ddl_band")).map((c) => c.name)).to.deep.equal(["id", "name", "manager", "genre", "rating"]);
    expect(await Band.select(Band.c.name).orderBy(Band.c.id)).to.deep.equal([
      { name: "Pythonistas" },
      { name: "Rustaceans" },
    ]);
  });

  it("dropColumn of a foreign key and of an indexed column (SQLite: a rebuild) keeps the rows and other indexes", async () => {
    const { Band } = await setUp();
    await Band.createIndex([Band.c.popularity]);
    await Band.alter().dropColumn(Band.c.manager).dropColumn(Band.c.name);
    expect((await columns("ddl_band")).map((c) => c.name)).to.deep.equal(["id", "popularity"]);
    expect((await Band.indexes()).filter((n) => !/pkey/.test(n))).to.deep.equal(["ddl_band_popularity"]);
    const rows = await ctx.engine.rawQuery("SELECT popularity FROM ddl_band ORDER BY id");
    expect(rows.map((r) => Number(r.popularity))).to.deep.equal([1000, 500]);
  });

  it("renameColumn and renameTable keep the rows", async () => {
    const { Band } = await setUp();
    await Band.alter().renameColumn(Band.c.popularity, "rating").renameTable("ddl_music_band");
    expect(await Band.tableExists()).to.equal(false);
    const rows = await ctx.engine.rawQuery("SELECT name, rating FROM ddl_music_band ORDER BY id");
    expect(rows.map((r) => ({ ...r }))).to.deep.equal([
      { name: "Pythonistas", rating: int8(1000) },
      { name: "Rustaceans", rating: int8(500) },
    ]);
  });

  it("a chain works on what the steps before it left: an added NOT NULL column, a renamed table", async () => {
    const { Band } = await setUp();
    await Band.alter()
      .addColumn("code", Varchar({ length: 10 }))
      .renameTable("ddl_music_band")
      .setNull(Band.c.name, true)
      .renameColumn(Band.c.popularity, "rating");
    expect(await columns("ddl_music_band")).to.deep.include.members([
      {
        name: "code",
        nullable: false,
        default: null,
        type: onSqlite() ? "VARCHAR(10)" : "CHARACTER VARYING(10)",
      },
    ]);
    expect(await columnOf("ddl_music_band", "name")).to.include({ nullable: true });
    const rows = await ctx.engine.rawQuery("SELECT name, code, rating FROM ddl_music_band ORDER BY id");
    expect(rows.map((r) => ({ ...r }))).to.deep.equal([
      { name: "Pythonistas", code: "", rating: int8(1000) },
      { name: "Rustaceans", code: "", rating: int8(500) },
    ]);
  });

  it("setNull, setDefault, setLength and setColumnType change the catalogue and keep the rows, indexes and references", async function () {
    const { Band, Manager } = await setUp();
    await refusedOnCockroach(this, () => Band.alter().setColumnType(Band.c.popularity, BigIntColumn()));
    await Band.createIndex([Band.c.popularity, Band.c.name]);
    const before = await rowsOf("ddl_band");
    await Band.alter()
      .setNull(Band.c.name, true)
      .setDefault(Band.c.popularity, 7)
      .setLength(Band.c.name, 200)
      .setColumnType(Band.c.popularity, BigIntColumn());
    const name = await columnOf("ddl_band", "name");
    expect(name).to.include({
      nullable: true,
      type: onSqlite() ? "VARCHAR(200)" : "CHARACTER VARYING(200)",
    });
    const popularity = await columnOf("ddl_band", "popularity");
    // SQLite declares a BigInt INTEGER (its integers are 64-bit).
    expect(popularity).to.include({
      nullable: false,
      default: "7",
      type: onSqlite() ? "INTEGER" : "BIGINT",
    });
    const after = (await rowsOf("ddl_band")).map((r) => ({ ...r, popularity: Number(r.popularity) }));
    expect(after).to.deep.equal(before);
    expect(await Band.indexes()).to.include.members(["ddl_band_name", "ddl_band_popularity_name"]);
    await ctx.engine.rawQuery("INSERT INTO ddl_band (name) VALUES (NULL)");
    const inserted = await ctx.engine.rawQuery("SELECT popularity FROM ddl_band WHERE name IS NULL");
    expect(Number(inserted[0]!.popularity)).to.equal(7);
    // The foreign key still cascades after the rebuild (SQLite) or alter (PostgreSQL).
    await Manager.delete().where(Manager.c.name.eq("Guido"));
    expect(await Band.count().where(Band.c.name.eq("Pythonistas"))).to.equal(0);
    await Band.alter().setDefault(Band.c.popularity, null).setNull(Band.c.name, false);
    expect(await columnOf("ddl_band", "popularity")).to.include({ default: null });
    // The NULL name took the type's default, as a migration fills it.
    expect(await columnOf("ddl_band", "name")).to.include({ nullable: false });
    expect(await Band.count().where(Band.c.name.eq(""))).to.equal(1);
    // Back to what the class declares: still sent, although the class already says so.
    await Band.alter().setDefault(Band.c.popularity, 0).setLength(Band.c.name, 50);
    expect(await columnOf("ddl_band", "popularity")).to.include({ default: "0" });
    expect((await columnOf("ddl_band", "name"))!.type).to.match(/\(50\)$/);
  });

  it("setDefault and setNull(false) in one chain keep the rows", async () => {
    const { Band } = await setUp();
    await Band.alter().setDefault(Band.c.popularity, 5).setNull(Band.c.popularity, false);
    expect(await columnOf("ddl_band", "popularity")).to.include({ nullable: false, default: "5" });
    expect(await Band.count()).to.equal(2);
  });

  it("altering a referenced table (a SQLite rebuild) neither cascades nor drops the referencing rows", async function () {
    const { Band, Manager } = await setUp();
    await refusedOnCockroach(this, () => Manager.alter().setColumnType(Manager.c.name, Text()));
    await Manager.alter().setLength(Manager.c.name, 100);
    await Manager.alter().setColumnType(Manager.c.name, Text());
    expect(await columnOf("ddl_manager", "name")).to.include({ type: "TEXT", nullable: false });
    expect(await Band.count()).to.equal(2);
    expect(await Band.count().where(Band.c.manager.name.eq("Guido"))).to.equal(1);
  });

  it("addConstraint adds a unique or check constraint, dropConstraint drops it", async () => {
    const { Band, guido } = await setUp();
    await Band.alter()
      .addConstraint({ unique: [Band.c.name, Band.c.manager] })
      .addConstraint({ check: Band.c.popularity.gte(0), name: "ddl_band_popular" });
    const duplicate = await caught(() =>
      Band.insert({ name: "Rustaceans", manager: null, popularity: 1 }).then(() =>
        Band.insert({ name: "Pythonistas", manager: guido, popularity: 1 }),
      ),
    );
    expect(duplicate).to.be.instanceOf(DatabaseError);
    const negative = await caught(() => Band.insert({ name: "Gophers", manager: null, popularity: -1 }));
    expect(negative).to.be.instanceOf(DatabaseError);
    expect(await Band.count()).to.equal(3);
    await Band.alter().dropConstraint("ddl_band_popular").dropConstraint("ddl_band_name_manager_key");
    await Band.insert({ name: "Gophers", manager: null, popularity: -1 }, { name: "Pythonistas", manager: guido });
    expect(await Band.count()).to.equal(5);
  });

  it("createIndex, dropIndex and indexes() by columns and by name", async () => {
    const { Band } = await setUp();
    await Band.createIndex([Band.c.popularity], { unique: true });
    await Band.createIndex([Band.c.popularity], { name: "ddl_pop", ifNotExists: true });
    await Band.createIndex([Band.c.popularity], { name: "ddl_pop", ifNotExists: true });
    const own = (names: string[]) => names.filter((n) => !/pkey|autoindex/.test(n));
    expect(own(await Band.indexes())).to.deep.equal(["ddl_band_name", "ddl_band_popularity", "ddl_pop"]);
    const duplicate = await caught(() => Band.insert({ name: "Copy", manager: null, popularity: 500 }));
    expect(duplicate).to.be.instanceOf(DatabaseError);
    await Band.dropIndex([Band.c.popularity]);
    await Band.dropIndex("ddl_pop", { ifExists: true });
    await Band.dropIndex("ddl_pop", { ifExists: true });
    expect(own(await Band.indexes())).to.deep.equal(["ddl_band_name"]);
    if (!onSqlite()) expect(await Band.indexes()).to.include("ddl_band_pkey");
  });

  it("bad input is refused with a clear error and changes nothing", async () => {
    const { Band, Manager } = await setUp();
    const before = await columns("ddl_band");
    const cases: [() => unknown, string][] = [
      [() => Band.alter().dropColumn(Band.c.id), "PICCOLO_ALTER_PRIMARY_KEY"],
      [() => Band.alter().setNull(Band.c.id, true), "PICCOLO_ALTER_PRIMARY_KEY"],
      [() => Band.alter().dropColumn(Manager.c.name as never), "PICCOLO_FOREIGN_COLUMN"],
      [() => Band.alter().setNull(Band.c.manager.name as never, true), "PICCOLO_FOREIGN_COLUMN"],
      [() => Band.alter().addColumn("popularity" as never, Integer()), "PICCOLO_COLUMN_EXISTS"],
      [() => Band.alter().renameColumn(Band.c.name, "popularity"), "PICCOLO_COLUMN_EXISTS"],
      [() => Band.alter().setLength(Band.c.popularity as never, 10), "PICCOLO_INVALID_ALTER"],
      [() => Band.alter().setLength(Band.c.name, 0), "PICCOLO_INVALID_ALTER"],
      [() => Band.alter().dropColumn(Band.c.popularity).setNull(Band.c.popularity, true), "PICCOLO_INVALID_ALTER"],
      [() => Band.alter().run(), "PICCOLO_INVALID_ALTER"],
      [() => Band.alter().addConstraint({ unique: [Band.c.name], nmae: "x" } as never), "PICCOLO_UNKNOWN_OPTION"],
      [() => Band.createIndex([Band.c.name], { uniqe: true } as never), "PICCOLO_UNKNOWN_OPTION"],
      [() => Band.createIndex([Manager.c.name] as never), "PICCOLO_FOREIGN_COLUMN"],
      [() => Band.createIndex([] as never), "PICCOLO_INVALID_ALTER"],
      [() => Band.createIndex([Band.c.name], { method: "bogus" as never }), "PICCOLO_UNKNOWN_INDEX_METHOD"],
      [() => Band.dropIndex([Band.c.name], { ifExist: true } as never), "PICCOLO_UNKNOWN_OPTION"],
      [() => Band.alter().setDefault(Band.c.popularity, "ten" as never), "PICCOLO_INVALID_VALUE"],
    ];
    for (const [run, code] of cases) expect((await caught(run)).code, String(run)).to.equal(code);
    // A step that fails in the database undoes the steps before it.
    const failed = await caught(() =>
      Band.alter()
        .addColumn("genre", Varchar({ null: true }))
        .addConstraint({ check: "popularity > 600" }),
    );
    expect(failed).to.be.instanceOf(DatabaseError);
    expect(await columns("ddl_band")).to.deep.equal(before);
    expect(await Band.count()).to.equal(2);
  });

  it("setDefault(column, now) gives a date column the database's current time as its default", async () => {
    @table({ db: ctx.engine, tablename: "ddl_manager" })
    class Event extends Table<Event>() {
      @column(Timestamptz({ null: true })) at!: Date | null;
    }
    await Event.createTable();
    await Event.alter().setDefault(Event.c.at, now).setNull(Event.c.at, false);
    expect(await columnOf("ddl_manager", "at")).to.include({ nullable: false });
    await ctx.engine.rawQuery("INSERT INTO ddl_manager (id) VALUES (1)");
    const [row] = await Event.select(Event.c.at);
    expect(Math.abs(row!.at!.getTime() - Date.now())).to.be.below(60_000);
  });

  it("SQLite: a rebuild keeps a column the class does not declare, and refuses to run inside a transaction", async function () {
    onlyEngines(this, ctx, "sqlite", "sqlite3");
    const { Band } = await setUp();
    await Band.alter().addColumn("genre", Text({ null: true }));
    await ctx.engine.rawQuery("UPDATE ddl_band SET genre = 'rock'");
    await Band.alter().setNull(Band.c.name, true);
    expect(await columnOf("ddl_band", "name")).to.include({ nullable: true });
    expect(await columnOf("ddl_band", "genre")).to.include({ nullable: true, type: "TEXT" });
    const genres = await ctx.engine.rawQuery("SELECT DISTINCT genre FROM ddl_band");
    expect(genres).to.deep.equal([{ genre: "rock" }]);
    await Band.alter()
      .dropColumn(Band.c.popularity)
      .run()
      .catch(() => undefined);
    const inTransaction = await caught(() =>
      ctx.engine.transaction(() => Band.alter().setLength(Band.c.name, 80).run()),
    );
    expect(inTransaction.code).to.equal("PICCOLO_ALTER_REBUILD_IN_TRANSACTION");
  });

  it("toSQL() shows the statements per dialect; SQLite index methods other than btree are refused", async () => {
    const { Band } = define();
    const sql = Band.alter().setNull(Band.c.name, true).toSQL().sql;
    if (!onSqlite()) {
      expect(sql).to.equal('ALTER TABLE "ddl_band" ALTER COLUMN "name" DROP NOT NULL');
      expect(Band.createIndex([Band.c.name], { method: "hash" }).toSQL().sql).to.equal(
        'CREATE INDEX "ddl_band_name" ON "ddl_band" USING HASH ("name")',
      );
    } else {
      expect(sql).to.contain('CREATE TABLE "_piccolo_rebuild_ddl_band"');
      expect(sql).to.contain('ALTER TABLE "_piccolo_rebuild_ddl_band" RENAME TO "ddl_band"');
      // Consecutive steps that each rebuild the table copy its rows once.
      const chain = Band.alter().setNull(Band.c.name, true).setLength(Band.c.name, 80).setDefault(Band.c.popularity, 3);
      expect(chain.toSQL().sql.match(/CREATE TABLE "_piccolo_rebuild_ddl_band"/g)).to.have.length(1);
      expect(chain.toSQL().sql).to.contain('"name" VARCHAR(80), "manager"');
      expect(chain.toSQL().sql).to.contain('"popularity" INTEGER NOT NULL DEFAULT 3');
      const error = await caught(() => Band.createIndex([Band.c.name], { method: "hash" }).toSQL());
      expect(error.code).to.equal("PICCOLO_UNSUPPORTED_INDEX_METHOD");
    }
  });
});
