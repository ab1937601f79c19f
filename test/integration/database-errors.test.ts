import { expect } from "chai";
import {
  CheckViolationError,
  DatabaseError,
  ForeignKeyViolationError,
  Integer,
  NotNullViolationError,
  Table,
  UniqueViolationError,
  Varchar,
  column,
  table,
} from "../../lib";
import { describeEachEngine } from "../support/engines";
import { useSampleData } from "../support/fixtures";
import { expectKey } from "../support/keys";

/** Runs `fn` and returns what it rejected with; fails the test when it resolves. */
async function rejection(fn: () => Promise<unknown>): Promise<DatabaseError> {
  try {
    await fn();
  } catch (error) {
    return error as DatabaseError;
  }
  expect.fail("expected the promise to reject");
}

/** The message names the table and columns in plain words and leaves the SQL to `error.sql`. */
function expectPlainMessage(error: DatabaseError, ...words: string[]): void {
  for (const word of words) expect(error.message).to.include(word);
  expect(error.message).not.to.match(/INSERT|UPDATE|while running/);
  expect(error.sql).to.match(/INSERT|UPDATE/);
}

// Defect 6: on SQLite a UniqueViolationError had no constraint and its message embedded the SQL.
describeEachEngine(
  "database errors name the table, columns and constraint",
  (ctx) => {
    const f = useSampleData(ctx, { perTest: true });

    before(async () => {
      await ctx.dropTables("err_pair");
      await ctx.engine.rawQuery(
        'CREATE TABLE err_pair (id INTEGER PRIMARY KEY, a INTEGER NOT NULL, b INTEGER, c INTEGER, "Odd col" INTEGER, UNIQUE (a, b))',
      );
      await ctx.engine.rawQuery("CREATE UNIQUE INDEX err_pair_c_idx ON err_pair (c)");
      await ctx.engine.rawQuery('CREATE UNIQUE INDEX err_pair_odd ON err_pair ("Odd col")');
    });
    beforeEach(async () => {
      await ctx.engine.rawQuery("DELETE FROM err_pair");
      await ctx.engine.rawQuery('INSERT INTO err_pair (id, a, b, c, "Odd col") VALUES (1, 1, 2, 3, 4)');
    });
    after(() => ctx.dropTables("err_pair"));

    it("a unique column made by the ORM: table, columns, a PostgreSQL-style constraint name", async () => {
      @table({ db: ctx.engine, tablename: "err_label" })
      class Label extends Table<Label>() {
        @column(Varchar({ unique: true })) name!: string;
      }
      await Label.dropTable({ ifExists: true });
      await Label.createTable();
      try {
        await Label.insert({ name: "x" });
        const error = await rejection(() => Label.insert({ name: "x" }).run());
        expect(error).to.be.instanceOf(UniqueViolationError);
        expect(error.table).to.equal("err_label");
        expect(error.columns).to.deep.equal(["name"]);
        expect(error.column).to.equal("name");
        expect(error.constraint).to.equal("err_label_name_key");
        expectPlainMessage(error, "err_label", "name", "err_label_name_key");
        expect(error.message).to.match(/duplicate/i);
      } finally {
        await Label.dropTable();
      }
    });

    it("a composite UNIQUE (a, b): both columns in order", async () => {
      const error = await rejection(() =>
        ctx.engine.rawQuery("INSERT INTO err_pair (id, a, b) VALUES ({}, {}, {})", [2, 1, 2]),
      );
      expect(error).to.be.instanceOf(UniqueViolationError);
      expect(error.table).to.equal("err_pair");
      expect(error.columns).to.deep.equal(["a", "b"]);
      expect(error.column).to.equal(undefined);
      expect(error.constraint).to.equal("err_pair_a_b_key");
      expectPlainMessage(error, "err_pair", "a, b");
    });

    it("a unique index: its own name from the catalogue", async () => {
      const error = await rejection(() =>
        ctx.engine
          .rawQuery("UPDATE err_pair SET c = {} WHERE id = {}", [3, 1])
          .then(() => ctx.engine.rawQuery("INSERT INTO err_pair (id, a, c) VALUES ({}, {}, {})", [2, 5, 3])),
      );
      expect(error).to.be.instanceOf(UniqueViolationError);
      expect(error.columns).to.deep.equal(["c"]);
      expect(error.constraint).to.equal("err_pair_c_idx");
      const odd = await rejection(() =>
        ctx.engine.rawQuery('INSERT INTO err_pair (id, a, "Odd col") VALUES ({}, {}, {})', [2, 5, 4]),
      );
      expect(odd.columns).to.deep.equal(["Odd col"]);
      expect(odd.constraint).to.equal("err_pair_odd");
    });

    it("a duplicate primary key: the pkey constraint", async () => {
      const { Manager } = f;
      const guido = (await Manager.select(Manager.c.id).where(Manager.c.name.eq("Guido")).first())!.id;
      expectKey(ctx, guido, 1);
      const error = await rejection(() => Manager.insert({ id: guido, name: "Again" }).run());
      expect(error).to.be.instanceOf(UniqueViolationError);
      expect(error.table).to.equal("manager");
      expect(error.columns).to.deep.equal(["id"]);
      expect(error.constraint).to.equal("manager_pkey");
      expectPlainMessage(error, "manager", "id");
    });

    it("inside a transaction the error is described the same way", async () => {
      const error = await rejection(() =>
        ctx.engine.transaction(() =>
          ctx.engine.rawQuery("INSERT INTO err_pair (id, a, c) VALUES ({}, {}, {})", [2, 7, 3]),
        ),
      );
      expect(error).to.be.instanceOf(UniqueViolationError);
      expect(error.constraint).to.equal("err_pair_c_idx");
      expect(error.columns).to.deep.equal(["c"]);
      expect(await ctx.engine.rawQuery("SELECT id FROM err_pair")).to.deep.equal([{ id: 1 }]);
    });

    it("NOT NULL: table and column", async () => {
      // Raw SQL: the ORM's own insert refuses a null before it reaches the database.
      const error = await rejection(() =>
        ctx.engine.rawQuery("UPDATE manager SET name = {} WHERE name = {}", [null, "Guido"]),
      );
      expect(error).to.be.instanceOf(NotNullViolationError);
      expect(error.table).to.equal("manager");
      expect(error.column).to.equal("name");
      expect(error.columns).to.deep.equal(["name"]);
      expectPlainMessage(error, "manager", "name");
    });

    it("a foreign key: the table and columns where the driver names them (PostgreSQL), the plain kind everywhere", async () => {
      const { Band } = f;
      const error = await rejection(() => Band.insert({ name: "Ghosts", manager: 9999 }).run());
      expect(error).to.be.instanceOf(ForeignKeyViolationError);
      expect(error.message).not.to.match(/INSERT|while running/);
      if (ctx.family === "postgres") {
        expect(error.table).to.equal("band");
        expect(error.columns).to.deep.equal(["manager"]);
        expect(error.constraint).to.equal("band_manager_fkey");
      } else {
        // SQLite's message is only "FOREIGN KEY constraint failed": it names nothing.
        expect(error.table).to.equal(undefined);
      }
    });

    it("a CHECK constraint names it", async () => {
      await ctx.dropTables("err_checked");
      await ctx.engine.rawQuery("CREATE TABLE err_checked (n INTEGER, CONSTRAINT n_positive CHECK (n > 0))");
      try {
        const error = await rejection(() => ctx.engine.rawQuery("INSERT INTO err_checked (n) VALUES ({})", [-1]));
        expect(error).to.be.instanceOf(CheckViolationError);
        expect(error.constraint).to.equal("n_positive");
        expect(error.message).not.to.match(/INSERT|while running/);
      } finally {
        await ctx.dropTables("err_checked");
      }
    });

    it("a row still referenced: the referencing table, its columns (PostgreSQL, from the catalogue) and the constraint", async () => {
      await ctx.dropTables("err_child", "err_parent");
      await ctx.engine.rawQuery("CREATE TABLE err_parent (id INTEGER PRIMARY KEY)");
      await ctx.engine.rawQuery(
        "CREATE TABLE err_child (id INTEGER PRIMARY KEY, parent INTEGER REFERENCES err_parent (id) ON DELETE RESTRICT)",
      );
      try {
        await ctx.engine.rawQuery("INSERT INTO err_parent (id) VALUES (1)");
        await ctx.engine.rawQuery("INSERT INTO err_child (id, parent) VALUES (1, 1)");
        const error = await rejection(() => ctx.engine.rawQuery("DELETE FROM err_parent WHERE id = {}", [1]));
        expect(error).to.be.instanceOf(ForeignKeyViolationError);
        expect(error.message).not.to.match(/DELETE|while running/);
        if (ctx.family === "postgres") {
          expect(error.table).to.equal("err_child");
          expect(error.columns).to.deep.equal(["parent"]);
          expect(error.constraint).to.equal("err_child_parent_fkey");
          expect(error.message).to.include('"err_child" (parent)');
        }
        expect(await ctx.engine.rawQuery("SELECT id FROM err_parent")).to.deep.equal([{ id: 1 }]);
      } finally {
        await ctx.dropTables("err_child", "err_parent");
      }
    });

    it("a unique index on an expression: its name, and no columns", async () => {
      await ctx.engine.rawQuery("CREATE UNIQUE INDEX err_pair_expr ON err_pair ((a + 100))");
      try {
        const error = await rejection(() =>
          ctx.engine.rawQuery("INSERT INTO err_pair (id, a, b) VALUES ({}, {}, {})", [2, 1, 9]),
        );
        expect(error).to.be.instanceOf(UniqueViolationError);
        expect(error.constraint).to.equal("err_pair_expr");
        expect(error.columns).to.equal(undefined);
        expect(error.message).not.to.match(/INSERT|while running/);
      } finally {
        await ctx.engine.rawQuery("DROP INDEX err_pair_expr");
      }
    });

    it("other errors still show the SQL they came from", async () => {
      const error = await rejection(() => ctx.engine.rawQuery("SELEC 1"));
      expect(error.message).to.include("while running: SELEC 1");
    });

    it("an Integer unique column: the same naming, and the refused row is not written", async () => {
      @table({ db: ctx.engine, tablename: "err_count" })
      class Counted extends Table<Counted>() {
        @column(Integer({ unique: true })) n!: number;
      }
      await Counted.dropTable({ ifExists: true });
      await Counted.createTable();
      try {
        await Counted.insert({ n: 1 });
        const error = await rejection(() => Counted.insert({ n: 1 }).run());
        expect(error.constraint).to.equal("err_count_n_key");
        expect(await Counted.select(Counted.c.n)).to.deep.equal([{ n: 1 }]);
      } finally {
        await Counted.dropTable();
      }
    });
  },
  { also: ["sqlite3"] },
);
