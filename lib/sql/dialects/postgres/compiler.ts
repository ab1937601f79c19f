import type { ColumnType } from "../../../columns/column-type";
import type { ForeignKeyType } from "../../../columns/foreign-key";
import type * as N from "../../ast/nodes";
import { QueryCompiler } from "../../compiler/query-compiler";

const ddlTypes: Record<string, string> = {
  serial: "SERIAL",
  bigserial: "BIGSERIAL",
  text: "TEXT",
  integer: "INTEGER",
  bigint: "BIGINT",
  smallint: "SMALLINT",
  real: "REAL",
  double: "DOUBLE PRECISION",
  boolean: "BOOLEAN",
  date: "DATE",
  timestamp: "TIMESTAMP",
  timestamptz: "TIMESTAMPTZ",
  uuid: "UUID",
  json: "JSON",
  jsonb: "JSONB",
};

/** Formats a Date as a zone-less UTC timestamp, since `timestamp` columns store no zone. */
function naiveUtc(date: Date): string {
  return date.toISOString().slice(0, -1);
}

/** PostgreSQL: `$n` placeholders, native ILIKE, SERIAL keys. */
export class PostgresCompiler extends QueryCompiler {
  protected placeholder(index: number): string {
    return `$${index}`;
  }

  protected columnType(column: N.ColumnDefinitionNode): string {
    return this.typeName(column.type);
  }

  private typeName(type: ColumnType<unknown>): string {
    switch (type.kind) {
      case "varchar":
        return `VARCHAR(${type.params.length ?? 255})`;
      case "numeric":
        return type.params.precision === undefined ? "NUMERIC" : `NUMERIC(${type.params.precision}, ${type.params.scale ?? 0})`;
      case "foreignKey": {
        const target = (type as ForeignKeyType).targetColumn.type;
        return target.kind === "serial" ? "INTEGER" : target.kind === "bigserial" ? "BIGINT" : this.typeName(target);
      }
      default:
        return ddlTypes[type.kind]!;
    }
  }

  encode(type: ColumnType<unknown> | undefined, value: unknown): unknown {
    if (value === null || value === undefined) return null;
    switch (type?.valueKind) {
      case "timestamp":
        return naiveUtc(value as Date);
      case "timestamptz":
        return (value as Date).toISOString();
      case "json":
      case "jsonb":
        return JSON.stringify(value);
      case undefined:
        if (typeof value === "bigint") return value.toString();
        if (value instanceof Date) return value.toISOString();
        return value;
      default:
        return typeof value === "bigint" ? value.toString() : value;
    }
  }

  protected tableExists(node: N.TableExistsNode, params: unknown[]): string {
    const schema = node.table.schema ? this.param(node.table.schema, params) : "current_schema()";
    return `SELECT 1 FROM information_schema.tables WHERE table_schema = ${schema} AND table_name = ${this.param(node.table.name, params)}`;
  }
}
