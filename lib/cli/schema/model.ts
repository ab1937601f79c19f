import type { ColumnSchema, JsonValue, SchemaColumnKind, TableSchema } from "../../migrations/schema";

/** One table as `schema generate` read it: what piccolo can declare, and the enum labels of its columns. */
export interface ReadTable {
  /** The table in the form migrations use: the part piccolo can model. */
  readonly table: TableSchema;
  /** Column name → the labels of the enum type it had (generated as `choices`). */
  readonly choices: ReadonlyMap<string, readonly string[]>;
}

/** A database as `schema generate` read it. */
export interface ReadDatabase {
  readonly dialect: "postgres" | "sqlite";
  /** Where it was read from, for the generated file's header ("schema public", "main"). */
  readonly source: string;
  readonly tables: readonly ReadTable[];
  /** Everything that could not be modelled, one line each ("film.fulltext: type tsvector becomes Text"). */
  readonly notes: readonly string[];
}

/** A column type as piccolo models it. */
export type ModelledType = Pick<ColumnSchema, "type" | "length" | "precision" | "scale" | "element">;

/** A default as piccolo models it: a constant, the current date/time, or nothing. */
export interface ModelledDefault {
  readonly default?: JsonValue | undefined;
  readonly defaultNow?: boolean | undefined;
}

/** Kinds whose `default` may be the current date/time (`now`). */
export const nowKinds: readonly SchemaColumnKind[] = ["timestamp", "timestamptz", "date", "time"];

/** The key a foreign key's target type becomes: a serial is referenced as an integer. */
export function referencedType(type: ModelledType): ModelledType {
  if (type.type === "serial") return { type: "integer" };
  if (type.type === "bigserial") return { type: "bigint" };
  return type;
}
