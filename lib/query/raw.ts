import type { CompiledQuery } from "../sql/compiler/compiled-query";
import type { Engine } from "../engine/engine";
import { Query } from "./query";

/**
 * Hand-written SQL with `{}` placeholders, each bound as a parameter:
 * `Band.raw("SELECT * FROM band WHERE name = {}", "Pythonistas")`. Rows come back as objects.
 */
export class RawQuery<TRow = Record<string, unknown>> extends Query<TRow[]> {
  constructor(
    private readonly engine: () => Engine,
    private readonly sql: string,
    private readonly params: readonly unknown[],
  ) {
    super();
  }

  toSQL(): CompiledQuery {
    return this.engine().dialect.compiler.compile({ kind: "raw", sql: this.sql, params: this.params });
  }

  protected async execute(): Promise<TRow[]> {
    return (await this.engine().query(this.toSQL(), "objects")).rows as TRow[];
  }
}
