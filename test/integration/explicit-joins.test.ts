import { expect } from "chai";
import { Count, OrmError } from "../../lib";
import { describeEachEngine } from "../support/engines";
import { useSampleData } from "../support/fixtures";
import { sampleKeys } from "../support/keys";

// Bands: Pythonistas (Guido, 1000), Rustaceans (Graydon, 2000), C-Sharps (Mads, 10).
// Concerts: 1 Pythonistas + Rustaceans at Arena (capacity 1000), 2 Rustaceans + C-Sharps at Garage (capacity null).
describeEachEngine("explicit joins", (ctx) => {
  const f = useSampleData(ctx);
  // The sample rows' keys by name (1, 2, 3… where keys are sequential, checked so).
  let k: Awaited<ReturnType<typeof sampleKeys>>;
  before(async () => {
    k = await sampleKeys(ctx, f);
  });

  it("inner-joins on any columns and selects the joined table's columns", async () => {
    const { Band, Concert } = f;
    const rows = await Band.select(Band.c.name)
      .join(Concert, Concert.c.band1, Band.c.id)
      .columns(Concert.c.startsAt)
      .orderBy(Band.c.name);
    expect(rows).to.deep.equal([
      { name: "Pythonistas", startsAt: new Date("2025-06-01T19:00:00Z") },
      { name: "Rustaceans", startsAt: new Date("2025-07-01T20:30:00Z") },
    ]);
  });

  it("left-joins: rows without a match keep null columns", async () => {
    const { Band, Concert } = f;
    const query = Band.select(Band.c.name)
      .leftJoin(Concert, Concert.c.band1, Band.c.id)
      .columns(Concert.c.id.as("concert"))
      .orderBy(Band.c.name);
    expect(await query).to.deep.equal([
      { name: "C-Sharps", concert: null },
      { name: "Pythonistas", concert: k.concert[0] },
      { name: "Rustaceans", concert: k.concert[1] },
    ]);
    expect(query.toSQL().sql).to.contain('LEFT JOIN "concert" ON "concert"."band1" = "band"."id"');
  });

  it("ANDs extra conditions on the joined table into ON, keeping unmatched rows of a left join", async () => {
    const { Band, Concert } = f;
    const rows = await Band.select(Band.c.name)
      .leftJoin(Concert, Concert.c.band1, Band.c.id, Concert.c.startsAt.gt(new Date("2025-06-15T00:00:00Z")))
      .columns(Concert.c.startsAt)
      .orderBy(Band.c.name);
    expect(rows).to.deep.equal([
      { name: "C-Sharps", startsAt: null },
      { name: "Pythonistas", startsAt: null },
      { name: "Rustaceans", startsAt: new Date("2025-07-01T20:30:00Z") },
    ]);
  });

  it("chains joins, filters, orders and groups by joined columns, with their foreign keys traversed", async () => {
    const { Band, Concert, Venue } = f;
    const rows = await Band.select(Band.c.name, Count().as("shows"))
      .join(Concert, Concert.c.band2, Band.c.id)
      .join(Venue, Venue.c.id, Concert.c.venue)
      .columns(Venue.c.name.as("venue"), Concert.c.band1.name.as("headliner"))
      .where(Venue.c.capacity.isNull().or(Venue.c.capacity.gte(500)))
      .groupBy(Band.c.name, Venue.c.name, Concert.c.band1.name)
      .having(Count().gte(1))
      .orderBy(Venue.c.name.desc());
    expect(rows).to.deep.equal([
      { name: "C-Sharps", shows: 1, venue: "Garage", headliner: "Rustaceans" },
      { name: "Rustaceans", shows: 1, venue: "Arena", headliner: "Pythonistas" },
    ]);
  });

  it("joins on a non-key column", async () => {
    const { Band, Venue } = f;
    await Venue.insert({ name: "Pythonistas", capacity: 7 });
    try {
      const rows = await Band.select(Band.c.name).join(Venue, Venue.c.name, Band.c.name).columns(Venue.c.capacity);
      expect(rows).to.deep.equal([{ name: "Pythonistas", capacity: 7 }]);
    } finally {
      await Venue.delete().where(Venue.c.name.eq("Pythonistas"));
    }
  });

  it("refuses a column of a table that is not joined, and keys that clash", () => {
    const { Band, Concert, Venue } = f;
    const joined = Band.select(Band.c.name).join(Concert, Concert.c.band1, Band.c.id);
    expect(() => joined.where(Venue.c.capacity.gt(1) as never)).to.throw(OrmError, /got a column of Venue/);
    expect(() => joined.join(Venue, Venue.c.id, Concert.c.venue).columns(Venue.c.name)).to.throw(
      OrmError,
      /both named "name"/,
    );
  });

  it("refuses a table joined twice, ON parts of other tables and ON through a foreign key", () => {
    const { Band, Concert, Venue, Manager } = f;
    const joined = Band.select(Band.c.name).join(Concert, Concert.c.band1, Band.c.id);
    expect(() => joined.join(Concert, Concert.c.band2, Band.c.id)).to.throw(OrmError, /already reads Concert/);
    expect(() => Band.select().join(Band, Band.c.id, Band.c.id)).to.throw(OrmError, /already reads Band/);
    expect(() => joined.join(Venue, Concert.c.venue as never, Venue.c.id as never)).to.throw(
      OrmError,
      /takes a column of Venue/,
    );
    expect(() => Band.select().join(Venue, Venue.c.id, Manager.c.id as never)).to.throw(OrmError, /a column of Venue/);
    expect(() => Band.select().join(Manager, Manager.c.name, Band.c.manager.name)).to.throw(OrmError, /own columns/);
    expect(() => Band.select().join(Manager, Manager.c.id, Band.c.id, Band.c.name.eq("x") as never)).to.throw(
      OrmError,
      /conditions on Manager/,
    );
  });
});
