import { valueKind, type DataType } from "../../ast/data-type";
import { formatDecimal, parseDecimal, rescale, type Decimal } from "../../../utils/decimal";

// SQLite has no exact decimal type, so Numeric is stored in one of two exact forms:
//  - `digits: [p, s]` with p <= 18: an INTEGER holding value × 10^s ("12.50" at scale 2 is 1250),
//    so comparisons, ORDER BY, min/max/sum and + / - are plain integer SQL on both drivers;
//  - otherwise (no digits, or p > 18): TEXT holding an order-preserving key, a space, and the
//    value as PostgreSQL prints it ("2500002125 12.50"), so comparisons, ORDER BY and min/max are
//    plain text SQL on both drivers and the display scale survives.

/** Largest precision stored as a scaled INTEGER: 10^18 - 1 fits a signed 64-bit integer. */
export const maxScaledPrecision = 18;

/** The scale of a Numeric stored as a scaled INTEGER on SQLite, or undefined when it is stored as keyed TEXT. */
export function scaledNumeric(type: DataType | undefined): number | undefined {
  if (type === undefined || valueKind(type) !== "numeric") return undefined;
  const { precision, scale } = type;
  return precision !== undefined && precision <= maxScaledPrecision ? (scale ?? 0) : undefined;
}

/** The text of a scaled INTEGER read back (a number, a bigint or, when selected as text, a digit string). */
export function scaledToText(value: unknown, scale: number): string {
  if (typeof value === "string" && /[.eE]/.test(value)) {
    // A value stored as text by an earlier version that stored Numeric as TEXT.
    return formatDecimal({ units: rescale(parseDecimal(value), scale)!, scale });
  }
  return formatDecimal({ units: BigInt(value as string | number | bigint), scale });
}

/** A binding for a scaled INTEGER: a number when it is safe, else a digit string that INTEGER affinity stores exactly. */
export function scaledBinding(units: bigint): number | string {
  return units >= BigInt(Number.MIN_SAFE_INTEGER) && units <= BigInt(Number.MAX_SAFE_INTEGER)
    ? Number(units)
    : units.toString();
}

const exponentOffset = 500_000;

/**
 * The order-preserving key of a decimal: "1" for zero; "2", a six-digit biased exponent and the
 * significant digits for positive values; "0", the nines' complements of those and "~" for
 * negative ones. Keys compare as text exactly as their values compare as numbers, and a key
 * followed by a space sorts before any longer key it is a prefix of.
 */
export function decimalKey(d: Decimal): string {
  if (d.units === 0n) return "1";
  const negative = d.units < 0n;
  const all = (negative ? -d.units : d.units).toString();
  const exponent = all.length - d.scale; // digits before the point
  const significant = all.replace(/0+$/, "");
  const biased = String(exponent + exponentOffset).padStart(6, "0");
  if (!negative) return `2${biased}${significant}`;
  const complement = (s: string) => s.replace(/\d/g, (c) => String(9 - Number(c)));
  return `0${complement(biased)}${complement(significant)}~`;
}

/** A decimal as stored in keyed TEXT: key, space, PostgreSQL's text. */
export function encodeKeyed(d: Decimal): string {
  return `${decimalKey(d)} ${formatDecimal(d)}`;
}

/** The decimal of a keyed TEXT value (an earlier version's plain decimal text is accepted too). */
export function parseKeyed(value: unknown): Decimal {
  if (typeof value === "string") {
    const space = value.indexOf(" ");
    return parseDecimal(space < 0 ? value : value.slice(space + 1));
  }
  return parseDecimal(value);
}

/** The text of a keyed TEXT value read back. */
export function keyedToText(value: unknown): string {
  if (typeof value === "string") {
    const space = value.indexOf(" ");
    if (space >= 0) return value.slice(space + 1);
  }
  return formatDecimal(parseDecimal(value));
}

// User functions registered on better-sqlite3 connections (the sqlite3 driver cannot register
// any): exact arithmetic and sums over keyed TEXT, in JS bigints.

/** Names of the SQL functions below. */
export const numericFunctions = {
  add: "piccolo_numeric_add",
  subtract: "piccolo_numeric_subtract",
  multiply: "piccolo_numeric_multiply",
  sum: "piccolo_numeric_sum",
  encode: "piccolo_numeric_encode",
} as const;

function align(a: Decimal, b: Decimal): [bigint, bigint, number] {
  const scale = Math.max(a.scale, b.scale);
  return [rescale(a, scale)!, rescale(b, scale)!, scale];
}

/** a + b, a - b and a × b with PostgreSQL's result scales (the larger scale; the sum of the scales). */
export const numericArithmetic = {
  add(a: unknown, b: unknown): string | null {
    if (a === null || b === null) return null;
    const [x, y, scale] = align(parseKeyed(a), parseKeyed(b));
    return encodeKeyed({ units: x + y, scale });
  },
  subtract(a: unknown, b: unknown): string | null {
    if (a === null || b === null) return null;
    const [x, y, scale] = align(parseKeyed(a), parseKeyed(b));
    return encodeKeyed({ units: x - y, scale });
  },
  /** Any decimal text or number as keyed TEXT (for migrations). */
  encode(a: unknown): string | null {
    return a === null ? null : encodeKeyed(parseKeyed(a));
  },
  multiply(a: unknown, b: unknown): string | null {
    if (a === null || b === null) return null;
    const x = parseKeyed(a);
    const y = parseKeyed(b);
    return encodeKeyed({ units: x.units * y.units, scale: x.scale + y.scale });
  },
};

/** sum() over keyed TEXT: exact, with the largest scale seen, NULL over no non-null values. */
export const numericSum = {
  start: (): Decimal | null => null,
  step(total: Decimal | null, value: unknown): Decimal | null {
    if (value === null) return total;
    const d = parseKeyed(value);
    if (total === null) return d;
    const [x, y, scale] = align(total, d);
    return { units: x + y, scale };
  },
  result: (total: Decimal | null): string | null => (total === null ? null : encodeKeyed(total)),
};
