/**
 * The README's quickstart, run as a user runs it: `node build/examples/quickstart.js` in a child
 * process (better-sqlite3), and the same program on the sqlite3 driver (quickstart-sqlite3.ts).
 */
import { execFile } from "node:child_process";
import { resolve } from "node:path";
import { promisify } from "node:util";
import { expect } from "chai";

// Compiled to build/test/e2e/, so the repository root is three levels up.
const ROOT = resolve(__dirname, "../../..");

/** Runs a compiled script with node; resolves with its stdout, rejects with its output on failure. */
async function runScript(script: string): Promise<{ stdout: string; stderr: string }> {
  const { stdout, stderr } = await promisify(execFile)(process.execPath, [resolve(ROOT, script)], {
    cwd: ROOT,
    encoding: "utf8",
    timeout: 15000,
  });
  return { stdout, stderr };
}

/** Asserts the quickstart's three printed results. */
function expectQuickstartOutput(stdout: string): void {
  expect(stdout).to.match(
    /^all bands: \[\n {2}\{ name: 'Pythonistas', popularity: 1000 \},\n {2}\{ name: 'Asyncio Allstars', popularity: 800 \}\n\]$/m,
  );
  expect(stdout).to.match(/^popular: \[ \{ name: 'Pythonistas' \} \]$/m);
  expect(stdout).to.match(
    /^after save: \[\n {2}\{ id: 1, name: 'Pythonistas', popularity: 1101 \},\n {2}\{ id: 2, name: 'Asyncio Allstars', popularity: 800 \}\n\]$/m,
  );
}

describe("quickstart", () => {
  let betterSqlite3Output: string | undefined;

  it("runs on better-sqlite3 and prints the bands, Pythonistas at 1101 after update and save", async () => {
    const { stdout, stderr } = await runScript("build/examples/quickstart.js");
    expect(stderr).to.equal("");
    expectQuickstartOutput(stdout);
    betterSqlite3Output = stdout;
  });

  it("runs on the sqlite3 driver with the same output", async () => {
    const { stdout, stderr } = await runScript("build/test/e2e/quickstart-sqlite3.js");
    expect(stderr).to.equal("");
    const [first, ...rest] = stdout.split("\n");
    expect(first).to.equal("driver: sqlite3");
    expectQuickstartOutput(rest.join("\n"));
    if (betterSqlite3Output !== undefined) expect(rest.join("\n")).to.equal(betterSqlite3Output);
  });
});
