import pc from "picocolors";

/** Colours on a terminal, plain text when piped or when NO_COLOR is set (picocolors decides). */
export const colors = pc;

/** Prints a line to stdout. */
export function say(message = ""): void {
  process.stdout.write(`${message}\n`);
}

/** Prints a success line. */
export function ok(message: string): void {
  say(`${pc.green("✔")} ${message}`);
}

/** Prints a warning to stderr. */
export function warn(message: string): void {
  process.stderr.write(`${pc.yellow("!")} ${message}\n`);
}

/** Prints an error to stderr. */
export function fail(message: string): void {
  process.stderr.write(`${pc.red("Error:")} ${message}\n`);
}
