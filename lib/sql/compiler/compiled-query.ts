import type { CarryOverNode, LegacyAlterTableNode } from "../ast/nodes";

/** A parameter whose value is given when a frozen query runs: `Param("name")`, then `.bind({ name })`. */
export class NamedParam {
  constructor(readonly name: string) {}
}

/** SQL text with its bound parameters, ready for a driver. */
export interface CompiledQuery {
  readonly sql: string;
  readonly params: readonly unknown[];
  /** Indexes of the parameters bound for secret columns: error reports show them redacted. */
  readonly secretParams?: readonly number[];
  /** A prepared-statement name (from `freeze()`): PostgreSQL plans it once per connection. */
  readonly name?: string;
  /**
   * A table rebuild's step that the migration runner carries out itself (reading and recreating
   * the table's other indexes and triggers) or keeps track of; `sql` is what a preview shows.
   */
  readonly migrationStep?: CarryOverNode | LegacyAlterTableNode;
}
