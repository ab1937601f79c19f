import { expect } from "chai";
import {
  ConfigError,
  Integer,
  PostgresEngine,
  QueryError,
  SQLiteEngine,
  Table,
  Varchar,
  bindEngine,
  column,
  table,
  unbindEngine,
} from "../../lib";
import {
  createReplicaPair,
  replicaPairUnavailable,
  setReplay,
  waitForReplay,
  type ReplicaPair,
} from "../support/replica-cluster";

@table({ tablename: "replica_band" })
class ReplicaBand extends Table<ReplicaBand>() {
  @column(Varchar({ length: 50 })) name!: string;
  @column(Integer({ default: 0 })) popularity!: number;
}

const isCI = !["", "0", "false"].includes((process.env.CI ?? "").toLowerCase());

describe("read replicas [postgres only: a real streaming replica built for the test]", function () {
  this.timeout(120_000);
  let pair: ReplicaPair;
  let replica: PostgresEngine;
  const engines: PostgresEngine[] = [];

  /** An engine on the pair's primary with the replica as extra node "replica". */
  function primaryEngine(
    options: { routeReads?: boolean; readYourWritesMs?: number; more?: Record<string, PostgresEngine> } = {},
  ) {
    const { more, ...rest } = options;
    const engine = new PostgresEngine({
      config: pair.primary,
      extraNodes: { replica, ...more },
      ...rest,
    });
    engines.push(engine);
    return engine;
  }

  before(async function () {
    const why = replicaPairUnavailable();
    if (why !== undefined) {
      if (isCI) throw new Error(`read replica tests cannot build their clusters: ${why}`);
      this.skip();
    }
    pair = createReplicaPair("piccolo_test", 5441, 5442);
    replica = new PostgresEngine({ config: pair.replica });
    const setup = new PostgresEngine({ config: pair.primary });
    bindEngine(setup, [ReplicaBand]);
    await ReplicaBand.createTable();
    await ReplicaBand.insert(new ReplicaBand({ name: "Pythonistas", popularity: 1000 }));
    unbindEngine([ReplicaBand]);
    await setup.close();
    await waitForReplay(pair);
  });

  after(async () => {
    unbindEngine([ReplicaBand]);
    await Promise.all(engines.map((engine) => engine.close()));
    await replica?.close();
    pair?.drop();
  });

  afterEach(async () => {
    unbindEngine([ReplicaBand]);
    if (pair === undefined) return;
    await setReplay(pair, false);
    const cleanup = new PostgresEngine({ config: pair.primary });
    await cleanup.rawQuery("DELETE FROM replica_band WHERE name <> 'Pythonistas'");
    await cleanup.close();
    await waitForReplay(pair);
  });

  /** Writes a second band on the primary while the replica's replay is paused: the two nodes now differ. */
  async function diverge(db: PostgresEngine): Promise<void> {
    await setReplay(pair, true);
    bindEngine(db, [ReplicaBand]);
    await ReplicaBand.insert(new ReplicaBand({ name: "Rustaceans", popularity: 500 }));
  }

  it("the replica is a real streaming replica that follows the primary", async () => {
    expect(await replica.rawQuery("SELECT pg_is_in_recovery() AS standby")).to.deep.equal([{ standby: true }]);
    const db = primaryEngine();
    bindEngine(db, [ReplicaBand]);
    await ReplicaBand.insert(new ReplicaBand({ name: "Replicated" }));
    await waitForReplay(pair);
    const names = await ReplicaBand.select(ReplicaBand.c.name).orderBy(ReplicaBand.c.name).run({ node: "replica" });
    expect(names).to.deep.equal([{ name: "Pythonistas" }, { name: "Replicated" }]);
  });

  it(".run({ node }) sends one query to the named node; the rest stay on the primary", async () => {
    const db = primaryEngine();
    await diverge(db);
    expect(await ReplicaBand.count()).to.equal(2);
    expect(await ReplicaBand.count().run({ node: "replica" })).to.equal(1);
    expect(await ReplicaBand.objects().run({ node: "replica" })).to.have.length(1);
    expect(await db.node("replica").rawQuery("SELECT count(*)::int AS n FROM replica_band")).to.deep.equal([{ n: 1 }]);
  });

  it("routeReads sends plain selects to the replica, writes, locks, raw SQL and transactions to the primary", async () => {
    const db = primaryEngine({ routeReads: true });
    await diverge(db);
    // Plain reads: the replica, which has not seen the second band.
    expect(await ReplicaBand.count()).to.equal(1);
    expect(await ReplicaBand.select(ReplicaBand.c.name)).to.deep.equal([{ name: "Pythonistas" }]);
    expect(await ReplicaBand.exists().where(ReplicaBand.c.name.eq("Rustaceans"))).to.equal(false);
    const streamed: unknown[] = [];
    for await (const rows of ReplicaBand.select(ReplicaBand.c.name).batch({ size: 10 })) streamed.push(...rows);
    expect(streamed).to.have.length(1);
    // Everything else: the primary.
    expect(await db.rawQuery("SELECT count(*)::int AS n FROM replica_band")).to.deep.equal([{ n: 2 }]);
    const inTransaction = await db.transaction(async () => ReplicaBand.count());
    expect(inTransaction).to.equal(2);
    const locked = await db.transaction(async () => ReplicaBand.select(ReplicaBand.c.name).lockRows());
    expect(locked).to.have.length(2);
    // A write is never routed: it lands on the primary (the replica is read-only and would refuse it).
    await ReplicaBand.update({ popularity: 1 }).where(ReplicaBand.c.name.eq("Rustaceans"));
    expect(await db.rawQuery("SELECT popularity FROM replica_band WHERE name = 'Rustaceans'")).to.deep.equal([
      { popularity: 1 },
    ]);
  });

  it("routeReads takes the extra nodes in turn", async () => {
    // The second "replica" is the primary itself, so the answers alternate between old and new.
    const db = primaryEngine({ routeReads: true, more: { current: new PostgresEngine({ config: pair.primary }) } });
    engines.push(db.node("current"));
    await diverge(db);
    const counts = [];
    for (let i = 0; i < 4; i++) counts.push(await ReplicaBand.count());
    expect(counts).to.deep.equal([1, 2, 1, 2]);
  });

  it("readYourWritesMs keeps reads on the primary for a while after a write", async () => {
    const db = primaryEngine({ routeReads: true, readYourWritesMs: 60_000 });
    await diverge(db);
    expect(await ReplicaBand.count()).to.equal(2);
    expect(await ReplicaBand.select(ReplicaBand.c.name).orderBy(ReplicaBand.c.name)).to.deep.equal([
      { name: "Pythonistas" },
      { name: "Rustaceans" },
    ]);
    // .run({ node }) is explicit and still reads the replica.
    expect(await ReplicaBand.count().run({ node: "replica" })).to.equal(1);
  });

  it("a replica that cannot be reached is skipped: the read runs on the primary", async () => {
    const down = new PostgresEngine({ config: { ...pair.replica, port: 5449, connectionTimeoutMillis: 2000 } });
    const db = new PostgresEngine({ config: pair.primary, extraNodes: { down }, routeReads: true });
    engines.push(db);
    bindEngine(db, [ReplicaBand]);
    expect(await ReplicaBand.count()).to.equal(1);
    expect(await ReplicaBand.count()).to.equal(1);
  });

  it("a node that does not exist, and a node inside a transaction, are clear errors", async () => {
    const db = primaryEngine();
    bindEngine(db, [ReplicaBand]);
    let error: unknown = await ReplicaBand.count()
      .run({ node: "replika" })
      .catch((e: unknown) => e);
    expect(error).to.be.instanceOf(ConfigError).with.property("code", "PICCOLO_UNKNOWN_NODE");
    expect((error as Error).message).to.include('has no node "replika": its extra nodes are replica');
    error = await db.transaction(() => ReplicaBand.count().run({ node: "replica" })).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(QueryError).with.property("code", "PICCOLO_NODE_IN_TRANSACTION");
  });
});

describe("read replicas: bad input", () => {
  it("extraNodes must hold engines", () => {
    expect(() => new PostgresEngine({ extraNodes: { replica: { host: "x" } as never } }))
      .to.throw(ConfigError, /extraNodes\.replica must be a PostgresEngine/)
      .with.property("code", "PICCOLO_INVALID_EXTRA_NODE");
  });

  it("an engine without extra nodes (SQLite) says it has none", async () => {
    const db = new SQLiteEngine({ path: ":memory:" });
    bindEngine(db, [ReplicaBand]);
    try {
      await ReplicaBand.createTable();
      const error = await ReplicaBand.count()
        .run({ node: "replica" })
        .catch((e: unknown) => e);
      expect(error).to.be.instanceOf(ConfigError);
      expect((error as Error).message).to.match(/SQLiteEngine has no node "replica": it has no extra nodes/);
      const unknown = await ReplicaBand.count()
        .run({ nodes: "x" } as never)
        .catch((e: unknown) => e);
      expect((unknown as Error).message).to.match(/run\(\) has no option "nodes"/);
    } finally {
      unbindEngine([ReplicaBand]);
      await db.close();
    }
  });
});
