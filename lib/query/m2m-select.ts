import { ColumnType, InvalidValue } from "../columns/column-type";
import { assertKnownOptions, foreignColumn, m2mSelfSelect, notAColumn, notAnM2M } from "../errors/factories";
import type { ColumnNode, ExpressionNode, SelectNode } from "../sql/ast/nodes";
import { M2MRelation, type M2MResolved } from "../table/m2m";
import type { ColumnMeta, TableMeta } from "../table/metadata";
import { columnAccessor } from "../table/column-accessor";
import { toOrderItems } from "./clauses";
import { Expression, OrderItem, mergeJoins } from "./expression";
import { Scalar } from "./scalar";

type Handle = ((...args: unknown[]) => Scalar<unknown[]>) & { readonly $m2m: M2MRelation };

function columnOf(table: TableMeta, column: ColumnMeta): ColumnNode {
  return { kind: "column", table: table.tableName, name: column.dbName, type: column.type.dataType };
}

function equals(left: ExpressionNode, right: ExpressionNode): ExpressionNode {
  return { kind: "binary", op: "=", left, right };
}

/** The type of an M2M array: the dialect decodes it as an array of the element's type. */
export function arrayOf(element: ColumnType<unknown>): ColumnType<unknown> {
  const coerce = (v: unknown) => (Array.isArray(v) ? v : new InvalidValue("an array"));
  return new ColumnType<unknown>("array", {}, coerce, () => [], { element });
}

/** The order of an M2M array or of getM2M(): one column or item, or several. */
export type M2MOrder<TRoot> =
  Expression<unknown, TRoot> | OrderItem<TRoot> | readonly (Expression<unknown, TRoot> | OrderItem<TRoot>)[];

/** Options of an M2M array: `Band.m2m.genres(Genre.c.name, { orderBy: Genre.c.name.desc() })`. */
export interface M2MArrayOptions<TRoot> {
  /** The order of the array's elements (default: the other table's primary key). */
  orderBy?: M2MOrder<TRoot>;
}

/** The given order over the other table, then its primary key, so that equal values keep one fixed order. */
export function m2mOrderItems<TRoot>(
  target: TableMeta,
  order: M2MOrder<TRoot> | undefined,
  method: string,
): OrderItem[] {
  const items = order === undefined ? [] : Array.isArray(order) ? (order as readonly unknown[]) : [order];
  for (const item of items) {
    const expression = item instanceof OrderItem ? item.expression : item;
    if (!(expression instanceof Expression)) throw notAColumn(`${method} orderBy`, item);
    if (expression.$root !== undefined && expression.$root !== target)
      throw foreignColumn(`${method} orderBy`, target.className, expression.$root.className);
  }
  const accessor = columnAccessor(target);
  const keys = target.primaryKeys.map((k) => new OrderItem(accessor[k.property]!, "asc", undefined));
  return [...toOrderItems(target, items as (Expression<unknown> | OrderItem)[]), ...keys];
}

/**
 * `Band.m2m.genres(Genre.c.name)`: the other table's column over the related rows, as one array
 * per row (empty when there are none), ordered by `orderBy`, then the other table's primary key.
 * PostgreSQL: `ARRAY(SELECT "genre"."name" FROM "genre" LEFT JOIN "genre_to_band" ON …
 * WHERE "genre_to_band"."band" = "band"."id" ORDER BY "genre"."id")`;
 * SQLite: `(SELECT json_group_array("genre"."name" ORDER BY "genre"."id") FROM … WHERE …)`.
 */
export function relatedArray(
  relation: M2MRelation,
  element: unknown,
  order: readonly OrderItem[] = m2mOrderItems(relation.resolved.target, undefined, "m2m"),
): Scalar<unknown[]> {
  const { source, join, sourceKey, sourceFk, targetKey, targetFk, target }: M2MResolved = relation.resolved;
  const method = `${source.className}.m2m.${relation.property}`;
  if (!(element instanceof Scalar)) throw notAColumn(method, element);
  if (element.$root !== undefined && element.$root !== target)
    throw foreignColumn(method, target.className, element.$root.className);
  // The subquery names the other table as it is; the same table on both sides would shadow the outer row.
  if (target === source) throw m2mSelfSelect(relation.label);
  const query: SelectNode = {
    kind: "select",
    from: target.node,
    joins: [
      {
        kind: "join",
        table: join.node,
        on: equals(columnOf(join, targetKey), columnOf(target, targetFk.targetColumn)),
      },
      ...mergeJoins(element.$joins, ...order.map((o) => o.expression.$joins)).map((j) => j.node),
    ],
    selections: [{ expr: element.$node }],
    where: equals(columnOf(join, sourceKey), columnOf(source, sourceFk.targetColumn)),
    orderBy: order.map((o) => o.node),
    distinct: false,
  };
  return new Scalar(
    { kind: "relatedArray", query, element: element.$valueType.dataType },
    [],
    source,
    relation.property,
    arrayOf(element.$valueType),
  );
}

