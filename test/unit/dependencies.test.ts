import { expect } from "chai";
import { resolve } from "node:path";
import { readImportGraph, runtimeCycles, type ImportEdge, type ImportGraph } from "../support/import-graph";

// Compiled to build/test/unit/, so the repository root is three levels up.
const ROOT = resolve(__dirname, "../../..");

/**
 * The layers of /work/shared/STYLE.md ("imports only point down"): what each folder of lib/ may
 * import besides itself. Type-only imports count too: a layer should not know an upper one's types.
 */
const bottom = ["errors", "utils"];
const core = ["columns", "table", "query", "engine", "sql", ...bottom];
const layers: Readonly<Record<string, readonly string[]>> = {
  errors: ["utils"],
  utils: ["errors"],
  sql: bottom,
  engine: ["sql", ...bottom],
  // One layer: builders that produce nodes; they import each other.
  columns: core,
  table: core,
  query: core,
  migrations: core,
  apps: ["migrations", ...core],
  // Validation runs on every write: the core calls a hook (lib/table/write-validation.ts) that
  // lib/validation installs, and lib/index.ts imports lib/validation so that the hook is always there.
  validation: core,
  // HTTP-facing batteries: users, sessions, their apps and handlers (a subpath export).
  auth: ["apps", "migrations", ...core],
  // Entry points: nothing in lib/ imports them; they import any layer below.
  cli: ["index.ts", "apps", "migrations", ...core],
  // HTTP-facing batteries: the core, and the validation layer's JSON Schema.
  crud: ["validation", ...core],
  nestjs: ["index.ts", "apps", ...core],
  // The admin GUI: the public entry points of the core, crud, auth and validation, and the bottom layers.
  admin: ["index.ts", "crud", "auth", "validation", ...bottom],
};

/** Folders that are entry points of their own (subpath exports): nothing else in lib/ may import them. */
// Not lib/validation: the package entry imports it (see `layers`).
const entryPoints = ["cli", "admin", "nestjs", "testing", "crud", "auth"];

/**
 * Imports that break the rules today, each with the reason and the way out. The check prints
 * them; a new violation fails, and so does an exception that no longer happens (delete it here).
 */
const knownExceptions: readonly { readonly edge: string; readonly why: string }[] = [];

function layerOf(file: string): string {
  return file.includes("/") ? file.slice(0, file.indexOf("/")) : file;
}

function describeEdge(edge: ImportEdge): string {
  return `${edge.from} -> ${edge.to} (${edge.runtime ? "runtime" : "type"})`;
}

/** The imports the layer rules do not allow. */
function layerViolations(graph: ImportGraph): string[] {
  return graph.edges
    .filter((edge) => {
      const from = layerOf(edge.from);
      const to = layerOf(edge.to);
      if (from === to) return false;
      if (!from.endsWith(".ts")) return !(layers[from] ?? []).includes(to);
      // The package entry (lib/index.ts) re-exports the core, never a subpath entry point.
      return entryPoints.includes(to);
    })
    .map(describeEdge)
    .sort();
}

describe("dependency check (lib/ import graph)", () => {
  let graph: ImportGraph;
  before(function () {
    this.timeout(120_000); // parses every file of lib/: over 20 s when the machine is loaded
    graph = readImportGraph(ROOT);
  });

  it("has rules for every folder of lib/", () => {
    const folders = [...new Set(graph.files.map(layerOf))].filter((layer) => !layer.endsWith(".ts"));
    const missing = folders.filter((folder) => layers[folder] === undefined);
    expect(missing, "add these folders to `layers` in test/unit/dependencies.test.ts").to.deep.equal([]);
  });

  it("has no runtime import cycles", () => {
    const cycles = runtimeCycles(graph);
    const largest = [...graph.lines].sort((a, b) => b[1] - a[1]).slice(0, 5);
    const runtime = graph.edges.filter((e) => e.runtime).length;
    console.log(
      `      lib/: ${graph.files.length} files, ${graph.edges.length} imports (${runtime} runtime), ${cycles.length} runtime cycles; largest: ${largest.map(([f, n]) => `${f} ${n}`).join(", ")}`,
    );
    expect(
      cycles.map((group) => group.join(" <-> ")),
      "files that import each other when loaded",
    ).to.deep.equal([]);
  });

  it("imports only point down the layers (known exceptions listed)", () => {
    const violations = layerViolations(graph);
    const known = new Set(knownExceptions.map((e) => e.edge));
    console.log(`      known layer exceptions (${knownExceptions.length}), to remove as issue 9 item 1 lands:`);
    for (const e of knownExceptions) console.log(`        ${e.edge}: ${e.why}`);
    expect(
      violations.filter((v) => !known.has(v)),
      "new imports that point up a layer",
    ).to.deep.equal([]);
    expect(
      [...known].filter((e) => !violations.includes(e)),
      "exceptions that no longer happen: delete them from knownExceptions",
    ).to.deep.equal([]);
  });

  it("lib/columns loads nothing of lib/table: foreign keys find their targets through the resolver lib/table installs", () => {
    const upward = graph.edges.filter((e) => e.runtime && layerOf(e.from) === "columns" && layerOf(e.to) === "table");
    expect(upward.map(describeEdge)).to.deep.equal([]);
  });

  it("nothing in lib/ imports an entry point such as lib/cli (but the entry point itself)", () => {
    // A layer its rules name (crud -> validation) may import that entry point; nothing else may.
    const inward = graph.edges.filter(
      (e) =>
        entryPoints.includes(layerOf(e.to)) &&
        layerOf(e.from) !== layerOf(e.to) &&
        !(layers[layerOf(e.from)] ?? []).includes(layerOf(e.to)),
    );
    expect(inward.map(describeEdge)).to.deep.equal([]);
  });
});
