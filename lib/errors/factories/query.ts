// Errors in building or running a query (QueryError).
import { QueryError } from "../orm-error";
import { didYouMean, make, show } from "./shared";

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

/** A delete or update with no where clause, which would touch every row. */
export function missingWhere(operation: "delete" | "update", table: string): QueryError {
  return make(
    QueryError,
    "PICCOLO_MISSING_WHERE",
    `Refusing to ${operation} every row of ${table} without a where clause. ` +
      `Add .where(...), or pass { force: true } to ${operation}() if you mean all rows.`,
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

/** Text that should hold a decimal (a Numeric value or its stored form) does not. */
export function notADecimal(text: string): QueryError {
  return make(
    QueryError,
    "PICCOLO_NOT_A_DECIMAL",
    `Expected an exact decimal such as "12.50", got ${JSON.stringify(text)}.`,
  );
}

/** An integer read from the database that a JS number cannot hold exactly (CockroachDB's INT is 8 bytes). */
export function integerOutOfRange(text: string): QueryError {
  return make(
    QueryError,
    "PICCOLO_INTEGER_OUT_OF_RANGE",
    `The integer ${text} is beyond Number.MAX_SAFE_INTEGER, so a JS number cannot hold it exactly. ` +
      "Declare the column BigIntColumn() (read as a bigint), or Cast() the expression to BigIntColumn().",
  );
}

/** createTables() called with no tables, or with tables of different engines. */
export function createTablesMisuse(problem: string): QueryError {
  return make(QueryError, "PICCOLO_CREATE_TABLES_MISUSE", `createTables() ${problem}.`);
}

/** Something other than a foreign key (or a path through them) given where one is needed. */
export function notAForeignKey(
  method: "prefetch" | "getRelated" | "getReverse" | "Related" | "prefetchReverse",
  table: string,
): QueryError {
  const messages = {
    prefetch: `prefetch() expects foreign keys of ${table}, such as ${table}.c.manager or a path through them.`,
    getRelated: `getRelated() expects a foreign key of ${table} or a path through them, such as ${table}.c.manager.`,
    getReverse: `getReverse() expects a foreign key that points at ${table}, such as Band.c.manager.`,
    Related: "Related() expects a foreign key column of the related table, such as Band.c.manager.",
    prefetchReverse: `prefetchReverse() expects foreign keys of other tables that point at ${table}, such as Band.c.manager (no paths).`,
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

/** bind() with a name that none of the query's Param()s has. */
export function paramUnknown(name: string, names: readonly string[]): QueryError {
  return make(
    QueryError,
    "PICCOLO_PARAM_UNKNOWN",
    `bind() got a value for "${name}", but the query has no Param("${name}").${didYouMean(name, names)} ` +
      `Its parameters: ${names.map((n) => `"${n}"`).join(", ") || "(none)"}.`,
  );
}

/** freeze() given a parameter the query does not use. */
export function paramNotInQuery(name: string, names: readonly string[]): QueryError {
  return make(
    QueryError,
    "PICCOLO_PARAM_NOT_IN_QUERY",
    `freeze() was given Param("${name}"), but the query does not use it.${didYouMean(name, names)} ` +
      `Its parameters: ${names.map((n) => `"${n}"`).join(", ") || "(none)"}.`,
  );
}

/** freeze() given something other than a Param(). */
export function paramNotDeclarable(value: unknown): QueryError {
  return make(QueryError, "PICCOLO_PARAM_NOT_DECLARABLE", `freeze() takes the query's Param()s, got ${show(value)}.`);
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

/** `.run({ node })` inside a transaction: the transaction's queries must stay on its connection. */
export function nodeInTransaction(name: string): QueryError {
  return make(
    QueryError,
    "PICCOLO_NODE_IN_TRANSACTION",
    `A query inside a transaction cannot run on node "${name}": every query of a transaction runs on its own ` +
      `connection to the primary. Run it outside the transaction, or drop { node }.`,
  );
}

/** A `transaction()` option with a value it cannot take (retries, delays, timeout, SQLite type). */
export function invalidTransactionOption(option: string, value: unknown, expected: string): QueryError {
  return make(
    QueryError,
    "PICCOLO_INVALID_TRANSACTION_OPTION",
    `transaction() option "${option}" must be ${expected}, got ${show(value)}.`,
  );
}

/** A savepoint name that is not a plain identifier. */
export function invalidSavepointName(name: unknown): QueryError {
  return make(
    QueryError,
    "PICCOLO_INVALID_SAVEPOINT_NAME",
    `Savepoint names are letters, digits and underscores, starting with a letter or underscore (at most 63), got ${show(name)}.`,
  );
}

/** `rollbackTo()` or `release()` on a savepoint that was released, or whose transaction ended. */
export function savepointFinished(name: string): QueryError {
  return make(
    QueryError,
    "PICCOLO_SAVEPOINT_FINISHED",
    `Savepoint "${name}" was already released (or its transaction ended): make a new one with tx.savepoint().`,
  );
}

/** Something other than a lazy query given to `DB.atomic().add()`. */
export function atomicNeedsQuery(value: unknown): QueryError {
  return make(
    QueryError,
    "PICCOLO_ATOMIC_NOT_A_QUERY",
    `atomic().add() takes lazy queries such as Band.insert(...) (not awaited), got ${show(value)}.`,
  );
}

/** `.run({ timeout })` or `transaction({ statementTimeout })` with a value that is not a positive whole number of ms. */
export function invalidTimeout(where: string, value: unknown): QueryError {
  return make(
    QueryError,
    "PICCOLO_INVALID_TIMEOUT",
    `${where} takes a whole number of milliseconds of 1 or more, got ${show(value)}.`,
  );
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

/** An `asOfSystemTime()` argument that is neither a Date, a negative interval such as "-10s", nor "follower_read_timestamp()". */
export function invalidAsOfSystemTime(value: unknown): QueryError {
  return make(
    QueryError,
    "PICCOLO_INVALID_AS_OF_SYSTEM_TIME",
    `asOfSystemTime() takes a Date, a negative interval such as "-10s" or "-1m30s" (units us, ms, s, m, h), or ` +
      `"follower_read_timestamp()", not ${show(value)}.`,
  );
}

/** join()/leftJoin() of a table the query already reads. */
export function tableJoinedTwice(method: string, table: string): QueryError {
  return make(
    QueryError,
    "PICCOLO_TABLE_JOINED_TWICE",
    `${method}(${table}, …): the query already reads ${table}. Join each table once; reach a table twice through its foreign keys.`,
  );
}

/** join()/leftJoin() whose ON parts are not columns of the joined table and of the query's tables. */
export function joinNeedsColumns(method: string, table: string, got: unknown): QueryError {
  return make(
    QueryError,
    "PICCOLO_JOIN_NEEDS_COLUMNS",
    `${method}(${table}, column, equals, ...conditions) takes a column of ${table}, an expression of the query's tables ` +
      `and conditions on ${table}, got ${show(got)}.`,
  );
}

/** join()/leftJoin() whose ON condition goes through a foreign key. */
export function joinOnTraversal(method: string): QueryError {
  return make(
    QueryError,
    "PICCOLO_JOIN_ON_TRAVERSAL",
    `${method}() joins on the tables' own columns (Band.c.manager, not Band.c.manager.name): ` +
      "join the referenced table explicitly first if its columns belong in the condition.",
  );
}

/** Two columns of joined tables selected under one key. */
export function duplicateJoinedKey(key: string): QueryError {
  return make(
    QueryError,
    "PICCOLO_DUPLICATE_JOINED_KEY",
    `Two selected columns are both named "${key}": rename one with .as(), e.g. Venue.c.name.as("venueName").`,
  );
}

/** A window function (RowNumber(), Lag(), an aggregate's over()) in where() or having(). */
export function windowNotAllowed(method: string): QueryError {
  return make(
    QueryError,
    "PICCOLO_WINDOW_NOT_ALLOWED",
    `${method}() cannot use a window function: SQL computes windows after ` +
      `${method === "having" ? "grouping" : "filtering"}. Select it with .as() and filter in a subquery or in JS.`,
  );
}

/** Lag()/Lead() with an offset that is not a whole number of 0 or more. */
export function invalidWindowOffset(fn: string, offset: unknown): QueryError {
  return make(
    QueryError,
    "PICCOLO_INVALID_WINDOW_OFFSET",
    `${fn}() expects an offset that is a whole number of 0 or more, got ${String(offset)}.`,
  );
}

/** DateFormat() with a pattern token that has no equal on every engine. */
export function unsupportedDateFormat(pattern: string, token: string, supported: readonly string[]): QueryError {
  return make(
    QueryError,
    "PICCOLO_UNSUPPORTED_DATE_FORMAT",
    `DateFormat() cannot map "${token}" in the pattern ${JSON.stringify(pattern)} to both SQLite's strftime() and ` +
      `PostgreSQL's to_char(). Portable tokens: ${supported.join(" ")} (write %% for a literal %).`,
  );
}

/** AtTimeZone() with a zone name that is not an IANA time zone. */
export function unknownTimeZone(zone: unknown): QueryError {
  return make(
    QueryError,
    "PICCOLO_UNKNOWN_TIME_ZONE",
    `AtTimeZone() expects an IANA time zone name such as "Asia/Kathmandu" or "UTC", got ${JSON.stringify(zone)}.`,
  );
}
