import type { ColumnType } from "../columns/column-type";
import { setTableResolver } from "../columns/foreign-key";
import type { Engine } from "../engine/engine";
import { resolveEngine } from "../engine/engine-binding";
import { columnNotFound, compositeKeyUnsupported, noEngine, notATable } from "../errors/factories";
import type { TableNode } from "../sql/ast/nodes";
import { globalStore } from "../utils/global-store";
import type { M2MRelation } from "./m2m";

/** One column as the decorators recorded it. */
export interface ColumnMeta {
  /** The property name on instances. */
  readonly property: string;
  /** The column's name in the database. */
  readonly dbName: string;
  readonly type: ColumnType<unknown>;
  readonly primaryKey: boolean;
}

/** Everything known about one table class; built once by @table(). */
export class TableMeta {
  readonly byProperty: ReadonlyMap<string, ColumnMeta>;
  /** The primary key's columns in declaration order: one, or several for a composite key. */
  readonly primaryKeys: readonly ColumnMeta[];
  readonly node: TableNode;
  /** Per-table caches of the query layer (column accessor, instance mappers). */
  readonly cache = new Map<string, unknown>();

  constructor(
    /** The class users hold (the decorated one). */
    readonly cls: abstract new (...args: never[]) => unknown,
    readonly className: string,
    readonly tableName: string,
    readonly schema: string | undefined,
    private readonly db: Engine | undefined,
    readonly columns: readonly ColumnMeta[],
    /** M2M fields: never columns, resolved through their join tables. */
    readonly m2m: readonly M2MRelation[] = [],
  ) {
    this.byProperty = new Map(columns.map((c) => [c.property, c]));
    this.primaryKeys = columns.filter((c) => c.primaryKey);
    this.node = { kind: "table", name: tableName, schema };
  }

  /** The single-column primary key; a clear error on a table with a composite key (use primaryKeys). */
  get primaryKey(): ColumnMeta {
    if (this.primaryKeys.length !== 1)
      throw compositeKeyUnsupported(
        this.className,
        this.primaryKeys.map((k) => k.property),
        "This operation",
      );
    return this.primaryKeys[0]!;
  }

  /** The engine queries on this table run on. */
  get engine(): Engine {
    const engine = resolveEngine(this.cls, this.db);
    if (engine === undefined) throw noEngine(this.className);
    return engine;
  }

  /** The engine given to `@table({ db })`, if any (the engine queries run on may be bound later). */
  get declaredEngine(): Engine | undefined {
    return this.db;
  }

  /** The column with this property name, or a clear error. */
  column(property: string): ColumnMeta {
    const column = this.byProperty.get(property);
    if (column === undefined) throw columnNotFound(this.tableName, property, this.byProperty.keys());
    return column;
  }
}

// Global, so that a table declared with one installed copy of piccolo-orm is a table to another too.
const registry = globalStore("tables.v1", () => new WeakMap<object, TableMeta>());

/** Records a table's metadata under each class that stands for it. */
export function registerTable(meta: TableMeta, ...classes: object[]): void {
  for (const cls of classes) registry.set(cls, meta);
}

/** The metadata of a decorated table class, or a clear error if it was never decorated. */
export function tableMetaOf(cls: object): TableMeta {
  const meta = registry.get(cls);
  if (meta === undefined) throw notATable((cls as { name?: string }).name ?? String(cls));
  return meta;
}

// Foreign keys (lib/columns) resolve their target tables through this registry.
setTableResolver(tableMetaOf);

/** The metadata, or undefined for a class that is not a table. */
export function findTableMeta(cls: object): TableMeta | undefined {
  return registry.get(cls);
}
