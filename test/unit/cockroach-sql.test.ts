/**
 * The SQL and DDL CockroachEngine compiles, checked without a server (no CockroachDB binary can be
 * installed here): each column type's DDL, the default key, the migration lock, the refused
 * statements and AS OF SYSTEM TIME. The engine runs for real in cockroach-engine.test.ts.
 */
import { expect } from "chai";
import {
  ArrayColumn,
  BigIntColumn,
  BigSerial,
  BooleanColumn,
  Bytea,
  CockroachEngine,
  DateColumn,
  DoublePrecision,
  ForeignKey,
  Integer,
  Interval,
  JSONB,
  JSONColumn,
  Numeric,
  PostgresEngine,
  Real,
  SQLiteEngine,
  Serial,
  SmallInt,
  Table,
  Text,
  Time,
  Timestamp,
  Timestamptz,
  UUID,
  Varchar,
  column,
  table,
  type Ref,
} from "../../lib";
import { OrmError } from "../../lib/errors/orm-error";
import { CockroachDialect } from "../../lib/sql/dialects/cockroach/dialect";
import { fixtureSequenceReset } from "../../lib/sql/fixtures";

// Engines connect lazily: nothing here touches a server.
const crdb = new CockroachEngine({ config: { port: 1 } });
const pg = new PostgresEngine({ config: { port: 1 } });
const lite = new SQLiteEngine({ path: ":memory:" });
const dialect = new CockroachDialect();

@table({ db: crdb })
class Artist extends Table<Artist, bigint>() {
  @column(Varchar({ length: 50 })) name!: string;
}

@table({ db: crdb })
class Everything extends Table<Everything, bigint>() {
  @column(Text()) text!: string;
  @column(Integer()) integer!: number;
  @column(BigIntColumn()) big!: bigint;
  @column(SmallInt()) small!: number;
  @column(Real()) real!: number;
  @column(DoublePrecision()) double!: number;
  @column(Numeric({ digits: [10, 2] })) price!: string;
  @column(BooleanColumn()) flag!: boolean;
  @column(DateColumn()) day!: string;
  @column(Timestamp()) at!: Date;
  @column(Timestamptz()) atZone!: Date;
  @column(Time()) time!: string;
  @column(Interval()) length!: number;
  @column(UUID()) token!: string;
  @column(JSONColumn()) json!: unknown;
  @column(JSONB()) jsonb!: unknown;
  @column(Bytea()) bytes!: Uint8Array;
  @column(ArrayColumn(Integer())) numbers!: number[];
  @column(ForeignKey(() => Artist)) artist!: Ref<Artist, bigint> | null;
}

@table({ db: crdb })
class Ticket extends Table<Ticket, null>() {
  @column(UUID({ primaryKey: true })) id!: string;
}

@table({ db: crdb })
class Counter extends Table<Counter, null>() {
  @column(BigSerial({ primaryKey: true })) id!: bigint;
}

function errorOf(fn: () => unknown): OrmError {
  try {
    fn();
  } catch (error) {
    expect(error).to.be.instanceOf(OrmError);
    return error as OrmError;
  }
  throw new Error("expected an error");
}

