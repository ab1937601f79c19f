import { formatDecimal, parseDecimal, rescale } from "../utils/decimal";
import { InvalidValue, type Coercer } from "./column-type";

// Shared by several column types; each returns the canonical JS value or what was expected.

/** Whole numbers within [min, max]. */
export function integerIn(min: number, max: number, label: string): Coercer<number> {
  const notInteger = new InvalidValue(`${label} (a whole number from ${min} to ${max})`, "isInt");
  const outOfRange = new InvalidValue(`${label} (a whole number from ${min} to ${max})`, "range");
  return (v) => (typeof v === "number" && Number.isInteger(v) ? (v >= min && v <= max ? v : outOfRange) : notInteger);
}

const int64Min = -(2n ** 63n);
const int64Max = 2n ** 63n - 1n;
const bigintExpected = new InvalidValue(
  "a 64-bit integer (a bigint, a safe integer number or a string of digits)",
  "isInt",
);
const bigintRange = new InvalidValue(
  "a 64-bit integer (a bigint, a safe integer number or a string of digits)",
  "range",
);

/** 64-bit integers as bigint; safe integer numbers and digit strings are accepted. */
export const toBigInt: Coercer<bigint> = (v) => {
  let b: bigint;
  if (typeof v === "bigint") b = v;
  else if (typeof v === "number" && Number.isSafeInteger(v)) b = BigInt(v);
  else if (typeof v === "string" && /^-?\d+$/.test(v)) b = BigInt(v);
  else return bigintExpected;
  return b >= int64Min && b <= int64Max ? b : bigintRange;
};

const floatExpected = new InvalidValue("a finite number", "isNumber");
/** Finite floating-point numbers. */
export const toFloat: Coercer<number> = (v) => (typeof v === "number" && Number.isFinite(v) ? v : floatExpected);

const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * What makes a text unstorable, or undefined. A lone UTF-16 surrogate is not Unicode: drivers
 * would silently store U+FFFD instead (better-sqlite3 three of them). NUL (U+0000) is refused by
 * PostgreSQL in text, so it is refused on every engine: data written on SQLite must move to
 * PostgreSQL unchanged.
 */
export function textProblem(text: string): string | undefined {
  const nul = text.indexOf("\0");
  if (nul >= 0)
    return (
      `text without NUL characters (U+0000 at index ${nul}; PostgreSQL cannot store it in text, ` +
      `so no engine accepts it: use Bytea for binary data)`
    );
  const lone = loneSurrogate.exec(text);
  if (lone) {
    const code = lone[0].charCodeAt(0).toString(16).toUpperCase();
    return (
      `well-formed Unicode text (a lone UTF-16 surrogate U+${code} at index ${lone.index} would be stored as U+FFFD; ` +
      "it usually comes from cutting a string inside an emoji)"
    );
  }
  return undefined;
}

/** Strings, optionally no longer than `length` characters, holding no lone surrogate or NUL. */
export function toText(length?: number): Coercer<string> {
  const expected = length ? `a string of at most ${length} characters` : "a string";
  const notString = new InvalidValue(expected, "isString");
  const tooLong = new InvalidValue(expected, "maxLength");
  return (v) => {
    if (typeof v !== "string") return notString;
    const problem = textProblem(v);
    if (problem !== undefined) return new InvalidValue(problem, "storableText");
    // A string has at least as many UTF-16 units as characters: count characters (a copy of
    // the string as an array) only when the units are over the length, not on every write.
    return length === undefined || v.length <= length || [...v].length <= length ? v : tooLong;
  };
}

const decimalPattern = /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;
const decimalExpected = new InvalidValue(
  'an exact decimal as a string such as "12.50" (or a finite number or bigint)',
  "isDecimal",
);
/**
 * Exact decimals kept as strings, so no value ever passes through a float; written as PostgreSQL
 * prints them (no exponent, the given number of decimals: "1.50e1" is "15.0"), so that both
 * engines return the same text.
 */
export const toDecimal: Coercer<string> = (v) => {
  if (typeof v === "string") return decimalPattern.test(v.trim()) ? formatDecimal(parseDecimal(v)) : decimalExpected;
  if (typeof v === "bigint") return v.toString();
  if (typeof v === "number" && Number.isFinite(v)) return formatDecimal(parseDecimal(v));
  return decimalExpected;
};

/**
 * Exact decimals fitted to `precision` digits with `scale` after the point, rounded half away from
 * zero as PostgreSQL does, so both engines store the same text ("20.5" → "20.50", "2.345" → "2.35").
 */
export function toDecimalWithin(precision: number, scale: number): Coercer<string> {
  const tooBig = new InvalidValue(
    `a decimal with at most ${precision - scale} digit(s) before the point and ${scale} after`,
    "digits",
  );
  const limit = 10n ** BigInt(precision);
  return (v) => {
    const text = toDecimal(v);
    if (text instanceof InvalidValue) return text;
    const units = rescale(parseDecimal(text), scale)!;
    return units >= limit || units <= -limit ? tooBig : formatDecimal({ units, scale });
  };
}

const booleanExpected = new InvalidValue("true or false", "isBoolean");
/** Booleans only: 0/1 and "true" are refused, since they usually mean a mix-up. */
export const toBoolean: Coercer<boolean> = (v) => (typeof v === "boolean" ? v : booleanExpected);

