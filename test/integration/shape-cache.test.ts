import { expect } from "chai";
import { caught } from "../support/assertions";
import { describeEachEngine } from "../support/engines";
import { useSampleData } from "../support/fixtures";
import { keyParam, sampleKeys } from "../support/keys";

describeEachEngine("compiled SQL reused per query shape", (ctx) => {
  const f = useSampleData(ctx, { perTest: true });
  // The sample rows' keys by name (1, 2, 3… where keys are sequential, checked so).
  let k: Awaited<ReturnType<typeof sampleKeys>>;
  beforeEach(async () => {
    k = await sampleKeys(ctx, f);
  });

  it("gives each value of one `column op value` shape its own parameters and rows", async () => {
    const { Band } = f;
    const lookup = (id: number) => Band.select().where(Band.c.id.eq(id)).first();
    const [one, two] = [lookup(1).toSQL(), lookup(2).toSQL()];
    expect(one.sql).to.equal(two.sql);
    expect(one.params).to.deep.equal([keyParam(ctx, 1)]);
    expect(two.params).to.deep.equal([keyParam(ctx, 2)]);
    expect((await lookup(k.band.Rustaceans))?.name).to.equal("Rustaceans");
    expect((await lookup(k.band.Pythonistas))?.name).to.equal("Pythonistas");
    expect(await lookup(99)).to.equal(null);
  });

  it("keeps shapes apart: other columns, operators, selections, first() and limit", async () => {
    const { Band } = f;
    expect(await Band.select(Band.c.name).where(Band.c.popularity.gt(100)).orderBy(Band.c.name)).to.deep.equal([
      { name: "Pythonistas" },
      { name: "Rustaceans" },
    ]);
    expect(await Band.select(Band.c.name).where(Band.c.popularity.lt(100))).to.deep.equal([{ name: "C-Sharps" }]);
    expect(await Band.select(Band.c.id).where(Band.c.popularity.lt(100))).to.deep.equal([{ id: k.band["C-Sharps"] }]);
    expect(await Band.select(Band.c.name).where(Band.c.name.eq("Rustaceans")).first()).to.deep.equal({
      name: "Rustaceans",
    });
    expect(await Band.select(Band.c.name).where(Band.c.popularity.gt(0)).limit(1)).to.have.length(1);
    expect(await Band.select(Band.c.name).where(Band.c.popularity.gt(0))).to.have.length(3);
    expect(
      await Band.select(Band.c.name, Band.c.manager.name).where(Band.c.id.eq(k.band["C-Sharps"])).first(),
    ).to.deep.equal({
      name: "C-Sharps",
      "manager.name": "Mads",
    });
  });

  it("reuses objects().get()'s SQL per shape, each call with its own value and instance", async () => {
    const { Band } = f;
    const get = (id: number) => Band.objects().get(Band.c.id.eq(id));
    const [one, two] = [get(1).toSQL(), get(2).toSQL()];
    expect(one.sql).to.equal(two.sql);
    expect([one.params, two.params]).to.deep.equal([[keyParam(ctx, 1)], [keyParam(ctx, 2)]]);
    const band = await get(k.band.Rustaceans);
    expect(band).to.be.instanceOf(Band);
    expect(band?.name).to.equal("Rustaceans");
    expect((await get(k.band.Pythonistas))?.name).to.equal("Pythonistas");
    expect(await get(99)).to.equal(null);
  });

  it("reuses an insert's SQL per table, columns, row count and RETURNING, with each call's values", async () => {
    const { Band } = f;
    const row = (name: string, manager: number | null) => ({ name, manager, popularity: 7 });
    const a = Band.insert(row("A", 1)).toSQL();
    const b = Band.insert(row("B", null)).toSQL();
    expect(a.sql).to.equal(b.sql);
    expect([a.params, b.params]).to.deep.equal([
      ["A", keyParam(ctx, 1), 7],
      ["B", null, 7],
    ]);
    expect(Band.insert(row("A", 1), row("B", 2)).toSQL().sql).to.not.equal(a.sql);
    expect(Band.insert(row("A", 1)).returning().toSQL().sql).to.not.match(/RETURNING/);
    expect(a.sql).to.match(/RETURNING/);
    const [first] = await Band.insert(row("Cached one", k.manager.Guido));
    const [second] = await Band.insert(row("Cached two", null));
    expect(second!.id).to.not.equal(first!.id);
    expect(
      await Band.insert(row("Cached three", k.manager.Graydon), row("Cached four", k.manager.Guido)).returning(),
    ).to.deep.equal([]);
    const stored = await Band.select(Band.c.name, Band.c.manager).where(Band.c.name.like("Cached%")).orderBy(Band.c.id);
    expect(stored).to.deep.equal([
      { name: "Cached one", manager: k.manager.Guido },
      { name: "Cached two", manager: null },
      { name: "Cached three", manager: k.manager.Graydon },
      { name: "Cached four", manager: k.manager.Guido },
    ]);
  });

  it("reuses the SQL of update and delete by `column op value`, touching only the rows named", async () => {
    const { Band } = f;
    const setPopularity = (id: number, popularity: number) => Band.update({ popularity }).where(Band.c.id.eq(id));
    const [one, two] = [setPopularity(1, 5).toSQL(), setPopularity(2, 6).toSQL()];
    expect(one.sql).to.equal(two.sql);
    expect([one.params, two.params]).to.deep.equal([
      [5, keyParam(ctx, 1)],
      [6, keyParam(ctx, 2)],
    ]);
    expect(await setPopularity(k.band.Pythonistas, 11)).to.equal(1);
    expect(await setPopularity(k.band.Rustaceans, 22)).to.equal(1);
    expect(await Band.select(Band.c.id, Band.c.popularity).orderBy(Band.c.id)).to.deep.equal([
      { id: k.band.Pythonistas, popularity: 11 },
      { id: k.band.Rustaceans, popularity: 22 },
      { id: k.band["C-Sharps"], popularity: 10 },
    ]);
    const remove = (id: number) => Band.delete().where(Band.c.id.eq(id));
    expect(remove(1).toSQL().sql).to.equal(remove(2).toSQL().sql);
    expect(await remove(k.band["C-Sharps"])).to.equal(1);
    expect(await remove(k.band["C-Sharps"])).to.equal(0);
    expect(await Band.count()).to.equal(2);
  });

  it("still refuses a bad value in a cached update shape and changes nothing", async () => {
    const { Band } = f;
    await Band.update({ popularity: 1 }).where(Band.c.id.eq(k.band.Pythonistas));
    const bad = Band.update({ popularity: "many" as unknown as number }).where(Band.c.id.eq(k.band.Rustaceans));
    const error = await caught(() => bad);
    expect(error.name).to.equal("ValidationError");
    expect(error.message).to.match(/popularity/);
    expect(await Band.select(Band.c.popularity).where(Band.c.id.eq(k.band.Rustaceans)).first()).to.deep.equal({
      popularity: 2000,
    });
  });
});
