import { expect } from "chai";
import { OrmError } from "../../lib";
import { caught, expectSql } from "../support/assertions";
import { describeEachEngine } from "../support/engines";
import { useSampleData } from "../support/fixtures";
import { expectKey } from "../support/keys";

describeEachEngine(
  "count, exists, raw",
  (ctx) => {
    const f = useSampleData(ctx);

    describe("count", () => {
      it("counts every row, or the rows matching where, as a number", async () => {
        const { Band, Ticket } = f;
        expect(await Band.count()).to.equal(3);
        expect(await Band.count().where(Band.c.popularity.gte(1000))).to.equal(2);
        expect(await Band.count().where(Band.c.popularity.gte(1000), Band.c.name.like("R%"))).to.equal(1);
        expect(await Band.count().where(Band.c.name.eq("Nobody"))).to.equal(0);
        expect(await Ticket.count().run())
          .to.be.a("number")
          .and.equal(3);
      });

      it("counts through foreign keys", async () => {
        const { Band, Ticket } = f;
        expect(await Band.count().where(Band.c.manager.name.eq("Guido"))).to.equal(1);
        expect(await Ticket.count().where(Ticket.c.concert.venue.name.eq("Arena"))).to.equal(2);
        expect(await Ticket.count().where(Ticket.c.concert.band2.manager.name.eq("Mads"))).to.equal(1);
      });

      it("compiles to count(*)", () => {
        const { Band } = f;
        expectSql(
          ctx,
          Band.count().where(Band.c.popularity.gt(5)),
          {
            postgres: 'SELECT count(*) FROM "band" WHERE "band"."popularity" > $1',
            sqlite: 'SELECT count(*) FROM "band" WHERE "band"."popularity" > ?',
          },
          [5],
        );
      });
    });

    describe("exists", () => {
      it("tells whether any row matches", async () => {
        const { Band } = f;
        expect(await Band.exists()).to.equal(true);
        expect(await Band.exists().where(Band.c.name.eq("Rustaceans"))).to.equal(true);
        expect(await Band.exists().where(Band.c.name.eq("Nobody"))).to.equal(false);
      });

      it("looks through foreign keys", async () => {
        const { Band, Concert } = f;
        expect(await Band.exists().where(Band.c.manager.name.eq("Mads"))).to.equal(true);
        expect(await Band.exists().where(Band.c.manager.name.eq("Linus"))).to.equal(false);
        expect(
          await Concert.exists().where(Concert.c.band1.manager.name.eq("Graydon"), Concert.c.venue.name.eq("Garage")),
        ).to.equal(true);
        expect(
          await Concert.exists().where(Concert.c.band1.manager.name.eq("Graydon"), Concert.c.venue.name.eq("Arena")),
        ).to.equal(false);
      });

      it("is false on an empty table", async () => {
        const { Ticket } = f;
        const prices = await Ticket.select(Ticket.c.concert, Ticket.c.price).orderBy(Ticket.c.id);
        await Ticket.delete({ force: true });
        try {
          expect(await Ticket.exists()).to.equal(false);
          expect(await Ticket.count()).to.equal(0);
        } finally {
          await Ticket.insert(...prices);
        }
      });
    });

    describe("raw", () => {
      it("binds {} placeholders as parameters", async () => {
        const { Band } = f;
        const rows = await Band.raw(
          "SELECT name, popularity FROM band WHERE popularity > {} AND name <> {} ORDER BY name",
          5,
          "Rustaceans",
        );
        // Raw rows are the driver's: CockroachDB's INTEGER is INT8, which arrives as its digits.
        const int8 = (value: number) => (ctx.name === "cockroach" ? String(value) : value);
        expect(rows).to.deep.equal([
          { name: "C-Sharps", popularity: int8(10) },
          { name: "Pythonistas", popularity: int8(1000) },
        ]);
        const rustaceans = (await Band.select(Band.c.id).where(Band.c.name.eq("Rustaceans")).first())!.id;
        expectKey(ctx, rustaceans, 2);
        expect(await Band.raw(`SELECT name FROM band WHERE id = ${rustaceans}`)).to.deep.equal([
          { name: "Rustaceans" },
        ]);
      });

      it("compiles placeholders per engine", () => {
        const { Band } = f;
        expectSql(
          ctx,
          Band.raw("SELECT * FROM band WHERE name = {} OR name = {}", "a", "b"),
          {
            postgres: "SELECT * FROM band WHERE name = $1 OR name = $2",
            sqlite: "SELECT * FROM band WHERE name = ? OR name = ?",
          },
          ["a", "b"],
        );
      });

      it("treats parameter values as data, never as SQL", async () => {
        const { Band } = f;
        const evil = "x' OR '1'='1";
        expect(await Band.raw("SELECT name FROM band WHERE name = {}", evil)).to.deep.equal([]);
        await Band.raw("INSERT INTO band (name, popularity) VALUES ({}, {})", "'; DROP TABLE band; --", 1);
        try {
          expect(await Band.raw("SELECT name FROM band WHERE popularity = {}", 1)).to.deep.equal([
            { name: "'; DROP TABLE band; --" },
          ]);
          expect(await Band.count()).to.equal(4);
        } finally {
          await Band.delete().where(Band.c.popularity.eq(1));
        }
      });

      it("runs on the engine directly with rawQuery", async () => {
        const rows = await ctx.engine.rawQuery("SELECT name FROM manager WHERE name LIKE {} ORDER BY name", ["G%"]);
        expect(rows).to.deep.equal([{ name: "Graydon" }, { name: "Guido" }]);
      });

      it("rejects a placeholder / parameter count mismatch with a clear error", async () => {
        const { Band } = f;
        const tooFew = await caught(() => Band.raw("SELECT * FROM band WHERE name = {} AND popularity = {}", "x"));
        expect(tooFew).to.be.instanceOf(OrmError);
        expect(tooFew.message).to.equal("Raw SQL has 2 {} placeholder(s) but 1 parameter(s) were given.");
        const tooMany = await caught(() => Band.raw("SELECT * FROM band", "x"));
        expect(tooMany.message).to.equal("Raw SQL has 0 {} placeholder(s) but 1 parameter(s) were given.");
        expect(() => Band.raw("SELECT {}").toSQL()).to.throw(OrmError, /1 \{\} placeholder/);
        const direct = await caught(() => ctx.engine.rawQuery("SELECT * FROM band WHERE id = {}", []));
        expect(direct.message).to.match(/1 \{\} placeholder\(s\) but 0 parameter/);
      });
    });
  },
  { also: ["sqlite3"] },
);
