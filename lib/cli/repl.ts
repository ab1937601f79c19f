import { createInterface } from "node:readline";
import * as repl from "node:repl";
import { PassThrough } from "node:stream";

/**
 * Opens a REPL with `scope` as its globals and the whole public API of piccolo-orm; top-level
 * `await` works. Resolves when the user leaves (`.exit`, Ctrl-D, or the end of piped input).
 */
export async function openRepl(scope: Record<string, unknown>, prompt = "piccolo> "): Promise<void> {
  const terminal = Boolean(process.stdin.isTTY && process.stdout.isTTY);
  const input = terminal ? process.stdin : new PassThrough();
  const server = repl.start({ prompt, input, output: process.stdout, useGlobal: false, terminal });
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the whole public API, as the REPL's globals
  Object.assign(server.context, require("../index"), scope);
  const closed = new Promise<void>((resolve) => server.on("exit", () => resolve()));
  if (!terminal) await feedLines(server, input as PassThrough);
  await closed;
}

/**
 * Piped input, one line at a time: the REPL would otherwise start every buffered line at once, so
 * `await insert` on one line could still be running when the next line reads the table.
 */
async function feedLines(server: repl.REPLServer, input: PassThrough): Promise<void> {
  let evaluated: () => void = () => undefined;
  const evaluate = server.eval;
  (server as { eval: repl.REPLEval }).eval = (code, context, file, callback) =>
    evaluate.call(server, code, context, file, (error, result) => {
      callback(error, result);
      evaluated();
    });
  for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
    // Blank lines and REPL commands (.exit) are not evaluated: nothing to wait for.
    const waits = line.trim() !== "" && !line.trimStart().startsWith(".");
    const done = new Promise<void>((resolve) => (evaluated = resolve));
    input.write(`${line}\n`);
    if (waits) await done;
  }
  input.end();
}
