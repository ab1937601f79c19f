import type { Command } from "commander";
import { say } from "../output";
import { packageVersion } from "../version";

/** `piccolo meta version`. */
export function metaCommands(program: Command): void {
  program
    .command("meta")
    .description("About piccolo-orm")
    .command("version")
    .description("Print the piccolo-orm version")
    .action(() => say(packageVersion()));
}
