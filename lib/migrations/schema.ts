import type { ColumnKind } from "../columns/column-type";
import type { ReferentialAction } from "../sql/ast/nodes";
import type { SqlText } from "../sql/dialects/condition-text";

/** A value a migration file can hold literally. */
export type JsonValue = string | number | boolean | null | readonly JsonValue[] | { readonly [key: string]: JsonValue };

/** The column kinds a schema stores: a foreign key is stored as its key's type plus `references`. */
export type SchemaColumnKind = Exclude<ColumnKind, "foreignKey">;

/** A foreign key as a migration file spells it. */
export interface ReferencesSchema {
  readonly table: string;
  readonly schema?: string | undefined;
  readonly column: string;
  readonly onDelete: ReferentialAction;
  readonly onUpdate: ReferentialAction;
}

/** The element type of an array column: `{ type: "varchar", length: 20, null: false }`. */
export interface ElementSchema {
  readonly type: SchemaColumnKind;
  readonly length?: number | undefined;
  readonly precision?: number | undefined;
  readonly scale?: number | undefined;
  /** Whether elements may be null; the database does not enforce it, so changing it alters nothing there. */
  readonly null: boolean;
}

/**
 * One column as migrations see it: plain data, written into migration files as it is. Constants
 * (defaults, backfills) are stored as JSON: timestamps as ISO text, bigints as digits, bytea as
 * hex digits ("" is empty), arrays as arrays of their elements stored so.
 */
export interface ColumnSchema {
  /** The column's name in the database. */
  readonly name: string;
  readonly type: SchemaColumnKind;
  readonly length?: number | undefined;
  readonly precision?: number | undefined;
  readonly scale?: number | undefined;
  /** The element type of an `array` column (required for arrays). */
  readonly element?: ElementSchema | undefined;
  readonly null: boolean;
  readonly primaryKey?: boolean | undefined;
  readonly unique?: boolean | undefined;
  readonly index?: boolean | undefined;
  /** A constant default, kept in the database schema (function defaults run client-side and are not). */
  readonly default?: JsonValue | undefined;
  /** The database's current date/time as the default (`default: now`). */
  readonly defaultNow?: boolean | undefined;
  readonly references?: ReferencesSchema | undefined;
}

// SQL text of a condition (a check, a partial index's where) as migration files store it: one
// string when PostgreSQL and SQLite spell it alike, else each dialect's own, so that a file made on
// one engine runs on the other.
export type { SqlText };

/** A table-level constraint: a composite unique or a check. */
export type ConstraintSchema =
  | { readonly type: "unique"; readonly name: string; readonly columns: readonly string[] }
  | { readonly type: "check"; readonly name: string; readonly check: SqlText };

/** An index declared on the table (multi-column, of a method, unique or partial). */
export interface IndexSchema {
  readonly name: string;
  readonly columns: readonly string[];
  readonly method?: "btree" | "hash" | "gin" | "gist" | "brin" | undefined;
  readonly unique?: boolean | undefined;
  readonly where?: SqlText | undefined;
}

/** One table as migrations see it. */
export interface TableSchema {
  readonly name: string;
  readonly schema?: string | undefined;
  readonly columns: readonly ColumnSchema[];
  /** Table-level unique and check constraints. */
  readonly constraints?: readonly ConstraintSchema[] | undefined;
  /** Indexes declared on the table (an `index: true` column's index is the column's). */
  readonly indexes?: readonly IndexSchema[] | undefined;
}

/** The canonical form of a constraint, so equal ones compare equal. */
export function normalizeConstraint(c: ConstraintSchema): ConstraintSchema {
  return c.type === "unique"
    ? { type: "unique", name: c.name, columns: [...c.columns] }
    : { type: "check", name: c.name, check: c.check };
}

/** The canonical form of an index: btree and non-unique left out. */
export function normalizeIndex(i: IndexSchema): IndexSchema {
  const out: Record<string, unknown> = { name: i.name, columns: [...i.columns] };
  if (i.method !== undefined && i.method !== "btree") out.method = i.method;
  if (i.unique) out.unique = true;
  if (i.where !== undefined) out.where = i.where;
  return out as unknown as IndexSchema;
}

/** The key of a table in a snapshot: `schema.name`, or `name`. */
export function tableKey(name: string, schema?: string): string {
  return schema ? `${schema}.${name}` : name;
}

