/**
 * piccolo-orm/nestjs in a real NestJS app (Express platform) over HTTP on a free port, on SQLite
 * and PostgreSQL: module wiring with forRootAsync and a config provider, engine injection,
 * request-scoped transactions, errors mapped to 400/409, fail-fast bootstrap, pool closed on close.
 */
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { Module, type INestApplication } from "@nestjs/common";
import { NestFactory } from "@nestjs/core";
import { expect } from "chai";
import { ConnectionError, Engine, PostgresEngine, SQLiteEngine, getDefaultEngine, withEngine } from "../../../lib";
import { PICCOLO_ENGINE, PiccoloModule, Transactional } from "../../../lib/nestjs";
import { settled } from "../../support/assertions";
import { describeEachEngine, onlyEngines, pgConfig } from "../../support/engines";
import { AppModule, NestBand, type DatabaseSettings } from "./app";
import { listen, type Client } from "./http";

const MAIN = resolve(__dirname, "main.js");

/** Settings for a fresh engine on the suite's database: the SQLite file, or PostgreSQL with a traceable application_name. */
function settingsFor(engine: Engine, applicationName: string): DatabaseSettings {
  if (engine instanceof SQLiteEngine) return { kind: "sqlite", path: engine.path };
  return { kind: "postgres", config: { ...pgConfig(), application_name: applicationName } };
}

async function createApp(settings: DatabaseSettings): Promise<INestApplication> {
  return NestFactory.create(AppModule.withSettings(settings), { logger: false, abortOnError: false });
}

