/**
 * Piccolo features the documentation examples needed (issue 15/10): a related table's
 * `allColumns(...exclude)`, `count(column)` and `count({ distinct })`, `getOrCreate().withCreated()`
 * and a foreign key's `allRelated()`.
 */
import { expect } from "chai";
import { OrmError } from "../../lib";
import { caught, expectSql } from "../support/assertions";
import { describeEachEngine } from "../support/engines";
import { useSampleData } from "../support/fixtures";

describeEachEngine("Piccolo gaps: allColumns exclusions, count of values, withCreated, allRelated", (ctx) => {
  const f = useSampleData(ctx, { perTest: true });

  describe("a related table's allColumns(...exclude)", () => {
    it("selects the referenced table's columns but the excluded ones", async () => {
      const { Band, Concert } = f;
      const rows = await Band.select(Band.c.name, ...Band.c.manager.allColumns("id")).orderBy(Band.c.name);
      expect(rows).to.deep.equal([
        { name: "C-Sharps", "manager.name": "Mads" },
        { name: "Pythonistas", "manager.name": "Guido" },
        { name: "Rustaceans", "manager.name": "Graydon" },
      ]);
      const venues = await Concert.select(...Concert.c.venue.allColumns("id", "name")).orderBy(Concert.c.id);
      expect(venues).to.deep.equal([{ "venue.capacity": 1000 }, { "venue.capacity": null }]);
      const nested = await Band.select(Band.c.name, ...Band.c.manager.allColumns("id"))
        .where(Band.c.name.eq("Pythonistas"))
        .output({ nested: true });
      expect(nested).to.deep.equal([{ name: "Pythonistas", manager: { name: "Guido" } }]);
    });

    it("with no exclusions selects every column, two levels deep too", async () => {
      const { Concert } = f;
      const row = await Concert.select(...Concert.c.band1.manager.allColumns())
        .orderBy(Concert.c.id)
        .first();
      expect(Object.keys(row!).sort()).to.deep.equal(["band1.manager.id", "band1.manager.name"]);
      expect(row!["band1.manager.name"]).to.equal("Guido");
    });

    it("refuses an unknown column name", async () => {
      const { Band } = f;
      const error = await caught(() => Band.c.manager.allColumns("nope" as "id"));
      expect(error).to.be.instanceOf(OrmError).and.to.include({ code: "PICCOLO_COLUMN_NOT_FOUND" });
    });
  });

  describe("count(column) and count({ distinct })", () => {
    it("counts a column's non-null values, through foreign keys too", async () => {
      const { Venue, Concert, Band } = f;
      expect(await Venue.count()).to.equal(2);
      expect(await Venue.count(Venue.c.capacity)).to.equal(1);
      expect(await Concert.count(Concert.c.venue.capacity)).to.equal(1);
      expect(await Band.count(Band.c.manager.name).where(Band.c.popularity.gt(100))).to.equal(2);
      await Band.update({ manager: null }).where(Band.c.name.eq("C-Sharps"));
      expect(await Band.count(Band.c.manager)).to.equal(2);
    });

    it("counts distinct values and distinct combinations, NULL as one value", async () => {
      const { Ticket, Concert, Venue } = f;
      expect(await Ticket.count({ distinct: [Ticket.c.concert] })).to.equal(2);
      expect(await Ticket.count({ distinct: [Ticket.c.concert.venue.name] })).to.equal(2);
      expect(await Concert.count({ distinct: [Concert.c.band1, Concert.c.band2] })).to.equal(2);
      expect(await Concert.count({ distinct: [Concert.c.band1] }).where(Concert.c.band1.name.eq("Nobody"))).to.equal(0);
      await Venue.insert(new Venue({ name: "Shed", capacity: null }));
      expect(await Venue.count({ distinct: [Venue.c.capacity] })).to.equal(2);
    });

    it("works as a correlated subquery value", async () => {
      const { Ticket } = f;
      const query = Ticket.select(Ticket.count({ distinct: [Ticket.c.concert] }).as("concerts")).limit(1);
      expect(await query).to.deep.equal([{ concerts: 2 }]);
    });

    it("compiles to count(column) and a DISTINCT subquery", () => {
      const { Venue } = f;
      expectSql(ctx, Venue.count(Venue.c.capacity), {
        postgres: 'SELECT count("venue"."capacity") FROM "venue"',
        sqlite: 'SELECT count("venue"."capacity") FROM "venue"',
      });
      expectSql(
        ctx,
        Venue.count({ distinct: [Venue.c.capacity, Venue.c.name] }).where(Venue.c.capacity.gt(5)),
        {
          postgres:
            'SELECT count(*) FROM (SELECT DISTINCT "venue"."capacity" AS "value_0", "venue"."name" AS "value_1" FROM "venue"' +
            ' WHERE "venue"."capacity" > $1) AS "distinct_values"',
          sqlite:
            'SELECT count(*) FROM (SELECT DISTINCT "venue"."capacity" AS "value_0", "venue"."name" AS "value_1" FROM "venue"' +
            ' WHERE "venue"."capacity" > ?) AS "distinct_values"',
        },
        [5],
      );
    });

    it("refuses another table's column, an empty or unknown option, and a non-column", async () => {
      const { Band, Venue } = f;
      const codes = async (fn: () => unknown) => ((await caught(fn)) as OrmError).code;
      expect(await codes(() => Band.count(Venue.c.name as never))).to.equal("PICCOLO_FOREIGN_COLUMN");
      expect(await codes(() => Band.count({ distinct: [] }))).to.equal("PICCOLO_DISTINCT_ON_EMPTY");
      expect(await codes(() => Band.count({ distinct: [Band.c.name], on: 1 } as never))).to.equal(
        "PICCOLO_UNKNOWN_OPTION",
      );
      expect(await codes(() => Band.count("name" as never))).to.equal("PICCOLO_NOT_A_COLUMN");
      expect(await codes(() => Band.count({ distinct: ["name"] } as never))).to.equal("PICCOLO_NOT_A_COLUMN");
    });
  });

  describe("getOrCreate(...).withCreated()", () => {
    it("says whether the row was found or created", async () => {
      const { Band } = f;
      const found = await Band.objects().getOrCreate(Band.c.name.eq("Pythonistas"), { popularity: 5 }).withCreated();
      expect(found.created).to.equal(false);
      expect(found.row).to.be.instanceOf(Band);
      expect([found.row.name, found.row.popularity]).to.deep.equal(["Pythonistas", 1000]);
      const made = await Band.objects().getOrCreate(Band.c.name.eq("Gophers"), { popularity: 5 }).withCreated();
      expect(made.created).to.equal(true);
      expect([made.row.name, made.row.popularity]).to.deep.equal(["Gophers", 5]);
      const again = await Band.objects().getOrCreate(Band.c.name.eq("Gophers")).withCreated();
      expect([again.created, again.row.id]).to.deep.equal([false, made.row.id]);
      expect(await Band.count().where(Band.c.name.eq("Gophers"))).to.equal(1);
    });

    it("sends the same lookup, and refuses to create from nothing", async () => {
      const { Band } = f;
      const query = Band.objects().getOrCreate(Band.c.name.eq("Gophers"));
      expect(query.withCreated().toSQL()).to.deep.equal(query.toSQL());
      const error = await caught(() => Band.objects().getOrCreate(Band.c.popularity.gt(1_000_000)).withCreated());
      expect(error).to.be.instanceOf(OrmError).and.to.include({ code: "PICCOLO_GET_OR_CREATE_NEEDS_VALUES" });
      expect(await Band.count()).to.equal(3);
    });
  });

  describe("a foreign key's allRelated(...exclude)", () => {
    it("lists the referenced table's foreign keys as paths from here", () => {
      const { Ticket, Band } = f;
      expect(Ticket.c.concert.allRelated().map((c) => c.$key)).to.deep.equal([
        "concert.band1",
        "concert.band2",
        "concert.venue",
      ]);
      expect(Ticket.c.concert.allRelated("venue").map((c) => c.$key)).to.deep.equal(["concert.band1", "concert.band2"]);
      expect(Band.c.manager.allRelated()).to.deep.equal([]);
    });

    it("prefetches every related row, which getRelated() then returns without a query", async () => {
      const { Ticket, Concert } = f;
      const statements: string[] = [];
      const logged = async <TResult>(fn: () => Promise<TResult>): Promise<TResult> => {
        ctx.engine.setLog((entry) => statements.push(entry.sql));
        try {
          return await fn();
        } finally {
          ctx.engine.setLog(undefined);
        }
      };
      const query = Ticket.objects()
        .prefetch(...Ticket.c.concert.allRelated())
        .orderBy(Ticket.c.id)
        .first();
      const ticket = (await logged(() => query.run()))!;
      // The tickets, the concerts once (not once per path), then band1's, band2's and the venues.
      const tables = statements.map((sql) => /FROM "(\w+)"/.exec(sql)![1]);
      expect(tables).to.deep.equal(["ticket", "concert", "band", "band", "venue"]);
      statements.length = 0;
      await logged(async () => {
        const concert = (await ticket.getRelated(Ticket.c.concert))!;
        expect((await concert.getRelated(Concert.c.band1))!.name).to.equal("Pythonistas");
        expect((await concert.getRelated(Concert.c.band2))!.name).to.equal("Rustaceans");
        expect((await concert.getRelated(Concert.c.venue))!.name).to.equal("Arena");
      });
      expect(statements).to.deep.equal([]);
    });

    it("selects the foreign keys' values, nested in the output", async () => {
      const { Ticket } = f;
      const rows = await Ticket.select(Ticket.c.id, ...Ticket.c.concert.allRelated("venue"))
        .orderBy(Ticket.c.id)
        .limit(1)
        .output({ nested: true });
      expect(rows).to.have.length(1);
      expect(Object.keys(rows[0]!.concert)).to.deep.equal(["band1", "band2"]);
    });

    it("refuses an unknown column name", async () => {
      const { Ticket } = f;
      const error = await caught(() => Ticket.c.concert.allRelated("nope" as "venue"));
      expect(error).to.be.instanceOf(OrmError).and.to.include({ code: "PICCOLO_COLUMN_NOT_FOUND" });
    });
  });
});
