import type { ColumnDescription, DataTypeDescription } from "../index";

const integerText = /^-?\d+$/;
const decimalText = /^-?(\d+(\.\d*)?|\.\d+)$/;

export const TEXT_KINDS = ["varchar", "char", "text", "email"];
export const RANGE_KINDS = [
  "integer",
  "smallint",
  "bigint",
  "serial",
  "bigserial",
  "real",
  "double",
  "numeric",
  "date",
  "timestamp",
  "timestamptz",
  "time",
];

/** Whether a column holds text (searched, filtered with "contains"). */
export function isTextColumn(column: ColumnDescription): boolean {
  return TEXT_KINDS.includes(column.dataType.kind) && column.dataType.choices === null;
}

/**
 * Text from a form or query string as the column's type takes it, or an Error saying what was
 * expected. Empty text is null for a nullable column.
 */
export function parseText(text: string, type: DataTypeDescription): unknown {
  switch (type.kind) {
    case "serial":
    case "integer":
    case "smallint":
      if (!integerText.test(text.trim())) throw new Error("Enter a whole number.");
      return Number(text);
    case "bigserial":
    case "bigint":
      if (!integerText.test(text.trim())) throw new Error("Enter a whole number.");
      return text.trim();
    case "numeric":
      if (!decimalText.test(text.trim())) throw new Error("Enter a decimal number.");
      return text.trim();
    case "real":
    case "double": {
      const n = Number(text);
      if (text.trim() === "" || !Number.isFinite(n)) throw new Error("Enter a number.");
      return n;
    }
    case "boolean":
      if (text === "true" || text === "on" || text === "1") return true;
      if (text === "false" || text === "0" || text === "") return false;
      throw new Error("Choose yes or no.");
    case "date":
      if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) throw new Error("Enter a date (YYYY-MM-DD).");
      return text;
    case "time":
      if (!/^\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(text)) throw new Error("Enter a time (HH:MM).");
      return text.length === 5 ? `${text}:00` : text;
    case "timestamp":
    case "timestamptz": {
      // datetime-local gives "YYYY-MM-DDTHH:MM[:SS]"; the admin shows and reads times in UTC.
      const iso = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(text) ? `${text}:00` : text;
      const date = new Date(/[zZ]|[+-]\d{2}:?\d{2}$/.test(iso) ? iso : `${iso}Z`);
      if (Number.isNaN(date.getTime())) throw new Error("Enter a date and time.");
      return date.toISOString();
    }
    case "json":
    case "jsonb":
      try {
        return JSON.parse(text) as unknown;
      } catch {
        throw new Error("Enter valid JSON.");
      }
    case "array": {
      const element = type.element!;
      const trimmed = text.trim();
      if (trimmed.startsWith("[")) {
        try {
          return JSON.parse(trimmed) as unknown;
        } catch {
          throw new Error("Enter one value per line, or a JSON array.");
        }
      }
      return trimmed === "" ? [] : trimmed.split(/\r?\n/).map((line) => parseText(line.trim(), element));
    }
    default:
      return text;
  }
}

/** A value as the form's input holds it. */
export function inputText(value: unknown, type: DataTypeDescription): string {
  if (value === null || value === undefined) return "";
  switch (type.kind) {
    case "timestamp":
    case "timestamptz": {
      const date = value instanceof Date ? value : new Date(String(value));
      return Number.isNaN(date.getTime()) ? String(value) : date.toISOString().slice(0, 19);
    }
    case "date":
      return value instanceof Date ? value.toISOString().slice(0, 10) : String(value);
    case "json":
    case "jsonb":
      return JSON.stringify(value, null, 2);
    case "array":
      return Array.isArray(value) && value.every((v) => v === null || typeof v !== "object")
        ? value.map((v) => (v === null ? "" : inputText(v, type.element!))).join("\n")
        : JSON.stringify(value);
    default:
      return typeof value === "object" ? JSON.stringify(value) : String(value);
  }
}

/** A value as a list cell or CSV field shows it. */
export function displayText(value: unknown, type: DataTypeDescription): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Uint8Array) return `<${value.byteLength} bytes>`;
  if (value instanceof Date) return type.kind === "date" ? value.toISOString().slice(0, 10) : value.toISOString();
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}
