import { expect } from "chai";
import { describeEachEngine } from "../support/engines";
import { useSampleData } from "../support/fixtures";
import { expectKey } from "../support/keys";

describeEachEngine("insert().returning() with no columns", (ctx) => {
  const f = useSampleData(ctx, { perTest: true });

  it("sends no RETURNING clause and resolves to an empty list", async () => {
    const { Band } = f;
    // The last sample row's key: the new rows come after it.
    const last = (await Band.select(Band.c.id).orderBy(Band.c.id.desc()).first())?.id;
    expectKey(ctx, last, 3);
    const query = Band.insert({ name: "Gophers", popularity: 5 }, { name: "Crabs", popularity: 7 }).returning();
    expect(query.toSQL().sql).not.to.contain("RETURNING");
    expect(await query).to.deep.equal([]);
    const stored = await Band.select(Band.c.name, Band.c.popularity)
      .where(Band.c.id.gt(last ?? 0))
      .orderBy(Band.c.id);
    expect(stored).to.deep.equal([
      { name: "Gophers", popularity: 5 },
      { name: "Crabs", popularity: 7 },
    ]);
  });

  it("still gives inserted instances their keys, so they can be saved", async () => {
    const { Band } = f;
    const gophers = new Band({ name: "Gophers", popularity: 5 });
    const query = Band.insert(gophers).returning();
    expect(query.toSQL().sql).to.contain("RETURNING");
    expect(await query).to.deep.equal([]);
    expectKey(ctx, gophers.id, 4);
    gophers.popularity = 6;
    await gophers.save();
    expect(await Band.select(Band.c.popularity).where(Band.c.id.eq(gophers.id)).first()).to.deep.equal({
      popularity: 6,
    });
  });

  it("keeps returning the keys by default", async () => {
    const { Band } = f;
    const rows = await Band.insert({ name: "Gophers", popularity: 5 });
    expect(rows).to.have.length(1);
    expect(Object.keys(rows[0]!)).to.deep.equal(["id"]);
    expectKey(ctx, rows[0]!.id, 4);
  });
});