const dateExpected = new InvalidValue('a date as "YYYY-MM-DD" (or a Date, whose UTC day is used)', "isDate");
/** Calendar dates as "YYYY-MM-DD" strings: a date has no time zone, so it is never a Date object. */
export const toDateString: Coercer<string> = (v) => {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? dateExpected : v.toISOString().slice(0, 10);
  // Date.parse rolls impossible days over ("2023-02-29" is March 1st), so the day must survive the round trip.
  if (
    typeof v === "string" &&
    /^\d{4}-\d{2}-\d{2}$/.test(v) &&
    !Number.isNaN(Date.parse(v)) &&
    new Date(v).toISOString().startsWith(v)
  )
    return v;
  return dateExpected;
};

const timestampExpected = new InvalidValue("a valid Date (or an ISO 8601 string)", "isDate");
// JS reads "2024-03-01T20:30" in the process's zone (yet "2024-03-01" as UTC): the result would
// depend on the machine. A date-time without a zone is taken as UTC, as stored timestamps are.
const zoneless = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/;
/** Points in time as Date objects. */
export const toTimestamp: Coercer<Date> = (v) => {
  const d =
    v instanceof Date
      ? v
      : typeof v === "string"
        ? new Date(zoneless.test(v) ? `${v.replace(" ", "T")}Z` : v)
        : undefined;
  return d && !Number.isNaN(d.getTime()) ? d : timestampExpected;
};

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const uuidExpected = new InvalidValue("a UUID string such as 3f2b8c1e-0d4a-4c7e-9a65-2f0b7d1c9e44", "isUUID");
/** UUIDs as lower-case strings. */
export const toUuid: Coercer<string> = (v) =>
  typeof v === "string" && uuidPattern.test(v) ? v.toLowerCase() : (unstorable(v) ?? uuidExpected);

/** The reason a string cannot be stored at all (lone surrogate, NUL), to report it before a format mismatch. */
function unstorable(v: unknown): InvalidValue | undefined {
  const problem = typeof v === "string" ? textProblem(v) : undefined;
  return problem === undefined ? undefined : new InvalidValue(problem, "storableText");
}

const jsonExpected = new InvalidValue("a JSON-serialisable value", "isJSON");
/** Any value JSON can represent, whose strings and keys are text every engine stores (see textProblem). */
export const toJson: Coercer<unknown> = (v) => {
  if (typeof v === "function" || typeof v === "symbol" || typeof v === "bigint") return jsonExpected;
  let problem: string | undefined;
  const check = (key: string, value: unknown) => {
    problem ??= textProblem(key) ?? (typeof value === "string" ? textProblem(value) : undefined);
    return value;
  };
  try {
    if (JSON.stringify(v, check) === undefined) return jsonExpected;
  } catch {
    return jsonExpected;
  }
  return problem === undefined ? v : new InvalidValue(`JSON whose strings and keys are ${problem}`, "storableText");
};

const maxIntervalMs = Number.MAX_SAFE_INTEGER;
const intervalExpected = new InvalidValue(
  "a duration as a number of milliseconds (fractions down to microseconds)",
  "isInterval",
);
/**
 * Durations as milliseconds, rounded to whole microseconds (PostgreSQL's resolution) so that both
 * engines store and return the same number.
 */
export const toInterval: Coercer<number> = (v) => {
  if (typeof v !== "number" || !Number.isFinite(v) || Math.abs(v) > maxIntervalMs) return intervalExpected;
  if (Number.isInteger(v)) return v || 0;
  if (Math.abs(v) * 1000 > Number.MAX_SAFE_INTEGER) return intervalExpected;
  return Math.round(v * 1000) / 1000 || 0;
};

const timePattern = /^([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d)(?:\.(\d{1,6}))?)?$/;
const timeExpected = new InvalidValue(
  'a time of day as "HH:MM", "HH:MM:SS" or "HH:MM:SS.ffffff" (or a Date, whose UTC time is used)',
  "isTime",
);
/**
 * Times of day as "HH:MM:SS" with an optional fraction of up to six digits and no trailing zeros,
 * which is how PostgreSQL prints them, so both engines return the same text.
 */
export const toTime: Coercer<string> = (v) => {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? timeExpected : canonicalTime(v.toISOString().slice(11, 23));
  if (typeof v !== "string") return timeExpected;
  if (v === "24:00" || /^24:00:00(\.0{1,6})?$/.test(v)) return "24:00:00";
  return timePattern.test(v) ? canonicalTime(v) : timeExpected;
};

function canonicalTime(text: string): string {
  const [, hh, mm, ss = "00", fraction = ""] = timePattern.exec(text)!;
  const trimmed = fraction.replace(/0+$/, "");
  return `${hh}:${mm}:${ss}${trimmed ? `.${trimmed}` : ""}`;
}

const bytesExpected = new InvalidValue("binary data (a Buffer or Uint8Array)", "isBytes");
/** Binary data as a Buffer; other Uint8Arrays are copied into one. */
export const toBytes: Coercer<Buffer> = (v) => {
  if (Buffer.isBuffer(v)) return v;
  return v instanceof Uint8Array ? Buffer.from(v) : bytesExpected;
};

// The HTML standard's definition of a valid e-mail address (what browsers accept in <input type=email>).
const emailPattern =
  /^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/;
/** E-mail addresses of at most `length` characters. */
export function toEmail(length: number): Coercer<string> {
  const expected = new InvalidValue(
    `an e-mail address such as "ann@example.com" of at most ${length} characters`,
    "isEmail",
  );
  return (v) => (typeof v === "string" && v.length <= length && emailPattern.test(v) ? v : (unstorable(v) ?? expected));
}
