import type { Migration, Operation } from "./operations";

const identifier = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** A value as TypeScript source on one line: unquoted keys where possible, strings in double quotes. */
function literal(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(literal).join(", ")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    if (entries.length === 0) return "{}";
    return `{ ${entries.map(([k, v]) => `${identifier.test(k) ? k : JSON.stringify(k)}: ${literal(v)}`).join(", ")} }`;
  }
  return JSON.stringify(value);
}

/** One operation, with a createTable's columns (and constraints and indexes) one per line. */
function operation(op: Operation, indent: string): string {
  if (op.op !== "createTable") return `${indent}${literal(op)},`;
  const { columns, constraints, indexes, ...rest } = op;
  const head = literal(rest).slice(0, -2);
  const list = (name: string, items: readonly unknown[]) => [
    `${indent}  ${name}: [`,
    ...items.map((c) => `${indent}    ${literal(c)},`),
    `${indent}  ],`,
  ];
  if (!constraints?.length && !indexes?.length) {
    const lines = columns.map((c) => `${indent}  ${literal(c)},`);
    return [`${indent}${head}, columns: [`, ...lines, `${indent}] },`].join("\n");
  }
  return [
    `${indent}${head},`,
    ...list("columns", columns),
    ...(constraints?.length ? list("constraints", constraints) : []),
    ...(indexes?.length ? list("indexes", indexes) : []),
    `${indent}},`,
  ].join("\n");
}

function operations(ops: readonly Operation[]): string {
  return ops.length === 0 ? "[]" : `[\n${ops.map((op) => operation(op, "    ")).join("\n")}\n  ]`;
}

/** A new migration id: the current UTC time to the microsecond, later than `after` if given. */
export function newMigrationId(after?: string, now: Date = new Date()): string {
  let id = `${now.toISOString().slice(0, 19)}:${String(now.getUTCMilliseconds() * 1000).padStart(6, "0")}`;
  while (after !== undefined && id <= after) {
    const micro = Number(after.slice(-6)) + 1;
    id = micro < 1_000_000 ? `${after.slice(0, -6)}${String(micro).padStart(6, "0")}` : `${after}0`;
  }
  return id;
}

/** The file name of a migration: `<app>_<id with separators as underscores>.ts`. */
export function migrationFileName(app: string, id: string): string {
  return `${app}_${id.toLowerCase().replace(/[^a-z0-9]+/g, "_")}.ts`;
}

/**
 * A migration file a person can read and edit: plain data for forwards and backwards, typed by
 * `defineMigration`. The schema snapshot is rebuilt from these files, so edits count.
 */
export function renderMigration(m: Migration, origin: string): string {
  return [
    'import { defineMigration } from "piccolo-orm";',
    "",
    `// ${origin}.`,
    "// Forwards and backwards are plain data: edit them freely, keeping them each other's undo.",
    '// Hand-written steps: { op: "sql", sql: "UPDATE band SET popularity = {}", params: [0] }, or JavaScript run in',
    '// the migration\'s transaction: { op: "raw", description: "fill slugs", run: async (db) => { await db.rawQuery("…"); } }',
    "// (a migration with a raw step in forwards goes backwards only if its backwards has one too).",
    "export default defineMigration({",
    `  id: ${JSON.stringify(m.id)},`,
    `  app: ${JSON.stringify(m.app)},`,
    `  description: ${JSON.stringify(m.description ?? "")},`,
    `  dependencies: ${literal(m.dependencies ?? [])},`,
    `  forwards: ${operations(m.forwards)},`,
    `  backwards: ${operations(m.backwards)},`,
    "});",
    "",
  ].join("\n");
}
