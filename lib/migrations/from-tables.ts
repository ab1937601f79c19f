import type { ColumnType } from "../columns/column-type";
import { ForeignKeyType } from "../columns/foreign-key";
import { Now } from "../columns/now";
import type { ColumnMeta, TableMeta } from "../table/metadata";
import type { ColumnSchema, ElementSchema, JsonValue, SchemaColumnKind, TableSchema } from "./schema";
import { normalizeColumn } from "./schema";
import { storedConstraints, storedIndexes } from "./stored-constraints";
import { withConstraints } from "./table-constraints";

/**
 * A constant default as a migration file stores it: Dates as ISO text, bigints as digits, bytes as
 * hex digits, arrays element by element; functions are not stored.
 */
export function storedDefault(value: unknown): JsonValue | undefined {
  if (value === undefined || value === null || typeof value === "function" || value instanceof Now) return undefined;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "bigint") return value.toString();
  if (value instanceof Uint8Array) return Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString("hex");
  if (Array.isArray(value)) return value.map((v: unknown) => storedDefault(v) ?? null);
  return value as JsonValue;
}

/** The element type of an array column as migration files store it. */
function storedElement(element: ColumnType<unknown>): ElementSchema {
  const { length, precision, scale } = element.params;
  return { type: element.kind as SchemaColumnKind, length, precision, scale, null: element.nullable };
}

/** The stored type of a column type: serial keys are referenced as integers, other keys as their target's type. */
function storedType(
  type: ColumnType<unknown>,
  asReference: boolean,
): Pick<ColumnSchema, "type" | "length" | "precision" | "scale" | "element"> {
  if (type instanceof ForeignKeyType) return storedType(type.targetColumn.type, true);
  let kind = type.kind as SchemaColumnKind;
  if (asReference && kind === "serial") kind = "integer";
  if (asReference && kind === "bigserial") kind = "bigint";
  const element = type.params.element && storedElement(type.params.element);
  return {
    type: kind,
    length: type.params.length,
    precision: type.params.precision,
    scale: type.params.scale,
    element,
  };
}

/** One column of a table class as migrations see it. */
export function columnSchemaOf(column: ColumnMeta): ColumnSchema {
  const type = column.type;
  const fk = type instanceof ForeignKeyType ? type : undefined;
  return normalizeColumn({
    name: column.dbName,
    ...storedType(type, false),
    null: type.nullable,
    primaryKey: column.primaryKey,
    unique: type.options.unique,
    index: type.options.index,
    default: storedDefault(type.options.default),
    defaultNow: type.defaultNow,
    references: fk && {
      table: fk.target.tableName,
      schema: fk.target.schema,
      column: fk.targetColumn.dbName,
      onDelete: fk.onDelete,
      onUpdate: fk.onUpdate,
    },
  });
}

/** A table class as migrations see it. */
export function tableSchemaOf(meta: TableMeta): TableSchema {
  const t: TableSchema = {
    name: meta.tableName,
    ...(meta.schema ? { schema: meta.schema } : {}),
    columns: meta.columns.map(columnSchemaOf),
  };
  return withConstraints(t, storedConstraints(meta), storedIndexes(meta));
}
