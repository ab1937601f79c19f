export { AppConfig, type AppConfigOptions, type AppCommand } from "./app-config";
export { AppRegistry } from "./app-registry";
export { tableFinder } from "./table-finder";
export { findConfig, loadProject, loadApp, findApp, loadMigrations, configFileNames, type Project } from "./project";
export { loadProjectEngine, type LoadProjectEngineOptions } from "./project-engine";
