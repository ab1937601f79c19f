// Compound queries: union(), unionAll(), intersect() and except() of selects with the same columns.
import {
  setOperationColumnCount,
  setOperationMember,
  setOperationOrder,
  subqueryColumnCount,
} from "../errors/factories";
import type { CompoundNode, OutputOrderNode, QueryNode, SetOperator } from "../sql/ast/nodes";
import type { CompiledQuery } from "../sql/compiler/compiled-query";
import type { Dialect } from "../sql/dialects/dialect";
import type { TableMeta } from "../table/metadata";
import type { Plain } from "../table/types";
import { toCount } from "./clauses";
import type { RootExpression, RootOrderItem } from "./explicit-join";
import { Expression, OrderItem } from "./expression";
import { bindParams } from "./param";
import { Query, type QueryState } from "./query";
import { plainRowMapper, type RowMapper } from "./row-mapper";
import { Scalar } from "./scalar";

/** A query as a member of a compound query, a derived table or a CTE. */
export interface SetOperandNode {
  readonly node: QueryNode;
  /** The selections whose keys name the rows' columns and whose types decode them. */
  readonly selections: readonly Scalar<unknown>[];
  /** The table whose engine runs the query. */
  readonly meta: TableMeta;
}

/** A query usable in union(), intersect() and except(), and as a derived table or a CTE: a select or a compound. */
export interface SetOperand<TRow> {
  /** Phantom: the row type. */
  readonly $setRow?: TRow;
  /** The query's node and selections; `method` names the caller in errors. */
  toSetOperand(method: string): SetOperandNode;
}

type SameValue<TLeft, TRight> = [TLeft] extends [TRight] ? ([TRight] extends [TLeft] ? true : false) : false;

/** The keys that differ between two rows: missing on one side, or of other value types (nulls aside). */
type ShapeDifference<TRow, TOther> =
  | Exclude<keyof TRow, keyof TOther>
  | Exclude<keyof TOther, keyof TRow>
  | {
      [K in keyof TRow & keyof TOther]: SameValue<NonNullable<TRow[K]>, NonNullable<TOther[K]>> extends true
        ? never
        : K;
    }[keyof TRow & keyof TOther];

/** `unknown` when both selects have the same columns of the same types, else a message naming the first difference. */
export type SameShape<TRow, TOther> = [ShapeDifference<TRow, TOther>] extends [never]
  ? unknown
  : {
      readonly "union(), intersect() and except() need selects of the same columns and types": ShapeDifference<
        TRow,
        TOther
      >;
    };

/** The row of a compound query: each column typed by both selects (`| null` when either may be null). */
export type CompoundRow<TRow, TOther> = [TOther] extends [TRow]
  ? TRow
  : Plain<{ [K in keyof TRow]: TRow[K] | (K extends keyof TOther ? TOther[K] : never) }>;

/** The operand of a compound query's method, checked to be a select or compound query. */
export function setOperandOf(method: string, query: unknown): SetOperandNode {
  if (typeof (query as Partial<SetOperand<unknown>> | null)?.toSetOperand !== "function")
    throw setOperationMember(
      method,
      `expects a select (Table.select(...)) or a union of selects, got ${String(query)}`,
    );
  return (query as SetOperand<unknown>).toSetOperand(method);
}

/** The decoder of each selection, for rows read by position. */
export function selectionMapper<TRow>(dialect: Dialect, selections: readonly Scalar<unknown>[]): RowMapper<TRow> {
  return plainRowMapper<TRow>(
    selections.map((s) => s.$key),
    selections.map((s) => s.$decoder ?? dialect.decoder(s.$valueType.dataType)),
  );
}

interface Member {
  readonly op: SetOperator;
  readonly operand: SetOperandNode;
}

/** The state of a compound query. */
interface CompoundState<TResult> extends QueryState<TResult> {
  readonly head: SetOperandNode;
  readonly rest: readonly Member[];
  readonly orderItems: readonly OutputOrderNode[];
  readonly limitCount: number | undefined;
  readonly offsetCount: number | undefined;
  readonly firstOnly: boolean;
  readonly paramValues: Readonly<Record<string, unknown>> | undefined;
}

interface Prepared<TRow> {
  readonly dialect: Dialect;
  readonly compiled: CompiledQuery;
  readonly map: RowMapper<TRow>;
}

/**
 * `Band.select(Band.c.name).union(Manager.select(Manager.c.name))`: the rows of selects with the
 * same columns, combined left to right; the rows are keyed and typed as the first select's.
 * PostgreSQL and SQLite: `SELECT "band"."name" FROM "band" UNION SELECT "manager"."name" FROM "manager"`.
 */
export class CompoundQuery<TTable, TRow, TOut = TRow[]> extends Query<TOut> implements SetOperand<TRow> {
  declare readonly $setRow?: TRow;
  private readonly orderItems: readonly OutputOrderNode[] = [];
  private readonly limitCount: number | undefined = undefined;
  private readonly offsetCount: number | undefined = undefined;
  private readonly firstOnly: boolean = false;
  private readonly paramValues: Readonly<Record<string, unknown>> | undefined = undefined;
  private cached: Prepared<TRow> | undefined = undefined;

