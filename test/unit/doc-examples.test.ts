/**
 * Docs that cannot rot: every ```ts block of README.md and docs/*.md and every `@example` of lib/'s
 * doc comments is type-checked against lib/ (one Program, the project's strict settings), and the
 * SQL an `@example` states (`// postgres: …`, `// sqlite: …`) is compared with its `toSQL()`.
 */
import { expect } from "chai";
import { readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import * as ts from "typescript";
import * as lib from "../../lib";
import {
  type DocExample,
  libExamples,
  markdownExamples,
  preludeFor,
  runsStatements,
  statedSQL,
} from "../support/doc-examples";
import { makeFixtures } from "../support/fixtures";

// Compiled to build/test/unit/, so the repository root is three levels up.
const ROOT = resolve(__dirname, "../../..");
/** Blocks marked `ts nocheck` (shell-like fragments, output): few, and counted so they stay few. */
const MAX_NOCHECK = 3;
/** What every `@example` may use: the playground tables and instances, and piccolo's exports. */
const LIB_PRELUDE = [
  'import { DB, Manager, Band, Venue, Concert, Ticket, Genre, GenreToBand, band, manager, concert, rock } from "../playground";',
  `import { ${Object.keys(lib)
    .filter((k) => /^[A-Za-z]\w*$/.test(k))
    .join(", ")} } from "piccolo-orm";`,
].join("\n");

const OPTIONS: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  lib: ["lib.es2023.d.ts"],
  types: ["node"],
  typeRoots: [join(ROOT, "node_modules/@types")],
  strict: true,
  noUncheckedIndexedAccess: true,
  noImplicitOverride: true,
  useDefineForClassFields: true,
  experimentalDecorators: true,
  emitDecoratorMetadata: true,
  esModuleInterop: true,
  skipLibCheck: true,
  noEmit: true,
  baseUrl: ROOT,
  paths: { "piccolo-orm": ["lib/index.ts"], "piccolo-orm/auth": ["lib/auth/index.ts"] },
};

/** One example as a module of its own beside the fixtures, and where its code starts in it. */
interface Wrapped {
  example: DocExample;
  fileName: string;
  text: string;
  offset: number;
}

/** Wraps an example as a module: its prelude, its code, `export {}` (so top-level await works). */
function wrap(example: DocExample, index: number): Wrapped {
  const prelude = preludeFor(example.prelude ?? LIB_PRELUDE, example.code);
  const head = `${prelude}\n`;
  return {
    example,
    fileName: join(ROOT, "test/docs/examples", `example-${index}.ts`),
    text: `${head}${example.code}\nexport {};\n`,
    offset: head.split("\n").length - 1,
  };
}

/** Type-checks wrapped examples in one Program; returns each error as `file:line: message`. */
function check(modules: Wrapped[]): string[] {
  const byName = new Map(modules.map((m) => [m.fileName, m]));
  const host = ts.createCompilerHost(OPTIONS);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, languageVersion, onError, shouldCreate) => {
    const m = byName.get(resolve(fileName));
    return m
      ? ts.createSourceFile(fileName, m.text, languageVersion, true)
      : getSourceFile(fileName, languageVersion, onError, shouldCreate);
  };
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (fileName) => byName.has(resolve(fileName)) || fileExists(fileName);
  const program = ts.createProgram([...byName.keys()], OPTIONS, host);
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const message = ts.flattenDiagnosticMessageText(d.messageText, "\n");
    if (!d.file || d.start === undefined) return message;
    const m = byName.get(resolve(d.file.fileName));
    const { line } = d.file.getLineAndCharacterOfPosition(d.start);
    if (!m) return `${d.file.fileName}:${line + 1}: ${message}`;
    return line < m.offset
      ? `${m.example.file}:${m.example.line}: (prelude) ${message}`
      : `${m.example.file}:${m.example.line + line - m.offset}: ${message}`;
  });
}

