import { expect } from "chai";
import { OrmError, type QueryLogEntry } from "../../lib";
import { describeEachEngine } from "../support/engines";
import { useSampleData } from "../support/fixtures";
import { sampleKeys } from "../support/keys";

// prefetchReverse(): a page of managers gets its bands in one extra query (an IN list of the page's
// keys), counted with the engine's query log, and getReverse() then answers from it.
describeEachEngine("reverse prefetch without N+1", (ctx) => {
  // Sample data: managers Guido, Graydon, Mads (keys 1, 2, 3 where sequential) with one band each; Guido gets two more
  // bands and a fourth manager none.
  const f = useSampleData(ctx, {
    perTest: true,
    extra: async (f) => {
      await f.Manager.insert({ name: "Nobody" });
      const guido = (await f.Manager.select(f.Manager.c.id).where(f.Manager.c.name.eq("Guido")).first())!.id;
      await f.Band.insert(
        { name: "Zebras", manager: guido, popularity: 1 },
        { name: "Aardvarks", manager: guido, popularity: 2 },
      );
    },
  });
  const log: QueryLogEntry[] = [];
  beforeEach(() => {
    ctx.engine.setLog((entry) => log.push(entry));
    log.length = 0;
  });
  afterEach(() => ctx.engine.setLog(false));

  it("loads a page's bands in one extra query; getReverse() then needs none and matches its own query", async () => {
    const { Manager, Band } = f;
    const managers = await Manager.objects().orderBy(Manager.c.id).prefetchReverse(Band.c.manager);
    expect(log).to.have.length(2);
    expect(log[1]!.sql).to.match(/FROM "band" WHERE "band"\."manager" IN \(/);
    const names = async () =>
      Promise.all(managers.map(async (m) => (await m.getReverse(Band.c.manager)).map((b) => b.name)));
    const prefetched = await names();
    expect(log).to.have.length(2);
    expect(prefetched).to.deep.equal([["Pythonistas", "Zebras", "Aardvarks"], ["Rustaceans"], ["C-Sharps"], []]);
    // The same lists, in the same order, as getReverse() queries without the prefetch.
    const fresh = await Manager.objects().orderBy(Manager.c.id);
    log.length = 0;
    const queried = await Promise.all(fresh.map(async (m) => (await m.getReverse(Band.c.manager)).map((b) => b.name)));
    expect(queried).to.deep.equal(prefetched);
    expect(log).to.have.length(4);
    const bands = await managers[0]!.getReverse(Band.c.manager);
    expect(bands[0]).to.be.instanceOf(Band);
  });

  it("one extra query per reverse relation, whatever the page size", async () => {
    const { Manager, Band, Concert } = f;
    const { concert } = await sampleKeys(ctx, f);
    for (let i = 0; i < 30; i++) await Manager.insert({ name: `m${i}` });
    log.length = 0;
    const page = await Manager.objects().orderBy(Manager.c.id).limit(25).prefetchReverse(Band.c.manager);
    expect(page).to.have.length(25);
    expect(log).to.have.length(2);
    log.length = 0;
    const bands = await Band.objects()
      .orderBy(Band.c.id)
      .prefetch(Band.c.manager)
      .prefetchReverse(Concert.c.band1, Concert.c.band2);
    expect(log.map((e) => e.sql.match(/FROM "(\w+)"/)?.[1])).to.deep.equal(["band", "manager", "concert", "concert"]);
    const rustaceans = bands.find((b) => b.name === "Rustaceans")!;
    const [asFirst, asSecond] = [
      await rustaceans.getReverse(Concert.c.band1),
      await rustaceans.getReverse(Concert.c.band2),
    ];
    expect([asFirst.map((c) => c.id), asSecond.map((c) => c.id)]).to.deep.equal([[concert[1]], [concert[0]]]);
    expect((await rustaceans.getRelated(Band.c.manager))?.name).to.equal("Graydon");
    expect(log).to.have.length(4);
  });

  it("no query when the page is empty; batch() prefetches per chunk", async () => {
    const { Manager, Band } = f;
    expect(await Manager.objects().where(Manager.c.id.lt(0)).prefetchReverse(Band.c.manager)).to.deep.equal([]);
    expect(log).to.have.length(1);
    log.length = 0;
    const counts: number[] = [];
    for await (const chunk of Manager.objects()
      .orderBy(Manager.c.id)
      .prefetchReverse(Band.c.manager)
      .batch({ size: 2 }))
      for (const m of chunk) counts.push((await m.getReverse(Band.c.manager)).length);
    expect(counts).to.deep.equal([3, 1, 1, 0]);
    const prefetchQueries = log.filter((e) => /FROM "band"/.test(e.sql));
    expect(prefetchQueries).to.have.length(2);
  });

  it("a list is the instance's own copy, and a changed key is looked up again", async () => {
    const { Manager, Band } = f;
    const { manager } = await sampleKeys(ctx, f);
    const [guido] = await Manager.objects().orderBy(Manager.c.id).limit(1).prefetchReverse(Band.c.manager);
    (await guido!.getReverse(Band.c.manager)).length = 0;
    expect(await guido!.getReverse(Band.c.manager)).to.have.length(3);
    log.length = 0;
    guido!.id = manager.Graydon;
    expect((await guido!.getReverse(Band.c.manager)).map((b) => b.name)).to.deep.equal(["Rustaceans"]);
    expect(log).to.have.length(1);
  });

  it("refuses what is not a foreign key pointing at the table, and paths", () => {
    const { Manager, Band, Concert } = f;
    const refused = /prefetchReverse\(\) expects foreign keys of other tables that point at Manager/;
    expect(() => Manager.objects().prefetchReverse(Band.c.name as never)).to.throw(OrmError, refused);
    expect(() => Manager.objects().prefetchReverse(Concert.c.band1 as never)).to.throw(OrmError, refused);
    expect(() => Manager.objects().prefetchReverse(Concert.c.band1.manager as never)).to.throw(OrmError, refused);
  });
});
