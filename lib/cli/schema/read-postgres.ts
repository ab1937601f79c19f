import type { Engine } from "../../engine/engine";
import type { ColumnSchema, ConstraintSchema, IndexSchema, TableSchema } from "../../migrations/schema";
import type { ReferentialAction } from "../../sql/ast/nodes";
import * as sql from "../../sql/dialects/postgres/catalog";
import { finishTables } from "./finish";
import type { ModelledType, ReadDatabase, ReadTable } from "./model";
import { postgresDefault, postgresType } from "./postgres-types";

type Row = Record<string, unknown>;

const actions: Readonly<Record<string, ReferentialAction>> = {
  a: "no action",
  r: "restrict",
  c: "cascade",
  n: "set null",
  d: "set default",
};
const indexMethods = new Set(["btree", "hash", "gin", "gist", "brin"]);

/** Reads one PostgreSQL schema's tables as piccolo can declare them, and lists what it cannot. */
export async function readPostgres(db: Engine, schemaName: string): Promise<ReadDatabase> {
  const query = (text: string) => db.rawQuery(text, [schemaName]);
  const relations = await query(sql.relationsSql);
  const columns = await query(sql.columnsSql);
  const constraints = await query(sql.constraintsSql);
  const indexes = await query(sql.indexesSql);
  const domains = await query(sql.domainsSql);
  const triggers = await query(sql.triggersSql);
  const notes: string[] = [];
  reportRelations(relations, notes);
  for (const d of domains) {
    const checks = d.checks as string[];
    notes.push(
      `domain ${String(d.name)}: not generated; its columns take its base type ${String(d.base)}` +
        (checks.length > 0 ? `, without its ${checks.join(" ")}` : ""),
    );
  }
  for (const t of triggers) notes.push(`trigger ${String(t.table)}.${String(t.name)}: triggers are not modelled`);

  const tables = relations
    .filter((r) => (r.kind === "r" || r.kind === "p") && r.partition !== true)
    .map((r) => String(r.name));
  const read: ReadTable[] = tables.map((name) => {
    const where = (rows: Row[]) => rows.filter((row) => row.table === name);
    const choices = new Map<string, readonly string[]>();
    const cols = where(columns).map((c) => readColumn(name, c, choices, notes));
    const own = where(constraints);
    const tableConstraints = applyConstraints(name, cols, own, notes);
    const untyped = new Set(
      where(columns)
        .filter((c) => unmodelledType(c))
        .map((c) => String(c.name)),
    );
    const tableIndexes = readIndexes(name, where(indexes), untyped, notes);
    const table: TableSchema = {
      name,
      ...(schemaName === "public" ? {} : { schema: schemaName }),
      columns: cols,
      ...(tableConstraints.length > 0 ? { constraints: tableConstraints } : {}),
      ...(tableIndexes.length > 0 ? { indexes: tableIndexes } : {}),
    };
    return { table, choices };
  });
  return { dialect: "postgres", source: `schema ${schemaName}`, tables: finishTables(read, notes), notes };
}

function reportRelations(relations: Row[], notes: string[]): void {
  const kinds: Record<string, string> = { v: "view", m: "materialized view", f: "foreign table" };
  for (const r of relations)
    if (kinds[String(r.kind)]) notes.push(`${kinds[String(r.kind)]} ${String(r.name)}: not generated`);
  const partitions = relations.filter((r) => r.partition === true).map((r) => String(r.name));
  for (const r of relations.filter((r) => r.kind === "p"))
    notes.push(`partitioned table ${String(r.name)}: generated as a plain table; its partitioning is not modelled`);
  if (partitions.length > 0) notes.push(`partitions not generated (${partitions.length}): ${partitions.join(", ")}`);
}

