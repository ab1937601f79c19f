import { expect } from "chai";
import { BigIntColumn, PostgresEngine, SQLiteEngine, Table, and, column, not, or, table } from "../../lib";
import type { DataType } from "../../lib/sql/ast/data-type";
import type { ExpressionNode, StatementNode, TableNode } from "../../lib/sql/ast/nodes";
import { makeFixtures } from "../support/fixtures";

// No database is touched: toSQL() only compiles, and engines connect lazily.
const pg = makeFixtures(new PostgresEngine({ config: { port: 1 } }));
const lite = makeFixtures(new SQLiteEngine({ path: ":memory:" }));

describe("compiler: SQL per dialect", () => {
  it("quotes identifiers and numbers placeholders per dialect", () => {
    expect(
      pg.Band.select(pg.Band.c.name).where(pg.Band.c.popularity.gt(5), pg.Band.c.name.ne("x")).toSQL(),
    ).to.deep.equal({
      sql: 'SELECT "band"."name" FROM "band" WHERE ("band"."popularity" > $1) AND ("band"."name" <> $2)',
      params: [5, "x"],
      readOnly: true, // a plain select: an engine with replicas may route it
    });
    expect(lite.Band.select(lite.Band.c.name).where(lite.Band.c.popularity.gt(5)).toSQL()).to.deep.equal({
      sql: 'SELECT "band"."name" FROM "band" WHERE "band"."popularity" > ?',
      params: [5],
      readOnly: true,
    });
  });

  it("joins each foreign-key path once, under its own alias", () => {
    const { Concert } = pg;
    const sql = Concert.select(Concert.c.band1.name, Concert.c.band2.name, Concert.c.band1.manager.name)
      .where(Concert.c.band1.manager.name.eq("Guido"))
      .toSQL().sql;
    expect(sql).to.equal(
      'SELECT "concert$band1"."name" AS "band1.name", "concert$band2"."name" AS "band2.name", "concert$band1$manager"."name" AS "band1.manager.name" FROM "concert"' +
        ' LEFT JOIN "band" AS "concert$band1" ON "concert$band1"."id" = "concert"."band1"' +
        ' LEFT JOIN "band" AS "concert$band2" ON "concert$band2"."id" = "concert"."band2"' +
        ' LEFT JOIN "manager" AS "concert$band1$manager" ON "concert$band1$manager"."id" = "concert$band1"."manager"' +
        ' WHERE "concert$band1$manager"."name" = $1',
    );
  });

  it("renders ILIKE natively on PostgreSQL and as a GLOB of case classes on SQLite", () => {
    expect(pg.Band.select(pg.Band.c.name).where(pg.Band.c.name.ilike("p%")).toSQL().sql).to.match(
      /"band"\."name" ILIKE \$1$/,
    );
    const lite1 = lite.Band.select(lite.Band.c.name).where(lite.Band.c.name.ilike("pü_%\\_*")).toSQL();
    expect(lite1.sql).to.match(/"band"\."name" GLOB \?$/);
    expect(lite1.params).to.deep.equal(["[pP][üÜ]?*_[*]"]);
    expect(lite.Band.select(lite.Band.c.name).where(lite.Band.c.name.ilike("k")).toSQL().params).to.deep.equal([
      "[kK\u212a]",
    ]);
  });

  it("parenthesises nested and/or/not", () => {
    const { Band } = pg;
    const where = or(Band.c.name.eq("a"), and(Band.c.popularity.gt(1), not(Band.c.manager.isNull())));
    expect(Band.select(Band.c.id).where(where).toSQL().sql).to.match(
      /WHERE \("band"\."name" = \$1\) OR \(\("band"\."popularity" > \$2\) AND \(NOT \("band"\."manager" IS NULL\)\)\)$/,
    );
  });

  it("renders empty IN lists as constant conditions", () => {
    const { Band } = lite;
    expect(Band.select(Band.c.id).where(Band.c.name.isIn([])).toSQL().sql).to.match(/WHERE 1 = 0$/);
    expect(Band.select(Band.c.id).where(Band.c.name.notIn([])).toSQL().sql).to.match(/WHERE 1 = 1$/);
  });

  it("writes LIMIT/OFFSET as checked literals, and gives SQLite a LIMIT before an OFFSET", () => {
    expect(lite.Band.select(lite.Band.c.id).offset(3).toSQL()).to.deep.equal({
      sql: 'SELECT "band"."id" FROM "band" LIMIT -1 OFFSET 3',
      params: [],
      readOnly: true,
    });
    expect(pg.Band.select(pg.Band.c.id).limit(5).offset(3).toSQL().sql).to.match(/FROM "band" LIMIT 5 OFFSET 3$/);
    expect(() => pg.Band.select().limit(1.5)).to.throw(/whole number/);
    expect(() => pg.Band.select().offset("1; DROP TABLE band" as never)).to.throw(/whole number/);
  });

  it("reads SQLite bigints as text so they stay exact", () => {
    @table({ db: new SQLiteEngine({ path: ":memory:" }) })
    class Counter extends Table<Counter>() {
      @column(BigIntColumn()) hits!: bigint;
    }
    expect(Counter.select(Counter.c.id, Counter.c.hits).toSQL().sql).to.equal(
      'SELECT "counter"."id", CAST("counter"."hits" AS TEXT) AS "hits" FROM "counter"',
    );
  });

  it("turns a where through a foreign key into a key subquery for update and delete", () => {
    const { Band } = pg;
    expect(Band.delete().where(Band.c.manager.name.eq("Guido")).toSQL().sql).to.equal(
      'DELETE FROM "band" WHERE "band"."id" IN (SELECT "band"."id" FROM "band" LEFT JOIN "manager" AS "band$manager" ON "band$manager"."id" = "band"."manager" WHERE "band$manager"."name" = $1)',
    );
  });

  it("writes CREATE TABLE with keys, defaults and references per dialect", () => {
    expect(pg.Band.createTable({ ifNotExists: true }).toSQL().sql).to.equal(
      'CREATE TABLE IF NOT EXISTS "band" ("id" SERIAL PRIMARY KEY, "name" VARCHAR(50) NOT NULL, "manager" INTEGER REFERENCES "manager" ("id") ON DELETE SET NULL ON UPDATE CASCADE, "popularity" INTEGER NOT NULL DEFAULT 0)',
    );
    expect(lite.Band.createTable().toSQL().sql).to.equal(
      'CREATE TABLE "band" ("id" INTEGER PRIMARY KEY, "name" VARCHAR(50) NOT NULL, "manager" INTEGER REFERENCES "manager" ("id") ON DELETE SET NULL ON UPDATE CASCADE, "popularity" INTEGER NOT NULL DEFAULT 0)',
    );
  });

  it("binds raw {} placeholders and refuses a count mismatch", () => {
    expect(pg.Band.raw("SELECT * FROM band WHERE name = {} AND popularity > {}", "x", 3).toSQL()).to.deep.equal({
      sql: "SELECT * FROM band WHERE name = $1 AND popularity > $2",
      params: ["x", 3],
    });
    expect(() => lite.Band.raw("SELECT {}").toSQL()).to.throw(/1 \{\} placeholder\(s\) but 0 parameter/);
  });
});

