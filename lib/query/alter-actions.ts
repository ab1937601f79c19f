import type { ColumnType } from "../columns/column-type";
import { schemaPlannerMissing } from "../errors/factories";
import type { Engine } from "../engine/engine";
import type { ExpressionNode, StatementNode } from "../sql/ast/nodes";
import type { TableMeta } from "../table/metadata";

/** One change of `alter()`, checked against the table class; columns by their database names. */
export type AlterAction =
  | { readonly kind: "addColumn"; readonly name: string; readonly type: ColumnType<unknown> }
  | { readonly kind: "dropColumn"; readonly column: string }
  | { readonly kind: "renameColumn"; readonly column: string; readonly to: string }
  | { readonly kind: "renameTable"; readonly to: string }
  | { readonly kind: "setNull"; readonly column: string; readonly nullable: boolean }
  | { readonly kind: "setDefault"; readonly column: string; readonly value: unknown }
  | { readonly kind: "setColumnType"; readonly column: string; readonly type: ColumnType<unknown> }
  | { readonly kind: "setLength"; readonly column: string; readonly length: number }
  | { readonly kind: "addUnique"; readonly name: string; readonly columns: readonly string[] }
  | { readonly kind: "addCheck"; readonly name: string; readonly condition: ExpressionNode }
  | { readonly kind: "dropConstraint"; readonly name: string };

/** The statements of one action, as the migration planner plans them for the engine's dialect. */
export interface AlterStep {
  readonly statements: readonly StatementNode[];
  /** True when the statements rebuild the table (SQLite): foreign keys must be off around them. */
  readonly rebuild: boolean;
}

/**
 * What lib/migrations plugs into alter(): its planner (ALTER where the dialect can, the SQLite
 * table rebuild where it cannot) and its statement runner (which carries a rebuilt table's other
 * indexes and triggers over). A hook, because the query layer sits below the migrations layer.
 */
export interface SchemaChanger {
  /** Plans from the table as its class declares it (a preview: `toSQL()`). */
  plan(meta: TableMeta, actions: readonly AlterAction[]): AlterStep[];
  /**
   * Plans for running: on SQLite from the table as the database has it now, read first, so that a
   * rebuild keeps what earlier alter() calls changed; elsewhere as `plan()`.
   */
  planLive(meta: TableMeta, actions: readonly AlterAction[]): Promise<AlterStep[]>;
  /** Runs statements in order on the engine, a rebuild's carry-over steps included. */
  runner(engine: Engine): (statement: StatementNode) => Promise<void>;
}

const hook = { changer: undefined as SchemaChanger | undefined };

/** Installs the planner alter() uses (lib/migrations does, when the package is imported). */
export function installSchemaChanger(changer: SchemaChanger): void {
  hook.changer = changer;
}

/** The installed planner; lib/index.ts always loads lib/migrations, so it is there. */
export function schemaChanger(): SchemaChanger {
  if (hook.changer === undefined) throw schemaPlannerMissing();
  return hook.changer;
}
