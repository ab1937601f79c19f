import { appCommandNotFound, unknownCommand } from "../errors/factories";
import { findApp } from "../apps/project";
import { openProject } from "./context";
import { colors, say } from "./output";

/** `piccolo <app> <command> [args...]`: runs a command an app declares; returns the exit code. */
export async function runAppCommand(args: string[]): Promise<number> {
  const [appName, commandName, ...rest] = args;
  const project = openProject();
  try {
    if (!project.apps.some((a) => a.name === appName)) {
      throw unknownCommand(
        String(appName),
        project.apps.map((a) => a.name),
      );
    }
    const app = findApp(project, appName!);
    const command = app.commands.find((c) => c.name === commandName);
    if (command === undefined) {
      say(`App ${colors.bold(app.name)} commands:`);
      for (const c of app.commands) say(`  ${c.name}  ${colors.dim(c.description ?? "")}`);
      if (commandName === undefined || commandName === "--help") return 0;
      throw appCommandNotFound(app.name, commandName);
    }
    await command.run(...rest);
    return 0;
  } finally {
    await project.db.close();
  }
}
