import type { Command } from "commander";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, dirname, join, relative } from "node:path";
import { findConfig, loadMigrations } from "../../apps/project";
import { tableMetaOf } from "../../table/metadata";
import { withProject } from "../context";
import { fileExists, invalidAppName, invalidEngineFlag } from "../../errors/factories";
import { colors, ok, say, warn } from "../output";
import { appTemplate, configTemplate, registerApp, tablesTemplate, tsconfigTemplate } from "../templates";

/** `piccolo project new` and `piccolo app new`. */
export function projectCommands(program: Command): void {
  const project = program.command("project").description("Create a project");
  project
    .command("new")
    .description("Write piccolo.config.ts (and a tsconfig.json if there is none) in the current folder")
    .option("--engine <engine>", "sqlite (embedded, the default) or postgres", "sqlite")
    .option("--database <name>", "the PostgreSQL database name (default: the folder's name)")
    .action((options: { engine: string; database?: string }) => {
      if (options.engine !== "sqlite" && options.engine !== "postgres") throw invalidEngineFlag(options.engine);
      const path = join(process.cwd(), "piccolo.config.ts");
      if (existsSync(path)) throw fileExists(path);
      const database =
        options.database ??
        basename(process.cwd())
          .toLowerCase()
          .replace(/[^a-z0-9_]+/g, "_");
      writeFileSync(path, configTemplate(options.engine, database));
      const where =
        options.engine === "sqlite" ? "SQLite file piccolo.sqlite in this folder" : `PostgreSQL database ${database}`;
      ok(`Wrote ${colors.bold("piccolo.config.ts")} (${where})`);
      if (!existsSync(join(process.cwd(), "tsconfig.json"))) {
        writeFileSync(join(process.cwd(), "tsconfig.json"), tsconfigTemplate);
        ok(`Wrote ${colors.bold("tsconfig.json")}`);
      }
      say(`Next: ${colors.cyan("npx piccolo app new <name>")}`);
    });

  const app = program.command("app").description("Create and list apps");
  app
    .command("new <name>")
    .description("Create <name>/ with piccolo_app.ts, tables.ts and migrations/, and register it in the config")
    .action((name: string) => {
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw invalidAppName(name);
      const configPath = findConfig();
      const root = dirname(configPath);
      const folder = join(process.cwd(), name);
      if (existsSync(join(folder, "piccolo_app.ts"))) throw fileExists(join(folder, "piccolo_app.ts"));
      mkdirSync(join(folder, "migrations"), { recursive: true });
      const configImport = relative(folder, configPath)
        .replace(/\\/g, "/")
        .replace(/\.(ts|js|mjs|cjs)$/, "");
      writeFileSync(join(folder, "piccolo_app.ts"), appTemplate(name));
      if (!existsSync(join(folder, "tables.ts")))
        writeFileSync(
          join(folder, "tables.ts"),
          tablesTemplate(configImport.startsWith(".") ? configImport : `./${configImport}`),
        );
      writeFileSync(join(folder, "migrations", ".gitkeep"), "");
      ok(
        `Created ${colors.bold(`${relative(process.cwd(), folder) || "."}/`)} with piccolo_app.ts, tables.ts and migrations/`,
      );
      const appPath = `./${relative(root, join(folder, "piccolo_app")).replace(/\\/g, "/")}`;
      const updated = registerApp(readFileSync(configPath, "utf8"), appPath);
      if (updated === undefined) warn(`Add "${appPath}" to APP_REGISTRY's apps in ${configPath} by hand.`);
      else {
        writeFileSync(configPath, updated);
        ok(`Registered ${appPath} in ${basename(configPath)}`);
      }
      say(
        `Next: declare tables in ${name}/tables.ts, then ${colors.cyan(`npx piccolo migrations new ${name} --auto`)}`,
      );
    });

  app
    .command("list")
    .description("List the config's apps with their tables and how many migration files each has")
    .action(() =>
      withProject((project) => {
        if (project.apps.length === 0) say("No apps yet: npx piccolo app new <name>");
        for (const a of project.apps) {
          const count = loadMigrations(a).length;
          say(`${colors.bold(a.name)} ${colors.dim(`(${count} migration${count === 1 ? "" : "s"})`)}`);
          for (const cls of a.tables) {
            const meta = tableMetaOf(cls);
            say(`  ${meta.className} ${colors.dim(meta.tableName)}`);
          }
        }
        return Promise.resolve();
      }),
    );
}
