#!/usr/bin/env node
import { findConfig } from "../apps/project";
import { OrmError } from "../errors/orm-error";
import { runAppCommand } from "./app-commands";
import { fail } from "./output";
import { buildProgram } from "./program";

function hasConfig(): boolean {
  try {
    return findConfig() !== undefined;
  } catch {
    return false;
  }
}

/** Runs the CLI; the only place in piccolo-orm that sets the process's exit code or exits. */
async function main(argv: string[]): Promise<void> {
  const program = buildProgram();
  const first = argv[2];
  const builtIn = program.commands.some((c) => c.name() === first);
  if (first !== undefined && !first.startsWith("-") && first !== "help" && !builtIn && hasConfig()) {
    process.exitCode = await runAppCommand(argv.slice(2));
    return;
  }
  await program.parseAsync(argv);
}

main(process.argv).catch((error: unknown) => {
  if (error instanceof OrmError) fail(error.message);
  else if (error instanceof Error && error.name === "ExitPromptError") fail("Cancelled.");
  else fail(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
