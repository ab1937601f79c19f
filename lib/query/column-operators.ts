import { JSONB } from "../columns/jsonb";
import { Text } from "../columns/text";
import { invalidValue, notAColumn, operatorNotForColumn } from "../errors/factories";
import type { ExpressionNode } from "../sql/ast/nodes";
import type { ColumnRefMembers } from "./column-ref";
import { Condition, Expression, mergeJoins, rootOf, type JoinStep } from "./expression";
import { Scalar } from "./scalar";

// The array and JSON operators of column references: argument checks and the nodes they build.

/** The element type of an array column's value type, null included when elements may be null (never for other columns). */
export type ElementOf<TValue> = NonNullable<TValue> extends readonly (infer E)[] ? E : never;

/** What `contains()` takes: values of the array's elements, or for JSON columns any JSON value. */
export type ContainsOperand<TValue> = NonNullable<TValue> extends readonly (infer E)[] ? readonly E[] : unknown;

/** A JSON path: object keys and array indexes. */
export type JsonPath = readonly [string | number, ...(string | number)[]];

type Steps<TPath> = TPath extends readonly [infer H extends string | number, ...infer R] ? `->${H}${Steps<R>}` : "";
type TextSteps<TPath> = TPath extends readonly [infer H extends string | number]
  ? `->>${H}`
  : TPath extends readonly [infer H extends string | number, ...infer R]
    ? `->${H}${TextSteps<R>}`
    : "";

/** The result key of `arrow(...path)`: `data->genre`. */
export type ArrowKey<TKey extends string, TPath extends JsonPath> = number extends TPath["length"]
  ? string
  : `${TKey}${Steps<TPath>}`;
/** The result key of `arrowText(...path)`: `data->>genre`, `data->a->>b`. */
export type ArrowTextKey<TKey extends string, TPath extends JsonPath> = number extends TPath["length"]
  ? string
  : `${TKey}${TextSteps<TPath>}`;

const jsonValue = JSONB({ null: true });
const textValue = Text({ null: true });

function describe(ref: ColumnRefMembers<unknown>): [string, string] {
  return [ref.$table.tableName, ref.$column.property];
}

function requireKind(ref: ColumnRefMembers<unknown>, method: string, kinds: readonly string[], expected: string): void {
  const kind = ref.$valueType.valueKind;
  if (!kinds.includes(kind)) throw operatorNotForColumn(method, ...describe(ref), kind, expected);
}

/** A checked array value, or another array expression of the same table. */
function arrayOperand(
  ref: ColumnRefMembers<unknown>,
  method: string,
  value: unknown,
): { node: ExpressionNode; joins: readonly JoinStep[] } {
  if (value instanceof Expression) {
    rootOf(method, [ref, value]);
    return { node: value.$node, joins: value.$joins };
  }
  const checked = ref.$valueType.checkOperand(value, ...describe(ref));
  return { node: ref.$valueType.valueNode(checked), joins: [] };
}

/** `contains()`: `@>` on an array column (the array holds every value) or a JSON column (containment). */
export function contains<Root>(ref: ColumnRefMembers<unknown, string, Root>, value: unknown): Condition<Root> {
  requireKind(ref, "contains", ["array", "json", "jsonb"], "array, JSON and JSONB");
  if (ref.$valueType.valueKind !== "array") {
    if (value instanceof Expression) throw notAColumn("contains (a JSON value, not an expression)", value);
    const checked = ref.$valueType.checkOperand(value, ...describe(ref));
    return new Condition(
      { kind: "jsonContains", operand: ref.$node, value: ref.$valueType.valueNode(checked) },
      ref.$joins,
      ref.$root,
    );
  }
  if (!Array.isArray(value) && !(value instanceof Expression)) throw notAColumn("contains (an array of values)", value);
  const values = arrayOperand(ref, "contains", value);
  return new Condition(
    { kind: "arrayContains", array: ref.$node, values: values.node },
    mergeJoins(ref.$joins, values.joins),
    ref.$root,
  );
}

/** `any()` / `all()`: `value = ANY (array)` / `value = ALL (array)`. */
export function quantified<Root>(
  ref: ColumnRefMembers<unknown, string, Root>,
  quantifier: "any" | "all",
  value: unknown,
): Condition<Root> {
  requireKind(ref, quantifier, ["array"], "array");
  const element = ref.$valueType.params.element!;
  const checked = element.checkOperand(value, ...describe(ref));
  return new Condition(
    { kind: "arrayQuantified", quantifier, value: element.valueNode(checked), array: ref.$node },
    ref.$joins,
    ref.$root,
  );
}

