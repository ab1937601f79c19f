import { jsonKeyWithQuote } from "../../../errors/factories";

// SQL for PostgreSQL's array and JSONB operators, emulated with SQLite's json functions. Array
// columns hold JSON text. Operands come as functions that render them (binding their parameters)
// and are called once per appearance in the text, in text order, since `?` placeholders are
// positional: an operand that appears twice binds its parameters twice.

/** Binds a value and returns its placeholder. */
export type Bind = (value: unknown) => string;

/** Renders an operand, binding its parameters. */
export type Render = () => string;

/** `array @> values`: no value lacks an equal element. NULL elements equal nothing, as in PostgreSQL. */
export function arrayContains(array: Render, values: Render): string {
  return (
    `CASE WHEN ${array()} IS NULL THEN NULL ELSE NOT EXISTS (SELECT 1 FROM json_each(${values()}) AS "$n" ` +
    `WHERE NOT EXISTS (SELECT 1 FROM json_each(${array()}) AS "$h" WHERE "$h"."value" = "$n"."value")) END`
  );
}

/**
 * `value = ANY (array)` is `value IN (the elements)`, which has the same three-valued logic; `= ALL`
 * is false when an element differs, else NULL when one is NULL, else true (also when empty).
 */
export function arrayQuantified(quantifier: "any" | "all", value: Render, array: Render): string {
  const head = `CASE WHEN ${array()} IS NULL THEN NULL ELSE `;
  const test =
    quantifier === "any"
      ? `${value()} IN (SELECT "value" FROM json_each(${array()}))`
      : `(SELECT CASE WHEN min("$c") = 0 THEN 0 WHEN count("$c") < count(*) ` +
        `THEN NULL ELSE 1 END FROM (SELECT "value" = ${value()} AS "$c" FROM json_each(${array()})))`;
  return `${head}${test} END`;
}

/**
 * `left || right`: the elements of both, in order, as a new JSON array. json_each reads JSON
 * booleans as 1 and 0, so they are turned back into JSON booleans.
 */
export function arrayConcat(left: Render, right: Render): string {
  const element = `CASE "$t" WHEN 'true' THEN json('true') WHEN 'false' THEN json('false') ELSE "$v" END`;
  return (
    `(SELECT json_group_array(${element} ORDER BY "$p", "$k") FROM (` +
    `SELECT 0 AS "$p", "key" AS "$k", "value" AS "$v", "type" AS "$t" FROM json_each(${left()}) UNION ALL ` +
    `SELECT 1, "key", "value", "type" FROM json_each(${right()})))`
  );
}

/** A json_each row's element as JSON again: json_each reads JSON booleans as 1 and 0. */
const eachElement = `CASE "type" WHEN 'true' THEN json('true') WHEN 'false' THEN json('false') ELSE "value" END`;

/** `array_remove(array, value)`: the other elements in order; `IS NOT` so that a NULL value removes the nulls. */
export function arrayRemove(array: Render, value: Render): string {
  return (
    `CASE WHEN ${array()} IS NULL THEN NULL ELSE (SELECT json_group_array(${eachElement} ORDER BY "key") ` +
    `FROM json_each(${array()}) WHERE "value" IS NOT ${value()}) END`
  );
}

/** `array_replace(array, from, to)`: elements equal to `from` (`IS`, so NULL matches NULLs) become `to`, given as JSON text. */
export function arrayReplace(array: Render, from: Render, toJson: Render): string {
  return (
    `CASE WHEN ${array()} IS NULL THEN NULL ELSE (SELECT json_group_array(CASE WHEN "value" IS ${from()} ` +
    `THEN json(${toJson()}) ELSE ${eachElement} END ORDER BY "key") FROM json_each(${array()})) END`
  );
}

/** A JSON path for `->` / `->>`: keys quoted, so that dots and brackets in them stay literal. */
function jsonPath(path: readonly (string | number)[]): string {
  return (
    "$" +
    path
      .map((key) => {
        if (typeof key === "number") return key < 0 ? `[#${key}]` : `[${key}]`;
        if (key.includes('"')) throw jsonKeyWithQuote(key);
        return `."${key}"`;
      })
      .join("")
  );
}

/**
 * `json -> path` gives JSON text; `json ->> path` gives text as PostgreSQL does: a string
 * unquoted, JSON null as NULL, anything else as its JSON text (SQLite's own `->>` would give
 * numbers and 1/0 for booleans).
 */
export function jsonAccess(operand: Render, path: readonly (string | number)[], asText: boolean, bind: Bind): string {
  const p = jsonPath(path);
  if (!asText) return `${operand()} -> ${bind(p)}`;
  return (
    `CASE json_type(${operand()}, ${bind(p)}) ` +
    `WHEN 'text' THEN ${operand()} ->> ${bind(p)} WHEN 'null' THEN NULL ELSE ${operand()} -> ${bind(p)} END`
  );
}

interface JsonRef {
  /** The SQL value: a scalar's value, or an object's or array's JSON text. */
  readonly value: Render;
  /** Its JSON type, as json_type() and json_each's "type" name it. */
  readonly type: Render;
}

function eachRow(alias: string): JsonRef {
  return { value: () => `"${alias}"."value"`, type: () => `"${alias}"."type"` };
}

/**
 * JSONB containment (`@>`) for a known value, following PostgreSQL's rules: an object contains
 * the value's keys with contained values, an array contains each of the value's elements in
 * some element, scalars are equal (booleans, numbers and strings never equal each other), and a
 * top-level array contains a scalar it has as an element.
 */
export function jsonContains(operand: Render, needle: unknown, bind: Bind): string {
  let depth = 0;
  const match = (ref: JsonRef, value: unknown): string => {
    if (value === null) return `${ref.type()} = 'null'`;
    if (typeof value === "boolean") return `${ref.type()} = '${value}'`;
    if (typeof value === "number") return `${ref.type()} IN ('integer', 'real') AND ${ref.value()} = ${bind(value)}`;
    if (typeof value === "string") return `${ref.type()} = 'text' AND ${ref.value()} = ${bind(value)}`;
    const parts = [`${ref.type()} = '${Array.isArray(value) ? "array" : "object"}'`];
    const entries: [string | undefined, unknown][] = Array.isArray(value)
      ? value.map((v) => [undefined, v])
      : Object.entries(value as object);
    for (const [key, element] of entries) {
      const alias = `$j${++depth}`;
      const source = `EXISTS (SELECT 1 FROM json_each(${ref.value()}) AS "${alias}" WHERE `;
      const keyTest = key === undefined ? "" : `"${alias}"."key" = ${bind(key)} AND `;
      parts.push(`${source}${keyTest}${match(eachRow(alias), element)})`);
    }
    return parts.join(" AND ");
  };
  // A NULL document contains nothing and does not lack anything either: the result is NULL.
  const head = `CASE WHEN ${operand()} IS NULL THEN NULL ELSE `;
  const top: JsonRef = { value: () => `json_extract(${operand()}, '$')`, type: () => `json_type(${operand()})` };
  const whole = match(top, needle);
  if (needle !== null && typeof needle === "object") return `${head}${whole} END`;
  const alias = `$j${++depth}`;
  const inArray =
    `${top.type()} = 'array' AND EXISTS (SELECT 1 FROM json_each(${operand()}) ` +
    `AS "${alias}" WHERE ${match(eachRow(alias), needle)})`;
  return `${head}(${whole}) OR (${inArray}) END`;
}
