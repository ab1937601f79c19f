import type { ColumnMeta, TableMeta } from "../table/metadata";
import type { ExpressionNode } from "../sql/ast/nodes";
import * as operators from "./column-operators";
import type { ArrowKey, ArrowTextKey, ContainsOperand, ElementOf, JsonPath } from "./column-operators";
import type { Condition, Expression, JoinStep } from "./expression";
import { ScalarExpression, type KindOperators, type Scalar, type ScalarBase } from "./scalar";

export type { Operand } from "./scalar";

/** A renamed joined column stays marked as joined (writes and `returning()` refuse it). */
type JoinedAs<This> = This extends { readonly $joined: true } ? { readonly $joined: true } : unknown;

/**
 * The implementation of every ColumnRef, with the array and JSON operators of every kind; its
 * public type is `ColumnRef`, which shows only those of the column's kind.
 */
export class ColumnRefExpression<TValue, TKey extends string = string, Root = any>
  extends ScalarExpression<TValue, TKey, Root>
  implements ArrayOperators<TValue, TKey, Root>, JsonOperators<TValue, TKey, Root>
{
  constructor(
    readonly $column: ColumnMeta,
    /** The table the column belongs to (the end of the path). */
    readonly $table: TableMeta,
    key: TKey,
    node: ExpressionNode,
    joins: readonly JoinStep[],
    root: TableMeta,
  ) {
    super(node, joins, root, key, $column.type);
  }

  /** The same column under another name in the result: `Band.c.popularity.as("pop")`. */
  override as<TAlias extends string>(alias: TAlias): ColumnRefMembers<TValue, TAlias, Root> & JoinedAs<this> {
    return new ColumnRefExpression(this.$column, this.$table, alias, this.$node, this.$joins, this.$root!) as never;
  }

  protected override $describe(): [table: string, name: string] {
    return [this.$table.tableName, this.$column.property];
  }

  /**
   * On an array column, true when the array holds every one of the values:
   * `Band.c.tags.contains(["rock", "jazz"])` — PostgreSQL `"tags" @> $1`; SQLite via json_each.
   * On a JSON/JSONB column, JSONB containment: `Band.c.data.contains({ genre: "rock" })` —
   * PostgreSQL `"data" @> CAST($1 AS JSONB)`; emulated on SQLite with json_each, by the same rules.
   */
  contains(value: unknown): Condition<Root> {
    return operators.contains(this, value);
  }

  /** True when some element of an array column equals the value: PostgreSQL `$1 = ANY ("tags")`; SQLite via json_each. */
  any(value: NonNullable<ElementOf<TValue>>): Condition<Root> {
    return operators.quantified(this, "any", value);
  }

  /** True when every element of an array column equals the value (or it is empty): PostgreSQL `$1 = ALL ("tags")`. */
  all(value: NonNullable<ElementOf<TValue>>): Condition<Root> {
    return operators.quantified(this, "all", value);
  }

  /**
   * An array column followed by more elements, for `update()` and `select()`:
   * `Band.update({ tags: Band.c.tags.cat(["live"]) })` — PostgreSQL `"tags" || CAST($1 AS VARCHAR(255)[])`;
   * SQLite rebuilds the JSON array with json_group_array.
   */
  cat(values: ElementOf<TValue> | readonly ElementOf<TValue>[] | Expression<TValue, Root>): Scalar<TValue, TKey, Root> {
    return operators.cat(this, values);
  }

  /** True when no element of an array column equals the value: PostgreSQL `NOT ($1 = ANY ("tags"))`; SQLite via json_each. */
  notAny(value: NonNullable<ElementOf<TValue>>): Condition<Root> {
    return operators.notAny(this, value);
  }

  /**
   * An array column with one more element at its end, for `update()` and `select()`:
   * `Band.update({ tags: Band.c.tags.append("live") })` — PostgreSQL `"tags" || CAST($1 AS VARCHAR(255)[])`;
   * SQLite rebuilds the JSON array with json_group_array.
   */
  append(value: ElementOf<TValue>): Scalar<TValue, TKey, Root> {
    return operators.addElement(this, "append", value);
  }

  /** An array column with one more element at its start: PostgreSQL `CAST($1 AS VARCHAR(255)[]) || "tags"`. */
  prepend(value: ElementOf<TValue>): Scalar<TValue, TKey, Root> {
    return operators.addElement(this, "prepend", value);
  }

  /**
   * An array column without the elements equal to the value (`null` removes the nulls), order kept:
   * `Band.update({ tags: Band.c.tags.remove("demo") })` — PostgreSQL `array_remove("tags", CAST($1 AS VARCHAR(255)))`;
   * SQLite rebuilds the JSON array from json_each.
   */
  remove(value: ElementOf<TValue>): Scalar<TValue, TKey, Root> {
    return operators.removeElement(this, value);
  }

  /**
   * An array column with every element equal to `from` replaced by `to`:
   * `Band.c.tags.replace("rock", "rock and roll")` — PostgreSQL `array_replace("tags", CAST($1 AS …), CAST($2 AS …))`.
   */
  replace(from: ElementOf<TValue>, to: ElementOf<TValue>): Scalar<TValue, TKey, Root> {
    return operators.replaceElement(this, from, to);
  }

  /**
   * A JSON column's value at a path of object keys and array indexes, as JSON (`->`):
   * `Band.c.data.arrow("members", 0)` — PostgreSQL `"data" -> CAST($1 AS TEXT) -> CAST($2 AS INTEGER)`;
   * SQLite `"data" -> '$."members"[0]'`. Selected under the key `data->members->0` unless renamed with `.as()`.
   */
  arrow<const TPath extends JsonPath>(...path: TPath): Scalar<unknown, ArrowKey<TKey, TPath>, Root> {
    return operators.jsonAccess(this, path, false) as Scalar<unknown, ArrowKey<TKey, TPath>, Root>;
  }

  /**
   * The same as text (`->>`), as PostgreSQL gives it on both engines: a string unquoted, JSON null
   * as null, numbers, booleans, objects and arrays as their JSON text: `Band.c.data.arrowText("genre").eq("rock")`.
   */
  arrowText<const TPath extends JsonPath>(...path: TPath): Scalar<string | null, ArrowTextKey<TKey, TPath>, Root> {
    return operators.jsonAccess(this, path, true) as Scalar<string | null, ArrowTextKey<TKey, TPath>, Root>;
  }
}

