/**
 * CockroachEngine run for real on PostgreSQL, where the SQL is the same: no CockroachDB binary can
 * be installed here. What PostgreSQL lacks is shimmed by a test-only SQL function in the test
 * database: unique_rowid(), made like CockroachDB's (a timestamp shifted left 15 bits, plus a
 * counter), so keys exceed 2^53. Connecting, bigint keys, JSON stored as JSONB, the DDL setting
 * after BEGIN, retries of real SERIALIZABLE conflicts (40001) and the lock-table migration lock run
 * as they would on CockroachDB. With CRDB_URL set, the engine suites also run on a real cluster
 * (test/support/engines.ts).
 */
import { expect } from "chai";
import { Client } from "pg";
import {
  CockroachEngine,
  Integer,
  JSONColumn,
  MigrationRunner,
  Serial,
  SerializationFailureError,
  Table,
  Varchar,
  column,
  table,
  ForeignKey,
  type Migration,
  type QueryLogEntry,
  type Ref,
} from "../../lib";
import { pgConfig, postgresReachable } from "../support/engines";

// CockroachDB's unique_rowid(): (time in units of 10 µs) << 15 | a per-node counter.
const shimSql = [
  "CREATE SEQUENCE IF NOT EXISTS piccolo_test_rowid_seq",
  `CREATE OR REPLACE FUNCTION unique_rowid() RETURNS INT8 LANGUAGE SQL VOLATILE AS $$
     SELECT (floor(extract(epoch FROM clock_timestamp()) * 100000)::INT8 << 15) | (nextval('piccolo_test_rowid_seq') % 32768)
   $$`,
];

async function runOnServer(...statements: string[]): Promise<void> {
  const client = new Client(pgConfig());
  await client.connect();
  try {
    for (const sql of statements) await client.query(sql);
  } finally {
    await client.end();
  }
}

