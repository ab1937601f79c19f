import { valueKind } from "../sql/ast/data-type";
import type { ExpressionNode } from "../sql/ast/nodes";
import type { CompiledQuery } from "../sql/compiler/compiled-query";
import type { Dialect } from "../sql/dialects/dialect";

/**
 * Compiled SQL reused across builders of one shape whose only varying part is the value of one
 * `column op value` condition — `Band.select().where(Band.c.id.eq(id)).first()` written afresh on
 * every call. Building and compiling the node tree took most of a primary-key lookup's time on
 * SQLite; here the SQL is compiled once per shape and only the value is encoded per call.
 */

// Shapes are told apart by the identity of the objects that make them (the selected columns, a
// column's node, a type; column refs are cached per table): a small number per object, never a
// walk of the tree. A selection built afresh each time only misses the cache.
const ids = new WeakMap<object, number>();
let nextId = 1;
export function idOf(value: object): number {
  let id = ids.get(value);
  if (id === undefined) ids.set(value, (id = nextId++));
  return id;
}

const maxShapes = 1000;
export const plainKinds: ReadonlySet<string> = new Set([
  "integer",
  "bigint",
  "smallint",
  "varchar",
  "char",
  "text",
  "boolean",
  "uuid",
]);
/** Per dialect: shape key → the preparation, or null when the shape turned out not to be cacheable. */
const shapes = new WeakMap<Dialect, Map<string, { compiled: CompiledQuery } | null>>();

/**
 * The key of a `column op value` condition over a fixed selection, or undefined when the condition
 * has another form. `extra` holds the other state that changes the SQL (first(), limit…).
 */
export function conditionShapeKey(
  selections: readonly object[],
  where: ExpressionNode,
  extra: string,
  /** True when `selections` is an array kept for reuse (a table's default columns): its key part is cached. */
  lasting = false,
): string | undefined {
  if (where.kind !== "binary" || where.left.kind !== "column" || where.right.kind !== "value") return undefined;
  // Only types whose comparison SQL never depends on the value (a SQLite Numeric's does).
  if (!plainKinds.has(valueKind(where.left.type) ?? "")) return undefined;
  const right = where.right;
  if (right.secret || right.value === null || typeof right.value === "object") return undefined;
  const columns = lasting ? lastingSelectionKey(selections) : selectionKey(selections);
  return `${columns}|${idOf(where.left)}|${where.op}|${right.type ? idOf(right.type) : 0}|${extra}`;
}

function selectionKey(selections: readonly object[]): string {
  let key = "";
  for (const selection of selections) key += `${idOf(selection)},`;
  return key;
}

// A table's default selection is one array: its part of the key is made once, not per lookup.
const selectionKeys = new WeakMap<readonly object[], string>();
function lastingSelectionKey(selections: readonly object[]): string {
  let key = selectionKeys.get(selections);
  if (key === undefined) selectionKeys.set(selections, (key = selectionKey(selections)));
  return key;
}

/**
 * The preparation for this shape, with `value` bound: compiled once by `build` for the first value,
 * then reused with the value encoded as the compiler would. A shape whose compiled parameters are
 * not exactly that one value (a dialect that rewrites it) is built every time.
 */
export function preparedForShape<TPrepared extends { compiled: CompiledQuery }>(
  dialect: Dialect,
  key: string,
  where: ExpressionNode & { kind: "binary" },
  build: () => TPrepared,
): TPrepared {
  let byKey = shapes.get(dialect);
  if (byKey === undefined) shapes.set(dialect, (byKey = new Map()));
  const right = where.right as ExpressionNode & { kind: "value" };
  const encoded = dialect.compiler.encode(right.type, right.value);
  const cached = byKey.get(key) as TPrepared | null | undefined;
  if (cached === null) return build();
  if (cached !== undefined) return { ...cached, compiled: { ...cached.compiled, params: [encoded] } };
  const built = build();
  const params = built.compiled.params;
  const cacheable = params.length === 1 && Object.is(params[0], encoded) && built.compiled.name === undefined;
  if (byKey.size >= maxShapes) byKey.delete(byKey.keys().next().value!);
  byKey.set(key, cacheable ? built : null);
  return built;
}
