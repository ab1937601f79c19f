import { expect } from "chai";
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

// Compiled to build/test/unit/, so the repository root is three levels up.
const ROOT = resolve(__dirname, "../../..");
const TSC = join(ROOT, "node_modules/.bin/tsc");
const TYPES_CONFIG = join(ROOT, "test/types/tsconfig.json");

/** Runs tsc on a project; returns its exit status and output instead of throwing. */
function tsc(project: string): { status: number; output: string } {
  try {
    const stdout = execFileSync(TSC, ["-p", project, "--pretty", "false"], {
      cwd: ROOT,
      encoding: "utf8",
      stdio: "pipe",
    });
    return { status: 0, output: stdout };
  } catch (error) {
    const e = error as { status?: number | null; stdout?: string; stderr?: string };
    return { status: e.status ?? -1, output: `${e.stdout ?? ""}${e.stderr ?? ""}` };
  }
}

describe("type tests (test/types, expect-type)", function () {
  this.timeout(120_000);

  it("compile: every expectTypeOf holds and every @ts-expect-error is needed", () => {
    const { status, output } = tsc(TYPES_CONFIG);
    expect(output.trim(), "tsc output").to.equal("");
    expect(status).to.equal(0);
  });

  it("fail to compile when a result type regresses", () => {
    const dir = mkdtempSync(join(tmpdir(), "piccolo-type-regression-"));
    try {
      const schema = join(ROOT, "test/types/schema").replace(/\\/g, "/");
      const expectType = join(ROOT, "node_modules/expect-type").replace(/\\/g, "/");
      writeFileSync(
        join(dir, "regression.ts"),
        [
          `import { expectTypeOf } from ${JSON.stringify(expectType)};`,
          `import { Band } from ${JSON.stringify(schema)};`,
          "export async function regression(): Promise<void> {",
          "  const rows = await Band.select(Band.c.name);",
          "  expectTypeOf(rows).toEqualTypeOf<{ nope: number }[]>();",
          "}",
          "",
        ].join("\n"),
      );
      writeFileSync(
        join(dir, "tsconfig.json"),
        JSON.stringify({
          extends: TYPES_CONFIG,
          compilerOptions: { typeRoots: [join(ROOT, "node_modules/@types")] },
          include: ["regression.ts"],
        }),
      );
      const { status, output } = tsc(join(dir, "tsconfig.json"));
      expect(status).to.not.equal(0);
      // The failure is the deliberate one, not a broken set-up.
      expect(output).to.match(/regression\.ts\(5,\d+\): error TS\d+/);
      expect(output.match(/error TS/g)).to.have.length(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
