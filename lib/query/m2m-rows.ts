import { m2mBadRow, notSaved, unknownQueryOption } from "../errors/factories";
import { columnAccessor } from "../table/column-accessor";
import { isPersisted } from "../table/instance-state";
import type { M2MResolved } from "../table/m2m";
import { tableMetaOf } from "../table/metadata";
import type { ColumnRef } from "./column-ref";
import { DeleteQuery } from "./delete";
import { InsertQuery } from "./insert";
import { m2mRelationOf } from "./m2m-select";
import { ObjectsQuery } from "./objects";
import { SelectQuery } from "./select";

// The instance side of M2M: rows of the join table added, listed and removed for one instance.

type Row = Record<string, unknown>;

/** Options of `addM2M()`. */
export interface AddM2MOptions<J = Record<string, unknown>> {
  /** Values of the join table's other columns for the new join rows. */
  extraColumnValues?: J;
}

interface Context extends M2MResolved {
  readonly label: string;
  readonly key: unknown;
  readonly joinColumns: Record<string, ColumnRef<unknown>>;
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

function list<R>(rows: R | readonly R[]): readonly R[] {
  return Array.isArray(rows) ? rows : [rows as R];
}

/** The join rows of this instance and these keys of the other table. */
function joinRows(c: Context, keys: readonly unknown[]) {
  return [c.joinColumns[c.sourceKey.property]!.eq(c.key), c.joinColumns[c.targetKey.property]!.isIn(keys as never[])];
}

/**
 * Relates the instance to rows of the other table: unsaved instances (and plain objects, made
 * into instances) are inserted first, and pairs already related are left as they are. One
 * transaction; resolves to the other table's instances.
 */
export async function addM2M(instance: object, handle: unknown, rows: unknown, options: AddM2MOptions = {}): Promise<unknown[]> {
  const c = context(instance, handle, "addM2M");
  for (const key of Object.keys(options)) if (key !== "extraColumnValues") throw unknownQueryOption("addM2M", key, ["extraColumnValues"]);
  const Target = c.target.cls as unknown as new (values: unknown) => object;
  const targets = list(rows).map((row) => {
    if (row instanceof c.target.cls) return row as object;
    if (typeof row !== "object" || row === null || Object.getPrototypeOf(row) !== Object.prototype) throw m2mBadRow("addM2M", c.label, c.target.className, row, false);
    return new Target(row);
  });
  return c.join.engine.transaction(async () => {
    const unsaved = [...new Set(targets.filter((t) => !isPersisted(t)))];
    if (unsaved.length > 0) await new InsertQuery(c.target, unsaved).run();
    const keys = [...new Set(targets.map((t) => targetKey(c, t, "addM2M")))];
    if (keys.length === 0) return targets;
    const related = await new SelectQuery<unknown, Row>(c.join, [c.joinColumns[c.targetKey.property]!]).where(...joinRows(c, keys)).run();
    const existing = new Set(related.map((r) => r[c.targetKey.property]));
    const extra = options.extraColumnValues ?? {};
    const missing = keys.filter((k) => !existing.has(k)).map((k) => ({ ...extra, [c.sourceKey.property]: c.key, [c.targetKey.property]: k }));
    if (missing.length > 0) await new InsertQuery(c.join, missing).run();
    return targets;
  });
}

/** The rows of the other table related to the instance, as instances ordered by their primary key. */
export async function getM2M(instance: object, handle: unknown): Promise<unknown[]> {
  const c = context(instance, handle, "getM2M");
  const related = new SelectQuery(c.join, [c.joinColumns[c.targetKey.property]!]).where(c.joinColumns[c.sourceKey.property]!.eq(c.key));
  const targetColumns = columnAccessor(c.target);
  return new ObjectsQuery(c.target)
    .where(targetColumns[c.targetFk.targetColumn.property]!.isIn(related))
    .orderBy(targetColumns[c.target.primaryKey.property]!)
    .run();
}

/** Unrelates the instance from rows of the other table (their join rows are deleted, the rows kept); resolves to the join rows deleted. */
export async function removeM2M(instance: object, handle: unknown, rows: unknown): Promise<number> {
  const c = context(instance, handle, "removeM2M");
  const keys = [...new Set(list(rows).map((row) => targetKey(c, row, "removeM2M")))];
  if (keys.length === 0) return 0;
  return new DeleteQuery(c.join, false).where(...joinRows(c, keys)).run();
}