/** `cat()`: the array followed by more elements (one value, an array, or another array expression). */
export function cat<TValue, TKey extends string, Root>(
  ref: ColumnRefMembers<TValue, TKey, Root>,
  values: unknown,
): Scalar<TValue, TKey, Root> {
  requireKind(ref, "cat", ["array"], "array");
  const right = arrayOperand(ref, "cat", Array.isArray(values) || values instanceof Expression ? values : [values]);
  const node: ExpressionNode = {
    kind: "arrayConcat",
    left: ref.$node,
    right: right.node,
    type: ref.$valueType.dataType,
  };
  return new Scalar(node, mergeJoins(ref.$joins, right.joins), ref.$root, ref.$key, ref.$valueType);
}

/** `notAny()`: `NOT (value = ANY (array))`, with the same three-valued logic (NULL when no element equals and one is NULL). */
export function notAny<Root>(ref: ColumnRefMembers<unknown, string, Root>, value: unknown): Condition<Root> {
  const any = quantified(ref, "any", value);
  return new Condition({ kind: "not", operand: any.$node }, any.$joins, any.$root);
}

/** One element value of an array column, checked (null only when the element type allows it). */
function elementOperand(ref: ColumnRefMembers<unknown>, method: string, value: unknown): ExpressionNode {
  requireKind(ref, method, ["array"], "array");
  if (value instanceof Expression || Array.isArray(value))
    throw notAColumn(`${method} (one element value, such as "rock")`, value);
  const element = ref.$valueType.params.element!;
  if (value === null && !element.nullable)
    throw invalidValue(...describe(ref), value, "an element (null only when the element type says { null: true })");
  return element.valueNode(value === null ? null : element.checkOperand(value, ...describe(ref)));
}

/** `append()` / `prepend()`: the array with one more element at its end or start. */
export function addElement<TValue, TKey extends string, Root>(
  ref: ColumnRefMembers<TValue, TKey, Root>,
  method: "append" | "prepend",
  value: unknown,
): Scalar<TValue, TKey, Root> {
  elementOperand(ref, method, value);
  const element = arrayOperand(ref, method, [value]).node;
  const [left, right] = method === "append" ? [ref.$node, element] : [element, ref.$node];
  const node: ExpressionNode = { kind: "arrayConcat", left, right, type: ref.$valueType.dataType };
  return new Scalar(node, ref.$joins, ref.$root, ref.$key, ref.$valueType);
}

/** `remove()`: the array without the elements equal to the value. */
export function removeElement<TValue, TKey extends string, Root>(
  ref: ColumnRefMembers<TValue, TKey, Root>,
  value: unknown,
): Scalar<TValue, TKey, Root> {
  const node: ExpressionNode = {
    kind: "arrayRemove",
    array: ref.$node,
    value: elementOperand(ref, "remove", value),
    type: ref.$valueType.dataType,
  };
  return new Scalar(node, ref.$joins, ref.$root, ref.$key, ref.$valueType);
}

/** `replace()`: the array with each element equal to `from` replaced by `to`. */
export function replaceElement<TValue, TKey extends string, Root>(
  ref: ColumnRefMembers<TValue, TKey, Root>,
  from: unknown,
  to: unknown,
): Scalar<TValue, TKey, Root> {
  const node: ExpressionNode = {
    kind: "arrayReplace",
    array: ref.$node,
    from: elementOperand(ref, "replace", from),
    to: elementOperand(ref, "replace", to),
    type: ref.$valueType.dataType,
  };
  return new Scalar(node, ref.$joins, ref.$root, ref.$key, ref.$valueType);
}

/** `arrow()` / `arrowText()`: `->` / `->>` along a path of object keys and array indexes. */
export function jsonAccess<Root>(
  ref: ColumnRefMembers<unknown, string, Root>,
  path: readonly unknown[],
  asText: boolean,
): Scalar<unknown, string, Root> {
  const method = asText ? "arrowText" : "arrow";
  requireKind(ref, method, ["json", "jsonb"], "JSON and JSONB");
  if (path.length === 0 || !path.every((key) => typeof key === "string" || Number.isInteger(key))) {
    throw notAColumn(`${method} (object keys and array indexes, such as "genre" or 0)`, path);
  }
  const keys = path as (string | number)[];
  const last = keys.length - 1;
  const key = ref.$key + keys.map((k, i) => `${asText && i === last ? "->>" : "->"}${k}`).join("");
  const node: ExpressionNode = { kind: "jsonAccess", operand: ref.$node, path: keys, asText };
  return new Scalar(node, ref.$joins, ref.$root, key, asText ? textValue : jsonValue);
}
