import type { ColumnKind } from "../columns/column-type";
import type { ReferentialAction } from "../sql/ast/nodes";

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

/** One column as migrations see it: plain data, written into migration files as it is. */
export interface ColumnSchema {
  /** The column's name in the database. */
  readonly name: string;
  readonly type: SchemaColumnKind;
  readonly length?: number | undefined;
  readonly precision?: number | undefined;
  readonly scale?: number | undefined;
  readonly null: boolean;
  readonly primaryKey?: boolean | undefined;
  readonly unique?: boolean | undefined;
  readonly index?: boolean | undefined;
  /** A constant default, kept in the database schema (function defaults run client-side and are not). */
  readonly default?: JsonValue | undefined;
  readonly references?: ReferencesSchema | undefined;
}

/** One table as migrations see it. */
export interface TableSchema {
  readonly name: string;
  readonly schema?: string | undefined;
  readonly columns: readonly ColumnSchema[];
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
  out.null = c.primaryKey ? false : c.null;
  if (c.primaryKey) out.primaryKey = true;
  if (c.unique && !c.primaryKey) out.unique = true;
  if (c.index) out.index = true;
  if (c.default !== undefined && c.default !== null) out.default = c.default;
  if (c.references) {
    const r = c.references;
    out.references = { table: r.table, ...(r.schema ? { schema: r.schema } : {}), column: r.column, onDelete: r.onDelete, onUpdate: r.onUpdate };
  }
  return out as unknown as ColumnSchema;
}

/** True when two columns have the same definition (names included). */
export function sameColumn(a: ColumnSchema, b: ColumnSchema): boolean {
  return JSON.stringify(normalizeColumn(a)) === JSON.stringify(normalizeColumn(b));
}

/** True when two columns differ in their stored type (kind, length, precision, scale). */
export function typeChanged(a: ColumnSchema, b: ColumnSchema): boolean {
  return a.type !== b.type || a.length !== b.length || a.precision !== b.precision || a.scale !== b.scale;
}

const constantDefaults: Partial<Record<SchemaColumnKind, JsonValue>> = {
  varchar: "",
  text: "",
  integer: 0,
  bigint: 0,
  smallint: 0,
  real: 0,
  double: 0,
  numeric: "0",
  boolean: false,
};

/**
 * The value existing rows get when a NOT NULL column is added or made NOT NULL: its constant
 * default, else its type's constant default (`""`, `0`, `false`); undefined when there is none
 * (timestamps, UUIDs, JSON and keys need an explicit default).
 */
export function backfillFor(column: ColumnSchema): JsonValue | undefined {
  if (column.default !== undefined && column.default !== null) return column.default;
  if (column.references) return undefined;
  return constantDefaults[column.type];
}
