import { isAbsolute, resolve } from "node:path";

/** A command an app adds to the CLI: `piccolo <app> <name> [args...]`. */
export interface AppCommand {
  readonly name: string;
  readonly description?: string;
  run(...args: string[]): unknown;
}

/** Options of an AppConfig, as `piccolo_app.ts` declares them. */
export interface AppConfigOptions {
  /** The app's name: `piccolo migrations forwards <name>`. */
  name: string;
  /** The table classes whose schema the app's migrations manage. */
  tables?: readonly (abstract new (...args: never[]) => unknown)[];
  /** The migrations folder, relative to the app file's folder (default "migrations"). */
  migrationsFolder?: string;
  /** Apps whose migrations must run before this app's. */
  migrationDependencies?: readonly string[];
  /** Commands the app adds to the CLI. */
  commands?: readonly AppCommand[];
}

/**
 * One app: a name, its tables, its migrations folder and its commands.
 * @example export const APP_CONFIG = new AppConfig({ name: "music", tables: [Manager, Band] });
 */
export class AppConfig {
  readonly name: string;
  readonly tables: readonly (abstract new (...args: never[]) => unknown)[];
  readonly migrationDependencies: readonly string[];
  readonly commands: readonly AppCommand[];
  private readonly folderOption: string;
  /** The folder of the app file, set when the registry loads it. */
  root: string = process.cwd();

  constructor(options: AppConfigOptions) {
    this.name = options.name;
    this.tables = options.tables ?? [];
    this.migrationDependencies = options.migrationDependencies ?? [];
    this.commands = options.commands ?? [];
    this.folderOption = options.migrationsFolder ?? "migrations";
  }

  /** The absolute path of the migrations folder. */
  get migrationsFolder(): string {
    return isAbsolute(this.folderOption) ? this.folderOption : resolve(this.root, this.folderOption);
  }
}
