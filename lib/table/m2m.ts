import { ForeignKeyType } from "../columns/foreign-key";
import { m2mAmbiguousForeignKey, m2mBadKeyOption, m2mMissingForeignKey } from "../errors/factories";
import { tableMetaOf, type ColumnMeta, type TableMeta } from "./metadata";

/** Options of @m2m(), needed only when the join table has several foreign keys that fit. */
export interface M2MOptions {
  /** The join table's foreign key (property name) that points at the declaring table. */
  sourceKey?: string;
  /** The join table's foreign key (property name) that points at the other table. */
  targetKey?: string;
}

/** The join table and its two foreign keys, resolved on first use. */
export interface M2MResolved {
  readonly source: TableMeta;
  readonly join: TableMeta;
  /** The join table's key pointing at the declaring table. */
  readonly sourceKey: ColumnMeta;
  readonly sourceFk: ForeignKeyType;
  /** The join table's key pointing at the other table. */
  readonly targetKey: ColumnMeta;
  readonly targetFk: ForeignKeyType;
  readonly target: TableMeta;
}

/**
 * An M2M field of a table, as `@m2m(() => GenreToBand)` declared it. It is never a column: the
 * relation lives in the join table, whose foreign keys are found lazily (tables may be declared
 * in any order), as Piccolo does: the key to the declaring table, and the other one.
 */
export class M2MRelation {
  private cached: M2MResolved | undefined = undefined;

  constructor(
    private readonly sourceMeta: () => TableMeta,
    /** The property name of the field. */
    readonly property: string,
    private readonly joinTable: () => abstract new (...args: never[]) => unknown,
    private readonly options: M2MOptions,
  ) {}

  /** `Band.genres`, for error messages. */
  get label(): string {
    return `${this.sourceMeta().className}.${this.property}`;
  }

  /** The join table, its keys and the other table; a clear error when a key is missing or ambiguous. */
  get resolved(): M2MResolved {
    return (this.cached ??= this.resolve());
  }

  private resolve(): M2MResolved {
    const source = this.sourceMeta();
    const join = tableMetaOf(this.joinTable());
    const keys = join.columns.filter((c) => c.type instanceof ForeignKeyType);
    const sourceKey = this.pick(
      join,
      "sourceKey",
      keys.filter((c) => (c.type as ForeignKeyType).target === source),
      source.className,
    );
    const others = keys.filter((c) => c !== sourceKey);
    // A key to a third table beats a second key to the declaring one; a self relation must name its keys.
    const preferred = others.filter((c) => (c.type as ForeignKeyType).target !== source);
    const targetKey = this.pick(join, "targetKey", preferred.length > 0 ? preferred : others, undefined, others);
    const sourceFk = sourceKey.type as ForeignKeyType;
    const targetFk = targetKey.type as ForeignKeyType;
    return { source, join, sourceKey, sourceFk, targetKey, targetFk, target: targetFk.target };
  }

  private pick(
    join: TableMeta,
    option: "sourceKey" | "targetKey",
    candidates: ColumnMeta[],
    table: string | undefined,
    allowed = candidates,
  ): ColumnMeta {
    const named = this.options[option];
    if (named !== undefined) {
      const column = join.column(named);
      if (!allowed.includes(column))
        throw m2mBadKeyOption(this.label, join.className, option, named, table ?? "another table");
      return column;
    }
    if (candidates.length === 0) throw m2mMissingForeignKey(this.label, join.className, table);
    if (candidates.length > 1)
      throw m2mAmbiguousForeignKey(
        this.label,
        join.className,
        candidates.map((c) => c.property),
        option,
      );
    return candidates[0]!;
  }
}
