import { expect } from "chai";
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { bindEngine, createTables, type Engine } from "../../lib";
import { loadModule } from "../../lib/apps/module-loader";
import type { ReadDatabase } from "../../lib/cli/schema/model";
import { readPostgres } from "../../lib/cli/schema/read-postgres";
import { readSqlite } from "../../lib/cli/schema/read-sqlite";
import { renderTables } from "../../lib/cli/schema/render-tables";
import { normalizeColumn, normalizeIndex, type ColumnSchema, type TableSchema } from "../../lib/migrations/schema";
import { ROOT, removeDir, tempProject } from "../support/cli";
import { describeEachEngine, onlyEngines, type EngineContext } from "../support/engines";
import { sampleDatabase } from "../support/sample-databases";

const read = (ctx: EngineContext, engine: Engine, schema = "public"): Promise<ReadDatabase> =>
  ctx.family === "postgres" ? readPostgres(engine, schema) : readSqlite(engine);

// SQLite has type affinities, not types: piccolo writes its own spellings (a Timestamp is TEXT, a
// Boolean or a Numeric(10, 2) an INTEGER), so there the round trip compares the storage piccolo uses.
function sqliteStorage(c: ColumnSchema): ColumnSchema {
  const scaled = c.type === "numeric" && c.precision !== undefined && c.precision <= 18;
  const integers = ["integer", "bigint", "smallint", "boolean"];
  const texts = ["text", "date", "timestamp", "timestamptz", "time", "uuid", "json", "jsonb", "array", "numeric"];
  const kind =
    integers.includes(c.type) || scaled
      ? "integer"
      : texts.includes(c.type)
        ? "text"
        : c.type === "double" || c.type === "interval"
          ? "real"
          : c.type;
  if (kind === c.type) return c;
  const out = {
    ...c,
    type: kind,
    length: undefined,
    precision: undefined,
    scale: undefined,
    element: undefined,
  } as ColumnSchema;
  if (c.type === "boolean" && typeof c.default === "boolean") return { ...out, default: c.default ? 1 : 0 };
  return out;
}

/** What the round trip compares: every table's columns, keys, references, defaults, uniques, checks and indexes. */
function catalogOf(db: ReadDatabase) {
  const sqlite = db.dialect === "sqlite";
  const byName =
    <T>(f: (x: T) => string) =>
    (a: T, b: T) =>
      f(a) < f(b) ? -1 : f(a) > f(b) ? 1 : 0;
  return [...db.tables]
    .map(({ table: t }: { table: TableSchema }) => ({
      name: t.name,
      schema: t.schema,
      columns: t.columns.map((c) => normalizeColumn(sqlite ? sqliteStorage(c) : c)),
      unique: (t.constraints ?? [])
        .filter((c) => c.type === "unique")
        .map((c) => (c.type === "unique" ? c.columns.join(",") : ""))
        .sort(),
      // SQLite names an unnamed check nowhere; piccolo names it: there only the condition is compared.
      checks: (t.constraints ?? [])
        .flatMap((c) => (c.type === "check" ? [`${sqlite ? "" : c.name}: ${JSON.stringify(c.check)}`] : []))
        .sort(),
      indexes: (t.indexes ?? []).map(normalizeIndex).sort(byName((i) => i.name)),
    }))
    .sort(byName((t) => t.name));
}

interface Sample {
  readonly title: string;
  readonly files: Partial<Record<"sqlite" | "postgres", string>>;
  readonly schema?: string;
  /** What else to check of the notes and the generated source, on the engine given. */
  readonly check?: (engine: "sqlite" | "postgres", db: ReadDatabase, source: string) => void;
}

const expectNotes = (db: ReadDatabase, parts: readonly string[]) => {
  for (const part of parts)
    expect(
      db.notes.some((n) => n.includes(part)),
      `a note with "${part}"`,
    ).to.equal(true);
};

