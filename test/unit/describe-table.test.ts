import { expect } from "chai";
import {
  ArrayColumn,
  BigSerial,
  BooleanColumn,
  Bytea,
  Email,
  ForeignKey,
  Integer,
  JSONColumn,
  Numeric,
  OrmError,
  Secret,
  Table,
  Timestamptz,
  UUID,
  Varchar,
  column,
  describeTable,
  m2m,
  now,
  table,
  type ColumnDescription,
  type Engine,
  type M2M,
  type Ref,
  type TableDescription,
} from "../../lib";
import { makeFixtures } from "../support/fixtures";

const db = undefined as unknown as Engine;

enum Genre {
  Rock = "rock",
  Jazz = "jazz",
}

@table({ db, schema: "music" })
class Label extends Table<Label, null>() {
  @column(Varchar({ length: 20, primaryKey: true })) code!: string;
  @column(Varchar()) name!: string;
}

@table({
  db,
  tablename: "album",
  unique: [["title", "label"]],
  indexes: [
    {
      columns: ["title", "released"],
      method: "btree",
      unique: true,
      where: () => Album.c.copies.gt(0),
      name: "album_hits",
    },
    { columns: ["tags"] },
  ],
  checks: [
    { check: () => Album.c.copies.gte(0) },
    { check: "length(title) > 0", name: "title_given" },
    { check: () => Album.c.onSale.eq(true), name: "on_sale" },
  ],
})
class Album extends Table<Album>() {
  @column(Varchar({ length: 100, helpText: "As printed on the sleeve", dbColumnName: "album_title" })) title!: string;
  @column(ForeignKey(() => Label, { onDelete: "restrict" })) label!: Ref<Label, string> | null;
  @column(Integer({ default: 0, index: true })) copies!: number;
  @column(Varchar({ choices: Genre, default: Genre.Rock })) genre!: Genre;
  @column(ArrayColumn(Varchar({ length: 10, null: true, choices: ["a", "b"] }))) tags!: (string | null)[];
  @column(Timestamptz({ default: now, autoUpdate: now })) updatedAt!: Date;
  @column(Timestamptz({ default: () => new Date(), null: true })) released!: Date | null;
  @column(Secret({ length: 60 })) password!: Secret<string>;
  @column(Numeric({ digits: [8, 2], default: "1.50" })) price!: string;
  @column(Email({ unique: true, null: true })) contact!: string | null;
  @column(JSONColumn({ default: { at: new Date(Date.UTC(2020, 0, 2)) } })) extra!: unknown;
  @column(Bytea({ default: new Uint8Array([1, 255]) })) cover!: Uint8Array;
  @column(BooleanColumn({ default: true, dbColumnName: "on_sale" })) onSale!: boolean;
  @m2m(() => AlbumArtist) artists!: M2M<Artist>;
}

@table({ db })
class Artist extends Table<Artist, null>() {
  @column(UUID({ primaryKey: true })) id!: string;
}

@table({ db })
class AlbumArtist extends Table<AlbumArtist, null>() {
  @column(ForeignKey(() => Album, { primaryKey: true })) album!: Ref<Album>;
  @column(ForeignKey(() => Artist, { primaryKey: true })) artist!: Ref<Artist, string>;
  @column(BigSerial()) position!: bigint;
}

function columnOf(description: TableDescription, property: string): ColumnDescription {
  const found = description.columns.find((c) => c.property === property);
  expect(found, property).to.not.equal(undefined);
  return found!;
}

