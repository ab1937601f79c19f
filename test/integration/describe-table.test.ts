import { expect } from "chai";
import {
  Email,
  Engine,
  ForeignKey,
  Integer,
  Secret,
  Table,
  Timestamptz,
  Varchar,
  column,
  describeTable,
  now,
  table,
  type Ref,
} from "../../lib";
import { catalogue } from "../support/catalogue";
import { describeEachEngine, type EngineContext } from "../support/engines";

function defineTables(db: Engine) {
  @table({ db, tablename: "dt_label" })
  class Label extends Table<Label, null>() {
    @column(Varchar({ length: 20, primaryKey: true })) code!: string;
  }

  @table({
    db,
    tablename: "dt_album",
    unique: [["title", "label"]],
    indexes: [
      { columns: ["title", "copies"] },
      { columns: ["label"], unique: true, where: () => Album.c.copies.gt(0), name: "dt_album_hits" },
    ],
    checks: [{ check: () => Album.c.copies.gte(0) }],
  })
  class Album extends Table<Album>() {
    @column(Varchar({ length: 100, dbColumnName: "album_title" })) title!: string;
    @column(ForeignKey(() => Label)) label!: Ref<Label, string> | null;
    @column(Integer({ default: 0, index: true })) copies!: number;
    @column(Email({ null: true, unique: true })) contact!: string | null;
    @column(Secret()) password!: Secret<string>;
    @column(Timestamptz({ default: now })) addedAt!: Date;
  }
  return { Label, Album };
}

/** Each column's name, nullability and primary key flag as the database's catalogue says. */
async function catalogueColumns(
  ctx: EngineContext,
  table: string,
): Promise<{ dbName: string; nullable: boolean; primaryKey: boolean }[]> {
  if (ctx.family === "postgres") {
    const rows = await ctx.engine.rawQuery(
      "SELECT c.column_name AS name, c.is_nullable = 'YES' AS nullable, EXISTS (SELECT 1 FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey) " +
        "WHERE i.indrelid = CAST({} AS regclass) AND i.indisprimary AND a.attname = c.column_name) AS pk FROM information_schema.columns c WHERE c.table_name = {} AND c.table_schema = current_schema() ORDER BY c.ordinal_position",
      [table, table],
    );
    return rows.map((r) => ({
      dbName: r.name as string,
      nullable: r.nullable as boolean,
      primaryKey: r.pk as boolean,
    }));
  }
  const rows = await ctx.engine.rawQuery(`PRAGMA table_info("${table}")`);
  // SQLite lets a primary key column be NULL unless it says NOT NULL; piccolo's keys are never null.
  return rows.map((r) => ({
    dbName: r.name as string,
    nullable: Number(r.notnull) === 0 && Number(r.pk) === 0,
    primaryKey: Number(r.pk) > 0,
  }));
}

describeEachEngine("describeTable agrees with the database createTable made", (ctx) => {
  const drop = () => ctx.dropTables("dt_album", "dt_label");
  let t: ReturnType<typeof defineTables>;
  before(async () => {
    await drop();
    t = defineTables(ctx.engine);
    await t.Label.createTable();
    await t.Album.createTable();
  });
  after(drop);

  it("columns: database names, nullability and primary keys", async () => {
    for (const cls of [t.Label, t.Album]) {
      const described = describeTable(cls).columns.map((c) => ({
        dbName: c.dbName,
        nullable: c.nullable,
        primaryKey: c.primaryKey,
      }));
      expect(await catalogueColumns(ctx, cls.tableName), cls.tableName).to.deep.equal(described);
    }
  });

  it("constraints and indexes: the names and columns the database holds", async () => {
    const album = describeTable(t.Album);
    const dbName = (property: string) => album.columns.find((c) => c.property === property)!.dbName;
    const found = await catalogue(ctx, "dt_album");
    expect(found.unique).to.deep.include.members(album.unique.map((u) => u.columns.map(dbName)));
    expect(found.checks).to.deep.equal(album.checks.map((c) => c.name));
    const declared = album.indexes.map((i) => ({
      name: i.name,
      columns: i.columns.map(dbName),
      unique: i.unique,
      partial: i.where !== null,
    }));
    expect(
      found.indexes.map(({ name, columns, unique, partial }) => ({ name, columns, unique, partial })),
    ).to.deep.include.members(declared);
    expect(album.indexes.map((i) => i.where)).to.deep.equal([null, '"copies" > 0']);
  });

  it("rows: a row inserted with only the required values gets the described defaults", async () => {
    await t.Label.insert({ code: "ABC" });
    await t.Album.insert({ title: "Kind of Blue", label: "ABC", password: "x" });
    const [row] = await t.Album.select(t.Album.c.copies, t.Album.c.addedAt, t.Album.c.contact);
    const described = describeTable(t.Album).columns;
    expect(described.find((c) => c.property === "copies")!.default).to.deep.equal({
      kind: "constant",
      value: row!.copies,
    });
    expect(described.find((c) => c.property === "addedAt")!.default).to.deep.equal({ kind: "now" });
    expect(row!.addedAt).to.be.instanceOf(Date);
    expect(row!.contact).to.equal(null);
  });
});
