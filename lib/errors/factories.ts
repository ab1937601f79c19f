import { nearest } from "../utils/names";
import { MigrationError, OrmError, UnsupportedFeatureError, ValidationError } from "./orm-error";

// Every usage error in one place: each says what is wrong and how to fix it.

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

/** A column type got an option it does not have (e.g. `nul`). */
export function invalidOption(typeName: string, option: string, allowed: readonly string[]): OrmError {
  return new OrmError(`${typeName} has no option "${option}".${didYouMean(option, allowed)} Valid options: ${allowed.join(", ")}.`);
}

/** A value does not fit its column. */
export function invalidValue(table: string, column: string, value: unknown, expected: string, secret = false): ValidationError {
  const got = secret ? "a value that is not shown (the column is secret)" : show(value);
  return new ValidationError(`Invalid value for ${table}.${column}: got ${got}, expected ${expected}.`, table, column);
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

/** `transaction()` options that are not an object. */
export function invalidTransactionOptions(options: unknown): OrmError {
  return new OrmError(`transaction() options must be an object such as { isolationLevel: "serializable" }, got ${show(options)}.`);
}

/** An isolation level `transaction()` does not know. */
export function unknownIsolationLevel(level: unknown, levels: readonly string[]): OrmError {
  const guess = typeof level === "string" ? didYouMean(level, levels) : "";
  return new OrmError(`Unknown isolation level ${show(level)} for transaction().${guess} Use one of ${levels.map((l) => `"${l}"`).join(", ")}.`);
}

/** `dropTable({ cascade: true })` inside a transaction on SQLite, where foreign keys cannot be switched off. */
export function dropCascadeInTransaction(table: string): UnsupportedFeatureError {
  return new UnsupportedFeatureError(
    `dropTable({ cascade: true }) of ${table} cannot run inside a transaction on SQLite: foreign keys can only be switched off ` +
      "outside one, and otherwise dropping the table would delete or null the rows that reference it. Run it outside the transaction.",
  );
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

/** A schema change the dialect cannot express as one statement (SQLite alters columns by table rebuild instead). */
export function unsupportedStatement(dialect: string, what: string): UnsupportedFeatureError {
  return new UnsupportedFeatureError(`${dialect} cannot ${what} in place: piccolo's migration runner does it by rebuilding the table.`);
}

/** A migration operation that does not fit the schema replayed from earlier migrations. */
export function snapshotConflict(op: string, problem: string): OrmError {
  return new OrmError(`Migration operation ${op} cannot apply: ${problem}. Check the app's migration files (an edited or missing file?).`);
}

/** A NOT NULL column added without a default that existing rows could take. */
export function columnNeedsBackfill(table: string, column: string): OrmError {
  return new OrmError(
    `${table}.${column} is NOT NULL and has no constant default, so existing rows would have no value. Give it a default (e.g. { default: ... }), or declare it { null: true }, migrate, fill it, then make it NOT NULL.`,
  );
}

/** A possible rename that a non-interactive run cannot decide. */
export function renameNeedsHint(kind: "table" | "column", from: string, to: string, table?: string): OrmError {
  const what = kind === "table" ? `table "${from}" was removed and table "${to}" added` : `column "${table}.${from}" was removed and "${table}.${to}" added`;
  const hint = kind === "table" ? `${from}:${to}` : `${table}.${from}:${to}`;
  const drop = kind === "table" ? from : `${table}.${from}`;
  return new OrmError(
    `Cannot tell whether ${what}: a rename keeps the data, a drop loses it. Run interactively to be asked, or pass --rename ${hint} if it is a rename, or --drop ${drop} if it is not.`,
  );
}

/** A migration file that is not a valid migration. */
export function invalidMigration(file: string, problem: string): OrmError {
  return new OrmError(`${file} is not a valid migration: ${problem}. A migration file exports default { id, app, forwards: [...], backwards: [...] }.`);
}

/** Migrations whose dependencies form a cycle, or name a migration that does not exist. */
export function migrationDependency(problem: string): OrmError {
  return new OrmError(`Migration dependencies: ${problem}.`);
}

/** An app name that is not in APP_REGISTRY. */
export function appNotFound(name: string, apps: readonly string[]): OrmError {
  return new OrmError(
    `No app named "${name}".${didYouMean(name, apps)} Apps in APP_REGISTRY: ${apps.join(", ") || "(none)"}. Create one with: piccolo app new ${name}`,
  );
}

/** A migration id that the app does not have. */
export function migrationNotFound(app: string, id: string, ids: readonly string[]): OrmError {
  return new OrmError(`App ${app} has no migration "${id}". Its migrations: ${ids.join(", ") || "(none)"}.`);
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
): MigrationError {
  const reason = cause instanceof Error ? cause.message : String(cause);
  const statement = sql !== undefined && !reason.includes(sql) ? ` (SQL: ${sql})` : "";
  return new MigrationError(
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
export function migrationIrreversible(key: string, step: string): OrmError {
  return new OrmError(
    `Migration ${key} cannot go backwards: its forwards has a raw step (${step}) and its backwards has none, so piccolo cannot know how to undo it. Add { op: "raw", run: async (db) => { … } } to its backwards (run: async () => {} when there is nothing to undo). Nothing was changed.`,
  );
}

/** A command that changes or drops data, run where it cannot ask. */
export function confirmationNeeded(command: string, what: string): OrmError {
  return new OrmError(`${command} would ${what} (listed above) and asks before it does, but it is not running on a terminal (stdin and stdout): pass --yes to go ahead (or --preview to see its SQL). Nothing was changed.`);
}

/** The applied migrations changed between the question and the answer (another runner, or a new file). */
export function migrationPlanChanged(confirmed: readonly string[], now: readonly string[]): OrmError {
  return new OrmError(`The migrations to undo changed while you were asked (confirmed: ${confirmed.join(", ") || "none"}; now: ${now.join(", ") || "none"}). Nothing was changed; run the command again.`);
}

/** `migrations check`: pending migrations, or tables that differ from what the migrations build. */
export function migrationsOutOfDate(problems: readonly string[]): OrmError {
  return new OrmError(`Migrations are not up to date:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
}

/** Two migration files of an app with one id. */
export function duplicateMigrationId(app: string, id: string, files: readonly string[]): OrmError {
  return new OrmError(`App ${app} has two migrations with id "${id}": ${files.join(" and ")}. Ids must be unique within an app: remove the copy (a compiled .js beside its .ts is skipped on its own) or give it a new id.`);
}

/** No piccolo.config file was found. */
export function configNotFound(searchedFrom: string): OrmError {
  return new OrmError(
    `No piccolo.config.ts (or .js/.mjs) found in ${searchedFrom} or any folder above it. Create one with: npx piccolo project new — or point PICCOLO_CONF at your config file.`,
  );
}

/** PICCOLO_CONF names a file that does not exist. */
export function configFileMissing(path: string): OrmError {
  return new OrmError(`PICCOLO_CONF is set to ${path}, which does not exist. Fix the path or unset PICCOLO_CONF.`);
}

/** The config file lacks an export the CLI needs. */
export function configMissingExport(path: string, name: "DB" | "APP_REGISTRY"): OrmError {
  const example =
    name === "DB" ? 'export const DB = new SQLiteEngine({ path: "piccolo.sqlite" });' : 'export const APP_REGISTRY = new AppRegistry({ apps: ["./music/piccolo_app"] });';
  return new OrmError(`${path} does not export ${name}. Add: ${example}`);
}

/** An app file that does not export an AppConfig. */
export function appConfigMissing(path: string): OrmError {
  return new OrmError(`${path} does not export an AppConfig. Add: export const APP_CONFIG = new AppConfig({ name: "music", tables: [Band] });`);
}

/** A file the CLI would write already exists. */
export function fileExists(path: string): OrmError {
  return new OrmError(`${path} already exists; remove it first or choose another name.`);
}

/** A module (config, app, table or migration file) failed to load. */
export function moduleLoadFailed(path: string, cause: unknown): OrmError {
  const reason = cause instanceof Error ? cause.message : String(cause);
  return new OrmError(`Could not load ${path}: ${reason}`, { cause });
}

/** Rows that break a foreign key after a migration step (SQLite table rebuild). */
export function foreignKeyCheckFailed(migration: string, rows: number): OrmError {
  return new OrmError(`Migration ${migration} would leave ${rows} row(s) pointing at missing rows (foreign key check failed); nothing was changed.`);
}

/** An array column of an element type arrays cannot hold. */
export function arrayElementNotSupported(kind: string | undefined, supported: readonly string[]): OrmError {
  return new OrmError(
    `ArrayColumn cannot hold ${kind === undefined ? "that" : `"${kind}"`} elements; pass a scalar column type such as ArrayColumn(Integer()) (supported: ${supported.join(", ")}). Use JSONB for nested data.`,
  );
}

/** An operator used on a column whose type does not have it (e.g. `any()` on a Varchar). */
export function operatorNotForColumn(method: string, table: string, column: string, kind: string, expected: string): OrmError {
  return new OrmError(`${method}() works on ${expected} columns; ${table}.${column} is ${/^[aeiou]/.test(kind) ? "an" : "a"} ${kind} column.`);
}

/** An M2M join table without a foreign key to one of the two tables (`table` undefined: the other one). */
export function m2mMissingForeignKey(field: string, joinTable: string, table: string | undefined): OrmError {
  const what = table ?? "the other table";
  const example = table ?? "Other";
  return new OrmError(
    `The join table ${joinTable} of ${field} has no foreign key to ${what}: a join table needs one to each side, e.g. @column(ForeignKey(() => ${example})).`,
  );
}

/** An M2M join table with several foreign keys that could be the relation's. */
export function m2mAmbiguousForeignKey(field: string, joinTable: string, candidates: readonly string[], option: "sourceKey" | "targetKey"): OrmError {
  return new OrmError(
    `The join table ${joinTable} of ${field} has several foreign keys that fit (${candidates.join(", ")}): name the one to use, e.g. @m2m(() => ${joinTable}, { ${option}: "${candidates[0]}" }).`,
  );
}

/** An @m2m() option naming a join-table column that is not a suitable foreign key. */
export function m2mBadKeyOption(field: string, joinTable: string, option: string, column: string, expected: string): OrmError {
  return new OrmError(`@m2m() of ${field}: ${option} "${column}" is not a foreign key of ${joinTable} to ${expected}.`);
}

/** Something other than one of the table's M2M handles given to an M2M method. */
export function notAnM2M(method: string, table: string, fields: readonly string[]): OrmError {
  const example = fields.length > 0 ? `${table}.m2m.${fields[0]}` : `${table}.m2m.someField (declare one with @m2m(() => JoinTable))`;
  return new OrmError(`${method}() expects an M2M field of ${table}, such as ${example}.`);
}

/** A row of the wrong table, or a target row without a key, given to an M2M method. */
export function m2mBadRow(method: string, field: string, target: string, got: unknown, unsaved: boolean): OrmError {
  if (unsaved) return new OrmError(`${method}() on ${field} got a ${target} that has no primary key value yet: save() it first.`);
  const name = typeof got === "object" && got !== null ? got.constructor.name : typeof got;
  return new OrmError(`${method}() on ${field} expects ${target} instances${method === "addM2M" ? " or objects of its columns" : ""}, got ${name}.`);
}

/** An M2M array selected from a table related to itself, whose subquery could not tell the two apart. */
export function m2mSelfSelect(field: string): UnsupportedFeatureError {
  return new UnsupportedFeatureError(`Selecting ${field} as an array is not supported: it relates a table to itself. Use getM2M() per row instead.`);
}

/** A composite primary key with a Serial column, which SQLite cannot number outside a single-column key. */
export function serialInCompositeKey(table: string, column: string, keys: readonly string[]): OrmError {
  return new OrmError(
    `Table ${table} has a composite primary key (${keys.join(", ")}) that includes the Serial column ${column}: a serial number is generated only for a single-column key. Use Integer (or BigInt) for ${column}, or make ${column} the only primary key.`,
  );
}

/** Something that needs a single-column primary key used on a table whose key has several columns. */
export function compositeKeyUnsupported(table: string, keys: readonly string[], what: string): OrmError {
  return new OrmError(`${what} needs a single-column primary key, but ${table} has a composite primary key (${keys.join(", ")}).`);
}

/** A ForeignKey to a table whose primary key has several columns: one column cannot reference it. */
export function foreignKeyToCompositeKey(target: string, keys: readonly string[]): OrmError {
  return new OrmError(
    `A ForeignKey(() => ${target}) points at ${target}, whose primary key is composite (${keys.join(", ")}); a foreign key over several columns is not supported. Give ${target} a single primary key (e.g. the default id, keeping (${keys.join(", ")}) unique), or reference one of its unique columns with ForeignKey(() => ${target}, { targetColumn: "…" }).`,
  );
}

/** addM2M() on a join table without a unique pair of its two foreign keys, which it needs to stay idempotent under concurrency. */
export function m2mNeedsUniquePair(field: string, joinTable: string, sourceKey: string, targetKey: string): OrmError {
  return new OrmError(
    `addM2M() on ${field} needs the join table ${joinTable} to have (${sourceKey}, ${targetKey}) as its primary key or a unique constraint, so that concurrent calls cannot relate a pair twice. Declare both foreign keys with primaryKey: true (and ${joinTable} extends Table<${joinTable}, null>()), or add @table({ unique: [["${sourceKey}", "${targetKey}"]] }), then make a migration for it.`,
  );
}

/** A Numeric operation SQLite cannot do exactly in this storage or on this driver. */
export function numericUnsupportedOnSQLite(what: string, fix: string): UnsupportedFeatureError {
  return new UnsupportedFeatureError(`SQLite cannot ${what} exactly: ${fix}. (PostgreSQL can.)`);
}

/** Text that should hold a decimal (a Numeric value or its stored form) does not. */
export function notADecimal(text: string): OrmError {
  return new OrmError(`Expected an exact decimal such as "12.50", got ${JSON.stringify(text)}.`);
}

/** An index method the dialect does not have (SQLite has only B-tree indexes). */
export function unsupportedIndexMethod(dialect: string, method: string, index: string): UnsupportedFeatureError {
  return new UnsupportedFeatureError(
    `${dialect} has no "${method}" index method (index ${index}): its indexes are all B-trees. Leave method out (or use "btree") for this engine.`,
  );
}

/** A table constraint or index declared in @table() that cannot work as written. */
export function invalidTableConstraint(table: string, problem: string): OrmError {
  return new OrmError(`@table() of ${table}: ${problem}.`);
}

/** A condition for a check or partial index that cannot be written into DDL. */
export function conditionNotForDdl(what: string): OrmError {
  return new OrmError(`A check or partial-index condition cannot hold ${what}: DDL takes literal values only. Use plain values or SQL text.`);
}

/** A default or autoUpdate of `now` on a column that holds no date or time. */
export function nowNotForColumn(typeName: string, option: string): OrmError {
  return new OrmError(`${typeName} cannot take ${option}: now: only Timestamp, Timestamptz, DateColumn and Time columns can. Use a value or a function instead.`);
}

/** An index or trigger a SQLite table rebuild could not create again. */
export function carryOverFailed(table: string, name: string, cause: unknown): OrmError {
  const reason = (cause instanceof Error ? cause.message : String(cause)).replace(/\.$/, "");
  return new OrmError(`Rebuilding table ${table} could not recreate its index or trigger "${name}": ${reason}. Drop or fix it in an earlier migration step.`, { cause });
}

/** createTables() called with no tables, or with tables of different engines. */
export function createTablesMisuse(problem: string): OrmError {
  return new OrmError(`createTables() ${problem}.`);
}
