/**
 * Finds the code examples of the documentation: ```ts blocks of README.md and docs/*.md, and the
 * `@example`s of doc comments in lib/. test/unit/doc-examples.test.ts type-checks them and checks
 * the SQL the `@example`s state.
 */
import { readFileSync, readdirSync } from "node:fs";
import { join, relative } from "node:path";

/** One example, with where it came from (file and 1-based line of its first code line). */
export interface DocExample {
  file: string;
  line: number;
  code: string;
  /** The prelude its page declares (README/docs), or null for `@example`s. */
  prelude: string | null;
}

/** What a markdown page holds: the blocks to check, and how many are marked `nocheck`. */
export interface PageExamples {
  examples: DocExample[];
  nocheck: DocExample[];
}

/** The ```ts blocks of one page. `ts prelude` is the page's prelude; `ts nocheck` is only counted. */
export function markdownExamples(root: string, path: string): PageExamples {
  const lines = readFileSync(path, "utf8").split("\n");
  const file = relative(root, path);
  const blocks: { info: string; line: number; code: string }[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\S*)\s*(.*)$/.exec(lines[i]!);
    if (!open) continue;
    const end = lines.findIndex((l, j) => j > i && /^```\s*$/.test(l));
    if (end < 0) throw new Error(`${file}:${i + 1}: unclosed code block`);
    blocks.push({ info: `${open[1]} ${open[2]}`.trim(), line: i + 2, code: lines.slice(i + 1, end).join("\n") });
    i = end;
  }
  const preludes = blocks.filter((b) => b.info === "ts prelude");
  if (preludes.length > 1) throw new Error(`${file}: more than one ts prelude block`);
  const prelude = preludes[0]?.code ?? "";
  const ts = blocks.filter((b) => b.info === "ts" || b.info === "ts nocheck");
  const unknown = blocks.filter(
    (b) => /^(ts|typescript)\b/.test(b.info) && !["ts", "ts nocheck", "ts prelude"].includes(b.info),
  );
  if (unknown.length > 0)
    throw new Error(
      `${file}:${unknown[0]!.line - 1}: unknown code block "${unknown[0]!.info}" (use ts, ts nocheck or ts prelude)`,
    );
  const toExample = (b: { line: number; code: string }): DocExample => ({ file, line: b.line, code: b.code, prelude });
  return {
    examples: ts.filter((b) => b.info === "ts").map(toExample),
    nocheck: ts.filter((b) => b.info === "ts nocheck").map(toExample),
  };
}

/** Lists the .ts files under dir, recursively, sorted. */
function tsFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...tsFiles(full));
    else if (entry.name.endsWith(".ts")) out.push(full);
  }
  return out.sort();
}

/** The `@example`s of doc comments in lib/: the comment's text up to the next tag or its end (`\\@` is `@`). */
export function libExamples(root: string): DocExample[] {
  const out: DocExample[] = [];
  for (const path of tsFiles(join(root, "lib"))) {
    const lines = readFileSync(path, "utf8").split("\n");
    for (let i = 0; i < lines.length; i++) {
      if (!/^\s*\*\s*@example\b/.test(lines[i]!)) continue;
      const code: string[] = [lines[i]!.replace(/^\s*\*\s*@example\s?/, "")];
      let j = i + 1;
      for (; j < lines.length; j++) {
        const l = lines[j]!;
        if (/^\s*\*\/|^\s*\*\s*@\w/.test(l)) break;
        code.push(l.replace(/^\s*\* ?/, "").replace(/\\@/g, "@")); // `\@` keeps a decorator from reading as a tag
      }
      out.push({
        file: relative(root, path),
        line: code[0]!.trim() === "" ? i + 2 : i + 1,
        code: code.join("\n").trim(),
        prelude: null,
      });
      i = j - 1;
    }
  }
  return out;
}

/**
 * The statements stated for a dialect, each a `// postgres: …` line plus the lines right after it
 * that continue it: comments indented three or more spaces after `//` (long SQL wraps at a space).
 */
function statedLines(lines: readonly string[], dialect: string): string[] {
  const prefix = new RegExp(`^\\s*//\\s*${dialect}:\\s*`);
  const continuation = /^\s*\/\/\s{3,}(\S.*)$/;
  const out: string[] = [];
  let open = false;
  for (const line of lines) {
    const more: RegExpExecArray | null = open ? continuation.exec(line) : null;
    if (more) out[out.length - 1] += ` ${more[1]!.trim()}`;
    else if (prefix.test(line)) out.push(line.replace(prefix, "").trim());
    open = more !== null || prefix.test(line);
  }
  return out;
}

/** The expected SQL an `@example` states in `// postgres: …` and `// sqlite: …` lines. */
export function statedSQL(code: string): { expression: string; postgres?: string; sqlite?: string } {
  const lines = code.split("\n");
  const stated = (dialect: string) => statedLines(lines, dialect)[0];
  const expression = lines
    .filter((l) => !/^\s*\/\//.test(l))
    .join("\n")
    .trim()
    .replace(/;$/, "");
  return { expression, postgres: stated("postgres"), sqlite: stated("sqlite") };
}

/** Names a module declares at top level: imports, classes, functions, enums, variables. */
export function declaredNames(code: string): Set<string> {
  const names = new Set<string>();
  for (const m of code.matchAll(/^\s*import\s+(?:type\s+)?\{([^}]*)\}/gm)) {
    for (const part of m[1]!.split(",")) {
      const name = part
        .trim()
        .replace(/^type\s+/, "")
        .split(/\s+as\s+/)
        .pop()!
        .trim();
      if (name) names.add(name);
    }
  }
  for (const m of code.matchAll(
    /^(?:export\s+)?(?:default\s+)?(?:declare\s+)?(?:abstract\s+)?(?:class|function|enum|const|let|var|type|interface)\s+([A-Za-z_$][\w$]*)/gm,
  )) {
    names.add(m[1]!);
  }
  for (const m of code.matchAll(/^(?:export\s+)?(?:const|let|var)\s+\{([^}]*)\}/gm)) {
    for (const part of m[1]!.split(",")) {
      const name = part.split(":").pop()!.trim();
      if (name) names.add(name);
    }
  }
  return names;
}

/**
 * The prelude lines an example needs: each import specifier or declaration of the prelude whose
 * name the example does not declare itself (an example that defines its own Band keeps it).
 */
export function preludeFor(prelude: string, code: string): string {
  const own = declaredNames(code);
  const out: string[] = [];
  for (const line of prelude.split("\n")) {
    const imp = /^\s*import\s+\{([^}]*)\}\s+from\s+(".*");?\s*$/.exec(line);
    if (imp) {
      const kept = imp[1]!
        .split(",")
        .map((p) => p.trim())
        .filter(
          (p) =>
            p &&
            !own.has(
              p
                .replace(/^type\s+/, "")
                .split(/\s+as\s+/)
                .pop()!,
            ),
        );
      if (kept.length > 0) out.push(`import { ${kept.join(", ")} } from ${imp[2]};`);
      continue;
    }
    const names = declaredNames(line);
    if ([...names].some((n) => own.has(n))) continue;
    out.push(line);
  }
  return out.join("\n");
}

/** Every statement an `@example` states for a dialect (`// postgres: …` lines), in order. */
export function statedStatements(code: string, dialect: "postgres" | "sqlite"): string[] {
  return statedLines(code.split("\n"), dialect);
}

/** Whether an `@example` is statements that run (awaits) rather than one query expression. */
export function runsStatements(code: string): boolean {
  return /\bawait\b/.test(code);
}
