import { expect } from "chai";
import {
  ArrayColumn,
  BooleanColumn,
  Engine,
  Integer,
  PostgresEngine,
  SQLiteEngine,
  Table,
  Varchar,
  column,
  table,
} from "../../lib";
import { tableSchemaOf } from "../../lib/migrations/from-tables";
import { Snapshot } from "../../lib/migrations/snapshot";
import { planOperation } from "../../lib/migrations/planner";
import { PostgresDialect } from "../../lib/sql/dialects/postgres/dialect";
import { SQLiteDialect } from "../../lib/sql/dialects/sqlite/dialect";
import { OrmError } from "../../lib";
import { tableMetaOf } from "../../lib/table/metadata";

describe("table constraints: names and stored conditions", () => {
  const db = new SQLiteEngine({ path: ":memory:" });
  after(() => db.close());

  @table({
    db,
    tablename: "u_band",
    unique: [
      ["name", "rank"],
      ["name", "rank"],
    ],
    indexes: [{ columns: ["name"] }, { columns: ["name"] }, { columns: ["rank"], name: "u_band_name_idx2" }],
    checks: [
      { check: () => Band.c.rank.gte(0) },
      { check: () => Band.c.rank.lte(10).and(Band.c.name.ne("it's")) },
      { check: () => Band.c.rank.gte(1) },
      { check: "tags <> '{}'" },
      { check: () => Band.c.active.eq(true) },
    ],
  })
  class Band extends Table<Band>() {
    @column(Varchar()) name!: string;
    @column(Integer()) rank!: number;
    @column(BooleanColumn()) active!: boolean;
    @column(ArrayColumn(Integer())) tags!: number[];
  }

  it("derives PostgreSQL-style names from the columns, numbered when two would clash, and keeps given ones", () => {
    const schema = tableSchemaOf(tableMetaOf(Band));
    expect(schema.constraints!.map((c) => c.name)).to.deep.equal([
      "u_band_name_rank_key",
      "u_band_name_rank_key1",
      "u_band_rank_check",
      "u_band_rank_name_check",
      "u_band_rank_check1",
      "u_band_check",
      "u_band_active_check",
    ]);
    expect(schema.indexes!.map((i) => i.name)).to.deep.equal([
      "u_band_name_idx",
      "u_band_name_idx1",
      "u_band_name_idx2",
    ]);
  });

  it("stores conditions as dialect-neutral SQL text: one string when both engines agree, else each one's", () => {
    const checks = tableSchemaOf(tableMetaOf(Band))
      .constraints!.filter((c) => c.type === "check")
      .map((c) => (c.type === "check" ? c.check : ""));
    expect(checks).to.deep.equal([
      '"rank" >= 0',
      "(\"rank\" <= 10) AND (\"name\" <> 'it''s')",
      '"rank" >= 1',
      "tags <> '{}'",
      { postgres: '"active" = TRUE', sqlite: '"active" = 1' },
    ]);
  });

  it("writes SQL text as it is, braces included, and values as literals", () => {
    const sql = Band.createTable().toSQL();
    expect(sql.params).to.deep.equal([]);
    expect(sql.sql).to.contain(`CONSTRAINT "u_band_check" CHECK ((tags <> '{}'))`);
    expect(sql.sql).to.contain(`CONSTRAINT "u_band_rank_name_check" CHECK (("rank" <= 10) AND ("name" <> 'it''s'))`);
  });

  it("replays constraint operations from migration files and refuses ones that do not fit", () => {
    const id = { name: "id", type: "serial", null: false, primaryKey: true } as const;
    const start = new Snapshot().apply({
      op: "createTable",
      table: "t",
      columns: [id, { name: "a", type: "integer", null: false }],
    });
    const withIndex = start.apply({
      op: "addIndex",
      table: "t",
      index: { name: "t_a_idx", columns: ["a"], method: "btree" },
    });
    expect(withIndex.table("t")!.indexes).to.deep.equal([{ name: "t_a_idx", columns: ["a"] }]);
    expect(() => start.apply({ op: "addIndex", table: "t", index: { name: "t_b_idx", columns: ["b"] } })).to.throw(
      OrmError,
      /column "t.b" does not exist/,
    );
    expect(() =>
      withIndex.apply({
        op: "addConstraint",
        table: "t",
        constraint: { type: "check", name: "t_a_idx", check: "a > 0" },
      }),
    ).to.throw(OrmError, /"t_a_idx" already exists/);
    expect(() => start.apply({ op: "dropConstraint", table: "t", name: "nope" })).to.throw(
      OrmError,
      /has no constraint "nope"/,
    );
    expect(() =>
      new Snapshot().apply({
        op: "createTable",
        table: "u",
        columns: [id],
        constraints: [{ type: "unique", name: "u_x_key", columns: ["x"] }],
      }),
    ).to.throw(OrmError, /"u_x_key" names a column/);
    // A dropped column takes its indexes with it; a renamed one is followed.
    expect(withIndex.apply({ op: "renameColumn", table: "t", column: "a", to: "b" }).table("t")!.indexes).to.deep.equal(
      [{ name: "t_a_idx", columns: ["b"] }],
    );
    expect(withIndex.apply({ op: "dropColumn", table: "t", column: "a" }).table("t")!.indexes).to.equal(undefined);
  });

  it("plans now defaults: SET DEFAULT on PostgreSQL, a rebuild on SQLite (which cannot ADD COLUMN with one)", () => {
    const pg = new PostgresDialect();
    const lite = new SQLiteDialect();
    const start = new Snapshot().apply({
      op: "createTable",
      table: "t",
      columns: [
        { name: "id", type: "serial", null: false, primaryKey: true },
        { name: "at", type: "timestamp", null: true },
      ],
    });
    const toNow = {
      op: "alterColumn",
      table: "t",
      column: { name: "at", type: "timestamp", null: true, defaultNow: true },
    } as const;
    expect(
      planOperation(toNow, start, pg.capabilities).statements.map((x) => pg.compiler.compile(x).sql),
    ).to.deep.equal([`ALTER TABLE "t" ALTER COLUMN "at" SET DEFAULT (CURRENT_TIMESTAMP AT TIME ZONE 'UTC')`]);
    const back = { op: "alterColumn", table: "t", column: { name: "at", type: "timestamp", null: true } } as const;
    expect(
      planOperation(back, start.apply(toNow), pg.capabilities).statements.map((x) => pg.compiler.compile(x).sql),
    ).to.deep.equal(['ALTER TABLE "t" ALTER COLUMN "at" DROP DEFAULT']);
    expect(planOperation(toNow, start, lite.capabilities).rebuild).to.equal(true);
    const add = {
      op: "addColumn",
      table: "t",
      column: { name: "day", type: "date", null: false, defaultNow: true },
    } as const;
    expect(planOperation(add, start, lite.capabilities).rebuild).to.equal(true);
    expect(planOperation(add, start, pg.capabilities).statements.map((x) => pg.compiler.compile(x).sql)).to.deep.equal([
      `ALTER TABLE "t" ADD COLUMN "day" DATE NOT NULL DEFAULT (CAST((CURRENT_TIMESTAMP AT TIME ZONE 'UTC') AS DATE))`,
    ]);
    expect(() =>
      new Snapshot().apply({
        op: "createTable",
        table: "u",
        columns: [{ name: "n", type: "integer", null: false, defaultNow: true }],
      }),
    ).to.throw(OrmError, /defaultNow but holds no date or time/);
  });

  it("stores the same migration data whichever engine the table is bound to", async () => {
    const pgEngine = new PostgresEngine({ config: { host: "127.0.0.1" } });
    const define = (engine: Engine) => {
      @table({
        db: engine,
        tablename: "u_same",
        unique: [["name", "on"]],
        indexes: [{ columns: ["name"], where: () => Same.c.on.eq(true) }],
        checks: [{ check: () => Same.c.name.ne("") }],
      })
      class Same extends Table<Same>() {
        @column(Varchar()) name!: string;
        @column(BooleanColumn()) on!: boolean;
      }
      return tableSchemaOf(tableMetaOf(Same));
    };
    expect(define(pgEngine)).to.deep.equal(define(db));
    await pgEngine.close();
  });
});
