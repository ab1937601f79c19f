import type { ColumnRef } from "../query/column-ref";
import type { Scalar } from "../query/scalar";
import type { Expression } from "../query/expression";
import type { SecretBrand } from "../columns/secret";

declare const refBrand: unique symbol;

/**
 * A foreign-key field's type: the referenced row's key (`number` by default), branded with the
 * referenced table so that `Band.c.manager.name` is typed. `manager!: Ref<Manager> | null`.
 */
export type Ref<T, V = number> = V & { readonly [refBrand]?: T };

/** The property names of T that are columns (every non-method property). */
export type ColumnKeys<T> = { [K in keyof T]-?: T[K] extends (...args: never[]) => unknown ? never : K }[keyof T] & string;

/** A row of T as plain data. */
export type Values<T> = { [K in ColumnKeys<T>]: T[K] };

type IsAny<F> = 0 extends 1 & F ? true : false;
type IsSecret<F> = IsAny<F> extends true ? false : SecretBrand extends keyof NonNullable<F> ? true : false;

/** A row of T as `select()` returns it: every column but the `Secret<…>` ones. */
export type VisibleValues<T> = { [K in ColumnKeys<T> as IsSecret<T[K]> extends true ? never : K]: T[K] };

/** What `new Band({...})` and `insert()` accept: any subset of the columns, nothing else. */
export type Insertable<T> = { [K in ColumnKeys<T>]?: T[K] };

/** What `update()` accepts: values or expressions such as `Band.c.popularity.plus(1)`. */
export type Updatable<T> = { [K in ColumnKeys<T>]?: T[K] | Expression<T[K], T> | Expression<NonNullable<T[K]>, T> };

type IsRef<F> = typeof refBrand extends keyof NonNullable<F> ? true : false;
type RefTarget<F> = NonNullable<F> extends Ref<infer R, unknown> ? R : never;
type NullIfNullable<F> = null extends F ? null : never;

/**
 * The column accessor of T (`Band.c`): a ColumnRef per column, and for foreign keys the referenced
 * table's columns too, keyed by their dotted path. `N` is null once a nullable key was traversed.
 */
export type Columns<T, P extends string = "", N = never, Root = T> = {
  readonly [K in ColumnKeys<T>]-?: IsRef<T[K]> extends true
    ? ForeignKeyRef<T[K] | N, `${P}${K}`, RefTarget<T[K]>, N | NullIfNullable<T[K]>, Root>
    : ColumnRef<T[K] | N, `${P}${K}`, Root>;
};

/** A foreign key's ColumnRef, through which the referenced table's columns are reached. */
export type ForeignKeyRef<V, K extends string, R, N, Root = unknown> = ColumnRef<V, K, Root> &
  Columns<R, `${K}.`, N, Root> & {
    readonly $target: R | undefined;
    /** Every column of the referenced table, for `select(...Band.c.manager.allColumns())`. */
    allColumns(): Columns<R, `${K}.`, N, Root>[ColumnKeys<R>][];
  };

/** Anything that can be selected from a query on T: columns, functions, aggregates. */
export type Selectable<T = any> = Scalar<unknown, string, T>;

/** The row type of a selection: each item's `$key` mapped to its value type. */
export type RowOf<S extends readonly Selectable[]> = { [C in S[number] as C["$key"]]: C["$type"] };

/** The key columns `insert()` returns when no `returning()` is given. */
export type PrimaryKeyRow<T> = "id" extends keyof T ? { id: T["id" & keyof T] } : Record<string, unknown>;
