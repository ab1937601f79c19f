import { valueKind } from "../sql/ast/data-type";
import type { ExpressionNode, ValueNode } from "../sql/ast/nodes";
import type { CompiledQuery } from "../sql/compiler/compiled-query";
import type { Dialect } from "../sql/dialects/dialect";
import type { ColumnMeta } from "../table/metadata";
import { plainKinds } from "./shape-cache";

/**
 * Compiled INSERT, UPDATE and DELETE SQL reused across statements of one shape (same table,
 * columns, row count, condition and RETURNING) whose values are all plain bound values of types
 * whose SQL never depends on the value. Compiling an insert of 1,000 rows walked 3,000 nodes and
 * built a long string on every call; now each value is only encoded, as the compiler would. Values
 * are still checked (and validated) by the query itself before they get here.
 */

const maxShapes = 500;
/** Per dialect: shape key → the compiled SQL, or null when the shape turned out not to be cacheable. */
const shapes = new WeakMap<Dialect, Map<string, CompiledQuery | null>>();

/** True when the node is a bound value whose SQL is one placeholder whatever the value. */
export function isPlainValue(node: ExpressionNode): node is ValueNode {
  return node.kind === "value" && !node.secret && node.type !== undefined && plainKinds.has(valueKind(node.type));
}

/** True when every value a column's type makes (`valueNode`) is a plain value (isPlainValue). */
export function isPlainColumn(column: ColumnMeta): boolean {
  return !column.type.secret && plainKinds.has(valueKind(column.type.dataType));
}

/** The compiled statement of a shape seen before and found cacheable, else undefined. */
export function compiledShape(dialect: Dialect, key: string): CompiledQuery | undefined {
  return shapes.get(dialect)?.get(key) ?? undefined;
}

/**
 * The compiled statement for this shape with these values (in placeholder order): compiled by
 * `compile` the first time, then reused. A shape whose compiled parameters are not exactly the
 * encoded values in order (a dialect that rewrites them) is compiled every time.
 */
export function compiledForShape(
  dialect: Dialect,
  key: string,
  values: readonly ValueNode[],
  compile: () => CompiledQuery,
): CompiledQuery {
  let byKey = shapes.get(dialect);
  if (byKey === undefined) shapes.set(dialect, (byKey = new Map()));
  const cached = byKey.get(key);
  if (cached === null) return compile();
  const params = values.map((node) => dialect.compiler.encode(node.type, node.value));
  if (cached !== undefined) return { ...cached, params };
  const compiled = compile();
  const same = compiled.params.length === params.length && compiled.params.every((p, i) => Object.is(p, params[i]));
  if (byKey.size >= maxShapes) byKey.delete(byKey.keys().next().value!);
  byKey.set(key, same && compiled.name === undefined ? compiled : null);
  return compiled;
}