/** README.md and docs/*.md, each page's examples. */
function pages() {
  const docs = readdirSync(join(ROOT, "docs"))
    .filter((f) => f.endsWith(".md"))
    .sort()
    .map((f) => join(ROOT, "docs", f));
  return [join(ROOT, "README.md"), ...docs].map((path) => markdownExamples(ROOT, path));
}

describe("documentation examples (README.md, docs/*.md, @example in lib/)", function () {
  this.timeout(120_000);
  const markdown = pages();
  const checked = markdown.flatMap((p) => p.examples);
  const nocheck = markdown.flatMap((p) => p.nocheck);
  const examples = libExamples(ROOT);

  // One Program for everything, with a sentinel that uses a renamed API and must not compile.
  const renamed: DocExample = {
    file: "renamed.md",
    line: 1,
    code: "await Band.selectRows(Band.c.name);",
    prelude: null,
  };
  let errors: string[] = [];
  before(() => {
    errors = check([...checked, ...examples, renamed].map(wrap));
  });

  it(`type-check: ${checked.length} markdown blocks and ${examples.length} @examples compile against lib/`, () => {
    const real = errors.filter((e) => !e.startsWith("renamed.md:"));
    expect(real, real.join("\n")).to.deep.equal([]);
    expect(checked.length).to.be.at.least(20);
    expect(examples.length).to.be.greaterThan(30);
  });

  it(`few blocks are exempt: ${nocheck.length} marked ts nocheck (at most ${MAX_NOCHECK})`, () => {
    expect(nocheck.map((e) => `${e.file}:${e.line}`).length).to.be.at.most(MAX_NOCHECK);
  });

  it("fails when an example uses a renamed API", () => {
    const sentinel = errors.filter((e) => e.startsWith("renamed.md:"));
    expect(sentinel).to.have.length(1);
    expect(sentinel[0]).to.match(/^renamed\.md:1: Property 'selectRows' does not exist/);
  });

  describe("@example SQL is what toSQL() makes", () => {
    // No database is touched: toSQL() only compiles, and engines connect lazily.
    const dialects = {
      postgres: makeFixtures(new lib.PostgresEngine({ config: { port: 1 } })),
      sqlite: makeFixtures(new lib.SQLiteEngine({ path: ":memory:" })),
    };
    const names = Object.keys(lib).filter(
      (k) => /^[A-Za-z]\w*$/.test(k) && !["Band", "Manager", "Venue", "Concert", "Ticket"].includes(k),
    );
    // Examples that await statements are run on real databases: test/integration/doc-examples-sql.test.ts.
    const stating = examples.filter(
      (e) =>
        !runsStatements(e.code) && (statedSQL(e.code).postgres !== undefined || statedSQL(e.code).sqlite !== undefined),
    );

    it(`${stating.length} @examples state their SQL on both dialects`, () => {
      expect(stating.length).to.be.greaterThan(20);
      for (const e of stating) {
        const s = statedSQL(e.code);
        expect(s.postgres !== undefined && s.sqlite !== undefined, `${e.file}:${e.line} states both dialects`).to.equal(
          true,
        );
      }
    });

    for (const e of stating) {
      const { expression, postgres, sqlite } = statedSQL(e.code);
      it(`${e.file}:${e.line}: ${expression.split("\n")[0]}`, () => {
        const js = ts.transpile(`(${expression})`, { target: ts.ScriptTarget.ES2022 });
        for (const [dialect, expected] of [
          ["postgres", postgres],
          ["sqlite", sqlite],
        ] as const) {
          const t = dialects[dialect];
          const run = new Function("Band", "Manager", "Venue", "Concert", "Ticket", ...names, `return ${js}`);
          const query = run(
            t.Band,
            t.Manager,
            t.Venue,
            t.Concert,
            t.Ticket,
            ...names.map((n) => (lib as Record<string, unknown>)[n]),
          ) as {
            toSQL(): { sql: string } | { sql: string }[];
          };
          const made = query.toSQL();
          const sql = Array.isArray(made) ? made.map((s) => s.sql).join("; ") : made.sql;
          expect(sql, `${e.file}:${e.line} on ${dialect}`).to.equal(expected);
        }
      });
    }
  });
});
