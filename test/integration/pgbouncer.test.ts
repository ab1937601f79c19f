import { expect } from "chai";
import { Integer, Param, PostgresEngine, Table, Varchar, bindEngine, column, table, unbindEngine } from "../../lib";
import { pgConfig } from "../support/engines";
import { pgBouncerUnavailable, startPgBouncer, type PgBouncer } from "../support/pgbouncer";

@table({ tablename: "pooled_band" })
class PooledBand extends Table<PooledBand>() {
  @column(Varchar({ length: 50 })) name!: string;
  @column(Integer({ default: 0 })) popularity!: number;
}

const isCI = !["", "0", "false"].includes((process.env.CI ?? "").toLowerCase());

describe("PgBouncer in transaction mode [postgres only: a real pgbouncer started for the test]", function () {
  this.timeout(60_000);
  let bouncer: PgBouncer;
  let direct: PostgresEngine;
  const engines: PostgresEngine[] = [];

  function throughBouncer(options: { preparedStatements?: boolean } = {}): PostgresEngine {
    const engine = new PostgresEngine({
      config: { ...pgConfig(), host: bouncer.host, port: bouncer.port, max: 8 },
      ...options,
    });
    engines.push(engine);
    return engine;
  }

  before(async function () {
    const why = pgBouncerUnavailable();
    if (why !== undefined) {
      if (isCI) throw new Error(`PgBouncer tests cannot start pgbouncer: ${why}`);
      this.skip();
    }
    bouncer = await startPgBouncer(6433, "transaction", 3);
    direct = new PostgresEngine({ config: pgConfig() });
    bindEngine(direct, [PooledBand]);
    await PooledBand.dropTable({ ifExists: true });
    await PooledBand.createTable();
    await PooledBand.insert(
      ...Array.from({ length: 20 }, (_, i) => new PooledBand({ name: `band ${i}`, popularity: i })),
    );
  });

  after(async () => {
    unbindEngine([PooledBand]);
    await Promise.all(engines.map((engine) => engine.close()));
    if (direct !== undefined) {
      bindEngine(direct, [PooledBand]);
      await PooledBand.dropTable({ ifExists: true });
      unbindEngine([PooledBand]);
      await direct.close();
    }
    bouncer?.stop();
  });

  /** Runs a frozen (named) query 60 times from 8 pooled clients at once; returns the answers. */
  async function hammer(db: PostgresEngine): Promise<number[]> {
    bindEngine(db, [PooledBand]);
    const byPopularity = PooledBand.select(PooledBand.c.popularity)
      .where(PooledBand.c.popularity.eq(Param("popularity")))
      .freeze();
    const rows = await Promise.all(
      Array.from({ length: 60 }, (_, i) => byPopularity.bind({ popularity: i % 20 }).run()),
    );
    return rows.map((r) => r[0]!.popularity);
  }

  const expected = Array.from({ length: 60 }, (_, i) => i % 20);

  it("raw node-postgres named statements fail behind it (the problem)", async () => {
    const { Pool } = await import("pg");
    const pool = new Pool({ ...pgConfig(), host: bouncer.host, port: bouncer.port, max: 8 });
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        pool.query({ name: "raw_named", text: "SELECT $1::int AS x", values: [i] }).then(
          () => "ok",
          (error: { code?: string }) => error.code,
        ),
      ),
    );
    await pool.end();
    const failed = results.filter((r) => r !== "ok");
    expect(failed.length).to.be.greaterThan(0);
    expect(
      [...new Set(failed)].every((code) => code === "42P05" || code === "26000"),
      String(failed),
    ).to.equal(true);
  });

  it("preparedStatements: false runs frozen queries unnamed: every one succeeds", async () => {
    const db = throughBouncer({ preparedStatements: false });
    expect(await hammer(db)).to.deep.equal(expected);
    expect(db.usesPreparedStatements).to.equal(false);
  });

  it("by default the engine recovers from 42P05/26000 by switching to unnamed statements and running the query again", async () => {
    const db = throughBouncer();
    expect(db.usesPreparedStatements).to.equal(true);
    expect(await hammer(db)).to.deep.equal(expected);
    expect(db.usesPreparedStatements).to.equal(false);
  });

  it("transactions work through it, and a rollback leaves nothing", async () => {
    const db = throughBouncer({ preparedStatements: false });
    bindEngine(db, [PooledBand]);
    await db
      .transaction(async () => {
        await PooledBand.insert(new PooledBand({ name: "temporary" }));
        throw new Error("roll back");
      })
      .catch(() => undefined);
    expect(await PooledBand.count().where(PooledBand.c.name.eq("temporary"))).to.equal(0);
    const counted = await db.transaction(async () => {
      await PooledBand.insert(new PooledBand({ name: "kept" }));
      return PooledBand.count().where(PooledBand.c.name.eq("kept"));
    });
    expect(counted).to.equal(1);
    await PooledBand.delete().where(PooledBand.c.name.eq("kept"));
  });
});
