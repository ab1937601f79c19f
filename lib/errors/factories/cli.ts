// Command-line usage errors (plain OrmError with a code).
import { OrmError } from "../orm-error";
import { make } from "./shared";

/** A command that changes or drops data, run where it cannot ask. */
export function confirmationNeeded(command: string, what: string): OrmError {
  return make(
    OrmError,
    "PICCOLO_CONFIRMATION_NEEDED",
    `${command} would ${what} (listed above) and asks before it does, ` +
      `but it is not running on a terminal (stdin and stdout): pass --yes to go ahead (or --preview to see its SQL). Nothing was changed.`,
  );
}

/** A file the CLI would write already exists. */
export function fileExists(path: string): OrmError {
  return make(OrmError, "PICCOLO_FILE_EXISTS", `${path} already exists; remove it first or choose another name.`);
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

/** A --framework flag naming no server template. */
export function invalidFrameworkFlag(framework: string, choices: readonly string[]): OrmError {
  return make(
    OrmError,
    "PICCOLO_INVALID_FRAMEWORK_FLAG",
    `--framework must be one of ${choices.join(", ")}, got "${framework}".`,
  );
}

/** `server new` into a folder that already has files, without --force. */
export function targetNotEmpty(dir: string): OrmError {
  return make(
    OrmError,
    "PICCOLO_TARGET_NOT_EMPTY",
    `${dir} is not empty; choose an empty or new folder, or pass --force to write over the files it has.`,
  );
}

/** `schema graph --format svg` without Graphviz's `dot` on the PATH. */
export function graphvizMissing(): OrmError {
  return make(
    OrmError,
    "PICCOLO_GRAPHVIZ_MISSING",
    "--format svg needs Graphviz's dot command, which is not on the PATH: " +
      "install Graphviz (apt-get install graphviz, brew install graphviz), " +
      "or use --format dot and render the file elsewhere. Nothing was written.",
  );
}

/** A --format flag `schema graph` does not know. */
export function invalidGraphFormat(format: string): OrmError {
  return make(OrmError, "PICCOLO_INVALID_GRAPH_FORMAT", `--format must be mermaid, dot or svg, got "${format}".`);
}

/** `schema generate` found no table in the schema it was asked to read. */
export function noTablesFound(where: string): OrmError {
  return make(
    OrmError,
    "PICCOLO_NO_TABLES_FOUND",
    `No tables found in ${where}: check the config's database and --schema-name. Nothing was written.`,
  );
}

/** An --output file that exists, not on a terminal (so no one can be asked) and without --yes. */
export function outputExists(command: string, path: string): OrmError {
  return make(
    OrmError,
    "PICCOLO_OUTPUT_EXISTS",
    `${command} --output ${path}: the file exists and would be overwritten. Pass --yes to overwrite it, ` +
      "run on a terminal to be asked, or choose another file. Nothing was written.",
  );
}
