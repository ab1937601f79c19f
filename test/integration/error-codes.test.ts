import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "chai";
import {
  CheckViolationError,
  ConnectionError,
  ConstraintViolationError,
  DatabaseError,
  ForeignKeyViolationError,
  Integer,
  NotNullViolationError,
  OrmError,
  PostgresEngine,
  QueryError,
  SQLiteEngine,
  Table,
  UniqueViolationError,
  ValidationError,
  Varchar,
  column,
  table,
} from "../../lib";
import { describeEachEngine, onlyEngines, pgConfig } from "../support/engines";

/** Runs `fn` and returns what it threw or rejected with; fails the test when it succeeds. */
async function caught(fn: () => unknown): Promise<OrmError> {
  try {
    await fn();
  } catch (error) {
    return error as OrmError;
  }
  expect.fail("expected an error");
}

describeEachEngine("errors carry a class and a stable code callers branch on", (ctx) => {
  let Item: ReturnType<typeof define>;
  const define = () => {
    @table({ db: ctx.engine, tablename: "ec_owner" })
    class Owner extends Table<Owner>() {
      @column(Varchar({ length: 20, unique: true })) name!: string;
    }
    @table({ db: ctx.engine, tablename: "ec_item", checks: [{ check: "qty >= 0", name: "ec_item_qty_check" }] })
    class Thing extends Table<Thing>() {
      @column(Varchar({ length: 20 })) label!: string;
      @column(Integer({ default: 0 })) qty!: number;
      @column(Integer({ null: true })) owner!: number | null;
    }
    return { Owner, Thing };
  };

  before(async () => {
    await ctx.dropTables("ec_item", "ec_owner");
    Item = define();
    await Item.Owner.createTable();
    await Item.Thing.createTable();
    await ctx.engine.rawQuery(
      "CREATE TABLE ec_link (id INTEGER PRIMARY KEY, owner_id INTEGER NOT NULL REFERENCES ec_owner (id))",
    );
    await Item.Owner.insert({ name: "Guido" });
  });
  after(() => ctx.dropTables("ec_link", "ec_item", "ec_owner"));

  it("an unknown column: QueryError PICCOLO_COLUMN_NOT_FOUND, nothing sent", async () => {
    const error = await caught(() => Item.Owner.insert({ nme: "x" } as never).run());
    expect(error).to.be.instanceOf(QueryError).and.include({ code: "PICCOLO_COLUMN_NOT_FOUND" });
    expect(error.message).to.match(/has no column "nme"\. Did you mean "name"\?/);
    expect(await Item.Owner.count()).to.equal(1);
  });

  it("a value of the wrong type: ValidationError PICCOLO_VALIDATION_FAILED (PICCOLO_INVALID_VALUE unvalidated)", async () => {
    const error = await caught(() => Item.Thing.insert({ label: "x", qty: "many" as never }).run());
    expect(error)
      .to.be.instanceOf(ValidationError)
      .and.include({ code: "PICCOLO_VALIDATION_FAILED", table: "ec_item", column: "qty" });
    const unvalidated = await caught(() => Item.Thing.insert({ label: "x", qty: "many" as never }).validate(false));
    expect(unvalidated)
      .to.be.instanceOf(ValidationError)
      .and.include({ code: "PICCOLO_INVALID_VALUE", table: "ec_item", column: "qty" });
  });

  it("a unique violation: UniqueViolationError, a ConstraintViolationError, PICCOLO_UNIQUE_VIOLATION", async () => {
    const error = await caught(() => Item.Owner.insert({ name: "Guido" }).run());
    expect(error)
      .to.be.instanceOf(UniqueViolationError)
      .and.instanceOf(ConstraintViolationError)
      .and.instanceOf(DatabaseError);
    expect(error.code).to.equal("PICCOLO_UNIQUE_VIOLATION");
    expect((error as DatabaseError).driverCode).to.equal(
      ctx.family === "postgres" ? "23505" : "SQLITE_CONSTRAINT_UNIQUE",
    );
  });

  it("a foreign key violation: ForeignKeyViolationError PICCOLO_FOREIGN_KEY_VIOLATION", async () => {
    const error = await caught(() =>
      ctx.engine.rawQuery("INSERT INTO ec_link (id, owner_id) VALUES ({}, {})", [1, 999]),
    );
    expect(error).to.be.instanceOf(ForeignKeyViolationError).and.instanceOf(ConstraintViolationError);
    expect(error.code).to.equal("PICCOLO_FOREIGN_KEY_VIOLATION");
  });

  it("a not null violation: NotNullViolationError PICCOLO_NOT_NULL_VIOLATION", async () => {
    const error = await caught(() => ctx.engine.rawQuery("INSERT INTO ec_link (id, owner_id) VALUES ({}, NULL)", [2]));
    expect(error).to.be.instanceOf(NotNullViolationError).and.instanceOf(ConstraintViolationError);
    expect(error.code).to.equal("PICCOLO_NOT_NULL_VIOLATION");
  });

  it("a check violation: CheckViolationError PICCOLO_CHECK_VIOLATION", async () => {
    const error = await caught(() => Item.Thing.insert({ label: "x", qty: -1 }).run());
    expect(error).to.be.instanceOf(CheckViolationError).and.instanceOf(ConstraintViolationError);
    expect(error.code).to.equal("PICCOLO_CHECK_VIOLATION");
    expect(await Item.Thing.count()).to.equal(0);
  });

  it("PostgreSQL only: a syntax error keeps the server's position; an unknown function its hint", async function () {
    onlyEngines(this, ctx, "postgres");
    const syntax = (await caught(() => ctx.engine.rawQuery("SELECT * FROM ec_owner WHER name = 'x'"))) as DatabaseError;
    expect(syntax).to.be.instanceOf(DatabaseError).and.include({ code: "PICCOLO_DATABASE_ERROR", driverCode: "42601" });
    expect(syntax.position).to.equal(29);
    const hinted = (await caught(() => ctx.engine.rawQuery("SELECT no_such_function(1)"))) as DatabaseError;
    expect(hinted.hint).to.match(/No function matches/);
    expect(hinted.driverCode).to.equal("42883");
    const constraint = (await caught(() => Item.Owner.insert({ name: "Guido" }).run())) as DatabaseError;
    expect(constraint.schema).to.equal("public");
  });

  it("PostgreSQL only: connection refused on a closed port is a ConnectionError PICCOLO_CONNECTION_FAILED", async function () {
    onlyEngines(this, ctx, "postgres");
    const closed = new PostgresEngine({
      config: { ...pgConfig(), host: "127.0.0.1", port: 1, connectionTimeoutMillis: 3000 },
    });
    try {
      const error = await caught(() => closed.rawQuery("SELECT 1"));
      expect(error)
        .to.be.instanceOf(ConnectionError)
        .and.instanceOf(DatabaseError)
        .and.include({ code: "PICCOLO_CONNECTION_FAILED", driverCode: "ECONNREFUSED" });
      const txError = await caught(() => closed.transaction(async () => 1));
      expect(txError).to.be.instanceOf(ConnectionError).and.include({ code: "PICCOLO_CONNECTION_FAILED" });
    } finally {
      await closed.close();
    }
  });

  it("SQLite only: a database file that cannot be opened is a ConnectionError PICCOLO_CONNECTION_FAILED", async function () {
    onlyEngines(this, ctx, "sqlite");
    const dir = mkdtempSync(join(tmpdir(), "piccolo-ec-"));
    const unreachable = new SQLiteEngine({ path: join(dir, "missing-folder", "db.sqlite") });
    try {
      const error = await caught(() => unreachable.rawQuery("SELECT 1"));
      expect(error).to.be.instanceOf(ConnectionError).and.include({ code: "PICCOLO_CONNECTION_FAILED" });
    } finally {
      await unreachable.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
