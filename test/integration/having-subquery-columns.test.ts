import { expect } from "chai";
import { Count, Max, Outer, Sum } from "../../lib";
import { describeEachEngine } from "../support/engines";
import { useSampleData } from "../support/fixtures";

// Bands: Pythonistas (Guido, 1000), Rustaceans (Graydon, 2000), C-Sharps (Mads, 10), Lonely Hearts (none, 10).
// Concerts: 1 Pythonistas + Rustaceans at Arena, 2 Rustaceans + C-Sharps at Garage.
describeEachEngine("having and subqueries as columns", (ctx) => {
  const f = useSampleData(ctx, {
    extra: (f) => f.Band.insert({ name: "Lonely Hearts", manager: null, popularity: 10 }),
  });

  describe("having", () => {
    it("keeps the groups whose aggregate matches", async () => {
      const { Band } = f;
      const rows = await Band.select(Band.c.popularity, Count().as("n"))
        .groupBy(Band.c.popularity)
        .having(Count().gt(1));
      expect(rows).to.deep.equal([{ popularity: 10, n: 2 }]);
    });

    it("ANDs repeated calls and joins the tables its conditions need", async () => {
      const { Band } = f;
      const query = Band.select(Band.c.manager.name, Sum(Band.c.popularity).as("total"))
        .groupBy(Band.c.manager.name)
        .having(Sum(Band.c.popularity).gte(10))
        .having(Max(Band.c.manager.name).ne("Mads"))
        .orderBy(Band.c.manager.name);
      expect(await query).to.deep.equal([
        { "manager.name": "Graydon", total: 2000 },
        { "manager.name": "Guido", total: 1000 },
      ]);
      expect(query.toSQL().sql).to.match(/GROUP BY "band\$manager"\."name" HAVING \(sum\(.*\) AND \(max\(/);
    });

    it("refuses columns of another table", () => {
      const { Band, Venue } = f;
      expect(() => Band.select(Count()).having(Venue.c.capacity.gt(1) as never)).to.throw(/having/);
    });
  });

  describe("subqueries as columns", () => {
    it("a correlated count per row", async () => {
      const { Band, Concert } = f;
      const rows = await Band.select(
        Band.c.name,
        Concert.count()
          .where(Concert.c.band1.eq(Outer(Band.c.id)))
          .as("headlining"),
      ).orderBy(Band.c.name);
      expect(rows).to.deep.equal([
        { name: "C-Sharps", headlining: 0 },
        { name: "Lonely Hearts", headlining: 0 },
        { name: "Pythonistas", headlining: 1 },
        { name: "Rustaceans", headlining: 1 },
      ]);
    });

    it("a correlated flag per row, as a boolean on both engines", async () => {
      const { Band, Concert } = f;
      const rows = await Band.select(
        Band.c.name,
        Concert.exists()
          .where(Concert.c.band2.eq(Outer(Band.c.id)))
          .as("supports"),
      ).orderBy(Band.c.name);
      expect(rows).to.deep.equal([
        { name: "C-Sharps", supports: true },
        { name: "Lonely Hearts", supports: false },
        { name: "Pythonistas", supports: false },
        { name: "Rustaceans", supports: true },
      ]);
    });

    it("a one-value select per row, null when it finds nothing, decoded as its column", async () => {
      const { Band, Manager, Concert } = f;
      const rows = await Manager.select(
        Manager.c.name,
        Band.select(Band.c.name)
          .where(Band.c.manager.eq(Outer(Manager.c.id)), Band.c.popularity.gt(500))
          .orderBy(Band.c.popularity.desc())
          .as("star"),
      ).orderBy(Manager.c.name);
      expect(rows).to.deep.equal([
        { name: "Graydon", star: "Rustaceans" },
        { name: "Guido", star: "Pythonistas" },
        { name: "Mads", star: null },
      ]);
      const shows = await Band.select(
        Band.c.name,
        Concert.select(Max(Concert.c.startsAt))
          .where(Concert.c.band1.eq(Outer(Band.c.id)))
          .as("lastShow"),
      ).orderBy(Band.c.name);
      expect(shows[3]!.lastShow).to.be.instanceOf(Date);
      expect((shows[3]!.lastShow as Date).toISOString()).to.equal("2025-07-01T20:30:00.000Z");
      expect(shows[0]!.lastShow).to.equal(null);
    });

    it("in where and orderBy too", async () => {
      const { Band, Concert } = f;
      const shows = Concert.count()
        .where(Concert.c.band1.eq(Outer(Band.c.id)))
        .as("shows");
      const rows = await Band.select(Band.c.name).where(shows.gte(1)).orderBy(shows.desc(), Band.c.name);
      expect(rows).to.deep.equal([{ name: "Pythonistas" }, { name: "Rustaceans" }]);
    });

    it("a grouped subquery keeps its GROUP BY and HAVING", async () => {
      const { Band, Manager } = f;
      const busy = Band.select(Band.c.manager).groupBy(Band.c.manager).having(Count().gte(1));
      const rows = await Manager.select(Manager.c.name).where(Manager.c.id.isIn(busy)).orderBy(Manager.c.name);
      expect(rows.map((r) => r.name)).to.deep.equal(["Graydon", "Guido", "Mads"]);
      expect(busy.toSQL().sql).to.contain("HAVING");
    });

    it("a select of several columns cannot be a value", () => {
      const { Band } = f;
      expect(() => Band.select(Band.c.name, Band.c.id).as("x")).to.throw(/one column|exactly/i);
    });
  });
});
