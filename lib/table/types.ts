import type { ColumnRef, ColumnRefMembers } from "../query/column-ref";
import type { Scalar, ScalarMembers } from "../query/scalar";
import type { Expression } from "../query/expression";
import type { ColumnType } from "../columns/column-type";
import type { SecretBrand } from "../columns/secret";
import type { M2MRelation } from "./m2m";
import type { M2MArrayOptions } from "../query/m2m-select";

declare const refBrand: unique symbol;
declare const m2mBrand: unique symbol;
declare const transientBrand: unique symbol;

/**
 * A foreign-key field's type: the referenced row's key (`number` by default), branded with the
 * referenced table so that `Band.c.manager.name` is typed. `manager!: Ref<Manager> | null`.
 */
export type Ref<TTable, TValue = number> = TValue & { readonly [refBrand]?: TTable };

/**
 * An M2M field's type: not a column but a marker naming the other table T (and, optionally, the
 * join table J, which types `extraColumnValues`): `@m2m(() => GenreToBand) genres!: M2M<Genre, GenreToBand>`.
 * The field itself always holds undefined; its handle is `Band.m2m.genres`.
 */
export type M2M<TTable, TJoinTable = unknown> = { readonly [m2mBrand]: readonly [TTable, TJoinTable] } | undefined;

/**
 * A field or accessor of a table class that is not a column: `selected!: Transient<boolean>`,
 * `get label(): Transient<string>` with a setter. Decorators cannot change a type, so a field
 * without `@column` looks like a column to TypeScript; this marker keeps it out of `Band.c`,
 * `select()` rows and `insert()`/`update()` values (getters without a setter are left out anyway).
 */
export type Transient<TValue> =
  (NonNullable<TValue> & { readonly [transientBrand]?: true }) | Extract<TValue, null | undefined>;

type IsTransient<TField> =
  IsAny<TField> extends true
    ? false
    : [NonNullable<TField>] extends [never]
      ? false
      : typeof transientBrand extends keyof NonNullable<TField>
        ? true
        : false;

type IsM2M<TField> =
  IsAny<TField> extends true
    ? false
    : [NonNullable<TField>] extends [{ readonly [m2mBrand]: readonly [unknown, unknown] }]
      ? true
      : false;

/**
 * The property names of T that are columns: every non-method, writable property but M2M and
 * `Transient<…>` fields (a getter without a setter is readonly).
 */
export type ColumnKeys<TTable> = WritableKeys<TTable, FieldKeys<TTable>> & string;

/** The property names of T that are neither methods, M2M nor `Transient<…>` fields. */
type FieldKeys<TTable> = {
  [K in keyof TTable]-?: TTable[K] extends (...args: never[]) => unknown
    ? never
    : IsM2M<TTable[K]> extends true
      ? never
      : IsTransient<TTable[K]> extends true
        ? never
        : K;
}[keyof TTable];

/**
 * The keys K of T that are not readonly. One comparison for the whole table first: tables rarely
 * have a readonly field, and probing each key alone cost a tenth of a schema's type-checking.
 */
type WritableKeys<TTable, TKeys extends keyof TTable> =
  AllWritable<TTable, TKeys> extends true
    ? TKeys
    : { [K in TKeys]-?: IsReadonly<TTable, K> extends true ? never : K }[TKeys];

/** True when none of T's properties K is readonly (a mapped type over K keeps T's modifiers). */
type AllWritable<TTable, TKeys extends keyof TTable> =
  (<TProbe>() => TProbe extends { [P in TKeys]: TTable[P] } ? 1 : 2) extends <TProbe>() => TProbe extends {
    -readonly [P in TKeys]: TTable[P];
  }
    ? 1
    : 2
    ? true
    : false;

/** True when T's property K is readonly (a getter without a setter, or a `readonly` field). */
type IsReadonly<TTable, TKey extends keyof TTable> =
  (<TProbe>() => TProbe extends { [P in TKey]: TTable[TKey] } ? 1 : 2) extends <TProbe>() => TProbe extends {
    readonly [P in TKey]: TTable[TKey];
  }
    ? 1
    : 2
    ? true
    : false;

/** The property names of T that are M2M fields. */
export type M2MKeys<TTable> = { [K in keyof TTable]-?: IsM2M<TTable[K]> extends true ? K : never }[keyof TTable] &
  string;

type M2MParts<TField> =
  NonNullable<TField> extends { readonly [m2mBrand]: readonly [infer R, infer J] } ? [R, J] : [never, never];

