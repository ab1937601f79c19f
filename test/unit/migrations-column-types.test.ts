import { expect } from "chai";
import { join, resolve } from "node:path";
import * as ts from "typescript";
import {
  ArrayColumn,
  BooleanColumn,
  Bytea,
  Email,
  Integer,
  Interval,
  Numeric,
  SQLiteEngine,
  Secret,
  Table,
  Time,
  Timestamptz,
  Varchar,
  column,
  table,
} from "../../lib";
import { diffSchemas, type RenameQuestion } from "../../lib/migrations/differ";
import { tableSchemaOf } from "../../lib/migrations/from-tables";
import { renderMigration } from "../../lib/migrations/generator";
import type { Operation } from "../../lib/migrations/operations";
import { planOperation } from "../../lib/migrations/planner";
import { backfillFor, normalizeColumn, type ColumnSchema, type TableSchema } from "../../lib/migrations/schema";
import { Snapshot } from "../../lib/migrations/snapshot";
import { PostgresDialect } from "../../lib/sql/dialects/postgres/dialect";
import { SQLiteDialect } from "../../lib/sql/dialects/sqlite/dialect";
import { tableMetaOf } from "../../lib/table/metadata";
import { loadMigrationFile } from "../support/migration-files";

// Compiled to build/test/unit/, so the repository root is three levels up.
const ROOT = resolve(__dirname, "../../..");
const pg = new PostgresDialect();
const lite = new SQLiteDialect();
const never = (q: RenameQuestion): boolean => {
  throw new Error(`unexpected question ${JSON.stringify(q)}`);
};

enum Genre {
  Rock = "rock",
  Jazz = "jazz",
}
enum Size {
  Small = 1,
  Large = 2,
}

const db = new SQLiteEngine({ path: ":memory:" });

@table({ db, tablename: "album" })
class Album extends Table<Album>() {
  @column(Varchar({ choices: Genre, default: Genre.Rock })) genre!: Genre;
  @column(Integer({ choices: Size, default: Size.Large })) size!: Size;
  @column(Interval({ default: 90 * 60_000 })) length!: number;
  @column(Interval({ null: true })) pause!: number | null;
  @column(Time({ default: "18:30:00" })) startsAt!: string;
  @column(Bytea({ default: Buffer.from([0, 255, 16]) })) cover!: Uint8Array;
  @column(Bytea({ null: true })) thumbnail!: Uint8Array | null;
  @column(Email({ length: 100 })) contact!: string;
  @column(Secret()) apiKey!: Secret<string>;
  @column(Varchar({ length: 20, secret: true, null: true })) pin!: Secret<string> | null;
  @column(ArrayColumn(Varchar({ length: 20 }), { default: ["live", "remastered"] })) tags!: string[];
  @column(ArrayColumn(Numeric({ digits: [6, 2], null: true }))) prices!: (string | null)[];
  @column(ArrayColumn(Timestamptz(), { default: [new Date("2025-01-02T03:04:05.000Z")] })) dates!: Date[];
  @column(ArrayColumn(Interval())) gaps!: number[];
  @column(ArrayColumn(BooleanColumn(), { null: true })) flags!: boolean[] | null;
}

const album = () => tableSchemaOf(tableMetaOf(Album));
const columnOf = (t: TableSchema, name: string) => t.columns.find((c) => c.name === name)!;
const withColumns = (t: TableSchema, columns: ColumnSchema[]): TableSchema => ({
  ...t,
  columns: columns.map(normalizeColumn),
});

/** Type errors of a rendered migration file checked against the library's sources. */
function typeErrors(source: string): string[] {
  const file = join(ROOT, "test/unit/generated-migration.ts");
  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.CommonJS,
    moduleResolution: ts.ModuleResolutionKind.Node10,
    experimentalDecorators: true,
    types: ["node"],
    typeRoots: [join(ROOT, "node_modules/@types")],
    baseUrl: ROOT,
    paths: { "piccolo-orm": ["lib/index.ts"] },
  };
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  host.readFile = (name) => (resolve(name) === file ? source : readFile(name));
  host.fileExists = (
    (exists) => (name: string) =>
      resolve(name) === file || exists(name)
  )(host.fileExists.bind(host));
  const program = ts.createProgram([file], options, host);
  return ts
    .getPreEmitDiagnostics(program, program.getSourceFile(file))
    .map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
}

