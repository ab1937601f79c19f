import { expect } from "chai";
import {
  ArrayColumn,
  BigIntColumn,
  BooleanColumn,
  Bytea,
  Char,
  DatabaseError,
  DateColumn,
  DoublePrecision,
  ForeignKey,
  Integer,
  Interval,
  JSONB,
  Numeric,
  SmallInt,
  Table,
  Text,
  Time,
  Timestamptz,
  UUID,
  Varchar,
  column,
  now,
  table,
  type Ref,
} from "../../lib";
import { caught } from "../support/assertions";
import { catalogueColumns } from "../support/catalogue";
import { describeEachEngine, onlyEngines } from "../support/engines";

/** A foreign key as the catalogue holds it: the referencing column, the table it references, its ON DELETE. */
interface CatalogForeignKey {
  from: string;
  table: string;
  onDelete: string;
}

// Several alter() calls in a row: each later one (a table rebuild on SQLite) must keep what the
// earlier ones changed, although the class never declares those changes.
describeEachEngine("alter() sequences keep each earlier change", (ctx) => {
  const onSqlite = () => ctx.name === "sqlite" || ctx.name === "sqlite3";

  function define() {
    @table({ db: ctx.engine, tablename: "seq_label" })
    class Label extends Table<Label>() {
      @column(Varchar({ length: 50 })) name!: string;
    }
    @table({ db: ctx.engine, tablename: "seq_band" })
    class Band extends Table<Band>() {
      @column(Varchar({ length: 50 })) name!: string;
      @column(ForeignKey(() => Label, { onDelete: "cascade" })) label!: Ref<Label> | null;
      @column(Integer({ default: 0 })) popularity!: number;
    }
    return { Label, Band };
  }

  async function setUp() {
    const tables = define();
    await tables.Label.createTable();
    await tables.Band.createTable();
    const [python] = await tables.Label.insert({ name: "Python Records" });
    await tables.Band.insert(
      { name: "Pythonistas", label: python!.id, popularity: 1000 },
      { name: "Rustaceans", label: null, popularity: 500 },
    );
    return tables;
  }

  const raw = (sql: string, params: unknown[] = []) =>
    ctx.engine.rawQuery(sql, params).then((rows) => rows.map((r) => ({ ...r })));

  // PostgreSQL keeps a cast on a text default ('x'::text); the value is what is compared.
  const columns = async (tableName: string) =>
    (await catalogueColumns(ctx, tableName)).map((c) => ({
      ...c,
      default: c.default?.replace(/::[a-z ]+$/, "") ?? null,
    }));

  const columnOf = async (tableName: string, name: string) => (await columns(tableName)).find((c) => c.name === name);

  /** The names of the table's check and unique constraints (table-level ones on SQLite, where only those are named). */
  async function constraintNames(tableName: string): Promise<string[]> {
    if (onSqlite()) {
      const [row] = await raw("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = {}", [tableName]);
      return [...String(row?.sql).matchAll(/CONSTRAINT "([^"]+)"/g)].map((m) => m[1]!).sort();
    }
    const rows = await raw(
      "SELECT conname FROM pg_constraint WHERE conrelid = {}::regclass AND contype IN ('c', 'u') ORDER BY conname",
      [tableName],
    );
    return rows.map((r) => String(r.conname));
  }

  async function foreignKeys(tableName: string): Promise<CatalogForeignKey[]> {
    const rows = onSqlite()
      ? await raw('SELECT "from", "table", on_delete AS "onDelete" FROM pragma_foreign_key_list({}) ORDER BY "from"', [
          tableName,
        ])
      : await raw(
          `SELECT a.attname AS "from", t.relname AS "table",
             CASE c.confdeltype WHEN 'c' THEN 'CASCADE' WHEN 'n' THEN 'SET NULL' WHEN 'r' THEN 'RESTRICT' ELSE 'NO ACTION' END
               AS "onDelete"
           FROM pg_constraint c JOIN pg_class t ON t.oid = c.confrelid
           JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
           WHERE c.conrelid = {}::regclass AND c.contype = 'f' ORDER BY a.attname`,
          [tableName],
        );
    return rows.map((r) => ({ from: String(r.from), table: String(r.table), onDelete: String(r.onDelete) }));
  }

  beforeEach(() => ctx.dropTables("seq_band", "seq_label", "seq_odd"));
  after(() => ctx.dropTables("seq_band", "seq_label", "seq_odd"));

  it("setNull then setDefault: the dropped NOT NULL stays dropped, the new default fills", async () => {
    const { Band } = await setUp();
    await Band.alter().setNull(Band.c.name, true);
    await Band.alter().setDefault(Band.c.popularity, 5);
    expect(await columnOf("seq_band", "name")).to.include({ nullable: true });
    expect(await columnOf("seq_band", "popularity")).to.include({ nullable: false, default: "5" });
    await raw("INSERT INTO seq_band (name) VALUES (NULL)");
    expect(await raw("SELECT name, popularity FROM seq_band ORDER BY id")).to.deep.equal([
      { name: "Pythonistas", popularity: 1000 },
      { name: "Rustaceans", popularity: 500 },
      { name: null, popularity: 5 },
    ]);
  });

  it("addConstraint (check) then renameColumn then setDefault: the check still rejects a bad row", async () => {
    const { Band } = await setUp();
    await Band.alter().addConstraint({ check: Band.c.popularity.gte(0), name: "seq_band_popular" });
    await Band.alter().renameColumn(Band.c.name, "title");
    await Band.alter().setDefault(Band.c.popularity, 1);
    expect(await constraintNames("seq_band")).to.deep.equal(["seq_band_popular"]);
    expect((await columns("seq_band")).map((c) => c.name)).to.deep.equal(["id", "title", "label", "popularity"]);
    expect(await columnOf("seq_band", "popularity")).to.include({ default: "1" });
    const rejected = await caught(() => raw("INSERT INTO seq_band (title, popularity) VALUES ('Bad', -1)"));
    expect(rejected).to.be.instanceOf(DatabaseError);
    expect(await raw("SELECT title, popularity FROM seq_band ORDER BY id")).to.deep.equal([
      { title: "Pythonistas", popularity: 1000 },
      { title: "Rustaceans", popularity: 500 },
    ]);
  });

  it("setColumnType then addColumn then setNull: the new type and the added column stay", async () => {
    const { Band } = await setUp();
    await Band.alter().setColumnType(Band.c.name, Text());
    await Band.alter().addColumn("genre", Varchar({ length: 20, default: "rock" }));
    await Band.alter().setNull(Band.c.popularity, true);
    expect(await columnOf("seq_band", "name")).to.include({ type: "TEXT", nullable: false });
    const genre = await columnOf("seq_band", "genre");
    expect(genre).to.include({ nullable: false, default: "'rock'" });
    expect(genre!.type).to.match(/^(VARCHAR|CHARACTER VARYING)\(20\)$/);
    expect(await columnOf("seq_band", "popularity")).to.include({ nullable: true, default: "0" });
    // Text holds more than the class's Varchar(50) allowed.
    const long = "x".repeat(80);
    await raw("INSERT INTO seq_band (name, popularity) VALUES ({}, NULL)", [long]);
    expect(await raw("SELECT name, genre, popularity FROM seq_band ORDER BY id")).to.deep.equal([
      { name: "Pythonistas", genre: "rock", popularity: 1000 },
      { name: "Rustaceans", genre: "rock", popularity: 500 },
      { name: long, genre: "rock", popularity: null },
    ]);
  });

  it("createIndex and addConstraint (unique), then two rebuilding alter() calls: the index and the unique stay", async () => {
    const { Band } = await setUp();
    await Band.createIndex([Band.c.popularity], { unique: true });
    await Band.alter().addConstraint({ unique: [Band.c.name, Band.c.label] });
    await Band.alter().setLength(Band.c.name, 80);
    await Band.alter().setDefault(Band.c.popularity, 7);
    expect(await Band.indexes()).to.include("seq_band_popularity");
    expect(await constraintNames("seq_band")).to.deep.equal(["seq_band_name_label_key"]);
    expect((await columnOf("seq_band", "name"))!.type).to.match(/\(80\)$/);
    // The unique index still rejects a second band with popularity 500.
    expect(await caught(() => raw("INSERT INTO seq_band (name, popularity) VALUES ('Gophers', 500)"))).to.be.instanceOf(
      DatabaseError,
    );
    await raw("INSERT INTO seq_band (name, popularity) VALUES ('Gophers', 1)");
    const [python] = await raw("SELECT label FROM seq_band WHERE name = 'Pythonistas'");
    const twice = await caught(() =>
      raw("INSERT INTO seq_band (name, label, popularity) VALUES ('Pythonistas', {}, 2)", [python!.label]),
    );
    expect(twice).to.be.instanceOf(DatabaseError);
    expect(await Band.count()).to.equal(3);
  });

  it("a foreign key added by alter() and the declared one are kept by a later rebuild, and still cascade", async () => {
    const { Label, Band } = await setUp();
    await Band.alter().addColumn(
      "backup_label",
      ForeignKey(() => Label, { null: true, onDelete: "set null" }),
    );
    const [python] = await raw("SELECT id FROM seq_label");
    await raw("UPDATE seq_band SET backup_label = {}", [python!.id]);
    await Band.alter().setNull(Band.c.name, true).setDefault(Band.c.popularity, 3);
    expect(await foreignKeys("seq_band")).to.deep.equal([
      { from: "backup_label", table: "seq_label", onDelete: "SET NULL" },
      { from: "label", table: "seq_label", onDelete: "CASCADE" },
    ]);
    await Label.insert({ name: "Other" });
    const rows = await raw("SELECT name, label, backup_label FROM seq_band ORDER BY id");
    expect(rows).to.deep.equal([
      { name: "Pythonistas", label: python!.id, backup_label: python!.id },
      { name: "Rustaceans", label: null, backup_label: python!.id },
    ]);
    await Label.delete().where(Label.c.id.eq(python!.id as number));
    // label cascades (Pythonistas goes); backup_label is set to NULL on Rustaceans.
    expect(await raw("SELECT name, label, backup_label FROM seq_band ORDER BY id")).to.deep.equal([
      { name: "Rustaceans", label: null, backup_label: null },
    ]);
  });

  it("dropConstraint of a column's own unique (<table>_<column>_key) drops it on both engines", async () => {
    const { Band } = await setUp();
    await raw("DELETE FROM seq_band WHERE name = 'Rustaceans'");
    await Band.alter().addColumn("code", Varchar({ length: 10, null: true, unique: true }));
    await raw("UPDATE seq_band SET code = 'A'");
    const duplicate = () => raw("INSERT INTO seq_band (name, code) VALUES ('Copy', 'A')");
    expect(await caught(duplicate)).to.be.instanceOf(DatabaseError);
    await Band.alter().dropConstraint("seq_band_code_key");
    await duplicate();
    expect(await raw("SELECT code FROM seq_band ORDER BY id")).to.deep.equal([{ code: "A" }, { code: "A" }]);
    const missing = await caught(() => Band.alter().dropConstraint("seq_band_nothing"));
    expect(missing.message).to.contain("seq_band_nothing");
  });

  it("a rebuild of a table with a column of every kind, each with a default, changes only what the step sets", async () => {
    @table({ db: ctx.engine, tablename: "seq_odd" })
    class Wide extends Table<Wide>() {
      @column(BooleanColumn({ default: true })) active!: boolean;
      @column(BigIntColumn({ default: 9007199254740993n })) big!: bigint;
      @column(SmallInt({ default: -3 })) small!: number;
      @column(DoublePrecision({ default: 1.5 })) ratio!: number;
      @column(Numeric({ digits: [8, 2], default: "12.50" })) price!: string;
      @column(Numeric({ default: "2.125" })) wide!: string;
      @column(Char({ length: 2, default: "ab" })) code!: string;
      @column(Text({ default: "it's" })) note!: string;
      @column(Timestamptz({ default: now })) addedAt!: Date;
      @column(DateColumn({ default: now })) day!: string;
      @column(Time({ default: "10:30:00" })) opens!: string;
      @column(UUID({ default: "6f1e0c1c-6d5b-4d0e-9d6a-2b8f3c1a0e11" })) token!: string;
      @column(JSONB({ default: { a: [1, "x"] } })) data!: unknown;
      @column(Interval({ default: 2_500.25 })) pause!: number;
      @column(Bytea({ default: Buffer.from([0xca, 0xfe]) })) magic!: Uint8Array;
      @column(ArrayColumn(Varchar({ length: 10 }), { default: ["new", "it's"] })) labels!: string[];
      @column(Integer({ null: true })) rating!: number | null;
    }
    await Wide.createTable();
    await Wide.insert({});
    const stored = await raw("SELECT * FROM seq_odd");
    const before = await columns("seq_odd");
    await Wide.alter().setNull(Wide.c.rating, false);
    // Only rating changed: NOT NULL now, its NULL filled with the type's default.
    const after = await columns("seq_odd");
    expect(after).to.deep.equal(before.map((c) => (c.name === "rating" ? { ...c, nullable: false } : c)));
    expect(await raw("SELECT * FROM seq_odd")).to.deep.equal([{ ...stored[0], rating: 0 }]);
    await Wide.insert({ rating: 1 });
    const [fresh] = await Wide.select().where(Wide.c.rating.eq(1));
    expect(fresh).to.deep.include({ active: true, big: 9007199254740993n, price: "12.50", code: "ab", note: "it's" });
    expect(fresh).to.deep.include({ data: { a: [1, "x"] }, labels: ["new", "it's"], opens: "10:30:00" });
  });

  it("alter() of a table the database does not have fails with the database's error", async () => {
    const { Band } = define();
    expect(await caught(() => Band.alter().setNull(Band.c.name, true))).to.be.instanceOf(DatabaseError);
  });

  it("SQLite: a step on a column an earlier alter() dropped is refused (PICCOLO_ALTER_OUT_OF_SYNC), changing nothing", async function () {
    onlyEngines(this, ctx, "sqlite", "sqlite3");
    const { Band } = await setUp();
    await Band.alter().dropColumn(Band.c.popularity);
    const before = await columns("seq_band");
    const refused = await caught(() => Band.alter().setNull(Band.c.name, true).setDefault(Band.c.popularity, 1));
    expect(refused.code).to.equal("PICCOLO_ALTER_OUT_OF_SYNC");
    expect(refused.message).to.contain('"popularity"');
    expect(await columns("seq_band")).to.deep.equal(before);
  });

  it("SQLite: a rebuild of a table it cannot recreate as it is is refused (PICCOLO_ALTER_CANNOT_CARRY_OVER), changing nothing", async function () {
    onlyEngines(this, ctx, "sqlite", "sqlite3");
    await raw(
      "CREATE TABLE seq_odd (id integer PRIMARY KEY, name TEXT COLLATE NOCASE NOT NULL, " +
        "doubled INTEGER GENERATED ALWAYS AS (id * 2) VIRTUAL, CHECK (name <> 'AUTOINCREMENT'))",
    );
    await raw("INSERT INTO seq_odd (name) VALUES ('a')");
    @table({ db: ctx.engine, tablename: "seq_odd" })
    class Odd extends Table<Odd>() {
      @column(Text()) name!: string;
    }
    const before = await raw("SELECT sql FROM sqlite_master WHERE name = 'seq_odd'");
    const refused = await caught(() => Odd.alter().setNull(Odd.c.name, true));
    expect(refused.code).to.equal("PICCOLO_ALTER_CANNOT_CARRY_OVER");
    expect(refused.message).to.contain("COLLATE").and.to.contain("generated column doubled");
    expect(refused.message).not.to.contain("AUTOINCREMENT"); // the word is only quoted text of the check
    expect(refused.message).not.to.contain("type"); // "integer" is INTEGER, spelled otherwise
    expect(await raw("SELECT sql FROM sqlite_master WHERE name = 'seq_odd'")).to.deep.equal(before);
    // A step that needs no rebuild still runs.
    await Odd.alter().addColumn("note", Text({ null: true }));
    expect(await raw("SELECT name, doubled, note FROM seq_odd")).to.deep.equal([{ name: "a", doubled: 2, note: null }]);
  });
});
