import type { ColumnDescription } from "../index";
import { field, type FormFields } from "./body";
import type { AdminTable } from "./model";
import { TEXT_KINDS, parseText } from "./values";

/** A submitted form read against the table: the values to write, and the fields that could not be read. */
export interface ReadForm {
  readonly values: Record<string, unknown>;
  readonly texts: Map<string, string>;
  readonly errors: Map<string, string[]>;
  /** The chosen keys of each M2M field, as text. */
  readonly m2m: Map<string, string[]>;
}

function readColumn(column: ColumnDescription, text: string | undefined, creating: boolean): { value?: unknown } {
  const type = column.dataType;
  if (type.kind === "boolean" && type.choices === null) return { value: text === "true" || text === "on" };
  if (text === undefined || text === "") {
    if (column.nullable) return { value: null };
    if (TEXT_KINDS.includes(type.kind) && type.choices === null) return { value: "" };
    // Left out: a new row gets the column's default, and a missing required value is the CRUD layer's 422.
    return creating ? {} : { value: null };
  }
  return { value: parseText(text, column.references !== null ? type : type) };
}

/** Reads the form's fields as the columns' values; what cannot be read is an error beside its field. */
export function readRowForm(admin: AdminTable, fields: FormFields, creating: boolean): ReadForm {
  const values: Record<string, unknown> = {};
  const texts = new Map<string, string>();
  const errors = new Map<string, string[]>();
  for (const column of admin.form) {
    const text = field(fields, column.property);
    if (text !== undefined) texts.set(column.property, text);
    try {
      const read = readColumn(column, text, creating);
      if ("value" in read) values[column.property] = read.value;
    } catch (error) {
      errors.set(column.property, [(error as Error).message]);
    }
  }
  const m2m = new Map<string, string[]>();
  for (const relation of admin.m2m) m2m.set(relation.field, [...(fields.get(relation.field) ?? [])]);
  return { values, texts, errors, m2m };
}

/** The JSON value of a column value for the CRUD layer (Dates as ISO text, bigints as digits). */
export function jsonValue(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "bigint") return value.toString();
  return value;
}