describe("describeTable", () => {
  it("describes the fixture tables: names, the default id key, foreign keys by name", () => {
    const { Band, Manager } = makeFixtures(db);
    const band = describeTable(Band);
    expect(band).to.include({ className: "Band", tableName: "band", schema: null });
    expect(band.primaryKey).to.deep.equal(["id"]);
    expect(band.columns.map((c) => c.property)).to.deep.equal(["id", "name", "manager", "popularity"]);
    expect(columnOf(band, "id")).to.deep.equal({
      property: "id",
      dbName: "id",
      dataType: { kind: "serial", length: null, precision: null, scale: null, element: null, choices: null },
      nullable: false,
      unique: false,
      primaryKey: true,
      default: null,
      autoUpdate: null,
      index: false,
      helpText: null,
      secret: false,
      references: null,
    });
    expect(columnOf(band, "manager")).to.deep.include({
      dataType: { kind: "integer", length: null, precision: null, scale: null, element: null, choices: null },
      nullable: true,
      references: {
        className: "Manager",
        tableName: "manager",
        schema: null,
        property: "id",
        dbName: "id",
        onDelete: "set null",
        onUpdate: "cascade",
      },
    });
    expect(columnOf(band, "popularity").default).to.deep.equal({ kind: "constant", value: 0 });
    expect(describeTable(Manager).columns.map((c) => c.dataType.length)).to.deep.equal([null, 50]);
    expect(band.unique.length + band.indexes.length + band.checks.length).to.equal(0);
    expect(band.m2m).to.have.length(1); // the playground's Band.genres, through GenreToBand
  });

  it("describes data types, defaults, autoUpdate, choices, secret, help text and database names", () => {
    const album = describeTable(Album);
    expect(columnOf(album, "title")).to.deep.include({ dbName: "album_title", helpText: "As printed on the sleeve" });
    expect(columnOf(album, "title").dataType).to.deep.equal({
      kind: "varchar",
      length: 100,
      precision: null,
      scale: null,
      element: null,
      choices: null,
    });
    expect(columnOf(album, "copies")).to.deep.include({ index: true, default: { kind: "constant", value: 0 } });
    expect(columnOf(album, "genre").dataType.choices).to.deep.equal(["rock", "jazz"]);
    expect(columnOf(album, "genre").default).to.deep.equal({ kind: "constant", value: "rock" });
    expect(columnOf(album, "tags").dataType).to.deep.equal({
      kind: "array",
      length: null,
      precision: null,
      scale: null,
      choices: null,
      element: {
        kind: "varchar",
        length: 10,
        precision: null,
        scale: null,
        element: null,
        choices: ["a", "b"],
        nullable: true,
      },
    });
    expect(columnOf(album, "updatedAt")).to.deep.include({ default: { kind: "now" }, autoUpdate: { kind: "now" } });
    expect(columnOf(album, "released")).to.deep.include({ default: { kind: "function" }, nullable: true });
    expect(columnOf(album, "password")).to.deep.include({
      secret: true,
      dataType: { kind: "varchar", length: 60, precision: null, scale: null, element: null, choices: null },
    });
    expect(columnOf(album, "price")).to.deep.include({ default: { kind: "constant", value: "1.50" } });
    expect(columnOf(album, "price").dataType).to.include({ kind: "numeric", precision: 8, scale: 2 });
    expect(columnOf(album, "contact")).to.deep.include({ unique: true, nullable: true });
    expect(columnOf(album, "contact").dataType.kind).to.equal("email");
    expect(columnOf(album, "extra").default).to.deep.equal({
      kind: "constant",
      value: { at: "2020-01-02T00:00:00.000Z" },
    });
    expect(columnOf(album, "cover").default).to.deep.equal({ kind: "constant", value: "01ff" });
  });

  it("describes a foreign key to a Varchar key in another schema by its target's type", () => {
    const label = columnOf(describeTable(Album), "label");
    expect(label.dataType).to.deep.equal({
      kind: "varchar",
      length: 20,
      precision: null,
      scale: null,
      element: null,
      choices: null,
    });
    expect(label.references).to.deep.equal({
      className: "Label",
      tableName: "label",
      schema: "music",
      property: "code",
      dbName: "code",
      onDelete: "restrict",
      onUpdate: "cascade",
    });
    expect(describeTable(Label)).to.deep.include({ schema: "music", primaryKey: ["code"] });
  });

  it("describes composite keys: every key column, keys to serials as integers, bigserials kept", () => {
    const join = describeTable(AlbumArtist);
    expect(join.primaryKey).to.deep.equal(["album", "artist"]);
    expect(join.columns.map((c) => [c.property, c.dataType.kind, c.primaryKey, c.nullable])).to.deep.equal([
      ["album", "integer", true, false],
      ["artist", "uuid", true, false],
      ["position", "bigserial", false, false],
    ]);
  });

  it("describes table constraints with property names and conditions as SQL text", () => {
    const album = describeTable(Album);
    expect(album.unique).to.deep.equal([{ name: "album_album_title_label_key", columns: ["title", "label"] }]);
    expect(album.indexes).to.deep.equal([
      { name: "album_hits", columns: ["title", "released"], method: "btree", unique: true, where: '"copies" > 0' },
      { name: "album_tags_idx", columns: ["tags"], method: null, unique: false, where: null },
    ]);
    expect(album.checks).to.deep.equal([
      { name: "album_copies_check", check: '"copies" >= 0' },
      { name: "title_given", check: "length(title) > 0" },
      { name: "on_sale", check: { postgres: '"on_sale" = TRUE', sqlite: '"on_sale" = 1' } },
    ]);
  });

  it("describes M2M fields: the join table, the other table and the join table's keys", () => {
    expect(describeTable(Album).m2m).to.deep.equal([
      {
        field: "artists",
        joinTable: { className: "AlbumArtist", tableName: "album_artist", schema: null },
        otherTable: { className: "Artist", tableName: "artist", schema: null },
        sourceKey: "album",
        targetKey: "artist",
      },
    ]);
  });

  it("is plain data: a JSON round trip gives it back unchanged", () => {
    const { Band, Concert, Ticket } = makeFixtures(db);
    for (const cls of [Album, Label, Artist, AlbumArtist, Band, Concert, Ticket]) {
      const description = describeTable(cls);
      expect(JSON.parse(JSON.stringify(description)), cls.name).to.deep.equal(description);
    }
  });

  it("is frozen to the leaves and the same object on every call", () => {
    const album = describeTable(Album);
    expect(describeTable(Album)).to.equal(album);
    expect(() => ((album as { tableName: string }).tableName = "x")).to.throw(TypeError);
    expect(() => (album.columns as ColumnDescription[]).push(album.columns[0]!)).to.throw(TypeError);
    expect(() => ((columnOf(album, "label").references as { tableName: string }).tableName = "x")).to.throw(TypeError);
    expect(() => ((columnOf(album, "genre").dataType.choices as string[])[0] = "pop")).to.throw(TypeError);
    expect(() => (album.indexes[0]!.columns as string[]).pop()).to.throw(TypeError);
    expect(() => ((album.checks[2]!.check as { postgres: string }).postgres = "x")).to.throw(TypeError);
    expect(album.tableName).to.equal("album");
  });

  it("refuses a class that is not a table", () => {
    class Plain {}
    expect(() => describeTable(Plain)).to.throw(OrmError, /Plain/);
  });
});
