import type { JsonValue, SchemaColumnKind } from "../../migrations/schema";
import type { ModelledDefault, ModelledType } from "./model";

const integerKinds: readonly SchemaColumnKind[] = ["integer", "bigint", "smallint", "serial", "bigserial"];

/** A default's text as the JSON value migrations store for the column's kind, or undefined. */
export function constant(raw: string, type: ModelledType): ModelledDefault | undefined {
  const kind = type.type;
  if (integerKinds.includes(kind)) return /^-?\d+$/.test(raw) ? { default: Number(raw) } : undefined;
  if (kind === "real" || kind === "double") return /^-?\d+(\.\d+)?$/.test(raw) ? { default: Number(raw) } : undefined;
  if (kind === "numeric") return /^-?\d+(\.\d+)?$/.test(raw) ? { default: raw } : undefined;
  if (kind === "boolean") {
    if (/^(t|true)$/i.test(raw)) return { default: true };
    if (/^(f|false)$/i.test(raw)) return { default: false };
    return undefined;
  }
  if (kind === "varchar" || kind === "char" || kind === "text") return { default: raw };
  if (kind === "date") return /^\d{4}-\d{2}-\d{2}$/.test(raw) ? { default: raw } : undefined;
  if (kind === "time") return /^\d{2}:\d{2}:\d{2}$/.test(raw) ? { default: raw } : undefined;
  if (kind === "array") return raw === "{}" ? { default: [] as JsonValue } : undefined;
  return undefined;
}
