import { execFileSync } from "node:child_process";

/** Runs a command in `dir` and returns its stdout; on failure the error shows its exit status and output. */
export function runCommand(dir: string, file: string, args: string[]): string {
  try {
    return execFileSync(file, args, { cwd: dir, encoding: "utf8", stdio: "pipe" });
  } catch (error) {
    const e = error as { status?: number; stdout?: string; stderr?: string };
    throw new Error(`${[file, ...args].join(" ")} exited with ${e.status}:\n${e.stdout ?? ""}${e.stderr ?? ""}`, {
      cause: error,
    });
  }
}
