import { nearest } from "../utils/names";
import {
  ConfigError,
  DefinitionError,
  MigrationError,
  type MigrationErrorFields,
  MigrationStepError,
  OrmError,
  QueryError,
  UnsupportedFeatureError,
  ValidationError,
} from "./orm-error";

// Every usage error in one place: each says what is wrong and how to fix it, and carries a stable
// code (documented in docs/errors.md; test/unit/error-codes.test.ts keeps the two in step).

/** A migration error (not about one step) with its code. */
function migrationError(
  code: string,
  message: string,
  fields: MigrationErrorFields = {},
  options: { cause?: unknown } = {},
): MigrationError {
  return new MigrationError(message, fields, { ...options, code });
}

/** Builds an error of a class with its code. */
function make<E extends OrmError>(
  Class: new (message: string, options: { code: string; cause?: unknown }) => E,
  code: string,
  message: string,
  options: { cause?: unknown } = {},
): E {
  return new Class(message, { ...options, code });
}

function didYouMean(name: string, candidates: Iterable<string>): string {
  // A shortened name ("isolation" for "isolationLevel") is too far by edit distance, yet a likely slip.
  const prefixed = (c: string) => name.length >= 3 && c.toLowerCase().startsWith(name.toLowerCase());
  const guess = nearest(name, candidates) ?? [...candidates].find(prefixed);
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

/** Which error class an unknown option is: a declaration's (a column type, @table, @m2m), a query's, or an engine's. */
export type OptionsOf = "definition" | "query" | "config";

const optionErrorClasses = { definition: DefinitionError, query: QueryError, config: ConfigError } as const;

/** An option that `where` (a column type such as "Integer", or a method such as "transaction()") does not have. */
export function unknownOption(
  where: string,
  option: string,
  allowed: readonly string[],
  of: OptionsOf = "query",
  advice?: string,
): OrmError {
  const fix = advice ?? `Valid options: ${allowed.join(", ")}.`;
  return make(
    optionErrorClasses[of],
    "PICCOLO_UNKNOWN_OPTION",
    `${where} has no option "${option}".${didYouMean(option, allowed)} ${fix}`,
  );
}

/**
 * Throws for the first key of `options` not in `allowed`, naming the nearest valid one: every
 * "has no option" check goes through here. `where` names the thing as the message should ("Integer", "transaction()").
 */
export function assertKnownOptions(
  where: string,
  options: object,
  allowed: readonly string[],
  of: OptionsOf = "query",
  advice?: string,
): void {
  for (const key of Object.keys(options))
    if (!allowed.includes(key)) throw unknownOption(where, key, allowed, of, advice);
}

/** A value does not fit its column. */
export function invalidValue(
  table: string,
  column: string,
  value: unknown,
  expected: string,
  secret = false,
): ValidationError {
  const got = secret ? "a value that is not shown (the column is secret)" : show(value);
  return new ValidationError(
    `Invalid value for ${table}.${column}: got ${got}, expected ${expected}.`,
    table,
    column,
    "PICCOLO_INVALID_VALUE",
  );
}

/** A column name that the table does not have. */
export function columnNotFound(table: string, name: string, columns: Iterable<string>): QueryError {
  const all = [...columns]; // may be a one-shot iterator such as Map.keys()
  return make(
    QueryError,
    "PICCOLO_COLUMN_NOT_FOUND",
    `Table ${table} has no column "${name}".${didYouMean(name, all)} Columns: ${all.join(", ")}.`,
  );
}

/** A column of one table used in a query (or condition) on another. */
export function foreignColumn(method: string, table: string, other: string): QueryError {
  return make(
    QueryError,
    "PICCOLO_FOREIGN_COLUMN",
    `${method}() on ${table} got a column of ${other}. Reach other tables through a foreign key, e.g. ${table}.c.someForeignKey.name.`,
  );
}

/** A query ran on a table whose @table() decorator named no engine. */
export function noEngine(table: string): ConfigError {
  return make(
    ConfigError,
    "PICCOLO_NO_ENGINE",
    `Table ${table} has no database engine. Pass one to the decorator: @table({ db: new SQLiteEngine({ path: "app.sqlite" }) }), ` +
      `or bind one at run time: setDefaultEngine(DB), bindEngine(DB, [${table}]) or withEngine(DB, () => ...).`,
  );
}

/** A class was used as a table without the @table() decorator. */
export function notATable(className: string): DefinitionError {
  return make(
    DefinitionError,
    "PICCOLO_NOT_A_TABLE",
    `${className} is not a table: decorate the class with @table({ db }) and extend Table<${className}>().`,
  );
}

/** An engine's npm driver package is not installed. */
export function driverMissing(packageName: string, engine: string, cause: unknown): ConfigError {
  return make(
    ConfigError,
    "PICCOLO_DRIVER_MISSING",
    `${engine} needs the "${packageName}" package, which is not installed. Run: npm install ${packageName}`,
    {
      cause,
    },
  );
}

/** A delete or update with no where clause, which would touch every row. */
export function missingWhere(operation: "delete" | "update", table: string): QueryError {
  return make(
    QueryError,
    "PICCOLO_MISSING_WHERE",
    `Refusing to ${operation} every row of ${table} without a where clause. Add .where(...), or pass { force: true } to ${operation}() if you mean all rows.`,
  );
}

/** A column whose name collides with a member every table has. */
export function reservedColumnName(table: string, name: string): DefinitionError {
  return make(
    DefinitionError,
    "PICCOLO_RESERVED_COLUMN_NAME",
    `${table}.${name} cannot be a column: "${name}" is reserved by Table or by JavaScript classes. Rename the property and keep the database name with { dbColumnName: "${name}" }.`,
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
    `Cannot infer the column type of ${table}.${column}: pass it explicitly, e.g. @column(Varchar()). Bare @column() works only with emitDecoratorMetadata on string, number, boolean or Date properties.`,
  );
}

/** A query kept running on a transaction's connection after the transaction ended. */
export function transactionFinished(): QueryError {
  return make(
    QueryError,
    "PICCOLO_TRANSACTION_FINISHED",
    "This transaction has already committed or rolled back: await every query inside the transaction callback.",
  );
}

/** `transaction()` options that are not an object. */
export function invalidTransactionOptions(options: unknown): QueryError {
  return make(
    QueryError,
    "PICCOLO_INVALID_TRANSACTION_OPTIONS",
    `transaction() options must be an object such as { isolationLevel: "serializable" }, got ${show(options)}.`,
  );
}

/** An isolation level `transaction()` does not know. */
export function unknownIsolationLevel(level: unknown, levels: readonly string[]): QueryError {
  const guess = typeof level === "string" ? didYouMean(level, levels) : "";
  return make(
    QueryError,
    "PICCOLO_UNKNOWN_ISOLATION_LEVEL",
    `Unknown isolation level ${show(level)} for transaction().${guess} Use one of ${levels.map((l) => `"${l}"`).join(", ")}.`,
  );
}

/** `dropTable({ cascade: true })` inside a transaction on SQLite, where foreign keys cannot be switched off. */
export function dropCascadeInTransaction(table: string): UnsupportedFeatureError {
  return make(
    UnsupportedFeatureError,
    "PICCOLO_DROP_CASCADE_IN_TRANSACTION",
    `dropTable({ cascade: true }) of ${table} cannot run inside a transaction on SQLite: foreign keys can only be switched off ` +
      "outside one, and otherwise dropping the table would delete or null the rows that reference it. Run it outside the transaction.",
  );
}

/** A value where a column reference or expression was required. */
export function notAColumn(method: string, value: unknown): QueryError {
  return make(
    QueryError,
    "PICCOLO_NOT_A_COLUMN",
    `${method}() expects columns such as Band.c.name, got ${show(value)}.`,
  );
}

/** A raw query whose `{}` placeholders do not match its parameters. */
export function rawPlaceholderMismatch(placeholders: number, params: number): QueryError {
  return make(
    QueryError,
    "PICCOLO_RAW_PLACEHOLDER_MISMATCH",
    `Raw SQL has ${placeholders} {} placeholder(s) but ${params} parameter(s) were given.`,
  );
}

/** An instance operation that needs a saved row. */
export function notSaved(table: string, operation: string): QueryError {
  return make(
    QueryError,
    "PICCOLO_NOT_SAVED",
    `Cannot ${operation} a ${table} that has no primary key value yet: save() it first.`,
  );
}

/** An invalid limit/offset. */
export function invalidCount(method: string, value: unknown): QueryError {
  return make(
    QueryError,
    "PICCOLO_INVALID_COUNT",
    `${method}() expects a whole number of 0 or more, got ${show(value)}.`,
  );
}

/** A schema change the dialect cannot express as one statement (SQLite alters columns by table rebuild instead). */
export function unsupportedStatement(dialect: string, what: string): UnsupportedFeatureError {
  return make(
    UnsupportedFeatureError,
    "PICCOLO_UNSUPPORTED_STATEMENT",
    `${dialect} cannot ${what} in place: piccolo's migration runner does it by rebuilding the table.`,
  );
}

/** A migration operation that does not fit the schema replayed from earlier migrations. */
export function snapshotConflict(op: string, problem: string): MigrationError {
  return migrationError(
    "PICCOLO_MIGRATION_SNAPSHOT_CONFLICT",
    `Migration operation ${op} cannot apply: ${problem}. Check the app's migration files (an edited or missing file?).`,
  );
}

/** A NOT NULL column added without a default that existing rows could take. */
export function columnNeedsBackfill(table: string, column: string): MigrationError {
  return migrationError(
    "PICCOLO_COLUMN_NEEDS_BACKFILL",
    `${table}.${column} is NOT NULL and has no constant default, so existing rows would have no value. Give it a default (e.g. { default: ... }), or declare it { null: true }, migrate, fill it, then make it NOT NULL.`,
  );
}

/** A possible rename that a non-interactive run cannot decide. */
export function renameNeedsHint(kind: "table" | "column", from: string, to: string, table?: string): MigrationError {
  const what =
    kind === "table"
      ? `table "${from}" was removed and table "${to}" added`
      : `column "${table}.${from}" was removed and "${table}.${to}" added`;
  const hint = kind === "table" ? `${from}:${to}` : `${table}.${from}:${to}`;
  const drop = kind === "table" ? from : `${table}.${from}`;
  return migrationError(
    "PICCOLO_RENAME_NEEDS_HINT",
    `Cannot tell whether ${what}: a rename keeps the data, a drop loses it. Run interactively to be asked, or pass --rename ${hint} if it is a rename, or --drop ${drop} if it is not.`,
  );
}

/** A migration file that is not a valid migration. */
export function invalidMigration(file: string, problem: string): MigrationError {
  return migrationError(
    "PICCOLO_INVALID_MIGRATION",
    `${file} is not a valid migration: ${problem}. A migration file exports default { id, app, forwards: [...], backwards: [...] }.`,
  );
}

/** Migrations whose dependencies form a cycle, or name a migration that does not exist. */
export function migrationDependency(problem: string): MigrationError {
  return migrationError("PICCOLO_MIGRATION_DEPENDENCY", `Migration dependencies: ${problem}.`);
}

/** An app name that is not in APP_REGISTRY. */
export function appNotFound(name: string, apps: readonly string[]): ConfigError {
  return make(
    ConfigError,
    "PICCOLO_APP_NOT_FOUND",
    `No app named "${name}".${didYouMean(name, apps)} Apps in APP_REGISTRY: ${apps.join(", ") || "(none)"}. Create one with: piccolo app new ${name}`,
  );
}

/** A migration id that the app does not have. */
export function migrationNotFound(app: string, id: string, ids: readonly string[]): MigrationError {
  return migrationError(
    "PICCOLO_MIGRATION_NOT_FOUND",
    `App ${app} has no migration "${id}". Its migrations: ${ids.join(", ") || "(none)"}.`,
    { app, migrationId: id },
  );
}

/** A migration step that failed; the runner's transaction rolls the whole migration back. */
export function migrationStepFailed(
  m: { app: string; id: string },
  direction: "forwards" | "backwards",
  step: number,
  steps: number,
  operation: string,
  sql: string | undefined,
  cause: unknown,
): MigrationStepError {
  const reason = cause instanceof Error ? cause.message : String(cause);
  const statement = sql !== undefined && !reason.includes(sql) ? ` (SQL: ${sql})` : "";
  return new MigrationStepError(
    `Migration ${m.app}:${m.id} failed going ${direction} at step ${step} of ${steps}, ${operation}: ${reason}${statement}. The migration was rolled back: none of its steps is applied. Fix the migration file (or the data) and run it again.`,
    m.app,
    m.id,
    direction,
    step,
    operation,
    sql,
    cause,
  );
}

/** Backwards of a migration whose forwards runs JavaScript that its backwards does not undo. */
export function migrationIrreversible(key: string, step: string): MigrationError {
  return migrationError(
    "PICCOLO_MIGRATION_IRREVERSIBLE",
    `Migration ${key} cannot go backwards: its forwards has a raw step (${step}) and its backwards has none, so piccolo cannot know how to undo it. Add { op: "raw", run: async (db) => { … } } to its backwards (run: async () => {} when there is nothing to undo). Nothing was changed.`,
  );
}

/** A command that changes or drops data, run where it cannot ask. */
export function confirmationNeeded(command: string, what: string): OrmError {
  return make(
    OrmError,
    "PICCOLO_CONFIRMATION_NEEDED",
    `${command} would ${what} (listed above) and asks before it does, but it is not running on a terminal (stdin and stdout): pass --yes to go ahead (or --preview to see its SQL). Nothing was changed.`,
  );
}

/** The applied migrations changed between the question and the answer (another runner, or a new file). */
export function migrationPlanChanged(confirmed: readonly string[], now: readonly string[]): MigrationError {
  return migrationError(
    "PICCOLO_MIGRATION_PLAN_CHANGED",
    `The migrations to undo changed while you were asked (confirmed: ${confirmed.join(", ") || "none"}; now: ${now.join(", ") || "none"}). Nothing was changed; run the command again.`,
  );
}

/** `migrations check`: pending migrations, or tables that differ from what the migrations build. */
export function migrationsOutOfDate(problems: readonly string[]): MigrationError {
  return migrationError(
    "PICCOLO_MIGRATIONS_OUT_OF_DATE",
    `Migrations are not up to date:\n${problems.map((p) => `  - ${p}`).join("\n")}`,
  );
}

/** Two migration files of an app with one id. */
export function duplicateMigrationId(app: string, id: string, files: readonly string[]): MigrationError {
  return migrationError(
    "PICCOLO_DUPLICATE_MIGRATION_ID",
    `App ${app} has two migrations with id "${id}": ${files.join(" and ")}. Ids must be unique within an app: remove the copy (a compiled .js beside its .ts is skipped on its own) or give it a new id.`,
    { app, migrationId: id },
  );
}

/** No piccolo.config file was found. */
export function configNotFound(searchedFrom: string): ConfigError {
  return make(
    ConfigError,
    "PICCOLO_CONFIG_NOT_FOUND",
    `No piccolo.config.ts (or .js/.mjs) found in ${searchedFrom} or any folder above it. Create one with: npx piccolo project new — or point PICCOLO_CONF at your config file.`,
  );
}

/** PICCOLO_CONF names a file that does not exist. */
export function configFileMissing(path: string): ConfigError {
  return make(
    ConfigError,
    "PICCOLO_CONFIG_FILE_MISSING",
    `PICCOLO_CONF is set to ${path}, which does not exist. Fix the path or unset PICCOLO_CONF.`,
  );
}

/** The config file lacks an export the CLI needs. */
export function configMissingExport(path: string, name: "DB" | "APP_REGISTRY"): ConfigError {
  const example =
    name === "DB"
      ? 'export const DB = new SQLiteEngine({ path: "piccolo.sqlite" });'
      : 'export const APP_REGISTRY = new AppRegistry({ apps: ["./music/piccolo_app"] });';
  return make(ConfigError, "PICCOLO_CONFIG_MISSING_EXPORT", `${path} does not export ${name}. Add: ${example}`);
}

/** An app file that does not export an AppConfig. */
export function appConfigMissing(path: string): ConfigError {
  return make(
    ConfigError,
    "PICCOLO_APP_CONFIG_MISSING",
    `${path} does not export an AppConfig. Add: export const APP_CONFIG = new AppConfig({ name: "music", tables: [Band] });`,
  );
}

/** A file the CLI would write already exists. */
export function fileExists(path: string): OrmError {
  return make(OrmError, "PICCOLO_FILE_EXISTS", `${path} already exists; remove it first or choose another name.`);
}

/** A module (config, app, table or migration file) failed to load. */
export function moduleLoadFailed(path: string, cause: unknown): ConfigError {
  const reason = cause instanceof Error ? cause.message : String(cause);
  return make(ConfigError, "PICCOLO_MODULE_LOAD_FAILED", `Could not load ${path}: ${reason}`, { cause });
}

/** Rows that break a foreign key after a migration step (SQLite table rebuild). */
export function foreignKeyCheckFailed(migration: string, rows: number): MigrationError {
  return migrationError(
    "PICCOLO_MIGRATION_FOREIGN_KEY_CHECK_FAILED",
    `Migration ${migration} would leave ${rows} row(s) pointing at missing rows (foreign key check failed); nothing was changed.`,
  );
}

/** An array column of an element type arrays cannot hold. */
export function arrayElementNotSupported(kind: string | undefined, supported: readonly string[]): DefinitionError {
  return make(
    DefinitionError,
    "PICCOLO_ARRAY_ELEMENT_NOT_SUPPORTED",
    `ArrayColumn cannot hold ${kind === undefined ? "that" : `"${kind}"`} elements; pass a scalar column type such as ArrayColumn(Integer()) (supported: ${supported.join(", ")}). Use JSONB for nested data.`,
  );
}

/** An operator used on a column whose type does not have it (e.g. `any()` on a Varchar). */
export function operatorNotForColumn(
  method: string,
  table: string,
  column: string,
  kind: string,
  expected: string,
): QueryError {
  return make(
    QueryError,
    "PICCOLO_OPERATOR_NOT_FOR_COLUMN",
    `${method}() works on ${expected} columns; ${table}.${column} is ${/^[aeiou]/.test(kind) ? "an" : "a"} ${kind} column.`,
  );
}

/** An M2M join table without a foreign key to one of the two tables (`table` undefined: the other one). */
export function m2mMissingForeignKey(field: string, joinTable: string, table: string | undefined): DefinitionError {
  const what = table ?? "the other table";
  const example = table ?? "Other";
  return make(
    DefinitionError,
    "PICCOLO_M2M_MISSING_FOREIGN_KEY",
    `The join table ${joinTable} of ${field} has no foreign key to ${what}: a join table needs one to each side, e.g. @column(ForeignKey(() => ${example})).`,
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
    `The join table ${joinTable} of ${field} has several foreign keys that fit (${candidates.join(", ")}): name the one to use, e.g. @m2m(() => ${joinTable}, { ${option}: "${candidates[0]}" }).`,
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

/** Something other than one of the table's M2M handles given to an M2M method. */
export function notAnM2M(method: string, table: string, fields: readonly string[]): QueryError {
  const example =
    fields.length > 0 ? `${table}.m2m.${fields[0]}` : `${table}.m2m.someField (declare one with @m2m(() => JoinTable))`;
  return make(QueryError, "PICCOLO_NOT_AN_M2M", `${method}() expects an M2M field of ${table}, such as ${example}.`);
}

/** A row of the wrong table, or a target row without a key, given to an M2M method. */
export function m2mBadRow(method: string, field: string, target: string, got: unknown, unsaved: boolean): QueryError {
  if (unsaved)
    return make(
      QueryError,
      "PICCOLO_M2M_ROW_NOT_SAVED",
      `${method}() on ${field} got a ${target} that has no primary key value yet: save() it first.`,
    );
  const name = typeof got === "object" && got !== null ? got.constructor.name : typeof got;
  return make(
    QueryError,
    "PICCOLO_M2M_BAD_ROW",
    `${method}() on ${field} expects ${target} instances${method === "addM2M" ? " or objects of its columns" : ""}, got ${name}.`,
  );
}

/** An M2M array selected from a table related to itself, whose subquery could not tell the two apart. */
export function m2mSelfSelect(field: string): UnsupportedFeatureError {
  return make(
    UnsupportedFeatureError,
    "PICCOLO_M2M_SELF_SELECT",
    `Selecting ${field} as an array is not supported: it relates a table to itself. Use getM2M() per row instead.`,
  );
}

/** A composite primary key with a Serial column, which SQLite cannot number outside a single-column key. */
export function serialInCompositeKey(table: string, column: string, keys: readonly string[]): DefinitionError {
  return make(
    DefinitionError,
    "PICCOLO_SERIAL_IN_COMPOSITE_KEY",
    `Table ${table} has a composite primary key (${keys.join(", ")}) that includes the Serial column ${column}: a serial number is generated only for a single-column key. Use Integer (or BigInt) for ${column}, or make ${column} the only primary key.`,
  );
}

/** Something that needs a single-column primary key used on a table whose key has several columns. */
export function compositeKeyUnsupported(table: string, keys: readonly string[], what: string): UnsupportedFeatureError {
  return make(
    UnsupportedFeatureError,
    "PICCOLO_COMPOSITE_KEY_UNSUPPORTED",
    `${what} needs a single-column primary key, but ${table} has a composite primary key (${keys.join(", ")}).`,
  );
}

/** A ForeignKey to a table whose primary key has several columns: one column cannot reference it. */
export function foreignKeyToCompositeKey(target: string, keys: readonly string[]): DefinitionError {
  return make(
    DefinitionError,
    "PICCOLO_FOREIGN_KEY_TO_COMPOSITE_KEY",
    `A ForeignKey(() => ${target}) points at ${target}, whose primary key is composite (${keys.join(", ")}); a foreign key over several columns is not supported. Give ${target} a single primary key (e.g. the default id, keeping (${keys.join(", ")}) unique), or reference one of its unique columns with ForeignKey(() => ${target}, { targetColumn: "…" }).`,
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
    `addM2M() on ${field} needs the join table ${joinTable} to have (${sourceKey}, ${targetKey}) as its primary key or a unique constraint, so that concurrent calls cannot relate a pair twice. Declare both foreign keys with primaryKey: true (and ${joinTable} extends Table<${joinTable}, null>()), or add @table({ unique: [["${sourceKey}", "${targetKey}"]] }), then make a migration for it.`,
  );
}

/** A Numeric operation SQLite cannot do exactly in this storage or on this driver. */
export function numericUnsupportedOnSQLite(what: string, fix: string): UnsupportedFeatureError {
  return make(
    UnsupportedFeatureError,
    "PICCOLO_NUMERIC_UNSUPPORTED_ON_SQLITE",
    `SQLite cannot ${what} exactly: ${fix}. (PostgreSQL can.)`,
  );
}

/** Text that should hold a decimal (a Numeric value or its stored form) does not. */
export function notADecimal(text: string): QueryError {
  return make(
    QueryError,
    "PICCOLO_NOT_A_DECIMAL",
    `Expected an exact decimal such as "12.50", got ${JSON.stringify(text)}.`,
  );
}

/** An index method the dialect does not have (SQLite has only B-tree indexes). */
export function unsupportedIndexMethod(dialect: string, method: string, index: string): UnsupportedFeatureError {
  return make(
    UnsupportedFeatureError,
    "PICCOLO_UNSUPPORTED_INDEX_METHOD",
    `${dialect} has no "${method}" index method (index ${index}): its indexes are all B-trees. Leave method out (or use "btree") for this engine.`,
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
    `${typeName} cannot take ${option}: now: only Timestamp, Timestamptz, DateColumn and Time columns can. Use a value or a function instead.`,
  );
}

/** An index or trigger a SQLite table rebuild could not create again. */
export function carryOverFailed(table: string, name: string, cause: unknown): MigrationError {
  const reason = (cause instanceof Error ? cause.message : String(cause)).replace(/\.$/, "");
  return migrationError(
    "PICCOLO_MIGRATION_CARRY_OVER_FAILED",
    `Rebuilding table ${table} could not recreate its index or trigger "${name}": ${reason}. Drop or fix it in an earlier migration step.`,
    {},
    { cause },
  );
}

/** createTables() called with no tables, or with tables of different engines. */
export function createTablesMisuse(problem: string): QueryError {
  return make(QueryError, "PICCOLO_CREATE_TABLES_MISUSE", `createTables() ${problem}.`);
}

/** An index method @table() does not know. */
export function unknownIndexMethod(table: string, method: string, methods: readonly string[]): DefinitionError {
  return make(
    DefinitionError,
    "PICCOLO_UNKNOWN_INDEX_METHOD",
    `@table() of ${table}: unknown index method "${method}".${didYouMean(method, methods)} Methods: ${methods.join(", ")}.`,
  );
}

/** An engine's `log` option that is neither a boolean nor a function. */
export function invalidLogOption(log: unknown): ConfigError {
  return make(
    ConfigError,
    "PICCOLO_INVALID_LOG_OPTION",
    `log must be true, false or a function receiving each query, got ${String(log)}.`,
  );
}

/** A SQLiteEngine driver name it does not know. */
export function unknownSQLiteDriver(driver: unknown): ConfigError {
  return make(
    ConfigError,
    "PICCOLO_UNKNOWN_DRIVER",
    `SQLiteEngine driver must be "better-sqlite3" or "sqlite3", got "${String(driver)}".`,
  );
}

/** A JSON key SQLite's JSON path syntax cannot quote. */
export function jsonKeyWithQuote(key: string): UnsupportedFeatureError {
  return make(
    UnsupportedFeatureError,
    "PICCOLO_JSON_KEY_WITH_QUOTE",
    `SQLite JSON paths cannot name a key containing a double quote (${JSON.stringify(key)}); this works on PostgreSQL only.`,
  );
}

/** lockRows({ nowait }) or lockRows({ skipLocked }) on SQLite, which locks the whole database instead. */
export function lockWaitUnsupported(wait: "nowait" | "skipLocked"): UnsupportedFeatureError {
  return make(
    UnsupportedFeatureError,
    "PICCOLO_LOCK_WAIT_UNSUPPORTED",
    `lockRows({ ${wait} }) is only supported on PostgreSQL.`,
  );
}

/** ilike() on SQLite with a pattern that is not a string: the emulation builds a GLOB from it. */
export function ilikePatternNotString(): UnsupportedFeatureError {
  return make(
    UnsupportedFeatureError,
    "PICCOLO_ILIKE_PATTERN_NOT_STRING",
    "ilike() on SQLite needs a string pattern: it is matched with GLOB, built from the pattern.",
  );
}

/** DISTINCT ON on a dialect without it. */
export function distinctOnUnsupported(): UnsupportedFeatureError {
  return make(
    UnsupportedFeatureError,
    "PICCOLO_DISTINCT_ON_UNSUPPORTED",
    "distinct({ on }) (DISTINCT ON) is only supported on PostgreSQL.",
  );
}

/** A LIMIT or OFFSET that reached the compiler as something other than a whole number of 0 or more. */
export function invalidLimit(n: unknown): UnsupportedFeatureError {
  return make(
    UnsupportedFeatureError,
    "PICCOLO_INVALID_LIMIT",
    `LIMIT and OFFSET take whole numbers of 0 or more, got ${String(n)}.`,
  );
}

/** An insert of several rows none of which sets a column. */
export function emptyMultiRowInsert(): UnsupportedFeatureError {
  return make(
    UnsupportedFeatureError,
    "PICCOLO_EMPTY_MULTI_ROW_INSERT",
    "Inserting several rows that set no column at all is not supported: give at least one value.",
  );
}

/** Something other than a foreign key (or a path through them) given where one is needed. */
export function notAForeignKey(
  method: "prefetch" | "getRelated" | "getReverse" | "Related",
  table: string,
): QueryError {
  const messages = {
    Related: "Related() expects a foreign key column of the related table, such as Band.c.manager.",
    prefetch: `prefetch() expects foreign keys of ${table}, such as ${table}.c.manager or a path through them.`,
    getRelated: `getRelated() expects a foreign key of ${table} or a path through them, such as ${table}.c.manager.`,
    getReverse: `getReverse() expects a foreign key that points at ${table}, such as Band.c.manager.`,
  };
  return make(QueryError, "PICCOLO_NOT_A_FOREIGN_KEY", messages[method]);
}

/** A raw SQL fragment that is not a string. */
export function rawSqlNotText(method: string): QueryError {
  return make(QueryError, "PICCOLO_RAW_SQL_NOT_TEXT", `${method}() expects SQL text with {} placeholders.`);
}

/** Exists() given something other than a select. */
export function existsNeedsSelect(): QueryError {
  return make(
    QueryError,
    "PICCOLO_EXISTS_NEEDS_SELECT",
    "Exists() expects a select, such as Concert.select(Concert.c.id).where(…).",
  );
}

/** Outer() given something other than a column of the outer query's table. */
export function outerNeedsColumn(): QueryError {
  return make(
    QueryError,
    "PICCOLO_OUTER_NEEDS_COLUMN",
    "Outer() expects a column of the outer query's own table, such as Band.c.id.",
  );
}

/** where() given something other than a condition. */
export function notACondition(value: unknown): QueryError {
  return make(
    QueryError,
    "PICCOLO_NOT_A_CONDITION",
    `where() expects conditions such as Band.c.name.eq("x"), got ${String(value)}.`,
  );
}

/** update() with no column to set. */
export function nothingToUpdate(table: string): QueryError {
  return make(QueryError, "PICCOLO_NOTHING_TO_UPDATE", `update() on ${table} needs at least one column to set.`);
}

/** An update value that reads columns of other tables (through a join update cannot make). */
export function updateValueJoins(): QueryError {
  return make(QueryError, "PICCOLO_UPDATE_VALUE_JOINS", "update() values cannot read other tables' columns.");
}

/** A lock mode lockRows() does not know. */
export function invalidLockMode(mode: unknown, modes: readonly string[]): QueryError {
  return make(
    QueryError,
    "PICCOLO_INVALID_LOCK_MODE",
    `lockRows() mode must be one of ${modes.join(", ")}, got "${String(mode)}".`,
  );
}

/** Two options of a method that exclude each other. */
export function conflictingOptions(method: string, first: string, second: string): QueryError {
  return make(QueryError, "PICCOLO_CONFLICTING_OPTIONS", `${method}() takes ${first} or ${second}, not both.`);
}

/** A batch size that is not a whole number of 1 or more. */
export function invalidBatchSize(size: unknown): QueryError {
  return make(
    QueryError,
    "PICCOLO_INVALID_BATCH_SIZE",
    `batch() size must be a whole number of 1 or more, got ${String(size)}.`,
  );
}

/** distinct({ on: [] }). */
export function distinctOnEmpty(): QueryError {
  return make(QueryError, "PICCOLO_DISTINCT_ON_EMPTY", "distinct({ on }) needs at least one column.");
}

/** A select used as a subquery value that selects other than one column. */
export function subqueryColumnCount(count: number): QueryError {
  return make(QueryError, "PICCOLO_SUBQUERY_COLUMN_COUNT", `A subquery must select exactly one column, got ${count}.`);
}

/** getOrCreate() with nothing to build the new row from. */
export function getOrCreateNeedsValues(): QueryError {
  return make(
    QueryError,
    "PICCOLO_GET_OR_CREATE_NEEDS_VALUES",
    "getOrCreate() needs equality conditions (column.eq(value)) or defaults to build the new row from.",
  );
}

/** insert() with no rows. */
export function insertNoRows(table: string): QueryError {
  return make(QueryError, "PICCOLO_INSERT_NO_ROWS", `insert() on ${table} needs at least one row.`);
}

/** insert() given a row that is not an object. */
export function insertBadRow(table: string, row: unknown): QueryError {
  return make(
    QueryError,
    "PICCOLO_INSERT_BAD_ROW",
    `insert() expects ${table} instances or objects, got ${String(row)}.`,
  );
}

/** An onConflict() action it does not know. */
export function invalidConflictAction(action: unknown): QueryError {
  return make(
    QueryError,
    "PICCOLO_INVALID_CONFLICT_ACTION",
    `onConflict() action must be "doNothing" or "doUpdate", got "${String(action)}".`,
  );
}

/** onConflict({ action: "doUpdate" }) without the columns that conflict. */
export function conflictTargetMissing(): QueryError {
  return make(
    QueryError,
    "PICCOLO_CONFLICT_TARGET_MISSING",
    'onConflict({ action: "doUpdate" }) needs a target: the unique column(s) that conflict.',
  );
}

/** onConflict({ action: "doUpdate" }) with no column left to update. */
export function conflictNothingToUpdate(): QueryError {
  return make(
    QueryError,
    "PICCOLO_CONFLICT_NOTHING_TO_UPDATE",
    'onConflict({ action: "doUpdate" }) has nothing to update.',
  );
}

/** A multi-row insert where some rows give the generated key and some do not. */
export function mixedGeneratedKeys(table: string, property: string): QueryError {
  return make(
    QueryError,
    "PICCOLO_MIXED_GENERATED_KEYS",
    `insert() on ${table}: give every row an ${property} or none of them (the database generates missing ones).`,
  );
}

/** output({ asList: true }) over other than one selected column. */
export function asListColumnCount(selected: number): QueryError {
  return make(
    QueryError,
    "PICCOLO_AS_LIST_COLUMN_COUNT",
    `output({ asList: true }) needs exactly one selected column, got ${selected}.`,
  );
}

/** Param() without a name. */
export function paramNeedsName(): QueryError {
  return make(QueryError, "PICCOLO_PARAM_NEEDS_NAME", 'Param() needs a name, such as Param("name").');
}

/** A query run without a value for one of its Param()s. */
export function paramNotBound(name: string): QueryError {
  return make(
    QueryError,
    "PICCOLO_PARAM_NOT_BOUND",
    `The query needs a value for Param("${name}"): pass it with .bind({ ${name}: … }).`,
  );
}

/** A function argument that is not a column, expression, string or number. */
export function notAnOperand(method: string, value: unknown): QueryError {
  return make(
    QueryError,
    "PICCOLO_NOT_AN_OPERAND",
    `${method}() expects columns, expressions, strings or numbers, got ${String(value)}.`,
  );
}

/** A function argument that is not a column or expression. */
export function notAnExpression(method: string): QueryError {
  return make(
    QueryError,
    "PICCOLO_NOT_AN_EXPRESSION",
    `${method}() expects a column or expression such as Band.c.popularity.`,
  );
}

/** Concat() with fewer than two parts. */
export function concatNeedsTwoParts(): QueryError {
  return make(QueryError, "PICCOLO_CONCAT_NEEDS_TWO_PARTS", "Concat() needs at least two parts.");
}

/** Extract() of a date part it does not know. */
export function unknownDatePart(part: unknown, parts: readonly string[]): QueryError {
  return make(
    QueryError,
    "PICCOLO_UNKNOWN_DATE_PART",
    `Extract() has no part "${String(part)}". Parts: ${parts.join(", ")}.`,
  );
}

/** Round() with digits that are not a whole number. */
export function invalidRoundDigits(digits: unknown): QueryError {
  return make(
    QueryError,
    "PICCOLO_INVALID_ROUND_DIGITS",
    `Round() expects a whole number of digits, got ${String(digits)}.`,
  );
}

/** refresh() of a row that was deleted meanwhile. */
export function rowGone(table: string): QueryError {
  return make(QueryError, "PICCOLO_ROW_GONE", `Cannot refresh ${table}: its row no longer exists.`);
}

/** A CLI word that is neither a command nor an app. */
export function unknownCommand(word: string, apps: readonly string[]): OrmError {
  return make(
    OrmError,
    "PICCOLO_UNKNOWN_COMMAND",
    `"${word}" is neither a piccolo command (see piccolo --help) nor an app (apps: ${apps.join(", ") || "none"}).`,
  );
}

/** An app command the app does not define. */
export function appCommandNotFound(app: string, command: string): OrmError {
  return make(OrmError, "PICCOLO_APP_COMMAND_NOT_FOUND", `App ${app} has no command "${command}".`);
}

/** A --rename hint that is not old:new or table.old:new. */
export function invalidRenameHint(hint: string): OrmError {
  return make(
    OrmError,
    "PICCOLO_INVALID_RENAME_HINT",
    `--rename takes old:new (a table, "band:group") or table.old:new (a column, "band.name:title"), got "${hint}".`,
  );
}

/** An --engine flag other than sqlite or postgres. */
export function invalidEngineFlag(engine: string): OrmError {
  return make(OrmError, "PICCOLO_INVALID_ENGINE_FLAG", `--engine must be sqlite or postgres, got "${engine}".`);
}

/** An app name that is not an identifier. */
export function invalidAppName(name: string): OrmError {
  return make(OrmError, "PICCOLO_INVALID_APP_NAME", `App names are identifiers (letters, digits, _), got "${name}".`);
}

/** A --count flag that is not a whole number of 1 or more. */
export function invalidCountFlag(value: string): OrmError {
  return make(OrmError, "PICCOLO_INVALID_COUNT_FLAG", `--count takes a whole number of 1 or more, got "${value}".`);
}

/** Both --count and --migration-id given. */
export function countOrMigrationId(): OrmError {
  return make(OrmError, "PICCOLO_COUNT_OR_MIGRATION_ID", "Give --count or --migration-id, not both.");
}

/** The user answered no to a confirmation. */
export function cancelled(what: "undone" | "deleted"): OrmError {
  return make(OrmError, "PICCOLO_CANCELLED", `Cancelled: nothing was ${what}.`);
}

/** onConflict({ where }) without doUpdate. */
export function conflictWhereNeedsUpdate(): QueryError {
  return make(
    QueryError,
    "PICCOLO_CONFLICT_WHERE_NEEDS_UPDATE",
    'onConflict({ where }) applies to action "doUpdate" only: it picks which existing rows are updated.',
  );
}

/** select().columns() after first() or output(). */
export function columnsAfterShape(): QueryError {
  return make(
    QueryError,
    "PICCOLO_COLUMNS_AFTER_SHAPE",
    "columns() must come before first() and output(): call it right after select().",
  );
}

/** Related() over a foreign key of a table to itself. */
export function reverseSelfSelect(table: string, property: string): UnsupportedFeatureError {
  return make(
    UnsupportedFeatureError,
    "PICCOLO_REVERSE_SELF_SELECT",
    `Related(${table}.c.${property}) is not supported: the key points at its own table. Use getReverse() per row instead.`,
  );
}

/** A SQL function a dialect lacks, refused when the query compiles. */
export function unsupportedFunction(dialect: string, name: string): UnsupportedFeatureError {
  return make(
    UnsupportedFeatureError,
    "PICCOLO_UNSUPPORTED_FUNCTION",
    `${dialect} has no ${name}() function: compute it in JavaScript after the query, or run the query on PostgreSQL.`,
  );
}
