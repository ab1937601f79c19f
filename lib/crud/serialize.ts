import { toJsonValue } from "./values";

/** A row as the API returns it: values JSON can carry (Dates as ISO text, bigints as digits, bytes as base64). */
export function serializeRow(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) out[key] = toJsonValue(value);
  return out;
}