/**
 * The handle of an M2M field (`Band.m2m.genres`), for `addM2M`/`getM2M`/`removeM2M`; called with a
 * column of the other table it selects that column's values per row as an array:
 * `Band.select(Band.c.name, Band.m2m.genres(Genre.c.name))` → `{ name: string; genres: string[] }[]`;
 * with several columns, objects: `Band.m2m.genres(Genre.c.name, Genre.c.mainstream, { orderBy: Genre.c.name.desc() })`.
 */
export interface M2MRef<Source, Target, Join = unknown, TKey extends string = string> {
  <TValue>(
    column: ScalarMembers<TValue, string, Target>,
    options?: M2MArrayOptions<Target>,
  ): Scalar<TValue[], TKey, Source>;
  /** Several columns: an array of objects keyed by the columns' keys, `{ name: string; mainstream: boolean }[]`. */
  <TSelection extends [Selectable<Target>, Selectable<Target>, ...Selectable<Target>[]]>(
    ...columns: TSelection
  ): Scalar<RowOf<TSelection>[], TKey, Source>;
  <TSelection extends [Selectable<Target>, Selectable<Target>, ...Selectable<Target>[]]>(
    ...args: [...TSelection, M2MArrayOptions<Target>]
  ): Scalar<RowOf<TSelection>[], TKey, Source>;
  /** The relation behind the handle. */
  readonly $m2m: M2MRelation;
  /** Phantom: the two tables and the join table, matched exactly. */
  readonly $m2mTypes?: (tables: [Source, Target, Join]) => [Source, Target, Join];
}

/** The M2M handles of T (`Band.m2m`). */
export type M2MAccessor<TTable> = {
  readonly [K in M2MKeys<TTable>]-?: M2MRef<TTable, M2MParts<TTable[K]>[0], M2MParts<TTable[K]>[1], K>;
};

/**
 * What `addM2M` takes per row: an instance of the other table, or an object of its columns for a
 * new row (never another table's instance).
 */
export type M2MRow<TRelated> = TRelated | (Insertable<TRelated> & { readonly save?: never });

/** What `addM2M`'s `extraColumnValues` accepts: the join table's columns when `M2M<T, J>` names it. */
export type JoinValues<TJoinTable> = unknown extends TJoinTable ? Record<string, unknown> : Insertable<TJoinTable>;

/** A row of T as plain data. */
export type Values<TTable> = { [K in ColumnKeys<TTable>]: TTable[K] };

type IsAny<TField> = 0 extends 1 & TField ? true : false;
type IsSecret<TField> =
  IsAny<TField> extends true ? false : SecretBrand extends keyof NonNullable<TField> ? true : false;

/** Why `@column(...)` does not fit the field it decorates; shown in the compiler's message. */
export interface ColumnFieldMismatch<Problem extends string> {
  readonly "@column does not fit this field": Problem;
}

type NullProblem<TField, Null extends boolean> = unknown extends TField
  ? never
  : boolean extends Null
    ? never
    : Null extends true
      ? null extends TField
        ? never
        : "the column accepts NULL ({ null: true }, or a ForeignKey without { null: false }): add `| null` to the field's type"
      : null extends TField
        ? "the column is NOT NULL: remove `| null` from the field's type, or declare the column with { null: true }"
        : never;

type Same<TFirst, TSecond> = [TFirst] extends [TSecond] ? ([TSecond] extends [TFirst] ? true : false) : false;

type RefProblem<TField, TValue> =
  IsRef<TField> extends false
    ? "a foreign key's field is typed Ref<Target> (Ref<Target, string> when the target's key is a string)"
    : Same<RefTarget<TField>, RefTarget<TValue>> extends false
      ? "the field's Ref<> names another table than the ForeignKey"
      : [TField] extends [TValue]
        ? never
        : "the field's key type is not the target's key type (Ref<Target, string> for a UUID or text key)";

type ValueProblem<TField, TValue> =
  IsRef<TValue> extends true
    ? RefProblem<TField, TValue>
    : IsSecret<TValue> extends IsSecret<TField>
      ? [TField] extends [TValue]
        ? never
        : "the field's type is not the column's value type"
      : IsSecret<TValue> extends true
        ? "a secret column's field is typed Secret<...>"
        : "the field is typed Secret<...> but the column is not secret ({ secret: true })";

/**
 * What `@column(type)` requires of the field's type F, for a column of value type V that accepts
 * NULL when `Null`: `unknown` when it fits, else a `ColumnFieldMismatch` naming the problem.
 */
