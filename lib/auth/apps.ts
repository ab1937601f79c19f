import { join } from "node:path";
import { AppConfig } from "../apps/app-config";
import { BaseUser } from "./base-user";
import { Sessions } from "./sessions";
import { userCommands } from "./cli/user-commands";

/**
 * The `user` app: BaseUser, its migrations (shipped in the package) and `piccolo user create |
 * change-password | list | change-permissions`. Add it to APP_REGISTRY, then `piccolo migrations forwards user`.
 * @example
 * import { USER_APP, SESSION_APP } from "piccolo-orm/auth";
 * const registry = new AppRegistry({ apps: ["./music/piccolo_app", USER_APP, SESSION_APP] });
 */
export const USER_APP = new AppConfig({
  name: "user",
  tables: [BaseUser],
  migrationsFolder: join(__dirname, "migrations", "user"),
  commands: userCommands(() => BaseUser),
});

/** The `session_auth` app: the sessions table and its migrations (`piccolo migrations forwards session_auth`). */
export const SESSION_APP = new AppConfig({
  name: "session_auth",
  tables: [Sessions],
  migrationsFolder: join(__dirname, "migrations", "session_auth"),
});
