import { sqliteChecks, sqliteHasWord, sqliteIndexWhere, sqliteUniques } from "./sqlite-sql-text";
import { sqliteType } from "./sqlite-types";
import type { Engine } from "../engine/engine";
import type { ReferentialAction } from "../sql/ast/nodes";
import * as sql from "../sql/dialects/sqlite/catalog";
import { columnDefinition } from "./nodes";
import type { ColumnSchema, ConstraintSchema, IndexSchema, JsonValue, ReferencesSchema, TableSchema } from "./schema";

/** A table as the SQLite database has it now, and what a rebuild of it could not carry over. */
export interface LiveTable {
  readonly table: TableSchema;
  /** One line per part that a rebuild would lose or change (empty when it keeps everything). */
  readonly problems: readonly string[];
}

type Row = Record<string, unknown>;

const unwritten: readonly (readonly [RegExp, string])[] = [
  [/^WITHOUT\s+ROWID\b/i, "WITHOUT ROWID"],
  [/^AUTOINCREMENT\b/i, "AUTOINCREMENT"],
  [/^DEFERRABLE\b/i, "a DEFERRABLE foreign key"],
  [/^COLLATE\b/i, "a COLLATE clause"],
];

/**
 * Reads a SQLite table as migrations model it, so that an `alter()` rebuild recreates what the
 * database holds (an earlier alter()'s changes included) rather than what the class declares.
 * The class (`declared`) is used only where the database cannot say: a column whose declared type
 * and default read back as the class writes them keeps the class's kind (a Boolean and an Integer
 * are both INTEGER in SQLite). Every other part is checked to be written back the same; what is
 * not is listed in `problems`. Indexes other than the plain ones listed here, and triggers, are
 * carried over by the rebuild as their SQL text. Undefined when the database has no such table.
 */
export async function readLiveTable(engine: Engine, declared: TableSchema): Promise<LiveTable | undefined> {
  const database = declared.schema ?? "main";
  const master = `"${database.replace(/"/g, '""')}".sqlite_master`;
  const query = (text: string, ...params: unknown[]) => engine.rawQuery(text, params);
  const name = declared.name;
  const createSql = String((await query(sql.tableSqlOf(master), name))[0]?.sql ?? "");
  const problems: string[] = [];
  // What piccolo never writes, so a rebuild would drop it (looked for outside quoted text).
  for (const [word, what] of unwritten) if (sqliteHasWord(createSql, word)) problems.push(what);
  const rows = await query(sql.columnsInSql, name, database);
  if (rows.length === 0) return undefined; // no such table: the statements fail with the database's own error
  const keys = rows.filter((r) => Number(r.pk) > 0);
  const keyCount = keys.length;
  // A rebuild writes a composite key in the columns' order.
  if (keys.some((k, i) => Number(k.pk) !== i + 1)) problems.push("a primary key in another order than its columns");
  const columns = new Map<string, ColumnSchema>();
  for (const row of rows) {
    if (Number(row.hidden) >= 2) problems.push(`generated column ${String(row.name)}`);
    if (Number(row.hidden) !== 0) continue;
    const column = liveColumn(engine, row, keyCount, declared, problems);
    columns.set(column.name, column);
  }
  await readForeignKeys(query, name, database, declared, columns, problems);
  const constraints: ConstraintSchema[] = [];
  const indexes: IndexSchema[] = [];
  const uniques = sqliteUniques(createSql);
  for (const index of await query(sql.indexListInSql, name, database)) {
    const indexName = String(index.name);
    const on = (await query(sql.indexColumnsInSql, indexName, database)).map((r) => r.name as string | null);
    if (index.origin === "pk" || on.includes(null)) continue; // the key; an expression index is carried as SQL text
    const names = on as string[];
    if (index.origin === "u") {
      const named = uniques.find((u) => u.columns.join("\0") === names.join("\0"));
      if (named === undefined && names.length === 1) {
        const column = columns.get(names[0]!);
        if (column) columns.set(column.name, { ...column, unique: true });
      } else
        constraints.push({ type: "unique", name: named?.name ?? `${name}_${names.join("_")}_key`, columns: names });
      continue;
    }
    const indexSql = String((await query(sql.indexSqlOf(master), indexName))[0]?.sql ?? "");
    const where = Number(index.partial) === 1 ? sqliteIndexWhere(indexSql) : undefined;
    indexes.push({ name: indexName, columns: names, ...(Number(index.unique) === 1 ? { unique: true } : {}), where });
  }
  sqliteChecks(createSql).forEach((check, i) =>
    constraints.push({ type: "check", name: check.name ?? `${name}_${i + 1}_check`, check: check.sql }),
  );
  const table: TableSchema = {
    name,
    ...(declared.schema ? { schema: declared.schema } : {}),
    columns: [...columns.values()],
    ...(constraints.length > 0 ? { constraints } : {}),
    ...(indexes.length > 0 ? { indexes } : {}),
  };
  return { table, problems };
}

