import { assertKnownOptions, validationFailed, type FieldFailure } from "../errors/factories";
import type { FieldError } from "../errors/orm-error";
import { tableMetaOf, type TableMeta } from "../table/metadata";
import type { Insertable } from "../table/types";
import type { WriteCheck, WriteValidator } from "../table/write-validation";
import { classValidatorFailures, hasClassValidatorRules } from "./class-validator";
import { columnFailures } from "./column-rules";

/** Every failing field of a write: column rules and class-validator rules, in the table's column order. */
async function allFailures(check: WriteCheck): Promise<FieldFailure[]> {
  const failures = columnFailures(check);
  if (hasClassValidatorRules(check.meta)) failures.push(...(await classValidatorFailures(check)));
  return inColumnOrder(check.meta, failures);
}

function inColumnOrder(meta: TableMeta, failures: FieldFailure[]): FieldFailure[] {
  const position = (f: FieldFailure) => {
    const index = meta.columns.findIndex((c) => c.property === f.field.split(".")[0]);
    return (f.row ?? 0) * (meta.columns.length + 1) + (index < 0 ? meta.columns.length : index);
  };
  return failures
    .map((failure, order) => ({ failure, order, at: position(failure) }))
    .sort((a, b) => a.at - b.at || a.order - b.order)
    .map((entry) => entry.failure);
}

/**
 * The validator the write path calls. Tables without class-validator rules cost nothing: their
 * values are checked once, by the column types as the statement is built, and only a refused value
 * leads here (`collect`) to list every failing field.
 */
export const writeValidator: WriteValidator = {
  before(check) {
    if (!hasClassValidatorRules(check.meta)) return undefined;
    return allFailures(check).then((failures) => {
      if (failures.length > 0) throw validationFailed(check.meta.tableName, failures);
    });
  },
  collect(check, first) {
    const failures = columnFailures(check);
    return failures.length > 0 ? validationFailed(check.meta.tableName, failures) : first;
  },
};

/** Options of `validate()`. */
export interface ValidateOptions {
  /**
   * Check only the fields given, as an update does (default false: a whole new row, whose missing
   * fields take their defaults, as an insert does).
   */
  partial?: boolean;
}

/**
 * The fields of a row that would fail validation, without writing anything: the column rules and
 * the class-validator decorators of the table, as insert (or, with `partial`, update) checks them.
 * An empty list means the row is valid. For forms and API handlers that show errors beside fields.
 * @example
 * const errors = await validate({ name: "x".repeat(60), popularity: 5 }, Band);
 * // [{ field: "name", constraints: { maxLength: "name must be a string of at most 50 characters" } }]
 * const partialErrors = await validate({ popularity: 10 }, Band, { partial: true });
 */
export async function validate<TTable>(
  values: TTable | Insertable<NoInfer<TTable>>,
  table: abstract new (...args: never[]) => TTable,
  options: ValidateOptions = {},
): Promise<FieldError[]> {
  assertKnownOptions("validate()", options, ["partial"]);
  const meta = tableMetaOf(table);
  const row = values as Record<string, unknown>;
  const isInstance = values instanceof (meta.cls as unknown as new () => object);
  if (!isInstance) for (const key of Object.keys(row)) meta.column(key);
  const fields = options.partial
    ? (isInstance ? meta.columns.map((c) => c.property) : Object.keys(row)).filter((key) => row[key] !== undefined)
    : undefined;
  const failures = await allFailures({ meta, rows: [values as object], fields });
  return failures.map(({ field, constraints }) => ({ field, constraints }));
}