const samples: readonly Sample[] = [
  {
    title: "Chinook",
    files: {
      sqlite: "sample-databases/chinook/chinook-sqlite.sql",
      postgres: "sample-databases/chinook/chinook-postgresql.sql",
    },
  },
  {
    title: "Pagila (PostgreSQL only: it is a PostgreSQL sample)",
    files: { postgres: "sample-databases/pagila/pagila-schema.sql" },
  },
  {
    title: "hand-written edge cases",
    files: { sqlite: "schema-generate/edge-cases-sqlite.sql", postgres: "schema-generate/edge-cases-postgres.sql" },
    check: (engine, db, source) => {
      // Names that are no identifiers, or that a table instance uses, get a property and their real name.
      expect(source).to.contain(`Label_Id!: number;`);
      expect(source).to.match(/dbColumnName: "Label Id"/);
      expect(source).to.match(/dbColumnName: "save" \}\)\) save_!: string \| null;/);
      expect(source).to.contain(`tablename: "Music Label"`);
      expectNotes(db, ["view label_names: not generated", "record.record_lower_title: an index on an expression"]);
      if (engine === "sqlite") {
        expectNotes(db, [
          "Music Label.notes: no declared type",
          "Music Label.misc: its declared type VARIANT_THING",
          "trigger record.record_touch",
        ]);
        expect(source).to.contain(`@column(Varchar({ length: 120, unique: true })) Name!: string;`);
      } else {
        expectNotes(db, [
          "Music Label.Label Id: an identity column becomes Serial",
          "Music Label.founded: domain positive_int becomes its base type integer",
          "Music Label.location: type point is not modelled",
          "Music Label.uid: default gen_random_uuid() is not modelled",
          "pair_ref.pair_ref_a_b_fkey: a foreign key of 2 columns is not modelled",
          "Music Label.moods: array of enum mood",
        ]);
        expect(source).to.contain(`choices: ["happy", "sad", "it's complicated"], default: "happy"`);
        expect(source).to.contain(
          `ForeignKey(() => MusicLabel, { targetColumn: "name", onUpdate: "no action" })) label_name!: Ref<MusicLabel, string> | null;`,
        );
        expect(source).to.contain(`unique: [["label", "catalogue"]]`);
        expect(source).to.contain(`{ columns: ["tags"], name: "record_tags", method: "gin" }`);
      }
    },
  },
  {
    title: "a schema other than public (PostgreSQL only: SQLite has none)",
    files: { postgres: "schema-generate/edge-cases-postgres.sql" },
    schema: "archive",
  },
];

describeEachEngine("schema generate: sample databases round trip", (ctx) => {
  let project: string;
  const generated: string[] = [];
  before(() => {
    project = tempProject("piccolo-schema-generate-");
  });
  after(() => removeDir(project));

  for (const [n, sample] of samples.entries()) {
    it(`${sample.title}: the generated classes create the same catalog in an empty database`, async function () {
      this.timeout(120_000);
      const file = sample.files[ctx.name as "sqlite" | "postgres"];
      if (file === undefined)
        return onlyEngines(this, ctx, ...(Object.keys(sample.files) as ("sqlite" | "postgres")[]));
      const source = await sampleDatabase(ctx.family === "postgres" ? "postgres" : "sqlite", file);
      const target = await sampleDatabase(ctx.family === "postgres" ? "postgres" : "sqlite");
      try {
        const original = await read(ctx, source.engine, sample.schema);
        expect(original.tables.length).to.be.greaterThan(0);
        const path = join(project, `generated_${ctx.name}_${n}.ts`);
        const text = renderTables(original);
        sample.check?.(ctx.family === "postgres" ? "postgres" : "sqlite", original, text);
        writeFileSync(path, text);
        generated.push(path);
        const classes = Object.values(loadModule(path)) as object[];
        expect(classes).to.have.length(original.tables.length);
        if (sample.schema) await target.engine.rawQuery(`CREATE SCHEMA "${sample.schema}"`);
        bindEngine(target.engine, classes);
        await createTables(...classes).run();
        const copy = await read(ctx, target.engine, sample.schema);
        expect(catalogOf(copy)).to.deep.equal(catalogOf(original));
      } finally {
        await source.dispose();
        await target.dispose();
      }
    });
  }

  it("every generated file compiles with tsc --strict", function () {
    onlyEngines(this, ctx, "sqlite", "sqlite3", "postgres"); // the sample databases are SQLite and PostgreSQL ones
    this.timeout(180_000);
    expect(generated.length).to.be.greaterThan(0);
    const config = join(project, "tsconfig.json");
    writeFileSync(
      config,
      JSON.stringify({
        compilerOptions: {
          target: "ES2022",
          module: "commonjs",
          moduleResolution: "node",
          strict: true,
          experimentalDecorators: true,
          skipLibCheck: true,
          noEmit: true,
        },
        files: generated,
      }),
    );
    const tsc = spawnSync(join(ROOT, "node_modules/.bin/tsc"), ["-p", config, "--pretty", "false"], {
      encoding: "utf8",
    });
    expect(tsc.stdout + tsc.stderr).to.equal("");
    expect(tsc.status).to.equal(0);
  });
});
