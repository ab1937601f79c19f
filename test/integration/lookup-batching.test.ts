import { expect } from "chai";
import { ConfigError, DatabaseError, PostgresEngine, SQLiteEngine, type QueryLogEntry } from "../../lib";
import { describeEachEngine } from "../support/engines";
import { useSampleData } from "../support/fixtures";
import { sampleKeys } from "../support/keys";

describeEachEngine("same-tick primary-key lookups (batchLookups)", (ctx) => {
  const f = useSampleData(ctx);
  // The sample rows' keys by name (1, 2, 3… where keys are sequential, checked so).
  let k: Awaited<ReturnType<typeof sampleKeys>>;
  before(async () => {
    k = await sampleKeys(ctx, f);
  });
  let statements: string[] = [];
  let wasOn = false;

  before(() => {
    wasOn = ctx.engine.batchLookups;
    // Off by default on SQLite (a synchronous driver gains nothing): the behaviour is the same on both.
    ctx.engine.batchLookups = true;
    ctx.engine.setLog((entry: QueryLogEntry) => statements.push(entry.sql));
  });
  beforeEach(() => {
    statements = [];
  });
  after(() => {
    ctx.engine.batchLookups = wasOn;
    ctx.engine.setLog(undefined);
  });

  const anyKey = () => (ctx.family === "postgres" ? `= ANY ($1)` : `IN (SELECT`);

  it("sends lookups of one shape issued in the same tick as one query; each caller gets its own row", async () => {
    const { Band } = f;
    const ids = [k.band["C-Sharps"], k.band.Pythonistas, 99, k.band.Rustaceans, k.band.Pythonistas];
    const rows = await Promise.all(ids.map((id) => Band.select().where(Band.c.id.eq(id)).first()));
    expect(rows.map((r) => r?.name ?? null)).to.deep.equal([
      "C-Sharps",
      "Pythonistas",
      null,
      "Rustaceans",
      "Pythonistas",
    ]);
    expect(rows[0]).to.deep.equal({
      id: k.band["C-Sharps"],
      name: "C-Sharps",
      manager: k.manager.Mads,
      popularity: 10,
    });
    expect(statements).to.have.length(1);
    expect(statements[0]).to.contain(anyKey());
  });

  it("batches objects().get() too, and select() without first() gives each caller a list", async () => {
    const { Band } = f;
    const [band, missing, list] = await Promise.all([
      Band.objects().get(Band.c.id.eq(k.band.Rustaceans)),
      Band.objects().get(Band.c.id.eq(42)),
      Band.objects().where(Band.c.id.eq(k.band.Pythonistas)),
    ]);
    expect(band).to.be.instanceOf(Band);
    expect(band!.toDict()).to.deep.equal({
      id: k.band.Rustaceans,
      name: "Rustaceans",
      manager: k.manager.Graydon,
      popularity: 2000,
    });
    expect(missing).to.equal(null);
    expect(list.map((b) => b.name)).to.deep.equal(["Pythonistas"]);
    // get() (LIMIT 1) and the plain list are two shapes: two queries for three callers.
    expect(statements).to.have.length(2);
  });

  it("keeps joined columns per caller", async () => {
    const { Band } = f;
    const rows = await Promise.all(
      [k.band.Pythonistas, k.band.Rustaceans].map((id) =>
        Band.select(Band.c.name, Band.c.manager.name).where(Band.c.id.eq(id)).first(),
      ),
    );
    expect(rows).to.deep.equal([
      { name: "Pythonistas", "manager.name": "Guido" },
      { name: "Rustaceans", "manager.name": "Graydon" },
    ]);
    expect(statements).to.have.length(1);
  });

  it("runs a lookup alone in its tick as its own query", async () => {
    const { Band } = f;
    const band = await Band.select().where(Band.c.id.eq(k.band.Pythonistas)).first();
    expect(band?.name).to.equal("Pythonistas");
    expect(statements).to.deep.equal([Band.select().where(Band.c.id.eq(k.band.Pythonistas)).first().toSQL().sql]);
  });

  it("never batches inside a transaction", async () => {
    const { Band } = f;
    const names = await ctx.engine.transaction(async () =>
      Promise.all(
        [k.band.Pythonistas, k.band.Rustaceans].map(async (id) => (await Band.objects().get(Band.c.id.eq(id)))?.name),
      ),
    );
    expect(names).to.deep.equal(["Pythonistas", "Rustaceans"]);
    const lookups = statements.filter((sql) => sql.startsWith("SELECT"));
    expect(lookups).to.have.length(2);
    for (const sql of lookups) expect(sql).not.to.contain(anyKey());
  });

  it("leaves other conditions and ordered or offset queries alone", async () => {
    const { Band } = f;
    const [byName, ordered] = await Promise.all([
      Band.select().where(Band.c.name.eq("Rustaceans")).first(),
      Band.select().where(Band.c.id.eq(k.band.Pythonistas)).orderBy(Band.c.name).first(),
      Band.select().where(Band.c.id.eq(k.band.Rustaceans)).orderBy(Band.c.name).first(),
    ]);
    expect(byName?.id).to.equal(k.band.Rustaceans);
    expect(ordered?.id).to.equal(k.band.Pythonistas);
    expect(statements).to.have.length(3);
    for (const sql of statements) expect(sql).not.to.contain(anyKey());
  });

  it("rejects every caller when their query fails", async () => {
    const { Concert } = f;
    await ctx.dropTables("ticket", "concert");
    statements = [];
    try {
      const results = await Promise.allSettled([1, 2].map((id) => Concert.objects().get(Concert.c.id.eq(id))));
      for (const result of results) {
        expect(result.status).to.equal("rejected");
        expect((result as PromiseRejectedResult).reason).to.be.instanceOf(DatabaseError);
      }
      // The batched query failed, then each caller's own query ran and failed on its own.
      const lookups = statements.filter((sql) => sql.startsWith("SELECT"));
      expect(lookups).to.have.length(3);
      expect(lookups[0]).to.contain(anyKey());
      expect(lookups.slice(1)).to.deep.equal([1, 2].map(() => Concert.objects().get(Concert.c.id.eq(1)).toSQL().sql));
    } finally {
      await f.createTables();
      await f.insertSampleData();
    }
  });

  it("is on by default on PostgreSQL, off on SQLite, and refuses a non-boolean", () => {
    expect(new PostgresEngine().batchLookups).to.equal(true);
    expect(new PostgresEngine({ batchLookups: false }).batchLookups).to.equal(false);
    expect(new SQLiteEngine({ path: ":memory:" }).batchLookups).to.equal(false);
    expect(() => new SQLiteEngine({ path: ":memory:", batchLookups: "yes" as never })).to.throw(
      ConfigError,
      /batchLookups/,
    );
  });
});
