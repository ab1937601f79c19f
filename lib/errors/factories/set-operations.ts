// Errors of compound queries (union, intersect, except), derived tables and CTEs (QueryError).
import { QueryError } from "../orm-error";
import { make, show } from "./shared";

/** Members of a union, intersect or except selecting different numbers of columns. */
export function setOperationColumnCount(method: string, first: number, other: number): QueryError {
  return make(
    QueryError,
    "PICCOLO_SET_OPERATION_COLUMN_COUNT",
    `${method}() needs selects of the same columns: the first selects ${first}, this one ${other}.`,
  );
}

/** Something other than a plain select given to union(), intersect() or except(), or as a query source. */
export function setOperationMember(method: string, problem: string): QueryError {
  return make(QueryError, "PICCOLO_SET_OPERATION_MEMBER", `${method}(): ${problem}.`);
}

/** orderBy() of a compound query on something that is not one of its output columns. */
export function setOperationOrder(key: string, columns: readonly string[]): QueryError {
  return make(
    QueryError,
    "PICCOLO_SET_OPERATION_ORDER",
    `orderBy() of a union, intersect or except sorts by its output columns (${columns.join(", ")}); ` +
      `got ${show(key)}. Pass a selected column of the first select, or its alias.`,
  );
}

/** Two different CTEs or derived tables of one name in one query. */
export function cteNameClash(name: string): QueryError {
  return make(
    QueryError,
    "PICCOLO_CTE_NAME_CLASH",
    `Two different subqueries are both named "${name}" in one query: give each its own name.`,
  );
}

/** A derived table's or CTE's name that is not a non-empty string. */
export function invalidSourceName(fn: string, name: unknown): QueryError {
  return make(
    QueryError,
    "PICCOLO_INVALID_SOURCE_NAME",
    `${fn}() needs a name (a non-empty string) for the subquery, got ${show(name)}.`,
  );
}