/**
 * `Band.m2m.genres(Genre.c.name, Genre.c.mainstream)`: an array of objects per row. Each column is
 * selected as its own array, in one fixed order, and the arrays are zipped after decoding, so
 * every value keeps its column's exact decoding on both engines.
 */
export class RelatedRows extends Scalar<unknown[]> {
  constructor(
    base: Scalar<unknown[]>,
    /** One array per column, all in the same order. */
    readonly $parts: readonly Scalar<unknown[]>[],
    /** The object key of each column (its `$key`: the property, or the alias given by `.as()`). */
    readonly $fields: readonly string[],
  ) {
    super(base.$node, base.$joins, base.$root, base.$key, base.$valueType);
  }

  override as<TAlias extends string>(alias: TAlias): Scalar<unknown[], TAlias> {
    return new RelatedRows(super.as(alias), this.$parts, this.$fields) as unknown as Scalar<unknown[], TAlias>;
  }
}

/** The scalar of an M2M handle call: one column (an array of values) or several (an array of objects). */
function relatedSelection(relation: M2MRelation, args: readonly unknown[]): Scalar<unknown[]> {
  const last = args[args.length - 1];
  const hasOptions = args.length > 1 && typeof last === "object" && last !== null && !(last instanceof Scalar);
  const options = (hasOptions ? last : {}) as M2MArrayOptions<unknown>;
  const columns = hasOptions ? args.slice(0, -1) : args;
  assertKnownOptions(`${relation.label}()`, options, ["orderBy"]);
  const order = m2mOrderItems(relation.resolved.target, options.orderBy, relation.label);
  if (columns.length <= 1) return relatedArray(relation, columns[0], order);
  const parts = columns.map((column) => relatedArray(relation, column, order));
  return new RelatedRows(
    parts[0]!,
    parts,
    columns.map((c) => (c as Scalar<unknown>).$key),
  );
}

/**
 * A select's selections with each M2M array of objects replaced by its per-column arrays, and the
 * row transform that zips them back under the selection's key (undefined when there are none).
 */
export function expandRelatedRows(selections: readonly Scalar<unknown>[]): {
  selections: readonly Scalar<unknown>[];
  combine: ((row: Record<string, unknown>) => Record<string, unknown>) | undefined;
} {
  if (!selections.some((s) => s instanceof RelatedRows)) return { selections, combine: undefined };
  const flat: Scalar<unknown>[] = [];
  const groups: { key: string; parts: string[]; fields: readonly string[] }[] = [];
  for (const selection of selections) {
    if (!(selection instanceof RelatedRows)) {
      flat.push(selection);
      continue;
    }
    const parts = selection.$parts.map((_, i) => `piccolo$${groups.length}$${i}`);
    selection.$parts.forEach((part, i) => flat.push(part.as(parts[i]!)));
    groups.push({ key: selection.$key, parts, fields: selection.$fields });
  }
  const combine = (row: Record<string, unknown>): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(row)) if (!key.startsWith("piccolo$")) out[key] = value;
    for (const group of groups) {
      const arrays = group.parts.map((p) => row[p] as unknown[]);
      out[group.key] = arrays[0]!.map((_, i) =>
        Object.fromEntries(group.fields.map((field, j) => [field, arrays[j]![i]])),
      );
    }
    return out;
  };
  return { selections: flat, combine };
}

/** The `Band.m2m` object of a table: one callable handle per M2M field, built once. */
export function m2mAccessor(meta: TableMeta): Record<string, Handle> {
  let accessor = meta.cache.get("m2m") as Record<string, Handle> | undefined;
  if (accessor === undefined) {
    accessor = {};
    for (const relation of meta.m2m) {
      const handle = (...args: unknown[]) => relatedSelection(relation, args);
      Object.defineProperty(handle, "$m2m", { value: relation });
      accessor[relation.property] = handle as Handle;
    }
    meta.cache.set("m2m", Object.freeze(accessor));
  }
  return accessor;
}

/** The relation behind an M2M handle of this table, or a clear error. */
export function m2mRelationOf(meta: TableMeta, handle: unknown, method: string): M2MRelation {
  const relation = (handle as Partial<Handle> | null | undefined)?.$m2m;
  if (!(relation instanceof M2MRelation) || !meta.m2m.includes(relation))
    throw notAnM2M(
      method,
      meta.className,
      meta.m2m.map((r) => r.property),
    );
  return relation;
}
