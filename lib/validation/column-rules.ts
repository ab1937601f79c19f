import { InvalidValue } from "../columns/column-type";
import { invalidValue, type FieldFailure } from "../errors/factories";
import type { TableMeta } from "../table/metadata";
import type { WriteCheck } from "../table/write-validation";

type Row = Record<string, unknown>;

/**
 * The rules each column implies (not null, type, length, range, digits, choices, e-mail…), applied
 * to every field a write sets. They are the column types' own checks (`ColumnType.validateValue`,
 * the coercers of lib/columns), so that validation and the write path never disagree.
 */
export function columnFailures(check: WriteCheck): FieldFailure[] {
  const { meta, rows, fields } = check;
  const failures: FieldFailure[] = [];
  rows.forEach((row, index) => {
    const position = rows.length > 1 ? index : undefined;
    for (const property of fields ?? meta.columns.map((c) => c.property)) {
      const failure = columnFailure(meta, row as Row, property, fields === undefined);
      if (failure) failures.push(position === undefined ? failure : { ...failure, row: position });
    }
  });
  return failures;
}

/** What is wrong with one field of a row, or undefined; a missing value on a new row takes its default, as the insert does. */
function columnFailure(meta: TableMeta, row: Row, property: string, newRow: boolean): FieldFailure | undefined {
  const column = meta.byProperty.get(property);
  if (column === undefined) return undefined;
  let value = row[property];
  if (value === undefined && newRow) value = column.type.defaultValue();
  const result = column.type.validateValue(value);
  if (!(result instanceof InvalidValue)) return undefined;
  return {
    field: property,
    constraints: { [result.rule]: `${property} must be ${result.expected}` },
    detail: invalidValue(meta.tableName, property, value, result.expected, column.type.secret).message,
  };
}
