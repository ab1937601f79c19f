import type { ColumnMeta, TableMeta } from "../table/metadata";
import type { ExpressionNode } from "../sql/ast/nodes";
import * as operators from "./column-operators";
import type { ArrowKey, ArrowTextKey, ContainsOperand, ElementOf, JsonPath } from "./column-operators";
import type { Condition, Expression, JoinStep } from "./expression";
import { Scalar } from "./scalar";

export type { Operand } from "./scalar";

/** A renamed joined column stays marked as joined (writes and `returning()` refuse it). */
type JoinedAs<This> = This extends { readonly $joined: true } ? { readonly $joined: true } : unknown;

/**
 * A column reached through a table's accessor (`Band.c.name`, `Band.c.manager.name`): a Scalar
 * that also knows its column and table, so it can be written to and returned.
 */
export class ColumnRef<V, K extends string = string, Root = any> extends Scalar<V, K, Root> {
  constructor(
    readonly $column: ColumnMeta,
    /** The table the column belongs to (the end of the path). */
    readonly $table: TableMeta,
    key: K,
    node: ExpressionNode,
    joins: readonly JoinStep[],
    root: TableMeta,
  ) {
    super(node, joins, root, key, $column.type);
  }

  /** The same column under another name in the result: `Band.c.popularity.as("pop")`. */
  override as<A extends string>(alias: A): ColumnRef<V, A, Root> & JoinedAs<this> {
    return new ColumnRef(this.$column, this.$table, alias, this.$node, this.$joins, this.$root!) as never;
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
  contains(value: ContainsOperand<V> | Expression<V, Root>): Condition<Root> {
    return operators.contains(this, value);
  }

  /** True when some element of an array column equals the value: PostgreSQL `$1 = ANY ("tags")`; SQLite via json_each. */
  any(value: NonNullable<ElementOf<V>>): Condition<Root> {
    return operators.quantified(this, "any", value);
  }

  /** True when every element of an array column equals the value (or it is empty): PostgreSQL `$1 = ALL ("tags")`. */
  all(value: NonNullable<ElementOf<V>>): Condition<Root> {
    return operators.quantified(this, "all", value);
  }

  /**
   * An array column followed by more elements, for `update()` and `select()`:
   * `Band.update({ tags: Band.c.tags.cat(["live"]) })` — PostgreSQL `"tags" || CAST($1 AS VARCHAR(255)[])`;
   * SQLite rebuilds the JSON array with json_group_array.
   */
  cat(values: ElementOf<V> | readonly ElementOf<V>[] | Expression<V, Root>): Scalar<V, K, Root> {
    return operators.cat(this, values);
  }

  /** True when no element of an array column equals the value: PostgreSQL `NOT ($1 = ANY ("tags"))`; SQLite via json_each. */
  notAny(value: NonNullable<ElementOf<V>>): Condition<Root> {
    return operators.notAny(this, value);
  }

  /**
   * An array column with one more element at its end, for `update()` and `select()`:
   * `Band.update({ tags: Band.c.tags.append("live") })` — PostgreSQL `"tags" || CAST($1 AS VARCHAR(255)[])`;
   * SQLite rebuilds the JSON array with json_group_array.
   */
  append(value: ElementOf<V>): Scalar<V, K, Root> {
    return operators.addElement(this, "append", value);
  }

  /** An array column with one more element at its start: PostgreSQL `CAST($1 AS VARCHAR(255)[]) || "tags"`. */
  prepend(value: ElementOf<V>): Scalar<V, K, Root> {
    return operators.addElement(this, "prepend", value);
  }

  /**
   * An array column without the elements equal to the value (`null` removes the nulls), order kept:
   * `Band.update({ tags: Band.c.tags.remove("demo") })` — PostgreSQL `array_remove("tags", CAST($1 AS VARCHAR(255)))`;
   * SQLite rebuilds the JSON array from json_each.
   */
  remove(value: ElementOf<V>): Scalar<V, K, Root> {
    return operators.removeElement(this, value);
  }

  /**
   * An array column with every element equal to `from` replaced by `to`:
   * `Band.c.tags.replace("rock", "rock and roll")` — PostgreSQL `array_replace("tags", CAST($1 AS …), CAST($2 AS …))`.
   */
  replace(from: ElementOf<V>, to: ElementOf<V>): Scalar<V, K, Root> {
    return operators.replaceElement(this, from, to);
  }

  /**
   * A JSON column's value at a path of object keys and array indexes, as JSON (`->`):
   * `Band.c.data.arrow("members", 0)` — PostgreSQL `"data" -> CAST($1 AS TEXT) -> CAST($2 AS INTEGER)`;
   * SQLite `"data" -> '$."members"[0]'`. Selected under the key `data->members->0` unless renamed with `.as()`.
   */
  arrow<const P extends JsonPath>(...path: P): Scalar<unknown, ArrowKey<K, P>, Root> {
    return operators.jsonAccess(this, path, false) as Scalar<unknown, ArrowKey<K, P>, Root>;
  }

  /**
   * The same as text (`->>`), as PostgreSQL gives it on both engines: a string unquoted, JSON null
   * as null, numbers, booleans, objects and arrays as their JSON text: `Band.c.data.arrowText("genre").eq("rock")`.
   */
  arrowText<const P extends JsonPath>(...path: P): Scalar<string | null, ArrowTextKey<K, P>, Root> {
    return operators.jsonAccess(this, path, true) as Scalar<string | null, ArrowTextKey<K, P>, Root>;
  }
}

/** Names a column property may not take, because column references use them. */
export const columnRefMembers = new Set(
  [ColumnRef.prototype, Scalar.prototype]
    .flatMap((p) => Object.getOwnPropertyNames(p))
    .concat(["as", "constructor", "allColumns"])
    .filter((n) => !n.startsWith("$")),
);
