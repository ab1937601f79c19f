import { expect } from "chai";
import { Case, OrmError, When } from "../../lib";
import { describeEachEngine } from "../support/engines";
import { useSampleData } from "../support/fixtures";

// Bands: Pythonistas (1000), Rustaceans (2000), C-Sharps (10).
describeEachEngine("Case and When", (ctx) => {
  const f = useSampleData(ctx);

  it("the first matching WHEN's value, else the fallback, typed and decoded on both engines", async () => {
    const { Band } = f;
    const rows = await Band.select(
      Band.c.name,
      Case([When(Band.c.popularity.gte(2000), "star"), When(Band.c.popularity.gte(1000), "known")], "newcomer").as(
        "rank",
      ),
      Case([When(Band.c.popularity.gte(1000), 1)], 0).as("score"),
      Case([When(Band.c.popularity.gte(1000), true)], false).as("popular"),
      Case([When(Band.c.popularity.lt(100), Band.c.name)]).as("small"),
    ).orderBy(Band.c.popularity);
    expect(rows).to.deep.equal([
      { name: "C-Sharps", rank: "newcomer", score: 0, popular: false, small: "C-Sharps" },
      { name: "Pythonistas", rank: "known", score: 1, popular: true, small: null },
      { name: "Rustaceans", rank: "star", score: 1, popular: true, small: null },
    ]);
  });

  it("in where and orderBy", async () => {
    const { Band } = f;
    const order = Case([When(Band.c.name.eq("C-Sharps"), 0)], 1);
    const rows = await Band.select(Band.c.name).where(order.eq(1)).orderBy(order, Band.c.name);
    expect(rows).to.deep.equal([{ name: "Pythonistas" }, { name: "Rustaceans" }]);
  });

  it("refuses an empty list and what is not a When()", () => {
    const { Band } = f;
    expect(() => Case([])).to.throw(OrmError);
    expect(() => Case([Band.c.name.eq("x") as never])).to.throw(OrmError);
    expect(() => When("x" as never, 1)).to.throw(OrmError);
  });
});
