// ESLint flat config (typescript-eslint), run by `npm run lint` and by test/unit/lint.test.ts in `npm test`.
// Import cycles are not checked here: test/unit/dependencies.test.ts owns the import graph (no runtime
// cycles, layer rules, entry points), so eslint-plugin-import is not used.
import js from "@eslint/js";
import { defineConfig } from "eslint/config";
import tseslint from "typescript-eslint";

const nodeGlobals = Object.fromEntries(
  [
    "require",
    "module",
    "exports",
    "__dirname",
    "__filename",
    "process",
    "console",
    "Buffer",
    "global",
    "setTimeout",
    "clearTimeout",
    "setInterval",
    "clearInterval",
    "setImmediate",
    "URL",
  ].map((name) => [name, "readonly"]),
);

// Type-aware linting needs a TypeScript program per tsconfig; one program (the root tsconfig.json:
// lib/, the mocha tests, examples/) keeps `npm test` fast. The other folders (test/types, test/tc39,
// test/docs, bench, migrations-example) have their own tsconfig and are linted without type information.
const typed = ["lib/**/*.ts", "test/{support,unit,integration,e2e}/**/*.ts", "examples/**/*.ts"];

export default defineConfig(
  { ignores: ["build/", "node_modules/", "migrations-example/**/migrations/"] },
  {
    files: ["**/*.js", "**/*.mjs"],
    extends: [js.configs.recommended],
    languageOptions: { globals: nodeGlobals },
  },
  {
    files: ["**/*.ts"],
    extends: [js.configs.recommended, tseslint.configs.recommended],
    rules: {
      // `import()` type annotations stay allowed: they type optional peer drivers loaded lazily.
      "@typescript-eslint/consistent-type-imports": [
        "error",
        { fixStyle: "inline-type-imports", disallowTypeAnnotations: false },
      ],
      // A leading underscore marks a deliberately unused parameter or destructured name.
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", ignoreRestSiblings: true },
      ],
    },
  },
  {
    files: typed,
    languageOptions: {
      parserOptions: { project: "./tsconfig.json", tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // Promise mistakes lose errors silently; these are the type-aware rules worth their cost.
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": "error",
      "@typescript-eslint/await-thenable": "error",
      "@typescript-eslint/switch-exhaustiveness-check": [
        "error",
        { considerDefaultExhaustiveForUnions: true, requireDefaultForNonUnion: false },
      ],
      "@typescript-eslint/no-unnecessary-type-assertion": "error",
      // Not enabled from recommendedTypeChecked: no-unsafe-* (the typed query builder uses `any` roots on
      // purpose), unbound-method (driver methods are bound by hand), no-base-to-string (String(unknown) on
      // encoded values is deliberate), no-implied-eval (the row mapper compiles readers with new Function).
    },
  },
  {
    // `any` is the "fits any table" root of the query builder's phantom types (Expression<V, Root = any>);
    // `unknown` there would break assignability between queries. Everywhere else in lib/, `any` is an error.
    files: [
      "lib/query/{case,column-ref,expression,functions,m2m-rows,m2m-select,param,raw-expressions,scalar,window}.ts",
      "lib/table/types.ts",
    ],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
  {
    // Type parameters in lib/ say what they stand for (`TTable`, `TValue`), never a bare `T` (issue 9):
    // at least one lower-case letter. Mapped-type keys and `infer` names are not type parameters here.
    files: ["lib/**/*.ts"],
    rules: {
      "@typescript-eslint/naming-convention": [
        "error",
        { selector: "typeParameter", format: ["PascalCase"], custom: { regex: "[a-z]", match: true } },
      ],
    },
  },
  {
    // Tests pass deliberately ill-typed input and require built copies of the package by path.
    files: ["test/**/*.ts", "bench/**/*.ts"],
    rules: {
      "@typescript-eslint/no-explicit-any": "off",
      "@typescript-eslint/no-require-imports": "off",
    },
  },
  {
    // Test servers hand async handlers to http.createServer and friends, which ignore the promise;
    // the handlers answer their own errors. (Type-aware, so only for the typed test files.)
    files: typed.filter((glob) => glob.startsWith("test/")),
    rules: {
      "@typescript-eslint/no-misused-promises": ["error", { checksVoidReturn: { arguments: false } }],
    },
  },
);
