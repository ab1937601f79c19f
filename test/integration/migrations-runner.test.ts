import { expect } from "chai";
import {
  CockroachEngine,
  DatabaseError,
  MigrationError,
  MigrationRunner,
  PostgresEngine,
  SQLiteEngine,
  type Engine,
  type Migration,
} from "../../lib";
import { cockroachConfig, describeEachEngine, hasCapability, pgConfig, requireCapability } from "../support/engines";

const fk = { table: "mr_band", column: "id", onDelete: "cascade", onUpdate: "cascade" } as const;
const m1: Migration = {
  id: "1",
  app: "mr",
  forwards: [
    {
      op: "createTable",
      table: "mr_band",
      columns: [
        { name: "id", type: "serial", null: false, primaryKey: true },
        { name: "name", type: "varchar", length: 50, null: true },
      ],
    },
    {
      op: "createTable",
      table: "mr_concert",
      columns: [
        { name: "id", type: "serial", null: false, primaryKey: true },
        { name: "band", type: "integer", null: true, references: fk },
      ],
    },
  ],
  backwards: [
    { op: "dropTable", table: "mr_concert" },
    { op: "dropTable", table: "mr_band" },
  ],
};
// Changes the referenced table (a rebuild on SQLite): its rows and the concerts pointing at them must survive.
const m2: Migration = {
  id: "2",
  app: "mr",
  forwards: [
    {
      op: "alterColumn",
      table: "mr_band",
      column: { name: "name", type: "text", null: false, default: "?" },
      backfill: "?",
    },
    {
      op: "addColumn",
      table: "mr_band",
      column: { name: "stars", type: "integer", null: false, default: 3 },
      backfill: 3,
    },
    { op: "renameColumn", table: "mr_band", column: "name", to: "title" },
  ],
  backwards: [
    { op: "renameColumn", table: "mr_band", column: "title", to: "name" },
    { op: "dropColumn", table: "mr_band", column: "stars" },
    { op: "alterColumn", table: "mr_band", column: { name: "name", type: "varchar", length: 50, null: true } },
  ],
};
const broken: Migration = {
  id: "3",
  app: "mr",
  forwards: [
    { op: "createTable", table: "mr_extra", columns: [{ name: "id", type: "serial", null: false, primaryKey: true }] },
    { op: "addColumn", table: "mr_band", column: { name: "note", type: "text", null: true } },
    { op: "sql", sql: "SELECT * FROM no_such_table" },
  ],
  backwards: [],
};

