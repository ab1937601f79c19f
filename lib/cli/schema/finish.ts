import type { ColumnSchema } from "../../migrations/schema";
import { referencedType, type ReadTable } from "./model";

/** A column as the readers build it: with whether the database numbers it itself. */
type ReadColumn = ColumnSchema & { identity?: boolean; sequence?: boolean };

const sameType = (a: ColumnSchema, b: ColumnSchema) =>
  a.type === b.type && a.length === b.length && a.precision === b.precision && a.scale === b.scale;

/**
 * Applies what both readers share to the tables read: a key numbered by the database becomes
 * Serial/BigSerial, foreign keys point at tables and key columns that were read and take their
 * target's type (as piccolo's ForeignKey does); what does not fit is listed in `notes`.
 */
export function finishTables(tables: readonly ReadTable[], notes: string[]): ReadTable[] {
  const keyed = tables.map((t) => ({ ...t, table: { ...t.table, columns: t.table.columns.map(numbered(t, notes)) } }));
  const find = (name: string, schema: string | undefined) =>
    keyed.find((t) => t.table.name === name && t.table.schema === schema);
  return keyed.map((t) => {
    const keys = t.table.columns.filter((c) => c.primaryKey);
    if (keys.length === 0) notes.push(`${t.table.name}: has no primary key; piccolo adds a Serial "id" column`);
    const columns = t.table.columns.map((c) => {
      if (!c.references) return c;
      const where = `${t.table.name}.${c.name}`;
      const target = find(c.references.table, c.references.schema);
      const column = target?.table.columns.find((x) => x.name === c.references!.column);
      const targetKeys = target?.table.columns.filter((x) => x.primaryKey) ?? [];
      const isKey = column !== undefined && (column.unique || (column.primaryKey && targetKeys.length === 1));
      if (!target || !column || !isKey) {
        notes.push(
          `${where}: its foreign key to ${c.references.table}.${c.references.column} is not modelled ` +
            `(${!target ? "that table was not read" : "the target is not a single-column key or unique column"})`,
        );
        return { ...c, references: undefined };
      }
      const { type: kind, length, precision, scale } = referencedType(column);
      const refType: ColumnSchema = { ...c, type: kind, length, precision, scale, element: undefined };
      if (!sameType(c, refType)) notes.push(`${where}: a foreign key takes its target's type, ${kind} (was ${c.type})`);
      return refType;
    });
    return { ...t, table: { ...t.table, columns } };
  });
}

/** Turns a key the database numbers (serial, identity, INTEGER PRIMARY KEY) into Serial/BigSerial. */
function numbered(t: ReadTable, notes: string[]) {
  const keys = t.table.columns.filter((c) => c.primaryKey).length;
  return (column: ReadColumn): ColumnSchema => {
    const { identity, sequence, ...c } = column;
    if (!identity && !sequence) return c;
    const where = `${t.table.name}.${c.name}`;
    if (keys === 1 && c.primaryKey && (c.type === "integer" || c.type === "bigint")) {
      if (identity) notes.push(`${where}: an identity column becomes ${c.type === "integer" ? "Serial" : "BigSerial"}`);
      return { ...c, type: c.type === "integer" ? "serial" : "bigserial" };
    }
    notes.push(`${where}: numbered by a sequence or identity, which is only modelled for a single integer key`);
    return c;
  };
}
