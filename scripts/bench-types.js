#!/usr/bin/env node
// Type-checking budget: generates a schema of 100 and then 300 tables (5–8 columns each, 1–2
// foreign keys to earlier tables) and a queries file using it, then times `tsc --noEmit` on it
// against the built declarations (build/lib/index.d.ts, reached as the package "piccolo-orm").
// Reports each size and how instantiations grow (linear: ×3 from 100 to 300 tables). Fails when
// tsc's own total time (what an editor's already-running checker pays; node's start-up is printed
// apart) is over 10 s.
// Usage: node scripts/bench-types.js [--tables N] [--limit SECONDS] [--keep]
"use strict";

const { spawnSync } = require("node:child_process");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");

const ROOT = path.resolve(__dirname, "..");
const TSC = path.join(ROOT, "node_modules", "typescript", "bin", "tsc");

function parseArgs(argv) {
  const options = { tables: [100, 300], limit: 10, keep: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--tables") options.tables = [Number(argv[++i])];
    else if (arg === "--limit") options.limit = Number(argv[++i]);
    else if (arg === "--keep") options.keep = true;
    else throw new Error(`unknown argument ${arg} (usage: bench-types.js [--tables N] [--limit SECONDS] [--keep])`);
  }
  if (!options.tables.every((n) => Number.isInteger(n) && n >= 2)) throw new Error("--tables needs an integer >= 2");
  if (!(options.limit > 0)) throw new Error("--limit needs a positive number of seconds");
  return options;
}