/** Names a column property may not take, because column references use them. */
export const columnRefMembers = new Set(
  [ColumnRefExpression.prototype, ScalarExpression.prototype]
    .flatMap((p) => Object.getOwnPropertyNames(p))
    .concat(["as", "constructor", "allColumns", "allRelated"])
    .filter((n) => !n.startsWith("$")),
);

/** The operators only array columns have: `Band.c.tags.any("rock")`. */
export interface ArrayOperators<TValue, TKey extends string, Root> {
  /**
   * True when the array holds every one of the values: `Band.c.tags.contains(["rock", "jazz"])` —
   * PostgreSQL `"tags" @> $1`; SQLite via json_each.
   */
  contains(values: readonly ElementOf<TValue>[] | Expression<TValue, Root>): Condition<Root>;
  /** True when some element equals the value: PostgreSQL `$1 = ANY ("tags")`; SQLite via json_each. */
  any(value: NonNullable<ElementOf<TValue>>): Condition<Root>;
  /** True when every element equals the value (or it is empty): PostgreSQL `$1 = ALL ("tags")`. */
  all(value: NonNullable<ElementOf<TValue>>): Condition<Root>;
  /**
   * The array followed by more elements, for `update()` and `select()`:
   * `Band.update({ tags: Band.c.tags.cat(["live"]) })` — PostgreSQL `"tags" || CAST($1 AS VARCHAR(255)[])`;
   * SQLite rebuilds the JSON array with json_group_array.
   */
  cat(values: ElementOf<TValue> | readonly ElementOf<TValue>[] | Expression<TValue, Root>): Scalar<TValue, TKey, Root>;
  /** True when no element equals the value: PostgreSQL `NOT ($1 = ANY ("tags"))`; SQLite via json_each. */
  notAny(value: NonNullable<ElementOf<TValue>>): Condition<Root>;
  /** The array with one more element at its end: `Band.update({ tags: Band.c.tags.append("live") })`. */
  append(value: ElementOf<TValue>): Scalar<TValue, TKey, Root>;
  /** The array with one more element at its start: PostgreSQL `CAST($1 AS VARCHAR(255)[]) || "tags"`. */
  prepend(value: ElementOf<TValue>): Scalar<TValue, TKey, Root>;
  /** The array without the elements equal to the value (`null` removes the nulls), order kept. */
  remove(value: ElementOf<TValue>): Scalar<TValue, TKey, Root>;
  /** The array with every element equal to `from` replaced by `to`. */
  replace(from: ElementOf<TValue>, to: ElementOf<TValue>): Scalar<TValue, TKey, Root>;
}

