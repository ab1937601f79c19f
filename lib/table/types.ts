import type { ColumnRef, ColumnRefMembers } from "../query/column-ref";
import type { Scalar, ScalarMembers } from "../query/scalar";
import type { Expression } from "../query/expression";
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
export type Ref<T, V = number> = V & { readonly [refBrand]?: T };

/**
 * An M2M field's type: not a column but a marker naming the other table T (and, optionally, the
 * join table J, which types `extraColumnValues`): `@m2m(() => GenreToBand) genres!: M2M<Genre, GenreToBand>`.
 * The field itself always holds undefined; its handle is `Band.m2m.genres`.
 */
export type M2M<T, J = unknown> = { readonly [m2mBrand]: readonly [T, J] } | undefined;

/**
 * A field or accessor of a table class that is not a column: `selected!: Transient<boolean>`,
 * `get label(): Transient<string>` with a setter. Decorators cannot change a type, so a field
 * without `@column` looks like a column to TypeScript; this marker keeps it out of `Band.c`,
 * `select()` rows and `insert()`/`update()` values (getters without a setter are left out anyway).
 */
export type Transient<V> = (NonNullable<V> & { readonly [transientBrand]?: true }) | Extract<V, null | undefined>;

type IsTransient<F> =
  IsAny<F> extends true
    ? false
    : [NonNullable<F>] extends [never]
      ? false
      : typeof transientBrand extends keyof NonNullable<F>
        ? true
        : false;

type IsM2M<F> =
  IsAny<F> extends true
    ? false
    : [NonNullable<F>] extends [{ readonly [m2mBrand]: readonly [unknown, unknown] }]
      ? true
      : false;

/**
 * The property names of T that are columns: every non-method, writable property but M2M and
 * `Transient<…>` fields (a getter without a setter is readonly).
 */
export type ColumnKeys<T> = {
  [K in keyof T]-?: T[K] extends (...args: never[]) => unknown
    ? never
    : IsM2M<T[K]> extends true
      ? never
      : IsTransient<T[K]> extends true
        ? never
        : IsReadonly<T, K> extends true
          ? never
          : K;
}[keyof T] &
  string;

/** True when T's property K is readonly (a getter without a setter, or a `readonly` field). */
type IsReadonly<T, K extends keyof T> =
  (<G>() => G extends { [P in K]: T[K] } ? 1 : 2) extends <G>() => G extends { readonly [P in K]: T[K] } ? 1 : 2
    ? true
    : false;

/** The property names of T that are M2M fields. */
export type M2MKeys<T> = { [K in keyof T]-?: IsM2M<T[K]> extends true ? K : never }[keyof T] & string;

type M2MParts<F> =
  NonNullable<F> extends { readonly [m2mBrand]: readonly [infer R, infer J] } ? [R, J] : [never, never];

/**
 * The handle of an M2M field (`Band.m2m.genres`), for `addM2M`/`getM2M`/`removeM2M`; called with a
 * column of the other table it selects that column's values per row as an array:
 * `Band.select(Band.c.name, Band.m2m.genres(Genre.c.name))` → `{ name: string; genres: string[] }[]`;
 * with several columns, objects: `Band.m2m.genres(Genre.c.name, Genre.c.mainstream, { orderBy: Genre.c.name.desc() })`.
 */
export interface M2MRef<Source, Target, Join = unknown, K extends string = string> {
  <V>(column: ScalarMembers<V, string, Target>, options?: M2MArrayOptions<Target>): Scalar<V[], K, Source>;
  /** Several columns: an array of objects keyed by the columns' keys, `{ name: string; mainstream: boolean }[]`. */
  <S extends [Selectable<Target>, Selectable<Target>, ...Selectable<Target>[]]>(
    ...columns: S
  ): Scalar<RowOf<S>[], K, Source>;
  <S extends [Selectable<Target>, Selectable<Target>, ...Selectable<Target>[]]>(
    ...args: [...S, M2MArrayOptions<Target>]
  ): Scalar<RowOf<S>[], K, Source>;
  /** The relation behind the handle. */
  readonly $m2m: M2MRelation;
  /** Phantom: the two tables and the join table, matched exactly. */
  readonly $m2mTypes?: (tables: [Source, Target, Join]) => [Source, Target, Join];
}

/** The M2M handles of T (`Band.m2m`). */
export type M2MAccessor<T> = { readonly [K in M2MKeys<T>]-?: M2MRef<T, M2MParts<T[K]>[0], M2MParts<T[K]>[1], K> };