/** A small deterministic PRNG (mulberry32), so every run checks the same schema. */
function random(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Column kinds: the factory call, the field type, and a literal of that type for inserts and wheres.
const KINDS = [
  { factory: "Varchar({ length: 100 })", type: "string", value: '"x"', text: true },
  { factory: "Text()", type: "string", value: '"y"', text: true },
  { factory: "Integer()", type: "number", value: "1" },
  { factory: "Integer({ default: 0 })", type: "number", value: "2" },
  { factory: "BigIntColumn()", type: "bigint", value: "3n" },
  { factory: "SmallInt()", type: "number", value: "4" },
  { factory: "Real()", type: "number", value: "1.5" },
  { factory: "DoublePrecision()", type: "number", value: "2.5" },
  { factory: "Numeric({ digits: [10, 2] })", type: "string", value: '"1.25"' },
  { factory: "BooleanColumn()", type: "boolean", value: "true" },
  { factory: "Timestamptz()", type: "Date", value: "new Date(0)" },
  { factory: "Timestamp()", type: "Date", value: "new Date(0)" },
  { factory: "DateColumn()", type: "string", value: '"2025-01-01"' },
  { factory: "UUID()", type: "string", value: '"00000000-0000-4000-8000-000000000000"', text: true },
  { factory: "JSONB({ null: true })", type: "unknown", value: "{ a: 1 }", nullable: true },
  { factory: "Integer({ null: true })", type: "number | null", value: "null", nullable: true },
  { factory: "Varchar({ null: true })", type: "string | null", value: "null", nullable: true, text: true },
];

const pad = (n) => String(n).padStart(3, "0");
const className = (i) => `T${pad(i)}`;

/** The schema as data: per table, its plain columns and its foreign keys. */
function makeSchema(count) {
  const next = random(20251124);
  const pick = (n) => Math.floor(next() * n);
  const tables = [];
  for (let i = 0; i < count; i++) {
    const fkCount = i === 0 ? 0 : i === 1 ? 1 : 1 + pick(2);
    const targets = [...new Set(Array.from({ length: fkCount }, () => pick(i)))];
    const columns = [{ name: "title", kind: KINDS[0] }];
    const plain = 5 + pick(4) - targets.length - 1; // 5–8 columns in all
    for (let c = 0; c < Math.max(plain, 1); c++) columns.push({ name: `c${c}`, kind: KINDS[pick(KINDS.length)] });
    const fks = targets.map((t, k) => ({ name: `ref${k}`, target: t, nullable: k === 0 || next() < 0.5 }));
    tables.push({ index: i, name: className(i), columns, fks });
  }
  return tables;
}

function tableFile(table) {
  const imports = [...new Set(table.fks.map((fk) => fk.target))].map(
    (t) => `import { ${className(t)} } from "./${className(t).toLowerCase()}";`,
  );
  const lines = [
    'import { Table, table, column, ForeignKey, type Ref, Varchar, Text, Integer, BigIntColumn, SmallInt, Real, DoublePrecision, Numeric, BooleanColumn, Timestamptz, Timestamp, DateColumn, UUID, JSONB } from "piccolo-orm";',
    'import { DB } from "../db";',
    ...imports,
    "",
    "@table({ db: DB })",
    `export class ${table.name} extends Table<${table.name}>() {`,
    ...table.columns.map((c) => `  @column(${c.kind.factory}) ${c.name}!: ${c.kind.type};`),
    ...table.fks.map(
      (fk) =>
        `  @column(ForeignKey(() => ${className(fk.target)}${fk.nullable ? "" : ", { null: false }"})) ${fk.name}!: Ref<${className(fk.target)}>${fk.nullable ? " | null" : ""};`,
    ),
    "}",
    "",
  ];
  return lines.join("\n");
}

/** Per table: a select with a joined column (two hops when there are two), a where, objects().get, an insert. */
function queriesFile(tables) {
  const lines = [
    'import { expectTypeOf } from "expect-type";',
    ...tables.map((t) => `import { ${t.name} } from "./tables/${t.name.toLowerCase()}";`),
    "",
    "export async function queries(): Promise<void> {",
  ];
  for (const t of tables) {
    const T = t.name;
    const plain = t.columns.filter((c) => !c.kind.nullable);
    // A second non-null column besides title, when the table has one (selecting title twice is a compile error).
    const other = plain.find((c) => c.name !== "title");
    const selected = other ? [`${T}.c.title`, `${T}.c.${other.name}`] : [`${T}.c.title`];
    let joined;
    const fk = t.fks[0];
    if (fk) {
      const target = tables[fk.target];
      const second = target.fks[0];
      joined = second ? `${T}.c.${fk.name}.${second.name}.title` : `${T}.c.${fk.name}.title`;
      selected.push(joined);
    }
    const whereCol = t.columns.find((c) => c.kind.text) ?? t.columns[0];
    const where = whereCol.kind.text
      ? `${T}.c.${whereCol.name}.like("a%")`
      : `${T}.c.${whereCol.name}.eq(${whereCol.kind.value})`;
    const v = `r${pad(t.index)}`;
    lines.push(
      `  const ${v} = await ${T}.select(${selected.join(", ")}).where(${where}, ${T}.c.id.gt(0)).orderBy(${T}.c.title);`,
    );
    lines.push(`  const o${pad(t.index)} = await ${T}.objects().get(${T}.c.id.eq(1));`);
    const insertValues = t.columns.map((c) => `${c.name}: ${c.kind.value}`).concat(t.fks.map((f) => `${f.name}: 1`));
    lines.push(`  const k${pad(t.index)} = await ${T}.insert({ ${insertValues.join(", ")} });`);
    if (t.index % 10 === 0) {
      const keys = [`title: string`, ...(other ? [`${other.name}: ${other.kind.type}`] : [])];
      if (joined) keys.push(`${JSON.stringify(joined.split(".c.")[1])}: string | null`);
      lines.push(`  expectTypeOf(${v}).toEqualTypeOf<{ ${[...new Set(keys)].join("; ")} }[]>();`);
      lines.push(`  expectTypeOf(o${pad(t.index)}).toEqualTypeOf<${T} | null>();`);
      lines.push(`  expectTypeOf(k${pad(t.index)}).toEqualTypeOf<{ id: number }[]>();`);
    } else {
      lines.push(`  void [${v}, o${pad(t.index)}, k${pad(t.index)}];`);
    }
  }
  lines.push("}", "");
  return lines.join("\n");
}

function generate(dir, count) {
  const tables = makeSchema(count);
  fs.mkdirSync(path.join(dir, "src", "tables"), { recursive: true });
  fs.mkdirSync(path.join(dir, "node_modules", "@types"), { recursive: true });
  fs.symlinkSync(ROOT, path.join(dir, "node_modules", "piccolo-orm"), "dir");
  fs.symlinkSync(path.join(ROOT, "node_modules", "expect-type"), path.join(dir, "node_modules", "expect-type"), "dir");
  fs.symlinkSync(
    path.join(ROOT, "node_modules", "@types", "node"),
    path.join(dir, "node_modules", "@types", "node"),
    "dir",
  );
  fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "bench-types", private: true }));
  fs.writeFileSync(
    path.join(dir, "tsconfig.json"),
    JSON.stringify(
      {
        compilerOptions: {
          target: "ES2022",
          module: "commonjs",
          moduleResolution: "node10",
          lib: ["ES2022"],
          types: ["node"],
          strict: true,
          experimentalDecorators: true,
          emitDecoratorMetadata: true,
          skipLibCheck: true,
          noEmit: true,
        },
        include: ["src"],
      },
      null,
      2,
    ),
  );
  fs.writeFileSync(
    path.join(dir, "src", "db.ts"),
    'import { SQLiteEngine } from "piccolo-orm";\nexport const DB = new SQLiteEngine({ path: ":memory:" });\n',
  );
  for (const t of tables) fs.writeFileSync(path.join(dir, "src", "tables", `${t.name.toLowerCase()}.ts`), tableFile(t));
  fs.writeFileSync(path.join(dir, "src", "queries.ts"), queriesFile(tables));
  const columns = tables.reduce((n, t) => n + t.columns.length + t.fks.length, 0);
  const fks = tables.reduce((n, t) => n + t.fks.length, 0);
  return { tables: tables.length, columns, fks };
}

