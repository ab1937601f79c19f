import { expect } from "chai";
import { ForeignKey, Integer, SQLiteEngine, Table, Timestamptz, Varchar, column, table, type Ref } from "../../lib";
import { diffSchemas, type RenameQuestion } from "../../lib/migrations/differ";
import { tableSchemaOf } from "../../lib/migrations/from-tables";
import { tableMetaOf } from "../../lib/table/metadata";
import { normalizeColumn, type ColumnSchema, type TableSchema } from "../../lib/migrations/schema";
import { Snapshot } from "../../lib/migrations/snapshot";

const id: ColumnSchema = { name: "id", type: "serial", null: false, primaryKey: true };
const col = (name: string, extra: Partial<ColumnSchema> = {}): ColumnSchema =>
  normalizeColumn({ name, type: "varchar", length: 50, null: false, ...extra });
const tbl = (name: string, ...columns: ColumnSchema[]): TableSchema => ({
  name,
  columns: [id, ...columns].map(normalizeColumn),
});
const never = (q: RenameQuestion): boolean => {
  throw new Error(`unexpected question ${JSON.stringify(q)}`);
};
const snapshotOf = (tables: TableSchema[]) => new Snapshot(new Map(tables.map((t) => [t.name, t])));
const tablesOf = (s: Snapshot) => [...s.tables.values()].sort((a, b) => a.name.localeCompare(b.name));
const sorted = (tables: TableSchema[]) => [...tables].sort((a, b) => a.name.localeCompare(b.name));

/** The invariants of every diff: forwards reach `after`, backwards return to `before`, and diffing again finds nothing. */
async function checkRoundTrip(
  before: TableSchema[],
  after: TableSchema[],
  isRename: (q: RenameQuestion) => boolean = never,
) {
  const diff = await diffSchemas(before, after, isRename);
  const forwards = snapshotOf(before).applyAll(diff.forwards);
  const orderedColumns = (ts: TableSchema[]) =>
    ts.map((t) => ({ ...t, columns: [...t.columns].sort((a, b) => a.name.localeCompare(b.name)) }));
  expect(orderedColumns(tablesOf(forwards))).to.deep.equal(orderedColumns(sorted(after)));
  expect(orderedColumns(tablesOf(forwards.applyAll(diff.backwards)))).to.deep.equal(orderedColumns(sorted(before)));
  expect((await diffSchemas(tablesOf(forwards), after, never)).forwards).to.deep.equal([]);
  return diff;
}

