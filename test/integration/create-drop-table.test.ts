import { expect } from "chai";
import { ForeignKey, Integer, Table, Varchar, column, table, type Ref } from "../../lib";
import { describeEachEngine, onlyEngines, requireCapability } from "../support/engines";

// Planted bugs the suite used to miss: createTable({ ifNotExists: true }) twice on a table with an
// `index: true` column, and dropTable({ cascade: true }) on a table other tables reference.
describeEachEngine(
  "createTable and dropTable",
  (ctx) => {
    function define() {
      @table({ db: ctx.engine, tablename: "cdt_artist" })
      class Artist extends Table<Artist>() {
        @column(Varchar({ index: true })) name!: string;
        @column(Integer({ index: true, default: 0 })) rank!: number;
      }
      @table({ db: ctx.engine, tablename: "cdt_song" })
      class Song extends Table<Song>() {
        @column(Varchar()) title!: string;
        @column(ForeignKey(() => Artist, { onDelete: "cascade" })) artist!: Ref<Artist> | null;
      }
      return { Artist, Song };
    }

    /** The names of the table's indexes, from the catalogue. */
    async function indexNames(tableName: string): Promise<string[]> {
      const rows =
        ctx.family === "postgres"
          ? await ctx.engine.rawQuery(
              "SELECT indexname AS name FROM pg_indexes WHERE tablename = {} ORDER BY indexname",
              [tableName],
            )
          : await ctx.engine.rawQuery(
              "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = {} AND sql IS NOT NULL ORDER BY name",
              [tableName],
            );
      return rows.map((r) => String(r.name));
    }

    beforeEach(() => ctx.dropTables("cdt_song", "cdt_artist"));
    after(() => ctx.dropTables("cdt_song", "cdt_artist"));

    it("createTable({ ifNotExists: true }) twice keeps the table, its rows and one of each index", async () => {
      const { Artist } = define();
      await Artist.createTable({ ifNotExists: true });
      await Artist.insert({ name: "Nina", rank: 1 });
      await Artist.createTable({ ifNotExists: true });
      expect(await Artist.select(Artist.c.name, Artist.c.rank)).to.deep.equal([{ name: "Nina", rank: 1 }]);
      const indexes = (await indexNames("cdt_artist")).filter((n) => n !== "cdt_artist_pkey");
      expect(indexes).to.deep.equal(["cdt_artist_name", "cdt_artist_rank"]);
      expect(Artist.createTable({ ifNotExists: true }).toSQL().sql).to.contain(
        'CREATE INDEX IF NOT EXISTS "cdt_artist_name"',
      );
      // Without ifNotExists a second createTable is the database's error, and changes nothing.
      const error = await Artist.createTable()
        .run()
        .then(
          () => null,
          (e: Error) => e,
        );
      expect(error?.name).to.equal("DatabaseError");
      expect(await Artist.count()).to.equal(1);
    });

    it("dropTable({ cascade: true }) drops a referenced table and leaves the referencing rows alone", async function () {
      requireCapability(this, ctx, "sequentialKeys"); // asserts sample keys as literals
      const { Artist, Song } = define();
      await Artist.createTable();
      await Song.createTable();
      const [nina] = await Artist.insert({ name: "Nina" });
      await Song.insert({ title: "Feeling Good", artist: nina!.id }, { title: "Sinnerman", artist: nina!.id });
      const refused = await Artist.dropTable()
        .run()
        .then(
          () => null,
          (e: Error) => e,
        );
      if (ctx.family === "postgres") expect(refused?.message).to.match(/depend/);
      else {
        // SQLite drops it anyway, after deleting its rows (which cascades to the songs): recreate.
        await ctx.dropTables("cdt_song", "cdt_artist");
        await Artist.createTable();
        await Song.createTable();
        await Artist.insert({ name: "Nina" });
        await Song.insert({ title: "Feeling Good", artist: 1 }, { title: "Sinnerman", artist: 1 });
      }
      await Artist.dropTable({ cascade: true });
      expect(await Artist.tableExists()).to.equal(false);
      expect(await Song.tableExists()).to.equal(true);
      // The songs are kept, keys and all: neither deleted (ON DELETE CASCADE) nor set to null.
      expect(await Song.select(Song.c.title, Song.c.artist).orderBy(Song.c.title)).to.deep.equal([
        { title: "Feeling Good", artist: 1 },
        { title: "Sinnerman", artist: 1 },
      ]);
      // Recreated, the table is referenced again.
      await Artist.createTable();
      await Artist.insert({ name: "Nina" });
      expect(await Song.select(Song.c.artist.name).orderBy(Song.c.title)).to.deep.equal([
        { "artist.name": "Nina" },
        { "artist.name": "Nina" },
      ]);
    });

    it("SQLite only: dropTable({ cascade: true }) inside a transaction is refused, since foreign keys cannot be switched off there", async function () {
      onlyEngines(this, ctx, "sqlite", "sqlite3");
      const { Artist, Song } = define();
      await Artist.createTable();
      await Song.createTable();
      await Artist.insert({ name: "Nina" });
      await Song.insert({ title: "Feeling Good", artist: 1 });
      const error = await ctx.engine
        .transaction(() => Artist.dropTable({ cascade: true }).run())
        .then(
          () => null,
          (e: Error) => e,
        );
      expect(error?.message).to.match(/cannot run inside a transaction on SQLite/);
      expect(await Artist.tableExists()).to.equal(true);
      expect(await Song.count()).to.equal(1);
    });
  },
  { also: ["sqlite3"] },
);
