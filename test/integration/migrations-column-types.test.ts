import { expect } from "chai";
import {
  ArrayColumn,
  Bytea,
  Email,
  Engine,
  Integer,
  Interval,
  MigrationRunner,
  Numeric,
  Secret,
  Table,
  Time,
  Varchar,
  column,
  table,
  type Migration,
} from "../../lib";
import { describeEachEngine, requireCapability } from "../support/engines";
import { generateMigration, replay, schemasOf } from "../support/migration-files";
import { diffSchemas } from "../../lib/migrations/differ";

enum Genre {
  Rock = "rock",
  Jazz = "jazz",
}

enum Size {
  Small = 1,
  Large = 2,
}

/** The album table before (V1) and after (V2) a change: an interval made nullable, arrays, a time and bytes added, an element type widened. */
function defineTables(db: Engine) {
  @table({ db, tablename: "mct_album" })
  class AlbumV1 extends Table<AlbumV1>() {
    @column(Varchar({ length: 10, choices: Genre, default: Genre.Rock })) genre!: Genre;
    @column(Integer({ choices: Size, default: Size.Small })) size!: Size;
    @column(Interval()) length!: number;
    @column(Interval({ default: 2_500.25 })) pause!: number;
    @column(Time()) startsAt!: string;
    @column(Bytea({ default: Buffer.from([0xca, 0xfe]) })) magic!: Uint8Array;
    @column(Bytea({ null: true })) cover!: Uint8Array | null;
    @column(Email({ length: 60 })) contact!: string;
    @column(Secret()) apiKey!: Secret<string>;
    @column(Varchar({ length: 8, secret: true, null: true })) pin!: Secret<string> | null;
    @column(ArrayColumn(Varchar({ length: 20 }))) tags!: string[];
    @column(ArrayColumn(Numeric({ digits: [6, 2] }), { null: true })) prices!: string[] | null;
    @column(ArrayColumn(Interval({ null: true }), { default: [1_000] })) gaps!: (number | null)[];
  }

  @table({ db, tablename: "mct_album" })
  class AlbumV2 extends Table<AlbumV2>() {
    @column(Varchar({ length: 10, choices: Genre, default: Genre.Rock })) genre!: Genre;
    @column(Integer({ choices: Size, default: Size.Small })) size!: Size;
    @column(Interval({ null: true })) length!: number | null;
    @column(Interval({ default: 2_500.25 })) pause!: number;
    @column(Time()) startsAt!: string;
    @column(Bytea({ default: Buffer.from([0xca, 0xfe]) })) magic!: Uint8Array;
    @column(Bytea({ null: true })) cover!: Uint8Array | null;
    @column(Email({ length: 60 })) contact!: string;
    @column(Secret()) apiKey!: Secret<string>;
    @column(Varchar({ length: 8, secret: true, null: true })) pin!: Secret<string> | null;
    @column(ArrayColumn(Varchar({ length: 40 }))) tags!: string[];
    @column(ArrayColumn(Numeric({ digits: [6, 2] }), { null: true })) prices!: string[] | null;
    @column(ArrayColumn(Interval({ null: true }), { default: [1_000] })) gaps!: (number | null)[];
    @column(ArrayColumn(Varchar({ length: 10 }), { default: ["new", "it's"] })) labels!: string[];
    @column(ArrayColumn(Integer())) ratings!: number[];
    @column(Time()) doorsOpen!: string;
    @column(Bytea()) notes!: Uint8Array;
  }

  return { AlbumV1, AlbumV2 };
}

const first = {
  genre: Genre.Jazz,
  size: Size.Large,
  length: 41 * 60_000 + 0.5,
  pause: 2_500.25,
  startsAt: "18:30:00.5",
  magic: Buffer.from([0xca, 0xfe]),
  cover: Buffer.from([0, 1, 2, 255]),
  contact: "label@example.com",
  apiKey: "k-123",
  pin: "0000",
  tags: ["live", 'it\'s "quoted"'],
  prices: ["9.99", "120.00"],
  gaps: [1_000, null, 0.25],
};

