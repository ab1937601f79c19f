import type { ExpressionNode } from "../sql/ast/nodes";
import type { TableMeta } from "../table/metadata";
import { columnAccessor } from "../table/column-accessor";
import type { Condition } from "./expression";

/**
 * The WHERE of an UPDATE or DELETE. A condition that traverses foreign keys needs joins, which
 * neither statement takes portably, so it becomes `pk IN (SELECT pk FROM … JOIN … WHERE …)`.
 */
export function writeWhere(meta: TableMeta, where: Condition | undefined): ExpressionNode | undefined {
  if (where === undefined || where.$joins.length === 0) return where?.$node;
  const pk = columnAccessor(meta)[meta.primaryKey.property]!;
  return {
    kind: "inSubquery",
    left: pk.$node,
    negated: false,
    query: {
      kind: "select",
      from: meta.node,
      joins: where.$joins.map((j) => j.node),
      selections: [{ expr: pk.$node }],
      where: where.$node,
      orderBy: [],
      distinct: false,
    },
  };
}