export type FieldCheck<TField, TValue, Null extends boolean> =
  IsAny<TField> extends true
    ? unknown
    : IsTransient<TField> extends true
      ? ColumnFieldMismatch<"a Transient<...> field is not a column: remove @column, or the Transient<...>">
      : [NullProblem<TField, Null> | ValueProblem<NonNullable<TField>, NonNullable<TValue>>] extends [never]
        ? unknown
        : ColumnFieldMismatch<NullProblem<TField, Null> | ValueProblem<NonNullable<TField>, NonNullable<TValue>>>;

/** A row of T as `select()` returns it: every column but the `Secret<…>` ones. */
export type VisibleValues<TTable> = Plain<VisibleColumns<TTable>>;

/** The visible columns of T as a mapped type (what `toDict()` returns). */
export type VisibleColumns<TTable> = {
  [K in ColumnKeys<TTable> as IsSecret<TTable[K]> extends true ? never : K]: TTable[K];
};

/** What `new Band({...})` and `insert()` accept: any subset of the columns, nothing else. */
export type Insertable<TTable> = { [K in ColumnKeys<TTable>]?: TTable[K] };

/** An expression usable as a row's value: anything but an aggregate (`Count()`, `Sum(...)`) or a joined column. */
type RowExpression<TValue, TTable> = Expression<TValue, TTable> & {
  readonly $aggregate?: never;
  readonly $joined?: never;
};

/** What `update()` accepts: values or expressions such as `Band.c.popularity.plus(1)`. */
export type Updatable<TTable> = {
  [K in ColumnKeys<TTable>]?:
    TTable[K] | RowExpression<TTable[K], TTable> | RowExpression<NonNullable<TTable[K]>, TTable>;
};

/** `update(values)`'s check that values names at least one column. */
export type NonEmpty<TValues> = [keyof TValues] extends [never]
  ? { readonly "update() needs at least one column": never }
  : unknown;

/** Non-null foreign keys: the database rejects a row without them (they have no default). */
type RequiredKeys<TTable> = {
  [K in ColumnKeys<TTable>]-?: IsRef<TTable[K]> extends true ? (null extends TTable[K] ? never : K) : never;
}[ColumnKeys<TTable>];

/**
 * What `insert()` accepts per row: an instance of the table, or an object of its column values
 * that names every non-null foreign key; another table's instance is refused by its `save()`.
 */
export type InsertRow<TTable> = { [K in RequiredKeys<TTable>]: TTable[K] } & {
  [K in Exclude<ColumnKeys<TTable>, RequiredKeys<TTable>>]?: TTable[K];
} & { readonly save?: TTable[Extract<"save", keyof TTable>] };

type IsRef<TField> = typeof refBrand extends keyof NonNullable<TField> ? true : false;
type RefTarget<TField> = NonNullable<TField> extends Ref<infer R, unknown> ? R : never;
type NullIfNullable<TField> = null extends TField ? null : never;

/**
 * The column accessor of T (`Band.c`): a ColumnRef per column, and for foreign keys the referenced
 * table's columns too, keyed by their dotted path. `N` is null once a nullable key was traversed.
 */
export type Columns<TTable, TPrefix extends string = "", TNullable = never, Root = TTable> = {
  readonly [K in ColumnKeys<TTable>]-?: (IsRef<TTable[K]> extends true
    ? ForeignKeyRef<
        TTable[K] | TNullable,
        `${TPrefix}${K}`,
        RefTarget<TTable[K]>,
        TNullable | NullIfNullable<TTable[K]>,
        Root
      >
    : ColumnRef<TTable[K] | TNullable, `${TPrefix}${K}`, Root>) &
    JoinMark<TPrefix>;
};

/** Marks the columns reached through a foreign key (`Band.c.manager.name`), which writes cannot use. */
type JoinMark<TPrefix extends string> = TPrefix extends "" ? unknown : { readonly $joined: true };

/** A column of T itself, not one reached through a foreign key: what `returning()` and writes take. */
export type OwnColumn<TTable> = ColumnRefMembers<unknown, string, TTable> & { readonly $joined?: never };

/** A foreign key's ColumnRef, through which the referenced table's columns are reached. */
export type ForeignKeyRef<TValue, TKey extends string, TTarget, TNullable, Root = unknown> = ColumnRef<
  TValue,
  TKey,
  Root
> &
  Columns<TTarget, `${TKey}.`, TNullable, Root> &
  RelatedTableMembers<TTarget, TKey, TNullable, Root>;

