// The plain description of a value's SQL type that nodes carry: enough for each dialect to render
// DDL and casts and to encode and decode values, with no link back to the column classes.

/** The logical kinds of stored values; each dialect maps them to DDL and converts their values. */
export type DataTypeKind =
  | "serial"
  | "bigserial"
  | "varchar"
  | "char"
  | "text"
  | "integer"
  | "bigint"
  | "smallint"
  | "real"
  | "double"
  | "numeric"
  | "boolean"
  | "date"
  | "timestamp"
  | "timestamptz"
  | "uuid"
  | "json"
  | "jsonb"
  | "interval"
  | "time"
  | "bytea"
  | "email"
  | "array";

/** The referenced column of a foreign key, by name. */
export interface DataTypeReference {
  readonly table: string;
  readonly schema?: string | undefined;
  readonly column: string;
}

/**
 * A value's SQL type as plain data. A foreign key has its target column's type (a serial target's
 * as a plain integer) and names the target in `references`.
 */
export interface DataType {
  readonly kind: DataTypeKind;
  /** VARCHAR and CHAR length. */
  readonly length?: number | undefined;
  /** NUMERIC precision and scale (SQLite stores Numerics with precision <= 18 scaled by 10^scale). */
  readonly precision?: number | undefined;
  readonly scale?: number | undefined;
  /** The element type of an array. */
  readonly element?: DataType | undefined;
  /** The referenced column of a foreign key. */
  readonly references?: DataTypeReference | undefined;
}

/** The kind that decides how values are stored and read: serials are integers, emails text. */
export function valueKind(type: DataType): DataTypeKind;
export function valueKind(type: DataType | undefined): DataTypeKind | undefined;
export function valueKind(type: DataType | undefined): DataTypeKind | undefined {
  switch (type?.kind) {
    case "serial":
      return "integer";
    case "bigserial":
      return "bigint";
    case "email":
      return "varchar";
    default:
      return type?.kind;
  }
}