describeEachEngine("migrations: the richer column types", (ctx) => {
  before(function () {
    requireCapability(this, ctx, "alterColumnType");
  });

  const drop = () => ctx.dropTables("mct_album", "piccolo_migration");
  let tables: ReturnType<typeof defineTables>;
  let migrations: Migration[] = [];
  before(async () => {
    await drop();
    tables = defineTables(ctx.engine);
  });
  after(drop);

  const runner = () => new MigrationRunner(ctx.engine, migrations);
  const v1Row = async () => {
    const { AlbumV1: A } = tables;
    return A.select(
      A.c.id,
      A.c.genre,
      A.c.size,
      A.c.length,
      A.c.pause,
      A.c.startsAt,
      A.c.magic,
      A.c.cover,
      A.c.contact,
      A.c.apiKey,
      A.c.pin,
      A.c.tags,
      A.c.prices,
      A.c.gaps,
    ).orderBy(A.c.id);
  };
  const columnsNow = async () => Object.keys((await ctx.engine.rawQuery("SELECT * FROM mct_album"))[0] ?? {}).sort();

  it("creates a table with every new type from a generated migration, after which nothing changes", async () => {
    const { AlbumV1 } = tables;
    const { migration } = await generateMigration("mct", "2025-06-01T00:00:00:000001", [], [AlbumV1]);
    migrations = [migration];
    expect(migration.forwards.map((o) => o.op)).to.deep.equal(["createTable"]);
    await runner().forwards("mct");
    expect(await diffSchemas(replay(migrations), schemasOf([AlbumV1]), () => false)).to.deep.equal({
      forwards: [],
      backwards: [],
    });

    await AlbumV1.insert(first);
    // The database's own defaults: bytes, an interval with a fraction of a millisecond, an array of intervals.
    await ctx.engine.rawQuery(
      'INSERT INTO mct_album (length, "startsAt", contact, "apiKey", tags) VALUES ({}, {}, {}, {}, {})',
      [
        ctx.family === "postgres" ? "1 second" : 1_000,
        "07:00:00",
        "b@example.com",
        "k-2",
        ctx.family === "postgres" ? "{}" : "[]",
      ],
    );
    expect(await v1Row()).to.deep.equal([
      { id: 1, ...first },
      {
        id: 2,
        genre: Genre.Rock,
        size: Size.Small,
        length: 1_000,
        pause: 2_500.25,
        startsAt: "07:00:00",
        magic: Buffer.from([0xca, 0xfe]),
        cover: null,
        contact: "b@example.com",
        apiKey: "k-2",
        pin: null,
        tags: [],
        prices: null,
        gaps: [1_000],
      },
    ]);
  });

  it("generates the change (backfilled arrays, time and bytes, a nullable interval, a wider element) and keeps the rows", async () => {
    const { AlbumV2 } = tables;
    const { migration, source } = await generateMigration("mct", "2025-06-01T00:00:00:000002", migrations, [AlbumV2]);
    expect(source).to.contain(
      '{ op: "addColumn", table: "mct_album", column: { name: "ratings", type: "array", element: { type: "integer", null: false }, null: false }, backfill: [] },',
    );
    expect(
      migration.forwards.map((o) => [o.op, "column" in o && (typeof o.column === "string" ? o.column : o.column.name)]),
    ).to.deep.equal([
      ["alterColumn", "length"],
      ["alterColumn", "tags"],
      ["addColumn", "labels"],
      ["addColumn", "ratings"],
      ["addColumn", "doorsOpen"],
      ["addColumn", "notes"],
    ]);
    migrations = [...migrations, migration];
    expect((await runner().forwards("mct")).map((m) => m.id)).to.deep.equal([migration.id]);
    expect(await diffSchemas(replay(migrations), schemasOf([AlbumV2]), () => false)).to.deep.equal({
      forwards: [],
      backwards: [],
    });

    await AlbumV2.insert({ ...first, length: null, tags: ["a tag longer than twenty characters"], ratings: [5, 4] });
    const { AlbumV2: A } = tables;
    const rows = await A.select(
      A.c.id,
      A.c.length,
      A.c.tags,
      A.c.labels,
      A.c.ratings,
      A.c.doorsOpen,
      A.c.notes,
      A.c.magic,
      A.c.cover,
      A.c.gaps,
    ).orderBy(A.c.id);
    const added = { labels: ["new", "it's"], ratings: [], doorsOpen: "00:00:00", notes: Buffer.alloc(0) };
    expect(rows).to.deep.equal([
      {
        id: 1,
        length: first.length,
        tags: first.tags,
        ...added,
        magic: first.magic,
        cover: first.cover,
        gaps: first.gaps,
      },
      { id: 2, length: 1_000, tags: [], ...added, magic: first.magic, cover: null, gaps: [1_000] },
      {
        id: 3,
        length: null,
        tags: ["a tag longer than twenty characters"],
        labels: ["new", "it's"],
        ratings: [5, 4],
        doorsOpen: rows[2]!.doorsOpen,
        notes: Buffer.alloc(0),
        magic: first.magic,
        cover: first.cover,
        gaps: first.gaps,
      },
    ]);
  });

  it("goes backwards (the NULL interval backfilled with zero) and forwards again, keeping the data of every type", async () => {
    const { AlbumV1, AlbumV2 } = tables;
    // A value the narrower element type cannot hold would stop the way back on PostgreSQL: it goes first.
    await AlbumV2.delete().where(AlbumV2.c.id.eq(3));
    await AlbumV2.insert({ ...first, length: null, ratings: [1] });
    expect((await runner().backwards("mct")).map((m) => m.id)).to.deep.equal([migrations[1]!.id]);
    expect(await columnsNow()).to.deep.equal([
      "apiKey",
      "contact",
      "cover",
      "gaps",
      "genre",
      "id",
      "length",
      "magic",
      "pause",
      "pin",
      "prices",
      "size",
      "startsAt",
      "tags",
    ]);
    const back = await v1Row();
    expect(back.slice(0, 2)).to.deep.equal([
      { id: 1, ...first },
      {
        id: 2,
        genre: Genre.Rock,
        size: Size.Small,
        length: 1_000,
        pause: 2_500.25,
        startsAt: "07:00:00",
        magic: Buffer.from([0xca, 0xfe]),
        cover: null,
        contact: "b@example.com",
        apiKey: "k-2",
        pin: null,
        tags: [],
        prices: null,
        gaps: [1_000],
      },
    ]);
    // SQLite may reuse the id of the deleted row.
    const third = back[2]!.id;
    expect(back[2]).to.deep.equal({ id: third, ...first, length: 0 });

    expect((await runner().forwards("mct")).map((m) => m.id)).to.deep.equal([migrations[1]!.id]);
    const { AlbumV2: A } = tables;
    expect(
      await A.select(A.c.id, A.c.length, A.c.ratings, A.c.notes, A.c.prices, A.c.apiKey).orderBy(A.c.id),
    ).to.deep.equal([
      { id: 1, length: first.length, ratings: [], notes: Buffer.alloc(0), prices: first.prices, apiKey: "k-123" },
      { id: 2, length: 1_000, ratings: [], notes: Buffer.alloc(0), prices: null, apiKey: "k-2" },
      { id: third, length: 0, ratings: [], notes: Buffer.alloc(0), prices: first.prices, apiKey: "k-123" },
    ]);

    expect((await runner().backwards("mct", { migrationId: "all" })).map((m) => m.id)).to.deep.equal([
      migrations[1]!.id,
      migrations[0]!.id,
    ]);
    expect(await AlbumV1.tableExists()).to.equal(false);
  });
});
