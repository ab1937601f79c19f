import type { DataType } from "../sql/ast/data-type";
import type { ReferentialAction } from "../sql/ast/nodes";
import type { TableMeta } from "../table/metadata";
import type { Ref } from "../table/types";
import { foreignKeyToCompositeKey, notATable } from "../errors/factories";
import { ColumnType, InvalidValue, checkOptions, commonOptionNames, type ColumnOptions } from "./column-type";

/** Options of a foreign key, on top of the common ones. */
export interface ForeignKeyOptions extends ColumnOptions<unknown> {
  /** What happens to this row when the referenced row is deleted (default "cascade", as in Piccolo). */
  onDelete?: ReferentialAction;
  /** What happens to this row when the referenced key changes (default "cascade"). */
  onUpdate?: ReferentialAction;
  /** The referenced column's property name, when it is not the primary key. */
  targetColumn?: string;
}

/** Finds a table class's metadata: the table layer's registry, which this column layer does not import. */
export type TableResolver = (cls: object) => TableMeta;

// Until lib/table/metadata.ts installs the registry's look-up, no class is a table.
let resolveTable: TableResolver = (cls) => {
  throw notATable((cls as { name?: string }).name ?? String(cls));
};

/** Installs how foreign keys find the tables they reference; lib/table/metadata.ts calls it once. */
export function setTableResolver(resolver: TableResolver): void {
  resolveTable = resolver;
}

const actions: readonly ReferentialAction[] = ["cascade", "restrict", "no action", "set null", "set default"];

/**
 * A foreign key's column type: it stores the referenced row's key and knows its table lazily.
 * `Value` is the field type it fits (`Ref<Manager>`), `Null` whether it accepts NULL.
 */
export class ForeignKeyType<Value = unknown, Null extends boolean = boolean> extends ColumnType<Value, Null> {
  constructor(
    /** A thunk, so that tables can reference each other (or themselves) before they are defined. */
    readonly references: () => abstract new (...args: never[]) => unknown,
    readonly fkOptions: ForeignKeyOptions,
  ) {
    super(
      "foreignKey",
      { null: !fkOptions.primaryKey, ...fkOptions } as ColumnOptions<Value>,
      (v) => this.coerceTarget(v) as Value,
      () => null,
    );
  }

  /** The referenced table's metadata (resolved on first use). */
  get target(): TableMeta {
    return resolveTable(this.references());
  }

  /** The referenced column: the target's primary key unless `targetColumn` says otherwise. */
  get targetColumn() {
    const target = this.target;
    const name = this.fkOptions.targetColumn;
    if (name !== undefined) return target.column(name);
    const keys = target.primaryKeys;
    if (keys.length > 1)
      throw foreignKeyToCompositeKey(
        target.className,
        keys.map((k) => k.property),
      );
    return keys[0]!;
  }

  /** The target column's type (a serial's as a plain integer), naming the target. */
  protected override describeDataType(): DataType {
    const column = this.targetColumn;
    const target = column.type.dataType;
    const kind = target.kind === "serial" ? "integer" : target.kind === "bigserial" ? "bigint" : target.kind;
    return {
      ...target,
      kind,
      references: { table: this.target.tableName, schema: this.target.schema, column: column.dbName },
    };
  }

  get onDelete(): ReferentialAction {
    return this.fkOptions.onDelete ?? "cascade";
  }

  get onUpdate(): ReferentialAction {
    return this.fkOptions.onUpdate ?? "cascade";
  }

  private coerceTarget(value: unknown): unknown {
    const type = this.targetColumn.type;
    const result = type.coerce(value);
    return result instanceof InvalidValue
      ? new InvalidValue(`a key of ${this.target.tableName} (${result.expected})`, result.rule)
      : result;
  }
}

/** The key type a foreign key to T stores: its `targetColumn`'s, else its `id`'s (unknown for other keys). */
export type TargetKey<TTable, Column extends keyof TTable> = [Column] extends [never]
  ? "id" extends keyof TTable
    ? NonNullable<TTable["id" & keyof TTable]>
    : unknown
  : NonNullable<TTable[Column]>;

/**
 * A reference to another table's row: `@column(ForeignKey(() => Manager)) manager!: Ref<Manager> | null`.
 * Nullable by default, as in Piccolo (not when it is part of the primary key); `onDelete`/`onUpdate` default to cascade.
 */
export function ForeignKey<
  Target,
  Column extends keyof Target & string = never,
  TNullable extends boolean = never,
  TPrimaryKey extends boolean = false,
>(
  references: () => abstract new (...args: never[]) => Target,
  options?: ForeignKeyOptions & { targetColumn?: Column; null?: TNullable; primaryKey?: TPrimaryKey },
): ForeignKeyType<
  Ref<NoInfer<Target>, TargetKey<NoInfer<Target>, NoInfer<Column>>>,
  [NoInfer<TNullable>] extends [never] ? (NoInfer<TPrimaryKey> extends true ? false : true) : NoInfer<TNullable>
>;
export function ForeignKey(
  references: () => abstract new (...args: never[]) => unknown,
  options: ForeignKeyOptions = {},
): ForeignKeyType {
  checkOptions("ForeignKey", options, [...commonOptionNames, "onDelete", "onUpdate", "targetColumn"]);
  for (const key of ["onDelete", "onUpdate"] as const) {
    const action = options[key];
    if (action !== undefined && !actions.includes(action)) {
      checkOptions(`ForeignKey ${key}`, { [action]: true }, actions);
    }
  }
  return new ForeignKeyType(references, options);
}
