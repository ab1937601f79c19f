import {
  assertKnownOptions,
  conflictingOptions,
  invalidBatchSize,
  invalidLockMode,
  paramNotDeclarable,
  paramNotInQuery,
} from "../errors/factories";
import type { LockNode, SelectNode } from "../sql/ast/nodes";
import { NamedParam, type CompiledQuery } from "../sql/compiler/compiled-query";
import { fnv1a64 } from "../utils/hash";
import { clauseNodes, toCount, toOrderItems } from "./clauses";
import type { Expression, OrderItem } from "./expression";
import type { RootExpression, RootOrderItem } from "./explicit-join";
import { FilteredQuery, type BindValues, type FilteredState } from "./filtered-query";
import { ParamRef, bindParams, type ParamValues } from "./param";
import type { Scalar } from "./scalar";

/** Options of `lockRows()`: PostgreSQL's row locks, inside a transaction. */
export interface LockOptions {
  /** "update" (default), "no key update", "share" or "key share". */
  mode?: LockNode["mode"];
  /** Fail at once instead of waiting for a locked row. */
  nowait?: boolean;
  /** Leave locked rows out instead of waiting for them. */
  skipLocked?: boolean;
  /** Lock only these tables' rows (default: every table in the query). */
  of?: readonly { readonly tableName: string }[];
}

const lockModes: readonly LockNode["mode"][] = ["update", "no key update", "share", "key share"];

function toLock(options: LockOptions): LockNode {
  assertKnownOptions("lockRows()", options, ["mode", "nowait", "skipLocked", "of"]);
  const mode = options.mode ?? "update";
  if (!lockModes.includes(mode)) throw invalidLockMode(mode, lockModes);
  if (options.nowait && options.skipLocked) throw conflictingOptions("lockRows", "nowait", "skipLocked");
  const wait = options.nowait ? "nowait" : options.skipLocked ? "skip locked" : "wait";
  return { mode, wait, of: (options.of ?? []).map((t) => ({ kind: "table", name: t.tableName })) };
}

/** Each parameter given to `freeze()` is a `Param()` of the query: a declaration cannot name what is not there. */
function checkDeclaredParams(compiled: CompiledQuery, params: readonly unknown[]): void {
  if (params.length === 0) return;
  const names = compiled.params.filter((p) => p instanceof NamedParam).map((p) => p.name);
  for (const param of params) {
    if (!(param instanceof ParamRef)) throw paramNotDeclarable(param);
    const name = (param.$node as { name: string }).name;
    if (!names.includes(name)) throw paramNotInQuery(name, names);
  }
}

/** The state every row-reading query shares. */
export interface ReadState<Result> extends FilteredState<Result> {
  readonly orderItems: readonly OrderItem[];
  readonly limitCount: number | undefined;
  readonly offsetCount: number | undefined;
  readonly lockNode: LockNode | undefined;
  readonly frozen: boolean;
  readonly paramValues: Readonly<Record<string, unknown>> | undefined;
}

/** The parts every row-reading query shares. */
export abstract class ReadQuery<TTable, TResult> extends FilteredQuery<TTable, TResult> {
  protected readonly orderItems: readonly OrderItem[] = [];
  protected readonly limitCount: number | undefined = undefined;
  protected readonly offsetCount: number | undefined = undefined;
  protected readonly lockNode: LockNode | undefined = undefined;
  protected readonly frozen: boolean = false;
  protected readonly paramValues: Readonly<Record<string, unknown>> | undefined = undefined;

  protected override with(patch: Partial<ReadState<TResult>>): this {
    return this.copy(patch);
  }

  /**
   * Values for the query's `Param("…")`s; the SQL (and a frozen query's prepared statement) is reused.
   * The names and value types of the `Param()`s compared with in where() (or given to `freeze(param, …)`)
   * are checked at compile time; a name the query does not use is refused at run time, as is a missing one.
   * @example
   * const byName = Band.select().where(Band.c.name.eq(Param("name"))).freeze();
   * await byName.bind({ name: "Pythonistas" });
   */
  bind(values: BindValues<this["$bindValues"]>): this {
    // Only the values change: the prepared SQL is kept.
    const paramValues = values as Readonly<Record<string, unknown>>;
    return this.copy({ paramValues } satisfies Partial<ReadState<TResult>>, true);
  }

  /** The compiled query with this builder's bound values. */
  protected bound(compiled: CompiledQuery): CompiledQuery {
    return bindParams(compiled, this.paramValues, this.meta.engine.dialect);
  }

