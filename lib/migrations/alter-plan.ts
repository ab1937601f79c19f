import type { ColumnType } from "../columns/column-type";
import { Now } from "../columns/now";
import { alterCannotCarryOver, alterOutOfSync, invalidAlter } from "../errors/factories";
import { MigrationError } from "../errors/orm-error";
import { installSchemaChanger, type AlterAction, type AlterStep } from "../query/alter-actions";
import type { TableMeta } from "../table/metadata";
import { columnSchemaOf, storedDefault, tableSchemaOf } from "./from-tables";
import { readLiveTable, type LiveTable } from "./live-table";
import { tableNode } from "./nodes";
import type { Operation } from "./operations";
import { planOperation, type Plan } from "./planner";
import { rebuildTable } from "./rebuild";
import { backfillFor, tableKey, type ColumnSchema, type JsonValue, type TableSchema } from "./schema";
import { Snapshot } from "./snapshot";
import { StatementRunner } from "./statement-runner";
import { storedCondition } from "./stored-constraints";

/**
 * Plans `alter()` with the migration planner: each action becomes the migration operation it
 * stands for, planned from the table as the database has it (`live`, read on SQLite, where a
 * rebuild recreates the whole table) or else as its class declares it, with the actions before
 * applied, so SQLite gets the same table rebuild a migration does.
 */
