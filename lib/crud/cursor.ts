import type { Condition, OrderItem } from "../query/expression";
import { and, or } from "../query/expression";
import { badParameter } from "./errors";
import type { ResolvedPath } from "./model";
import { parseQueryValue, toJsonValue } from "./values";

type AnyCondition = Condition<unknown>;

/** One column of a keyset: the column and its direction. */
export interface KeysetColumn {
  readonly resolved: ResolvedPath;
  readonly desc: boolean;
}

/** The alias a keyset column is selected under, to build the next cursor from the last row. */
export const keysetAlias = (i: number) => `__key${i}`;

/** The ORDER BY items of a keyset. */
export function keysetOrder(keyset: readonly KeysetColumn[]): OrderItem<unknown>[] {
  return keyset.map(({ resolved, desc }) => (desc ? resolved.ref.desc() : resolved.ref.asc()));
}

/** The opaque cursor that continues after `row` (base64url of its keyset values as JSON). */
export function encodeCursor(row: Record<string, unknown>, keyset: readonly KeysetColumn[]): string {
  const values = keyset.map((_, i) => toJsonValue(row[keysetAlias(i)]));
  return Buffer.from(JSON.stringify(values)).toString("base64url");
}

/**
 * The condition "after the cursor" in keyset order: `(a > x) OR (a = x AND b > y) OR …`, with `<`
 * on descending columns. A cursor that does not decode, or from another ordering, is a 400.
 */
export function afterCursor(cursor: string, keyset: readonly KeysetColumn[]): AnyCondition {
  let values: unknown;
  try {
    values = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw badParameter("__cursor", "not a cursor this endpoint gave out");
  }
  if (
    !Array.isArray(values) ||
    values.length !== keyset.length ||
    values.some((v) => v === null || typeof v === "object")
  )
    throw badParameter("__cursor", "not a cursor of this ordering");
  const typed = keyset.map(({ resolved }, i) =>
    parseQueryValue(String(values[i]), resolved.column.dataType, "__cursor"),
  );
  const branches = keyset.map(({ resolved, desc }, i) => {
    const equalBefore = keyset.slice(0, i).map((k, j) => k.resolved.ref.eq(typed[j]));
    const beyond = desc ? resolved.ref.lt(typed[i] as never) : resolved.ref.gt(typed[i] as never);
    return equalBefore.length === 0 ? beyond : and(...(equalBefore as [AnyCondition]), beyond);
  });
  return branches.length === 1 ? branches[0]! : or(...(branches as [AnyCondition, AnyCondition]));
}

/** Cursor pagination orders by non-null columns of the table itself, so every row has a place. */
export function checkKeysetColumn(resolved: ResolvedPath): void {
  if (resolved.path.includes(".") || resolved.column.nullable)
    throw badParameter(
      "__order",
      `cursor pagination cannot order by ${resolved.path} (it may be null); order by non-null columns of the table`,
    );
}
