import type { ColumnType } from "../columns/column-type";
import type { ExpressionNode } from "../sql/ast/nodes";

const nowKinds: readonly string[] = ["date", "time", "timestamp", "timestamptz"];

/**
 * A `Param()` compared with or assigned to a column takes the column's type, so that its bound
 * value is encoded as the column's values are (JSON as text, SQLite booleans as 0/1); any other
 * expression is returned as it is. `Now()` likewise takes the form of the date or time column it meets
 * (a Timestamp's UTC wall clock on PostgreSQL, whatever the session's TimeZone).
 */
export function typedParam(node: ExpressionNode, type: ColumnType<unknown>): ExpressionNode {
  if (node.kind === "now" && node.type === undefined && nowKinds.includes(type.valueKind))
    return { ...node, type: type.dataType };
  return node.kind === "param" && node.type === undefined
    ? { ...node, type: type.dataType, secret: type.secret }
    : node;
}
