import { expect } from "chai";
import { Engine, OrmError, QueryTimeoutError, Table, UnsupportedFeatureError, Varchar, column, table } from "../../lib";
import { describeEachEngine, onlyEngines } from "../support/engines";

function makeSlow(db: Engine) {
  @table({ db, tablename: "timeout_row" })
  class Row extends Table<Row>() {
    @column(Varchar({ length: 20 })) name!: string;
  }
  return Row;
}

// Counts to 100 million: tens of seconds on either engine unless something cancels it.
const slowSql =
  "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 100000000) SELECT count(*) AS n FROM c";

describeEachEngine(
  "timeouts",
  (ctx) => {
    let Row: ReturnType<typeof makeSlow>;
    const timeoutSetting = async () =>
      String((await ctx.engine.rawQuery("SELECT current_setting('statement_timeout') AS t"))[0]!.t);

    before(async () => {
      Row = makeSlow(ctx.engine);
      await Row.dropTable({ ifExists: true });
      await Row.createTable();
    });
    after(() => ctx.dropTables("timeout_row"));

    it("run({ timeout }) cancels a slow query outside a transaction with QueryTimeoutError (PostgreSQL, sqlite3)", async function () {
      onlyEngines(this, ctx, "postgres", "sqlite3");
      const t0 = performance.now();
      const error = await Row.raw(slowSql)
        .run({ timeout: 200 })
        .catch((e: unknown) => e);
      const elapsed = performance.now() - t0;
      expect(error).to.be.instanceOf(QueryTimeoutError);
      expect((error as QueryTimeoutError).code).to.equal("PICCOLO_QUERY_TIMEOUT");
      expect((error as Error).message).to.match(/statement timeout/);
      expect(elapsed).to.be.lessThan(5000);
      expect(await Row.raw("SELECT 1 AS one").run({ timeout: 5000 })).to.deep.equal([{ one: 1 }]);
    });

    it("PostgreSQL only: a per-query timeout never outlives its statement on the pooled connection", async function () {
      onlyEngines(this, ctx, "postgres");
      await Row.raw("SELECT 1").run({ timeout: 1234 });
      await Row.raw(slowSql)
        .run({ timeout: 100 })
        .catch(() => undefined);
      for (let i = 0; i < 5; i++) expect(await timeoutSetting()).to.equal("0");
      await ctx.engine.transaction(async () => {
        await Row.raw("SELECT 1").run({ timeout: 4321 });
        expect(await timeoutSetting()).to.equal("0"); // put back for the rest of the transaction
      });
    });

    it("transaction(fn, { statementTimeout }) applies to every statement of the transaction, and ends with it", async function () {
      onlyEngines(this, ctx, "postgres", "sqlite3");
      let inside: string | undefined;
      const error = await ctx.engine
        .transaction(
          async () => {
            if (ctx.family === "postgres") inside = await timeoutSetting();
            await Row.insert({ name: "rolled back" });
            await Row.raw(slowSql);
          },
          { statementTimeout: 150 },
        )
        .catch((e: unknown) => e);
      expect(error).to.be.instanceOf(QueryTimeoutError);
      if (ctx.family === "postgres") {
        expect(inside).to.equal("150ms");
        expect(await timeoutSetting()).to.equal("0");
      }
      expect(await Row.count()).to.equal(0);
      await ctx.engine.transaction(() => Row.raw("SELECT 1").run(), { statementTimeout: 1000 }); // fast: fine
    });

    it("better-sqlite3 only: timeouts are refused as unsupported (it cannot interrupt a statement), changing nothing", async function () {
      onlyEngines(this, ctx, "sqlite");
      const viaRun = await Row.insert({ name: "x" })
        .run({ timeout: 100 })
        .catch((e: unknown) => e);
      const viaTx = await ctx.engine
        .transaction(() => Row.insert({ name: "y" }).run(), { statementTimeout: 100 })
        .catch((e: unknown) => e);
      for (const error of [viaRun, viaTx]) {
        expect(error).to.be.instanceOf(UnsupportedFeatureError).and.include({ code: "PICCOLO_TIMEOUT_NOT_SUPPORTED" });
        expect((error as Error).message).to.include("sqlite3");
      }
      expect(await Row.count()).to.equal(0);
    });

    it("bad timeout options are refused before anything runs", async () => {
      for (const timeout of [0, -5, 1.5, "1s"]) {
        const error = await Row.insert({ name: "z" })
          .run({ timeout } as never)
          .catch((e: unknown) => e);
        expect(error).to.be.instanceOf(OrmError).and.include({ code: "PICCOLO_INVALID_TIMEOUT" });
      }
      const typo = await Row.count()
        .run({ timout: 5 } as never)
        .catch((e: unknown) => e);
      expect(typo).to.be.instanceOf(OrmError).and.include({ code: "PICCOLO_UNKNOWN_OPTION" });
      const tx = await ctx.engine.transaction(async () => 1, { statementTimeout: 0 }).catch((e: unknown) => e);
      expect(tx).to.be.instanceOf(OrmError).and.include({ code: "PICCOLO_INVALID_TIMEOUT" });
      expect(await Row.count()).to.equal(0);
    });
  },
  { also: ["sqlite3"] },
);