  /**
   * Builds the SQL now, once, and reuses it on every run; on PostgreSQL the query also becomes a
   * named prepared statement, planned once per connection. Keep the frozen query and await it again.
   * Pass the query's parameters (`Param<number, "minPop">("minPop")`) to have `bind()` check their
   * names and value types.
   * @example
   * Band.select().where(Band.c.name.eq(Param("name"))).freeze()
   * // postgres: SELECT "band"."id", "band"."name", "band"."manager", "band"."popularity" FROM "band" WHERE "band"."name" = $1
   * // sqlite:   SELECT "band"."id", "band"."name", "band"."manager", "band"."popularity" FROM "band" WHERE "band"."name" = ?
   */
  freeze(): this;
  freeze<TParams extends ParamRef<unknown>[]>(
    ...params: TParams
  ): this & { readonly $bindValues: ParamValues<TParams> };
  freeze(...params: unknown[]): this {
    const frozen = this.with({ frozen: true });
    checkDeclaredParams(frozen.toSQL(), params);
    return frozen;
  }

  /** Names a frozen query's statement after its SQL, so equal SQL shares one prepared statement. */
  protected named(compiled: CompiledQuery): CompiledQuery {
    return this.frozen ? { ...compiled, name: `piccolo_${fnv1a64(compiled.sql)}` } : compiled;
  }

  /**
   * Sorts by columns (ascending) or `column.desc()` items; repeated calls append.
   * @example
   * Band.select(Band.c.name).orderBy(Band.c.popularity.desc(), Band.c.name)
   * // postgres: SELECT "band"."name" FROM "band" ORDER BY "band"."popularity" DESC, "band"."name" ASC
   * // sqlite:   SELECT "band"."name" FROM "band" ORDER BY "band"."popularity" DESC, "band"."name" ASC
   */
  orderBy(...items: (RootExpression<TTable> | RootOrderItem<TTable>)[]): this {
    const checked = toOrderItems(this.tables(), items as (Expression<unknown> | OrderItem)[]);
    return this.with({ orderItems: [...this.orderItems, ...checked] });
  }

  /**
   * At most `n` rows.
   * @example
   * Band.select(Band.c.name).limit(10)
   * // postgres: SELECT "band"."name" FROM "band" LIMIT 10
   * // sqlite:   SELECT "band"."name" FROM "band" LIMIT 10
   */
  limit(n: number): this {
    return this.with({ limitCount: toCount("limit", n) });
  }

  /**
   * Skips the first `n` rows.
   * @example
   * Band.select(Band.c.name).limit(10).offset(20)
   * // postgres: SELECT "band"."name" FROM "band" LIMIT 10 OFFSET 20
   * // sqlite:   SELECT "band"."name" FROM "band" LIMIT 10 OFFSET 20
   */
  offset(n: number): this {
    return this.with({ offsetCount: toCount("offset", n) });
  }

  /**
   * Locks the selected rows until the transaction ends: `FOR UPDATE` (or share modes, `NOWAIT`,
   * `SKIP LOCKED`, `OF table`) on PostgreSQL. On SQLite the transaction's write lock already
   * excludes other writers, so the plain form adds nothing; nowait and skipLocked are refused.
   * @example
   * Band.select(Band.c.id).where(Band.c.id.eq(1)).lockRows()
   * // postgres: SELECT "band"."id" FROM "band" WHERE "band"."id" = $1 FOR UPDATE
   * // sqlite:   SELECT "band"."id" FROM "band" WHERE "band"."id" = ?
   */
  lockRows(options: LockOptions = {}): this {
    return this.with({ lockNode: toLock(options) });
  }

  /** Checks a batch size: a whole number of 1 or more (default 1000). */
  protected batchSize(options: { size?: number }): number {
    assertKnownOptions("batch()", options, ["size"]);
    const size = options.size ?? 1000;
    if (!Number.isInteger(size) || size < 1) throw invalidBatchSize(size);
    return size;
  }

  /** The SELECT node for these selections and the clauses set so far; `alsoJoin` adds joins for other clauses. */
  protected selectNode(
    selections: readonly Scalar<unknown>[],
    extra: Partial<SelectNode> = {},
    alsoJoin: readonly Expression<unknown>[] = [],
  ): SelectNode {
    const clauses = clauseNodes(
      this.whereClause,
      this.orderItems,
      ...[...selections, ...alsoJoin].map((s) => s.$joins),
    );
    return {
      kind: "select",
      from: this.meta.node,
      joins: clauses.joins,
      selections: selections.map((s) => ({
        expr: s.$node,
        alias: s.$key === (s.$node as { name?: string }).name ? undefined : s.$key,
      })),
      where: clauses.where,
      orderBy: clauses.orderBy,
      limit: this.limitCount,
      offset: this.offsetCount,
      distinct: false,
      lock: this.lockNode,
      ...extra,
    };
  }
}
export type { BindValues } from "./filtered-query";
