import type { Condition } from "../query/expression";
import { and, or } from "../query/expression";
import { badParameter } from "./errors";
import { columnsOf, type CrudModel } from "./model";
import type { PrimaryKeyValues } from "./options";
import { parseQueryValue, toJsonValue } from "./values";

type AnyCondition = Condition<unknown>;

/** The primary key in a URL segment: one value, or a composite key's values comma-separated in key order (`/1,2`). */
export function parseKey(model: CrudModel, segment: string): PrimaryKeyValues {
  const parts = segment.split(",");
  const names = model.primaryKey.map((c) => c.property);
  if (parts.length !== names.length)
    throw badParameter("key", `give ${names.join(",")} (${names.length} value(s), comma-separated)`);
  const key: Record<string, unknown> = {};
  model.primaryKey.forEach((column, i) => {
    let text: string;
    try {
      text = decodeURIComponent(parts[i]!);
    } catch {
      throw badParameter("key", "not valid percent-encoding");
    }
    key[column.property] = parseQueryValue(text, column.dataType, column.property);
  });
  return key;
}

/** The URL segment of a row's key (the inverse of parseKey). */
export function keySegment(model: CrudModel, row: Record<string, unknown>): string {
  return model.primaryKey.map((c) => encodeURIComponent(String(toJsonValue(row[c.property])))).join(",");
}

/** The condition matching one key. */
export function keyCondition(model: CrudModel, key: PrimaryKeyValues): AnyCondition {
  const c = columnsOf(model.table);
  const parts = model.primaryKey.map((column) => c[column.property]!.eq(key[column.property]));
  return parts.length === 1 ? parts[0]! : and(...(parts as [AnyCondition]));
}

/** The condition matching any of the keys. */
export function keysCondition(model: CrudModel, keys: readonly PrimaryKeyValues[]): AnyCondition {
  if (model.primaryKey.length === 1) {
    const name = model.primaryKey[0]!.property;
    return columnsOf(model.table)[name]!.isIn(keys.map((k) => k[name]) as never[]);
  }
  const each = keys.map((k) => keyCondition(model, k));
  return each.length === 1 ? each[0]! : or(...(each as [AnyCondition]));
}
