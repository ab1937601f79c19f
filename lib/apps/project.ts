import { getDefaultEngine, setDefaultEngine } from "../engine/engine-binding";
import { existsSync, readdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import type { Engine } from "../engine/engine";
import {
  appConfigMissing,
  appNotFound,
  configFileMissing,
  configMissingExport,
  configNotFound,
  duplicateMigrationId,
  invalidMigration,
} from "../errors/factories";
import type { Migration } from "../migrations/operations";
import { AppConfig } from "./app-config";
import type { AppRegistry } from "./app-registry";
import { loadModule } from "./module-loader";

/** The config file names looked for, in order of preference. */
export const configFileNames = ["piccolo.config.ts", "piccolo.config.js", "piccolo.config.mjs", "piccolo.config.cjs"];

/** A loaded project: its config file, engine and apps. */
export interface Project {
  readonly configPath: string;
  /** The config file's folder. */
  readonly root: string;
  readonly db: Engine;
  readonly apps: readonly AppConfig[];
}

/** The config file: `PICCOLO_CONF` if set, else the first piccolo.config.* in `cwd` or a folder above it. */
export function findConfig(
  cwd: string = process.cwd(),
  env: Readonly<Record<string, string | undefined>> = process.env,
): string {
  if (env.PICCOLO_CONF) {
    const path = resolve(cwd, env.PICCOLO_CONF);
    if (!existsSync(path)) throw configFileMissing(path);
    return path;
  }
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    const name = configFileNames.find((n) => existsSync(join(dir, n)));
    if (name) return join(dir, name);
    if (dirname(dir) === dir) throw configNotFound(resolve(cwd));
  }
}

/** Whether a config export looks like an engine (duck-typed: two installed copies of piccolo-orm have two Engine classes). */
export function isEngine(value: unknown): value is Engine {
  return (
    typeof value === "object" &&
    value !== null &&
    "dialect" in value &&
    typeof (value as Engine).transaction === "function"
  );
}

/** Loads the config file and every app it registers. */
export function loadProject(configPath: string): Project {
  const exports = loadModule(configPath);
  const db = exports.DB;
  if (!isEngine(db)) throw configMissingExport(configPath, "DB");
  // Tables declared without `db` run on the project's engine (unless the app bound one already).
  if (getDefaultEngine() === undefined) setDefaultEngine(db);
  const registry = exports.APP_REGISTRY as AppRegistry | undefined;
  if (registry === undefined || !Array.isArray(registry.apps)) throw configMissingExport(configPath, "APP_REGISTRY");
  const root = dirname(configPath);
  const apps = registry.apps.map((entry) => (typeof entry === "string" ? loadApp(resolve(root, entry)) : entry));
  return { configPath, root, db, apps };
}

/** Loads a `piccolo_app` file and returns its AppConfig (the export named APP_CONFIG, or any AppConfig export). */
export function loadApp(path: string): AppConfig {
  const exports = loadModule(path);
  const found = (exports.APP_CONFIG ?? Object.values(exports).find((v) => v instanceof AppConfig)) as
    AppConfig | undefined;
  if (found === undefined || typeof found !== "object" || typeof found.name !== "string") throw appConfigMissing(path);
  found.root = dirname(require.resolve(path));
  return found;
}

/** The app of that name, or a clear error listing the apps there are. */
export function findApp(project: Project, name: string): AppConfig {
  const app = project.apps.find((a) => a.name === name);
  if (app === undefined)
    throw appNotFound(
      name,
      project.apps.map((a) => a.name),
    );
  return app;
}

const migrationFile = /^(?!index\.)[^.].*(?<!\.d)\.(ts|mts|cts|js|mjs|cjs)$/;
const sourceExtension = /\.(ts|mts|cts)$/;

/**
 * The migration files of a folder, sorted. A compiled copy (`x.js` beside `x.ts`, as `tsc` without
 * an outDir writes) is skipped: the CLI loads TypeScript itself, and the source is what was edited.
 */
export function migrationFiles(folder: string): string[] {
  const files = readdirSync(folder).filter((f) => migrationFile.test(f));
  const stem = (f: string) => f.replace(/\.[^.]+$/, "");
  const sources = new Set(files.filter((f) => sourceExtension.test(f)).map(stem));
  return files.filter((f) => sourceExtension.test(f) || !sources.has(stem(f))).sort();
}

/** Loads every migration file of an app, checking each is a migration of that app and no id comes twice. */
export function loadMigrations(app: AppConfig): Migration[] {
  const folder = app.migrationsFolder;
  if (!existsSync(folder)) return [];
  const byId = new Map<string, string>();
  return migrationFiles(folder).map((f) => {
    const path = join(folder, f);
    const m = (loadModule(path).default ?? {}) as Partial<Migration>;
    if (typeof m.id !== "string") throw invalidMigration(path, "it has no string id");
    if (m.app !== app.name)
      throw invalidMigration(path, `its app is ${JSON.stringify(m.app)}, but it is in the folder of app ${app.name}`);
    if (!Array.isArray(m.forwards) || !Array.isArray(m.backwards))
      throw invalidMigration(path, "forwards and backwards must be arrays");
    const seen = byId.get(m.id);
    if (seen !== undefined) throw duplicateMigrationId(app.name, m.id, [seen, f]);
    byId.set(m.id, f);
    return m as Migration;
  });
}
