// Helpers every factory file uses: build an error of a class with its code, suggest a near name, show a value.
import { nearest } from "../../utils/names";
import { MigrationError, type MigrationErrorFields, type OrmError } from "../orm-error";

/** A migration error (not about one step) with its code. */
export function migrationError(
  code: string,
  message: string,
  fields: MigrationErrorFields = {},
  options: { cause?: unknown } = {},
): MigrationError {
  return new MigrationError(message, fields, { ...options, code });
}

/** Builds an error of a class with its code. */
export function make<TError extends OrmError>(
  Class: new (message: string, options: { code: string; cause?: unknown }) => TError,
  code: string,
  message: string,
  options: { cause?: unknown } = {},
): TError {
  return new Class(message, { ...options, code });
}

export function didYouMean(name: string, candidates: Iterable<string>): string {
  // A shortened name ("isolation" for "isolationLevel") is too far by edit distance, yet a likely slip.
  const prefixed = (c: string) => name.length >= 3 && c.toLowerCase().startsWith(name.toLowerCase());
  const guess = nearest(name, candidates) ?? [...candidates].find(prefixed);
  return guess === undefined ? "" : ` Did you mean "${guess}"?`;
}

export function show(value: unknown): string {
  if (typeof value === "bigint") return `${value}n`;
  if (typeof value === "string") return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  if (value instanceof Date) return `Date(${Number.isNaN(value.getTime()) ? "Invalid" : value.toISOString()})`;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
