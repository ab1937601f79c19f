import { expect } from "chai";
import {
  BooleanColumn,
  ForeignKey,
  Numeric,
  OrmError,
  Timestamp,
  Table,
  Upper,
  Varchar,
  column,
  m2m,
  table,
  type Engine,
  type GetM2MOptions,
  type M2M,
  type QueryLogEntry,
  type Ref,
} from "../../lib";
import { tableSchemaOf } from "../../lib/migrations/from-tables";
import { tableMetaOf } from "../../lib/table/metadata";
import { describeEachEngine } from "../support/engines";
import { expectKey, keysByName } from "../support/keys";

/** Piccolo's M2M example: bands and genres through a join table with an extra column. */
function m2mTables(db: Engine) {
  @table({ db, tablename: "m2m_band" })
  class Band extends Table<Band>() {
    @column(Varchar({ length: 50 })) name!: string;
    @m2m(() => GenreToBand) genres!: M2M<Genre, GenreToBand>;
  }

  @table({ db, tablename: "m2m_genre" })
  class Genre extends Table<Genre>() {
    @column(Varchar({ length: 50 })) name!: string;
    @column(BooleanColumn({ default: false })) mainstream!: boolean;
    @column(Numeric({ digits: [4, 2], null: true })) score!: string | null;
    @column(Timestamp({ null: true })) since!: Date | null;
    @m2m(() => GenreToBand) bands!: M2M<Band>;
    @m2m(() => LegacyJoin) fans!: M2M<Band>;
    @m2m(() => UniquePairJoin) followers!: M2M<Band>;
  }

  /** The pair of foreign keys is the primary key, which addM2M relies on. */
  @table({ db, tablename: "m2m_genre_to_band" })
  class GenreToBand extends Table<GenreToBand, null>() {
    @column(ForeignKey(() => Band, { primaryKey: true })) band!: Ref<Band>;
    @column(ForeignKey(() => Genre, { primaryKey: true })) genre!: Ref<Genre>;
    @column(Varchar({ null: true })) reason!: string | null;
  }

  /** A join table as made before composite keys: a serial id, so nothing stops a pair twice. */
  @table({ db, tablename: "m2m_legacy_join" })
  class LegacyJoin extends Table<LegacyJoin>() {
    @column(ForeignKey(() => Genre)) genre!: Ref<Genre> | null;
    @column(ForeignKey(() => Band)) band!: Ref<Band> | null;
  }

  /** A join table keyed by a serial id whose pair is a declared unique constraint: also safe for addM2M. */
  @table({ db, tablename: "m2m_unique_pair_join", unique: [["band", "genre"]] })
  class UniquePairJoin extends Table<UniquePairJoin>() {
    @column(ForeignKey(() => Genre)) genre!: Ref<Genre> | null;
    @column(ForeignKey(() => Band)) band!: Ref<Band> | null;
  }

  /** A join table with no key to Genre. */
  @table({ db, tablename: "m2m_half_join" })
  class HalfJoin extends Table<HalfJoin>() {
    @column(ForeignKey(() => Band)) band!: Ref<Band> | null;
  }

  @table({ db, tablename: "m2m_broken" })
  class Broken extends Table<Broken>() {
    @column(Varchar()) name!: string;
    @m2m(() => HalfJoin) others!: M2M<Genre>;
  }

  return {
    Band,
    Genre,
    GenreToBand,
    LegacyJoin,
    UniquePairJoin,
    HalfJoin,
    Broken,
    all: [Band, Genre, GenreToBand, LegacyJoin, UniquePairJoin, HalfJoin, Broken] as const,
  };
}

async function rejection(promise: Promise<unknown>): Promise<Error> {
  return promise.then(
    () => {
      throw new Error("expected a rejection");
    },
    (error: Error) => error,
  );
}

