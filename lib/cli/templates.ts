/** The config `project new` writes for the chosen engine. */
export function configTemplate(engine: "sqlite" | "postgres", database: string): string {
  const db =
    engine === "sqlite"
      ? [
          'import { AppRegistry, SQLiteEngine } from "piccolo-orm";',
          "",
          "// The piccolo CLI runs in this folder, so the database file sits beside this config.",
          'export const DB = new SQLiteEngine({ path: "piccolo.sqlite" });',
        ]
      : [
          'import { AppRegistry, PostgresEngine } from "piccolo-orm";',
          "",
          "// Settings left out here come from the PGHOST, PGPORT, PGUSER and PGPASSWORD environment variables.",
          `export const DB = new PostgresEngine({ config: { database: ${JSON.stringify(database)} } });`,
        ];
  return [
    ...db,
    "",
    "// The project's apps: paths of their piccolo_app files, relative to this file (`piccolo app new` adds them).",
    "export const APP_REGISTRY = new AppRegistry({",
    "  apps: [],",
    "});",
    "",
  ].join("\n");
}

/**
 * A tsconfig for a new project: legacy decorators, as NestJS projects use (TC39 decorators work
 * too). `tsc` writes to build/, never beside the sources, so the CLI (which loads the TypeScript
 * itself) does not meet each migration twice.
 */
export const tsconfigTemplate = `${JSON.stringify(
  {
    compilerOptions: {
      outDir: "build",
      target: "ES2022",
      module: "commonjs",
      moduleResolution: "node",
      strict: true,
      experimentalDecorators: true,
      emitDecoratorMetadata: true,
      esModuleInterop: true,
      skipLibCheck: true,
    },
    exclude: ["node_modules", "build"],
  },
  null,
  2,
)}\n`;

/** The `piccolo_app.ts` of a new app. */
export function appTemplate(name: string): string {
  return [
    'import { AppConfig, tableFinder } from "piccolo-orm";',
    'import * as tables from "./tables";',
    "",
    "export const APP_CONFIG = new AppConfig({",
    `  name: ${JSON.stringify(name)},`,
    "  // Every table class exported by tables.ts; its migrations manage their schema.",
    "  tables: tableFinder(tables),",
    '  migrationsFolder: "migrations",',
    "  migrationDependencies: [],",
    "  commands: [],",
    "});",
    "",
  ].join("\n");
}

/** The `tables.ts` of a new app, importing DB from the config `levels` folders up. */
export function tablesTemplate(configImport: string): string {
  return [
    'import { Table, table, column, Varchar } from "piccolo-orm";',
    `import { DB } from ${JSON.stringify(configImport)};`,
    "",
    "// Declare the app's tables here, then run `npx piccolo migrations new <app> --auto`, e.g.:",
    "//",
    "// @table({ db: DB })",
    "// export class Band extends Table<Band>() {",
    "//   @column(Varchar({ length: 100 })) name!: string;",
    "// }",
    "",
  ].join("\n");
}

/**
 * The config text with an app path added to `apps: [...]` of its APP_REGISTRY, or undefined when
 * the list cannot be found (the user then adds it by hand).
 */
export function registerApp(config: string, appPath: string): string | undefined {
  const match = /apps\s*:\s*\[([\s\S]*?)\]/.exec(config);
  if (match === undefined || match === null) return undefined;
  const items = match[1]!
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  items.push(JSON.stringify(appPath));
  const list = `apps: [\n${items.map((i) => `    ${i},`).join("\n")}\n  ]`;
  return config.slice(0, match.index) + list + config.slice(match.index + match[0].length);
}
