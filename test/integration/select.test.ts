import { expect } from "chai";
import { OrmError, and, not, or, type Condition } from "../../lib";
import { expectSql } from "../support/assertions";
import { describeEachEngine, requireCapability } from "../support/engines";
import { useSampleData } from "../support/fixtures";
import { keysByName, sampleKeys } from "../support/keys";

// Bands after set-up: Pythonistas (Guido, 1000), Rustaceans (Graydon, 2000), C-Sharps (Mads, 10)
// and Lonely Hearts (no manager, 10).
describeEachEngine(
  "select",
  (ctx) => {
    const f = useSampleData(ctx, {
      extra: (f) => f.Band.insert({ name: "Lonely Hearts", manager: null, popularity: 10 }),
    });
    // The rows' keys by name (1, 2, 3… where keys are sequential, checked so).
    let manager: Awaited<ReturnType<typeof sampleKeys>>["manager"];
    let band: Record<"Pythonistas" | "Rustaceans" | "C-Sharps" | "Lonely Hearts", number>;
    before(async () => {
      const { Band } = f;
      manager = (await sampleKeys(ctx, f)).manager;
      band = keysByName(ctx, await Band.select(Band.c.id, Band.c.name).orderBy(Band.c.id), [
        "Pythonistas",
        "Rustaceans",
        "C-Sharps",
        "Lonely Hearts",
      ]);
    });

    /** Names of the bands matching `where`, sorted. */
    async function names(where: Condition): Promise<string[]> {
      const rows = await f.Band.select(f.Band.c.name).where(where).orderBy(f.Band.c.name);
      return rows.map((r) => r.name);
    }

    it("selects every column by default, in declaration order", async () => {
      const { Band } = f;
      const rows = await Band.select().orderBy(Band.c.id);
      expect(rows).to.deep.equal([
        { id: band.Pythonistas, name: "Pythonistas", manager: manager.Guido, popularity: 1000 },
        { id: band.Rustaceans, name: "Rustaceans", manager: manager.Graydon, popularity: 2000 },
        { id: band["C-Sharps"], name: "C-Sharps", manager: manager.Mads, popularity: 10 },
        { id: band["Lonely Hearts"], name: "Lonely Hearts", manager: null, popularity: 10 },
      ]);
      expect(Object.keys(rows[0]!)).to.deep.equal(["id", "name", "manager", "popularity"]);
    });

    it("selects only the chosen columns", async () => {
      const { Band } = f;
      const rows = await Band.select(Band.c.popularity, Band.c.name).where(Band.c.id.eq(band.Rustaceans));
      expect(rows).to.deep.equal([{ popularity: 2000, name: "Rustaceans" }]);
      expect(Object.keys(rows[0]!)).to.deep.equal(["popularity", "name"]);
    });

    it("renames columns with as(), even to names that need quoting", async () => {
      const { Band } = f;
      const q = Band.select(Band.c.name.as("band"), Band.c.popularity.as('po"p')).where(Band.c.id.eq(band.Pythonistas));
      expect(await q).to.deep.equal([{ band: "Pythonistas", 'po"p': 1000 }]);
      expect(q.toSQL().sql).to.contain('"band"."popularity" AS "po""p"');
    });

    it("keeps values with their names when aliases look like numbers (defect 11)", async () => {
      const { Band } = f;
      const rows = await Band.select(
        Band.c.name.as("b"),
        Band.c.popularity.as("2024"),
        Band.c.id.as("1"),
        Band.c.manager.as("a"),
      ).where(Band.c.id.eq(band.Pythonistas));
      expect(rows).to.deep.equal([{ b: "Pythonistas", "2024": 1000, "1": band.Pythonistas, a: manager.Guido }]);
      const raw = await ctx.engine.rawQuery('SELECT name AS "b", popularity AS "2024" FROM band WHERE id = {}', [
        band.Pythonistas,
      ]);
      // Raw rows are the driver's: CockroachDB's INTEGER is INT8, which arrives as its digits.
      expect(raw).to.deep.equal([{ b: "Pythonistas", "2024": ctx.name === "cockroach" ? "1000" : 1000 }]);
      const chunks = [];
      for await (const chunk of Band.select(Band.c.name.as("b"), Band.c.popularity.as("2024"))
        .where(Band.c.id.lte(band.Rustaceans))
        .orderBy(Band.c.id)
        .batch({ size: 1 }))
        chunks.push(...chunk);
      expect(chunks).to.deep.equal([
        { b: "Pythonistas", "2024": 1000 },
        { b: "Rustaceans", "2024": 2000 },
      ]);
      const [inserted] = await Band.insert({ name: "Numbers", popularity: 7 }).returning(
        Band.c.name.as("x"),
        Band.c.popularity.as("7"),
      );
      await Band.delete().where(Band.c.name.eq("Numbers"));
      expect(inserted).to.deep.equal({ x: "Numbers", "7": 7 });
    });

    describe("where operators", () => {
      it("eq / ne", async () => {
        const { Band } = f;
        expect(await names(Band.c.name.eq("Pythonistas"))).to.deep.equal(["Pythonistas"]);
        expect(await names(Band.c.name.ne("Pythonistas"))).to.deep.equal(["C-Sharps", "Lonely Hearts", "Rustaceans"]);
      });

      it("gt / gte / lt / lte", async () => {
        const { Band } = f;
        expect(await names(Band.c.popularity.gt(1000))).to.deep.equal(["Rustaceans"]);
        expect(await names(Band.c.popularity.gte(1000))).to.deep.equal(["Pythonistas", "Rustaceans"]);
        expect(await names(Band.c.popularity.lt(1000))).to.deep.equal(["C-Sharps", "Lonely Hearts"]);
        expect(await names(Band.c.popularity.lte(10))).to.deep.equal(["C-Sharps", "Lonely Hearts"]);
      });

      it("compares a column with another column", async function () {
        // Compares keys with small numbers: only meaningful where keys are 1, 2, 3….
        requireCapability(this, ctx, "sequentialKeys");
        const { Band } = f;
        expect(await names(Band.c.popularity.gt(Band.c.id))).to.deep.equal([
          "C-Sharps",
          "Lonely Hearts",
          "Pythonistas",
          "Rustaceans",
        ]);
        expect(await names(Band.c.manager.eq(Band.c.id))).to.deep.equal(["C-Sharps", "Pythonistas", "Rustaceans"]);
      });

      it("like / notLike with % and _", async () => {
        const { Band } = f;
        expect(await names(Band.c.name.like("%s"))).to.deep.equal([
          "C-Sharps",
          "Lonely Hearts",
          "Pythonistas",
          "Rustaceans",
        ]);
        expect(await names(Band.c.name.like("_-%"))).to.deep.equal(["C-Sharps"]);
        expect(await names(Band.c.name.notLike("%ist%"))).to.deep.equal(["C-Sharps", "Lonely Hearts", "Rustaceans"]);
      });

      it("isIn / notIn, and empty lists", async () => {
        const { Band } = f;
        expect(await names(Band.c.name.isIn(["Pythonistas", "C-Sharps", "Nobody"]))).to.deep.equal([
          "C-Sharps",
          "Pythonistas",
        ]);
        expect(await names(Band.c.popularity.notIn([10, 2000]))).to.deep.equal(["Pythonistas"]);
        expect(await names(Band.c.name.isIn([]))).to.deep.equal([]);
        expect(await names(Band.c.name.notIn([]))).to.have.length(4);
      });

      it("isNull / isNotNull, and eq(null) / ne(null)", async () => {
        const { Band } = f;
        expect(await names(Band.c.manager.isNull())).to.deep.equal(["Lonely Hearts"]);
        expect(await names(Band.c.manager.eq(null))).to.deep.equal(["Lonely Hearts"]);
        expect(await names(Band.c.manager.isNotNull())).to.deep.equal(["C-Sharps", "Pythonistas", "Rustaceans"]);
        expect(await names(Band.c.manager.ne(null))).to.deep.equal(["C-Sharps", "Pythonistas", "Rustaceans"]);
        expectSql(
          ctx,
          Band.select(Band.c.id).where(Band.c.manager.eq(null)),
          {
            postgres: 'SELECT "band"."id" FROM "band" WHERE "band"."manager" IS NULL',
            sqlite: 'SELECT "band"."id" FROM "band" WHERE "band"."manager" IS NULL',
          },
          [],
        );
      });

      it("between is inclusive at both ends", async () => {
        expect(await names(f.Band.c.popularity.between(10, 1000))).to.deep.equal([
          "C-Sharps",
          "Lonely Hearts",
          "Pythonistas",
        ]);
        expect(await names(f.Band.c.popularity.between(11, 999))).to.deep.equal([]);
      });

      it("and / or / not, as functions and as methods", async () => {
        const { Band } = f;
        const popular = Band.c.popularity.gt(100);
        const startsWithR = Band.c.name.like("R%");
        expect(await names(and(popular, startsWithR))).to.deep.equal(["Rustaceans"]);
        expect(await names(popular.and(startsWithR))).to.deep.equal(["Rustaceans"]);
        expect(await names(or(Band.c.name.eq("C-Sharps"), startsWithR))).to.deep.equal(["C-Sharps", "Rustaceans"]);
        expect(await names(Band.c.name.eq("C-Sharps").or(startsWithR))).to.deep.equal(["C-Sharps", "Rustaceans"]);
        expect(await names(not(popular))).to.deep.equal(["C-Sharps", "Lonely Hearts"]);
      });

      it("nests and / or / not with the right precedence", async () => {
        const { Band } = f;
        // (Lonely Hearts OR popular) AND has a manager; without the parentheses it would read
        // Lonely Hearts OR (popular AND has a manager) and also return Lonely Hearts.
        const grouped = and(
          or(Band.c.name.eq("Lonely Hearts"), Band.c.popularity.gt(1500)),
          Band.c.manager.isNotNull(),
        );
        expect(await names(grouped)).to.deep.equal(["Rustaceans"]);
        // NOT (no manager OR unpopular), not (NOT no manager) OR unpopular.
        expect(await names(not(or(Band.c.manager.isNull(), Band.c.popularity.lt(100))))).to.deep.equal([
          "Pythonistas",
          "Rustaceans",
        ]);
        const deep = or(Band.c.name.eq("C-Sharps"), and(Band.c.popularity.gt(100), not(Band.c.name.like("R%"))));
        expect(await names(deep)).to.deep.equal(["C-Sharps", "Pythonistas"]);
      });

      it("compares a serial key with 0", async () => {
        const { Band } = f;
        expect(await names(Band.c.id.gt(0))).to.have.length(4);
        expect(await names(Band.c.id.eq(0))).to.deep.equal([]);
      });

      it("ANDs repeated where() calls", async () => {
        const { Band } = f;
        const rows = await Band.select(Band.c.name).where(Band.c.popularity.gt(5)).where(Band.c.manager.isNull());
        expect(rows).to.deep.equal([{ name: "Lonely Hearts" }]);
      });
    });

    describe("like and ilike case rules", () => {
      it("like is case-sensitive", async () => {
        const { Band } = f;
        expect(await names(Band.c.name.like("pyth%"))).to.deep.equal([]);
        expect(await names(Band.c.name.like("Pyth%"))).to.deep.equal(["Pythonistas"]);
        expect(await names(Band.c.name.notLike("c-%"))).to.have.length(4);
      });

      it("ilike is case-insensitive", async () => {
        const { Band } = f;
        expect(await names(Band.c.name.ilike("pyth%"))).to.deep.equal(["Pythonistas"]);
        expect(await names(Band.c.name.ilike("%SHARP%"))).to.deep.equal(["C-Sharps"]);
        expect(await names(Band.c.name.ilike("%HEARTS"))).to.deep.equal(["Lonely Hearts"]);
      });

      it("ilike folds non-ASCII letters too", async () => {
        // SQLite's lower() folds ASCII only: its ILIKE is a GLOB with a class per letter instead.
        const { Band } = f;
        await Band.insert({ name: "Über Étoile" }, { name: "ΣΟΦΊΑ" });
        try {
          expect(await names(Band.c.name.ilike("über é%"))).to.deep.equal(["Über Étoile"]);
          expect(await names(Band.c.name.ilike("ÜBER_ÉTOILE"))).to.deep.equal(["Über Étoile"]);
          expect(await names(Band.c.name.ilike("%σοφία"))).to.deep.equal(["ΣΟΦΊΑ"]);
          expect(await names(Band.c.name.like("über%"))).to.deep.equal([]);
          expect(await names(Band.c.name.ilike("uber%"))).to.deep.equal([]);
          expect(await names(not(Band.c.name.ilike("%ÉTOILE")))).to.deep.equal([
            "C-Sharps",
            "Lonely Hearts",
            "Pythonistas",
            "Rustaceans",
            "ΣΟΦΊΑ",
          ]);
        } finally {
          await Band.delete().where(Band.c.name.isIn(["Über Étoile", "ΣΟΦΊΑ"]));
        }
      });

      it("ilike treats GLOB's own wildcards as plain characters and honours \\ escapes, as on PostgreSQL", async () => {
        const { Band } = f;
        await Band.insert({ name: "50% [Off]*?" }, { name: "50x [OFF]*?" });
        try {
          expect(await names(Band.c.name.ilike("50\\% [off]*?"))).to.deep.equal(["50% [Off]*?"]);
          expect(await names(Band.c.name.ilike("50_ [off]%"))).to.deep.equal(["50% [Off]*?", "50x [OFF]*?"]);
          expect(await names(Band.c.name.ilike("%*?"))).to.deep.equal(["50% [Off]*?", "50x [OFF]*?"]);
          expect(await names(Band.c.name.ilike("%[o%"))).to.deep.equal(["50% [Off]*?", "50x [OFF]*?"]);
          expect(await names(Band.c.name.ilike("50x [off]*"))).to.deep.equal([]);
        } finally {
          await Band.delete().where(Band.c.name.like("50%"));
        }
      });
    });

    describe("orderBy", () => {
      it("sorts ascending by default and descending with desc()", async () => {
        const { Band } = f;
        expect((await Band.select(Band.c.id).orderBy(Band.c.name)).map((r) => r.id)).to.deep.equal([
          band["C-Sharps"],
          band["Lonely Hearts"],
          band.Pythonistas,
          band.Rustaceans,
        ]);
        expect((await Band.select(Band.c.id).orderBy(Band.c.name.desc())).map((r) => r.id)).to.deep.equal([
          band.Rustaceans,
          band.Pythonistas,
          band["Lonely Hearts"],
          band["C-Sharps"],
        ]);
        expect((await Band.select(Band.c.id).orderBy(Band.c.name.asc())).map((r) => r.id)).to.deep.equal([
          band["C-Sharps"],
          band["Lonely Hearts"],
          band.Pythonistas,
          band.Rustaceans,
        ]);
      });

      it("sorts by several columns, in one call or in repeated calls", async () => {
        const { Band } = f;
        const expected = ["Lonely Hearts", "C-Sharps", "Pythonistas", "Rustaceans"];
        const one = await Band.select(Band.c.name).orderBy(Band.c.popularity, Band.c.name.desc());
        const two = await Band.select(Band.c.name).orderBy(Band.c.popularity.asc()).orderBy(Band.c.name.desc());
        expect(one.map((r) => r.name)).to.deep.equal(expected);
        expect(two.map((r) => r.name)).to.deep.equal(expected);
      });

      it("puts nulls first or last when asked", async () => {
        const { Band } = f;
        const first = await Band.select(Band.c.name).orderBy(Band.c.manager.asc({ nulls: "first" }));
        const last = await Band.select(Band.c.name).orderBy(Band.c.manager.desc({ nulls: "last" }));
        expect(first.map((r) => r.name)).to.deep.equal(["Lonely Hearts", "Pythonistas", "Rustaceans", "C-Sharps"]);
        expect(last.map((r) => r.name)).to.deep.equal(["C-Sharps", "Rustaceans", "Pythonistas", "Lonely Hearts"]);
      });
    });

    describe("limit, offset, first, distinct", () => {
      it("limit and offset page through the rows", async () => {
        const { Band } = f;
        const sorted = Band.select(Band.c.name).orderBy(Band.c.id);
        expect(await sorted.limit(2)).to.deep.equal([{ name: "Pythonistas" }, { name: "Rustaceans" }]);
        expect(await sorted.limit(2).offset(1)).to.deep.equal([{ name: "Rustaceans" }, { name: "C-Sharps" }]);
        expect(await sorted.offset(3)).to.deep.equal([{ name: "Lonely Hearts" }]);
        expect(await sorted.offset(10)).to.deep.equal([]);
        expect(await sorted.limit(0)).to.deep.equal([]);
      });

      it("rejects negative and fractional counts", () => {
        const { Band } = f;
        expect(() => Band.select().limit(-1)).to.throw(OrmError, /limit\(\) expects a whole number/);
        expect(() => Band.select().offset(1.5)).to.throw(OrmError, /offset\(\) expects a whole number/);
      });

      it("first() gives one row or null", async () => {
        const { Band } = f;
        expect(await Band.select(Band.c.name).orderBy(Band.c.popularity.desc()).first()).to.deep.equal({
          name: "Rustaceans",
        });
        expect(await Band.select(Band.c.name).where(Band.c.name.eq("Nobody")).first()).to.equal(null);
        expect(await Band.select(Band.c.name).orderBy(Band.c.id).offset(1).first()).to.deep.equal({
          name: "Rustaceans",
        });
      });

      it("distinct() removes duplicate rows", async () => {
        const { Band } = f;
        const plain = await Band.select(Band.c.popularity).orderBy(Band.c.popularity);
        const distinct = await Band.select(Band.c.popularity).distinct().orderBy(Band.c.popularity);
        expect(plain.map((r) => r.popularity)).to.deep.equal([10, 10, 1000, 2000]);
        expect(distinct.map((r) => r.popularity)).to.deep.equal([10, 1000, 2000]);
      });
    });

    describe("laziness and SQL", () => {
      it("runs when awaited, without run(), and only then", async () => {
        const { Band } = f;
        const query = Band.select(Band.c.name).where(Band.c.name.like("Late%"));
        await Band.insert({ name: "Latecomers" });
        try {
          expect(await query).to.deep.equal([{ name: "Latecomers" }]);
          expect(await query.run()).to.deep.equal(await query);
        } finally {
          await Band.delete().where(Band.c.name.eq("Latecomers"));
        }
      });

      it("keeps builders immutable", async () => {
        const { Band } = f;
        const base = Band.select(Band.c.name).orderBy(Band.c.id);
        const narrowed = base.where(Band.c.popularity.gt(1500)).limit(1);
        expect(await narrowed).to.deep.equal([{ name: "Rustaceans" }]);
        expect(await base).to.have.length(4);
      });

      it("quotes identifiers and binds every value with the engine's placeholder", () => {
        const { Band } = f;
        const query = Band.select(Band.c.name, Band.c.popularity.as("pop"))
          .where(Band.c.name.eq("it's"), Band.c.popularity.between(1, 9))
          .orderBy(Band.c.name.desc())
          .limit(2)
          .offset(1);
        expectSql(
          ctx,
          query,
          {
            postgres:
              'SELECT "band"."name", "band"."popularity" AS "pop" FROM "band" WHERE ("band"."name" = $1) AND ("band"."popularity" BETWEEN $2 AND $3) ORDER BY "band"."name" DESC LIMIT 2 OFFSET 1',
            sqlite:
              'SELECT "band"."name", "band"."popularity" AS "pop" FROM "band" WHERE ("band"."name" = ?) AND ("band"."popularity" BETWEEN ? AND ?) ORDER BY "band"."name" DESC LIMIT 2 OFFSET 1',
          },
          ["it's", 1, 9],
        );
      });

      it("renders first(), distinct() and nulls order", () => {
        const { Band } = f;
        const query = Band.select(Band.c.name)
          .distinct()
          .orderBy(Band.c.name.asc({ nulls: "last" }))
          .first();
        expectSql(
          ctx,
          query,
          {
            postgres: 'SELECT DISTINCT "band"."name" FROM "band" ORDER BY "band"."name" ASC NULLS LAST LIMIT 1',
            sqlite: 'SELECT DISTINCT "band"."name" FROM "band" ORDER BY "band"."name" ASC NULLS LAST LIMIT 1',
          },
          [],
        );
      });
    });
  },
  { also: ["sqlite3", "cockroach"] },
);
