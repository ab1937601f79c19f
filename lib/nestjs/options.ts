import type { FactoryProvider, ModuleMetadata } from "@nestjs/common";
import type { Engine } from "../engine/engine";
import { assertKnownOptions, moduleEngineMissing } from "../errors/factories";

/** Any table class (`class Band extends Table<Band>() {}`). */
export type AnyTableClass = abstract new (...args: never[]) => unknown;

/** What `PiccoloModule.forRoot()` takes, and what `forRootAsync()`'s `useFactory` returns. */
export interface PiccoloModuleOptions {
  /** The database the app's tables run on. */
  engine: Engine;
  /** Tables bound to this engine with `bindEngine`, whatever `@table({ db })` says; they may be declared without `db`. */
  tables?: readonly AnyTableClass[];
  /** Also make it the default engine of every table declared without `db` (default true). */
  setDefault?: boolean;
  /** Connect at bootstrap, so a wrong config stops the app from starting (default true). */
  startPool?: boolean;
  /** Close the engine on application shutdown (`app.close()`, or a signal with `enableShutdownHooks()`) (default true). */
  closeOnShutdown?: boolean;
}

/** What `PiccoloModule.forRoot()` takes. */
export interface PiccoloModuleRootOptions extends PiccoloModuleOptions {
  /** Answer ValidationError with 400 and constraint violations with 409/400 (default true); see docs/nestjs.md. */
  mapErrors?: boolean;
}

/** What `PiccoloModule.forRootAsync()` takes: a factory (with its injected dependencies) returning the options. */
export interface PiccoloModuleAsyncOptions extends Pick<ModuleMetadata, "imports"> {
  useFactory: (...args: never[]) => PiccoloModuleOptions | Promise<PiccoloModuleOptions>;
  /** Providers passed to `useFactory`, e.g. `[ConfigService]`. */
  inject?: FactoryProvider["inject"];
  /** Answer ValidationError with 400 and constraint violations with 409/400 (default true); see docs/nestjs.md. */
  mapErrors?: boolean;
}

const optionNames = ["engine", "tables", "setDefault", "startPool", "closeOnShutdown"];
const asyncOptionNames = ["useFactory", "inject", "imports", "mapErrors"];

/** Checks options before anything is bound or connected (`mapErrors` only where it is static: forRoot). */
export function checkModuleOptions(
  where: string,
  options: unknown,
  extra: readonly string[] = [],
): PiccoloModuleOptions {
  if (typeof options !== "object" || options === null) throw moduleEngineMissing(where, options);
  assertKnownOptions(where, options, [...optionNames, ...extra], "config");
  const engine = (options as { engine?: Partial<Engine> }).engine;
  if (typeof engine?.transaction !== "function" || typeof engine.startPool !== "function")
    throw moduleEngineMissing(where, engine);
  return options as PiccoloModuleOptions;
}

/** Checks `forRootAsync()`'s own options (the factory's result is checked when it resolves). */
export function checkAsyncOptions(options: PiccoloModuleAsyncOptions): void {
  assertKnownOptions("PiccoloModule.forRootAsync()", options, asyncOptionNames, "config");
}
