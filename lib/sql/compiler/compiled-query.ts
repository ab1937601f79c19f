import type { CarryOverNode, LegacyAlterTableNode } from "../ast/nodes";

/** A parameter whose value is given when a frozen query runs: `Param("name")`, then `.bind({ name })`. */
export class NamedParam {
  constructor(
    readonly name: string,
    /** Encodes the bound value when the dialect needs more than the value's own JS type (SQLite Numerics). */
    readonly encode?: (value: unknown) => unknown,
  ) {}
}

/** SQL text with its bound parameters, ready for a driver. */
export interface CompiledQuery {
  readonly sql: string;
  readonly params: readonly unknown[];
  /** Indexes of the parameters bound for secret columns: error reports show them redacted. */
  readonly secretParams?: readonly number[];
  /**
   * True for a plain select (no row locks): an engine with read replicas may send it to one when it
   * runs outside a transaction.
   */
  readonly readOnly?: boolean;
  /** A prepared-statement name (from `freeze()`): PostgreSQL plans it once per connection. */
  readonly name?: string;
  /**
   * The result's column names in order, set when one looks like an array index ("2024"): drivers
   * that hand rows over as objects (sqlite3) read values by these names, since an object puts such
   * keys first whatever their place in the select list.
   */
  readonly columns?: readonly string[];
  /**
   * A table rebuild's step that the migration runner carries out itself (reading and recreating
   * the table's other indexes and triggers) or keeps track of; `sql` is what a preview shows.
   */
  readonly migrationStep?: CarryOverNode | LegacyAlterTableNode | ReturnedStatementsStep;
}

/**
 * A migration step whose `sql` is a catalogue query returning one column, `statement`: the runner
 * runs each returned statement in order. CockroachDB drops a column's constraints this way, having
 * no DO blocks to loop over them on the server.
 */
export interface ReturnedStatementsStep {
  readonly kind: "returnedStatements";
}
