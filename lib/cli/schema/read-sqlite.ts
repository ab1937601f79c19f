import type { Engine } from "../../engine/engine";
import type { ColumnSchema, ConstraintSchema, IndexSchema, TableSchema } from "../../migrations/schema";
import type { ReferentialAction } from "../../sql/ast/nodes";
import * as sql from "../../sql/dialects/sqlite/catalog";
import { finishTables } from "./finish";
import { nowKinds, type ModelledDefault, type ModelledType, type ReadDatabase, type ReadTable } from "./model";
import { constant } from "./constant-default";
import { sqliteChecks, sqliteIndexWhere } from "../../migrations/sqlite-sql-text";
import { sqliteType } from "../../migrations/sqlite-types";

/** Reads a SQLite database's tables as piccolo can declare them, and lists what it cannot. */
export async function readSqlite(db: Engine): Promise<ReadDatabase> {
  const objects = await db.rawQuery(sql.objectsSql);
  const notes: string[] = [];
  for (const o of objects) {
    if (o.type === "view") notes.push(`view ${String(o.name)}: not generated`);
    if (o.type === "trigger") notes.push(`trigger ${String(o.table)}.${String(o.name)}: triggers are not modelled`);
  }
  const tables = objects.filter((o) => o.type === "table");
  const names = tables.map((t) => String(t.name));
  const read: ReadTable[] = [];
  for (const t of tables) {
    const name = String(t.name);
    const createSql = String(t.sql ?? "");
    if (/^CREATE VIRTUAL TABLE/i.test(createSql)) {
      notes.push(`virtual table ${name}: not generated`);
      continue;
    }
    if (/\bWITHOUT ROWID\b/i.test(createSql)) notes.push(`${name}: WITHOUT ROWID is not modelled`);
    if (/\bAUTOINCREMENT\b/i.test(createSql))
      notes.push(`${name}: AUTOINCREMENT is not modelled (keys may be reused after the last row is deleted)`);
    read.push(await readTable(db, name, createSql, names, notes));
  }
  return { dialect: "sqlite", source: "the SQLite database", tables: finishTables(read, notes), notes };
}

async function readTable(
  db: Engine,
  name: string,
  createSql: string,
  names: string[],
  notes: string[],
): Promise<ReadTable> {
  const rows = await db.rawQuery(sql.columnsSql, [name]);
  const keys = rows.filter((c) => Number(c.pk) > 0);
  const columns: ColumnSchema[] = [];
  for (const c of rows) {
    const column = String(c.name);
    const where = `${name}.${column}`;
    if (Number(c.hidden) === 1) continue;
    if (Number(c.hidden) >= 2) notes.push(`${where}: a generated column; its expression is not modelled`);
    const declared = sqliteType(String(c.type ?? ""), keys.length === 1 && Number(c.pk) === 1);
    const { type, lost } = piccoloDateType(declared.type, (c.default as string | null) ?? null) ?? declared;
    if (lost) notes.push(`${where}: ${lost}`);
    const parsed = sqliteDefault((c.default as string | null) ?? null, type);
    if (parsed === undefined) notes.push(`${where}: default ${String(c.default)} is not modelled`);
    columns.push({
      name: column,
      ...type,
      null: Number(c.notnull) !== 1 && Number(c.pk) === 0,
      ...(Number(c.pk) > 0 ? { primaryKey: true } : {}),
      ...(parsed ?? {}),
    });
  }
  const constraints: ConstraintSchema[] = [];
  const indexes: IndexSchema[] = [];
  const set = (n: string, patch: Partial<ColumnSchema>) => {
    const i = columns.findIndex((c) => c.name === n);
    if (i >= 0) columns[i] = { ...columns[i]!, ...patch };
  };
  await readForeignKeys(db, name, names, columns, set, notes);
  for (const index of await db.rawQuery(sql.indexListSql, [name])) {
    const indexName = String(index.name);
    const cols = (await db.rawQuery(sql.indexColumnsSql, [indexName])).map((r) => r.name as string | null);
    if (index.origin === "pk") continue;
    if (cols.includes(null)) {
      notes.push(`${name}.${indexName}: an index on an expression is not modelled`);
      continue;
    }
    const names = cols as string[];
    if (index.origin === "u") {
      if (names.length === 1) set(names[0]!, { unique: true });
      else constraints.push({ type: "unique", name: `${name}_${names.join("_")}_key`, columns: names });
      continue;
    }
    const indexSql = String((await db.rawQuery(sql.indexSqlSql, [indexName]))[0]?.sql ?? "");
    const where = Number(index.partial) === 1 ? sqliteIndexWhere(indexSql) : undefined;
    indexes.push({
      name: indexName,
      columns: names,
      ...(Number(index.unique) === 1 ? { unique: true } : {}),
      ...(where === undefined ? {} : { where }),
    });
  }
  for (const check of sqliteChecks(createSql))
    constraints.push({ type: "check", name: check.name ?? "", check: check.sql });
  const table: TableSchema = {
    name,
    columns,
    ...(constraints.length > 0 ? { constraints } : {}),
    ...(indexes.length > 0 ? { indexes } : {}),
  };
  return { table, choices: new Map() };
}