describeEachEngine(
  "M2M",
  (ctx) => {
    let t: ReturnType<typeof m2mTables>;
    const log: QueryLogEntry[] = [];
    // The rows' keys by name (1, 2, 3… where keys are sequential, checked so).
    let bandKey: Record<"Pythonistas" | "Rustaceans" | "C-Sharps", number>;
    let genreKey: Record<"Rock" | "Folk" | "Classical", number>;

    beforeEach(async () => {
      t = m2mTables(ctx.engine);
      await ctx.dropTables(
        "m2m_genre_to_band",
        "m2m_legacy_join",
        "m2m_unique_pair_join",
        "m2m_half_join",
        "m2m_broken",
        "m2m_band",
        "m2m_genre",
      );
      for (const cls of t.all) await cls.createTable();
      const { Band, Genre } = t;
      await Band.insert({ name: "Pythonistas" }, { name: "Rustaceans" }, { name: "C-Sharps" });
      await Genre.insert(
        { name: "Rock", mainstream: true, score: "9.25", since: new Date("1955-04-12T10:00:00Z") },
        { name: "Folk" },
        { name: "Classical", score: "12.50" },
      );
      const bands = await Band.select(Band.c.id, Band.c.name).orderBy(Band.c.id);
      bandKey = keysByName(ctx, bands, ["Pythonistas", "Rustaceans", "C-Sharps"]);
      genreKey = keysByName(ctx, await Genre.select(Genre.c.id, Genre.c.name).orderBy(Genre.c.id), [
        "Rock",
        "Folk",
        "Classical",
      ]);
      log.length = 0;
    });
    afterEach(() => ctx.engine.setLog(false));
    after(() =>
      ctx.dropTables(
        "m2m_genre_to_band",
        "m2m_legacy_join",
        "m2m_unique_pair_join",
        "m2m_half_join",
        "m2m_broken",
        "m2m_band",
        "m2m_genre",
      ),
    );

    async function band(name: string) {
      return (await t.Band.objects().get(t.Band.c.name.eq(name)))!;
    }

    async function genre(name: string) {
      return (await t.Genre.objects().get(t.Genre.c.name.eq(name)))!;
    }

    describe("addM2M / getM2M / removeM2M", () => {
      it("relates saved rows, lists them in key order, and unrelates them", async () => {
        const { Band, GenreToBand } = t;
        const pythonistas = await band("Pythonistas");
        const [rock, folk, classical] = [await genre("Rock"), await genre("Folk"), await genre("Classical")];
        await pythonistas.addM2M(Band.m2m.genres, [classical, rock]);
        await pythonistas.addM2M(Band.m2m.genres, folk);
        const genres = await pythonistas.getM2M(Band.m2m.genres);
        expect(genres.map((g) => g.name)).to.deep.equal(["Rock", "Folk", "Classical"]);
        expect(genres[0]).to.be.instanceOf(t.Genre);
        expect(await GenreToBand.count()).to.equal(3);

        expect(await pythonistas.removeM2M(Band.m2m.genres, [rock, classical])).to.equal(2);
        expect((await pythonistas.getM2M(Band.m2m.genres)).map((g) => g.name)).to.deep.equal(["Folk"]);
        expect(await t.Genre.count()).to.equal(3); // the genres themselves stay
        expect(await pythonistas.removeM2M(Band.m2m.genres, rock)).to.equal(0);
      });

      it("skips pairs already related, so adding twice makes one join row", async () => {
        const { Band, GenreToBand } = t;
        const pythonistas = await band("Pythonistas");
        const rock = await genre("Rock");
        await pythonistas.addM2M(Band.m2m.genres, rock);
        await pythonistas.addM2M(Band.m2m.genres, [rock, rock]);
        expect(await GenreToBand.count()).to.equal(1);
        expect((await pythonistas.getM2M(Band.m2m.genres)).map((g) => g.name)).to.deep.equal(["Rock"]);
      });

      it("relates a pair once under 8 concurrent addM2M calls, in one INSERT … ON CONFLICT DO NOTHING (defect 4)", async () => {
        const { Band, GenreToBand } = t;
        const rock = await genre("Rock");
        // Separate instances of one row, as concurrent requests would load them.
        const copies = await Promise.all(Array.from({ length: 8 }, () => band("Pythonistas")));
        ctx.engine.setLog((entry) => log.push(entry));
        await Promise.all(copies.map((copy) => copy.addM2M(Band.m2m.genres, [rock, rock])));
        ctx.engine.setLog(false);
        expect(await GenreToBand.select(GenreToBand.c.band, GenreToBand.c.genre)).to.deep.equal([
          { band: bandKey.Pythonistas, genre: genreKey.Rock },
        ]);
        const inserts = log.filter((e) => e.sql.startsWith("INSERT"));
        expect(inserts).to.have.length(8);
        const placeholders = ctx.family === "postgres" ? "($1, $2, $3)" : "(?, ?, ?)";
        expect(inserts[0]!.sql).to.equal(
          `INSERT INTO "m2m_genre_to_band" ("band", "genre", "reason") VALUES ${placeholders} ON CONFLICT ("band", "genre") DO NOTHING RETURNING "m2m_genre_to_band"."band", "m2m_genre_to_band"."genre"`,
        );
        expect(log.filter((e) => e.sql.startsWith("SELECT"))).to.deep.equal([]);
      });

      it("relates a pair once under 8 concurrent addM2M calls through a join table whose pair is a unique constraint", async () => {
        const { Genre, UniquePairJoin } = t;
        const rock = await genre("Rock");
        const copies = await Promise.all(Array.from({ length: 8 }, () => band("Pythonistas")));
        await Promise.all(copies.map((copy) => rock.addM2M(Genre.m2m.followers, [copy, copy])));
        expect(await UniquePairJoin.select(UniquePairJoin.c.band, UniquePairJoin.c.genre)).to.deep.equal([
          { band: bandKey.Pythonistas, genre: genreKey.Rock },
        ]);
        expect((await rock.getM2M(Genre.m2m.followers)).map((b) => b.name)).to.deep.equal(["Pythonistas"]);
      });

      it("refuses a join table without the (source, target) key, saying what to declare", async () => {
        const { Genre, LegacyJoin } = t;
        const rock = await genre("Rock");
        const error = await rejection(rock.addM2M(Genre.m2m.fans, await band("Pythonistas")));
        expect(error).to.be.instanceOf(OrmError);
        expect(error.message).to.equal(
          'addM2M() on Genre.fans needs the join table LegacyJoin to have (genre, band) as its primary key or a unique constraint, so that concurrent calls cannot relate a pair twice. Declare both foreign keys with primaryKey: true (and LegacyJoin extends Table<LegacyJoin, null>()), or add @table({ unique: [["genre", "band"]] }), then make a migration for it.',
        );
        expect(await LegacyJoin.count()).to.equal(0);
        // Reading still works on such a table.
        expect(await rock.getM2M(Genre.m2m.fans)).to.deep.equal([]);
      });

      it("getM2M() takes orderBy (one item or several), then the key breaks ties", async () => {
        const { Band, Genre } = t;
        const pythonistas = await band("Pythonistas");
        await pythonistas.addM2M(Band.m2m.genres, [await genre("Rock"), await genre("Folk"), await genre("Classical")]);
        const names = async (options: GetM2MOptions<InstanceType<typeof Genre>>) =>
          (await pythonistas.getM2M(Band.m2m.genres, options)).map((g) => g.name);
        expect(await names({ orderBy: Genre.c.name })).to.deep.equal(["Classical", "Folk", "Rock"]);
        expect(await names({ orderBy: Genre.c.name.desc() })).to.deep.equal(["Rock", "Folk", "Classical"]);
        expect(await names({ orderBy: [Genre.c.mainstream.desc(), Genre.c.name] })).to.deep.equal([
          "Rock",
          "Classical",
          "Folk",
        ]);
        expect(await names({ orderBy: [Genre.c.mainstream] })).to.deep.equal(["Folk", "Classical", "Rock"]);
        expect(
          (await rejection(pythonistas.getM2M(Band.m2m.genres, { orderBy: Band.c.name as never }))).message,
        ).to.match(/getM2M orderBy\(\) on Genre got a column of Band/);
        expect(
          (await rejection(pythonistas.getM2M(Band.m2m.genres, { order: Genre.c.name } as never))).message,
        ).to.match(/getM2M\(\) has no option "order"/);
      });

      it("inserts unsaved instances and plain objects of the other table first", async () => {
        const { Band, Genre } = t;
        const pythonistas = await band("Pythonistas");
        const punk = new Genre({ name: "Punk" });
        const added = await pythonistas.addM2M(Band.m2m.genres, [punk, { name: "Jazz", mainstream: true }]);
        expectKey(ctx, punk.id, 4);
        expect(added.map((g) => [g.name, g.id])).to.deep.equal([
          ["Punk", punk.id],
          ["Jazz", added[1]!.id],
        ]);
        expectKey(ctx, added[1]!.id, 5);
        expect(await Genre.count()).to.equal(5);
        expect((await pythonistas.getM2M(Band.m2m.genres)).map((g) => g.name)).to.deep.equal(["Punk", "Jazz"]);
      });

      it("writes extraColumnValues into the join rows", async () => {
        const { Band, GenreToBand } = t;
        const pythonistas = await band("Pythonistas");
        await pythonistas.addM2M(Band.m2m.genres, await genre("Folk"), { extraColumnValues: { reason: "roots" } });
        expect(await GenreToBand.select(GenreToBand.c.reason)).to.deep.equal([{ reason: "roots" }]);
      });

      it("works from both sides of the join table", async () => {
        const { Band, Genre } = t;
        const rock = await genre("Rock");
        await rock.addM2M(Genre.m2m.bands, [await band("Rustaceans"), await band("Pythonistas")]);
        expect((await rock.getM2M(Genre.m2m.bands)).map((b) => b.name)).to.deep.equal(["Pythonistas", "Rustaceans"]);
        const rustaceans = await band("Rustaceans");
        expect((await rustaceans.getM2M(Band.m2m.genres)).map((g) => g.name)).to.deep.equal(["Rock"]);
        await rustaceans.removeM2M(Band.m2m.genres, rock);
        expect((await rock.getM2M(Genre.m2m.bands)).map((b) => b.name)).to.deep.equal(["Pythonistas"]);
      });

      it("getM2M is one query, and an instance with no related rows gets []", async () => {
        const { Band } = t;
        const pythonistas = await band("Pythonistas");
        ctx.engine.setLog((entry) => log.push(entry));
        expect(await pythonistas.getM2M(Band.m2m.genres)).to.deep.equal([]);
        expect(log).to.have.length(1);
      });

      it("adds in one transaction: a failing join insert leaves no new rows behind", async () => {
        const { Band, Genre, GenreToBand } = t;
        const pythonistas = await band("Pythonistas");
        const error = await rejection(
          pythonistas.addM2M(Band.m2m.genres, new Genre({ name: "Ska" }), {
            extraColumnValues: { reason: 42 as never },
          }),
        );
        expect(error).to.be.instanceOf(OrmError);
        expect(await Genre.count()).to.equal(3);
        expect(await GenreToBand.count()).to.equal(0);
      });
    });

    describe("selecting M2M values as arrays", () => {
      beforeEach(async () => {
        const { Band } = t;
        await (await band("Pythonistas")).addM2M(Band.m2m.genres, [await genre("Folk"), await genre("Rock")]);
        await (await band("Rustaceans")).addM2M(Band.m2m.genres, await genre("Classical"));
      });

      it("gives one array per row, ordered by the other table's key, [] when there is none", async () => {
        const { Band, Genre } = t;
        const rows = await Band.select(Band.c.name, Band.m2m.genres(Genre.c.name)).orderBy(Band.c.id);
        expect(rows).to.deep.equal([
          { name: "Pythonistas", genres: ["Rock", "Folk"] },
          { name: "Rustaceans", genres: ["Classical"] },
          { name: "C-Sharps", genres: [] },
        ]);
      });

      it("decodes elements by their column type, and takes aliases, functions and where clauses", async () => {
        const { Band, Genre } = t;
        const rows = await Band.select(
          Band.m2m.genres(Genre.c.id).as("ids"),
          Band.m2m.genres(Genre.c.mainstream).as("mainstream"),
          Band.m2m.genres(Upper(Genre.c.name)).as("upper"),
        ).where(Band.c.name.eq("Pythonistas"));
        expect(rows).to.deep.equal([
          { ids: [genreKey.Rock, genreKey.Folk], mainstream: [true, false], upper: ["ROCK", "FOLK"] },
        ]);
        // Exact decimals stay strings and zone-less timestamps read as UTC, as in plain columns.
        const exact = await Band.select(
          Band.m2m.genres(Genre.c.score).as("scores"),
          Band.m2m.genres(Genre.c.since).as("since"),
        ).orderBy(Band.c.id);
        expect(exact).to.deep.equal([
          { scores: ["9.25", null], since: [new Date("1955-04-12T10:00:00Z"), null] },
          { scores: ["12.50"], since: [null] },
          { scores: [], since: [] },
        ]);
      });

      it("several columns give an array of objects with those keys, decoded per column (defect 9)", async () => {
        const { Band, Genre } = t;
        const rows = await Band.select(
          Band.c.name,
          Band.m2m.genres(Genre.c.name, Genre.c.mainstream, Genre.c.score, Genre.c.since),
        ).orderBy(Band.c.id);
        expect(rows).to.deep.equal([
          {
            name: "Pythonistas",
            genres: [
              { name: "Rock", mainstream: true, score: "9.25", since: new Date("1955-04-12T10:00:00Z") },
              { name: "Folk", mainstream: false, score: null, since: null },
            ],
          },
          { name: "Rustaceans", genres: [{ name: "Classical", mainstream: false, score: "12.50", since: null }] },
          { name: "C-Sharps", genres: [] },
        ]);
        const aliased = await Band.select(
          Band.m2m.genres(Genre.c.id.as("key"), Upper(Genre.c.name).as("upper")).as("tags"),
        )
          .where(Band.c.name.eq("Pythonistas"))
          .first();
        expect(aliased).to.deep.equal({
          tags: [
            { key: genreKey.Rock, upper: "ROCK" },
            { key: genreKey.Folk, upper: "FOLK" },
          ],
        });
        expect(
          await Band.select(Band.m2m.genres(Genre.c.name, Genre.c.id))
            .orderBy(Band.c.id)
            .limit(1)
            .output({ asList: true }),
        ).to.deep.equal([
          [
            { name: "Rock", id: genreKey.Rock },
            { name: "Folk", id: genreKey.Folk },
          ],
        ]);
      });

      it("orders arrays by orderBy on both engines, one column or several", async () => {
        const { Band, Genre } = t;
        const one = Band.select(Band.c.name, Band.m2m.genres(Genre.c.name, { orderBy: Genre.c.name })).where(
          Band.c.name.eq("Pythonistas"),
        );
        expect(await one).to.deep.equal([{ name: "Pythonistas", genres: ["Folk", "Rock"] }]);
        const inner =
          'FROM "m2m_genre" LEFT JOIN "m2m_genre_to_band" ON "m2m_genre_to_band"."genre" = "m2m_genre"."id" WHERE "m2m_genre_to_band"."band" = "m2m_band"."id"';
        const order = 'ORDER BY "m2m_genre"."name" ASC, "m2m_genre"."id" ASC';
        if (ctx.family === "postgres")
          expect(one.toSQL().sql).to.contain(`ARRAY(SELECT "m2m_genre"."name" ${inner} ${order}) AS "genres"`);
        else
          expect(one.toSQL().sql).to.contain(
            `(SELECT json_group_array("m2m_genre"."name" ${order}) ${inner}) AS "genres"`,
          );
        const several = await Band.select(
          Band.m2m.genres(Genre.c.name, Genre.c.mainstream, { orderBy: [Genre.c.mainstream, Genre.c.name.desc()] }),
        )
          .where(Band.c.name.eq("Rustaceans").or(Band.c.name.eq("Pythonistas")))
          .orderBy(Band.c.id)
          .first();
        expect(several).to.deep.equal({
          genres: [
            { name: "Folk", mainstream: false },
            { name: "Rock", mainstream: true },
          ],
        });
        const desc = await Band.select(Band.m2m.genres(Genre.c.name, { orderBy: Genre.c.name.desc() }))
          .where(Band.c.name.eq("Pythonistas"))
          .first();
        expect(desc).to.deep.equal({ genres: ["Rock", "Folk"] });
        expect(() => Band.m2m.genres(Genre.c.name, { orderBy: Band.c.name as never })).to.throw(
          OrmError,
          /Band\.genres orderBy\(\) on Genre got a column of Band/,
        );
        expect(() => Band.m2m.genres(Genre.c.name, { order: Genre.c.name } as never)).to.throw(
          OrmError,
          /has no option "order"/,
        );
      });

      it("works from the other side", async () => {
        const { Band, Genre } = t;
        const rows = await Genre.select(Genre.c.name, Genre.m2m.bands(Band.c.name)).orderBy(Genre.c.id);
        expect(rows).to.deep.equal([
          { name: "Rock", bands: ["Pythonistas"] },
          { name: "Folk", bands: ["Pythonistas"] },
          { name: "Classical", bands: ["Rustaceans"] },
        ]);
      });

      it("renders a correlated subquery per dialect", () => {
        const { Band, Genre } = t;
        const { sql } = Band.select(Band.m2m.genres(Genre.c.name)).toSQL();
        const inner =
          'FROM "m2m_genre" LEFT JOIN "m2m_genre_to_band" ON "m2m_genre_to_band"."genre" = "m2m_genre"."id" WHERE "m2m_genre_to_band"."band" = "m2m_band"."id"';
        if (ctx.family === "postgres") {
          expect(sql).to.equal(
            `SELECT ARRAY(SELECT "m2m_genre"."name" ${inner} ORDER BY "m2m_genre"."id" ASC) AS "genres" FROM "m2m_band"`,
          );
        } else {
          expect(sql).to.equal(
            `SELECT (SELECT json_group_array("m2m_genre"."name" ORDER BY "m2m_genre"."id" ASC) ${inner}) AS "genres" FROM "m2m_band"`,
          );
        }
      });
    });

    describe("M2M fields are not columns", () => {
      it("are left out of createTable, select(), objects(), toDict() and the migration snapshot", async () => {
        const { Band, Genre } = t;
        expect(tableMetaOf(Band).columns.map((c) => c.property)).to.deep.equal(["id", "name"]);
        expect(tableSchemaOf(tableMetaOf(Genre)).columns.map((c) => c.name)).to.deep.equal([
          "id",
          "name",
          "mainstream",
          "score",
          "since",
        ]);
        expect(Band.createTable().toSQL().sql).not.to.contain("genres");
        expect(await Band.select().where(Band.c.name.eq("Pythonistas"))).to.deep.equal([
          { id: bandKey.Pythonistas, name: "Pythonistas" },
        ]);
        const pythonistas = await band("Pythonistas");
        expect(pythonistas.toDict()).to.deep.equal({ id: bandKey.Pythonistas, name: "Pythonistas" });
        expect(Object.keys(Band.c)).to.deep.equal(["id", "name"]);
        expect(Object.keys(Band.m2m)).to.deep.equal(["genres"]);
      });

      it("are refused by insert() and new Band({...})", () => {
        const { Band } = t;
        expect(() => new Band({ name: "x", genres: [] } as never)).to.throw(OrmError, /has no column "genres"/);
        expect(() => Band.insert({ name: "x", genres: [] } as never)).to.throw(OrmError, /has no column "genres"/);
      });
    });

    describe("errors", () => {
      it("refuses handles of another table and things that are not handles", async () => {
        const { Genre } = t;
        const pythonistas = await band("Pythonistas");
        const error = await rejection(pythonistas.getM2M(Genre.m2m.bands as never));
        expect(error).to.be.instanceOf(OrmError);
        expect(error.message).to.equal("getM2M() expects an M2M field of Band, such as Band.m2m.genres.");
        expect((await rejection(pythonistas.addM2M(t.Band.c.name as never, []))).message).to.match(
          /addM2M\(\) expects an M2M field of Band/,
        );
      });

      it("refuses unsaved instances on either side, and rows of the wrong table", async () => {
        const { Band, Genre } = t;
        const fresh = new Band({ name: "New" });
        expect((await rejection(fresh.getM2M(Band.m2m.genres))).message).to.match(
          /Cannot getM2M a Band that has no primary key value yet: save\(\) it first/,
        );
        const pythonistas = await band("Pythonistas");
        expect((await rejection(pythonistas.removeM2M(Band.m2m.genres, new Genre({ name: "Punk" })))).message).to.equal(
          "removeM2M() on Band.genres got a Genre that has no primary key value yet: save() it first.",
        );
        const rustaceans = await band("Rustaceans");
        expect((await rejection(pythonistas.addM2M(Band.m2m.genres, rustaceans as never))).message).to.equal(
          "addM2M() on Band.genres expects Genre instances or objects of its columns, got Band.",
        );
        expect(() => Band.select(Band.m2m.genres(Band.c.name as never))).to.throw(
          OrmError,
          /Band\.m2m\.genres\(\) on Genre got a column of Band/,
        );
        expect(
          (await rejection(pythonistas.addM2M(Band.m2m.genres, [], { extraColumnValue: {} } as never))).message,
        ).to.match(/Did you mean "extraColumnValues"/);
      });

      it("names a join table that lacks a foreign key to one side", async () => {
        const { Broken } = t;
        const row = (await Broken.insert({ name: "b" }).returning(Broken.c.id))[0]!;
        const broken = (await Broken.objects().get(Broken.c.id.eq(row.id)))!;
        const error = await rejection(broken.getM2M(Broken.m2m.others));
        expect(error.message).to.equal(
          "The join table HalfJoin of Broken.others has no foreign key to Broken: a join table needs one to each side, e.g. @column(ForeignKey(() => Broken)).",
        );
        expect(() => t.Band.select(t.Band.c.name)).not.to.throw();
      });
    });
  },
  { also: ["sqlite3", "cockroach"] },
);