export function planAlter(meta: TableMeta, actions: readonly AlterAction[], live?: LiveTable): AlterStep[] {
  const caps = meta.engine.dialect.capabilities;
  const schema = meta.schema;
  let name = meta.tableName;
  if (live) checkColumns(name, live.table, actions);
  let snapshot = new Snapshot(new Map([[tableKey(name, schema), live?.table ?? tableSchemaOf(meta)]]));
  const steps = new Steps();
  for (const action of actions) {
    const before = snapshot.require(name, schema, "alter");
    const table = tableNode(name, schema);
    if (!live && action.kind === "dropConstraint" && !(before.constraints ?? []).some((c) => c.name === action.name)) {
      // A constraint the class does not declare (added by hand or by alter()): dropped by name, or on
      // SQLite by rebuilding the table as its class declares it.
      const plan: Plan = caps.alterColumn
        ? { statements: [{ kind: "dropConstraint", table, name: action.name }], rebuild: false }
        : { statements: rebuildTable(before, before, {}), rebuild: true };
      steps.add(plan, before, before, {});
      continue;
    }
    const op = live ? liveOperationOf(action, before) : operationOf(action, before);
    // The class may no longer say what PostgreSQL holds (an earlier alter() changed it): plan from
    // a column that differs in what the action sets, so that its statement is always sent.
    if (!live && op.op === "alterColumn") snapshot = withColumn(snapshot, before, unlike(before, op.column, action));
    try {
      const plan = planOperation(op, snapshot, caps);
      snapshot = snapshot.apply(op);
      const after = op.op === "renameTable" ? undefined : snapshot.require(name, schema, "alter");
      steps.add({ statements: plan.statements, rebuild: plan.rebuild }, before, after, fillsOf(op));
    } catch (error) {
      // The snapshot's conflicts speak of migration files; here they are the alter() chain's.
      if (error instanceof MigrationError) throw invalidAlter(name, error.message.replace(/ Check the app's.*$/, ""));
      throw error;
    }
    if (action.kind === "renameTable") name = action.to;
  }
  if (live && live.problems.length > 0 && steps.list.some((s) => s.rebuild))
    throw alterCannotCarryOver(name, live.problems);
  return steps.list;
}

/** Each column the chain names is in the database's table at that point (the class may name one an earlier alter() took away). */
function checkColumns(table: string, live: TableSchema, actions: readonly AlterAction[]): void {
  const names = new Set(live.columns.map((c) => c.name));
  const need = (column: string) => {
    if (!names.has(column)) throw alterOutOfSync(table, column, [...names]);
  };
  for (const a of actions) {
    if ("column" in a) need(a.column);
    if (a.kind === "addUnique") a.columns.forEach(need);
    if (a.kind === "addColumn") names.add(a.name);
    if (a.kind === "dropColumn") names.delete(a.column);
    if (a.kind === "renameColumn") {
      names.delete(a.column);
      names.add(a.to);
    }
  }
}

/**
 * As `operationOf`, on the database's table: a constraint it does not hold cannot be dropped, except
 * a column's own UNIQUE, which SQLite keeps unnamed and PostgreSQL names `<table>_<column>_key`.
 */
function liveOperationOf(action: AlterAction, before: TableSchema): Operation {
  if (action.kind !== "dropConstraint" || (before.constraints ?? []).some((c) => c.name === action.name))
    return operationOf(action, before);
  const column = before.columns.find((c) => c.unique && `${before.name}_${c.name}_key` === action.name);
  if (column === undefined) throw invalidAlter(before.name, `the table has no constraint "${action.name}"`);
  return { op: "alterColumn", table: before.name, schema: before.schema, column: { ...column, unique: false } };
}

/** The planned steps, where consecutive SQLite rebuilds become one: the rows are copied once for the whole run. */
class Steps {
  readonly list: AlterStep[] = [];
  private run: { readonly before: TableSchema; fills: Record<string, JsonValue> } | undefined;

  add(step: AlterStep, before: TableSchema, after: TableSchema | undefined, fills: Record<string, JsonValue>): void {
    const last = this.list[this.list.length - 1];
    if (!step.rebuild || after === undefined) {
      this.run = undefined;
      this.list.push(step);
    } else if (this.run !== undefined && last?.rebuild) {
      this.run.fills = { ...this.run.fills, ...fills };
      this.list[this.list.length - 1] = { ...last, statements: rebuildTable(this.run.before, after, this.run.fills) };
    } else {
      this.run = { before, fills };
      this.list.push(step);
    }
  }
}

/** The values a rebuild fills NULLs of a NOT NULL column with, as the planner picks them. */
function fillsOf(op: Operation): Record<string, JsonValue> {
  const fill =
    op.op === "alterColumn"
      ? (op.backfill ?? backfillFor(op.column))
      : op.op === "addColumn" && !op.column.null
        ? (op.backfill ?? backfillFor(op.column))
        : undefined;
  return fill === undefined || fill === null || !("column" in op) || typeof op.column === "string"
    ? {}
    : { [op.column.name]: fill };
}

/** The snapshot with one column of a table replaced. */
function withColumn(snapshot: Snapshot, table: TableSchema, column: ColumnSchema): Snapshot {
  const columns = table.columns.map((c) => (c.name === column.name ? column : c));
  return new Snapshot(new Map([...snapshot.tables, [tableKey(table.name, table.schema), { ...table, columns }]]));
}

/** The column as it was before, made to differ from `wanted` in what the action sets. */
function unlike(table: TableSchema, wanted: ColumnSchema, action: AlterAction): ColumnSchema {
  const column = table.columns.find((c) => c.name === wanted.name)!;
  switch (action.kind) {
    case "setNull":
      return { ...column, null: !wanted.null };
    case "setDefault":
      // No default before a new one; a stand-in before dropping one (only its presence is read).
      return wanted.default === undefined && !wanted.defaultNow
        ? { ...column, default: "", defaultNow: false }
        : { ...column, default: undefined, defaultNow: false };
    default:
      // setColumnType, setLength: another length counts as another type.
      return { ...column, length: (wanted.length ?? 0) + 1 };
  }
}

/** The migration operation an alter() action stands for, given the table before it. */
function operationOf(action: AlterAction, before: TableSchema): Operation {
  const target = { table: before.name, schema: before.schema };
  const alter = (name: string, change: Partial<ColumnSchema>): Operation => {
    const column = before.columns.find((c) => c.name === name);
    if (column === undefined) throw invalidAlter(before.name, `column "${name}" is gone at this point of the chain`);
    return { op: "alterColumn", ...target, column: { ...column, ...change } };
  };
  switch (action.kind) {
    case "addColumn":
      return { op: "addColumn", ...target, column: schemaOf(action.name, action.type) };
    case "dropColumn":
      return { op: "dropColumn", ...target, column: action.column };
    case "renameColumn":
      return { op: "renameColumn", ...target, column: action.column, to: action.to };
    case "renameTable":
      return { op: "renameTable", ...target, to: action.to };
    case "setNull":
      return alter(action.column, { null: action.nullable });
    case "setDefault":
      return alter(action.column, { default: storedDefault(action.value), defaultNow: action.value instanceof Now });
    case "setColumnType": {
      const { type, length, precision, scale, element } = schemaOf(action.column, action.type);
      return alter(action.column, { type, length, precision, scale, element });
    }
    case "setLength":
      return alter(action.column, { length: action.length });
    case "addUnique":
      return {
        op: "addConstraint",
        ...target,
        constraint: { type: "unique", name: action.name, columns: action.columns },
      };
    case "addCheck":
      return {
        op: "addConstraint",
        ...target,
        constraint: { type: "check", name: action.name, check: storedCondition(action.condition) },
      };
    case "dropConstraint":
      return { op: "dropConstraint", ...target, name: action.name };
  }
}

function schemaOf(name: string, type: ColumnType<unknown>): ColumnSchema {
  return columnSchemaOf({ property: name, dbName: name, type, primaryKey: false });
}

installSchemaChanger({
  plan: (meta, actions) => planAlter(meta, actions),
  planLive: async (meta, actions) => {
    if (meta.engine.dialect.capabilities.alterColumn) return planAlter(meta, actions);
    return planAlter(meta, actions, await readLiveTable(meta.engine, tableSchemaOf(meta)));
  },
  runner: (engine) => {
    const runner = new StatementRunner(engine);
    return (statement) => runner.run(statement);
  },
});
