import { nearest } from "../utils/names";
import { OrmError, ValidationError } from "./orm-error";

// Every usage error in one place: each says what is wrong and how to fix it.

function didYouMean(name: string, candidates: Iterable<string>): string {
  const guess = nearest(name, candidates);
  return guess === undefined ? "" : ` Did you mean "${guess}"?`;
}

function show(value: unknown): string {
  if (typeof value === "bigint") return `${value}n`;
  if (typeof value === "string") return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  if (value instanceof Date) return `Date(${Number.isNaN(value.getTime()) ? "Invalid" : value.toISOString()})`;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** A column type got an option it does not have (e.g. `nul`). */
export function invalidOption(typeName: string, option: string, allowed: readonly string[]): OrmError {
  return new OrmError(`${typeName} has no option "${option}".${didYouMean(option, allowed)} Valid options: ${allowed.join(", ")}.`);
}

/** A value does not fit its column. */
export function invalidValue(table: string, column: string, value: unknown, expected: string): ValidationError {
  return new ValidationError(`Invalid value for ${table}.${column}: got ${show(value)}, expected ${expected}.`, table, column);
}

/** A column name that the table does not have. */
export function columnNotFound(table: string, name: string, columns: Iterable<string>): OrmError {
  const all = [...columns]; // may be a one-shot iterator such as Map.keys()
  return new OrmError(`Table ${table} has no column "${name}".${didYouMean(name, all)} Columns: ${all.join(", ")}.`);
}

/** A column of one table used in a query (or condition) on another. */
export function foreignColumn(method: string, table: string, other: string): OrmError {
  return new OrmError(
    `${method}() on ${table} got a column of ${other}. Reach other tables through a foreign key, e.g. ${table}.c.someForeignKey.name.`,
  );
}

/** A query ran on a table whose @table() decorator named no engine. */
export function noEngine(table: string): OrmError {
  return new OrmError(
    `Table ${table} has no database engine. Pass one to the decorator: @table({ db: new SQLiteEngine({ path: "app.sqlite" }) }).`,
  );
}

/** A class was used as a table without the @table() decorator. */
export function notATable(className: string): OrmError {
  return new OrmError(`${className} is not a table: decorate the class with @table({ db }) and extend Table<${className}>().`);
}

/** An engine's npm driver package is not installed. */
export function driverMissing(packageName: string, engine: string, cause: unknown): OrmError {
  return new OrmError(`${engine} needs the "${packageName}" package, which is not installed. Run: npm install ${packageName}`, {
    cause,
  });
}

/** A delete or update with no where clause, which would touch every row. */
export function missingWhere(operation: "delete" | "update", table: string): OrmError {
  return new OrmError(
    `Refusing to ${operation} every row of ${table} without a where clause. Add .where(...), or pass { force: true } to ${operation}() if you mean all rows.`,
  );
}

/** A column whose name collides with a member every table has. */
export function reservedColumnName(table: string, name: string): OrmError {
  return new OrmError(`${table}.${name} cannot be a column: "${name}" is reserved by Table or by JavaScript classes. Rename the property and keep the database name with { dbColumnName: "${name}" }.`);
}

/** Two primary keys on one table. */
export function duplicatePrimaryKey(table: string, first: string, second: string): OrmError {
  return new OrmError(`Table ${table} declares two primary keys (${first} and ${second}); keep one.`);
}

/** A bare @column() on a property whose type cannot be inferred. */
export function cannotInferColumnType(table: string, column: string): OrmError {
  return new OrmError(
    `Cannot infer the column type of ${table}.${column}: pass it explicitly, e.g. @column(Varchar()). Bare @column() works only with emitDecoratorMetadata on string, number, boolean or Date properties.`,
  );
}

/** A query kept running on a transaction's connection after the transaction ended. */
export function transactionFinished(): OrmError {
  return new OrmError("This transaction has already committed or rolled back: await every query inside the transaction callback.");
}

/** Options passed to a query method that it does not know. */
export function unknownQueryOption(method: string, option: string, allowed: readonly string[]): OrmError {
  return new OrmError(`${method}() has no option "${option}".${didYouMean(option, allowed)} Valid options: ${allowed.join(", ")}.`);
}

/** A value where a column reference or expression was required. */
export function notAColumn(method: string, value: unknown): OrmError {
  return new OrmError(`${method}() expects columns such as Band.c.name, got ${show(value)}.`);
}

/** A raw query whose `{}` placeholders do not match its parameters. */
export function rawPlaceholderMismatch(placeholders: number, params: number): OrmError {
  return new OrmError(`Raw SQL has ${placeholders} {} placeholder(s) but ${params} parameter(s) were given.`);
}

/** An instance operation that needs a saved row. */
export function notSaved(table: string, operation: string): OrmError {
  return new OrmError(`Cannot ${operation} a ${table} that has no primary key value yet: save() it first.`);
}

/** An invalid limit/offset. */
export function invalidCount(method: string, value: unknown): OrmError {
  return new OrmError(`${method}() expects a whole number of 0 or more, got ${show(value)}.`);
}
