// Errors of the CLI's tools: fixtures, shell, sql-shell and tester (plain OrmError with a code).
import { OrmError } from "../orm-error";
import { make } from "./shared";

/** `fixtures dump app.Table` naming a table no app has. */
export function fixtureTableNotFound(name: string, known: readonly string[]): OrmError {
  return make(
    OrmError,
    "PICCOLO_FIXTURE_TABLE_NOT_FOUND",
    `No app has a table "${name}": name an app ("music") or one of its tables ("music.Band"). ` +
      `Tables: ${known.join(", ") || "none"}.`,
  );
}

/** A fixture file that is not one `fixtures dump` wrote, or that was cut short. */
export function invalidFixtureFile(path: string, problem: string): OrmError {
  return make(OrmError, "PICCOLO_INVALID_FIXTURE_FILE", `${path} is not a fixture file piccolo can load: ${problem}.`);
}

/** A fixture file dumped from the other kind of database. */
export function fixtureDialectMismatch(path: string, dumped: string, target: string): OrmError {
  return make(
    OrmError,
    "PICCOLO_FIXTURE_DIALECT_MISMATCH",
    `${path} was dumped from ${dumped}, but this project's database is ${target}: ` +
      `values are stored as each database writes them, so load it into a ${dumped} database. Nothing was loaded.`,
  );
}

/** A foreign key in a cycle (or to its own table) that cannot be filled in later because it is NOT NULL. */
export function fixtureCycleNotNull(table: string, column: string): OrmError {
  return make(
    OrmError,
    "PICCOLO_FIXTURE_CYCLE_NOT_NULL",
    `${table}.${column} references a table loaded at the same time or later (a cycle or a self reference) ` +
      `and is NOT NULL, so its rows cannot be inserted before the rows they point at. Make the column nullable ` +
      `(it is set after every table is loaded). Nothing was loaded.`,
  );
}

/** A --chunk-size that is not a whole number of 1 or more. */
export function invalidChunkSize(value: string): OrmError {
  return make(
    OrmError,
    "PICCOLO_INVALID_CHUNK_SIZE",
    `--chunk-size takes a whole number of 1 or more, got "${value}".`,
  );
}

/** A program the CLI runs (psql, sqlite3) that is not installed. */
export function programNotFound(program: string, hint: string): OrmError {
  return make(OrmError, "PICCOLO_PROGRAM_NOT_FOUND", `${program} was not found on PATH. ${hint}`);
}

/** TypeScript config or migration files found without tsx installed. */
export function tsxMissing(path: string): OrmError {
  return make(
    OrmError,
    "PICCOLO_TSX_MISSING",
    `${path} is TypeScript, and loading TypeScript needs the optional package tsx: run npm install tsx ` +
      `(a dev dependency is enough), or compile the project and run piccolo on the compiled JavaScript (piccolo.config.js).`,
  );
}
