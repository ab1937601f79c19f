import { frameworkDependencies, serverModule } from "./frameworks";
import { firstMigration, firstMigrationFile, musicApp, musicTables } from "./music-app";
import { type ServerTemplateOptions } from "./options";
import { projectTest } from "./project-test";
import { adminModule, apiModule, gitignore, homeModule, mainModule, serverConfig, serverTsconfig } from "./project";
import { projectReadme } from "./readme";

export { frameworks, type Framework, type ServerTemplateOptions } from "./options";

/** package.json of a generated project. */
function packageJson(options: ServerTemplateOptions): string {
  const deps = frameworkDependencies[options.framework];
  const driver: Record<string, string> =
    options.engine === "sqlite" ? { "better-sqlite3": "^12.0.0" } : { pg: "^8.11.0" };
  const sorted = (o: Record<string, string>) =>
    Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b)));
  const json = {
    name: options.name,
    version: "0.1.0",
    private: true,
    // require() of ESM-only packages (NestJS 12), which the tsconfig's module "node20" compiles to.
    engines: { node: ">=20.19" },
    scripts: {
      build: "tsc -p tsconfig.json",
      start: "node build/src/main.js",
      migrate: "piccolo migrations forwards all",
      test: "npm run build && node --test build/test/api.test.js",
    },
    dependencies: sorted({ "piccolo-orm": options.piccoloVersion, ...driver, ...deps.dependencies }),
    // tsx lets the piccolo CLI load the TypeScript config and migrations while developing.
    devDependencies: sorted({
      "@types/node": "^20.0.0",
      tsx: "^4.20.0",
      typescript: "^5.9.0",
      ...deps.devDependencies,
    }),
  };
  return `${JSON.stringify(json, null, 2)}\n`;
}

/** Every file of a new server project, by path relative to its folder. */
export function serverProjectFiles(options: ServerTemplateOptions): Record<string, string> {
  const files: Record<string, string> = {
    "package.json": packageJson(options),
    "tsconfig.json": serverTsconfig,
    ".gitignore": gitignore,
    "README.md": projectReadme(options),
    "piccolo.config.ts": serverConfig(options),
    "music/piccolo_app.ts": musicApp,
    "music/tables.ts": musicTables,
    [`music/migrations/${firstMigrationFile}`]: firstMigration,
    "src/api.ts": apiModule,
    "src/home.ts": homeModule(options),
    "src/server.ts": serverModule(options),
    "src/main.ts": mainModule,
    "test/api.test.ts": projectTest,
  };
  if (options.admin) files["src/admin.ts"] = adminModule;
  return files;
}
