import type { Command } from "commander";
import { existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { basename, dirname, join, relative, resolve } from "node:path";
import { invalidEngineFlag, invalidFrameworkFlag, targetNotEmpty } from "../../errors/factories";
import { colors, ok, say } from "../output";
import { frameworks, serverProjectFiles, type Framework } from "../server-templates";
import { packageVersion } from "../version";

interface ServerNewFlags {
  framework: string;
  engine: string;
  admin: boolean;
  force?: boolean;
  piccoloVersion?: string;
}

/** An npm package name from a folder's name. */
function packageName(dir: string): string {
  const name = basename(dir)
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, "-")
    .replace(/^[._-]+|[-]+$/g, "");
  return name || "piccolo-server";
}

/** `piccolo server new`: a runnable web server project on a framework of choice. */
export function serverCommands(program: Command): void {
  const server = program.command("server").description("Create a web server project");
  server
    .command("new [dir]")
    .description("Write a runnable server project (tables, migration, CRUD API, OpenAPI, sessions, tests) into dir")
    .requiredOption("--framework <framework>", `one of ${frameworks.join(", ")}`)
    .option("--engine <engine>", "sqlite (embedded, the default) or postgres", "sqlite")
    .option("--no-admin", "leave out the admin at /admin/")
    .option("--force", "write into a folder that already has files (files of the same name are overwritten)")
    .option("--piccolo-version <range>", "the piccolo-orm dependency in package.json (default: this version)")
    .action((dir: string | undefined, flags: ServerNewFlags) => {
      if (!(frameworks as readonly string[]).includes(flags.framework))
        throw invalidFrameworkFlag(flags.framework, frameworks);
      if (flags.engine !== "sqlite" && flags.engine !== "postgres") throw invalidEngineFlag(flags.engine);
      const target = resolve(dir ?? ".");
      if (existsSync(target) && readdirSync(target).length > 0 && !flags.force) throw targetNotEmpty(target);
      const files = serverProjectFiles({
        framework: flags.framework as Framework,
        engine: flags.engine,
        admin: flags.admin,
        name: packageName(target),
        piccoloVersion: flags.piccoloVersion ?? `^${packageVersion()}`,
      });
      for (const [path, text] of Object.entries(files)) {
        mkdirSync(dirname(join(target, path)), { recursive: true });
        writeFileSync(join(target, path), text);
      }
      const shown = relative(process.cwd(), target) || ".";
      ok(`Wrote a ${flags.framework} server project in ${colors.bold(shown)} (${Object.keys(files).length} files)`);
      say("Next:");
      if (shown !== ".") say(`  cd ${shown}`);
      say("  npm install");
      say("  npx piccolo migrations forwards all");
      say("  npx piccolo user create --admin");
      say("  npm run build && npm start");
    });
}
