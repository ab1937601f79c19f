import { tableConstraints } from "../table/constraints";
import { assertKnownOptions, m2mBadRow, m2mNeedsUniquePair, notSaved } from "../errors/factories";
import { columnAccessor } from "../table/column-accessor";
import { isPersisted } from "../table/instance-state";
import type { M2MResolved } from "../table/m2m";
import { tableMetaOf } from "../table/metadata";
import type { ColumnRefMembers } from "./column-ref";
import { DeleteQuery } from "./delete";
import { InsertQuery } from "./insert";
import { m2mOrderItems, m2mRelationOf, type M2MOrder } from "./m2m-select";
import { ObjectsQuery } from "./objects";
import { SelectQuery } from "./select";

// The instance side of M2M: rows of the join table added, listed and removed for one instance.

type Row = Record<string, unknown>;

/** Options of `addM2M()`. */
export interface AddM2MOptions<TJoinTable = Record<string, unknown>> {
  /** Values of the join table's other columns for the new join rows. */
  extraColumnValues?: TJoinTable;
}

interface Context extends M2MResolved {
  readonly label: string;
  readonly key: unknown;
  readonly joinColumns: Record<string, ColumnRefMembers<unknown>>;
}

function context(instance: object, handle: unknown, method: string): Context {
  const meta = tableMetaOf(instance.constructor);
  const relation = m2mRelationOf(meta, handle, method);
  const resolved = relation.resolved;
  const key = (instance as Row)[resolved.sourceFk.targetColumn.property];
  if (key === null || key === undefined) throw notSaved(meta.className, method);
  return { ...resolved, label: relation.label, key, joinColumns: columnAccessor(resolved.join) };
}

/** The value the join table stores for a row of the other table. */
function targetKey(c: Context, row: unknown, method: string): unknown {
  if (!(row instanceof c.target.cls)) throw m2mBadRow(method, c.label, c.target.className, row, false);
  const key = (row as Row)[c.targetFk.targetColumn.property];
  if (key === null || key === undefined) throw m2mBadRow(method, c.label, c.target.className, row, true);
  return key;
}

function list<TItem>(rows: TItem | readonly TItem[]): readonly TItem[] {
  return Array.isArray(rows) ? rows : [rows as TItem];
}

/** The join rows of this instance and these keys of the other table. */
function joinRows(c: Context, keys: readonly unknown[]) {
  return [c.joinColumns[c.sourceKey.property]!.eq(c.key), c.joinColumns[c.targetKey.property]!.isIn(keys as never[])];
}

/**
 * Relates the instance to rows of the other table: unsaved instances (and plain objects, made
 * into instances) are inserted first, then the join rows in one `INSERT … ON CONFLICT DO NOTHING`
 * on the join table's (source, target) primary key, so pairs already related are left as they
 * are, even under concurrent calls. One transaction; resolves to the other table's instances.
 */
export async function addM2M(
  instance: object,
  handle: unknown,
  rows: unknown,
  options: AddM2MOptions = {},
): Promise<unknown[]> {
  const c = context(instance, handle, "addM2M");
  assertKnownOptions("addM2M()", options, ["extraColumnValues"]);
  checkUniquePair(c);
  const Target = c.target.cls as unknown as new (values: unknown) => object;
  const targets = list(rows).map((row) => {
    if (row instanceof c.target.cls) return row as object;
    if (typeof row !== "object" || row === null || Object.getPrototypeOf(row) !== Object.prototype)
      throw m2mBadRow("addM2M", c.label, c.target.className, row, false);
    return new Target(row);
  });
  const extra = options.extraColumnValues ?? {};
  return c.join.engine.transaction(async () => {
    const unsaved = [...new Set(targets.filter((t) => !isPersisted(t)))];
    if (unsaved.length > 0) await new InsertQuery(c.target, unsaved).run();
    const keys = [...new Set(targets.map((t) => targetKey(c, t, "addM2M")))];
    if (keys.length === 0) return targets;
    // One statement: a pair already related (even by a concurrent call) is skipped by the key, never written twice.
    const pairs = keys.map((k) => ({ ...extra, [c.sourceKey.property]: c.key, [c.targetKey.property]: k }));
    const pair = [c.joinColumns[c.sourceKey.property]!, c.joinColumns[c.targetKey.property]!];
    await new InsertQuery(c.join, pairs).onConflict({ target: pair, action: "doNothing" }).run();
    return targets;
  });
}

/** Checks that the join table's primary key is the pair of its two foreign keys, which makes addM2M idempotent. */
function checkUniquePair(c: Context): void {
  const pair = [c.sourceKey.dbName, c.targetKey.dbName].sort().join("\u0000");
  const isPair = (columns: readonly string[]) => [...columns].sort().join("\u0000") === pair;
  const declared = tableConstraints(c.join);
  const unique =
    isPair(c.join.primaryKeys.map((k) => k.dbName)) ||
    declared.unique.some((u) => isPair(u.columns)) ||
    declared.indexes.some((i) => i.unique && i.where === undefined && isPair(i.columns));
  if (!unique) throw m2mNeedsUniquePair(c.label, c.join.className, c.sourceKey.property, c.targetKey.property);
}

/** Options of `getM2M()`. */
export interface GetM2MOptions<TRoot> {
  /** The order of the rows (default: the other table's primary key), e.g. `Genre.c.name.desc()`. */
  orderBy?: M2MOrder<TRoot>;
}

/** The rows of the other table related to the instance, as instances ordered by `orderBy`, then by their primary key. */
export async function getM2M<TRelated>(
  instance: object,
  handle: unknown,
  options: GetM2MOptions<TRelated> = {},
): Promise<unknown[]> {
  const c = context(instance, handle, "getM2M");
  assertKnownOptions("getM2M()", options, ["orderBy"]);
  const related = new SelectQuery(c.join, [c.joinColumns[c.targetKey.property]!]).where(
    c.joinColumns[c.sourceKey.property]!.eq(c.key),
  );
  const targetColumns = columnAccessor(c.target);
  return new ObjectsQuery(c.target)
    .where(targetColumns[c.targetFk.targetColumn.property]!.isIn(related))
    .orderBy(...m2mOrderItems(c.target, options.orderBy, "getM2M"))
    .run();
}

/** Unrelates the instance from rows of the other table (their join rows are deleted, the rows kept); resolves to the join rows deleted. */
export async function removeM2M(instance: object, handle: unknown, rows: unknown): Promise<number> {
  const c = context(instance, handle, "removeM2M");
  const keys = [...new Set(list(rows).map((row) => targetKey(c, row, "removeM2M")))];
  if (keys.length === 0) return 0;
  return new DeleteQuery(c.join, false).where(...joinRows(c, keys)).run();
}