describe("compiler: one context per compile", () => {
  const band: TableNode = { kind: "table", name: "band" };
  const text: DataType = { kind: "text" };
  const column = (name: string): ExpressionNode => ({ kind: "column", table: "band", name, type: text });
  const value = (v: unknown, secret?: boolean): ExpressionNode => ({ kind: "value", value: v, type: text, secret });
  const equals = (right: ExpressionNode): ExpressionNode => ({ kind: "binary", op: "=", left: column("name"), right });
  const selectWhere = (...values: ExpressionNode[]): StatementNode => ({
    kind: "select",
    from: band,
    joins: [],
    selections: [{ expr: column("name") }],
    where: { kind: "and", items: values.map(equals) },
    orderBy: [],
    distinct: false,
  });

  for (const name of ["postgres", "sqlite"] as const) {
    const compiler = (
      name === "postgres" ? new PostgresEngine({ config: { port: 1 } }) : new SQLiteEngine({ path: ":memory:" })
    ).dialect.compiler;

    it(`${name}: marks the secret parameters of each compile only, and a DDL condition between compiles leaves queries parameterised`, () => {
      const secret = compiler.compile(selectWhere(value("a"), value("s1", true), value("b"), value("s2", true)));
      expect(secret.params).to.deep.equal(["a", "s1", "b", "s2"]);
      expect(secret.secretParams).to.deep.equal([1, 3]);
      const ddl = compiler.compile({
        kind: "createTable",
        table: band,
        ifNotExists: false,
        columns: [{ name: "name", type: text, primaryKey: false, notNull: false, unique: false }],
        constraints: [
          {
            kind: "check",
            name: "name_set",
            condition: { kind: "binary", op: "<>", left: column("name"), right: value("", true) },
          },
        ],
      });
      expect(ddl.sql).to.contain(`CHECK ("name" <> '')`);
      expect(ddl.params).to.deep.equal([]);
      expect(ddl).not.to.have.property("secretParams");
      const plain = compiler.compile(selectWhere(value("c")));
      expect(plain.sql).to.contain(`"band"."name" = ${name === "postgres" ? "$1" : "?"}`);
      expect(plain.params).to.deep.equal(["c"]);
      expect(plain).not.to.have.property("secretParams");
    });
  }
});
