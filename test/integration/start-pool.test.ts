import { randomBytes } from "node:crypto";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "chai";
import { ConnectionError, PostgresEngine, SQLiteEngine } from "../../lib";
import { describeEachEngine, onlyEngines, pgConfig } from "../support/engines";

async function rejection(fn: () => Promise<unknown>): Promise<Error> {
  try {
    await fn();
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected a rejection");
}

// startPool() opens a connection, so a wrong config fails at app start, naming what it tried.
describeEachEngine("startPool() fails fast", (ctx) => {
  it("connects, after which queries run", async () => {
    const engine =
      ctx.family === "postgres"
        ? new PostgresEngine({ config: pgConfig() })
        : new SQLiteEngine({ path: (ctx.engine as SQLiteEngine).path });
    try {
      await engine.startPool();
      expect(await engine.rawQuery("SELECT 1 AS one")).to.deep.equal([{ one: 1 }]);
    } finally {
      await engine.close();
    }
  });

  it("SQLite only: a file in a missing folder is a ConnectionError naming the path", async function () {
    onlyEngines(this, ctx, "sqlite", "sqlite3");
    const path = join(tmpdir(), `missing-${randomBytes(4).toString("hex")}`, "app.sqlite");
    const engine = new SQLiteEngine({ path, driver: ctx.name === "sqlite3" ? "sqlite3" : "better-sqlite3" });
    const error = await rejection(() => engine.startPool());
    expect(error).to.be.instanceOf(ConnectionError).with.property("code", "PICCOLO_CONNECTION_FAILED");
    expect(error.message).to.match(
      new RegExp(`^Could not connect to SQLite database "${path}": .+\\. Check that its folder exists`),
    );
    expect((error as ConnectionError).cause).to.be.instanceOf(Error);
  });

  it("PostgreSQL only: a refused port names host, port, database and user, never the password", async function () {
    onlyEngines(this, ctx, "postgres");
    const engine = new PostgresEngine({
      config: { ...pgConfig(), port: 1, password: "s3cret-pw", connectionTimeoutMillis: 3000 },
    });
    try {
      const error = await rejection(() => engine.startPool());
      expect(error).to.be.instanceOf(ConnectionError).with.property("code", "PICCOLO_CONNECTION_FAILED");
      expect(error.message).to.match(
        /^Could not connect to PostgreSQL at 127\.0\.0\.1:1 \(database "[^"]+", user "[^"]+"\): .*ECONNREFUSED/,
      );
      expect(error.message).to.not.include("s3cret-pw");
      expect((error as ConnectionError).driverCode).to.equal("ECONNREFUSED");
    } finally {
      await engine.close();
    }
  });

  it('PostgreSQL only: "localhost" refused on IPv4 and IPv6 still says why (Node reports it without a message)', async function () {
    onlyEngines(this, ctx, "postgres");
    const engine = new PostgresEngine({
      config: { ...pgConfig(), host: "localhost", port: 1, connectionTimeoutMillis: 3000 },
    });
    try {
      const error = await rejection(() => engine.startPool());
      expect(error).to.be.instanceOf(ConnectionError);
      expect(error.message).to.match(/^Could not connect to PostgreSQL at localhost:1 \(.*\): \S+/);
      expect(error.message).to.include("ECONNREFUSED");
    } finally {
      await engine.close();
    }
  });

  it("PostgreSQL only: a role that does not exist fails at startPool with the server's reason", async function () {
    onlyEngines(this, ctx, "postgres");
    const engine = new PostgresEngine({ config: { ...pgConfig(), user: "piccolo_no_such_role" } });
    try {
      const error = await rejection(() => engine.startPool());
      expect(error).to.be.instanceOf(ConnectionError);
      expect(error.message).to.include('user "piccolo_no_such_role"): role "piccolo_no_such_role" does not exist');
      expect((error as ConnectionError).driverCode).to.equal("28000");
    } finally {
      await engine.close();
    }
  });
});
