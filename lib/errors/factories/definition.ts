// Errors in table and column declarations (DefinitionError): thrown when a table is declared or first used.
import { DefinitionError } from "../orm-error";
import { didYouMean, make } from "./shared";

/** A class was used as a table without the @table() decorator. */
export function notATable(className: string): DefinitionError {
  return make(
    DefinitionError,
    "PICCOLO_NOT_A_TABLE",
    `${className} is not a table: decorate the class with @table({ db }) and extend Table<${className}>().`,
  );
}

/** A column whose name collides with a member every table has. */
export function reservedColumnName(table: string, name: string): DefinitionError {
  return make(
    DefinitionError,
    "PICCOLO_RESERVED_COLUMN_NAME",
    `${table}.${name} cannot be a column: "${name}" is reserved by Table or by JavaScript classes. ` +
      `Rename the property and keep the database name with { dbColumnName: "${name}" }.`,
  );
}

/** Two primary keys on one table. */
export function duplicatePrimaryKey(table: string, first: string, second: string): DefinitionError {
  return make(
    DefinitionError,
    "PICCOLO_DUPLICATE_PRIMARY_KEY",
    `Table ${table} declares two primary keys (${first} and ${second}); keep one.`,
  );
}

/** A bare @column() on a property whose type cannot be inferred. */
export function cannotInferColumnType(table: string, column: string): DefinitionError {
  return make(
    DefinitionError,
    "PICCOLO_CANNOT_INFER_COLUMN_TYPE",
    `Cannot infer the column type of ${table}.${column}: pass it explicitly, e.g. @column(Varchar()). Bare @column() ` +
      `works only with emitDecoratorMetadata on string, number, boolean or Date properties.`,
  );
}

/** An array column of an element type arrays cannot hold. */
export function arrayElementNotSupported(kind: string | undefined, supported: readonly string[]): DefinitionError {
  return make(
    DefinitionError,
    "PICCOLO_ARRAY_ELEMENT_NOT_SUPPORTED",
    `ArrayColumn cannot hold ${kind === undefined ? "that" : `"${kind}"`} elements; pass a scalar column type ` +
      `such as ArrayColumn(Integer()) (supported: ${supported.join(", ")}). Use JSONB for nested data.`,
  );
}

/** An M2M join table without a foreign key to one of the two tables (`table` undefined: the other one). */
export function m2mMissingForeignKey(field: string, joinTable: string, table: string | undefined): DefinitionError {
  const what = table ?? "the other table";
  const example = table ?? "Other";
  return make(
    DefinitionError,
    "PICCOLO_M2M_MISSING_FOREIGN_KEY",
    `The join table ${joinTable} of ${field} has no foreign key to ${what}: a join table needs one to each side, e.g. ` +
      `@column(ForeignKey(() => ${example})).`,
  );
}

/** An M2M join table with several foreign keys that could be the relation's. */
export function m2mAmbiguousForeignKey(
  field: string,
  joinTable: string,
  candidates: readonly string[],
  option: "sourceKey" | "targetKey",
): DefinitionError {
  return make(
    DefinitionError,
    "PICCOLO_M2M_AMBIGUOUS_FOREIGN_KEY",
    `The join table ${joinTable} of ${field} has several foreign keys that fit (${candidates.join(", ")}): ` +
      `name the one to use, e.g. @m2m(() => ${joinTable}, { ${option}: "${candidates[0]}" }).`,
  );
}

/** An @m2m() option naming a join-table column that is not a suitable foreign key. */
export function m2mBadKeyOption(
  field: string,
  joinTable: string,
  option: string,
  column: string,
  expected: string,
): DefinitionError {
  return make(
    DefinitionError,
    "PICCOLO_M2M_BAD_KEY_OPTION",
    `@m2m() of ${field}: ${option} "${column}" is not a foreign key of ${joinTable} to ${expected}.`,
  );
}

/** A composite primary key with a Serial column, which SQLite cannot number outside a single-column key. */
export function serialInCompositeKey(table: string, column: string, keys: readonly string[]): DefinitionError {
  return make(
    DefinitionError,
    "PICCOLO_SERIAL_IN_COMPOSITE_KEY",
    `Table ${table} has a composite primary key (${keys.join(", ")}) that includes the Serial column ${column}: ` +
      `a serial number is generated only for a single-column key. Use Integer (or BigInt) for ${column}, ` +
      `or make ${column} the only primary key.`,
  );
}

/** A ForeignKey to a table whose primary key has several columns: one column cannot reference it. */
export function foreignKeyToCompositeKey(target: string, keys: readonly string[]): DefinitionError {
  return make(
    DefinitionError,
    "PICCOLO_FOREIGN_KEY_TO_COMPOSITE_KEY",
    `A ForeignKey(() => ${target}) points at ${target}, whose primary key is composite (${keys.join(", ")}); ` +
      `a foreign key over several columns is not supported. Give ${target} a single primary key (e.g. the default id, ` +
      `keeping (${keys.join(", ")}) unique), or reference one of its unique columns with ForeignKey(() ` +
      `=> ${target}, { targetColumn: "…" }).`,
  );
}

/** addM2M() on a join table without a unique pair of its two foreign keys, which it needs to stay idempotent under concurrency. */
export function m2mNeedsUniquePair(
  field: string,
  joinTable: string,
  sourceKey: string,
  targetKey: string,
): DefinitionError {
  return make(
    DefinitionError,
    "PICCOLO_M2M_NEEDS_UNIQUE_PAIR",
    `addM2M() on ${field} needs the join table ${joinTable} to have (${sourceKey}, ${targetKey}) ` +
      `as its primary key or a unique constraint, so that concurrent calls cannot relate a pair twice. ` +
      `Declare both foreign keys with primaryKey: true (and ${joinTable} extends Table<${joinTable}, null>()), ` +
      `or add @table({ unique: [["${sourceKey}", "${targetKey}"]] }), then make a migration for it.`,
  );
}

/** A table constraint or index declared in @table() that cannot work as written. */
export function invalidTableConstraint(table: string, problem: string): DefinitionError {
  return make(DefinitionError, "PICCOLO_INVALID_TABLE_CONSTRAINT", `@table() of ${table}: ${problem}.`);
}

/** A condition for a check or partial index that cannot be written into DDL. */
export function conditionNotForDdl(what: string): DefinitionError {
  return make(
    DefinitionError,
    "PICCOLO_CONDITION_NOT_FOR_DDL",
    `A check or partial-index condition cannot hold ${what}: DDL takes literal values only. Use plain values or SQL text.`,
  );
}

/** A default or autoUpdate of `now` on a column that holds no date or time. */
export function nowNotForColumn(typeName: string, option: string): DefinitionError {
  return make(
    DefinitionError,
    "PICCOLO_NOW_NOT_FOR_COLUMN",
    `${typeName} cannot take ${option}: now: only Timestamp, Timestamptz, DateColumn and Time columns can. ` +
      `Use a value or a function instead.`,
  );
}

/** An index method @table() does not know. */
export function unknownIndexMethod(table: string, method: string, methods: readonly string[]): DefinitionError {
  return make(
    DefinitionError,
    "PICCOLO_UNKNOWN_INDEX_METHOD",
    `@table() of ${table}: unknown index method "${method}".${didYouMean(method, methods)} Methods: ${methods.join(", ")}.`,
  );
}
