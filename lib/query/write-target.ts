import { missingWhere } from "../errors/factories";
import type { ExpressionNode, SelectionNode, StatementNode, ValueNode } from "../sql/ast/nodes";
import type { CompiledQuery } from "../sql/compiler/compiled-query";
import type { ColumnRefMembers } from "./column-ref";
import { returningParts, toReturning } from "./returning";
import { FilteredQuery, type BindValues, type FilteredState } from "./filtered-query";
import type { TableMeta } from "../table/metadata";
import { columnAccessor } from "../table/column-accessor";
import type { Condition } from "./expression";
import { conditionShapeKey, idOf } from "./shape-cache";
import { compiledForShape, isPlainValue } from "./value-shape";
import { bindParams } from "./param";
import { type MaybePromise, promiseOf, thenNow } from "../utils/maybe-sync";

/**
 * The WHERE of an UPDATE or DELETE. A condition that traverses foreign keys needs joins, which
 * neither statement takes portably, so it becomes `pk IN (SELECT pk FROM … JOIN … WHERE …)`
 * (`(a, b) IN (SELECT a, b …)` for a composite key).
 */
export function writeWhere(meta: TableMeta, where: Condition | undefined): ExpressionNode | undefined {
  if (where === undefined || where.$joins.length === 0) return where?.$node;
  const accessor = columnAccessor(meta);
  const keys = meta.primaryKeys.map((k) => accessor[k.property]!.$node);
  return {
    kind: "inSubquery",
    left: keys.length === 1 ? keys[0]! : { kind: "tuple", items: keys },
    negated: false,
    query: {
      kind: "select",
      from: meta.node,
      joins: where.$joins.map((j) => j.node),
      selections: keys.map((expr) => ({ expr })),
      where: where.$node,
      orderBy: [],
      distinct: false,
    },
  };
}

/** The state of an update() or delete(). */
export interface WriteState<Result> extends FilteredState<Result> {
  readonly returningColumns: readonly ColumnRefMembers<unknown>[];
  readonly paramValues: Readonly<Record<string, unknown>> | undefined;
}

/**
 * What update() and delete() share: the where-or-force rule, `returning(...)`, and resolving to
 * the number of rows changed or to the returned rows.
 */
export abstract class WriteQuery<TTable, Out> extends FilteredQuery<TTable, Out> {
  protected readonly returningColumns: readonly ColumnRefMembers<unknown>[] = [];
  protected readonly paramValues: Readonly<Record<string, unknown>> | undefined = undefined;

  protected override with(patch: Partial<WriteState<Out>>): this {
    return this.copy(patch);
  }

  constructor(
    meta: TableMeta,
    private readonly force: boolean,
  ) {
    super(meta);
  }

  /**
   * Values for the `Param("…")`s of the where clause and, in an update, the values; names and value types
   * of the where's `Param()` comparisons are checked at compile time, unknown and missing names at run time.
   * @example
   * const rename = Band.update({ name: Param("newName") }).where(Band.c.name.eq(Param("oldName")));
   * await rename.bind({ newName: "Pythonistas 2", oldName: "Pythonistas" });
   */
  bind(values: BindValues<this["$bindValues"]>): this {
    const paramValues = values as Readonly<Record<string, unknown>>;
    return this.with({ paramValues });
  }

  /** The operation's name, for the missing-where error. */
  protected abstract readonly operation: "update" | "delete";
  /** The statement for this where clause and these RETURNING selections. */
  protected abstract statement(where: ExpressionNode | undefined, returning: SelectionNode[]): StatementNode;

  /** A copy that returns these columns instead of the count. */
  protected withReturning(columns: readonly unknown[]): never {
    return this.with({ returningColumns: toReturning(this.meta, columns) }) as never;
  }

  /**
   * The SET of an update as `[column, value]` pairs (none for a delete), for the shape cache; undefined
   * when the statement must be compiled afresh (an update that will refuse its values).
   */
  protected abstract setForShape(): readonly (readonly [string, ExpressionNode])[] | undefined;

  private compile() {
    if (this.whereClause === undefined && !this.force) throw missingWhere(this.operation, this.meta.className);
    const dialect = this.meta.engine.dialect;
    const parts = returningParts(dialect, this.returningColumns);
    const compile = () =>
      dialect.compiler.compile(this.statement(writeWhere(this.meta, this.whereClause), parts.nodes));
    const shape = this.shape();
    return {
      compiled: shape === undefined ? compile() : compiledForShape(dialect, shape.key, shape.values, compile),
      map: parts.map,
    };
  }

  /**
   * The shape (value-shape.ts) of `SET plain values WHERE column op value` with no RETURNING: its
   * SQL is compiled once and only the values are encoded per call.
   */
  private shape(): { key: string; values: ValueNode[] } | undefined {
    const where = this.whereClause;
    if (where === undefined || where.$joins.length > 0 || this.returningColumns.length > 0) return undefined;
    const set = this.setForShape();
    if (set === undefined || !set.every(([, value]) => isPlainValue(value))) return undefined;
    const node = where.$node;
    const columns = set.map(([column]) => column).join(",");
    const condition = conditionShapeKey([], node, `${this.operation}|${idOf(this.meta)}|${columns}`);
    if (condition === undefined || node.kind !== "binary") return undefined;
    return { key: condition, values: [...set.map(([, value]) => value as ValueNode), node.right as ValueNode] };
  }

  toSQL(): CompiledQuery {
    return this.compile().compiled;
  }

  protected execute(): Promise<Out> {
    return promiseOf(() => this.write());
  }

  /** The statement's result, at once from a synchronous driver (see utils/maybe-sync.ts). */
  protected write(): MaybePromise<Out> {
    const { compiled, map } = this.compile();
    const wantRows = this.returningColumns.length > 0;
    const bound = bindParams(compiled, this.paramValues, this.meta.engine.dialect);
    return thenNow(
      this.meta.engine.queryNow(bound, wantRows ? "arrays" : "run"),
      (result) => (wantRows ? (result.rows as unknown[][]).map(map) : result.rowCount) as Out,
    );
  }
}
