import { assertKnownOptions, columnNotFound } from "../errors/factories";
import { describeTable } from "../table/describe";
import type { ColumnDescription, DataTypeDescription, TableDescription } from "../table/description";

/** A JSON Schema (draft 2020-12) as plain data. */
export type JsonSchema = { readonly [keyword: string]: unknown };

/**
 * Which shape of row the schema describes: `read` (a row as the API returns it: every visible
 * column, all present), `create` (a new row: columns without a default or null are required),
 * `update` (a patch: any subset of the columns).
 */
export type JsonSchemaVariant = "read" | "create" | "update";

/** Options of `tableJsonSchema()`. */
export interface JsonSchemaOptions {
  /** The row shape (default "read"). */
  variant?: JsonSchemaVariant;
  /**
   * The columns to describe, by property name (default: for `read`, every non-secret column; for
   * `create`/`update`, every non-secret column but a generated serial key).
   */
  columns?: readonly string[];
  /** Leave out the `$schema` keyword (OpenAPI components carry their dialect elsewhere). */
  omitDialect?: boolean;
}

const optionNames = ["variant", "columns", "omitDialect"];
const int32 = { minimum: -2147483648, maximum: 2147483647 };
const int16 = { minimum: -32768, maximum: 32767 };
const digits = "^-?\\d+$";
const decimal = "^-?(\\d+(\\.\\d*)?|\\.\\d+)$";

/**
 * A table's row as JSON Schema (draft 2020-12), built from `describeTable()`: types, lengths,
 * choices, nullability, defaults and help text; secret columns are never in it unless named in `columns`.
 * Values are as JSON carries them: timestamps as ISO text, bigints and decimals as digits
 * (numbers accepted on input), bytes as base64, intervals as milliseconds.
 * @example tableJsonSchema(Band, { variant: "create" }).required // ["name"]
 */
export function tableJsonSchema(
  table: abstract new (...args: never[]) => unknown,
  options: JsonSchemaOptions = {},
): JsonSchema {
  assertKnownOptions("tableJsonSchema()", options, optionNames);
  const description = describeTable(table);
  const variant = options.variant ?? "read";
  const columns = schemaColumns(description, variant, options.columns);
  const properties: Record<string, JsonSchema> = {};
  for (const column of columns) properties[column.property] = columnJsonSchema(column, variant);
  const required =
    variant === "read"
      ? columns.map((c) => c.property)
      : variant === "create"
        ? columns.filter(isRequiredOnCreate).map((c) => c.property)
        : [];
  return {
    ...(options.omitDialect ? {} : { $schema: "https://json-schema.org/draft/2020-12/schema" }),
    title: variant === "read" ? description.className : `${description.className}${titleSuffix[variant]}`,
    type: "object",
    properties,
    required,
    additionalProperties: false,
  };
}

const titleSuffix = { create: "Create", update: "Update", read: "" } as const;

/** Whether the database makes the column's value itself (a serial key). */
export function isGenerated(column: ColumnDescription): boolean {
  return column.primaryKey && (column.dataType.kind === "serial" || column.dataType.kind === "bigserial");
}

/** Whether a new row must give the column: not null, no default, not generated. */
export function isRequiredOnCreate(column: ColumnDescription): boolean {
  return !column.nullable && column.default === null && !isGenerated(column);
}

function schemaColumns(
  description: TableDescription,
  variant: JsonSchemaVariant,
  names: readonly string[] | undefined,
): ColumnDescription[] {
  if (names !== undefined) {
    const known = new Map(description.columns.map((c) => [c.property, c]));
    return names.map((name) => {
      const column = known.get(name);
      if (column === undefined)
        throw columnNotFound(
          description.tableName,
          name,
          description.columns.map((c) => c.property),
        );
      return column;
    });
  }
  return description.columns.filter((c) => !c.secret && (variant === "read" || !isGenerated(c)));
}

/** One column's schema: its type, then nullability, choices, default and help text. */
export function columnJsonSchema(column: ColumnDescription, variant: JsonSchemaVariant = "read"): JsonSchema {
  let schema: JsonSchema = dataTypeSchema(column.dataType, variant);
  if (column.dataType.choices !== null) schema = { ...schema, enum: [...column.dataType.choices] };
  if (column.nullable) schema = nullable(schema);
  const extra: Record<string, unknown> = {};
  if (column.helpText !== null) extra.description = column.helpText;
  if (column.default?.kind === "constant" && variant !== "read") extra.default = column.default.value;
  if (column.references !== null)
    extra["x-references"] = { table: column.references.tableName, column: column.references.property };
  if (variant === "read" && isGenerated(column)) extra.readOnly = true;
  return { ...schema, ...extra };
}

function nullable(schema: JsonSchema): JsonSchema {
  if (Array.isArray(schema.enum)) return { ...schema, enum: [...schema.enum, null], ...typeOrNull(schema.type) };
  if (schema.anyOf !== undefined) return { ...schema, anyOf: [...(schema.anyOf as JsonSchema[]), { type: "null" }] };
  return schema.type === undefined ? schema : { ...schema, ...typeOrNull(schema.type) };
}

function typeOrNull(type: unknown): JsonSchema {
  if (type === undefined) return {};
  return { type: Array.isArray(type) ? [...type, "null"] : [type, "null"] };
}

/** The schema of a value of a data type; `read` gives the one form responses use. */
export function dataTypeSchema(type: DataTypeDescription, variant: JsonSchemaVariant = "read"): JsonSchema {
  const maxLength = type.length === null ? {} : { maxLength: type.length };
  switch (type.kind) {
    case "varchar":
    case "char":
    case "text":
      return { type: "string", ...maxLength };
    case "email":
      return { type: "string", format: "email", ...maxLength };
    case "uuid":
      return { type: "string", format: "uuid" };
    case "serial":
    case "integer":
      return { type: "integer", ...int32 };
    case "smallint":
      return { type: "integer", ...int16 };
    case "bigserial":
    case "bigint":
      return textOrNumber({ type: "string", pattern: digits }, { type: "integer" }, variant);
    case "numeric":
      return textOrNumber({ type: "string", pattern: decimal }, { type: "number" }, variant);
    case "real":
    case "double":
      return { type: "number" };
    case "boolean":
      return { type: "boolean" };
    case "date":
      return { type: "string", format: "date" };
    case "timestamp":
    case "timestamptz":
      return { type: "string", format: "date-time" };
    case "time":
      return { type: "string", pattern: "^\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,6})?)?$" };
    case "interval":
      return { type: "number", description: "milliseconds" };
    case "bytea":
      return { type: "string", contentEncoding: "base64" };
    case "json":
    case "jsonb":
      return {};
    case "array": {
      const element = type.element;
      const items = element === null ? {} : dataTypeSchema(element, variant);
      return { type: "array", items: element?.nullable ? nullable(items) : items };
    }
  }
}

/** Digits as text in responses (JSON numbers lose precision); text or a number on input. */
function textOrNumber(text: JsonSchema, number: JsonSchema, variant: JsonSchemaVariant): JsonSchema {
  return variant === "read" ? text : { anyOf: [text, number] };
}
