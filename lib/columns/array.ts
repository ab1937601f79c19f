import { arrayElementNotSupported } from "../errors/factories";
import {
  ColumnType,
  InvalidValue,
  checkOptions,
  commonOptionNames,
  type ColumnKind,
  type Coercer,
  type ColumnOptions,
  type FlagOptions,
  type TypedColumn,
} from "./column-type";

/** Element kinds an array can hold: scalars both engines can compare inside an array. */
const elementKinds: readonly ColumnKind[] = [
  "varchar",
  "text",
  "email",
  "integer",
  "smallint",
  "bigint",
  "real",
  "double",
  "numeric",
  "boolean",
  "date",
  "time",
  "timestamp",
  "timestamptz",
  "interval",
  "uuid",
];

function toArrayOf(element: ColumnType<unknown>, operand: boolean): Coercer<unknown[]> {
  const notArray = new InvalidValue("an array", "isArray");
  const noNulls = new InvalidValue(
    "an array without nulls (declare the element type with { null: true } to allow them)",
    "arrayNotNull",
  );
  const coerce = operand ? element.coerceOperand : element.coerce;
  return (v) => {
    if (!Array.isArray(v)) return notArray;
    const out = new Array<unknown>(v.length);
    for (let i = 0; i < v.length; i++) {
      const item: unknown = v[i];
      if (item === null || item === undefined) {
        if (!element.nullable) return noNulls;
        out[i] = null;
        continue;
      }
      const result = coerce(item);
      if (result instanceof InvalidValue)
        return new InvalidValue(
          `an array whose elements are each ${result.expected} (element ${i} is not)`,
          result.rule,
        );
      if (!operand && element.choiceValues && !element.choiceValues.includes(result)) {
        return new InvalidValue(
          `an array whose elements are each one of ${element.choiceValues.map((c) => JSON.stringify(c)).join(", ")}`,
          "isIn",
        );
      }
      out[i] = result;
    }
    return out;
  };
}

/**
 * A list of values of one scalar type: `@column(ArrayColumn(Varchar())) tags!: string[]`. New rows
 * get `[]`. PostgreSQL arrays (`VARCHAR(255)[]`); SQLite stores JSON text and emulates the array
 * operators (`contains`, `any`, `all`, `cat`) with `json_each`. Elements may be null only when the
 * element type says `{ null: true }`.
 */
export function ArrayColumn<
  TElement,
  ElementNull extends boolean,
  TNullable extends boolean = false,
  TSecret extends boolean = false,
>(
  element: ColumnType<TElement, ElementNull>,
  options?: FlagOptions<ColumnOptions<(TElement | null)[]>, TNullable, TSecret>,
): TypedColumn<([ElementNull] extends [false] ? TElement : TElement | null)[], NoInfer<TNullable>, NoInfer<TSecret>>;
export function ArrayColumn<TElement>(
  element: ColumnType<TElement>,
  options: ColumnOptions<(TElement | null)[]> = {},
): ColumnType<(TElement | null)[]> {
  checkOptions("ArrayColumn", options, commonOptionNames);
  if (!(element instanceof ColumnType) || !elementKinds.includes(element.kind))
    throw arrayElementNotSupported(element?.kind, elementKinds);
  const type = element as ColumnType<unknown>;
  return new ColumnType<(TElement | null)[]>(
    "array",
    options,
    toArrayOf(type, false) as Coercer<(TElement | null)[]>,
    () => [],
    { element: type },
    toArrayOf(type, true) as Coercer<(TElement | null)[]>,
  );
}