describe("migrations: differ", () => {
  const manager = tbl("manager", col("name"));
  const band = tbl(
    "band",
    col("name"),
    col("manager", {
      type: "integer",
      length: undefined,
      null: true,
      references: { table: "manager", column: "id", onDelete: "cascade", onUpdate: "cascade" },
    }),
  );

  it("creates tables referenced ones first, and drops them in reverse", async () => {
    const diff = await checkRoundTrip([], [band, manager]);
    expect(diff.forwards.map((o) => [o.op, "table" in o && o.table])).to.deep.equal([
      ["createTable", "manager"],
      ["createTable", "band"],
    ]);
    expect(diff.backwards.map((o) => [o.op, "table" in o && o.table])).to.deep.equal([
      ["dropTable", "band"],
      ["dropTable", "manager"],
    ]);
  });

  it("finds no change between equal schemas and asks nothing", async () => {
    expect(await diffSchemas([manager, band], [band, manager], never)).to.deep.equal({ forwards: [], backwards: [] });
  });

  it("drops a table, referencing tables first, with a createTable of its full definition to go back", async () => {
    const diff = await checkRoundTrip([manager, band], []);
    expect(diff.forwards.map((o) => "table" in o && o.table)).to.deep.equal(["band", "manager"]);
    expect(diff.backwards[1]).to.deep.equal({ op: "createTable", table: "band", columns: band.columns });
  });

  it("asks about a possible column rename and renames when told so, keeping other changes as an alter", async () => {
    const asked: RenameQuestion[] = [];
    const after = tbl("manager", col("title", { length: 80 }));
    const diff = await checkRoundTrip([manager], [after], (q) => (asked.push(q), true));
    expect(asked).to.deep.equal([{ kind: "column", table: "manager", from: "name", to: "title" }]);
    expect(diff.forwards).to.deep.equal([
      { op: "renameColumn", table: "manager", column: "name", to: "title" },
      { op: "alterColumn", table: "manager", column: col("title", { length: 80 }) },
    ]);
  });

  it("drops and adds when the answer is no (with a backfill for the NOT NULL column)", async () => {
    const diff = await checkRoundTrip([manager], [tbl("manager", col("title"))], () => false);
    expect(diff.forwards).to.deep.equal([
      { op: "addColumn", table: "manager", column: col("title"), backfill: "" },
      { op: "dropColumn", table: "manager", column: "name" },
    ]);
    expect(diff.backwards[0]).to.deep.equal({ op: "addColumn", table: "manager", column: col("name"), backfill: "" });
  });

  it("renames a table, then diffs its columns against the renamed one; references follow", async () => {
    const group = { ...band, name: "group" };
    const diff = await checkRoundTrip([manager, band], [manager, group], (q) => q.kind === "table");
    expect(diff.forwards).to.deep.equal([{ op: "renameTable", table: "band", to: "group" }]);
    const renamedManager = { ...manager, name: "boss" };
    const bandToBoss = {
      ...band,
      columns: band.columns.map((c) => (c.references ? { ...c, references: { ...c.references, table: "boss" } } : c)),
    };
    const diff2 = await checkRoundTrip([manager, band], [renamedManager, bandToBoss], (q) => q.kind === "table");
    expect(diff2.forwards).to.deep.equal([{ op: "renameTable", table: "manager", to: "boss" }]);
  });

  for (const [what, change] of [
    ["type", { type: "text", length: undefined }],
    ["length", { length: 200 }],
    ["null", { null: true }],
    ["default", { default: "x" }],
    ["unique", { unique: true }],
    ["index", { index: true }],
  ] as const) {
    it(`detects a change of ${what} as alterColumn, with the old definition to go back`, async () => {
      const diff = await checkRoundTrip([manager], [tbl("manager", col("name", change))]);
      expect(diff.forwards).to.deep.equal([{ op: "alterColumn", table: "manager", column: col("name", change) }]);
      expect(diff.backwards).to.deep.equal([
        { op: "alterColumn", table: "manager", column: col("name"), ...(what === "null" ? { backfill: "" } : {}) },
      ]);
    });
  }

  it("detects a change of foreign key action and target", async () => {
    const fk = band.columns[2]!;
    const other = tbl("other");
    for (const references of [
      { ...fk.references!, onDelete: "set null" as const },
      { ...fk.references!, table: "other" },
    ]) {
      const after = { ...band, columns: [band.columns[0]!, band.columns[1]!, { ...fk, references }] };
      const diff = await checkRoundTrip([manager, other, band], [manager, other, after]);
      expect(diff.forwards).to.deep.equal([
        { op: "alterColumn", table: "band", column: normalizeColumn({ ...fk, references }) },
      ]);
    }
  });

  it("backfills a NOT NULL column made nullable-to-not-null with its default", async () => {
    const before = tbl("band", col("genre", { null: true }));
    const diff = await checkRoundTrip([before], [tbl("band", col("genre", { default: "rock" }))]);
    expect(diff.forwards).to.deep.equal([
      { op: "alterColumn", table: "band", column: col("genre", { default: "rock" }), backfill: "rock" },
    ]);
  });

  it("refuses a NOT NULL column that existing rows could not fill", async () => {
    const after = tbl("band", { name: "formed", type: "timestamptz", null: false });
    let error: Error | undefined;
    await diffSchemas([tbl("band")], [after], never).catch((e: Error) => (error = e));
    expect(error?.message).to.match(/band\.formed is NOT NULL and has no constant default/);
  });

  it("reads table classes: serial keys, foreign keys as their key's type, constant defaults only", () => {
    const db = new SQLiteEngine({ path: ":memory:" });
    @table({ db })
    class Boss extends Table<Boss>() {
      @column(Varchar({ length: 20, unique: true })) name!: string;
    }
    @table({ db, tablename: "gig" })
    class Gig extends Table<Gig>() {
      @column(ForeignKey(() => Boss, { onDelete: "set null" })) boss!: Ref<Boss> | null;
      @column(Integer({ default: 3, index: true, dbColumnName: "seats" })) capacity!: number;
      @column(Timestamptz()) startsAt!: Date;
    }
    expect(tableSchemaOf(tableMetaOf(Boss)).columns[1]).to.deep.equal({
      name: "name",
      type: "varchar",
      length: 20,
      null: false,
      unique: true,
    });
    expect(tableSchemaOf(tableMetaOf(Gig))).to.deep.equal({
      name: "gig",
      columns: [
        { name: "id", type: "serial", null: false, primaryKey: true },
        {
          name: "boss",
          type: "integer",
          null: true,
          references: { table: "boss", column: "id", onDelete: "set null", onUpdate: "cascade" },
        },
        { name: "seats", type: "integer", null: false, index: true, default: 3 },
        { name: "startsAt", type: "timestamptz", null: false },
      ],
    });
  });
});