describe("migrations: the richer column types", () => {
  it("reads every new type from a table class: array elements, bytes as hex, enum and array defaults; secret is no schema", () => {
    expect(album().columns.slice(1)).to.deep.equal([
      { name: "genre", type: "varchar", length: 255, null: false, default: "rock" },
      { name: "size", type: "integer", null: false, default: 2 },
      { name: "length", type: "interval", null: false, default: 5_400_000 },
      { name: "pause", type: "interval", null: true },
      { name: "startsAt", type: "time", null: false, default: "18:30:00" },
      { name: "cover", type: "bytea", null: false, default: "00ff10" },
      { name: "thumbnail", type: "bytea", null: true },
      { name: "contact", type: "email", length: 100, null: false },
      { name: "apiKey", type: "varchar", length: 255, null: false },
      { name: "pin", type: "varchar", length: 20, null: true },
      {
        name: "tags",
        type: "array",
        element: { type: "varchar", length: 20, null: false },
        null: false,
        default: ["live", "remastered"],
      },
      { name: "prices", type: "array", element: { type: "numeric", precision: 6, scale: 2, null: true }, null: false },
      {
        name: "dates",
        type: "array",
        element: { type: "timestamptz", null: false },
        null: false,
        default: ["2025-01-02T03:04:05.000Z"],
      },
      { name: "gaps", type: "array", element: { type: "interval", null: false }, null: false },
      { name: "flags", type: "array", element: { type: "boolean", null: false }, null: true },
    ]);
  });

  it("creates the table, then finds no change; the rendered file type-checks and loads back as the same data", async function () {
    this.timeout(60_000);
    const diff = await diffSchemas([], [album()], never);
    expect(diff.forwards.map((o) => o.op)).to.deep.equal(["createTable"]);
    const replayed = [...new Snapshot().applyAll(diff.forwards).tables.values()];
    expect(replayed).to.deep.equal([album()]);
    expect(await diffSchemas(replayed, [album()], never)).to.deep.equal({ forwards: [], backwards: [] });

    const migration = {
      id: "2025-06-01T12:00:00:000000",
      app: "music",
      forwards: diff.forwards,
      backwards: diff.backwards,
    };
    const source = renderMigration(migration, "Generated by a test");
    expect(source).to.contain(
      '{ name: "tags", type: "array", element: { type: "varchar", length: 20, null: false }, null: false, default: ["live", "remastered"] },',
    );
    expect(source).to.contain('{ name: "cover", type: "bytea", null: false, default: "00ff10" },');
    expect(loadMigrationFile(source)).to.deep.equal({ ...migration, description: "", dependencies: [] });
    expect(typeErrors(source)).to.deep.equal([]);
    expect(typeErrors(source.replace('type: "interval"', 'type: "intervals"')).join("\n")).to.match(/"intervals"/);
  });

  it("backfills the new kinds with zero, midnight, no bytes and an empty array; refuses an e-mail address", async () => {
    const kinds: [Partial<ColumnSchema>, unknown][] = [
      [{ type: "interval" }, 0],
      [{ type: "time" }, "00:00:00"],
      [{ type: "bytea" }, ""],
      [{ type: "array", element: { type: "integer", null: false } }, []],
      [{ type: "email", length: 255 }, undefined],
    ];
    for (const [kind, fill] of kinds)
      expect(backfillFor({ name: "x", null: false, type: "text", ...kind }), kind.type).to.deep.equal(fill);

    const before = withColumns(
      album(),
      album().columns.filter((c) => c.name !== "contact"),
    );
    let error: Error | undefined;
    await diffSchemas([before], [album()], never).catch((e: Error) => (error = e));
    expect(error?.message).to.match(/album\.contact is NOT NULL and has no constant default/);
  });

  it("adds an array with its default on both engines, and plans PostgreSQL DDL with element types and constants", async () => {
    const start = withColumns(
      album(),
      album().columns.filter((c) => c.name !== "tags" && c.name !== "gaps"),
    );
    const diff = await diffSchemas([start], [album()], never);
    expect(diff.forwards).to.deep.equal([
      { op: "addColumn", table: "album", column: columnOf(album(), "tags"), backfill: ["live", "remastered"] },
      { op: "addColumn", table: "album", column: columnOf(album(), "gaps"), backfill: [] },
    ]);
    const snapshot = new Snapshot().applyAll([{ op: "createTable", table: "album", columns: start.columns }]);
    const sql = (dialect: PostgresDialect | SQLiteDialect, op: Operation, from = snapshot) =>
      planOperation(op, from, dialect.capabilities).statements.map((s) => dialect.compiler.compile(s).sql);
    expect(sql(pg, diff.forwards[0]!)).to.deep.equal([
      `ALTER TABLE "album" ADD COLUMN "tags" VARCHAR(20)[] NOT NULL DEFAULT '{"live","remastered"}'`,
    ]);
    expect(sql(pg, diff.forwards[1]!, snapshot.apply(diff.forwards[0]!))).to.deep.equal([
      `ALTER TABLE "album" ADD COLUMN "gaps" INTERVAL[] NOT NULL DEFAULT '{}'`,
      `ALTER TABLE "album" ALTER COLUMN "gaps" DROP DEFAULT`,
    ]);
    expect(sql(lite, diff.forwards[0]!)).to.deep.equal([
      `ALTER TABLE "album" ADD COLUMN "tags" TEXT NOT NULL DEFAULT '["live","remastered"]'`,
    ]);

    const create = sql(pg, { op: "createTable", table: "album2", columns: album().columns });
    expect(create[0]).to.contain(`"length" INTERVAL NOT NULL DEFAULT '5400000000 microseconds'`);
    expect(create[0]).to.contain(`"startsAt" TIME NOT NULL DEFAULT '18:30:00'`);
    expect(create[0]).to.contain(`"cover" BYTEA NOT NULL DEFAULT decode('00ff10', 'hex')`);
    expect(create[0]).to.contain(`"contact" VARCHAR(100) NOT NULL`);
    expect(create[0]).to.contain(`"prices" NUMERIC(6, 2)[] NOT NULL`);
    expect(create[0]).to.contain(`"dates" TIMESTAMPTZ[] NOT NULL DEFAULT '{"2025-01-02T03:04:05.000Z"}'`);
    expect(sql(lite, { op: "createTable", table: "album2", columns: album().columns })[0]).to.contain(
      `"cover" BLOB NOT NULL DEFAULT X'00ff10'`,
    );
  });

  it("detects a change of element type, and records a change of element nullability without touching the database", async () => {
    const longer = withColumns(
      album(),
      album().columns.map((c) =>
        c.name === "tags" ? { ...c, element: { type: "varchar", length: 40, null: false } } : c,
      ),
    );
    const diff = await diffSchemas([album()], [longer], never);
    expect(diff.forwards).to.deep.equal([{ op: "alterColumn", table: "album", column: columnOf(longer, "tags") }]);
    const snapshot = new Snapshot().applyAll([{ op: "createTable", table: "album", columns: album().columns }]);
    const plan = planOperation(diff.forwards[0]!, snapshot, pg.capabilities);
    expect(plan.statements.map((s) => pg.compiler.compile(s).sql)).to.include(
      `ALTER TABLE "album" ALTER COLUMN "tags" TYPE VARCHAR(40)[] USING "tags"::VARCHAR(40)[]`,
    );

    const nullable = withColumns(
      album(),
      album().columns.map((c) => (c.name === "tags" ? { ...c, element: { ...c.element!, null: true } } : c)),
    );
    const diff2 = await diffSchemas([album()], [nullable], never);
    expect(diff2.forwards).to.deep.equal([{ op: "alterColumn", table: "album", column: columnOf(nullable, "tags") }]);
    for (const dialect of [pg, lite])
      expect(planOperation(diff2.forwards[0]!, snapshot, dialect.capabilities)).to.deep.equal({
        statements: [],
        rebuild: false,
      });
    expect(
      new Snapshot()
        .applyAll([{ op: "createTable", table: "album", columns: album().columns }, ...diff2.forwards])
        .table("album"),
    ).to.deep.equal(nullable);
  });

  it("refuses migration files with an array without its element type, or bytes that are not hex", () => {
    const id: ColumnSchema = { name: "id", type: "serial", null: false, primaryKey: true };
    const create = (c: ColumnSchema): Operation => ({ op: "createTable", table: "t", columns: [id, c] });
    expect(() => new Snapshot().apply(create({ name: "tags", type: "array", null: false }))).to.throw(
      /column "tags" is an array without its element type/,
    );
    expect(() => new Snapshot().apply(create({ name: "b", type: "bytea", null: false, default: "xyz" }))).to.throw(
      /must be hex digits/,
    );
    const withBytes = new Snapshot().apply(create({ name: "b", type: "bytea", null: true }));
    expect(() =>
      withBytes.apply({
        op: "alterColumn",
        table: "t",
        column: { name: "b", type: "bytea", null: false },
        backfill: "0",
      }),
    ).to.throw(/must be hex digits/);
  });
});