describeEachEngine("migrations: runner", (ctx) => {
  // m2 changes a column's type, which CockroachDB cannot do inside the migration's transaction.
  before(function () {
    requireCapability(this, ctx, "alterColumnType");
  });

  const drop = () => ctx.dropTables("mr_concert", "mr_band", "mr_extra", "piccolo_migration");
  before(drop);
  after(drop);

  it("runs forwards once (idempotent), keeps rows through a rebuild, and backfills a NOT NULL column", async () => {
    const events: string[] = [];
    const runner = new MigrationRunner(ctx.engine, [m2, m1], (e) => events.push(`${e.action} ${e.migration.id}`));
    await runner.forwards("mr", { migrationId: "1" });
    await ctx.engine.rawQuery("INSERT INTO mr_band (name) VALUES ({}), (NULL)", ["Pythonistas"]);
    await ctx.engine.rawQuery("INSERT INTO mr_concert (band) VALUES (1), (2)");
    expect((await runner.forwards("mr")).map((m) => m.id)).to.deep.equal(["2"]);
    expect(await runner.forwards("all")).to.deep.equal([]);
    expect(events).to.deep.equal(["ran 1", "ran 2"]);
    expect(await ctx.engine.rawQuery("SELECT id, title, stars FROM mr_band ORDER BY id")).to.deep.equal([
      { id: 1, title: "Pythonistas", stars: 3 },
      { id: 2, title: "?", stars: 3 },
    ]);
    expect(await ctx.engine.rawQuery("SELECT band FROM mr_concert ORDER BY id")).to.deep.equal([
      { band: 1 },
      { band: 2 },
    ]);
  });

  it("rolls a failing migration back whole and records nothing; the error names the app, migration, step and SQL", async () => {
    const runner = new MigrationRunner(ctx.engine, [m1, m2, broken]);
    let error: MigrationError | undefined;
    await runner.forwards("mr").catch((e: MigrationError) => (error = e));
    expect(error).to.be.instanceOf(MigrationError);
    expect(error!.message).to.match(
      /^Migration mr:3 failed going forwards at step 3 of 3, sql SELECT \* FROM no_such_table: .*no_such_table.*The migration was rolled back: none of its steps is applied/,
    );
    expect([error!.app, error!.migrationId, error!.direction, error!.step, error!.operation, error!.sql]).to.deep.equal(
      ["mr", "3", "forwards", 3, "sql SELECT * FROM no_such_table", "SELECT * FROM no_such_table"],
    );
    expect(error!.cause).to.be.instanceOf(DatabaseError);
    expect(
      await ctx.engine.rawQuery("SELECT count(*) AS n FROM piccolo_migration WHERE app_name = 'mr'"),
    ).to.deep.equal([{ n: ctx.family === "postgres" ? "2" : 2 }]);
    const extra = await ctx.engine.rawQuery(
      ctx.family === "postgres"
        ? "SELECT 1 FROM information_schema.tables WHERE table_name = 'mr_extra'"
        : "SELECT 1 FROM sqlite_master WHERE name = 'mr_extra'",
    );
    expect(extra).to.deep.equal([]);
    expect(Object.keys((await ctx.engine.rawQuery("SELECT * FROM mr_band ORDER BY id"))[0]!)).to.not.include("note");
  });

  it("names the SQL of a planned step that fails (a table that is already there), and keeps nothing of the migration", async () => {
    await ctx.engine.rawQuery("CREATE TABLE mr_extra (id INTEGER)");
    const clash: Migration = {
      ...broken,
      forwards: [
        { op: "addColumn", table: "mr_band", column: { name: "note", type: "text", null: true } },
        broken.forwards[0]!,
      ],
    };
    let error: MigrationError | undefined;
    await new MigrationRunner(ctx.engine, [m1, m2, clash]).forwards("mr").catch((e: MigrationError) => (error = e));
    expect([error?.step, error?.operation]).to.deep.equal([2, "create table mr_extra"]);
    expect(error!.sql).to.match(/^CREATE TABLE "mr_extra" \("id" /);
    expect(error!.message).to.contain("at step 2 of 2, create table mr_extra").and.contain(error!.sql!);
    expect((error!.cause as DatabaseError).sql).to.equal(error!.sql);
    expect(Object.keys((await ctx.engine.rawQuery("SELECT * FROM mr_band ORDER BY id"))[0]!)).to.not.include("note");
    expect(
      await ctx.engine.rawQuery("SELECT name FROM piccolo_migration WHERE app_name = 'mr' ORDER BY name"),
    ).to.deep.equal([{ name: "1" }, { name: "2" }]);
    await ctx.dropTables("mr_extra");
  });

  it("plans without running: each step with its SQL, nothing created or recorded", async () => {
    const runner = new MigrationRunner(ctx.engine, [m1, m2, broken]);
    const plan = await runner.planForwards("mr");
    expect(plan.map((p) => [p.migration.id, p.direction, p.steps.map((s) => s.operation.op)])).to.deep.equal([
      ["3", "forwards", ["createTable", "addColumn", "sql"]],
    ]);
    expect(plan[0]!.steps[0]!.sql[0]!.sql).to.match(/^CREATE TABLE "mr_extra" \("id" (SERIAL|INTEGER) PRIMARY KEY\)$/);
    expect(plan[0]!.steps[2]!.sql.map((q) => q.sql)).to.deep.equal(["SELECT * FROM no_such_table"]);
    const back = await runner.planBackwards("mr", { count: 2 });
    expect(back.map((p) => p.migration.id)).to.deep.equal(["2", "1"]);
    expect(back[1]!.steps.map((s) => s.sql.map((q) => q.sql))).to.deep.equal([
      ['DROP TABLE "mr_concert"'],
      ['DROP TABLE "mr_band"'],
    ]);
    expect((await runner.status()).map((s) => s.applied)).to.deep.equal([true, true, false]);
    expect(await ctx.engine.rawQuery("SELECT count(*) AS n FROM mr_band")).to.deep.equal([
      { n: ctx.family === "postgres" ? "2" : 2 },
    ]);
  });

  it("goes backwards one at a time, keeping the data, and does nothing once there is nothing left", async () => {
    const runner = new MigrationRunner(ctx.engine, [m1, m2]);
    expect((await runner.backwards("mr")).map((m) => m.id)).to.deep.equal(["2"]);
    expect(await ctx.engine.rawQuery("SELECT id, name FROM mr_band ORDER BY id")).to.deep.equal([
      { id: 1, name: "Pythonistas" },
      { id: 2, name: "?" },
    ]);
    expect(await ctx.engine.rawQuery("SELECT band FROM mr_concert ORDER BY id")).to.deep.equal([
      { band: 1 },
      { band: 2 },
    ]);
    expect((await runner.backwards("mr", { count: 5 })).map((m) => m.id)).to.deep.equal(["1"]);
    expect(await runner.backwards("mr")).to.deep.equal([]);
    expect((await runner.status()).map((s) => s.applied)).to.deep.equal([false, false]);
  });

  it("fakes migrations: recorded as run, nothing executed", async () => {
    const runner = new MigrationRunner(ctx.engine, [m1]);
    await runner.forwards("mr", { fake: true });
    expect((await runner.status()).map((s) => s.applied)).to.deep.equal([true]);
    const tables = await ctx.engine.rawQuery(
      ctx.family === "postgres"
        ? "SELECT 1 FROM information_schema.tables WHERE table_name = 'mr_band'"
        : "SELECT 1 FROM sqlite_master WHERE name = 'mr_band'",
    );
    expect(tables).to.deep.equal([]);
    expect(await new MigrationRunner(ctx.engine, []).clean()).to.deep.equal(["mr:1"]);
  });
});

describeEachEngine(
  "migrations: raw JavaScript steps",
  (ctx) => {
    const drop = () => ctx.dropTables("mr_raw", "piccolo_migration");
    before(drop);
    after(drop);
    const names = async () => (await ctx.engine.rawQuery("SELECT name FROM mr_raw ORDER BY id")).map((r) => r.name);
    const seen: string[] = [];
    const seed: Migration = {
      id: "1",
      app: "raw",
      forwards: [
        {
          op: "createTable",
          table: "mr_raw",
          columns: [
            { name: "id", type: "serial", null: false, primaryKey: true },
            { name: "name", type: "varchar", length: 20, null: true },
          ],
        },
        {
          op: "raw",
          description: "seed two rows",
          run: async (db) => {
            seen.push(`forwards in transaction: ${db.inTransaction}`);
            await db.rawQuery("INSERT INTO mr_raw (name) VALUES ({}), ({})", ["a", "b"]);
          },
        },
      ],
      backwards: [
        {
          op: "raw",
          run: async (db) =>
            void seen.push(`backwards saw ${(await db.rawQuery("SELECT name FROM mr_raw")).length} rows`),
        },
        { op: "dropTable", table: "mr_raw" },
      ],
    };
    const failing: Migration = {
      id: "2",
      app: "raw",
      forwards: [
        { op: "addColumn", table: "mr_raw", column: { name: "note", type: "text", null: true } },
        {
          op: "raw",
          description: "insert, then fail",
          run: async (db: Engine) => {
            await db.rawQuery("INSERT INTO mr_raw (name) VALUES ({})", ["c"]);
            throw new RangeError("boom");
          },
        },
      ],
      backwards: [{ op: "dropColumn", table: "mr_raw", column: "note" }],
    };
    // Forwards runs JavaScript that its backwards does not undo.
    const oneWay: Migration = {
      id: "2",
      app: "raw",
      forwards: [
        { op: "raw", description: "uppercase names", run: (db) => db.rawQuery("UPDATE mr_raw SET name = upper(name)") },
      ],
      backwards: [],
    };
    const later: Migration = {
      id: "3",
      app: "raw",
      forwards: [{ op: "addColumn", table: "mr_raw", column: { name: "note", type: "text", null: true } }],
      backwards: [{ op: "dropColumn", table: "mr_raw", column: "note" }],
    };

    it("runs a raw step inside the migration's transaction, given the engine", async () => {
      expect((await new MigrationRunner(ctx.engine, [seed]).forwards("raw")).map((m) => m.id)).to.deep.equal(["1"]);
      expect(seen).to.deep.equal(["forwards in transaction: true"]);
      expect(await names()).to.deep.equal(["a", "b"]);
    });

    it("rolls back the whole migration when a raw step throws: its queries, the other steps, the record", async () => {
      let error: MigrationError | undefined;
      await new MigrationRunner(ctx.engine, [seed, failing]).forwards("raw").catch((e: MigrationError) => (error = e));
      expect(error).to.be.instanceOf(MigrationError);
      expect(error!.message).to.contain(
        'Migration raw:2 failed going forwards at step 2 of 2, raw step "insert, then fail": boom',
      );
      expect([error!.step, error!.operation, error!.sql]).to.deep.equal([2, 'raw step "insert, then fail"', undefined]);
      expect(error!.cause).to.be.instanceOf(RangeError);
      expect(await names()).to.deep.equal(["a", "b"]);
      expect(Object.keys((await ctx.engine.rawQuery("SELECT * FROM mr_raw"))[0]!)).to.deep.equal(["id", "name"]);
      expect((await new MigrationRunner(ctx.engine, [seed, failing]).status()).map((s) => s.applied)).to.deep.equal([
        true,
        false,
      ]);
    });

    it("refuses to go backwards past a raw step with no backwards one, undoing nothing", async () => {
      const runner = new MigrationRunner(ctx.engine, [seed, oneWay, later]);
      await runner.forwards("raw");
      expect(await names()).to.deep.equal(["A", "B"]);
      let error: Error | undefined;
      await runner.backwards("raw", { count: 2 }).catch((e: Error) => (error = e));
      expect(error?.message).to.equal(
        'Migration raw:2 cannot go backwards: its forwards has a raw step (raw step "uppercase names") and its backwards has none, so piccolo cannot know how to undo it. Add { op: "raw", run: async (db) => { … } } to its backwards (run: async () => {} when there is nothing to undo). Nothing was changed.',
      );
      expect((await runner.status()).map((s) => s.applied)).to.deep.equal([true, true, true]);
      expect(Object.keys((await ctx.engine.rawQuery("SELECT * FROM mr_raw"))[0]!)).to.deep.equal([
        "id",
        "name",
        "note",
      ]);
      expect((await runner.backwards("raw")).map((m) => m.id)).to.deep.equal(["3"]); // the later one alone is fine
    });

    it("runs the backwards raw step in the transaction, before the steps after it", async () => {
      const fixed: Migration = {
        ...oneWay,
        backwards: [{ op: "raw", run: (db) => db.rawQuery("UPDATE mr_raw SET name = lower(name)") }],
      };
      const runner = new MigrationRunner(ctx.engine, [seed, fixed]);
      expect((await runner.backwards("raw")).map((m) => m.id)).to.deep.equal(["2"]);
      expect(await names()).to.deep.equal(["a", "b"]);
      expect((await runner.backwards("raw")).map((m) => m.id)).to.deep.equal(["1"]);
      expect(seen).to.deep.equal(["forwards in transaction: true", "backwards saw 2 rows"]);
      expect((await runner.status()).map((s) => s.applied)).to.deep.equal([false, false]);
    });
  },
  { requires: ["serialKeys"], also: ["sqlite3", "cockroach"] },
);

describeEachEngine(
  "migrations: two runners at once (a lock around each migration)",
  (ctx) => {
    let other: Engine;
    const drop = () => ctx.dropTables("mr_lock", "piccolo_migration");
    before(async () => {
      await drop();
      // The same driver: two SQLite libraries in one process do not see each other's file locks.
      // The same engine class: a CockroachEngine locks with a lock table, a PostgresEngine with an advisory lock.
      other =
        ctx.engine instanceof SQLiteEngine
          ? new SQLiteEngine({ path: ctx.engine.path, driver: ctx.engine.driver })
          : ctx.engine instanceof CockroachEngine
            ? new CockroachEngine({ config: cockroachConfig() })
            : new PostgresEngine({ config: pgConfig() });
    });
    after(async () => {
      await other?.close();
      await drop();
    });
    const pause = () => new Promise((resolve) => setTimeout(resolve, 50));
    const who = (db: Engine) => (db === other ? "other" : "main");
    const migrations: Migration[] = [
      {
        id: "1",
        app: "lock",
        forwards: [
          {
            op: "createTable",
            table: "mr_lock",
            columns: [
              // The key's type is not what this suite tests: BigSerial where Serial is refused.
              {
                name: "id",
                type: hasCapability(ctx, "serialKeys") ? "serial" : "bigserial",
                null: false,
                primaryKey: true,
              },
              { name: "runner", type: "varchar", length: 10, null: false },
            ],
          },
        ],
        backwards: [{ op: "dropTable", table: "mr_lock" }],
      },
      {
        id: "2",
        app: "lock",
        forwards: [
          {
            op: "raw",
            run: async (db) => (
              await db.rawQuery("INSERT INTO mr_lock (runner) VALUES ({})", [who(db)]),
              await pause()
            ),
          },
        ],
        backwards: [{ op: "raw", run: async (db) => (await db.rawQuery("DELETE FROM mr_lock"), await pause()) }],
      },
      {
        id: "3",
        app: "lock",
        forwards: [{ op: "addColumn", table: "mr_lock", column: { name: "extra", type: "integer", null: true } }],
        backwards: [{ op: "dropColumn", table: "mr_lock", column: "extra" }],
      },
    ];

    it("applies each migration exactly once, without error, and undoes each once", async function () {
      this.timeout(30_000);
      for (let round = 0; round < 3; round++) {
        const ran = await Promise.all([
          new MigrationRunner(ctx.engine, migrations).forwards("lock"),
          new MigrationRunner(other, migrations).forwards("lock"),
        ]);
        expect(
          ran
            .flat()
            .map((m) => m.id)
            .sort(),
          `round ${round}`,
        ).to.deep.equal(["1", "2", "3"]);
        expect(
          await ctx.engine.rawQuery("SELECT name FROM piccolo_migration WHERE app_name = 'lock' ORDER BY name"),
        ).to.deep.equal([{ name: "1" }, { name: "2" }, { name: "3" }]);
        const rows = await ctx.engine.rawQuery("SELECT runner, extra FROM mr_lock");
        expect(rows).to.have.length(1);
        expect(rows[0]!.extra).to.equal(null);
        const undone = await Promise.all([
          new MigrationRunner(ctx.engine, migrations).backwards("lock", { migrationId: "all" }),
          new MigrationRunner(other, migrations).backwards("lock", { migrationId: "all" }),
        ]);
        expect(
          undone
            .flat()
            .map((m) => m.id)
            .sort(),
          `round ${round}`,
        ).to.deep.equal(["1", "2", "3"]);
        expect(await ctx.engine.rawQuery("SELECT name FROM piccolo_migration WHERE app_name = 'lock'")).to.deep.equal(
          [],
        );
      }
    });
  },
  { also: ["sqlite3", "cockroach"] },
);
