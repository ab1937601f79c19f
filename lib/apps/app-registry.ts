import type { AppConfig } from "./app-config";

/**
 * The apps of a project, as `piccolo.config.ts` lists them: paths of `piccolo_app` files
 * (relative to the config file, loaded when the CLI needs them, so that tables may import DB from
 * the config without a cycle), or AppConfig objects.
 * @example export const APP_REGISTRY = new AppRegistry({ apps: ["./music/piccolo_app"] });
 */
export class AppRegistry {
  readonly apps: readonly (string | AppConfig)[];

  constructor(options: { apps?: readonly (string | AppConfig)[] } = {}) {
    this.apps = options.apps ?? [];
  }
}
