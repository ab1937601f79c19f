import { assertKnownOptions, invalidTableConstraint, unknownIndexMethod } from "../errors/factories";
import { Condition } from "../query/expression";
import type { ExpressionNode, IndexMethod } from "../sql/ast/nodes";
import { globalStore } from "../utils/global-store";
import type { TableMeta } from "./metadata";

export type { IndexMethod };

/**
 * The condition of a check or partial index: a thunk building it from the table's columns
 * (`() => Band.c.popularity.gte(0)`; a thunk because the class does not exist yet when @table()'s
 * options are read), or SQL text, written into the DDL as it is.
 */
export type TableCondition = string | (() => Condition);

/** An index over one or more columns, declared in `@table({ indexes: [...] })`. */
export interface IndexDeclaration<TKey extends string = string> {
  /** The indexed columns, by property name, in order. */
  readonly columns: readonly TKey[];
  /** The index method (default btree); hash, gin, gist and brin are PostgreSQL's, and an error on SQLite. */
  readonly method?: IndexMethod | undefined;
  /** A unique index. */
  readonly unique?: boolean | undefined;
  /** A partial index: only rows that match the condition are indexed. */
  readonly where?: TableCondition | undefined;
  /** The index's name (default `<table>_<columns>_idx`). */
  readonly name?: string | undefined;
}

/** A check constraint, declared in `@table({ checks: [...] })`. */
export interface CheckDeclaration {
  readonly check: TableCondition;
  /** The constraint's name (default `<table>_<columns it reads>_check`). */
  readonly name?: string | undefined;
}

/** The constraint options of `@table()`, typed against the columns (property names `K`). */
export interface TableConstraintOptions<TKey extends string = string> {
  /** Composite unique constraints: each a list of columns whose values together must be unique. */
  readonly unique?: readonly (readonly TKey[])[] | undefined;
  /** Indexes over several columns, of a method, unique or partial. */
  readonly indexes?: readonly IndexDeclaration<TKey>[] | undefined;
  /** Check constraints. */
  readonly checks?: readonly CheckDeclaration[] | undefined;
}

/** A composite unique constraint with its columns' database names. */
export interface UniqueConstraint {
  readonly name: string;
  readonly columns: readonly string[];
}

/** A declared index with its columns' database names and its condition as a node. */
export interface TableIndex {
  readonly name: string;
  readonly columns: readonly string[];
  readonly method?: IndexMethod | undefined;
  readonly unique: boolean;
  readonly where?: ExpressionNode | undefined;
}

/** A check constraint with its condition as a node. */
export interface CheckConstraint {
  readonly name: string;
  readonly condition: ExpressionNode;
}

/** A table's constraints and indexes, resolved: names given or derived, conditions built. */
export interface TableConstraints {
  readonly unique: readonly UniqueConstraint[];
  readonly indexes: readonly TableIndex[];
  readonly checks: readonly CheckConstraint[];
}

const indexMethods: readonly IndexMethod[] = ["btree", "hash", "gin", "gist", "brin"];
const none: TableConstraints = { unique: [], indexes: [], checks: [] };
// Global, and holding this copy's resolver, so that another installed copy of piccolo-orm reads the constraints too.
const declared = globalStore("constraints.v1", () => new WeakMap<TableMeta, () => TableConstraints>());

/** Checks a table's constraint options against its columns (a misspelt column is an error naming the nearest) and records them. */
export function declareConstraints(meta: TableMeta, options: TableConstraintOptions): void {
  const where = meta.className;
  const columns = (list: unknown, what: string) => {
    if (!Array.isArray(list) || list.length === 0)
      throw invalidTableConstraint(where, `${what} needs a non-empty list of column names`);
    for (const name of list) meta.column(name as string);
  };
  if (options.unique !== undefined && !Array.isArray(options.unique))
    throw invalidTableConstraint(where, 'unique takes a list of column lists, e.g. unique: [["name", "manager"]]');
  for (const list of options.unique ?? []) columns(list, "each unique constraint");
  for (const index of options.indexes ?? []) {
    assertKnownOptions("@table() indexes", index, ["columns", "method", "unique", "where", "name"], "definition");
    columns(index.columns, "each index");
    if (index.method !== undefined && !indexMethods.includes(index.method))
      throw unknownIndexMethod(where, index.method, indexMethods);
    if (index.where !== undefined) checkCondition(where, index.where, "an index's where");
  }
  for (const check of options.checks ?? []) {
    assertKnownOptions("@table() checks", check, ["check", "name"], "definition");
    checkCondition(where, check.check, "a check");
  }
  let resolved: TableConstraints | undefined;
  declared.set(meta, () => (resolved ??= resolve(meta, options)));
}