/** The canonical form of a column: fixed key order, false flags and null defaults left out, so equal columns compare equal. */
export function normalizeColumn(c: ColumnSchema): ColumnSchema {
  const out: Record<string, unknown> = { name: c.name, type: c.type };
  if (c.length !== undefined) out.length = c.length;
  if (c.precision !== undefined) out.precision = c.precision;
  if (c.scale !== undefined) out.scale = c.scale;
  if (c.element !== undefined) out.element = normalizeElement(c.element);
  out.null = c.primaryKey ? false : c.null;
  if (c.primaryKey) out.primaryKey = true;
  if (c.unique && !c.primaryKey) out.unique = true;
  if (c.index) out.index = true;
  if (c.default !== undefined && c.default !== null) out.default = c.default;
  else if (c.defaultNow) out.defaultNow = true;
  if (c.references) {
    const r = c.references;
    out.references = {
      table: r.table,
      ...(r.schema ? { schema: r.schema } : {}),
      column: r.column,
      onDelete: r.onDelete,
      onUpdate: r.onUpdate,
    };
  }
  return out as unknown as ColumnSchema;
}

function normalizeElement(e: ElementSchema): ElementSchema {
  const out: Record<string, unknown> = { type: e.type };
  if (e.length !== undefined) out.length = e.length;
  if (e.precision !== undefined) out.precision = e.precision;
  if (e.scale !== undefined) out.scale = e.scale;
  out.null = e.null ?? false;
  return out as unknown as ElementSchema;
}

/** True when two columns have the same definition (names included). */
export function sameColumn(a: ColumnSchema, b: ColumnSchema): boolean {
  return JSON.stringify(normalizeColumn(a)) === JSON.stringify(normalizeColumn(b));
}

/** True when two columns differ only in what the database does not hold (whether array elements may be null). */
export function sameInDatabase(a: ColumnSchema, b: ColumnSchema): boolean {
  const stored = (c: ColumnSchema) => normalizeColumn(c.element ? { ...c, element: { ...c.element, null: false } } : c);
  return JSON.stringify(stored(a)) === JSON.stringify(stored(b));
}

/** True when two columns differ in their stored type (kind, length, precision, scale, and an array's element type). */
export function typeChanged(a: ColumnSchema, b: ColumnSchema): boolean {
  const sameType = (x: Omit<ElementSchema, "null"> | undefined, y: Omit<ElementSchema, "null"> | undefined): boolean =>
    x?.type === y?.type && x?.length === y?.length && x?.precision === y?.precision && x?.scale === y?.scale;
  return !sameType(a, b) || !sameType(a.element, b.element);
}

const constantDefaults: Partial<Record<SchemaColumnKind, JsonValue>> = {
  varchar: "",
  char: "",
  text: "",
  integer: 0,
  bigint: 0,
  smallint: 0,
  real: 0,
  double: 0,
  numeric: "0",
  boolean: false,
  interval: 0,
  time: "00:00:00",
  bytea: "",
  array: [],
};

/**
 * The value existing rows get when a NOT NULL column is added or made NOT NULL: its constant
 * default, else its type's constant default (`""`, `0`, `false`, a zero interval, midnight, empty
 * bytes, an empty array); undefined when there is none (timestamps, UUIDs, e-mail addresses, JSON
 * and keys need an explicit default).
 */
export function backfillFor(column: ColumnSchema): JsonValue | undefined {
  if (column.default !== undefined && column.default !== null) return column.default;
  if (column.references) return undefined;
  return constantDefaults[column.type];
}

/** What is wrong with a column (and the backfill of its operation) read from a migration file, or undefined. */
export function columnProblem(column: ColumnSchema, backfill?: JsonValue): string | undefined {
  const where = `column "${column.name}"`;
  if (column.type === "array") {
    if (column.element === undefined)
      return `${where} is an array without its element type (add element: { type: "integer", null: false })`;
  } else if (column.element !== undefined) {
    return `${where} has an element type but is not an array`;
  }
  if (column.defaultNow && !["timestamp", "timestamptz", "date", "time"].includes(column.type)) {
    return `${where} has defaultNow but holds no date or time (only timestamp, timestamptz, date and time columns can)`;
  }
  const notHex = (v: JsonValue | undefined) => v !== undefined && v !== null && !isHex(v);
  if (column.type === "bytea" && (notHex(column.default) || notHex(backfill))) {
    return `${where} is bytea: its default and backfill must be hex digits (e.g. "00ff", or "" for no bytes)`;
  }
  return undefined;
}

/** True for a bytea constant as migration files store it: an even number of hex digits. */
function isHex(value: JsonValue): value is string {
  return typeof value === "string" && /^(?:[0-9a-fA-F]{2})*$/.test(value);
}
