import type { ColumnType } from "../columns/column-type";
import type { ExpressionNode } from "../sql/ast/nodes";

/**
 * A `Param()` compared with or assigned to a column takes the column's type, so that its bound
 * value is encoded as the column's values are (JSON as text, SQLite booleans as 0/1); any other
 * expression is returned as it is.
 */
export function typedParam(node: ExpressionNode, type: ColumnType<unknown>): ExpressionNode {
  return node.kind === "param" && node.type === undefined
    ? { ...node, type: type.dataType, secret: type.secret }
    : node;
}