/** What a foreign key's ref adds for its referenced table (an interface, so declarations name it). */
export interface RelatedTableMembers<TTarget, TKey extends string, TNullable, Root> {
  readonly $target: TTarget | undefined;
  /**
   * Every column of the referenced table (but the excluded ones), for `select(...Band.c.manager.allColumns())`.
   * @example
   * Band.select(Band.c.name, ...Band.c.manager.allColumns("id"))
   * // postgres: SELECT "band"."name", "band$manager"."name" AS "manager.name" FROM "band" LEFT JOIN "manager" AS
   * //           "band$manager" ON "band$manager"."id" = "band"."manager"
   * // sqlite:   SELECT "band"."name", "band$manager"."name" AS "manager.name" FROM "band" LEFT JOIN "manager" AS
   * //           "band$manager" ON "band$manager"."id" = "band"."manager"
   */
  allColumns<TExcluded extends ColumnKeys<TTarget> = never>(
    ...exclude: TExcluded[]
  ): Columns<TTarget, `${TKey}.`, TNullable, Root>[Exclude<ColumnKeys<TTarget>, TExcluded>][];
  /**
   * The referenced table's own foreign keys (but the excluded ones), as paths from here: Piccolo's
   * `all_related()`, to load every related row with `objects().prefetch(...Ticket.c.concert.allRelated())`.
   * @example
   * Ticket.objects().prefetch(...Ticket.c.concert.allRelated())
   * // postgres: SELECT "ticket"."id", "ticket"."concert", "ticket"."price" FROM "ticket"
   * // sqlite:   SELECT "ticket"."id", "ticket"."concert", CAST("ticket"."price" AS TEXT) AS "price" FROM "ticket"
   */
  allRelated<TExcluded extends RefKeys<TTarget> = never>(
    ...exclude: TExcluded[]
  ): Columns<TTarget, `${TKey}.`, TNullable, Root>[Exclude<RefKeys<TTarget>, TExcluded>][];
}

/** The keys of T's foreign-key columns. */
export type RefKeys<TTable> = {
  [K in ColumnKeys<TTable>]-?: IsRef<TTable[K]> extends true ? K : never;
}[ColumnKeys<TTable>];

/**
 * Anything that can be selected from a query on T: columns, functions, aggregates — an expression of T
 * with an output key. Checked by those members alone, not a Scalar's every operator: comparing each
 * selected column with all of them cost a third of a schema's type-checking (`npm run bench:types`).
 */
export type Selectable<TTable> = Expression<unknown, TTable> & SelectedScalar;

/** What a selected item has besides its table: its output key and its column type. */
export interface SelectedScalar {
  readonly $key: string;
  readonly $valueType: ColumnType<unknown>;
}

/** What a row type needs of a selected item, whatever its table: its output key and value type. */
export interface SelectedItem {
  readonly $key: string;
  readonly $type: unknown;
}

/** The row type of a selection: each item's `$key` mapped to its value type (shown on hover as a plain object type). */
export type RowOf<TSelection extends readonly SelectedItem[]> = Plain<{
  [C in TSelection[number] as C["$key"]]: C["$type"];
}>;

/** The first output key that two items of a selection share; never when the keys differ (or are not literal). */
export type DuplicateKey<TKeys extends readonly unknown[], Seen = never> = TKeys extends readonly [
  infer Head,
  ...infer Rest,
]
  ? Head extends { readonly $key: infer K }
    ? string extends K
      ? DuplicateKey<Rest, Seen>
      : [K] extends [Seen]
        ? K
        : DuplicateKey<Rest, Seen | K>
    : DuplicateKey<Rest, Seen>
  : never;

/** `select(...)`'s check that no two items share an output key (a second one would be dropped). */
export type UniqueKeys<TKeys extends readonly unknown[]> = [DuplicateKey<TKeys>] extends [never]
  ? unknown
  : { readonly "two selected items share this output key (rename one with .as())": DuplicateKey<TKeys> };

/** The same object type, shown by editors as its properties rather than the name of the type that built it. */
export type Plain<TTable> = { [K in keyof TTable]: TTable[K] } & {};

/**
 * What `Table<T, Key>()` says of the primary key: the default id's type (number or bigint), the name of
 * the key's property (or the names of a composite key's), or null for a key the types do not know.
 */
export type TableKey = number | bigint | null | string | readonly string[];

/** The key columns `insert()` returns when no `returning()` is given. */
export type PrimaryKeyRow<TTable, Key extends TableKey = number> = Key extends string | readonly string[]
  ? [Exclude<KeyNames<Key>, ColumnKeys<TTable>>] extends [never]
    ? Plain<{ [K in KeyNames<Key> & ColumnKeys<TTable>]: TTable[K] }>
    : { readonly "Table<T, key>() names a property that is no column": Exclude<KeyNames<Key>, ColumnKeys<TTable>> }
  : "id" extends keyof TTable
    ? { id: TTable["id" & keyof TTable] }
    : Record<string, unknown>;

type KeyNames<Key> = Key extends readonly string[] ? Key[number] : Key;