/** The operators only JSON and JSONB columns have: `Band.c.data.arrowText("genre")`. */
export interface JsonOperators<TValue, TKey extends string, Root> {
  /**
   * JSONB containment: `Band.c.data.contains({ genre: "rock" })` — PostgreSQL
   * `"data" @> CAST($1 AS JSONB)`; emulated on SQLite with json_each, by the same rules.
   */
  contains(value: ContainsOperand<TValue>): Condition<Root>;
  /**
   * The value at a path of object keys and array indexes, as JSON (`->`): `Band.c.data.arrow("members", 0)`
   * — PostgreSQL `"data" -> CAST($1 AS TEXT) -> CAST($2 AS INTEGER)`; SQLite `"data" -> '$."members"[0]'`.
   * Selected under the key `data->members->0` unless renamed with `.as()`.
   */
  arrow<const TPath extends JsonPath>(...path: TPath): Scalar<unknown, ArrowKey<TKey, TPath>, Root>;
  /**
   * The same as text (`->>`), as PostgreSQL gives it on both engines: a string unquoted, JSON null
   * as null, numbers, booleans, objects and arrays as their JSON text: `Band.c.data.arrowText("genre").eq("rock")`.
   */
  arrowText<const TPath extends JsonPath>(...path: TPath): Scalar<string | null, ArrowTextKey<TKey, TPath>, Root>;
}

/** The members every column reference has, whatever its kind; also the type that takes any column. */
export interface ColumnRefMembers<TValue, TKey extends string = string, Root = any> extends ScalarBase<
  TValue,
  TKey,
  Root
> {
  readonly $column: ColumnMeta;
  /** The table the column belongs to (the end of the path). */
  readonly $table: TableMeta;
  /** The same column under another name in the result: `Band.c.popularity.as("pop")`. */
  as<TAlias extends string>(alias: TAlias): ColumnRefMembers<TValue, TAlias, Root> & JoinedAs<this>;
}

type IsAny<TValue> = 0 extends 1 & TValue ? true : false;

/** Value types stored as JSON: unknown, or objects that are not dates, bytes, arrays or branded primitives. */
type IsJson<TValue> = unknown extends TValue
  ? true
  : [NonNullable<TValue>] extends [string | number | bigint | boolean | Date | Uint8Array | readonly unknown[]]
    ? false
    : [NonNullable<TValue>] extends [object]
      ? true
      : false;

/** The operators of a column's kind: array operators for arrays, JSON ones for JSON. */
export type ColumnOperators<TValue, TKey extends string, Root> =
  IsAny<TValue> extends true
    ? unknown
    : [NonNullable<TValue>] extends [readonly unknown[]]
      ? ArrayOperators<TValue, TKey, Root>
      : IsJson<TValue> extends true
        ? JsonOperators<TValue, TKey, Root>
        : unknown;

/**
 * A column reached through a table's accessor (`Band.c.name`, `Band.c.manager.name`): a Scalar
 * that also knows its column and table, so it can be written to and returned. Only the operators
 * of its kind are there: `Band.c.name.like`, `Band.c.popularity.plus`, `Band.c.tags.any`, `Band.c.data.arrow`.
 */
export type ColumnRef<TValue, TKey extends string = string, Root = any> = ColumnRefMembers<TValue, TKey, Root> &
  KindOperators<TValue, TKey, Root> &
  ColumnOperators<TValue, TKey, Root>;

/** The ColumnRef class, for `new` and `instanceof`. */
export const ColumnRef = ColumnRefExpression;
