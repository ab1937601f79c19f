import { expect } from "chai";
import {
  Avg,
  Cast,
  Coalesce,
  Concat,
  Count,
  Extract,
  Length,
  Lower,
  Max,
  Min,
  Round,
  Sum,
  Text,
  Upper,
} from "../../lib";
import { describeEachEngine } from "../support/engines";
import { useSampleData } from "../support/fixtures";
import { sampleKeys } from "../support/keys";

// Bands: Pythonistas (Guido, 1000), Rustaceans (Graydon, 2000), C-Sharps (Mads, 10), Lonely Hearts (none, 10).
// Tickets: 50.00 and 75.50 for concert 1, 20.25 for concert 2.
describeEachEngine(
  "aggregates and functions",
  (ctx) => {
    const f = useSampleData(ctx, {
      extra: (f) => f.Band.insert({ name: "Lonely Hearts", manager: null, popularity: 10 }),
    });
    // The sample rows' keys by name (1, 2, 3… where keys are sequential, checked so).
    let k: Awaited<ReturnType<typeof sampleKeys>>;
    before(async () => {
      k = await sampleKeys(ctx, f);
    });

    describe("aggregates", () => {
      it("Count, Avg, Sum, Min, Max over the whole table, as numbers", async () => {
        const { Band } = f;
        const row = await Band.select(
          Count(),
          Avg(Band.c.popularity),
          Sum(Band.c.popularity),
          Min(Band.c.popularity),
          Max(Band.c.name),
        ).first();
        expect(row).to.deep.equal({ count: 4, avg: 755, sum: 3020, min: 10, max: "Rustaceans" });
      });

      it("group by a joined column, with aliases and ordering by an aggregate", async () => {
        const { Concert, Ticket } = f;
        void Concert;
        const rows = await Ticket.select(
          Ticket.c.concert.venue.name.as("venue"),
          Count().as("tickets"),
          Sum(Ticket.c.price).as("total"),
        )
          .groupBy(Ticket.c.concert.venue.name)
          .orderBy(Count().desc());
        const total = (v: string) => Number(v).toFixed(2);
        expect(rows.map((r) => ({ ...r, total: total(r.total!) }))).to.deep.equal([
          { venue: "Arena", tickets: 2, total: "125.50" },
          { venue: "Garage", tickets: 1, total: "20.25" },
        ]);
      });

      it("Count(column) skips nulls and Count(column, { distinct }) counts values once", async () => {
        const { Band } = f;
        expect(await Band.select(Count(Band.c.manager)).first()).to.deep.equal({ count: 3 });
        expect(await Band.select(Count(Band.c.popularity, { distinct: true })).first()).to.deep.equal({ count: 3 });
      });

      it("aggregates over no rows: count 0, the rest null", async () => {
        const { Band } = f;
        const row = await Band.select(Count(), Sum(Band.c.popularity), Avg(Band.c.popularity), Max(Band.c.popularity))
          .where(Band.c.popularity.gt(10_000))
          .first();
        expect(row).to.deep.equal({ count: 0, sum: null, avg: null, max: null });
      });

      it("compare aggregates in orderBy, and group by the table's own column", async () => {
        const { Band } = f;
        const rows = await Band.select(Band.c.popularity, Count().as("n"))
          .groupBy(Band.c.popularity)
          .orderBy(Band.c.popularity);
        expect(rows).to.deep.equal([
          { popularity: 10, n: 2 },
          { popularity: 1000, n: 1 },
          { popularity: 2000, n: 1 },
        ]);
      });
    });

    describe("functions", () => {
      it("Upper, Lower, Length, Concat in select", async () => {
        const { Band } = f;
        const row = await Band.select(
          Upper(Band.c.name),
          Lower(Band.c.name),
          Length(Band.c.name),
          Concat(Band.c.name, " / ", Band.c.manager.name).as("label"),
        )
          .where(Band.c.id.eq(k.band.Pythonistas))
          .first();
        expect(row).to.deep.equal({
          upper: "PYTHONISTAS",
          lower: "pythonistas",
          length: 11,
          label: "Pythonistas / Guido",
        });
      });

      it("Concat treats NULL as empty text and Coalesce falls back", async () => {
        const { Band } = f;
        const row = await Band.select(
          Concat(Band.c.name, "+", Band.c.manager.name).as("label"),
          Coalesce(Band.c.manager.name, "nobody").as("manager"),
        )
          .where(Band.c.name.eq("Lonely Hearts"))
          .first();
        expect(row).to.deep.equal({ label: "Lonely Hearts+", manager: "nobody" });
      });

      it("functions in where and orderBy", async () => {
        const { Band } = f;
        const rows = await Band.select(Band.c.name)
          .where(Upper(Band.c.name).eq("RUSTACEANS"))
          .orderBy(Length(Band.c.name));
        expect(rows).to.deep.equal([{ name: "Rustaceans" }]);
        const byLength = await Band.select(Band.c.name).orderBy(Length(Band.c.name).desc(), Band.c.name);
        expect(byLength.map((r) => r.name)).to.deep.equal(["Lonely Hearts", "Pythonistas", "Rustaceans", "C-Sharps"]);
      });

      it("Cast to text, Round, and Extract date parts", async () => {
        const { Band, Concert, Ticket } = f;
        expect(
          await Band.select(Cast(Band.c.popularity, Text()).as("text")).where(Band.c.id.eq(k.band.Pythonistas)).first(),
        ).to.deep.equal({ text: "1000" });
        expect(
          await Ticket.select(Round(Ticket.c.price, 0).as("rounded")).where(Ticket.c.price.eq("75.50")).first(),
        ).to.deep.equal({ rounded: 76 });
        const parts = await Concert.select(
          Extract("year", Concert.c.startsAt).as("year"),
          Extract("month", Concert.c.startsAt).as("month"),
          Extract("hour", Concert.c.startsAt).as("hour"),
        ).orderBy(Concert.c.id);
        expect(parts).to.deep.equal([
          { year: 2025, month: 6, hour: 19 },
          { year: 2025, month: 7, hour: 20 },
        ]);
        expect(await Concert.count().where(Extract("month", Concert.c.startsAt).eq(7))).to.equal(1);
      });

      it("arithmetic results can be selected", async () => {
        const { Band } = f;
        expect(
          await Band.select(Band.c.popularity.plus(5).as("boosted")).where(Band.c.id.eq(k.band.Pythonistas)).first(),
        ).to.deep.equal({ boosted: 1005 });
      });

      it("refuses an unknown date part and wrong arguments", () => {
        const { Concert } = f;
        expect(() => Extract("week" as never, Concert.c.startsAt)).to.throw(/no part "week"/);
        expect(() => Upper("x" as never)).to.throw(/expects a column or expression/);
        expect(() => Concat(Concert.c.id as never)).to.throw(/at least two parts/);
      });
    });
  },
  { also: ["sqlite3"] },
);
