import type { ColumnType } from "../../../columns/column-type";
import type * as N from "../../ast/nodes";
import { QueryCompiler } from "../../compiler/query-compiler";

// SQLite stores exact decimals, dates and JSON as TEXT so nothing passes through a float.
const ddlTypes: Record<string, string> = {
  text: "TEXT",
  integer: "INTEGER",
  bigint: "INTEGER",
  smallint: "INTEGER",
  real: "REAL",
  double: "REAL",
  numeric: "TEXT",
  boolean: "INTEGER",
  date: "TEXT",
  timestamp: "TEXT",
  timestamptz: "TEXT",
  uuid: "TEXT",
  json: "TEXT",
  jsonb: "TEXT",
};

const minSafe = BigInt(Number.MIN_SAFE_INTEGER);
const maxSafe = BigInt(Number.MAX_SAFE_INTEGER);

/** SQLite: `?` placeholders, ILIKE emulated with lower(), rowid primary keys, TEXT for exact values. */
export class SQLiteCompiler extends QueryCompiler {
  protected placeholder(): string {
    return "?";
  }

  protected columnType(column: N.ColumnDefinitionNode): string {
    const kind = column.type.kind;
    // Only the exact spelling INTEGER PRIMARY KEY makes the column an alias of the rowid.
    if (kind === "serial" || kind === "bigserial") return "INTEGER PRIMARY KEY";
    if (kind === "varchar") return `VARCHAR(${column.type.params.length ?? 255})`;
    return ddlTypes[column.type.valueKind]!;
  }

  encode(type: ColumnType<unknown> | undefined, value: unknown): unknown {
    if (value === null || value === undefined) return null;
    const kind = type?.valueKind;
    // JSON first: a top-level boolean or Date must be stored as JSON text, not as 1/0 or bare ISO text.
    if (kind === "json" || kind === "jsonb") return JSON.stringify(value);
    switch (typeof value) {
      case "boolean":
        return value ? 1 : 0;
      // Small bigints bind as numbers; larger ones as digit strings, which INTEGER affinity stores exactly.
      case "bigint":
        return value >= minSafe && value <= maxSafe ? Number(value) : value.toString();
      case "object":
        if (value instanceof Date) return value.toISOString();
        break;
    }
    return value;
  }

  /** Bigints are read as text so that values beyond 2^53 come back exact on both drivers. */
  protected override selection(selection: N.SelectionNode, params: unknown[]): string {
    const expr = selection.expr;
    if (expr.kind === "column" && expr.type.valueKind === "bigint") {
      const alias = selection.alias ?? expr.name;
      return `CAST(${this.expr(expr, params)} AS TEXT) AS ${this.quote(alias)}`;
    }
    return super.selection(selection, params);
  }

  protected override offsetWithoutLimit(): string {
    return " LIMIT -1";
  }

  protected override dropCascade(): string {
    return "";
  }

  protected override ilike(node: N.ILikeNode, params: unknown[]): string {
    const op = node.negated ? "NOT LIKE" : "LIKE";
    return `lower(${this.expr(node.left, params)}) ${op} lower(${this.expr(node.right, params)})`;
  }

  protected override literal(value: unknown): string {
    return typeof value === "boolean" ? (value ? "1" : "0") : super.literal(value);
  }

  protected tableExists(node: N.TableExistsNode, params: unknown[]): string {
    const master = node.table.schema ? `${this.quote(node.table.schema)}.sqlite_master` : "sqlite_master";
    return `SELECT 1 FROM ${master} WHERE type = 'table' AND name = ${this.param(node.table.name, params)}`;
  }
}
