import { unsupportedDateFormat } from "../../errors/factories";
import type { DateFormatPart, DateFormatToken } from "../ast/nodes";

// DateFormat()'s portable pattern: strftime-style tokens that SQLite's strftime() and PostgreSQL's
// to_char() both produce character for character; any other token is refused when the pattern is parsed.

/** The portable tokens and their to_char() spelling (strftime() takes them as they are). */
const toCharTokens: Readonly<Record<DateFormatToken, string>> = {
  "%Y": "YYYY", // year, four digits
  "%m": "MM", // month 01-12
  "%d": "DD", // day of the month 01-31
  "%H": "HH24", // hour 00-23
  "%M": "MI", // minute 00-59
  "%S": "SS", // second 00-59
  "%f": "SS.MS", // seconds with milliseconds: 05.123
  "%j": "DDD", // day of the year 001-366
};

/** The tokens DateFormat() accepts, for its documentation and errors. */
export const dateFormatTokens = Object.keys(toCharTokens) as readonly DateFormatToken[];

/** Splits a pattern into literal text and portable tokens; `%%` is a literal %. */
export function parseDateFormat(pattern: string): DateFormatPart[] {
  const parts: DateFormatPart[] = [];
  let literal = "";
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i]!;
    if (char !== "%") {
      literal += char;
      continue;
    }
    const token = pattern.slice(i, i + 2);
    i++;
    if (token === "%%") {
      literal += "%";
      continue;
    }
    if (!(token in toCharTokens)) throw unsupportedDateFormat(pattern, token, dateFormatTokens);
    if (literal !== "") parts.push({ kind: "literal", text: literal });
    literal = "";
    parts.push({ kind: "token", token: token as DateFormatToken });
  }
  if (literal !== "") parts.push({ kind: "literal", text: literal });
  return parts;
}

/** The pattern for SQLite's strftime(): literal % doubled. */
export function strftimePattern(parts: readonly DateFormatPart[]): string {
  return parts.map((p) => (p.kind === "token" ? p.token : p.text.replace(/%/g, "%%"))).join("");
}

/**
 * The pattern for PostgreSQL's to_char(): literal text in double quotes (where letters such as D or
 * Y are no template patterns), with `"` and `\` escaped by a backslash.
 */
export function toCharPattern(parts: readonly DateFormatPart[]): string {
  return parts
    .map((p) => (p.kind === "token" ? toCharTokens[p.token] : `"${p.text.replace(/[\\"]/g, (c) => `\\${c}`)}"`))
    .join("");
}