  constructor(
    private readonly head: SetOperandNode,
    private readonly rest: readonly Member[],
  ) {
    super();
  }

  protected override with(patch: Partial<CompoundState<TOut>>): this {
    return this.copy(patch);
  }

  /**
   * The rows of both, each distinct row once (`UNION`).
   * @example
   * Band.select(Band.c.name).union(Manager.select(Manager.c.name)).union(Venue.select(Venue.c.name))
   * // postgres: SELECT "band"."name" FROM "band" UNION SELECT "manager"."name" FROM "manager" UNION SELECT "venue"."name" FROM "venue"
   * // sqlite:   SELECT "band"."name" FROM "band" UNION SELECT "manager"."name" FROM "manager" UNION SELECT "venue"."name" FROM "venue"
   */
  union<TOther>(other: SetOperand<TOther> & SameShape<TRow, TOther>): CompoundQuery<TTable, CompoundRow<TRow, TOther>> {
    return this.add("UNION", "union", other);
  }

  /**
   * The rows of both, duplicates kept (`UNION ALL`).
   * @example
   * Band.select(Band.c.name).union(Manager.select(Manager.c.name)).unionAll(Venue.select(Venue.c.name))
   * // postgres: SELECT "band"."name" FROM "band" UNION SELECT "manager"."name" FROM "manager" UNION ALL SELECT "venue"."name" FROM "venue"
   * // sqlite:   SELECT "band"."name" FROM "band" UNION SELECT "manager"."name" FROM "manager" UNION ALL SELECT "venue"."name" FROM "venue"
   */
  unionAll<TOther>(
    other: SetOperand<TOther> & SameShape<TRow, TOther>,
  ): CompoundQuery<TTable, CompoundRow<TRow, TOther>> {
    return this.add("UNION ALL", "unionAll", other);
  }

  /**
   * The distinct rows found in both (`INTERSECT`), applied to all the rows before it (left to right).
   * @example
   * Band.select(Band.c.name).union(Manager.select(Manager.c.name)).intersect(Band.select(Band.c.name).where(Band.c.popularity.gt(100)))
   * // postgres: (SELECT "band"."name" FROM "band" UNION SELECT "manager"."name" FROM "manager") INTERSECT SELECT
   * //           "band"."name" FROM "band" WHERE "band"."popularity" > $1
   * // sqlite:   SELECT "band"."name" FROM "band" UNION SELECT "manager"."name" FROM "manager" INTERSECT SELECT
   * //           "band"."name" FROM "band" WHERE "band"."popularity" > ?
   */
  intersect<TOther>(
    other: SetOperand<TOther> & SameShape<TRow, TOther>,
  ): CompoundQuery<TTable, CompoundRow<TRow, TOther>> {
    return this.add("INTERSECT", "intersect", other);
  }

  /**
   * The distinct rows of this query not found in the other (`EXCEPT`).
   * @example
   * Band.select(Band.c.name).union(Manager.select(Manager.c.name)).except(Venue.select(Venue.c.name))
   * // postgres: SELECT "band"."name" FROM "band" UNION SELECT "manager"."name" FROM "manager" EXCEPT SELECT "venue"."name" FROM "venue"
   * // sqlite:   SELECT "band"."name" FROM "band" UNION SELECT "manager"."name" FROM "manager" EXCEPT SELECT "venue"."name" FROM "venue"
   */
  except<TOther>(
    other: SetOperand<TOther> & SameShape<TRow, TOther>,
  ): CompoundQuery<TTable, CompoundRow<TRow, TOther>> {
    return this.add("EXCEPT", "except", other);
  }

  private add(op: SetOperator, method: string, other: unknown): never {
    const operand = setOperandOf(method, other);
    checkColumnCount(method, this.head, operand);
    const shaped =
      this.orderItems.length > 0 || this.limitCount !== undefined || this.offsetCount !== undefined || this.firstOnly;
    // Once sorted or limited, this compound becomes the first member of a new one.
    if (shaped) return new CompoundQuery(this.toSetOperand(method), [{ op, operand }]) as never;
    return new CompoundQuery(this.head, [...this.rest, { op, operand }]) as never;
  }

  /**
   * Sorts the combined rows by output columns: pass the first select's columns (or aliased
   * expressions), plain or with `.desc()`; repeated calls append.
   * @example
   * Band.select(Band.c.name).union(Manager.select(Manager.c.name)).orderBy(Band.c.name.desc()).limit(2)
   * // postgres: SELECT "band"."name" FROM "band" UNION SELECT "manager"."name" FROM "manager" ORDER BY "name" DESC LIMIT 2
   * // sqlite:   SELECT "band"."name" FROM "band" UNION SELECT "manager"."name" FROM "manager" ORDER BY "name" DESC LIMIT 2
   */
  orderBy(...items: (RootExpression<TTable> | RootOrderItem<TTable>)[]): this {
    const keys = this.head.selections.map((s) => s.$key);
    const added = items.map((item): OutputOrderNode => {
      const order =
        item instanceof OrderItem
          ? item
          : item instanceof Expression
            ? new OrderItem(item as Expression<unknown>, "asc", undefined)
            : undefined;
      const key = order?.expression instanceof Scalar ? order.expression.$key : undefined;
      if (order === undefined || key === undefined || !keys.includes(key))
        throw setOperationOrder(String(key ?? item), keys);
      return { name: key, direction: order.direction, nulls: order.nulls };
    });
    return this.with({ orderItems: [...this.orderItems, ...added] });
  }