describe("cockroach engine on PostgreSQL (emulated unique_rowid)", function () {
  this.timeout(60_000);
  const logged: string[] = [];
  const crdb = new CockroachEngine({ config: pgConfig(), log: (e: QueryLogEntry) => void logged.push(e.sql) });

  @table({ db: crdb, tablename: "crdb_label" })
  class Label extends Table<Label, bigint>() {
    @column(Varchar({ length: 40 })) name!: string;
    @column(JSONColumn({ null: true })) meta!: unknown;
  }

  @table({ db: crdb, tablename: "crdb_record" })
  class Record_ extends Table<Record_, bigint>() {
    @column(Varchar({ length: 40 })) title!: string;
    @column(ForeignKey(() => Label, { null: true })) label!: Ref<Label, bigint> | null;
  }

  // One class per engine: a transaction binds the queries of tables on its own engine.
  function accountOn(db: CockroachEngine) {
    @table({ db, tablename: "crdb_account" })
    class Account extends Table<Account, bigint>() {
      @column(Integer()) balance!: number;
    }
    return Account;
  }
  const Account = accountOn(crdb);

  const drop = (...names: string[]) => runOnServer(...names.map((n) => `DROP TABLE IF EXISTS "${n}" CASCADE`));

  before(async function () {
    if (!(await postgresReachable())) this.skip();
    await runOnServer(...shimSql);
    await drop("crdb_record", "crdb_label", "crdb_account", "crdb_mig_band", "piccolo_migration_lock");
    await crdb.startPool();
  });

  beforeEach(() => void logged.splice(0));

  after(async () => {
    await crdb.close();
    if (!(await postgresReachable())) return;
    await drop("crdb_record", "crdb_label", "crdb_account", "crdb_mig_band", "piccolo_migration_lock");
    await runOnServer(
      "DELETE FROM piccolo_migration WHERE app_name = 'crdb'",
      "DROP FUNCTION IF EXISTS unique_rowid()",
      "DROP SEQUENCE IF EXISTS piccolo_test_rowid_seq",
    ).catch(() => undefined);
  });

  describe("keys from unique_rowid()", () => {
    before(async () => {
      await Label.createTable();
      await Record_.createTable();
    });

    it("creates the default id as INT8 DEFAULT unique_rowid() and reads keys past 2^53 as exact bigints", async () => {
      const rows = await Label.insert({ name: "a" }, { name: "b" }).returning(Label.c.id);
      for (const { id } of rows) {
        expect(typeof id).to.equal("bigint");
        expect(id > BigInt(Number.MAX_SAFE_INTEGER)).to.equal(true);
      }
      expect(rows[0]!.id).to.not.equal(rows[1]!.id);
      // The server's own text of the key is what the bigint says: no digit was lost.
      const text = await crdb.rawQuery("SELECT id::text AS id FROM crdb_label ORDER BY id");
      expect(text.map((r) => r.id)).to.deep.equal(rows.map((r) => r.id.toString()).sort());
      const [column] = await crdb.rawQuery(
        "SELECT data_type, column_default FROM information_schema.columns WHERE table_name = 'crdb_label' AND column_name = 'id'",
      );
      expect(column).to.deep.equal({ data_type: "bigint", column_default: "unique_rowid()" });
    });

    it("finds, updates, joins and follows foreign keys by those keys", async () => {
      const label = new Label({ name: "label" });
      await label.save();
      expect(typeof label.id).to.equal("bigint");
      const record = new Record_({ title: "first", label: label.id });
      await record.save();
      const found = await Record_.objects().get(Record_.c.id.eq(record.id));
      expect(found?.label).to.equal(label.id);
      expect(
        await Record_.select(Record_.c.title, Record_.c.label.name).where(Record_.c.label.eq(label.id)),
      ).to.deep.equal([{ title: "first", "label.name": "label" }]);
      const related = await found!.getRelated(Record_.c.label);
      expect(related?.id).to.equal(label.id);
      await Label.update({ name: "renamed" }).where(Label.c.id.eq(label.id));
      expect(await Label.select(Label.c.name).where(Label.c.id.eq(label.id)).first()).to.deep.equal({
        name: "renamed",
      });
    });

    it("stores JSON as JSONB", async () => {
      const { id } = (await Label.insert({ name: "json", meta: { tags: ["x"], n: 1 } }).returning(Label.c.id))[0]!;
      expect(await Label.select(Label.c.meta).where(Label.c.id.eq(id)).first()).to.deep.equal({
        meta: { tags: ["x"], n: 1 },
      });
      const [column] = await crdb.rawQuery(
        "SELECT data_type FROM information_schema.columns WHERE table_name = 'crdb_label' AND column_name = 'meta'",
      );
      expect(column).to.deep.equal({ data_type: "jsonb" });
    });
  });

  describe("Serial keys from a sequence of their own", () => {
    // A Serial key, typed and read as a JS number (the default key with a CockroachEngine is a BigSerial).
    @table({ db: crdb, tablename: "crdb_counter" })
    class Counter extends Table<Counter, null>() {
      @column(Serial({ primaryKey: true })) id!: number;
      @column(Varchar({ length: 40 })) name!: string;
      @column(Integer({ default: 0 })) hits!: number;
    }
    @table({ db: crdb, tablename: "crdb_counter_note" })
    class Note extends Table<Note, null>() {
      @column(Serial({ primaryKey: true })) id!: number;
      @column(ForeignKey(() => Counter)) counter!: Ref<Counter, number> | null;
    }
    const sequenceOf = async (table: string) =>
      crdb.rawQuery("SELECT sequence_name FROM information_schema.sequences WHERE sequence_name = {}", [
        `${table}_id_seq`,
      ]);

    before(() => drop("crdb_counter_note", "crdb_counter"));
    after(() => drop("crdb_counter_note", "crdb_counter"));

    it("creates the sequence, the table with INT8 DEFAULT nextval(…), and reads keys 1, 2, 3 as numbers", async () => {
      await Counter.createTable();
      await Note.createTable();
      expect(logged[0]).to.equal(
        'CREATE SEQUENCE "crdb_counter_id_seq"; CREATE TABLE "crdb_counter" ("id" INT8 NOT NULL DEFAULT ' +
          'nextval(\'"crdb_counter_id_seq"\') PRIMARY KEY, "name" VARCHAR(40) NOT NULL, "hits" INT8 NOT NULL DEFAULT 0); ' +
          'ALTER SEQUENCE "crdb_counter_id_seq" OWNED BY "crdb_counter"."id"',
      );
      const rows = await Counter.insert({ name: "a" }, { name: "b" }, { name: "c" }).returning(Counter.c.id);
      expect(rows).to.deep.equal([{ id: 1 }, { id: 2 }, { id: 3 }]);
      const [note] = await Note.insert({ counter: 2 });
      expect(await Note.select(Note.c.id, Note.c.counter.name).where(Note.c.id.eq(note!.id))).to.deep.equal([
        { id: 1, "counter.name": "b" },
      ]);
      const [column] = await crdb.rawQuery(
        "SELECT data_type FROM information_schema.columns WHERE table_name = 'crdb_counter' AND column_name = 'id'",
      );
      expect(column).to.deep.equal({ data_type: "bigint" });
    });

    it("reads INT8 arithmetic on Integer columns as numbers, and fails loudly past 2^53 instead of rounding", async () => {
      await Counter.update({ hits: Counter.c.hits.plus(41) }, { force: true });
      expect(await Counter.select(Counter.c.hits.plus(1).as("next")).where(Counter.c.id.eq(1))).to.deep.equal([
        { next: 42 },
      ]);
      // Integer columns hold 32-bit values, but their product is an INT8 past 2^53 (CockroachDB's and PostgreSQL's).
      await Counter.update({ hits: 2147483647 }).where(Counter.c.id.eq(1));
      expect(await Counter.select(Counter.c.hits.times(2).as("double")).where(Counter.c.id.eq(1))).to.deep.equal([
        { double: 4294967294 },
      ]);
      const error = await Counter.select(Counter.c.hits.times(Counter.c.hits))
        .where(Counter.c.id.eq(1))
        .then(
          () => undefined,
          (e: unknown) => e as Error & { code?: string },
        );
      expect(error?.code).to.equal("PICCOLO_INTEGER_OUT_OF_RANGE");
      expect(error?.message).to.contain("4611686014132420609");
      // A sequence past 2^53 gives a key no number holds: the insert's key is refused, not rounded.
      await crdb.rawQuery("SELECT setval('crdb_counter_id_seq', 9007199254740993)");
      const tooBig = await Counter.insert({ name: "far" }).then(
        () => undefined,
        (e: unknown) => e as Error & { code?: string },
      );
      expect(tooBig?.code).to.equal("PICCOLO_INTEGER_OUT_OF_RANGE");
    });

    it("drops the sequence with its table", async () => {
      expect(await sequenceOf("crdb_counter")).to.have.length(1);
      await Note.dropTable();
      await Counter.dropTable();
      expect(await sequenceOf("crdb_counter")).to.deep.equal([]);
    });

    it("renames the sequence with its table, so a new table of the old name creates its own", async () => {
      await Counter.createTable();
      await Counter.insert({ name: "a" });
      await Counter.alter().renameTable("crdb_counter_old");
      expect(logged.at(-1)).to.equal(
        'ALTER TABLE "crdb_counter" RENAME TO "crdb_counter_old"; ' +
          'ALTER SEQUENCE "crdb_counter_id_seq" RENAME TO "crdb_counter_old_id_seq"',
      );
      expect(await sequenceOf("crdb_counter_old")).to.have.length(1);
      expect(await sequenceOf("crdb_counter")).to.deep.equal([]);
      await Counter.createTable();
      expect(await Counter.insert({ name: "fresh" }).returning(Counter.c.id)).to.deep.equal([{ id: 1 }]);
      const [old] = await crdb.rawQuery('INSERT INTO "crdb_counter_old" ("name") VALUES (\'b\') RETURNING "id"');
      expect(old).to.deep.equal({ id: "2" }); // raw INT8 reads as text, as CockroachDB returns it
      await drop("crdb_counter_old", "crdb_counter");
    });
  });

  describe("transactions", () => {
    let ids: bigint[];
    beforeEach(async () => {
      await Account.dropTable({ ifExists: true });
      await Account.createTable();
      ids = (await Account.insert(...Array.from({ length: 8 }, () => ({ balance: 1000 }))).returning(Account.c.id)).map(
        (r) => r.id,
      );
    });

    it("keeps schema changes inside the transaction: a statement after BEGIN switches autocommit_before_ddl off", async () => {
      class Probe extends CockroachEngine {
        setup = () => this.transactionSetup();
      }
      const setup = new Probe().setup();
      expect(setup).to.match(/set_config\('autocommit_before_ddl', 'off', true\)/);
      expect(new Probe({ autocommitBeforeDdl: true }).setup()).to.equal(undefined);
      // Where the server lacks the setting (PostgreSQL, CockroachDB before 24.1) it changes nothing.
      expect(await crdb.transaction(() => crdb.rawQuery(setup!))).to.deep.equal([{ autocommit_before_ddl: null }]);
      // A transaction whose callback fails rolls its schema change back.
      const failed = await crdb
        .transaction(async () => {
          await Label.dropTable({ cascade: true });
          throw new Error("stop");
        })
        .catch((error: Error) => error.message);
      expect(failed).to.equal("stop");
      expect(await Label.tableExists()).to.equal(true);
    });

    // Two transactions read the same rows, then both write: under SERIALIZABLE one fails with 40001.
    async function collide(engine: CockroachEngine, onRetry?: () => void): Promise<PromiseSettledResult<void>[]> {
      const Account = accountOn(engine);
      let arrived = 0;
      let release!: () => void;
      const bothRead = new Promise<void>((resolve) => (release = resolve));
      let attempts = 0;
      const work = (amount: number) =>
        engine.transaction(
          async () => {
            attempts++;
            const rows = await Account.select(Account.c.id, Account.c.balance).where(
              Account.c.id.isIn([ids[0]!, ids[1]!]),
            );
            if (attempts <= 2 && ++arrived === 2) release();
            if (attempts <= 2) await bothRead;
            const total = rows.reduce((sum, r) => sum + r.balance, 0);
            await Account.update({ balance: total - 2000 + 1000 + amount }).where(Account.c.id.eq(ids[0]!));
          },
          { isolationLevel: "serializable", retryBaseDelay: 1, ...(onRetry ? { onRetry } : {}) },
        );
      return Promise.allSettled([work(1), work(2)]);
    }

    it("re-runs a transaction CockroachDB asks to restart (40001) by default", async () => {
      let retries = 0;
      const results = await collide(crdb, () => retries++);
      expect(results.map((r) => r.status)).to.deep.equal(["fulfilled", "fulfilled"]);
      expect(retries).to.be.greaterThan(0);
      // Both updates landed, one after the other saw the first: 1000 + 1 + 2.
      expect((await Account.select(Account.c.balance).where(Account.c.id.eq(ids[0]!)).first())?.balance).to.equal(1003);
    });

    it("with retries: 0, passes the serialization failure out", async () => {
      const once = new CockroachEngine({ config: pgConfig(), retries: 0 });
      try {
        const results = await collide(once);
        const failures = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
        expect(failures).to.have.length(1);
        expect(failures[0]!.reason).to.be.instanceOf(SerializationFailureError);
      } finally {
        await once.close();
      }
    });

    // Three workers conflict constantly; on a loaded machine one transfer can lose more than the
    // default five times, so this test allows more (the default itself is tested above).
    it("200 conflicting transfers all commit with retries, conserving the total", async () => {
      let retries = 0;
      let done = 0;
      const worker = async () => {
        while (done < 200) {
          done++;
          const [from, to] = [ids[done % ids.length]!, ids[(done * 3 + 1) % ids.length]!];
          await crdb.transaction(
            async () => {
              const rows = await Account.select(Account.c.id, Account.c.balance).where(Account.c.id.isIn([from, to]));
              const balance = (id: bigint) => rows.find((r) => r.id === id)!.balance;
              if (from === to) return;
              const [a, b] = [balance(from), balance(to)];
              await Account.update({ balance: a - 7 }).where(Account.c.id.eq(from));
              await Account.update({ balance: b + 7 }).where(Account.c.id.eq(to));
            },
            { isolationLevel: "serializable", retries: 50, onRetry: () => void retries++ },
          );
        }
      };
      await Promise.all([worker(), worker(), worker()]);
      const total = (await Account.select(Account.c.balance)).reduce((sum, r) => sum + r.balance, 0);
      console.log(`      200 transfers on the emulated CockroachEngine: ${retries} retries`);
      expect(total).to.equal(8000);
      expect(retries).to.be.greaterThan(0);
    });
  });

  describe("migrations", () => {
    const migration: Migration = {
      id: "1",
      app: "crdb",
      forwards: [
        {
          op: "createTable",
          table: "crdb_mig_band",
          columns: [
            { name: "id", type: "bigserial", null: false, primaryKey: true },
            { name: "name", type: "varchar", length: 50, null: true },
          ],
        },
      ],
      backwards: [{ op: "dropTable", table: "crdb_mig_band" }],
    };

    it("takes the migration lock as a row of piccolo_migration_lock, never with an advisory lock", async () => {
      const runner = new MigrationRunner(crdb, [migration]);
      expect((await runner.forwards("crdb")).map((m) => m.id)).to.deep.equal(["1"]);
      expect(logged.some((sql) => sql.includes("pg_advisory"))).to.equal(false);
      expect(logged.filter((sql) => sql.startsWith('INSERT INTO "piccolo_migration_lock"')).length).to.be.at.least(2);
      const locks = await crdb.rawQuery("SELECT key FROM piccolo_migration_lock");
      expect(locks).to.have.length(1);
      const [column] = await crdb.rawQuery(
        "SELECT column_default FROM information_schema.columns WHERE table_name = 'crdb_mig_band' AND column_name = 'id'",
      );
      expect(column).to.deep.equal({ column_default: "unique_rowid()" });
      await runner.backwards("crdb", { count: 1 });
      expect(
        await crdb.rawQuery("SELECT 1 FROM information_schema.tables WHERE table_name = 'crdb_mig_band'"),
      ).to.deep.equal([]);
    });

    it("drops a column's unique and foreign key by names read from information_schema, with no DO block", async () => {
      const bandColumns = [
        { name: "id", type: "bigserial", null: false, primaryKey: true },
        { name: "code", type: "varchar", length: 20, null: true, unique: true },
      ] as const;
      const label = { name: "label", type: "bigint", null: true } as const;
      const references = { table: "crdb_mig_band", column: "id", onDelete: "cascade", onUpdate: "cascade" } as const;
      const create: Migration = {
        id: "c1",
        app: "crdb_drop",
        forwards: [
          { op: "createTable", table: "crdb_mig_band", columns: [...bandColumns] },
          { op: "createTable", table: "crdb_mig_song", columns: [bandColumns[0], { ...label, references }] },
        ],
        backwards: [
          { op: "dropTable", table: "crdb_mig_song" },
          { op: "dropTable", table: "crdb_mig_band" },
        ],
      };
      const loosen: Migration = {
        id: "c2",
        app: "crdb_drop",
        forwards: [
          { op: "alterColumn", table: "crdb_mig_band", column: { ...bandColumns[1], unique: false } },
          { op: "alterColumn", table: "crdb_mig_song", column: label },
        ],
        backwards: [
          { op: "alterColumn", table: "crdb_mig_song", column: { ...label, references } },
          { op: "alterColumn", table: "crdb_mig_band", column: bandColumns[1] },
        ],
      };
      const constraints = async () =>
        (
          await crdb.rawQuery(
            "SELECT table_name, constraint_type FROM information_schema.table_constraints " +
              "WHERE table_name IN ('crdb_mig_band', 'crdb_mig_song') AND constraint_type IN ('UNIQUE', 'FOREIGN KEY') " +
              "ORDER BY table_name, constraint_type",
          )
        ).map((r) => `${String(r.table_name)} ${String(r.constraint_type)}`);
      const runner = new MigrationRunner(crdb, [create, loosen]);
      try {
        await new MigrationRunner(crdb, [create]).forwards("crdb_drop");
        expect(await constraints()).to.deep.equal(["crdb_mig_band UNIQUE", "crdb_mig_song FOREIGN KEY"]);
        logged.splice(0);
        await runner.forwards("crdb_drop");
        expect(await constraints()).to.deep.equal([]);
        // Each constraint was looked up in information_schema, then dropped by its name.
        expect(logged.some((sql) => /^\s*DO\b/.test(sql))).to.equal(false);
        expect(logged.filter((sql) => sql.includes("FROM information_schema.table_constraints tc"))).to.have.length(2);
        expect(logged).to.include('ALTER TABLE "crdb_mig_band" DROP CONSTRAINT "crdb_mig_band_code_key"');
        expect(logged).to.include('ALTER TABLE "crdb_mig_song" DROP CONSTRAINT "crdb_mig_song_label_fkey"');
        // Duplicate codes are allowed now; backwards (without them) puts both constraints back.
        await crdb.rawQuery("INSERT INTO crdb_mig_band (code) VALUES ('x'), ('x')");
        await crdb.rawQuery("DELETE FROM crdb_mig_band");
        await runner.backwards("crdb_drop", { count: 1 });
        expect(await constraints()).to.deep.equal(["crdb_mig_band UNIQUE", "crdb_mig_song FOREIGN KEY"]);
      } finally {
        await drop("crdb_mig_song", "crdb_mig_band");
        await runOnServer("DELETE FROM piccolo_migration WHERE app_name = 'crdb_drop'");
      }
    });

    it("applies a migration once when runners in two engines race for it", async () => {
      const other = new CockroachEngine({ config: pgConfig() });
      try {
        const results = await Promise.all([
          new MigrationRunner(crdb, [migration]).forwards("crdb"),
          new MigrationRunner(other, [migration]).forwards("crdb"),
        ]);
        expect(results.map((r) => r.length).sort()).to.deep.equal([0, 1]);
        const recorded = await crdb.rawQuery(
          "SELECT count(*)::int AS n FROM piccolo_migration WHERE app_name = 'crdb'",
        );
        expect(recorded).to.deep.equal([{ n: 1 }]);
      } finally {
        await other.close();
      }
    });
  });
});
