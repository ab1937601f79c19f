import type { DataTypeDescription } from "../table/description";
import { badParameter } from "./errors";

const integerText = /^-?\d+$/;
const decimalText = /^-?(\d+(\.\d*)?|\.\d+)$/;
const uuidText = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A query-string value as the column's type holds it, or a 400 naming the parameter. Text that the
 * core accepts as is (decimals, bigints, dates, timestamps) stays text once its form is checked.
 */
export function parseQueryValue(text: string, type: DataTypeDescription, parameter: string): unknown {
  const fail = (expected: string) => badParameter(parameter, `"${text}" is not ${expected}`);
  switch (type.kind) {
    case "serial":
    case "integer":
    case "smallint": {
      if (!integerText.test(text)) throw fail("a whole number");
      return Number(text);
    }
    case "bigserial":
    case "bigint":
      if (!integerText.test(text)) throw fail("a whole number");
      return text;
    case "numeric":
      if (!decimalText.test(text)) throw fail("a decimal number");
      return text;
    case "real":
    case "double":
    case "interval": {
      const n = Number(text);
      if (text.trim() === "" || !Number.isFinite(n)) throw fail("a number");
      return n;
    }
    case "boolean":
      if (text === "true" || text === "1") return true;
      if (text === "false" || text === "0") return false;
      throw fail("true or false");
    case "uuid":
      if (!uuidText.test(text)) throw fail("a UUID");
      return text.toLowerCase();
    case "date":
    case "timestamp":
    case "timestamptz":
      if (Number.isNaN(Date.parse(text))) throw fail("a date");
      return type.kind === "date" ? text : new Date(text);
    case "json":
    case "jsonb":
    case "bytea":
    case "array":
      throw badParameter(parameter, `${type.kind} columns can only be filtered with isNull`);
    default:
      return text;
  }
}

/** Whether values of the type have an order (gt/lt, sorting, cursors). */
export function isOrdered(type: DataTypeDescription): boolean {
  return !["json", "jsonb", "bytea", "array", "boolean"].includes(type.kind);
}

/** Whether the type holds text (contains, ilike). */
export function isText(type: DataTypeDescription): boolean {
  return ["varchar", "char", "text", "email"].includes(type.kind);
}

/** A value as JSON carries it: Dates as ISO text, bigints as digits, bytes as base64. */
export function toJsonValue(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "bigint") return value.toString();
  if (value instanceof Uint8Array)
    return Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString("base64");
  if (Array.isArray(value)) return value.map(toJsonValue);
  return value;
}

/** A body value as the column takes it: base64 text becomes bytes; the core checks the rest. */
export function fromJsonValue(value: unknown, type: DataTypeDescription): unknown {
  if (type.kind === "bytea" && typeof value === "string") return Buffer.from(value, "base64");
  return value;
}