function readColumn(
  table: string,
  c: Row,
  choices: Map<string, readonly string[]>,
  notes: string[],
): ColumnSchema & { identity?: boolean; sequence?: boolean } {
  const name = String(c.name);
  const where = `${table}.${name}`;
  let spelling = String(c.type);
  if (c.typtype === "d") {
    spelling = String(c.domain_base);
    notes.push(`${where}: domain ${String(c.typname)} becomes its base type ${spelling}`);
  }
  let type: ModelledType | undefined;
  if (c.typtype === "e") {
    choices.set(name, c.labels as string[]);
    type = { type: "varchar", length: 255 };
    notes.push(`${where}: enum type ${String(c.typname)} becomes Varchar({ length: 255 }) with its labels as choices`);
  } else if (c.element_typtype === "e") {
    choices.set(name, c.element_labels as string[]);
    type = { type: "array", element: { type: "varchar", length: 255, null: true } };
    notes.push(`${where}: array of enum ${String(c.element_typname)} becomes an array of Varchar with choices`);
  } else {
    const parsed = postgresType(spelling);
    if (parsed === undefined) {
      type = { type: "text" };
      notes.push(`${where}: type ${spelling} is not modelled; it becomes Text`);
    } else {
      type = parsed.type;
      if (parsed.lost) notes.push(`${where}: ${spelling} loses ${parsed.lost}`);
    }
  }
  if (c.generated === "s") notes.push(`${where}: a generated column; its expression is not modelled`);
  const expression = (c.default as string | null) ?? null;
  const identity = c.identity === "a" || c.identity === "d";
  const sequence = expression !== null && /^nextval\(/.test(expression);
  // A generated column's expression sits where defaults do: it is no default.
  const parsedDefault = sequence || c.generated === "s" ? {} : postgresDefault(expression, type);
  if (parsedDefault === undefined) notes.push(`${where}: default ${expression} is not modelled`);
  return {
    name,
    ...type,
    null: c.notnull !== true,
    ...(parsedDefault ?? {}),
    ...(identity ? { identity: true } : {}),
    ...(sequence ? { sequence: true } : {}),
  };
}

/** Sets key, unique and reference flags on the columns; returns the table-level constraints. */
function applyConstraints(
  table: string,
  columns: (ColumnSchema & { primaryKey?: boolean; unique?: boolean })[],
  rows: Row[],
  notes: string[],
): ConstraintSchema[] {
  const out: ConstraintSchema[] = [];
  const byName = (n: string) => columns.findIndex((c) => c.name === n);
  const set = (n: string, patch: Partial<ColumnSchema>) => {
    const i = byName(n);
    if (i >= 0) columns[i] = { ...columns[i]!, ...patch };
  };
  for (const k of rows) {
    const cols = k.columns as string[];
    const where = `${table}.${String(k.name)}`;
    if (k.type === "p") for (const c of cols) set(c, { primaryKey: true, null: false });
    else if (k.type === "u") {
      if (cols.length === 1) set(cols[0]!, { unique: true });
      else out.push({ type: "unique", name: String(k.name), columns: cols });
    } else if (k.type === "f") {
      if (cols.length !== 1) {
        notes.push(`${where}: a foreign key of ${cols.length} columns is not modelled (the columns are kept)`);
        continue;
      }
      set(cols[0]!, {
        references: {
          table: String(k.ref_table),
          ...(k.ref_schema === "public" ? {} : { schema: String(k.ref_schema) }),
          column: (k.ref_columns as string[])[0]!,
          onDelete: actions[String(k.on_delete)]!,
          onUpdate: actions[String(k.on_update)]!,
        },
      });
    } else if (k.type === "c") {
      const definition = String(k.definition);
      const check = /^CHECK \((.*)\)$/s.exec(definition);
      if (check) out.push({ type: "check", name: String(k.name), check: check[1]! });
      else notes.push(`${where}: check ${definition} is not modelled`);
    } else {
      notes.push(`${where}: constraint ${String(k.definition)} is not modelled`);
    }
  }
  return out;
}

/** Whether a column's type has no piccolo column (it is generated as Text). */
function unmodelledType(c: Row): boolean {
  if (c.typtype === "e" || c.element_typtype === "e") return false;
  return postgresType(String(c.typtype === "d" ? c.domain_base : c.type)) === undefined;
}

function readIndexes(table: string, rows: Row[], untyped: ReadonlySet<string>, notes: string[]): IndexSchema[] {
  const out: IndexSchema[] = [];
  for (const i of rows) {
    const columns = i.columns as (string | null)[];
    const method = String(i.method);
    const problem = columns.includes(null)
      ? "an index on an expression"
      : !indexMethods.has(method)
        ? `an index using ${method}`
        : i.has_include === true
          ? "an index with INCLUDE columns"
          : columns.some((c) => untyped.has(c!))
            ? "an index on a column whose type is not modelled"
            : undefined;
    if (problem) {
      notes.push(`${table}.${String(i.name)}: ${problem} is not modelled (${String(i.definition)})`);
      continue;
    }
    out.push({
      name: String(i.name),
      columns: columns as string[],
      ...(method === "btree" ? {} : { method: method as IndexSchema["method"] }),
      ...(i.unique === true ? { unique: true } : {}),
      ...(i.where === null ? {} : { where: String(i.where) }),
    });
  }
  return out;
}
