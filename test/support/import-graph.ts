/**
 * The import graph of lib/, read from the TypeScript sources with the compiler API: every relative
 * import (type-only ones too, for the layer rules) and which of them survive compilation (the
 * runtime ones, for cycles). An import whose names are only used as types is erased by tsc, so the
 * runtime imports are read from each file's own transpiled output, as tsc would emit it.
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { existsSync } from "node:fs";
import * as ts from "typescript";

/** One import of one lib file: paths relative to lib/, e.g. "query/objects.ts". */
export interface ImportEdge {
  readonly from: string;
  readonly to: string;
  /** False when the import is erased at compile time (`import type`, or names used only as types). */
  readonly runtime: boolean;
}

/** lib/'s files (relative paths, sorted), their line counts and imports. */
export interface ImportGraph {
  readonly files: readonly string[];
  readonly lines: ReadonlyMap<string, number>;
  readonly edges: readonly ImportEdge[];
}

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) return tsFiles(full);
    return entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts") ? [full] : [];
  });
}

/** Every module specifier a source file names statically: imports, re-exports, `import("x")` types. */
function specifiers(source: ts.SourceFile): string[] {
  const out: string[] = [];
  const visit = (node: ts.Node): void => {
    if (
      (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      out.push(node.moduleSpecifier.text);
    } else if (
      ts.isImportEqualsDeclaration(node) &&
      ts.isExternalModuleReference(node.moduleReference) &&
      ts.isStringLiteral(node.moduleReference.expression)
    ) {
      out.push(node.moduleReference.expression.text);
    } else if (
      ts.isImportTypeNode(node) &&
      ts.isLiteralTypeNode(node.argument) &&
      ts.isStringLiteral(node.argument.literal)
    ) {
      out.push(node.argument.literal.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

/** The specifiers left in the CommonJS output of one file: its runtime imports. */
function runtimeSpecifiers(text: string, fileName: string): Set<string> {
  const { outputText } = ts.transpileModule(text, {
    fileName,
    compilerOptions: {
      module: ts.ModuleKind.CommonJS,
      target: ts.ScriptTarget.ES2022,
      experimentalDecorators: true,
      emitDecoratorMetadata: true,
    },
  });
  return new Set([...outputText.matchAll(/\brequire\("([^"]+)"\)/g)].map((m) => m[1]!));
}

/** Reads lib/ under `root`; only relative imports between lib files are edges. */
export function readImportGraph(root: string): ImportGraph {
  const lib = join(root, "lib");
  const paths = tsFiles(lib).sort();
  const lines = new Map<string, number>();
  const edges: ImportEdge[] = [];
  for (const path of paths) {
    const from = relative(lib, path).split("\\").join("/");
    const text = readFileSync(path, "utf8");
    lines.set(from, text.split("\n").length - (text.endsWith("\n") ? 1 : 0));
    const runtime = runtimeSpecifiers(text, path);
    const seen = new Set<string>();
    for (const specifier of specifiers(ts.createSourceFile(path, text, ts.ScriptTarget.ES2022, true))) {
      if (!specifier.startsWith(".") || seen.has(specifier)) continue;
      seen.add(specifier);
      const target = resolve(dirname(path), specifier);
      const file = existsSync(`${target}.ts`) ? `${target}.ts` : join(target, "index.ts");
      edges.push({ from, to: relative(lib, file).split("\\").join("/"), runtime: runtime.has(specifier) });
    }
  }
  // The same file imported twice (a value import and a type import) is one edge, runtime if either is.
  const merged = new Map<string, ImportEdge>();
  for (const edge of edges) {
    const key = `${edge.from} -> ${edge.to}`;
    const known = merged.get(key);
    merged.set(key, { ...edge, runtime: edge.runtime || (known?.runtime ?? false) });
  }
  return { files: paths.map((p) => relative(lib, p).split("\\").join("/")), lines, edges: [...merged.values()] };
}

/** The runtime import cycles: strongly connected groups of files (Tarjan), each sorted, largest first. */
export function runtimeCycles(graph: ImportGraph): string[][] {
  const next = new Map<string, string[]>(graph.files.map((f) => [f, []]));
  for (const edge of graph.edges) if (edge.runtime) next.get(edge.from)?.push(edge.to);
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const connect = (v: string): void => {
    index.set(v, index.size);
    low.set(v, index.get(v)!);
    stack.push(v);
    onStack.add(v);
    for (const w of next.get(v) ?? []) {
      if (!index.has(w)) {
        connect(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const group: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      group.push(w);
    } while (w !== v);
    if (group.length > 1 || next.get(v)!.includes(v)) cycles.push(group.sort());
  };
  for (const file of graph.files) if (!index.has(file)) connect(file);
  return cycles.sort((a, b) => b.length - a.length);
}
