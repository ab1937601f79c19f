/** Every error code is set by exactly one factory (or class) and documented in docs/errors.md. */
import { readFileSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { expect } from "chai";
import * as lib from "../../lib";
import {
  assertKnownOptions,
  columnNotFound,
  invalidValue,
  migrationStepFailed,
  notATable,
  noEngine,
} from "../../lib/errors/factories";

const ROOT = resolve(__dirname, "../../..");
const errorsDir = join(ROOT, "lib/errors");
const docs = readFileSync(join(ROOT, "docs/errors.md"), "utf8");
const codePattern = /"(PICCOLO_[A-Z0-9_]+)"/g;

/** The factory files: factories.ts and the files of lib/errors/factories/ (but its shared helpers). */
function factoryFiles(): string[] {
  const dir = join(errorsDir, "factories");
  const files = readdirSync(dir).filter((f) => f.endsWith(".ts") && f !== "shared.ts");
  return [join(errorsDir, "factories.ts"), ...files.map((f) => join(dir, f))];
}

/** Each exported function of the factory files with its source text. */
function factories(): Array<{ name: string; body: string }> {
  const source = factoryFiles()
    .map((file) => readFileSync(file, "utf8"))
    .join("\n");
  return source
    .split(/\n(?=(?:\/\*\*[\s\S]*?\*\/\n)?export )/)
    .map((chunk) => ({ name: /export (?:function|type|const) (\w+)/.exec(chunk)?.[1], body: chunk }))
    .filter((f): f is { name: string; body: string } => f.name !== undefined && f.body.includes("export function"));
}

/** The error factories of layers above the core (each file's codes are documented like the core's). */
const layerErrorFiles = ["lib/crud/errors.ts", "lib/admin/errors.ts"];

/** Every code literal in lib/errors, with the files it appears in. */
function allCodes(): Set<string> {
  const codes = new Set<string>();
  const files = readdirSync(errorsDir, { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".ts"))
    .map((f) => join(errorsDir, f));
  for (const file of [...files, ...layerErrorFiles.map((f) => join(ROOT, f))]) {
    for (const match of readFileSync(file, "utf8").matchAll(codePattern)) codes.add(match[1]!);
  }
  return codes;
}

describe("error codes", () => {
  it("every factory sets a code (or builds a class that has its own)", () => {
    const ownCode = ["assertKnownOptions", "migrationStepFailed", "invalidValue"]; // throws unknownOption; MigrationStepError; ValidationError
    const missing = factories()
      .filter((f) => !/"PICCOLO_[A-Z0-9_]+"/.test(f.body) && !ownCode.includes(f.name))
      .map((f) => f.name);
    expect(missing, "factories without a code").to.deep.equal([]);
  });

  it("no two factories share a code", () => {
    const owners = new Map<string, string[]>();
    for (const f of factories()) {
      for (const code of new Set([...f.body.matchAll(codePattern)].map((m) => m[1]!)))
        owners.set(code, [...(owners.get(code) ?? []), f.name]);
    }
    const shared = [...owners]
      .filter(([, names]) => names.length > 1)
      .map(([code, names]) => `${code}: ${names.join(", ")}`);
    expect(shared).to.deep.equal([]);
  });

  it("docs/errors.md documents every code and no code that does not exist", () => {
    const codes = allCodes();
    expect(codes.size).to.be.greaterThan(80);
    const undocumented = [...codes].filter((code) => !new RegExp(`\\b${code}\\b`).test(docs));
    expect(undocumented, "codes missing from docs/errors.md").to.deep.equal([]);
    const documented = new Set(
      [...docs.matchAll(/\bPICCOLO_[A-Z0-9_]+\b/g)].map((m) => m[0]).filter((name) => name !== "PICCOLO_CONF"),
    ); // the config variable
    expect(
      [...documented].filter((code) => !codes.has(code)),
      "codes in docs/errors.md that no error has",
    ).to.deep.equal([]);
  });

  it("docs/errors.md documents every exported error class", () => {
    const classes = Object.entries(lib)
      .filter(
        ([, value]) =>
          typeof value === "function" && (value === lib.OrmError || value.prototype instanceof lib.OrmError),
      )
      .map(([name]) => name);
    expect(classes).to.include.members([
      "OrmError",
      "DefinitionError",
      "QueryError",
      "ConfigError",
      "MigrationError",
      "ConstraintViolationError",
      "ConnectionError",
    ]);
    expect(classes.filter((name) => !docs.includes(`\`${name}\``))).to.deep.equal([]);
  });

  it("factories build the class of their category, with their code", () => {
    expect(columnNotFound("band", "nme", ["name"]))
      .to.be.instanceOf(lib.QueryError)
      .and.include({ code: "PICCOLO_COLUMN_NOT_FOUND" });
    expect(notATable("Band")).to.be.instanceOf(lib.DefinitionError).and.include({ code: "PICCOLO_NOT_A_TABLE" });
    expect(noEngine("band")).to.be.instanceOf(lib.ConfigError).and.include({ code: "PICCOLO_NO_ENGINE" });
    expect(invalidValue("band", "popularity", "x", "an integer"))
      .to.be.instanceOf(lib.ValidationError)
      .and.include({ code: "PICCOLO_INVALID_VALUE" });
    const step = migrationStepFailed({ app: "music", id: "1" }, "forwards", 1, 1, "sql", "SELECT", new Error("x"));
    expect(step)
      .to.be.instanceOf(lib.MigrationStepError)
      .and.instanceOf(lib.MigrationError)
      .and.include({ code: "PICCOLO_MIGRATION_STEP_FAILED", app: "music" });
  });

  it("assertKnownOptions names the nearest option and throws the class of what it checks", () => {
    expect(() => assertKnownOptions("transaction()", { isolation: 1 }, ["isolationLevel"]))
      .to.throw(
        lib.QueryError,
        'transaction() has no option "isolation". Did you mean "isolationLevel"? Valid options: isolationLevel.',
      )
      .with.property("code", "PICCOLO_UNKNOWN_OPTION");
    expect(() => assertKnownOptions("Integer", { nul: true }, ["null"], "definition")).to.throw(
      lib.DefinitionError,
      /Integer has no option "nul"/,
    );
    expect(() =>
      assertKnownOptions(
        "PostgresEngine",
        { pool: 1 },
        ["config"],
        "config",
        "Pass pool settings inside { config: { … } }.",
      ),
    ).to.throw(lib.ConfigError, 'PostgresEngine has no option "pool". Pass pool settings inside { config: { … } }.');
    expect(() => assertKnownOptions("x()", { a: 1, b: 2 }, ["a", "b"])).not.to.throw();
  });
});
