import { valueKind, type DataType } from "../../ast/data-type";
import { parseDecimal, rescale } from "../../../utils/decimal";
import type { Decoder } from "../dialect";
import { encodeKeyed, keyedToText, scaledBinding, scaledNumeric, scaledToText } from "./numeric";

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
const parseBigIntArray: Decoder = (v) =>
  v === null ? null : ((v as string).match(/-?\d+|null/g) ?? []).map((t) => (t === "null" ? null : BigInt(t)));

const parseDateArray: Decoder = (v) =>
  v === null ? null : (JSON.parse(v as string) as (string | null)[]).map((t) => (t === null ? null : new Date(t)));

/** The decoder of an array column's JSON text, by element type. */
export function arrayDecoder(element: DataType): Decoder {
  switch (valueKind(element)) {
    case "bigint":
      return parseBigIntArray;
    case "timestamp":
    case "timestamptz":
      return parseDateArray;
    default:
      return parseArray;
  }
}

const minSafe = BigInt(Number.MIN_SAFE_INTEGER);
const maxSafe = BigInt(Number.MAX_SAFE_INTEGER);

/** A JS value as SQLite stores it for a value of this type (untyped values by their JS type). */
export function encodeValue(type: DataType | undefined, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  const kind = valueKind(type);
  // JSON first: a top-level boolean or Date must be stored as JSON text, not as 1/0 or bare ISO text.
  if (kind === "json" || kind === "jsonb") return JSON.stringify(value);
  if (kind === "array") return encodeArray(value as unknown[]);
  if (kind === "numeric") {
    const scale = scaledNumeric(type);
    return scale === undefined ? encodeKeyed(parseDecimal(value)) : scaledBinding(rescale(parseDecimal(value), scale)!);
  }
  switch (typeof value) {
    case "boolean":
      return value ? 1 : 0;
    // Small bigints bind as numbers; larger ones as digit strings, which INTEGER affinity stores exactly.
    case "bigint":
      return value >= minSafe && value <= maxSafe ? Number(value) : value.toString();
    case "object":
      return value instanceof Date ? value.toISOString() : value;
    default:
      return value;
  }
}

const toBoolean: Decoder = (v) => (v === null ? null : v !== 0 && v !== 0n);
const toBigInt: Decoder = (v) => (v === null ? null : BigInt(v as string));
const toDate: Decoder = (v) => (v === null ? null : new Date(v as string));
const parseJson: Decoder = (v) => (v === null ? null : JSON.parse(v as string));
const keyedNumeric: Decoder = (v) => (v === null ? null : keyedToText(v));

// One decoder per scale, so that row mappers see the same function every query.
const scaledDecoders = new Map<number, Decoder>();
function scaledNumericDecoder(scale: number): Decoder {
  let decoder = scaledDecoders.get(scale);
  if (decoder === undefined) scaledDecoders.set(scale, (decoder = (v) => (v === null ? null : scaledToText(v, scale))));
  return decoder;
}

// CHAR(n) pads with blanks; piccolo returns its values without them on every engine.
const unpad: Decoder = (v) => (typeof v === "string" ? v.replace(/ +$/, "") : v);

/** The decoder of a type's stored values, or undefined when the driver's value is already right. */
export function decoderFor(type: DataType): Decoder | undefined {
  switch (valueKind(type)) {
    case "boolean":
      return toBoolean;
    case "bigint":
      return toBigInt;
    case "timestamp":
    case "timestamptz":
      return toDate;
    case "json":
    case "jsonb":
      return parseJson;
    case "numeric": {
      const scale = scaledNumeric(type);
      return scale === undefined ? keyedNumeric : scaledNumericDecoder(scale);
    }
    case "char":
      return unpad;
    case "array":
      return arrayDecoder(type.element!);
    default:
      return undefined;
  }
}
