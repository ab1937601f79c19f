/** describeTable(): typed, read-only, plain data; only table classes are accepted. */
import { expectTypeOf } from "expect-type";
import {
  describeTable,
  type ColumnDescription,
  type DataKind,
  type M2MDescription,
  type PlainValue,
  type SqlText,
  type TableDescription,
  type ValueSourceDescription,
} from "../../lib";
import { Band } from "./schema";

export function describeTypes(): void {
  const band = describeTable(Band);
  expectTypeOf(band).toEqualTypeOf<TableDescription>();
  expectTypeOf(band.primaryKey).toEqualTypeOf<readonly string[]>();
  expectTypeOf(band.schema).toEqualTypeOf<string | null>();
  expectTypeOf(band.columns).toEqualTypeOf<readonly ColumnDescription[]>();
  expectTypeOf(band.m2m).toEqualTypeOf<readonly M2MDescription[]>();
  const column = band.columns[0]!;
  expectTypeOf(column.dataType.kind).toEqualTypeOf<DataKind>();
  expectTypeOf(column.dataType.length).toEqualTypeOf<number | null>();
  expectTypeOf(column.dataType.choices).toEqualTypeOf<readonly PlainValue[] | null>();
  expectTypeOf(column.default).toEqualTypeOf<ValueSourceDescription | null>();
  expectTypeOf(band.checks[0]!.check).toEqualTypeOf<SqlText>();
  expectTypeOf(column.references?.onDelete).toEqualTypeOf<
    "cascade" | "restrict" | "no action" | "set null" | "set default" | undefined
  >();

  // A default is a constant with its value, `now`, or a function (no value).
  const source = column.default;
  if (source?.kind === "constant") expectTypeOf(source.value).toEqualTypeOf<PlainValue>();
  // @ts-expect-error only a constant has a value
  if (source?.kind === "function") void source.value;

  // @ts-expect-error "foreignKey" is not a data kind: a key has its target's kind and `references`
  const kind: DataKind = "foreignKey";
  void kind;

  // @ts-expect-error the description is read-only
  band.tableName = "x";
  // @ts-expect-error its lists too
  band.columns.push(column);
  // @ts-expect-error and its columns
  column.nullable = true;

  // @ts-expect-error only classes can be described
  describeTable({ name: "band" });
  // @ts-expect-error not a string either
  describeTable("band");
}
