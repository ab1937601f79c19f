import type { ColumnKind } from "../columns/column-type";
import type { ReferentialAction } from "../sql/ast/nodes";
import type { SqlText } from "../sql/dialects/condition-text";
import type { IndexMethod } from "./constraints";

export type { SqlText };

/** A value that survives JSON.stringify/JSON.parse unchanged. */
export type PlainValue =
  string | number | boolean | null | readonly PlainValue[] | { readonly [key: string]: PlainValue };

/** The kinds of data a column holds; a foreign key holds its referenced column's (serials as integers). */
export type DataKind = Exclude<ColumnKind, "foreignKey">;

/** A column's data type as plain data: `{ kind: "varchar", length: 100, ... }`; absent parameters are null. */
export interface DataTypeDescription {
  readonly kind: DataKind;
  /** Varchar, Char, Email and Secret lengths. */
  readonly length: number | null;
  /** Numeric `digits: [precision, scale]`. */
  readonly precision: number | null;
  readonly scale: number | null;
  /** The element type of an array column. */
  readonly element: ElementDescription | null;
  /** The only values allowed (an enum's values), or null when any value of the type is. */
  readonly choices: readonly PlainValue[] | null;
}

/** The element type of an array column, and whether elements may be null. */
export interface ElementDescription extends DataTypeDescription {
  readonly nullable: boolean;
}

/**
 * A default or autoUpdate: a constant (Dates as ISO text, bigints as digits, bytes as hex digits),
 * the current date and time (`now`), or a function called for each row (never its body).
 */
export type ValueSourceDescription =
  { readonly kind: "constant"; readonly value: PlainValue } | { readonly kind: "now" } | { readonly kind: "function" };

/** What a foreign key references, by names. */
export interface ReferenceDescription {
  readonly className: string;
  readonly tableName: string;
  readonly schema: string | null;
  /** The referenced column's property name. */
  readonly property: string;
  /** The referenced column's name in the database. */
  readonly dbName: string;
  readonly onDelete: ReferentialAction;
  readonly onUpdate: ReferentialAction;
}

/** One column of a table as plain data. */
export interface ColumnDescription {
  /** The property name on instances (`Band.c.<property>`). */
  readonly property: string;
  /** The column's name in the database. */
  readonly dbName: string;
  readonly dataType: DataTypeDescription;
  readonly nullable: boolean;
  readonly unique: boolean;
  readonly primaryKey: boolean;
  /** The declared default, or null when none is (a new row then gets null or its type's default, e.g. "" or 0). */
  readonly default: ValueSourceDescription | null;
  /** What every update() and save() writes unless it sets the column itself, or null. */
  readonly autoUpdate: ValueSourceDescription | null;
  /** Whether createTable() indexes the column on its own (`index: true`). */
  readonly index: boolean;
  readonly helpText: string | null;
  /** Left out of select(), toDict() and error reports unless named. */
  readonly secret: boolean;
  /** The referenced table and column of a foreign key, or null. */
  readonly references: ReferenceDescription | null;
}

/** A composite unique constraint of `@table({ unique })`; columns by property name. */
export interface UniqueDescription {
  readonly name: string;
  readonly columns: readonly string[];
}

/** An index of `@table({ indexes })`; columns by property name, the partial index's condition as SQL text. */
export interface IndexDescription {
  readonly name: string;
  readonly columns: readonly string[];
  /** The declared method, or null for the database's default (btree). */
  readonly method: IndexMethod | null;
  readonly unique: boolean;
  readonly where: SqlText | null;
}

/** A check constraint of `@table({ checks })`, its condition as SQL text. */
export interface CheckDescription {
  readonly name: string;
  readonly check: SqlText;
}

/** A table named by its class, database name and schema. */
export interface TableReference {
  readonly className: string;
  readonly tableName: string;
  readonly schema: string | null;
}

/** An `@m2m()` field: the join table, the other table, and the join table's two foreign keys (property names). */
export interface M2MDescription {
  readonly field: string;
  readonly joinTable: TableReference;
  readonly otherTable: TableReference;
  /** The join table's key to this table. */
  readonly sourceKey: string;
  /** The join table's key to the other table. */
  readonly targetKey: string;
}

/** A table as plain, frozen, JSON-serialisable data: what `describeTable(Band)` returns. */
export interface TableDescription extends TableReference {
  /** The primary key's columns by property name: one, or several for a composite key. */
  readonly primaryKey: readonly string[];
  readonly columns: readonly ColumnDescription[];
  readonly unique: readonly UniqueDescription[];
  readonly indexes: readonly IndexDescription[];
  readonly checks: readonly CheckDescription[];
  readonly m2m: readonly M2MDescription[];
}
