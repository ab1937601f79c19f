import type { ColumnSchema, SchemaColumnKind } from "./schema";

/** A column type as piccolo models it (as `schema generate`'s ModelledType). */
type ModelledType = Pick<ColumnSchema, "type" | "length" | "precision" | "scale" | "element">;

// Declared type names SQLite databases use that have a piccolo column of their own; anything else
// is read by SQLite's affinity rules (https://www.sqlite.org/datatype3.html#determination_of_column_affinity).
const namedTypes: Readonly<Record<string, SchemaColumnKind>> = {
  BOOLEAN: "boolean",
  BOOL: "boolean",
  DATE: "date",
  DATETIME: "timestamp",
  TIMESTAMP: "timestamp",
  TIMESTAMPTZ: "timestamptz",
  TIME: "time",
  UUID: "uuid",
  JSON: "json",
  JSONB: "jsonb",
  REAL: "real",
  BLOB: "bytea",
  BIGINT: "bigint",
  INT8: "bigint",
  "UNSIGNED BIG INT": "bigint",
  SMALLINT: "smallint",
  INT2: "smallint",
  TINYINT: "smallint",
  INTERVAL: "interval",
};

/**
 * A SQLite declared type ("NVARCHAR(20)", "INT", "NUMERIC(10,2)", "" …) as piccolo models it, with
 * what was lost. `rowid` is true for the one column that is the table's INTEGER PRIMARY KEY.
 */
export function sqliteType(declared: string, rowid: boolean): { type: ModelledType; lost?: string } {
  const spelled = declared.trim().toUpperCase().replace(/\s+/g, " ");
  if (rowid && spelled === "INTEGER") return { type: { type: "serial" } };
  const m = /^([A-Z_ ]*?) ?(?:\( ?(\d+) ?(?:, ?(\d+) ?)?\))?$/.exec(spelled);
  const base = m?.[1] ?? spelled;
  const first = m?.[2] === undefined ? undefined : Number(m[2]);
  const second = m?.[3] === undefined ? undefined : Number(m[3]);
  if (spelled === "") return { type: { type: "text" }, lost: "no declared type (any value); it becomes Text" };
  const named = namedTypes[base];
  if (named) return { type: { type: named } };
  if (base.includes("INT")) return { type: { type: "integer" } };
  if (/CHAR|CLOB|TEXT/.test(base)) {
    if (first === undefined) return { type: { type: "text" } };
    const fixed = /^(N?CHAR|CHARACTER|NATIVE CHARACTER)$/.test(base);
    return { type: { type: fixed ? "char" : "varchar", length: first } };
  }
  if (/REAL|FLOA|DOUB/.test(base)) return { type: { type: "double" } };
  if (base === "NUMERIC" || base === "DECIMAL") {
    if (first === undefined) return { type: { type: "numeric" } };
    return { type: { type: "numeric", precision: first, scale: second ?? 0 } };
  }
  return {
    type: { type: "numeric" },
    lost: `its declared type ${declared} (NUMERIC affinity); it becomes Numeric`,
  };
}
