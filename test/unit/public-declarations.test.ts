import { expect } from "chai";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import ts from "typescript";

// Compiled to build/test/unit/, so the repository root is three levels up.
const ROOT = resolve(__dirname, "../../..");

/**
 * Public declarations that still say `any`, by file and top-level declaration, each with why. All are
 * the table-root default (`Root = any`) that lets "an expression of any table" stand for every table:
 * `$rootType` is an invariant phantom (`(root: Root) => Root`, so tables match exactly), and no type
 * but `any` is both above every table (a parameter taking any table's expression) and below it (an
 * expression fitting every table's query, as `Count()` does); `unknown` or `never` there made every
 * query refuse the other tables' (or its own) expressions. Shrink this list; never grow it.
 */
const ALLOWED: readonly string[] = [
  // `Expression<T>` in signatures and users' code: an expression of any table.
  "query/expression.d.ts Expression",
  // `Condition` (crud filters, and()/or() parts): a condition of any table.
  "query/expression.d.ts Condition",
  // `OrderItem` in orderBy() internals and over(): an order item of any table.
  "query/expression.d.ts OrderItem",
  // `Scalar<T, K>`: a table-less scalar (Count(), Concat of values) fits every table's select.
  "query/scalar.d.ts Scalar",
  // `ColumnRef<T>`: any table's column (describe(), crud and admin resolve columns at run time).
  "query/column-ref.d.ts ColumnRef",
  // The classes and member interfaces behind Scalar and ColumnRef carry the same default.
  "query/column-ref.d.ts ColumnRefExpression",
  "query/column-ref.d.ts ColumnRefMembers",
  "query/scalar.d.ts ScalarBase",
  "query/scalar.d.ts ScalarExpression",
  "query/scalar.d.ts ScalarMembers",
  // `Aggregate<T, K>`: Count() belongs to no table until used, so it fits every table's select.
  "query/functions.d.ts Aggregate",
  // `Window<T, K>`: RowNumber() belongs to no table until over() names its columns.
  "query/window.d.ts Window",
];

/** The declaration files of the package's entry points (package.json "exports"), and every file they import. */
function publicDeclarationFiles(): string[] {
  const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as {
    exports: Record<string, string | { require?: { types?: string } }>;
  };
  const queue = Object.values(pkg.exports)
    .map((entry) => (typeof entry === "string" ? undefined : entry.require?.types))
    .filter((path): path is string => path !== undefined)
    .map((path) => join(ROOT, path));
  const seen = new Set<string>();
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node): void => {
      const specifier = moduleSpecifier(node);
      if (specifier?.startsWith(".")) {
        const base = resolve(dirname(file), specifier);
        const target = [`${base}.d.ts`, join(base, "index.d.ts")].find((path) => existsSync(path));
        if (target === undefined) throw new Error(`${file}: cannot resolve ${specifier}`);
        queue.push(target);
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return [...seen].sort();
}

function moduleSpecifier(node: ts.Node): string | undefined {
  if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier) {
    return (node.moduleSpecifier as ts.StringLiteral).text;
  }
  if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
    return node.argument.literal.text;
  }
  return undefined;
}

/** Every `any` of a declaration file, as "file declaration" (the top-level declaration holding it) and its line. */
function anyTokens(file: string): { where: string; line: string }[] {
  const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
  const path = relative(join(ROOT, "build/lib"), file);
  const found: { where: string; line: string }[] = [];
  for (const statement of source.statements) {
    const named = ts.isVariableStatement(statement) ? statement.declarationList.declarations[0] : statement;
    const name = (named as { name?: ts.Node } | undefined)?.name?.getText(source) ?? "(statement)";
    const visit = (node: ts.Node): void => {
      if (node.kind === ts.SyntaxKind.AnyKeyword) {
        const { line } = source.getLineAndCharacterOfPosition(node.getStart(source));
        found.push({ where: `${path} ${name}`, line: `${path}:${line + 1}: ${source.text.split("\n")[line]!.trim()}` });
      }
      ts.forEachChild(node, visit);
    };
    visit(statement);
  }
  return found;
}

describe("public declarations (build/lib/**/*.d.ts reached from the package's entry points)", () => {
  it("say `any` nowhere but in the listed declarations, each of which still does", () => {
    const files = publicDeclarationFiles();
    expect(files.length, "declaration files found").to.be.greaterThan(50);
    const tokens = files.flatMap(anyTokens);
    const unexpected = tokens.filter((t) => !ALLOWED.includes(t.where)).map((t) => t.line);
    expect(unexpected, "`any` in public declarations").to.deep.equal([]);
    // A declaration fixed must leave the list, so the list only shrinks.
    const stale = ALLOWED.filter((where) => !tokens.some((t) => t.where === where));
    expect(stale, "listed declarations without any `any` left").to.deep.equal([]);
  });
});
