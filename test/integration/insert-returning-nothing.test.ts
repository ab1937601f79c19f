import { expect } from "chai";
import { describeEachEngine } from "../support/engines";
import { useSampleData } from "../support/fixtures";

describeEachEngine(
  "insert().returning() with no columns",
  (ctx) => {
    const f = useSampleData(ctx, { perTest: true });

    it("sends no RETURNING clause and resolves to an empty list", async () => {
      const { Band } = f;
      const query = Band.insert({ name: "Gophers", popularity: 5 }, { name: "Crabs", popularity: 7 }).returning();
      expect(query.toSQL().sql).not.to.contain("RETURNING");
      expect(await query).to.deep.equal([]);
      const stored = await Band.select(Band.c.name, Band.c.popularity).where(Band.c.id.gt(3)).orderBy(Band.c.id);
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
      expect(gophers.id).to.equal(4);
      gophers.popularity = 6;
      await gophers.save();
      expect(await Band.select(Band.c.popularity).where(Band.c.id.eq(4)).first()).to.deep.equal({ popularity: 6 });
    });

    it("keeps returning the keys by default", async () => {
      const { Band } = f;
      expect(await Band.insert({ name: "Gophers", popularity: 5 })).to.deep.equal([{ id: 4 }]);
    });
  },
  { requires: ["sequentialKeys"] },
);
