import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { moduleLoadFailed } from "../errors/factories";

let registered = false;

/**
 * Loads a TypeScript or JavaScript file without a build step: tsx compiles .ts files on require,
 * honouring the project's tsconfig.json (so experimentalDecorators, as NestJS uses, works as
 * well as TC39 decorators). The tsconfig nearest to `near` is used.
 */
export function loadModule(path: string, near: string = dirname(path)): Record<string, unknown> {
  if (!registered) {
    const tsconfig = findUp(near, "tsconfig.json");
    if (tsconfig && process.env.TSX_TSCONFIG_PATH === undefined) process.env.TSX_TSCONFIG_PATH = tsconfig;
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- tsx's CommonJS hook, registered on first use
    (require("tsx/cjs/api") as { register: () => unknown }).register();
    registered = true;
  }
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- user modules load synchronously, by path
    return require(preferSource(path)) as Record<string, unknown>;
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
