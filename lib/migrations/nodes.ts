import type { ColumnDefinitionNode, CreateIndexNode, DataType, TableNode, ValueNode } from "../sql/ast/nodes";
import type { ColumnSchema, ElementSchema, JsonValue, TableSchema } from "./schema";

/** The data type of a stored column (or array element), for the dialect's DDL and value encoding. */
export function dataTypeOf(column: ColumnSchema | ElementSchema): DataType {
  const element = "element" in column && column.element ? dataTypeOf(column.element) : undefined;
  const references =
    "references" in column && column.references
      ? { table: column.references.table, schema: column.references.schema, column: column.references.column }
      : undefined;
  return {
    kind: column.type,
    length: column.length,
    precision: column.precision,
    scale: column.scale,
    element,
    references,
  };
}

/** A stored constant in its JS form: ISO text back to a Date, digits to a bigint, hex to bytes, arrays element by element. */
function revive(type: ColumnSchema | ElementSchema, value: JsonValue): unknown {
  switch (type.type) {
    case "timestamp":
    case "timestamptz":
      return typeof value === "string" ? new Date(value) : value;
    case "bigint":
      return typeof value === "string" ? BigInt(value) : value;
    case "bytea":
      return typeof value === "string" ? Buffer.from(value, "hex") : value;
    case "array": {
      const element = "element" in type ? type.element : undefined;
      return Array.isArray(value) && element
        ? value.map((v: JsonValue) => (v === null ? null : revive(element, v)))
        : value;
    }
    default:
      return value;
  }
}

/** A stored constant as the value node its column type encodes. */
export function valueOf(column: ColumnSchema, value: JsonValue): ValueNode {
  return { kind: "value", value: revive(column, value), type: dataTypeOf(column) };
}

/** The table node of a table (by name and schema). */
export function tableNode(name: string, schema?: string): TableNode {
  return { kind: "table", name, schema };
}

/** A column definition for CREATE TABLE or ADD COLUMN; `defaultOverride` replaces the stored default (a backfill). */
export function columnDefinition(column: ColumnSchema, defaultOverride?: JsonValue): ColumnDefinitionNode {
  const fallback = defaultOverride ?? column.default;
  return {
    name: column.name,
    type: dataTypeOf(column),
    primaryKey: column.primaryKey ?? false,
    notNull: !column.null,
    unique: column.unique ?? false,
    default: fallback === undefined || fallback === null ? undefined : valueOf(column, fallback),
    defaultNow: fallback === undefined || fallback === null ? column.defaultNow : undefined,
    references: column.references && {
      table: tableNode(column.references.table, column.references.schema),
      column: column.references.column,
      onDelete: column.references.onDelete,
      onUpdate: column.references.onUpdate,
    },
  };
}

/** The index name piccolo gives an `index: true` column (as `createTable()` does). */
export function indexName(table: string, column: string): string {
  return `${table}_${column}`;
}

/** CREATE INDEX for an `index: true` column. */
export function createIndex(table: TableSchema, column: string): CreateIndexNode {
  return {
    kind: "createIndex",
    name: indexName(table.name, column),
    table: tableNode(table.name, table.schema),
    columns: [column],
    ifNotExists: false,
  };
}
