import { notADecimal } from "../errors/factories";

// Exact decimals as a bigint and a scale, for the engines that have no decimal type.

/** A decimal as an integer and a scale: "-12.50" is { units: -1250n, scale: 2 }. */
export interface Decimal {
  readonly units: bigint;
  readonly scale: number;
}

const decimalText = /^([-+]?)(\d*)(?:\.(\d*))?(?:[eE]([-+]?\d+))?$/;

/** Parses a decimal string (exponents allowed) or a JS number/bigint, keeping its display scale as PostgreSQL does. */
export function parseDecimal(value: unknown): Decimal {
  if (typeof value === "bigint") return { units: value, scale: 0 };
  const text =
    typeof value === "number" ? (Number.isInteger(value) ? value.toFixed(0) : String(value)) : String(value).trim();
  const match = decimalText.exec(text);
  if (!match || (match[2] === "" && (match[3] ?? "") === "")) throw notADecimal(text);
  const fraction = match[3] ?? "";
  const exponent = Number(match[4] ?? 0);
  let units = BigInt((match[2] || "0") + fraction);
  let scale = fraction.length - exponent;
  if (scale < 0) {
    units *= 10n ** BigInt(-scale);
    scale = 0;
  }
  return { units: match[1] === "-" ? -units : units, scale };
}

/** A decimal as PostgreSQL prints it: no exponent, exactly `scale` fractional digits. */
export function formatDecimal(d: Decimal): string {
  const negative = d.units < 0n;
  const digits = (negative ? -d.units : d.units).toString().padStart(d.scale + 1, "0");
  const text = d.scale === 0 ? digits : `${digits.slice(0, -d.scale)}.${digits.slice(-d.scale)}`;
  return negative ? `-${text}` : text;
}

/** How a value that has more decimals than the scale becomes an integer. */
export type Rounding = "halfAwayFromZero" | "floor" | "ceil" | "exact";

/** The decimal at another scale; undefined for "exact" when digits would be lost. */
export function rescale(d: Decimal, scale: number, rounding: Rounding = "halfAwayFromZero"): bigint | undefined {
  if (scale >= d.scale) return d.units * 10n ** BigInt(scale - d.scale);
  const divisor = 10n ** BigInt(d.scale - scale);
  const quotient = d.units / divisor; // truncates toward zero
  const remainder = d.units % divisor;
  if (remainder === 0n) return quotient;
  switch (rounding) {
    case "exact":
      return undefined;
    case "floor":
      return d.units < 0n ? quotient - 1n : quotient;
    case "ceil":
      return d.units < 0n ? quotient : quotient + 1n;
    case "halfAwayFromZero": {
      const twice = (remainder < 0n ? -remainder : remainder) * 2n;
      if (twice < divisor) return quotient;
      return d.units < 0n ? quotient - 1n : quotient + 1n;
    }
  }
}