function main() {
  const options = parseArgs(process.argv.slice(2));
  if (!fs.existsSync(path.join(ROOT, "build", "lib", "index.d.ts"))) {
    console.error("bench-types: build/lib/index.d.ts not found; run `npm run build` first");
    process.exit(1);
  }
  const runs = options.tables.map((tables) => checkSchema(tables, options));
  if (runs.length > 1) {
    const [small, large] = [runs[0], runs[runs.length - 1]];
    const growth = large.instantiations / small.instantiations;
    const scale = large.tables / small.tables;
    console.log(
      `bench-types: instantiations ×${growth.toFixed(2)} for ×${scale} tables (${growth <= scale * 1.1 ? "linear" : "FASTER than linear"})`,
    );
    if (growth > scale * 1.1) process.exitCode = 1;
  }
}

/** Generates a schema of `tables` tables, type-checks it and prints tsc's figures against the budget. */
function checkSchema(tables, options) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "piccolo-bench-types-"));
  try {
    const stats = generate(dir, tables);
    console.log(`bench-types: ${stats.tables} tables, ${stats.columns} columns (${stats.fks} foreign keys) in ${dir}`);
    const started = process.hrtime.bigint();
    const result = spawnSync(
      process.execPath,
      [TSC, "--noEmit", "-p", dir, "--extendedDiagnostics", "--pretty", "false"],
      { encoding: "utf8" },
    );
    const wall = Number(process.hrtime.bigint() - started) / 1e9;
    const output = `${result.stdout}${result.stderr}`;
    const diagnostics = output
      .split("\n")
      .filter((l) => /^(Files|Lines of TypeScript|Types|Instantiations|Memory used|Check time|Total time):/.test(l));
    const errors = output.split("\n").filter((l) => /error TS\d+/.test(l));
    for (const line of diagnostics) console.log(`  ${line.replace(/\s+/g, " ")}`);
    if (errors.length > 0) {
      console.error(`bench-types: tsc reported ${errors.length} errors:\n${errors.slice(0, 20).join("\n")}`);
      process.exitCode = 1;
    } else if (result.status !== 0) {
      console.error(`bench-types: tsc exited with ${result.status}:\n${output}`);
      process.exitCode = 1;
    }
    const figure = (name) => Number(new RegExp(`^${name}:\\s+([\\d.]+)`, "m").exec(output)?.[1] ?? NaN);
    const seconds = figure("Total time");
    const instantiations = figure("Instantiations");
    const verdict = seconds <= options.limit ? "within" : "OVER";
    console.log(
      `bench-types: ${tables} tables: tsc's total ${seconds.toFixed(2)} s (${verdict} the ${options.limit} s budget); ` +
        `${wall.toFixed(2)} s with node's start-up`,
    );
    if (!(seconds <= options.limit)) process.exitCode = 1;
    return { tables, seconds, instantiations };
  } finally {
    if (options.keep) console.log(`bench-types: kept ${dir}`);
    else fs.rmSync(dir, { recursive: true, force: true });
  }
}

main();