/**
 * What `addM2M` takes per row: an instance of the other table, or an object of its columns for a
 * new row (never another table's instance).
 */
export type M2MRow<R> = R | (Insertable<R> & { readonly save?: never });

/** What `addM2M`'s `extraColumnValues` accepts: the join table's columns when `M2M<T, J>` names it. */
export type JoinValues<J> = unknown extends J ? Record<string, unknown> : Insertable<J>;

/** A row of T as plain data. */
export type Values<T> = { [K in ColumnKeys<T>]: T[K] };

type IsAny<F> = 0 extends 1 & F ? true : false;
type IsSecret<F> = IsAny<F> extends true ? false : SecretBrand extends keyof NonNullable<F> ? true : false;

/** Why `@column(...)` does not fit the field it decorates; shown in the compiler's message. */
export interface ColumnFieldMismatch<Problem extends string> {
  readonly "@column does not fit this field": Problem;
}

type NullProblem<F, Null extends boolean> = unknown extends F
  ? never
  : boolean extends Null
    ? never
    : Null extends true
      ? null extends F
        ? never
        : "the column accepts NULL ({ null: true }, or a ForeignKey without { null: false }): add `| null` to the field's type"
      : null extends F
        ? "the column is NOT NULL: remove `| null` from the field's type, or declare the column with { null: true }"
        : never;

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

type RefProblem<F, V> =
  IsRef<F> extends false
    ? "a foreign key's field is typed Ref<Target> (Ref<Target, string> when the target's key is a string)"
    : Same<RefTarget<F>, RefTarget<V>> extends false
      ? "the field's Ref<> names another table than the ForeignKey"
      : [F] extends [V]
        ? never
        : "the field's key type is not the target's key type (Ref<Target, string> for a UUID or text key)";

type ValueProblem<F, V> =
  IsRef<V> extends true
    ? RefProblem<F, V>
    : IsSecret<V> extends IsSecret<F>
      ? [F] extends [V]
        ? never
        : "the field's type is not the column's value type"
      : IsSecret<V> extends true
        ? "a secret column's field is typed Secret<...>"
        : "the field is typed Secret<...> but the column is not secret ({ secret: true })";

/**
 * What `@column(type)` requires of the field's type F, for a column of value type V that accepts
 * NULL when `Null`: `unknown` when it fits, else a `ColumnFieldMismatch` naming the problem.
 */
export type FieldCheck<F, V, Null extends boolean> =
  IsAny<F> extends true
    ? unknown
    : IsTransient<F> extends true
      ? ColumnFieldMismatch<"a Transient<...> field is not a column: remove @column, or the Transient<...>">
      : [NullProblem<F, Null> | ValueProblem<NonNullable<F>, NonNullable<V>>] extends [never]
        ? unknown
        : ColumnFieldMismatch<NullProblem<F, Null> | ValueProblem<NonNullable<F>, NonNullable<V>>>;

/** A row of T as `select()` returns it: every column but the `Secret<…>` ones. */
export type VisibleValues<T> = Plain<VisibleColumns<T>>;

/** The visible columns of T as a mapped type (what `toDict()` returns). */
export type VisibleColumns<T> = { [K in ColumnKeys<T> as IsSecret<T[K]> extends true ? never : K]: T[K] };

/** What `new Band({...})` and `insert()` accept: any subset of the columns, nothing else. */
export type Insertable<T> = { [K in ColumnKeys<T>]?: T[K] };

/** An expression usable as a row's value: anything but an aggregate (`Count()`, `Sum(...)`) or a joined column. */
type RowExpression<V, T> = Expression<V, T> & { readonly $aggregate?: never; readonly $joined?: never };

/** What `update()` accepts: values or expressions such as `Band.c.popularity.plus(1)`. */
export type Updatable<T> = {
  [K in ColumnKeys<T>]?: T[K] | RowExpression<T[K], T> | RowExpression<NonNullable<T[K]>, T>;
};

/** `update(values)`'s check that values names at least one column. */
export type NonEmpty<U> = [keyof U] extends [never]
  ? { readonly "update() needs at least one column": never }
  : unknown;

/** Non-null foreign keys: the database rejects a row without them (they have no default). */
type RequiredKeys<T> = {
  [K in ColumnKeys<T>]-?: IsRef<T[K]> extends true ? (null extends T[K] ? never : K) : never;
}[ColumnKeys<T>];

