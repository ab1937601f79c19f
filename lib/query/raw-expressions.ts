import { OrmError } from "../errors/orm-error";
import { Condition, Expression, OrderItem } from "./expression";

// Escape hatches for SQL the builder cannot express. `{}` placeholders are bound parameters;
// the text itself must never be built from user input.

function rawNode(method: string, sql: string, params: readonly unknown[]) {
  if (typeof sql !== "string") throw new OrmError(`${method}() expects SQL text with {} placeholders.`);
  return { kind: "raw" as const, sql, params };
}

/** A where condition in SQL: `where(WhereRaw("popularity > {}", 100))`. */
export function WhereRaw(sql: string, ...params: unknown[]): Condition {
  return new Condition(rawNode("WhereRaw", sql, params), [], undefined);
}

/** An ORDER BY item in SQL: `orderBy(OrderByRaw("random()"))`. */
export function OrderByRaw(sql: string, ...params: unknown[]): OrderItem {
  return new OrderItem(new Expression(rawNode("OrderByRaw", sql, params), [], undefined), "asc", undefined);
}
