import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { moduleLoadFailed, tsxMissing } from "../errors/factories";

let registered = false;

const typescriptFile = /\.(ts|mts|cts)$/;

/**
 * Registers tsx's CommonJS hook, once: only TypeScript files need it, so a project that runs its
 * compiled JavaScript (piccolo.config.js, migrations in build/) never loads tsx or esbuild, and
 * tsx can stay out of production installs. The tsconfig nearest to `near` is used.
 */
function registerTypeScript(path: string, near: string): void {
  if (registered) return;
  const tsconfig = findUp(near, "tsconfig.json");
  if (tsconfig && process.env.TSX_TSCONFIG_PATH === undefined) process.env.TSX_TSCONFIG_PATH = tsconfig;
  let api: { register: () => unknown };
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- tsx is an optional peer, loaded for TypeScript files only
    api = require("tsx/cjs/api") as { register: () => unknown };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "MODULE_NOT_FOUND") throw tsxMissing(path);
    throw error;
  }
  api.register();
  registered = true;
}

/**
 * Loads a TypeScript or JavaScript file without a build step: tsx compiles .ts files on require,
 * honouring the project's tsconfig.json (so experimentalDecorators, as NestJS uses, works as
 * well as TC39 decorators). JavaScript files load as they are.
 */
export function loadModule(path: string, near: string = dirname(path)): Record<string, unknown> {
  const file = preferSource(path);
  if (typescriptFile.test(file)) registerTypeScript(file, near);
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- user modules load synchronously, by path
    return require(file) as Record<string, unknown>;
  } catch (error) {
    throw moduleLoadFailed(path, error);
  }
}

/** A path given without extension, as the TypeScript source when there is one: Node would pick a compiled `.js` beside it first. */
function preferSource(path: string): string {
  if (/\.(ts|mts|cts|js|mjs|cjs|json)$/.test(path)) return path;
  return [".ts", ".mts", ".cts"].map((ext) => path + ext).find((p) => existsSync(p)) ?? path;
}

/** The nearest file of that name in `from` or a folder above it. */
export function findUp(from: string, name: string): string | undefined {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, name))) return join(dir, name);
    if (dirname(dir) === dir) return undefined;
  }
}
