import { existsSync } from "node:fs";
import { outputExists } from "../errors/factories";

/** Asks a yes/no question on the terminal (default no). Callers check first that there is one. */
export async function askYesNo(question: string): Promise<boolean> {
  const confirm =
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the prompt library loads only when a prompt is shown
    (require("@inquirer/confirm") as { default: (o: { message: string; default: boolean }) => Promise<boolean> })
      .default;
  return confirm({ message: question, default: false });
}

/** Whether a prompt can be shown: stdin and stdout are both a terminal. */
export const onTerminal = (): boolean => Boolean(process.stdin.isTTY && process.stdout.isTTY);

/**
 * Whether `command` may write its `--output` file: yes when it does not exist or with `--yes`; else
 * the answer on a terminal, and off one a PICCOLO_OUTPUT_EXISTS error (nobody can be asked).
 * Messages name the file as `shownAs` (what was typed).
 */
export async function mayWriteOutput(command: string, path: string, yes: boolean, shownAs = path): Promise<boolean> {
  if (yes || !existsSync(path)) return true;
  if (!onTerminal()) throw outputExists(command, shownAs);
  return askYesNo(`${shownAs} exists: overwrite it?`);
}
