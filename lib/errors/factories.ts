// Every usage error, each from one factory: it says what is wrong and how to fix it, and carries a
// stable code (documented in docs/errors.md; test/unit/error-codes.test.ts keeps the two in step).
// The factories live in ./factories/, one file per kind of error; add a new one to the file of its
// kind (helpers: ./factories/shared.ts). A new kind gets its own file and one line here.
export * from "./factories/options";
export * from "./factories/definition";
export * from "./factories/query";
export * from "./factories/unsupported";
export * from "./factories/config";
export * from "./factories/migration";
export * from "./factories/cli";
export * from "./factories/cli-tools";
export * from "./factories/ddl";
export * from "./factories/set-operations";
