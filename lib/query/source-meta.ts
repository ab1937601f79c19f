// The table-like metadata of a derived table or a CTE, so that a select, its joins and its
// expressions treat it as they treat a stored table.
import type { CteNode, QueryNode, TableNode } from "../sql/ast/nodes";
import type { Engine } from "../engine/engine";
import { cteNameClash } from "../errors/factories";
import { TableMeta } from "../table/metadata";

/** A derived table (`FROM (query) AS name`) or a CTE (`WITH name AS (query)`) as a query's table. */
export class SourceMeta extends TableMeta {
  /** The CTE this source reads, for the WITH clause of the queries that read it; undefined for a derived table. */
  cte: CteNode | undefined = undefined;

  constructor(
    name: string,
    /** The table of the source's query: its engine runs the queries that read the source. */
    private readonly inner: TableMeta,
    /** A derived table's query, rendered in FROM and JOIN position; undefined for a CTE. */
    query: QueryNode | undefined,
  ) {
    super(SourceMeta, name, name, undefined, undefined, []);
    // A derived table's node carries its query: FROM and JOIN render `(query) AS "name"`.
    const node: TableNode = query === undefined ? { kind: "table", name } : { kind: "table", name, query };
    (this as { node: TableNode }).node = node;
  }

  override get engine(): Engine {
    return this.inner.engine;
  }
}

/** The CTEs of the tables a select reads (its own and the joined ones), in order. */
export function ctesOf(tables: readonly TableMeta[]): CteNode[] | undefined {
  const ctes: CteNode[] = [];
  for (const meta of tables) {
    if (!(meta instanceof SourceMeta) || meta.cte === undefined) continue;
    if (ctes.some((c) => c.name === meta.cte!.name)) throw cteNameClash(meta.cte.name);
    ctes.push(meta.cte);
  }
  return ctes.length === 0 ? undefined : ctes;
}