/**
 * What `insert()` accepts per row: an instance of the table, or an object of its column values
 * that names every non-null foreign key; another table's instance is refused by its `save()`.
 */
export type InsertRow<T> = { [K in RequiredKeys<T>]: T[K] } & {
  [K in Exclude<ColumnKeys<T>, RequiredKeys<T>>]?: T[K];
} & { readonly save?: T[Extract<"save", keyof T>] };

type IsRef<F> = typeof refBrand extends keyof NonNullable<F> ? true : false;
type RefTarget<F> = NonNullable<F> extends Ref<infer R, unknown> ? R : never;
type NullIfNullable<F> = null extends F ? null : never;

/**
 * The column accessor of T (`Band.c`): a ColumnRef per column, and for foreign keys the referenced
 * table's columns too, keyed by their dotted path. `N` is null once a nullable key was traversed.
 */
export type Columns<T, P extends string = "", N = never, Root = T> = {
  readonly [K in ColumnKeys<T>]-?: (IsRef<T[K]> extends true
    ? ForeignKeyRef<T[K] | N, `${P}${K}`, RefTarget<T[K]>, N | NullIfNullable<T[K]>, Root>
    : ColumnRef<T[K] | N, `${P}${K}`, Root>) &
    JoinMark<P>;
};

/** Marks the columns reached through a foreign key (`Band.c.manager.name`), which writes cannot use. */
type JoinMark<P extends string> = P extends "" ? unknown : { readonly $joined: true };

/** A column of T itself, not one reached through a foreign key: what `returning()` and writes take. */
export type OwnColumn<T> = ColumnRefMembers<unknown, string, T> & { readonly $joined?: never };

/** A foreign key's ColumnRef, through which the referenced table's columns are reached. */
export type ForeignKeyRef<V, K extends string, R, N, Root = unknown> = ColumnRef<V, K, Root> &
  Columns<R, `${K}.`, N, Root> & {
    readonly $target: R | undefined;
    /** Every column of the referenced table, for `select(...Band.c.manager.allColumns())`. */
    allColumns(): Columns<R, `${K}.`, N, Root>[ColumnKeys<R>][];
  };

/** Anything that can be selected from a query on T: columns, functions, aggregates. */
export type Selectable<T> = Scalar<unknown, string, T>;

/** What a row type needs of a selected item, whatever its table: its output key and value type. */
export interface SelectedItem {
  readonly $key: string;
  readonly $type: unknown;
}

/** The row type of a selection: each item's `$key` mapped to its value type (shown on hover as a plain object type). */
export type RowOf<S extends readonly SelectedItem[]> = Plain<{ [C in S[number] as C["$key"]]: C["$type"] }>;

/** The first output key that two items of a selection share; never when the keys differ (or are not literal). */
export type DuplicateKey<S extends readonly unknown[], Seen = never> = S extends readonly [infer Head, ...infer Rest]
  ? Head extends { readonly $key: infer K }
    ? string extends K
      ? DuplicateKey<Rest, Seen>
      : [K] extends [Seen]
        ? K
        : DuplicateKey<Rest, Seen | K>
    : DuplicateKey<Rest, Seen>
  : never;

/** `select(...)`'s check that no two items share an output key (a second one would be dropped). */
export type UniqueKeys<S extends readonly unknown[]> = [DuplicateKey<S>] extends [never]
  ? unknown
  : { readonly "two selected items share this output key (rename one with .as())": DuplicateKey<S> };

/** The same object type, shown by editors as its properties rather than the name of the type that built it. */
export type Plain<T> = { [K in keyof T]: T[K] } & {};

/**
 * What `Table<T, Key>()` says of the primary key: the default id's type (number or bigint), the name of
 * the key's property (or the names of a composite key's), or null for a key the types do not know.
 */
export type TableKey = number | bigint | null | string | readonly string[];

/** The key columns `insert()` returns when no `returning()` is given. */
export type PrimaryKeyRow<T, Key extends TableKey = number> = Key extends string | readonly string[]
  ? [Exclude<KeyNames<Key>, ColumnKeys<T>>] extends [never]
    ? Plain<{ [K in KeyNames<Key> & ColumnKeys<T>]: T[K] }>
    : { readonly "Table<T, key>() names a property that is no column": Exclude<KeyNames<Key>, ColumnKeys<T>> }
  : "id" extends keyof T
    ? { id: T["id" & keyof T] }
    : Record<string, unknown>;

type KeyNames<Key> = Key extends readonly string[] ? Key[number] : Key;
