import { Command } from "commander";
import { migrationCommands } from "./commands/migrations";
import { metaCommands } from "./commands/meta";
import { playgroundCommands } from "./commands/playground";
import { projectCommands } from "./commands/project";
import { serverCommands } from "./commands/server";
import { schemaCommands } from "./commands/schema";
import { packageVersion } from "./version";
import { fixturesCommands } from "./commands/fixtures";
import { shellCommands } from "./commands/shell";
import { sqlShellCommands } from "./commands/sql-shell";
import { testerCommands } from "./commands/tester";

/** The `piccolo` command line: every command with its options and --help. */
export function buildProgram(): Command {
  const program = new Command("piccolo")
    .description("piccolo-orm: projects, apps, migrations and a playground")
    .version(packageVersion(), "-V, --version")
    .showHelpAfterError()
    .configureHelp({ sortSubcommands: false });
  projectCommands(program);
  migrationCommands(program);
  playgroundCommands(program);
  metaCommands(program);
  serverCommands(program);
  fixturesCommands(program);
  shellCommands(program);
  sqlShellCommands(program);
  testerCommands(program);
  schemaCommands(program);
  return program;
}
