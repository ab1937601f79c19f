import { resolve } from "node:path";
import type { Engine } from "../engine/engine";
import { setDefaultEngine } from "../engine/engine-binding";
import { assertKnownOptions, configMissingExport } from "../errors/factories";
import { loadModule } from "./module-loader";
import { findConfig, isEngine } from "./project";

/** Options of `loadProjectEngine`. */
export interface LoadProjectEngineOptions {
  /** The config file; default `PICCOLO_CONF`, else the first piccolo.config.* in `cwd` or a folder above it. */
  configPath?: string;
  /** Where the search for the config file starts (default `process.cwd()`). */
  cwd?: string;
  /** Make it the engine of every table declared without `db` (default true). */
  setDefault?: boolean;
}

/**
 * Loads the project config (piccolo.config.ts, as the CLI finds it) and returns its `DB`, set as
 * the default engine: tables declared without `db` then run on it. Only the config module is
 * loaded, not the apps it registers. The pool opens on the first query, or at `await DB.startPool()`.
 * @example const DB = loadProjectEngine(); await DB.startPool();
 */
export function loadProjectEngine(options: LoadProjectEngineOptions = {}): Engine {
  assertKnownOptions("loadProjectEngine()", options, ["configPath", "cwd", "setDefault"], "config");
  const cwd = options.cwd ?? process.cwd();
  const configPath = options.configPath === undefined ? findConfig(cwd) : resolve(cwd, options.configPath);
  const db = loadModule(configPath).DB;
  if (!isEngine(db)) throw configMissingExport(configPath, "DB");
  if (options.setDefault ?? true) setDefaultEngine(db);
  return db;
}