  /**
   * At most `n` of the combined rows.
   * @example
   * Band.select(Band.c.name).union(Manager.select(Manager.c.name)).limit(5)
   * // postgres: SELECT "band"."name" FROM "band" UNION SELECT "manager"."name" FROM "manager" LIMIT 5
   * // sqlite:   SELECT "band"."name" FROM "band" UNION SELECT "manager"."name" FROM "manager" LIMIT 5
   */
  limit(n: number): this {
    return this.with({ limitCount: toCount("limit", n) });
  }

  /**
   * Skips the first `n` combined rows.
   * @example
   * Band.select(Band.c.name).union(Manager.select(Manager.c.name)).orderBy(Band.c.name).offset(5)
   * // postgres: SELECT "band"."name" FROM "band" UNION SELECT "manager"."name" FROM "manager" ORDER BY "name" ASC OFFSET 5
   * // sqlite:   SELECT "band"."name" FROM "band" UNION SELECT "manager"."name" FROM "manager" ORDER BY "name" ASC LIMIT -1 OFFSET 5
   */
  offset(n: number): this {
    return this.with({ offsetCount: toCount("offset", n) });
  }

  /**
   * Only the first combined row, or null when there is none.
   * @example
   * Band.select(Band.c.name).union(Manager.select(Manager.c.name)).orderBy(Band.c.name).first()
   * // postgres: SELECT "band"."name" FROM "band" UNION SELECT "manager"."name" FROM "manager" ORDER BY "name" ASC LIMIT 1
   * // sqlite:   SELECT "band"."name" FROM "band" UNION SELECT "manager"."name" FROM "manager" ORDER BY "name" ASC LIMIT 1
   */
  first(): CompoundQuery<TTable, TRow, TRow | null> {
    return this.with({ firstOnly: true }) as never;
  }

  /**
   * Values for the `Param("…")`s of the members; the SQL is reused.
   * @example
   * await Band.select(Band.c.name).where(Band.c.popularity.gte(Param("min"))).union(Manager.select(Manager.c.name)).bind({ min: 100 });
   */
  bind(values: Readonly<Record<string, unknown>>): this {
    return this.copy({ paramValues: values } satisfies Partial<CompoundState<TOut>>, true);
  }

  /** Phantom: the value type when this union is the subquery of `isIn()`. */
  declare readonly $subqueryType?: TRow[keyof TRow];

  /** This union as the subquery of `isIn()` (one column) or `Exists()`. */
  toSubqueryNode(options: { anyColumns?: boolean } = {}): CompoundNode {
    const count = this.head.selections.length;
    if (!options.anyColumns && count !== 1) throw subqueryColumnCount(count);
    return this.toSetOperand("isIn").node as CompoundNode;
  }

  /** This compound as a member of another, or as the query of a derived table or CTE. */
  toSetOperand(method: string): SetOperandNode {
    if (this.firstOnly) throw setOperationMember(method, "a query shaped by first() cannot be a member; use limit(1)");
    return { node: this.node(), selections: this.head.selections, meta: this.head.meta };
  }

  private node(): CompoundNode {
    return {
      kind: "compound",
      first: this.head.node,
      rest: this.rest.map((m) => ({ op: m.op, query: m.operand.node })),
      orderBy: this.orderItems,
      limit: this.firstOnly ? 1 : this.limitCount,
      offset: this.offsetCount,
    };
  }

  private prepare(): Prepared<TRow> {
    const dialect = this.head.meta.engine.dialect;
    if (this.cached?.dialect === dialect) return this.cached;
    const compiled = dialect.compiler.compile(this.node());
    return (this.cached = { dialect, compiled, map: selectionMapper(dialect, this.head.selections) });
  }

  toSQL(): CompiledQuery {
    return this.prepare().compiled;
  }

  protected async execute(): Promise<TOut> {
    const { dialect, compiled, map } = this.prepare();
    const result = await this.head.meta.engine.query(bindParams(compiled, this.paramValues, dialect), "arrays");
    const rows = (result.rows as unknown[][]).map(map);
    return (this.firstOnly ? (rows[0] ?? null) : rows) as TOut;
  }
}

/** Members of a compound query must select as many columns as the first. */
export function checkColumnCount(method: string, first: SetOperandNode, other: SetOperandNode): void {
  if (first.selections.length !== other.selections.length)
    throw setOperationColumnCount(method, first.selections.length, other.selections.length);
}
