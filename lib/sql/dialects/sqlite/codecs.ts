import type { ColumnType } from "../../../columns/column-type";
import type { Decoder } from "../dialect";

// SQLite has no array type: arrays are stored as JSON text, which its json functions can query.

/** An array as JSON text: dates as ISO strings, bigints as exact JSON integers. */
export function encodeArray(values: readonly unknown[]): string {
  const items = values.map((v) => {
    if (v === null || v === undefined) return "null";
    if (typeof v === "bigint") return v.toString();
    return JSON.stringify(v instanceof Date ? v.toISOString() : v);
  });
  return `[${items.join(",")}]`;
}

const parseArray: Decoder = (v) => (v === null ? null : JSON.parse(v as string));

// JSON.parse would round integers beyond 2^53, so bigint arrays are read token by token.
const parseBigIntArray: Decoder = (v) => (v === null ? null : ((v as string).match(/-?\d+|null/g) ?? []).map((t) => (t === "null" ? null : BigInt(t))));

const parseDateArray: Decoder = (v) => (v === null ? null : (JSON.parse(v as string) as (string | null)[]).map((t) => (t === null ? null : new Date(t))));

/** The decoder of an array column's JSON text, by element type. */
export function arrayDecoder(element: ColumnType<unknown>): Decoder {
  switch (element.valueKind) {
    case "bigint":
      return parseBigIntArray;
    case "timestamp":
    case "timestamptz":
      return parseDateArray;
    default:
      return parseArray;
  }
}
