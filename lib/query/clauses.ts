import { foreignColumn, invalidCount, notAColumn, notACondition } from "../errors/factories";
import type { ExpressionNode, JoinNode, OrderByNode } from "../sql/ast/nodes";
import type { TableMeta } from "../table/metadata";
import { Condition, Expression, OrderItem, and, mergeJoins, type JoinStep } from "./expression";
import { assertNoWindow } from "./window";

// Argument parsing shared by the builders, so each builder method stays one line.

/** The table a query reads, or (with explicit joins) its tables, the query's own first. */
export type QueryTables = TableMeta | readonly [TableMeta, ...TableMeta[]];

/** Checks that an expression belongs to the table (or one of the tables) being queried. */
export function checkRoot(tables: QueryTables, expression: Expression<unknown>, method: string): void {
  if (!(expression instanceof Expression)) throw notAColumn(method, expression);
  const root = expression.$root;
  if (root === undefined) return;
  if (tables instanceof Array ? !tables.includes(root) : root !== tables) {
    const meta = tables instanceof Array ? tables[0] : tables;
    throw foreignColumn(method, meta.className, root.className);
  }
}

/** ANDs new conditions onto an existing where clause. */
export function addWhere(
  meta: QueryTables,
  existing: Condition | undefined,
  conditions: readonly Condition[],
  method = "where",
): Condition | undefined {
  for (const c of conditions) {
    if (!(c instanceof Condition)) throw notACondition(c);
    checkRoot(meta, c, method);
    assertNoWindow(method, c.$node);
  }
  if (existing === undefined && conditions.length === 1) return conditions[0];
  const all = existing === undefined ? [...conditions] : [existing, ...conditions];
  return all.length === 0 ? undefined : and(all[0]!, ...all.slice(1));
}

/** Order items from columns (ascending) or `column.asc()` / `column.desc()`. */
export function toOrderItems(meta: QueryTables, items: readonly (Expression<unknown> | OrderItem)[]): OrderItem[] {
  return items.map((item) => {
    const order = item instanceof OrderItem ? item : new OrderItem(item, "asc", undefined);
    checkRoot(meta, order.expression, "orderBy");
    return order;
  });
}

/** A validated LIMIT/OFFSET count. */
export function toCount(method: string, n: number): number {
  if (!Number.isInteger(n) || n < 0) throw invalidCount(method, n);
  return n;
}

/** The nodes of where and order-by items, and the joins all of them need. */
export function clauseNodes(
  where: Condition | undefined,
  orderBy: readonly OrderItem[],
  ...more: (readonly JoinStep[])[]
): { where: ExpressionNode | undefined; orderBy: OrderByNode[]; joins: JoinNode[] } {
  const joins = mergeJoins(...more, where?.$joins ?? [], ...orderBy.map((o) => o.expression.$joins));
  return { where: where?.$node, orderBy: orderBy.map((o) => o.node), joins: joins.map((j) => j.node) };
}
