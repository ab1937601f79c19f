import { expect } from "chai";
import { OrmError, Related } from "../../lib";
import { describeEachEngine } from "../support/engines";
import { useSampleData } from "../support/fixtures";

// Managers: Guido (Pythonistas 1000), Graydon (Rustaceans 2000, Ferris 5), Mads (C-Sharps 10), Nobody (none).
describeEachEngine("reverse foreign keys in select", (ctx) => {
  const f = useSampleData(ctx, {
    extra: async (f) => {
      const graydon = await f.Manager.select(f.Manager.c.id).where(f.Manager.c.name.eq("Graydon")).first();
      await f.Band.insert({ name: "Ferris", manager: graydon!.id, popularity: 5 });
      await f.Manager.insert({ name: "Nobody" });
    },
  });

  it("a column of the rows pointing at each row, as an array in one query", async () => {
    const { Manager, Band } = f;
    const query = Manager.select(Manager.c.name, Related(Band.c.manager, Band.c.name).as("bands")).orderBy(
      Manager.c.name,
    );
    expect(await query).to.deep.equal([
      { name: "Graydon", bands: ["Rustaceans", "Ferris"] },
      { name: "Guido", bands: ["Pythonistas"] },
      { name: "Mads", bands: ["C-Sharps"] },
      { name: "Nobody", bands: [] },
    ]);
  });

  it("ordered by the given order, then the key; several columns as objects, each decoded as its column", async () => {
    const { Manager, Band } = f;
    const rows = await Manager.select(
      Manager.c.name,
      Related(Band.c.manager, [Band.c.name, Band.c.popularity], { orderBy: Band.c.popularity.desc() }),
    )
      .where(Manager.c.name.eq("Graydon"))
      .first();
    expect(rows).to.deep.equal({
      name: "Graydon",
      related: [
        { name: "Rustaceans", popularity: 2000 },
        { name: "Ferris", popularity: 5 },
      ],
    });
  });

  it("columns reached through the related rows' own foreign keys", async () => {
    const { Band, Concert } = f;
    const rows = await Band.select(
      Band.c.name,
      Related(Concert.c.band1, Concert.c.venue.name).as("venues"),
      Related(Concert.c.band1, Concert.c.startsAt).as("dates"),
    ).where(Band.c.name.eq("Rustaceans"));
    expect(rows[0]!.venues).to.deep.equal(["Garage"]);
    expect(rows[0]!.dates).to.have.length(1);
    expect((rows[0]!.dates[0] as Date).toISOString()).to.equal("2025-07-01T20:30:00.000Z");
  });

  it("refuses what is not a foreign key, and columns of another table", () => {
    const { Band, Venue } = f;
    expect(() => Related(Band.c.name as never, Band.c.name)).to.throw(OrmError, /foreign key/);
    expect(() => Related(Band.c.manager, Venue.c.name as never)).to.throw(OrmError);
  });
});
