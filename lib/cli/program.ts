import { Command } from "commander";
import { migrationCommands } from "./commands/migrations";
import { metaCommands } from "./commands/meta";
import { playgroundCommands } from "./commands/playground";
import { projectCommands } from "./commands/project";
import { schemaCommands } from "./commands/schema";
import { packageVersion } from "./version";

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
  schemaCommands(program);
  return program;
}
