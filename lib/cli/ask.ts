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
