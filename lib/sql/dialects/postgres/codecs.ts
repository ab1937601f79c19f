import { valueKind, type DataType } from "../../ast/data-type";
import type { Decoder } from "../dialect";

// How values go to node-postgres and come back, by data type: intervals, arrays, dates, JSON.

/** A duration in milliseconds as interval input PostgreSQL reads exactly (whole microseconds). */
export function intervalInput(ms: number): string {
  // Past 2^53 microseconds the coercer allows whole milliseconds only, multiplied exactly here.
  const micros = Math.abs(ms * 1000) <= Number.MAX_SAFE_INTEGER ? BigInt(Math.round(ms * 1000)) : BigInt(ms) * 1000n;
  return `${micros} microseconds`;
}

/** The fields node-postgres (postgres-interval) parses an interval into. */
interface ParsedInterval {
  years?: number;
  months?: number;
  days?: number;
  hours?: number;
  minutes?: number;
  seconds?: number;
  milliseconds?: number;
}

const secondsPerYear = 31_557_600; // 365.25 days, as EXTRACT(EPOCH FROM interval) counts a year
const secondsPerMonth = 2_592_000; // 30 days

/**
 * An interval as milliseconds, counted in whole microseconds so that the result is exact: months
 * beyond whole years count 30 days and years 365.25 days, as PostgreSQL's EXTRACT(EPOCH) does.
 */
export function intervalToMs(value: unknown): unknown {
  if (value === null || typeof value !== "object") return value;
  const v = value as ParsedInterval;
  const months = (v.years ?? 0) * 12 + (v.months ?? 0);
  const seconds =
    Math.trunc(months / 12) * secondsPerYear +
    (months % 12) * secondsPerMonth +
    (v.days ?? 0) * 86_400 +
    (v.hours ?? 0) * 3_600 +
    (v.minutes ?? 0) * 60 +
    (v.seconds ?? 0);
  const micros = BigInt(seconds) * 1_000_000n + BigInt(Math.round((v.milliseconds ?? 0) * 1000));
  return micros % 1000n === 0n ? Number(micros / 1000n) : Number(micros) / 1000;
}

/** An array literal such as `{"a","b",NULL}` for DDL defaults; elements are already encoded. */
export function arrayLiteral(values: readonly unknown[]): string {
  const items = values.map((v) =>
    v === null || v === undefined ? "NULL" : `"${String(v).replace(/[\\"]/g, "\\$&")}"`,
  );
  return `{${items.join(",")}}`;
}

/** Formats a Date as a zone-less UTC timestamp, since `timestamp` columns store no zone. */
function naiveUtc(date: Date): string {
  return date.toISOString().slice(0, -1);
}

/** A JS value as node-postgres should bind it for a value of this type (untyped values by their JS type). */
export function encodeValue(type: DataType | undefined, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  switch (valueKind(type)) {
    case "timestamp":
      return naiveUtc(value as Date);
    case "timestamptz":
      return (value as Date).toISOString();
    case "json":
    case "jsonb":
      return JSON.stringify(value);
    case "interval":
      return intervalInput(value as number);
    case "array": {
      const element = type!.element!;
      return (value as unknown[]).map((v) => encodeValue(element, v));
    }
    case undefined:
      if (typeof value === "bigint") return value.toString();
      if (value instanceof Date) return value.toISOString();
      return value;
    default:
      return typeof value === "bigint" ? value.toString() : value;
  }
}

const toBigInt: Decoder = (v) => (v === null ? null : BigInt(v as string));
// `timestamp` arrives as the server's text (see the pool's type parsers) and means UTC.
const naiveUtcToDate: Decoder = (v) => (v === null ? null : new Date(`${(v as string).replace(" ", "T")}Z`));
const toMs: Decoder = intervalToMs;

// One array decoder per element decoder, so that row mappers see the same function every query.
const arrayDecoders = new WeakMap<Decoder, Decoder>();
function arrayOf(element: Decoder): Decoder {
  let decoder = arrayDecoders.get(element);
  if (decoder === undefined) {
    decoder = (v) => (v === null ? null : (v as unknown[]).map((e) => (e === null ? null : element(e))));
    arrayDecoders.set(element, decoder);
  }
  return decoder;
}

// CHAR(n) pads with blanks; piccolo returns its values without them on every engine.
const unpad: Decoder = (v) => (typeof v === "string" ? v.replace(/ +$/, "") : v);

/** The decoder of a type's values as node-postgres returns them, or undefined when they are already right. */
export function decoderFor(type: DataType): Decoder | undefined {
  switch (valueKind(type)) {
    case "bigint":
      return toBigInt;
    case "timestamp":
      return naiveUtcToDate;
    case "interval":
      return toMs;
    case "char":
      return unpad;
    case "array": {
      const element = decoderFor(type.element!);
      return element && arrayOf(element);
    }
    default:
      return undefined;
  }
}
