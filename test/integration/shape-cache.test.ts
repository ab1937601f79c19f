import { expect } from "chai";
import { describeEachEngine } from "../support/engines";
import { useSampleData } from "../support/fixtures";

describeEachEngine(
  "compiled SQL reused per query shape",
  (ctx) => {
    const f = useSampleData(ctx);

    it("gives each value of one `column op value` shape its own parameters and rows", async () => {
      const { Band } = f;
      const lookup = (id: number) => Band.select().where(Band.c.id.eq(id)).first();
      const [one, two] = [lookup(1).toSQL(), lookup(2).toSQL()];
      expect(one.sql).to.equal(two.sql);
      expect(one.params).to.deep.equal([1]);
      expect(two.params).to.deep.equal([2]);
      expect((await lookup(2))?.name).to.equal("Rustaceans");
      expect((await lookup(1))?.name).to.equal("Pythonistas");
      expect(await lookup(99)).to.equal(null);
    });

    it("keeps shapes apart: other columns, operators, selections, first() and limit", async () => {
      const { Band } = f;
      expect(await Band.select(Band.c.name).where(Band.c.popularity.gt(100)).orderBy(Band.c.name)).to.deep.equal([
        { name: "Pythonistas" },
        { name: "Rustaceans" },
      ]);
      expect(await Band.select(Band.c.name).where(Band.c.popularity.lt(100))).to.deep.equal([{ name: "C-Sharps" }]);
      expect(await Band.select(Band.c.id).where(Band.c.popularity.lt(100))).to.deep.equal([{ id: 3 }]);
      expect(await Band.select(Band.c.name).where(Band.c.name.eq("Rustaceans")).first()).to.deep.equal({
        name: "Rustaceans",
      });
      expect(await Band.select(Band.c.name).where(Band.c.popularity.gt(0)).limit(1)).to.have.length(1);
      expect(await Band.select(Band.c.name).where(Band.c.popularity.gt(0))).to.have.length(3);
      expect(await Band.select(Band.c.name, Band.c.manager.name).where(Band.c.id.eq(3)).first()).to.deep.equal({
        name: "C-Sharps",
        "manager.name": "Mads",
      });
    });
  },
  { requires: ["sequentialKeys"] },
);