async function rejection(fn: () => Promise<unknown>): Promise<Error> {
  try {
    await fn();
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected a rejection");
}

describeEachEngine("NestJS module (real app over HTTP)", (ctx) => {
  let app: INestApplication | undefined;
  let http: Client;
  const applicationName = `piccolo-nest-${randomBytes(4).toString("hex")}`;
  const names = async () =>
    (await ctx.engine.rawQuery("SELECT name FROM nest_band ORDER BY name")).map((row) => row.name);

  before(async () => {
    await ctx.dropTables("nest_band");
    await withEngine(ctx.engine, () => NestBand.createTable());
    app = await createApp(settingsFor(ctx.engine, applicationName));
    http = await listen(app);
  });
  after(async () => {
    await app?.close();
    await ctx.dropTables("nest_band");
  });
  beforeEach(() => ctx.engine.rawQuery("DELETE FROM nest_band"));

  it("forRootAsync builds the engine from the injected config service; it is injectable by token and by class", async () => {
    const { status, body } = await http.get("/bands/engine");
    expect(status).to.equal(200);
    const dialect = ctx.family === "postgres" ? "PostgresDialect" : "SQLiteDialect";
    expect(body).to.deep.equal({ sameEngine: true, dialect });
    const engine = app!.get<Engine>(PICCOLO_ENGINE);
    expect(engine).to.not.equal(ctx.engine);
    expect(app!.get(Engine)).to.equal(engine);
  });

  it("tables declared without db run on the module's engine", async () => {
    expect((await http.post("/bands", { name: "Pythonistas", popularity: 1000 })).status).to.equal(201);
    expect(await names()).to.deep.equal(["Pythonistas"]);
    expect((await http.get("/bands")).body).to.deep.equal([{ name: "Pythonistas", popularity: 1000 }]);
  });

  it("@Transactional() on a service method commits both writes together", async () => {
    const { status, body } = await http.post("/bands/pair", { first: "A", second: "B" });
    expect(status).to.equal(201);
    expect(body).to.deep.equal({ inTransaction: true });
    expect(await names()).to.deep.equal(["A", "B"]);
  });

  it("@Transactional() rolls every write back when the method throws, and the HttpException still answers", async () => {
    const { status, body } = await http.post("/bands/pair", { first: "A", second: "B", fail: true });
    expect(status).to.equal(418);
    expect(body.message).to.equal("rolled back on purpose");
    expect(await names()).to.deep.equal([]);
  });

  it("TransactionInterceptor runs the whole handler in one transaction, and rolls it back on throw", async () => {
    const ok = await http.post("/bands/interceptor", { names: ["X", "Y"] });
    expect(ok).to.deep.equal({ status: 201, body: { inTransaction: true, count: 2 } });
    const failed = await http.post("/bands/interceptor", { names: ["P", "Q"], fail: true });
    expect(failed.status).to.equal(418);
    expect(await names()).to.deep.equal(["X", "Y"]);
  });

  it("@Transactional() listed above @Post keeps the route, and rolls back on throw", async () => {
    expect(await http.post("/bands/decorated", { name: "Kept" })).to.deep.equal({
      status: 201,
      body: { inTransaction: true },
    });
    expect((await http.post("/bands/decorated", { name: "Gone", fail: true })).status).to.equal(418);
    expect(await names()).to.deep.equal(["Kept"]);
  });

  it("a ValidationError (a string into an Integer column) is a 400 with the failing field; nothing is written", async () => {
    const { status, body } = await http.post("/bands", { name: "Bad", popularity: "lots" });
    expect(status).to.equal(400);
    expect(body).to.include({ statusCode: 400, error: "Bad Request", code: "PICCOLO_VALIDATION_FAILED" });
    expect(body.fields).to.have.length(1);
    expect(body.fields[0].field).to.equal("popularity");
    expect(body.message).to.match(/popularity/);
    expect(await names()).to.deep.equal([]);
  });

  it("a unique violation is a 409 naming the table and column, without the clashing value", async () => {
    await http.post("/bands", { name: "Twice", popularity: 1 });
    const { status, body } = await http.post("/bands", { name: "Twice", popularity: 2 });
    expect(status).to.equal(409);
    expect(body).to.include({
      statusCode: 409,
      error: "Conflict",
      code: "PICCOLO_UNIQUE_VIOLATION",
      table: "nest_band",
    });
    expect(body.columns).to.deep.equal(["name"]);
    expect(JSON.stringify(body)).to.not.include("Twice");
    expect(await names()).to.deep.equal(["Twice"]);
  });

  it("a unique violation inside @Transactional() rolls back the first write and answers 409", async () => {
    const { status, body } = await http.post("/bands/pair", { first: "Same", second: "Same" });
    expect(status).to.equal(409);
    expect(body.code).to.equal("PICCOLO_UNIQUE_VIOLATION");
    expect(await names()).to.deep.equal([]);
  });

  // Last: it closes the suite's app.
  it("app.close() closes the engine (PostgreSQL: no connection left) and unbinds the tables", async () => {
    const engine = app!.get<Engine>(PICCOLO_ENGINE);
    expect(getDefaultEngine()).to.equal(engine);
    await engine.rawQuery("SELECT 1");
    const connections = async () =>
      Number(
        (
          await ctx.engine.rawQuery("SELECT count(*) AS n FROM pg_stat_activity WHERE application_name = {}", [
            applicationName,
          ])
        )[0]!.n,
      );
    if (ctx.family === "postgres") expect(await connections()).to.be.greaterThan(0);
    await app!.close();
    app = undefined;
    expect(getDefaultEngine()).to.equal(undefined);
    expect(await rejection(async () => NestBand.count())).to.have.property("code", "PICCOLO_NO_ENGINE");
    // The server's backend exits a moment after the pool hangs up: wait for it (up to 10 s).
    if (ctx.family === "postgres") expect(await settled(connections, (n) => n === 0)).to.equal(0);
  });
});

describeEachEngine("NestJS module: bootstrap and shutdown", (ctx) => {
  before(async () => {
    await ctx.dropTables("nest_band");
    await withEngine(ctx.engine, () => NestBand.createTable());
  });
  after(() => ctx.dropTables("nest_band"));

  it("forRoot({ engine, tables }) binds the tables to a given engine, without making it the default", async () => {
    const engine =
      ctx.family === "postgres"
        ? new PostgresEngine({ config: pgConfig() })
        : new SQLiteEngine({ path: (ctx.engine as SQLiteEngine).path });
    @Module({ imports: [PiccoloModule.forRoot({ engine, tables: [NestBand], setDefault: false })] })
    class RootModule {}
    const app = await NestFactory.create(RootModule, { logger: false, abortOnError: false });
    try {
      expect(app.get(PICCOLO_ENGINE)).to.equal(engine);
      expect(getDefaultEngine()).to.equal(undefined);
      await NestBand.insert(new NestBand({ name: "Bound", popularity: 3 }));
      expect(await ctx.engine.rawQuery("SELECT name FROM nest_band")).to.deep.equal([{ name: "Bound" }]);
    } finally {
      await app.close();
      await ctx.engine.rawQuery("DELETE FROM nest_band");
    }
  });

  it("forRoot refuses an unknown option and a missing engine before anything starts", () => {
    expect(() => PiccoloModule.forRoot({ engine: ctx.engine, tabels: [] } as never)).to.throw(
      /tabels.*Did you mean "tables"/,
    );
    expect(() => PiccoloModule.forRoot({} as never))
      .to.throw(/needs \{ engine \}/)
      .with.property("code", "PICCOLO_NESTJS_NO_ENGINE");
  });

  it("@Transactional() with no module started says so; with { engine } it runs outside NestJS too", async () => {
    class Jobs {
      @Transactional()
      async viaModule() {
        return ctx.engine.inTransaction;
      }

      @Transactional({ engine: ctx.engine })
      async viaEngine() {
        await NestBand.insert(new NestBand({ name: "Rolled back", popularity: 1 }));
        throw new Error("undo");
      }
    }
    const error = await rejection(() => new Jobs().viaModule());
    expect(error).to.have.property("code", "PICCOLO_NESTJS_NOT_STARTED");
    expect(error.message).to.include("@Transactional() on Jobs.viaModule ran, but no PiccoloModule is started");
    await withEngine(ctx.engine, async () => {
      expect((await rejection(() => new Jobs().viaEngine())).message).to.equal("undo");
      expect(await NestBand.count()).to.equal(0);
    });
  });

  it("SQLite only: a database file that cannot be opened stops NestFactory.create with a ConnectionError", async function () {
    onlyEngines(this, ctx, "sqlite");
    const path = join(tmpdir(), `no-such-folder-${randomBytes(4).toString("hex")}`, "app.sqlite");
    const error = await rejection(() => createApp({ kind: "sqlite", path }));
    expect(error).to.be.instanceOf(ConnectionError).with.property("code", "PICCOLO_CONNECTION_FAILED");
    expect(error.message).to.include(`Could not connect to SQLite database "${path}"`);
    expect(getDefaultEngine()).to.equal(undefined);
  });

  it("PostgreSQL only: a wrong port, user or database stops NestFactory.create, naming what it tried", async function () {
    onlyEngines(this, ctx, "postgres");
    const base = { ...pgConfig(), connectionTimeoutMillis: 3000 };
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [
        { port: 1 },
        /Could not connect to PostgreSQL at 127\.0\.0\.1:1 \(database "[^"]+", user "postgres"\): .*ECONNREFUSED/,
      ],
      [{ user: "no_such_role_x" }, /user "no_such_role_x"\): role "no_such_role_x" does not exist/],
      [{ database: "no_such_db_x" }, /database "no_such_db_x".*: database "no_such_db_x" does not exist/],
    ];
    for (const [change, message] of cases) {
      const error = await rejection(() => createApp({ kind: "postgres", config: { ...base, ...change } }));
      expect(error).to.be.instanceOf(ConnectionError).with.property("code", "PICCOLO_CONNECTION_FAILED");
      expect(error.message).to.match(message);
      expect(error.message).to.include("Check host, port, user, password and database");
      expect(getDefaultEngine()).to.equal(undefined);
    }
  });

  it("as `node main.js`: starts, answers over HTTP, and the process ends by itself after app.close()", async () => {
    const settings =
      ctx.family === "postgres"
        ? { kind: "postgres", config: pgConfig() }
        : { kind: "sqlite", path: (ctx.engine as SQLiteEngine).path };
    const { stdout } = await promisify(execFile)(process.execPath, [MAIN], {
      env: { ...process.env, NEST_DB: JSON.stringify(settings) },
      encoding: "utf8",
      timeout: 15000,
    });
    expect(stdout).to.match(/^engine: \{"sameEngine":true,"dialect":"(Postgres|SQLite)Dialect"\}\nclosed\n$/);
  });

  it("PostgreSQL only: as `node main.js` with a wrong port, the app does not start: exit 1 and the reason on stderr", async function () {
    onlyEngines(this, ctx, "postgres");
    const settings = { kind: "postgres", config: { ...pgConfig(), port: 1 } };
    const error = (await rejection(() =>
      promisify(execFile)(process.execPath, [MAIN], {
        env: { ...process.env, NEST_DB: JSON.stringify(settings) },
        encoding: "utf8",
        timeout: 15000,
      }),
    )) as Error & { code: number; stdout: string; stderr: string };
    expect(error.code).to.equal(1);
    expect(error.stdout).to.equal("");
    expect(error.stderr).to.match(/Could not connect to PostgreSQL at 127\.0\.0\.1:1/);
  });
});
