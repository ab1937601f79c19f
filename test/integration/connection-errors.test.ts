import { setTimeout as sleep } from "node:timers/promises";
import { expect } from "chai";
import {
  ConnectionError,
  ConnectionLostError,
  Integer,
  PostgresEngine,
  Table,
  TooManyConnectionsError,
  UniqueViolationError,
  column,
  table,
} from "../../lib";
import { describeEachEngine, pgConfig } from "../support/engines";

// Only connections this suite opens carry this name, so only they are ever terminated.
const appName = `piccolo_engines_conn_${process.pid}`;
const limitedRole = `piccolo_engines_limited_${process.pid}`;

function makeNumber(db: PostgresEngine) {
  @table({ db, tablename: "conn_number" })
  class Num extends Table<Num>() {
    @column(Integer({ unique: true })) n!: number;
  }
  return Num;
}

/** Rejects when `promise` has not settled within `ms`: a hang fails the test instead of stalling it. */
function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([
    promise,
    sleep(ms).then(() => Promise.reject(new Error(`${what} did not settle within ${ms} ms`))),
  ]);
}

describeEachEngine(
  "PostgreSQL only: lost connections and connection errors",
  (ctx) => {
    let victim: PostgresEngine;
    let Num: ReturnType<typeof makeNumber>;
    const terminateOurs = () =>
      ctx.engine.rawQuery(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = {} AND datname = current_database()",
        [appName],
      );

    before(async () => {
      Num = makeNumber(ctx.engine as PostgresEngine);
      await Num.dropTable({ ifExists: true });
      await Num.createTable();
      await ctx.engine.rawQuery("INSERT INTO conn_number (n) SELECT g FROM generate_series(1, 2000) AS g");
    });
    beforeEach(() => {
      victim = new PostgresEngine({ config: { ...pgConfig(), application_name: appName, max: 3 } });
      Num = makeNumber(victim);
    });
    afterEach(() => victim.close());
    after(() => ctx.dropTables("conn_number"));

    it("a batch() stream whose connection is terminated rejects with ConnectionLostError and gives its connection back", async function () {
      this.timeout(10_000);
      const stream = Num.select(Num.c.n).orderBy(Num.c.n).batch({ size: 10 });
      const first = await stream.next();
      expect(first.value).to.have.length(10);
      expect(victim.poolStatus.total).to.equal(1);
      await terminateOurs();
      await sleep(100);
      const error = await within(
        (async () => {
          for (;;) if ((await stream.next()).done) return undefined;
        })().catch((e: unknown) => e),
        3000,
        "the stream",
      );
      expect(error).to.be.instanceOf(ConnectionLostError).and.to.be.instanceOf(ConnectionError);
      expect((error as ConnectionLostError).code).to.equal("PICCOLO_CONNECTION_LOST");
      expect((error as Error).message).to.include("terminated by the server");
      expect(victim.poolStatus).to.deep.equal({ total: 0, idle: 0, waiting: 0 });
      expect(await Num.count()).to.equal(2000); // the engine goes on with a new connection
    });

    it("a transaction whose connection is terminated fails with ConnectionLostError naming the cause, and the connection is dropped", async function () {
      const error = await victim
        .transaction(async () => {
          await Num.count();
          await terminateOurs();
          await sleep(100);
          await Num.count();
        })
        .catch((e: unknown) => e);
      expect(error).to.be.instanceOf(ConnectionLostError);
      expect((error as Error).message).to.include("terminated by the server");
      expect((error as Error).message).not.to.match(/^Client has encountered/);
      expect(victim.poolStatus.total).to.equal(0);
      expect(await Num.count()).to.equal(2000);
    });

    it("an ordinary SQL error outside a transaction keeps its connection in the pool", async () => {
      const pid = async () => (await victim.rawQuery("SELECT pg_backend_pid() AS pid"))[0]!.pid;
      const before = await pid();
      expect(victim.poolStatus).to.deep.equal({ total: 1, idle: 1, waiting: 0 });
      for (let i = 0; i < 3; i++) {
        const error = await Num.insert({ n: 1 })
          .run()
          .catch((e: unknown) => e);
        expect(error).to.be.instanceOf(UniqueViolationError);
        const syntax = await victim.rawQuery("SELEC 1").catch((e: unknown) => e);
        expect(syntax).to.have.property("driverCode", "42601");
      }
      expect(victim.poolStatus).to.deep.equal({ total: 1, idle: 1, waiting: 0 });
      expect(await pid()).to.equal(before);
    });

    it("too many connections (53300) is a TooManyConnectionsError that says so", async function () {
      await ctx.engine.rawQuery(`CREATE ROLE "${limitedRole}" LOGIN CONNECTION LIMIT 1`);
      const limited = new PostgresEngine({
        config: { ...pgConfig(), user: limitedRole, application_name: appName, max: 2 },
      });
      try {
        const error = await limited
          .transaction(() => limited.rawQuery("SELECT 1 AS one").then(() => limited.rawQuery("SELECT 1")))
          .then(() =>
            Promise.all([limited.transaction(() => sleep(200)), sleep(50).then(() => limited.rawQuery("SELECT 2"))]),
          )
          .catch((e: unknown) => e);
        expect(error).to.be.instanceOf(TooManyConnectionsError);
        expect((error as TooManyConnectionsError).code).to.equal("PICCOLO_TOO_MANY_CONNECTIONS");
        expect((error as Error).message).to.include("too many connections");
      } finally {
        await limited.close();
        await terminateOurs();
        await ctx.engine.rawQuery(`DROP ROLE IF EXISTS "${limitedRole}"`);
      }
    });

    it("a refused connection is a ConnectionError whose message says refused", async () => {
      const nowhere = new PostgresEngine({ config: { ...pgConfig(), port: 1, connectionTimeoutMillis: 2000 } });
      try {
        const error = await nowhere.rawQuery("SELECT 1").catch((e: unknown) => e);
        expect(error).to.be.instanceOf(ConnectionError).and.include({ code: "PICCOLO_CONNECTION_FAILED" });
        expect((error as Error).message).to.include("refused");
      } finally {
        await nowhere.close();
      }
    });
  },
  { engines: ["postgres"] },
);