/** One column as the database has it: type and default checked to be written back as they are. */
function liveColumn(
  engine: Engine,
  row: Row,
  keyCount: number,
  declared: TableSchema,
  problems: string[],
): ColumnSchema {
  const name = String(row.name);
  const primaryKey = Number(row.pk) > 0;
  const base = { name, null: Number(row.notnull) !== 1 && !primaryKey, ...(primaryKey ? { primaryKey } : {}) };
  const written = (c: ColumnSchema): { type?: string; default?: string } => {
    try {
      return engine.dialect.compiler.declaredColumn(
        columnDefinition({ ...c, primaryKey: primaryKey && keyCount === 1 }),
      );
    } catch {
      return {}; // a reading the column's type cannot encode
    }
  };
  const typeText = String(row.type ?? "");
  const own = declared.columns.find((c) => c.name === name);
  const kinds = [
    ...(own ? [{ ...base, ...pickType(own) }] : []),
    { ...base, ...sqliteType(typeText, primaryKey && keyCount === 1).type },
  ];
  // Spelling aside (SQLite reads declared types without regard to case), the type must be written back the same.
  const spelled = (t: string | undefined) => t?.toUpperCase().replace(/\s+/g, " ").trim();
  const typed = kinds.find((c) => spelled(written(c).type) === spelled(typeText));
  if (typed === undefined) {
    problems.push(`column ${name}'s type ${typeText}`);
    return kinds[0]!;
  }
  const text = (row.default as string | null) ?? undefined;
  if (text === undefined || /^NULL$/i.test(text)) return typed;
  const candidates = [...(own && own.type === typed.type ? [pickDefault(own)] : []), ...defaultsOf(text)];
  // SQLite reads an expression default back without the parentheses it was written in.
  const bare = (t: string | undefined) => t?.replace(/^\((.*)\)$/s, "$1");
  const withDefault = candidates.map((d) => ({ ...typed, ...d })).find((c) => bare(written(c).default) === bare(text));
  if (withDefault === undefined) problems.push(`column ${name}'s default ${text}`);
  return withDefault ?? typed;
}

function pickType(c: ColumnSchema): Partial<ColumnSchema> & Pick<ColumnSchema, "type"> {
  return { type: c.type, length: c.length, precision: c.precision, scale: c.scale, element: c.element };
}

function pickDefault(c: ColumnSchema): Partial<ColumnSchema> {
  return { default: c.default, defaultNow: c.defaultNow };
}

/** The stored defaults a default's SQL text may stand for; the one written back as the same text is taken. */
function defaultsOf(text: string): Partial<ColumnSchema>[] {
  const quoted = /^'((?:[^']|'')*)'$/s.exec(text)?.[1]?.replace(/''/g, "'");
  const out: Partial<ColumnSchema>[] = [{ defaultNow: true }];
  const add = (value: JsonValue) => out.push({ default: value, defaultNow: false });
  if (quoted !== undefined) {
    add(quoted);
    try {
      add(JSON.parse(quoted) as JsonValue);
    } catch {
      // not JSON text: the plain string is the only reading
    }
  } else if (/^[-+]?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(text)) {
    add(Number(text));
    add(text);
    add(Number(text) !== 0);
  } else if (/^X'[0-9a-fA-F]*'$/.test(text)) add(text.slice(2, -1).toLowerCase());
  return out;
}

/** The table's foreign keys, onto its columns; one over several columns cannot be carried over. */
async function readForeignKeys(
  query: (text: string, ...params: unknown[]) => Promise<Row[]>,
  name: string,
  database: string,
  declared: TableSchema,
  columns: Map<string, ColumnSchema>,
  problems: string[],
): Promise<void> {
  const rows = await query(sql.foreignKeysInSql, name, database);
  for (const id of new Set(rows.map((r) => Number(r.id)))) {
    const parts = rows.filter((r) => Number(r.id) === id);
    const first = parts[0]!;
    const column = columns.get(String(first.from));
    if (parts.length > 1 || column === undefined) {
      problems.push(`a foreign key over ${parts.map((p) => String(p.from)).join(", ")}`);
      continue;
    }
    const target = String(first.table);
    let to = first.to as string | null;
    if (to === null) {
      const keys = (await query(sql.columnsInSql, target, database)).filter((k) => Number(k.pk) > 0);
      if (keys.length !== 1) {
        problems.push(`the foreign key of ${column.name} (to ${target}'s composite key)`);
        continue;
      }
      to = String(keys[0]!.name);
    }
    const references: ReferencesSchema = {
      table: target,
      ...(declared.schema ? { schema: declared.schema } : {}),
      column: to,
      onDelete: String(first.on_delete).toLowerCase() as ReferentialAction,
      onUpdate: String(first.on_update).toLowerCase() as ReferentialAction,
    };
    columns.set(column.name, { ...column, references });
  }
}
