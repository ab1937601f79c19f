import { expect } from "chai";
import { execFile } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";

// Compiled to build/test/unit/, so the repository root is three levels up.
const ROOT = resolve(__dirname, "../../..");
const BIN = join(ROOT, "node_modules/.bin");

/** The same checks as `npm run lint`; prettier's content cache keeps repeated runs quick. */
const CHECKS = {
  prettier: ["prettier", "--check", "--cache", "--cache-strategy", "content", "--log-level", "warn", "."],
  eslint: ["eslint", "--max-warnings", "0", "."],
} as const;

/** Runs one tool on the repository; resolves with its exit status and output instead of rejecting. */
function run([tool, ...args]: readonly string[]): Promise<{ status: number; output: string }> {
  return new Promise((done) => {
    execFile(join(BIN, tool!), args, { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      const status = error === null ? 0 : typeof error.code === "number" ? error.code : -1;
      done({ status, output: `${stdout}${stderr}`.trim() });
    });
  });
}

describe("lint (prettier --check and eslint over the repository, as `npm run lint`)", function () {
  // Type-aware eslint builds a TypeScript program of lib/ and the tests: tens of seconds on a busy machine.
  this.timeout(300_000);
  let results: Record<keyof typeof CHECKS, { status: number; output: string }>;

  before(async () => {
    const [prettier, eslint] = await Promise.all([run(CHECKS.prettier), run(CHECKS.eslint)]);
    results = { prettier, eslint };
  });

  it("every file is formatted by prettier (fix: npx prettier --write <file>)", () => {
    expect(results.prettier.status, results.prettier.output).to.equal(0);
  });

  it("eslint reports nothing (fix: npx eslint --fix <file>, or by hand)", () => {
    expect(results.eslint.status, results.eslint.output).to.equal(0);
  });
});

/** The .ts files under dir, recursively. */
function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = join(dir, entry.name);
    return entry.isDirectory() ? tsFiles(full) : entry.name.endsWith(".ts") ? [full] : [];
  });
}

describe("line length of lib/ (prettier wraps code at 120; strings, comments and SQL are wrapped by hand)", () => {
  it("no line of lib/ is over 140 characters", () => {
    const long = tsFiles(join(ROOT, "lib")).flatMap((file) =>
      readFileSync(file, "utf8")
        .split("\n")
        .flatMap((line, i) => (line.length > 140 ? [`${relative(ROOT, file)}:${i + 1} (${line.length})`] : [])),
    );
    expect(long, `wrap these lines (an @example's SQL continues on "//" lines indented 3+ spaces)`).to.deep.equal([]);
  });
});
