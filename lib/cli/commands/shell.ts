import type { Command } from "commander";
import { tableMetaOf } from "../../table/metadata";
import { withProject } from "../context";
import { colors, say } from "../output";
import { openRepl } from "../repl";

/** `piccolo shell run`: a REPL with the project's tables (by class name) and `DB`. */
export function shellCommands(program: Command): void {
  program
    .command("shell")
    .description("A REPL on the project")
    .command("run")
    .description(
      "Open a REPL with every app's tables (by class name), DB and the piccolo-orm exports; top-level await works",
    )
    .action(() =>
      withProject(async (project) => {
        const scope: Record<string, unknown> = { DB: project.db };
        for (const app of project.apps) {
          const names = app.tables.map((cls) => tableMetaOf(cls).className);
          for (const cls of app.tables) scope[tableMetaOf(cls).className] = cls;
          say(`${colors.bold(app.name)}: ${names.join(", ") || colors.dim("no tables")}`);
        }
        say(colors.dim("DB and the piccolo-orm exports are in scope; top-level await works. .exit to leave."));
        await openRepl(scope);
      }),
    );
}