describe("CockroachEngine SQL (compiled, no server)", () => {
  it("uses the CockroachDB dialect: a lock table for migrations and 64-bit default keys", () => {
    expect(crdb.dialect.name).to.equal("cockroach");
    expect(crdb.dialect.capabilities).to.include({ advisoryLock: true, lockTable: true, int64Keys: true });
    expect(pg.dialect.capabilities.lockTable).to.equal(undefined);
  });

  it("gives a table declared on it a default id of INT8 DEFAULT unique_rowid()", () => {
    expect(Artist.createTable().toSQL().sql).to.equal(
      'CREATE TABLE "artist" ("id" INT8 DEFAULT unique_rowid() PRIMARY KEY, "name" VARCHAR(50) NOT NULL)',
    );
  });

  it("writes the DDL of every column type: JSON as JSONB, the key as INT8 from unique_rowid()", () => {
    expect(Everything.createTable().toSQL().sql).to.equal(
      'CREATE TABLE "everything" (' +
        '"id" INT8 DEFAULT unique_rowid() PRIMARY KEY, "text" TEXT NOT NULL, "integer" INT8 NOT NULL, ' +
        '"big" BIGINT NOT NULL, "small" SMALLINT NOT NULL, "real" REAL NOT NULL, "double" DOUBLE PRECISION NOT NULL, ' +
        '"price" NUMERIC(10, 2) NOT NULL, "flag" BOOLEAN NOT NULL, "day" DATE NOT NULL, "at" TIMESTAMP NOT NULL, ' +
        '"atZone" TIMESTAMPTZ NOT NULL, "time" TIME NOT NULL, "length" INTERVAL NOT NULL, "token" UUID NOT NULL, ' +
        '"json" JSONB NOT NULL, "jsonb" JSONB NOT NULL, "bytes" BYTEA NOT NULL, "numbers" INT8[] NOT NULL, ' +
        '"artist" BIGINT REFERENCES "artist" ("id") ON DELETE CASCADE ON UPDATE CASCADE)',
    );
  });

  it("keeps UUID and BigSerial primary keys", () => {
    expect(Ticket.createTable().toSQL().sql).to.equal('CREATE TABLE "ticket" ("id" UUID PRIMARY KEY)');
    expect(Counter.createTable().toSQL().sql).to.equal(
      'CREATE TABLE "counter" ("id" INT8 DEFAULT unique_rowid() PRIMARY KEY)',
    );
  });

  it("backs a Serial column with a sequence of its own, owned by the column, and reads INT8 integers as numbers", () => {
    @table({ db: crdb })
    class Legacy extends Table<Legacy, null>() {
      @column(Serial({ primaryKey: true })) id!: number;
      @column(Integer()) count!: number;
    }
    expect(Legacy.createTable().toSQL().sql).to.equal(
      'CREATE SEQUENCE "legacy_id_seq"; ' +
        'CREATE TABLE "legacy" ("id" INT8 NOT NULL DEFAULT nextval(\'"legacy_id_seq"\') PRIMARY KEY, "count" INT8 NOT NULL); ' +
        'ALTER SEQUENCE "legacy_id_seq" OWNED BY "legacy"."id"',
    );
    expect(Legacy.createTable({ ifNotExists: true }).toSQL().sql).to.match(
      /^CREATE SEQUENCE IF NOT EXISTS "legacy_id_seq"; /,
    );
    const decode = dialect.decoder({ kind: "serial" } as never)!;
    expect(decode("42")).to.equal(42);
    expect(decode(7)).to.equal(7);
    expect(decode(String(Number.MAX_SAFE_INTEGER))).to.equal(Number.MAX_SAFE_INTEGER);
    const tooBig = errorOf(() => decode("9007199254740993"));
    expect(tooBig.code).to.equal("PICCOLO_INTEGER_OUT_OF_RANGE");
    expect(tooBig.message).to.match(/9007199254740993 is beyond Number\.MAX_SAFE_INTEGER/);
    expect(dialect.decoder({ kind: "array", element: { kind: "integer" } } as never)!(["1", null, "3"])).to.deep.equal([
      1,
      null,
      3,
    ]);
  });

  it("moves a Serial's own sequence past loaded fixture keys; a BigSerial (unique_rowid()) needs nothing", () => {
    expect(fixtureSequenceReset(dialect, { name: "band", schema: "music" }, "id", "serial")).to.deep.equal({
      sql: 'SELECT setval({}, COALESCE(MAX("id"), 1), MAX("id") IS NOT NULL) FROM "music"."band"',
      params: ['"music"."band_id_seq"'],
    });
    expect(fixtureSequenceReset(dialect, { name: "band" }, "id", "bigserial")).to.equal(undefined);
    expect(fixtureSequenceReset(pg.dialect, { name: "band" }, "id", "serial")?.sql).to.contain(
      "pg_get_serial_sequence",
    );
  });

  it("refuses a Serial column added to an existing table, whose sequence CREATE TABLE makes", () => {
    const error = errorOf(() =>
      dialect.compiler.compile({
        kind: "alterTable",
        table: { kind: "table", name: "band" },
        action: {
          kind: "addColumn",
          column: { name: "n", type: { kind: "serial" } as never, primaryKey: false, notNull: true, unique: false },
        },
      }),
    );
    expect(error.code).to.equal("PICCOLO_SERIAL_ON_COCKROACH");
    expect(error.message).to.match(/Column n is a Serial\(\) added to an existing table/);
  });

  it("reads the default key and BigSerial keys as bigint", () => {
    const decode = dialect.decoder({ kind: "bigserial" } as never);
    expect(decode?.("9007199254740993123")).to.equal(9007199254740993123n);
  });

  it("refuses ALTER COLUMN TYPE, which CockroachDB cannot run inside a migration's transaction", () => {
    const error = errorOf(() =>
      dialect.compiler.compile({
        kind: "alterTable",
        table: { kind: "table", name: "band" },
        action: { kind: "alterColumnType", name: "popularity", type: { kind: "bigint" } as never },
      }),
    );
    expect(error.code).to.equal("PICCOLO_ALTER_COLUMN_TYPE_ON_COCKROACH");
    // Other ALTER actions are PostgreSQL's.
    const setNull = dialect.compiler.compile({
      kind: "alterTable",
      table: { kind: "table", name: "band" },
      action: { kind: "setNotNull", name: "popularity", notNull: false },
    });
    expect(setNull.sql).to.equal('ALTER TABLE "band" ALTER COLUMN "popularity" DROP NOT NULL');
  });

  it("takes the migration lock by writing a row of the lock table, not with an advisory lock", () => {
    expect(dialect.compiler.compile({ kind: "lockTable" }).sql).to.equal(
      'CREATE TABLE IF NOT EXISTS "piccolo_migration_lock" ("key" INT8 PRIMARY KEY, "taken_at" TIMESTAMPTZ NOT NULL)',
    );
    expect(dialect.compiler.compile({ kind: "advisoryLock", key: 42 })).to.deep.equal({
      sql:
        'INSERT INTO "piccolo_migration_lock" ("key", "taken_at") VALUES ($1, now()) ' +
        'ON CONFLICT ("key") DO UPDATE SET "taken_at" = excluded."taken_at"',
      params: [42],
    });
    expect(errorOf(() => pg.dialect.compiler.compile({ kind: "lockTable" })).code).to.equal(
      "PICCOLO_UNSUPPORTED_STATEMENT",
    );
  });

  it("drops a column's constraints by names read from information_schema, with no DO block", () => {
    const compiled = dialect.compiler.compile({
      kind: "dropColumnConstraints",
      table: { kind: "table", name: "band" },
      column: "manager",
      constraint: "unique",
    });
    // The runner runs each returned `statement`: the catalogue query itself changes nothing.
    expect(compiled.migrationStep).to.deep.equal({ kind: "returnedStatements" });
    expect(compiled.sql).to.not.match(/\bDO\b|\$piccolo\$|pg_constraint|regclass/);
    expect(compiled.sql).to.equal(
      "SELECT DISTINCT CASE WHEN tc.constraint_type = 'UNIQUE' AND version() LIKE 'CockroachDB%' " +
        `THEN 'DROP INDEX ' || '"band"' || '@' || '"' || replace(tc.constraint_name, '"', '""') || '"' || ' CASCADE' ` +
        `ELSE 'ALTER TABLE ' || '"band"' || ' DROP CONSTRAINT ' || '"' || replace(tc.constraint_name, '"', '""') || '"' END ` +
        'AS "statement" FROM information_schema.table_constraints tc JOIN information_schema.key_column_usage kcu ' +
        "ON kcu.constraint_schema = tc.constraint_schema AND kcu.constraint_name = tc.constraint_name " +
        "AND kcu.table_schema = tc.table_schema AND kcu.table_name = tc.table_name " +
        "WHERE tc.table_schema = current_schema() AND tc.table_name = $1 AND tc.constraint_type = $2 AND kcu.column_name = $3",
    );
    expect(compiled.params).to.deep.equal(["band", "UNIQUE", "manager"]);
    const foreignKey = dialect.compiler.compile({
      kind: "dropColumnConstraints",
      table: { kind: "table", name: "band", schema: "music" },
      column: "manager",
      constraint: "foreignKey",
    });
    expect(foreignKey.params).to.deep.equal(["music", "band", "FOREIGN KEY", "manager"]);
    expect(foreignKey.sql).to.include(`'ALTER TABLE ' || '"music"."band"' || ' DROP CONSTRAINT '`);
    // PostgreSQL keeps its one DO block, which needs no step of the runner.
    const postgres = pg.dialect.compiler.compile({
      kind: "dropColumnConstraints",
      table: { kind: "table", name: "band" },
      column: "manager",
      constraint: "unique",
    });
    expect(postgres.sql).to.match(/^DO \$piccolo\$/);
    expect(postgres.migrationStep).to.equal(undefined);
  });

  describe("asOfSystemTime()", () => {
    it("reads at a negative interval, after the FROM clause and its joins, before WHERE", () => {
      const sql = Everything.select(Everything.c.text, Everything.c.artist.name)
        .where(Everything.c.integer.gt(1))
        .asOfSystemTime("-10s")
        .toSQL();
      expect(sql.sql).to.equal(
        'SELECT "everything"."text", "everything$artist"."name" AS "artist.name" FROM "everything" ' +
          'LEFT JOIN "artist" AS "everything$artist" ON "everything$artist"."id" = "everything"."artist" ' +
          'AS OF SYSTEM TIME \'-10s\' WHERE "everything"."integer" > $1',
      );
      expect(sql.params).to.deep.equal([1]);
    });

    it("reads at a Date (as a UTC timestamp) or at follower_read_timestamp()", () => {
      const at = new Date("2026-01-02T03:04:05.678Z");
      expect(Artist.select(Artist.c.name).asOfSystemTime(at).toSQL().sql).to.equal(
        `SELECT "artist"."name" FROM "artist" AS OF SYSTEM TIME '2026-01-02 03:04:05.678'`,
      );
      expect(Artist.select(Artist.c.name).asOfSystemTime("follower_read_timestamp()").toSQL().sql).to.equal(
        'SELECT "artist"."name" FROM "artist" AS OF SYSTEM TIME follower_read_timestamp()',
      );
      expect(Artist.select(Artist.c.name).asOfSystemTime("-1m30s").toSQL().sql).to.equal(
        `SELECT "artist"."name" FROM "artist" AS OF SYSTEM TIME '-1m30s'`,
      );
    });

    it("refuses anything but a Date, a negative interval or follower_read_timestamp()", () => {
      for (const bad of ["10s", "-10 seconds", "-10s'; DROP TABLE artist; --", "now()", 10, new Date(Number.NaN)]) {
        const error = errorOf(() => Artist.select().asOfSystemTime(bad as never));
        expect(error.code, String(bad)).to.equal("PICCOLO_INVALID_AS_OF_SYSTEM_TIME");
      }
    });

    it("refuses to combine with lockRows(), which CockroachDB does not allow on a historical read", () => {
      const error = errorOf(() => Artist.select().asOfSystemTime("-5s").lockRows().toSQL());
      expect(error.code).to.equal("PICCOLO_CONFLICTING_OPTIONS");
    });

    it("is refused when the query compiles for PostgreSQL or SQLite", () => {
      for (const engine of [pg, lite]) {
        @table({ db: engine })
        class Band extends Table<Band>() {
          @column(Varchar()) name!: string;
        }
        const error = errorOf(() => Band.select().asOfSystemTime("-10s").toSQL());
        expect(error.code).to.equal("PICCOLO_AS_OF_SYSTEM_TIME_UNSUPPORTED");
        expect(error.message).to.match(/^(PostgreSQL|SQLite) has no AS OF SYSTEM TIME/);
      }
    });
  });

  describe("options", () => {
    it("refuses unknown options and bad values, naming CockroachEngine", () => {
      expect(errorOf(() => new CockroachEngine({ retry: 3 } as never)).message).to.match(
        /^CockroachEngine has no option "retry"/,
      );
      expect(errorOf(() => new CockroachEngine({ retries: -1 })).code).to.equal("PICCOLO_INVALID_ENGINE_OPTION");
      expect(errorOf(() => new CockroachEngine({ autocommitBeforeDdl: "no" as never })).code).to.equal(
        "PICCOLO_INVALID_ENGINE_OPTION",
      );
    });
  });
});
