import { expect } from "chai";
import { join, resolve } from "node:path";
import * as ts from "typescript";

// Compiled to build/test/unit/, so the repository root is three levels up.
const ROOT = resolve(__dirname, "../../..");
const FILE = join(ROOT, "test/types/hovers.ts");

/** The type each `const` of test/types/hovers.ts shows on hover (typeToString, as editors print it). */
function hoverTypes(): Map<string, string> {
  const config = ts.readConfigFile(join(ROOT, "test/types/tsconfig.json"), ts.sys.readFile);
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, join(ROOT, "test/types"));
  const program = ts.createProgram([FILE], parsed.options);
  const checker = program.getTypeChecker();
  const hovers = new Map<string, string>();
  const visit = (node: ts.Node): void => {
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name)) {
      const type = checker.getTypeAtLocation(node.name);
      hovers.set(node.name.text, checker.typeToString(type, undefined, ts.TypeFormatFlags.NoTruncation));
    }
    ts.forEachChild(node, visit);
  };
  visit(program.getSourceFile(FILE)!);
  return hovers;
}

describe("hover types: results read as plain object types", function () {
  this.timeout(120_000);

  it("select() results show their columns, not RowOf<[...]> or other helper names", () => {
    const hovers = hoverTypes();
    expect(Object.fromEntries(hovers)).to.deep.equal({
      joined: '{ name: string; "manager.name": string | null; }[]',
      everything: "{ name: string; manager: Ref<Manager> | null; popularity: number; id: number; }[]",
      counted: "{ manager: Ref<Manager> | null; bands: number; }[]",
      unioned: "{ name: string | null; }[]",
      top: 'QuerySource<"top", { name: string; n: number; }>',
      // Key order is the compiler's (the order its types were made), not always the select's.
      derived: "{ count: number; name: string; }[]",
    });
  });
});
