import { expect } from "chai";
import { OrmError, SelectRaw } from "../../lib";
import { caught } from "../support/assertions";
import { describeEachEngine } from "../support/engines";
import { useSampleData } from "../support/fixtures";
import { expectKey, sampleKeys } from "../support/keys";

// Bands: Pythonistas (Guido, 1000), Rustaceans (Graydon, 2000), C-Sharps (Mads, 10).
describeEachEngine("Piccolo conveniences", (ctx) => {
  const f = useSampleData(ctx, { perTest: true });
  // The sample rows' keys by name (1, 2, 3… where keys are sequential, checked so).
  let k: Awaited<ReturnType<typeof sampleKeys>>;
  beforeEach(async () => {
    k = await sampleKeys(ctx, f);
  });

  it("objects().create(values) inserts one row per run and resolves to its saved instance", async () => {
    const { Band } = f;
    const create = Band.objects().create({ name: "Gophers" });
    const gophers = await create;
    expect(gophers).to.be.instanceOf(Band);
    expect(gophers.popularity).to.equal(0);
    expectKey(ctx, gophers.id, 4);
    gophers.popularity = 7;
    await gophers.save();
    expect((await Band.objects().get(Band.c.id.eq(gophers.id)))!.popularity).to.equal(7);
    const again = await create;
    expectKey(ctx, again.id, 5);
    expect(again.id).to.not.equal(gophers.id);
    expect(await Band.count().where(Band.c.name.eq("Gophers"))).to.equal(2);
    expect(() => Band.objects().create({ nme: "x" } as never)).to.throw(OrmError, /nme/);
  });

  it("updateSelf sets values computed by the database and takes them", async () => {
    const { Band } = f;
    const band = (await Band.objects().get(Band.c.name.eq("Pythonistas")))!;
    const same = await band.updateSelf({ popularity: Band.c.popularity.plus(5), name: "Py" });
    expect(same).to.equal(band);
    expect(band.popularity).to.equal(1005);
    expect(band.name).to.equal("Py");
    expect(await Band.select(Band.c.popularity).where(Band.c.id.eq(band.id)).first()).to.deep.equal({
      popularity: 1005,
    });
    expect((await Band.objects().get(Band.c.name.eq("Rustaceans")))!.popularity).to.equal(2000);
    const error = await caught(() => new Band({ name: "unsaved" }).updateSelf({ popularity: 1 }));
    expect(error.message).to.match(/save\(\) it first/);
  });

  it("onConflict({ where }) updates only the existing rows that match", async () => {
    const { Band, Manager } = f;
    await Manager.raw("CREATE UNIQUE INDEX band_name_unique ON band (name)");
    const upsert = (name: string, popularity: number) =>
      Band.insert({ name, popularity }).onConflict({
        target: Band.c.name,
        action: "doUpdate",
        values: [Band.c.popularity],
        where: Band.c.popularity.lt(1500),
      });
    expect(upsert("Pythonistas", 1200).toSQL().sql).to.match(
      /DO UPDATE SET "popularity" = EXCLUDED\."popularity" WHERE "band"\."popularity" < /,
    );
    await upsert("Pythonistas", 1200);
    await upsert("Rustaceans", 1);
    const rows = await Band.select(Band.c.name, Band.c.popularity)
      .where(Band.c.name.isIn(["Pythonistas", "Rustaceans"]))
      .orderBy(Band.c.name);
    expect(rows).to.deep.equal([
      { name: "Pythonistas", popularity: 1200 },
      { name: "Rustaceans", popularity: 2000 },
    ]);
    expect(() =>
      Band.insert({ name: "x" }).onConflict({
        target: Band.c.name,
        action: "doNothing",
        where: Band.c.popularity.lt(1),
      }),
    ).to.throw(OrmError, /doUpdate/);
  });

  it("insert().add() adds rows to the same statement; the builder stays immutable", async () => {
    const { Band } = f;
    const one = Band.insert({ name: "A" });
    const two = one.add({ name: "B", popularity: 2 }, new Band({ name: "C" }));
    expect(one.toSQL().params).to.have.length(3);
    const keys = await two;
    expect(keys).to.have.length(3);
    expect(await Band.count().where(Band.c.name.isIn(["A", "B", "C"]))).to.equal(3);
    expect(() => one.add({ nope: 1 } as never)).to.throw(OrmError, /nope/);
  });

  it("select().columns() replaces the default columns, or adds to the named ones", async () => {
    const { Band } = f;
    const named = await Band.select().columns(Band.c.name).where(Band.c.id.eq(k.band.Pythonistas));
    expect(named).to.deep.equal([{ name: "Pythonistas" }]);
    const more = await Band.select(Band.c.name)
      .columns(Band.c.manager.name, Band.c.name)
      .where(Band.c.id.eq(k.band.Pythonistas));
    expect(more).to.deep.equal([{ name: "Pythonistas", "manager.name": "Guido" }]);
    expect(() => Band.select().first().columns(Band.c.name)).to.throw(OrmError, /before first/);
  });

  it("SelectRaw selects SQL with bound parameters", async () => {
    const { Band } = f;
    const row = await Band.select(Band.c.name, SelectRaw<number>("popularity * {}", 3).as("triple"))
      .where(Band.c.id.eq(k.band["C-Sharps"]))
      .first();
    // SQL text has no column type to decode by: CockroachDB's INT8 (its INTEGER) arrives as the driver's digits.
    expect(row).to.deep.equal({ name: "C-Sharps", triple: ctx.name === "cockroach" ? "30" : 30 });
  });

  it("objects().get(a, b) ANDs its conditions", async () => {
    const { Band } = f;
    expect(await Band.objects().get(Band.c.name.eq("Pythonistas"), Band.c.popularity.gt(5000))).to.equal(null);
    const band = await Band.objects().get(Band.c.name.eq("Pythonistas"), Band.c.popularity.gt(500));
    expect(band!.name).to.equal("Pythonistas");
  });
});
