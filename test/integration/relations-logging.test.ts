import { expect } from "chai";
import { Param, PostgresEngine, SQLiteEngine, type QueryLogEntry } from "../../lib";
import { describeEachEngine, pgConfig } from "../support/engines";
import { makeFixtures } from "../support/fixtures";
import { sampleKeys } from "../support/keys";

describeEachEngine("relations, logging, freeze", (ctx) => {
  let f: ReturnType<typeof makeFixtures>;
  // The sample rows' keys by name (1, 2, 3… where keys are sequential, checked so).
  let k: Awaited<ReturnType<typeof sampleKeys>>;
  const log: QueryLogEntry[] = [];

  before(async () => {
    ctx.engine.setLog((entry) => log.push(entry));
    f = makeFixtures(ctx.engine);
    await f.createTables();
    await f.insertSampleData();
    k = await sampleKeys(ctx, f);
  });
  beforeEach(() => (log.length = 0));
  after(async () => {
    ctx.engine.setLog(false);
    await f?.dropTables();
  });

  describe("prefetch()", () => {
    it("loads each foreign key with one query, and getRelated() then needs none", async () => {
      const { Band } = f;
      const bands = await Band.objects().orderBy(Band.c.id).prefetch(Band.c.manager);
      expect(log).to.have.length(2);
      expect(log[1]!.sql).to.match(/IN \(/);
      const managers = await Promise.all(bands.map((b) => b.getRelated(Band.c.manager)));
      expect(managers.map((m) => m?.name)).to.deep.equal(["Guido", "Graydon", "Mads"]);
      expect(log).to.have.length(2);
    });

    it("follows paths, one query per level, and null keys give null", async () => {
      const { Concert, Band } = f;
      await Concert.insert({ band1: null, band2: null, venue: null, startsAt: new Date() });
      log.length = 0;
      const concerts = await Concert.objects().orderBy(Concert.c.id).prefetch(Concert.c.band1.manager, Concert.c.venue);
      expect(log.map((e) => e.sql.match(/FROM "(\w+)"/)?.[1])).to.deep.equal(["concert", "band", "manager", "venue"]);
      const band = await concerts[0]!.getRelated(Concert.c.band1);
      expect(band?.name).to.equal("Pythonistas");
      expect((await band!.getRelated(Band.c.manager))?.name).to.equal("Guido");
      expect(await concerts[2]!.getRelated(Concert.c.band1)).to.equal(null);
      expect(log).to.have.length(4);
      await Concert.delete().where(Concert.c.band1.isNull());
    });

    it("a key changed after prefetch is looked up again", async () => {
      const { Band } = f;
      const band = (await Band.objects().where(Band.c.id.eq(k.band.Pythonistas)).prefetch(Band.c.manager))[0]!;
      band.manager = k.manager.Graydon;
      expect((await band.getRelated(Band.c.manager))?.name).to.equal("Graydon");
    });

    it("getRelated() follows a path in one query, null when a link is null (defect 8)", async () => {
      const { Band, Concert, Manager, Ticket } = f;
      const concert = (await Concert.objects().get(Concert.c.id.eq(k.concert[1]!)))!;
      log.length = 0;
      const manager = await concert.getRelated(Concert.c.band1.manager);
      expect(manager).to.be.instanceOf(Manager);
      expect(manager!.toDict()).to.deep.equal({ id: k.manager.Graydon, name: "Graydon" });
      expect(log).to.have.length(1);
      expect(log[0]!.sql)
        .to.match(/FROM "manager"/)
        .and.to.match(/JOIN|FROM "band"/);
      // Three links deep: ticket → concert → band2 → manager.
      const ticket = (await Ticket.objects().get(Ticket.c.price.eq("20.25")))!;
      log.length = 0;
      expect((await ticket.getRelated(Ticket.c.concert.band2.manager))?.name).to.equal("Mads");
      expect((await ticket.getRelated(Ticket.c.concert.band2))?.name).to.equal("C-Sharps");
      expect(log).to.have.length(2);
      // The instance it returns is a saved row: changes save to it.
      manager!.name = "Graydon H.";
      await manager!.save();
      expect((await Manager.objects().get(Manager.c.id.eq(k.manager.Graydon)))?.name).to.equal("Graydon H.");
      await Manager.update({ name: "Graydon" }).where(Manager.c.id.eq(k.manager.Graydon));

      // A null link anywhere along the path gives null.
      const [loner] = await Band.insert({ name: "Loner", manager: null }).returning(Band.c.id);
      const [lonely] = await Concert.insert({
        band1: loner!.id,
        band2: null,
        venue: null,
        startsAt: new Date(),
      }).returning(Concert.c.id);
      try {
        const row = (await Concert.objects().get(Concert.c.id.eq(lonely!.id)))!;
        expect(await row.getRelated(Concert.c.band1.manager)).to.equal(null);
        log.length = 0;
        expect(await row.getRelated(Concert.c.band2.manager)).to.equal(null);
        expect(log).to.have.length(0); // band2 is null: nothing to look up
      } finally {
        await Concert.delete().where(Concert.c.id.eq(lonely!.id));
        await Band.delete().where(Band.c.id.eq(loner!.id));
      }
    });

    it("getRelated() on a prefetched path needs no query", async () => {
      const { Concert } = f;
      const concerts = await Concert.objects().orderBy(Concert.c.id).prefetch(Concert.c.band1.manager);
      log.length = 0;
      expect((await concerts[0]!.getRelated(Concert.c.band1.manager))?.name).to.equal("Guido");
      expect((await concerts[1]!.getRelated(Concert.c.band1.manager))?.name).to.equal("Graydon");
      expect(log).to.have.length(0);
    });

    it("getRelated() refuses a path that does not end at a foreign key", async () => {
      const { Concert } = f;
      const concert = (await Concert.objects().first())!;
      const error = await concert.getRelated(Concert.c.band1.name as never).then(
        () => null,
        (e: Error) => e,
      );
      expect(error?.message).to.match(/getRelated\(\) expects a foreign key of Concert or a path through them/);
    });

    it("refuses what is not a foreign key of the table", () => {
      const { Band, Concert } = f;
      expect(() => Band.objects().prefetch(Band.c.name as never)).to.throw(/prefetch\(\) expects foreign keys of Band/);
      expect(() => Band.objects().prefetch(Concert.c.band1 as never)).to.throw(
        /prefetch\(\) expects foreign keys of Band/,
      );
    });
  });

  describe("getReverse()", () => {
    it("lists the rows that point at an instance", async () => {
      const { Band, Concert, Manager } = f;
      const guido = (await Manager.objects().get(Manager.c.name.eq("Guido")))!;
      expect((await guido.getReverse(Band.c.manager)).map((b) => b.name)).to.deep.equal(["Pythonistas"]);
      const rustaceans = (await Band.objects().get(Band.c.name.eq("Rustaceans")))!;
      expect((await rustaceans.getReverse(Concert.c.band1)).map((c) => c.id)).to.deep.equal([k.concert[1]]);
      expect((await rustaceans.getReverse(Concert.c.band2)).map((c) => c.id)).to.deep.equal([k.concert[0]]);
      const error = await guido.getReverse(Concert.c.band1 as never).then(
        () => null,
        (e: Error) => e,
      );
      expect(error?.message).to.match(/points at Manager/);
    });
  });

  describe("query logging", () => {
    it("reports SQL, parameters, duration and row count, and failures", async () => {
      const { Band } = f;
      await Band.select(Band.c.name).where(Band.c.popularity.gt(999));
      expect(log).to.have.length(1);
      expect(log[0]).to.include({ rowCount: 2 });
      expect(log[0]!.params).to.deep.equal([999]);
      expect(log[0]!.durationMs).to.be.a("number").and.at.least(0);
      await ctx.engine.rawQuery("SELECT * FROM no_such_table").catch(() => undefined);
      expect(log[1]!.error).to.be.instanceOf(Error);
      expect(() => ctx.engine.setLog("yes" as never)).to.throw(/log must be true, false or a function/);
    });

    it("engines take `log` as an option", async () => {
      const seen: string[] = [];
      const engine =
        ctx.family === "postgres"
          ? new PostgresEngine({ config: pgConfig(), log: (e) => seen.push(e.sql) })
          : new SQLiteEngine({ path: ":memory:", log: (e) => seen.push(e.sql) });
      await engine.rawQuery("SELECT 1");
      await engine.close();
      expect(seen).to.deep.equal(["SELECT 1"]);
    });
  });

  describe("freeze()", () => {
    it("builds the SQL once and names the statement after it", async () => {
      const { Band } = f;
      const frozen = Band.select(Band.c.name).where(Band.c.popularity.gt(100)).orderBy(Band.c.name).freeze();
      const sql = frozen.toSQL();
      expect(sql.name).to.match(/^piccolo_[0-9a-f]{16}$/);
      expect(frozen.toSQL()).to.equal(sql);
      expect(await frozen).to.deep.equal([{ name: "Pythonistas" }, { name: "Rustaceans" }]);
      expect(await frozen).to.deep.equal([{ name: "Pythonistas" }, { name: "Rustaceans" }]);
      const objects = await Band.objects().where(Band.c.id.eq(k.band.Pythonistas)).freeze();
      expect(objects.map((b) => b.name)).to.deep.equal(["Pythonistas"]);
    });

    it("re-runs with new parameters through Param() and bind(), compiling once", async () => {
      const { Band } = f;
      const byPopularity = Band.select(Band.c.name)
        .where(Band.c.popularity.gte(Param("min")))
        .orderBy(Band.c.name)
        .freeze();
      const sql = byPopularity.toSQL().sql;
      expect(await byPopularity.bind({ min: 1500 })).to.deep.equal([{ name: "Rustaceans" }]);
      expect(await byPopularity.bind({ min: 5 })).to.deep.equal([
        { name: "C-Sharps" },
        { name: "Pythonistas" },
        { name: "Rustaceans" },
      ]);
      expect(byPopularity.bind({ min: 1 }).toSQL().sql).to.equal(sql);
      expect(new Set(log.map((e) => e.sql))).to.deep.equal(new Set([sql]));
      const error = await byPopularity.then(
        () => null,
        (e: unknown) => e as Error,
      );
      expect(error?.message).to.match(/needs a value for Param\("min"\)/);
      const band = await Band.objects()
        .get(Band.c.name.eq(Param("name")))
        .freeze()
        .bind({ name: "Rustaceans" });
      expect(band?.popularity).to.equal(2000);
    });
  });
});