function checkCondition(table: string, condition: unknown, what: string): void {
  if (typeof condition !== "string" && typeof condition !== "function") {
    throw invalidTableConstraint(
      table,
      `${what} must be SQL text or a function returning a condition, e.g. () => ${table}.c.popularity.gte(0)`,
    );
  }
}

/** The table's constraints and indexes, resolved on first use (conditions are thunks over the finished class). */
export function tableConstraints(meta: TableMeta): TableConstraints {
  return declared.get(meta)?.() ?? none;
}

function resolve(meta: TableMeta, options: TableConstraintOptions): TableConstraints {
  const names = new Set<string>();
  // Derived names follow PostgreSQL's (band_name_manager_key), numbered when two would clash.
  const nameOf = (given: string | undefined, parts: readonly string[], suffix: string) => {
    if (given !== undefined) {
      if (names.has(given))
        throw invalidTableConstraint(meta.className, `two constraints or indexes are named "${given}"`);
      names.add(given);
      return given;
    }
    const base = [meta.tableName, ...parts, suffix].join("_");
    let name = base;
    for (let i = 1; names.has(name); i++) name = `${base}${i}`;
    names.add(name);
    return name;
  };
  const dbNames = (list: readonly string[]) => list.map((p) => meta.column(p).dbName);
  const explicit = [...(options.indexes ?? []).map((i) => i.name), ...(options.checks ?? []).map((c) => c.name)];
  for (const name of explicit) if (name !== undefined) nameOf(name, [], "");
  const given = (name: string | undefined) => name !== undefined;
  const unique = (options.unique ?? []).map((list) => ({
    name: nameOf(undefined, dbNames(list), "key"),
    columns: dbNames(list),
  }));
  const indexes = (options.indexes ?? []).map((i): TableIndex => {
    const columns = dbNames(i.columns);
    return {
      name: given(i.name) ? i.name : nameOf(undefined, columns, "idx"),
      columns,
      method: i.method,
      unique: i.unique ?? false,
      where: i.where === undefined ? undefined : conditionNode(meta, i.where),
    };
  });
  const checks = (options.checks ?? []).map((c): CheckConstraint => {
    const condition = conditionNode(meta, c.check);
    return { name: given(c.name) ? c.name : nameOf(undefined, columnsIn(condition), "check"), condition };
  });
  return { unique, indexes, checks };
}

/** The node of a condition: SQL text as it is, or the thunk's condition, which must use this table's own columns only. */
function conditionNode(meta: TableMeta, condition: TableCondition): ExpressionNode {
  // SQL text is kept whole (no `{}` placeholders: '{}' is PostgreSQL's empty array).
  if (typeof condition === "string") return { kind: "dialectSql", sql: { postgres: condition, sqlite: condition } };
  const built = condition();
  if (!(built instanceof Condition))
    throw invalidTableConstraint(
      meta.className,
      `a check or index condition must return a condition such as ${meta.className}.c.popularity.gte(0)`,
    );
  if ((built.$root !== undefined && built.$root !== meta) || built.$joins.length > 0) {
    throw invalidTableConstraint(meta.className, "a check or index condition can only read the table's own columns");
  }
  return built.$node;
}

/** The distinct column names a condition reads, in order, for its derived name. */
export function columnsIn(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((n) => columnsIn(n, out));
  else if (typeof node === "object" && node !== null) {
    const n = node as { kind?: unknown; name?: unknown };
    if (n.kind === "column" && typeof n.name === "string") {
      if (!out.includes(n.name)) out.push(n.name);
    } else for (const value of Object.values(node)) if (typeof value === "object") columnsIn(value, out);
  }
  return out;
}
