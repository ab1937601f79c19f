import type { QueryResult } from "../engine/connection";
import type { Engine } from "../engine/engine";
import { requestedNode } from "../engine/node-scope";
import { currentTimeout } from "../engine/run-options";
import type { ColumnNode, SelectNode } from "../sql/ast/nodes";
import type { CompiledQuery } from "../sql/compiler/compiled-query";
import type { TableMeta } from "../table/metadata";
import { type MaybePromise, promiseOf, thenNow } from "../utils/maybe-sync";

/**
 * Same-tick primary-key lookups, batched (the engines' `batchLookups` option): selects of one
 * shape whose only condition is `pk = value`, issued in the same tick outside any transaction,
 * go out as one `WHERE pk = ANY($1)` query (`IN (…)` on SQLite), and each caller gets the rows of
 * its own key. A lookup alone in its tick runs as it would without batching. If the batched query
 * fails, each caller's own query runs, so each gets its own result or error.
 */

/** One caller waiting for the rows of its key. */
interface Waiter {
  readonly key: string;
  readonly value: unknown;
  readonly compiled: CompiledQuery;
  readonly resolve: (rows: unknown[][]) => void;
  readonly reject: (error: unknown) => void;
}

interface Batch {
  readonly node: SelectNode;
  readonly keyColumn: ColumnNode;
  readonly waiters: Waiter[];
}

// Only integer keys: their values compare as text exactly as the driver returns them (a uuid or
// text key could come back spelt differently from the value asked for).
const integerKinds = new Set(["serial", "bigserial", "integer", "bigint", "smallint"]);

const pending = new WeakMap<Engine, Map<string, Batch>>();

/**
 * The rows of a select: batched with the same-tick lookups of the same shape when it is a primary
 * key lookup the engine may batch, else sent on its own.
 */
export function selectRows(meta: TableMeta, node: SelectNode, compiled: CompiledQuery): MaybePromise<unknown[][]> {
  const engine = meta.engine;
  const keyColumn = engine.batchLookups ? lookupKeyColumn(meta, node, compiled) : undefined;
  if (keyColumn === undefined) return queryRows(engine, compiled);
  let batches = pending.get(engine);
  if (batches === undefined) pending.set(engine, (batches = new Map()));
  let batch = batches.get(compiled.sql);
  if (batch === undefined) {
    const created: Batch = { node, keyColumn, waiters: [] };
    batches.set(compiled.sql, (batch = created));
    // nextTick runs once the current microtasks have settled: every lookup issued meanwhile joins.
    process.nextTick(() => {
      batches.delete(compiled.sql);
      flush(engine, created);
    });
  }
  const value = compiled.params[0];
  const waiters = batch.waiters;
  return new Promise((resolve, reject) => waiters.push({ key: String(value), value, compiled, resolve, reject }));
}

function queryRows(engine: Engine, compiled: CompiledQuery): MaybePromise<unknown[][]> {
  return thenNow(engine.queryNow(compiled, "arrays"), rowsOf);
}

const rowsOf = (result: QueryResult) => result.rows as unknown[][];

/** queryRows as a promise, for a batch flushed after its callers have gone on. */
function queryRowsLater(engine: Engine, compiled: CompiledQuery): Promise<unknown[][]> {
  return promiseOf(() => queryRows(engine, compiled));
}

/** Whether this select is `pk = value` alone, on plain columns, with nothing that sees other rows. */
function lookupKeyColumn(meta: TableMeta, node: SelectNode, compiled: CompiledQuery): ColumnNode | undefined {
  const where = node.where;
  if (where?.kind !== "binary" || where.op !== "=" || where.right.kind !== "value") return undefined;
  const left = where.left;
  const keys = meta.primaryKeys;
  if (left.kind !== "column" || keys.length !== 1 || left.name !== keys[0]!.dbName) return undefined;
  if (left.table !== (node.from.alias ?? node.from.name) || !integerKinds.has(keys[0]!.type.kind)) return undefined;
  const value = where.right.value;
  if (typeof value !== "number" && typeof value !== "bigint") return undefined;
  if (compiled.params.length !== 1 || compiled.name !== undefined || !compiled.readOnly) return undefined;
  if (node.distinct || node.distinctOn || node.groupBy || node.having || node.lock) return undefined;
  if (node.orderBy.length > 0 || node.offset !== undefined || (node.limit !== undefined && node.limit !== 1))
    return undefined;
  if (!node.selections.every((s) => s.expr.kind === "column")) return undefined;
  // A transaction's statements stay on its connection; a timeout or a node applies to one query.
  if (meta.engine.inTransaction || currentTimeout() !== undefined || requestedNode() !== undefined) return undefined;
  return left;
}

/** The shape's query for all the keys: `pk = ANY($1)`, the key selected last to tell the rows apart. */
function batchedQuery(db: Engine, batch: Batch, values: unknown[]): CompiledQuery {
  const node: SelectNode = {
    ...batch.node,
    limit: undefined,
    // Row mappers read only their own columns: the extra key column at the end goes unseen.
    selections: [...batch.node.selections, { expr: batch.keyColumn, alias: "piccolo_lookup_key" }],
    where: {
      kind: "arrayQuantified",
      quantifier: "any",
      value: batch.keyColumn,
      array: { kind: "value", value: values, type: { kind: "array", element: batch.keyColumn.type } },
    },
  };
  return { ...db.dialect.compiler.compile(node), readOnly: true };
}

function flush(db: Engine, batch: Batch): void {
  const waiters = batch.waiters;
  if (waiters.length === 1) {
    const only = waiters[0]!;
    queryRowsLater(db, only.compiled).then(only.resolve, only.reject);
    return;
  }
  const values = [...new Map(waiters.map((w) => [w.key, w.value])).values()];
  const limit = batch.node.limit;
  queryRowsLater(db, batchedQuery(db, batch, values)).then(
    (rows) => {
      const byKey = new Map<string, unknown[][]>();
      for (const row of rows) {
        const key = String(row[row.length - 1]);
        const group = byKey.get(key);
        if (group === undefined) byKey.set(key, [row]);
        else if (limit === undefined) group.push(row);
      }
      for (const waiter of waiters) waiter.resolve(byKey.get(waiter.key) ?? []);
    },
    // Errors stay with their callers: each runs its own query and meets its own error.
    () => {
      for (const waiter of waiters) queryRowsLater(db, waiter.compiled).then(waiter.resolve, waiter.reject);
    },
  );
}
