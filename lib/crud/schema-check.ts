import type { FieldError } from "../errors/orm-error";
import type { JsonSchema } from "../validation/json-schema";

// Checks a value against the JSON Schema keywords tableJsonSchema() writes (and no others), so
// that a body is refused with the same rules /schema publishes, every failing field at once.

const formats: Record<string, (text: string) => boolean> = {
  "date-time": (t) => !Number.isNaN(Date.parse(t)),
  date: (t) => /^\d{4}-\d{2}-\d{2}$/.test(t) && !Number.isNaN(Date.parse(t)),
  uuid: (t) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(t),
  email: (t) => /^[^\s@]+@[^\s@]+$/.test(t),
};

function typeOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}

function typeMatches(type: string, actual: string): boolean {
  return type === actual || (type === "number" && actual === "integer");
}

/** The rules `value` breaks, rule name → message (empty when it fits). */
export function checkValue(value: unknown, schema: JsonSchema, field: string): Record<string, string> {
  const problems: Record<string, string> = {};
  if (Array.isArray(schema.anyOf)) {
    const fits = (schema.anyOf as JsonSchema[]).some((s) => Object.keys(checkValue(value, s, field)).length === 0);
    if (!fits) problems.type = `${field} must be ${describe(schema)}`;
    return problems;
  }
  if (Array.isArray(schema.enum)) {
    if (!schema.enum.some((e) => e === value))
      problems.enum = `${field} must be one of ${schema.enum.map((e) => JSON.stringify(e)).join(", ")}`;
    return problems;
  }
  const types = schema.type === undefined ? [] : ([] as string[]).concat(schema.type as string | string[]);
  const actual = typeOf(value);
  if (types.length > 0 && !types.some((t) => typeMatches(t, actual))) {
    problems.type = `${field} must be ${describe(schema)}`;
    return problems;
  }
  if (typeof value === "string") {
    if (typeof schema.maxLength === "number" && [...value].length > schema.maxLength)
      problems.maxLength = `${field} must be at most ${schema.maxLength} characters`;
    if (typeof schema.pattern === "string" && !new RegExp(schema.pattern).test(value))
      problems.pattern = `${field} must match ${schema.pattern}`;
    const format = formats[schema.format as string];
    if (format && !format(value)) problems.format = `${field} must be a valid ${schema.format as string}`;
  }
  if (typeof value === "number") {
    if (typeof schema.minimum === "number" && value < schema.minimum)
      problems.minimum = `${field} must be ${schema.minimum} or more`;
    if (typeof schema.maximum === "number" && value > schema.maximum)
      problems.maximum = `${field} must be ${schema.maximum} or less`;
  }
  if (Array.isArray(value) && schema.items !== undefined) {
    value.forEach((item, i) => {
      const inner = checkValue(item, schema.items as JsonSchema, `${field}[${i}]`);
      for (const [rule, message] of Object.entries(inner)) problems[`items.${rule}`] ??= message;
    });
  }
  return problems;
}

function describe(schema: JsonSchema): string {
  if (Array.isArray(schema.anyOf)) return (schema.anyOf as JsonSchema[]).map(describe).join(" or ");
  const types = ([] as string[]).concat((schema.type as string | string[] | undefined) ?? "any value");
  const format = schema.format
    ? ` (${schema.format as string})`
    : schema.pattern
      ? ` matching ${schema.pattern as string}`
      : "";
  return `${types.map((t) => (t === "integer" ? "a whole number" : t === "null" ? "null" : `a ${t}`)).join(" or ")}${format}`;
}

/**
 * Checks a body object against an object schema: unknown and read-only fields, missing required
 * ones, and each value's rules. `known` names every visible field (the others are unknown).
 */
export function checkObject(body: Record<string, unknown>, schema: JsonSchema, known: readonly string[]): FieldError[] {
  const properties = schema.properties as Record<string, JsonSchema>;
  const errors: FieldError[] = [];
  for (const [field, value] of Object.entries(body)) {
    const property = properties[field];
    if (property === undefined) {
      const why = known.includes(field) ? `${field} is read-only` : `${field} is not a field of this table`;
      errors.push({ field, constraints: { [known.includes(field) ? "readOnly" : "unknown"]: why } });
      continue;
    }
    const problems = checkValue(value, property, field);
    if (Object.keys(problems).length > 0) errors.push({ field, constraints: problems });
  }
  for (const field of schema.required as string[])
    if (!(field in body)) errors.push({ field, constraints: { required: `${field} is required` } });
  return errors;
}
