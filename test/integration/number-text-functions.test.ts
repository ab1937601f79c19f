import { expect } from "chai";
import {
  Abs,
  Cast,
  Ceil,
  DoublePrecision,
  Floor,
  Ltrim,
  NullIf,
  OrmError,
  Replace,
  Reverse,
  Rtrim,
  Substring,
  Trim,
  UnsupportedFeatureError,
} from "../../lib";
import { describeEachEngine, onlyEngines } from "../support/engines";
import { useSampleData } from "../support/fixtures";

// Bands: Pythonistas (1000), Rustaceans (2000), C-Sharps (10); "  padded  " (-7). Venues: Arena (1000), Garage (null).
describeEachEngine("number and text functions", (ctx) => {
  const f = useSampleData(ctx, {
    extra: (f) => f.Band.insert({ name: "  padded  ", manager: null, popularity: -7 }),
  });

  it("Abs, Ceil and Floor of integers, of fractions and of null", async () => {
    const { Band, Venue } = f;
    const rows = await Band.select(Abs(Band.c.popularity), Ceil(Band.c.popularity), Floor(Band.c.popularity))
      .where(Band.c.popularity.lt(0))
      .first();
    expect(rows).to.deep.equal({ abs: 7, ceil: -7, floor: -7 });
    const garage = await Venue.select(Ceil(Venue.c.capacity), Abs(Venue.c.capacity))
      .where(Venue.c.name.eq("Garage"))
      .first();
    expect(garage).to.deep.equal({ ceil: null, abs: null });
    // Fractions, positive and negative: the emulation on SQLite agrees with PostgreSQL.
    const ratio = Cast(Band.c.popularity, DoublePrecision()).divide(400);
    const half = await Band.select(Ceil(ratio).as("up"), Floor(ratio).as("down"))
      .where(Band.c.name.eq("Pythonistas"))
      .first();
    expect(half).to.deep.equal({ up: 3, down: 2 });
    const negative = await Band.select(Ceil(ratio.times(-1)).as("up"), Floor(ratio.times(-1)).as("down"))
      .where(Band.c.name.eq("Pythonistas"))
      .first();
    expect(negative).to.deep.equal({ up: -2, down: -3 });
  });

  it("Trim, Ltrim, Rtrim, Replace, Substring", async () => {
    const { Band } = f;
    const padded = await Band.select(Trim(Band.c.name), Ltrim(Band.c.name), Rtrim(Band.c.name))
      .where(Band.c.popularity.eq(-7))
      .first();
    expect(padded).to.deep.equal({ trim: "padded", ltrim: "padded  ", rtrim: "  padded" });
    const row = await Band.select(
      Replace(Band.c.name, "istas", "ers"),
      Substring(Band.c.name, 3),
      Substring(Band.c.name, 1, 2).as("head"),
      Trim(Band.c.name, "P").as("stripped"),
    )
      .where(Band.c.name.eq("Pythonistas"))
      .first();
    expect(row).to.deep.equal({ replace: "Pythoners", substring: "thonistas", head: "Py", stripped: "ythonistas" });
    const found = await Band.select(Band.c.name).where(Substring(Band.c.name, 1, 1).eq("R"));
    expect(found).to.deep.equal([{ name: "Rustaceans" }]);
  });

  it("NullIf gives null when the values are equal", async () => {
    const { Band } = f;
    const rows = await Band.select(NullIf(Band.c.popularity, 10).as("p"))
      .where(Band.c.popularity.between(10, 1000))
      .orderBy(Band.c.popularity);
    expect(rows).to.deep.equal([{ p: null }, { p: 1000 }]);
  });

  it("functions refuse columns of the wrong kind", () => {
    const { Band } = f;
    expect(() => Trim(Band.c.popularity as never)).to.throw(OrmError, /Trim\(\) works on Varchar/);
    expect(() => Abs(Band.c.name as never)).to.throw(OrmError, /Abs\(\) works on Integer/);
    expect(() => Substring(Band.c.name, 1.5)).to.throw(OrmError);
  });

  it("Reverse on PostgreSQL (postgres only)", async function () {
    onlyEngines(this, ctx, "postgres");
    const { Band } = f;
    expect(await Band.select(Reverse(Band.c.name)).where(Band.c.id.eq(1)).first()).to.deep.equal({
      reverse: "satsinohtyP",
    });
  });

  it("Reverse is refused by SQLite when the query compiles (sqlite only)", function () {
    onlyEngines(this, ctx, "sqlite");
    const { Band } = f;
    const query = Band.select(Reverse(Band.c.name));
    expect(() => query.toSQL()).to.throw(UnsupportedFeatureError, /SQLite has no reverse\(\)/);
  });
});
