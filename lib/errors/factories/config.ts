// Configuration errors (ConfigError): engines, drivers, piccolo.config.ts and apps.
import { ConfigError } from "../orm-error";
import { ConnectionError } from "../database-error";
import { didYouMean, make, show } from "./shared";

/** A query ran on a table whose @table() decorator named no engine. */
export function noEngine(table: string): ConfigError {
  return make(
    ConfigError,
    "PICCOLO_NO_ENGINE",
    `Table ${table} has no database engine. Pass one to the decorator: @table({ db: new SQLiteEngine({ path: "app.sqlite" }) }), ` +
      `or bind one at run time: setDefaultEngine(DB), bindEngine(DB, [${table}]) or withEngine(DB, () => ...).`,
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

/** An app name that is not in APP_REGISTRY. */
export function appNotFound(name: string, apps: readonly string[]): ConfigError {
  return make(
    ConfigError,
    "PICCOLO_APP_NOT_FOUND",
    `No app named "${name}".${didYouMean(name, apps)} Apps in APP_REGISTRY: ${apps.join(", ") || "(none)"}. ` +
      `Create one with: piccolo app new ${name}`,
  );
}

/** No piccolo.config file was found. */
export function configNotFound(searchedFrom: string): ConfigError {
  return make(
    ConfigError,
    "PICCOLO_CONFIG_NOT_FOUND",
    `No piccolo.config.ts (or .js/.mjs) found in ${searchedFrom} or any folder above it. Create one with: ` +
      `npx piccolo project new — or point PICCOLO_CONF at your config file.`,
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

/** A module (config, app, table or migration file) failed to load. */
export function moduleLoadFailed(path: string, cause: unknown): ConfigError {
  const reason = cause instanceof Error ? cause.message : String(cause);
  return make(ConfigError, "PICCOLO_MODULE_LOAD_FAILED", `Could not load ${path}: ${reason}`, { cause });
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

/** `.run({ node })` or `DB.node()` named an extra node the engine does not have. */
export function unknownNode(engine: string, name: string, known: readonly string[]): ConfigError {
  const listed = known.length === 0 ? "it has no extra nodes" : `its extra nodes are ${known.join(", ")}`;
  return make(
    ConfigError,
    "PICCOLO_UNKNOWN_NODE",
    `${engine} has no node "${name}": ${listed}. Declare read replicas with ` +
      `new PostgresEngine({ config, extraNodes: { ${name}: new PostgresEngine({ config: … }) } }).`,
  );
}

/** `extraNodes` given something that is not a PostgresEngine. */
export function invalidExtraNode(name: string, value: unknown): ConfigError {
  return make(
    ConfigError,
    "PICCOLO_INVALID_EXTRA_NODE",
    `extraNodes.${name} must be a PostgresEngine (e.g. new PostgresEngine({ config: { host: "replica" } })), ` +
      `got ${show(value)}.`,
  );
}

/** `startPool()` could not open its first connection: names what it tried (never the password) and the driver's reason. */
export function connectFailed(target: string, cause: unknown, fix: string): ConnectionError {
  const driverCode = (cause as { code?: unknown } | null)?.code;
  // Node reports a refused "localhost" (IPv4 and IPv6 tried) as an AggregateError with no message.
  const reason = (cause as Error | null)?.message || (typeof driverCode === "string" ? driverCode : String(cause));
  return new ConnectionError(
    `Could not connect to ${target}: ${reason}. ${fix}`,
    "",
    [],
    typeof driverCode === "string" ? { code: driverCode } : {},
    cause,
    "PICCOLO_CONNECTION_FAILED",
  );
}

/** `PiccoloModule.forRoot()` (or the `useFactory` of `forRootAsync()`) gave no engine. */
export function moduleEngineMissing(where: string, got: unknown): ConfigError {
  return make(
    ConfigError,
    "PICCOLO_NESTJS_NO_ENGINE",
    `${where} needs { engine }: an SQLiteEngine or PostgresEngine, got ${got === undefined ? "undefined" : typeof got}. ` +
      `Example: PiccoloModule.forRoot({ engine: new PostgresEngine({ config }), tables: [Band] }).`,
  );
}

/** `@Transactional()` ran while no PiccoloModule was started. */
export function transactionalWithoutModule(method: string): ConfigError {
  return make(
    ConfigError,
    "PICCOLO_NESTJS_NOT_STARTED",
    `@Transactional() on ${method} ran, but no PiccoloModule is started. Import PiccoloModule.forRoot({ engine }) ` +
      `(or forRootAsync) in the app module, or pass the engine: @Transactional({ engine: DB }).`,
  );
}

/** `.run({ node })` given something other than a node's name. */
export function invalidNodeName(value: unknown): ConfigError {
  return make(
    ConfigError,
    "PICCOLO_INVALID_NODE_NAME",
    `run() option node must be the name of an extra node, got ${show(value)}.`,
  );
}

/** An engine option with a value it cannot take. */
export function invalidEngineOption(engine: string, option: string, value: unknown, expected: string): ConfigError {
  return make(
    ConfigError,
    "PICCOLO_INVALID_ENGINE_OPTION",
    `${engine} option "${option}" must be ${expected}, got ${show(value)}.`,
  );
}