async function readForeignKeys(
  db: Engine,
  name: string,
  names: string[],
  columns: ColumnSchema[],
  set: (n: string, patch: Partial<ColumnSchema>) => void,
  notes: string[],
): Promise<void> {
  const rows = await db.rawQuery(sql.foreignKeysSql, [name]);
  for (const id of new Set(rows.map((r) => Number(r.id)))) {
    const parts = rows.filter((r) => Number(r.id) === id);
    const first = parts[0]!;
    if (parts.length > 1) {
      notes.push(`${name}: a foreign key of ${parts.length} columns is not modelled (the columns are kept)`);
      continue;
    }
    // SQLite matches table names without regard to case; keep the table's own spelling.
    const target = names.find((n) => n.toLowerCase() === String(first.table).toLowerCase()) ?? String(first.table);
    let to = first.to as string | null;
    if (to === null) {
      const keys = await db.rawQuery(sql.columnsSql, [target]);
      const pk = keys.filter((k) => Number(k.pk) > 0);
      to = pk.length === 1 ? String(pk[0]!.name) : null;
    }
    const from = String(first.from);
    if (to === null || !columns.some((c) => c.name === from)) {
      notes.push(`${name}.${from}: its foreign key to ${target} is not modelled (no single key column to reference)`);
      continue;
    }
    set(from, {
      references: {
        table: target,
        column: to,
        onDelete: String(first.on_delete).toLowerCase() as ReferentialAction,
        onUpdate: String(first.on_update).toLowerCase() as ReferentialAction,
      },
    });
  }
}

// The defaults piccolo writes for its date and time columns, which SQLite stores as TEXT.
const piccoloNow: Readonly<Record<string, ModelledType["type"]>> = {
  "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')": "timestamptz",
  "strftime('%Y-%m-%d', 'now')": "date",
  "strftime('%H:%M:%S', 'now')": "time",
};

/** A TEXT column with the `now` default piccolo writes is one of piccolo's date or time columns. */
function piccoloDateType(type: ModelledType, text: string | null): { type: ModelledType; lost?: string } | undefined {
  const kind = type.type === "text" && text !== null ? piccoloNow[text.replace(/^\((.*)\)$/s, "$1")] : undefined;
  return kind === undefined ? undefined : { type: { type: kind } };
}

const nowDefault =
  /^\(?\s*(CURRENT_TIMESTAMP|CURRENT_DATE|CURRENT_TIME|strftime\(.*'now'\)|datetime\('now'\)|date\('now'\)|time\('now'\))\s*\)?$/is;

/** A default as PRAGMA table_info prints it, as piccolo models it; undefined when it cannot. */
function sqliteDefault(text: string | null, type: ModelledType): ModelledDefault | undefined {
  if (text === null || /^NULL$/i.test(text)) return {};
  if (nowDefault.test(text)) return nowKinds.includes(type.type) ? { defaultNow: true } : undefined;
  if (type.type === "boolean" && /^(1|0|TRUE|FALSE)$/i.test(text)) return { default: /^(1|TRUE)$/i.test(text) };
  const literal = /^'((?:[^']|'')*)'$/s.exec(text);
  const number = /^\(?([-+]?\d+(?:\.\d+)?)\)?$/.exec(text);
  const raw = literal ? literal[1]!.replace(/''/g, "'") : number ? number[1]!.replace(/^\+/, "") : undefined;
  return raw === undefined ? undefined : constant(raw, type);
}
