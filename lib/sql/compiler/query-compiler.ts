import {
  asOfSystemTimeUnsupported,
  cteNameClash,
  conditionNotForDdl,
  distinctOnUnsupported,
  emptyMultiRowInsert,
  invalidLimit,
  rawPlaceholderMismatch,
} from "../../errors/factories";
import type * as N from "../ast/nodes";
import { NamedParam, type CompiledQuery } from "./compiled-query";

/**
 * The state of one compile() in progress, passed down explicitly so a compiler keeps no per-call
 * state of its own: the bound parameters so far, which of them are secret, and whether a DDL
 * condition is rendering. One object per compile, none per expression.
 */
export interface CompileContext {
  /** The values bound so far, in placeholder order. */
  readonly params: unknown[];
  /** Indexes into params of values bound for secret columns (redacted in error reports); undefined while there are none. */
  secretParams: number[] | undefined;
  /** True while a DDL condition renders: values become literals and columns go unqualified. */
  readonly inDdl: boolean;
  /**
   * True while the query of a derived table or a CTE renders: its selections stay plain values
   * (no dialect cast for decoding), since the outer query selects and decodes them.
   */
  innerQuery?: boolean;
}

/** The statements that are not queries: CREATE, ALTER, DROP and the catalogue and migration helpers. */
export type SchemaStatementNode = Exclude<
  N.StatementNode,
  N.SelectNode | N.CompoundNode | N.InsertNode | N.UpdateNode | N.DeleteNode | N.RawNode
>;

/** Notes that the last parameter is bound for a secret column. */
function markSecret(ctx: CompileContext): void {
  (ctx.secretParams ??= []).push(ctx.params.length - 1);
}

/**
 * Renders queries (SELECT, INSERT, UPDATE, DELETE, raw SQL) and expressions as SQL; DDL is rendered
 * by DdlCompiler (ddl-compiler.ts), which the dialect compilers extend. The base class writes
 * standard SQL; each dialect overrides the small hooks where its spelling differs (placeholders,
 * ILIKE, arrays, JSON).
 * Every value becomes a bound parameter and every identifier is quoted.
 */
export abstract class QueryCompiler {
  /** The placeholder for the `index`-th parameter (1-based). */
  protected abstract placeholder(index: number): string;
  /** Converts a JS value to what the driver expects for this column type. */
  abstract encode(type: N.DataType | undefined, value: unknown): unknown;

  /** Compiles a statement into SQL text and parameters. */
  compile(node: N.StatementNode): CompiledQuery {
    const ctx: CompileContext = { params: [], secretParams: undefined, inDdl: false };
    const sql = this.statement(node, ctx);
    const { params, secretParams } = ctx;
    if (node.kind === "carryOver" || node.kind === "legacyAlterTable") return { sql, params, migrationStep: node };
    let compiled: CompiledQuery = secretParams === undefined ? { sql, params } : { sql, params, secretParams };
    if ((node.kind === "select" && node.lock === undefined) || node.kind === "compound")
      compiled = { ...compiled, readOnly: true };
    const columns = resultColumns(node);
    return columns === undefined ? compiled : { ...compiled, columns };
  }

  /** A bound value; values of secret columns are noted so that error reports can redact them. */
  protected value(node: N.ValueNode, ctx: CompileContext): string {
    const placeholder = this.param(this.encode(node.type, node.value), ctx);
    if (node.secret) markSecret(ctx);
    return placeholder;
  }

  /** A Param's placeholder value: a typed Param (compared with or assigned to a column) is encoded as that column's values are. */
  protected namedParam(node: N.ParamNode): NamedParam {
    const type = node.type;
    return type === undefined
      ? new NamedParam(node.name)
      : new NamedParam(node.name, (value) => this.encode(type, value));
  }

  /** `array @> values`. */
  protected abstract arrayContains(node: N.ArrayContainsNode, ctx: CompileContext): string;
  /** `value = ANY (array)` / `value = ALL (array)`. */
  protected abstract arrayQuantified(node: N.ArrayQuantifiedNode, ctx: CompileContext): string;
  /** `left || right` on arrays. */
  protected abstract arrayConcat(node: N.ArrayConcatNode, ctx: CompileContext): string;
  /** `array_remove(array, value)`. */
  protected abstract arrayRemove(node: N.ArrayRemoveNode, ctx: CompileContext): string;
  /** `array_replace(array, from, to)`. */
  protected abstract arrayReplace(node: N.ArrayReplaceNode, ctx: CompileContext): string;
  /** A date or timestamp formatted as text in UTC. */
  protected abstract dateFormat(node: N.DateFormatNode, ctx: CompileContext): string;
  /** The wall clock of an instant in a time zone. */
  protected abstract atTimeZone(node: N.AtTimeZoneNode, ctx: CompileContext): string;
  /** The current date and time, in the form its type stores. */
  protected abstract now(node: N.NowNode): string;
  /** `json -> key` / `json ->> key`. */
  protected abstract jsonAccess(node: N.JsonAccessNode, ctx: CompileContext): string;
  /** `json @> value`. */
  protected abstract jsonContains(node: N.JsonContainsNode, ctx: CompileContext): string;
  /** An M2M relation's values as an array per row. */
  protected abstract relatedArray(node: N.RelatedArrayNode, ctx: CompileContext): string;

  /** Quotes an identifier, doubling embedded quotes. */
  quote(identifier: string): string {
    return identifier.includes('"') ? `"${identifier.replace(/"/g, '""')}"` : `"${identifier}"`;
  }

  protected statement(node: N.StatementNode, ctx: CompileContext): string {
    switch (node.kind) {
      case "select":
        return this.select(node, ctx);
      case "compound":
        return this.query(node, ctx);
      case "insert":
        return this.insert(node, ctx);
      case "update":
        return this.update(node, ctx);
      case "delete":
        return this.delete(node, ctx);
      case "raw":
        return this.raw(node, ctx);
      default:
        return this.schemaStatement(node, ctx);
    }
  }

  /** CREATE, ALTER and DROP statements and the other schema statements (ddl-compiler.ts). */
  protected abstract schemaStatement(node: SchemaStatementNode, ctx: CompileContext): string;

  /** The dialect's name, for error messages. */
  protected abstract readonly dialectName: string;

  protected table(table: N.TableNode): string {
    const name = table.schema ? `${this.quote(table.schema)}.${this.quote(table.name)}` : this.quote(table.name);
    return table.alias && table.alias !== table.name ? `${name} AS ${this.quote(table.alias)}` : name;
  }

  protected param(value: unknown, ctx: CompileContext): string {
    if (ctx.inDdl) return this.literal(value);
    ctx.params.push(value);
    return this.placeholder(ctx.params.length);
  }

  /** A select with its WITH clause. */
  protected select(node: N.SelectNode, ctx: CompileContext): string {
    return this.query(node, ctx);
  }

  /** A select or a compound query, after the WITH clause of the CTEs it (or a compound's members) reads. */
  protected query(node: N.QueryNode, ctx: CompileContext): string {
    const ctes = ctesOf(node);
    const prefix = ctes.length === 0 ? "" : this.withClause(ctes, ctx);
    return prefix + (node.kind === "select" ? this.selectBody(node, ctx) : this.compound(node, ctx));
  }

  /** `WITH [RECURSIVE] "name" AS (…), … `: RECURSIVE once any of them reads itself. */
  protected withClause(ctes: readonly N.CteNode[], ctx: CompileContext): string {
    const recursive = ctes.some((c) => c.recursive) ? "RECURSIVE " : "";
    const items = ctes.map((c) => `${this.quote(c.name)} AS (${this.innerQuery(c.query, ctx)})`);
    return `WITH ${recursive}${items.join(", ")} `;
  }

  /** The query of a derived table or a CTE, whose selections the outer query decodes. */
  protected innerQuery(node: N.QueryNode, ctx: CompileContext): string {
    const outer = ctx.innerQuery;
    ctx.innerQuery = true;
    try {
      return this.query(node, ctx);
    } finally {
      ctx.innerQuery = outer;
    }
  }

  /** `a UNION b INTERSECT c … ORDER BY "output" LIMIT … OFFSET …`, applied left to right. */
  protected compound(node: N.CompoundNode, ctx: CompileContext): string {
    let sql = this.compoundMember(node.first, ctx);
    let looser = false;
    for (const { op, query } of node.rest) {
      // INTERSECT binds tighter than UNION and EXCEPT in standard SQL: group what came before it.
      if (op === "INTERSECT" && looser) sql = this.groupCompound(sql);
      if (op !== "INTERSECT") looser = true;
      sql += ` ${op} ${this.compoundMember(query, ctx)}`;
    }
    if (node.orderBy.length > 0) {
      const items = node.orderBy.map((o) => {
        const nulls = o.nulls ? ` NULLS ${o.nulls.toUpperCase()}` : "";
        return `${this.quote(o.name)} ${o.direction.toUpperCase()}${nulls}`;
      });
      sql += ` ORDER BY ${items.join(", ")}`;
    }
    if (node.limit !== undefined) sql += ` LIMIT ${this.count(node.limit)}`;
    if (node.offset !== undefined)
      sql += `${node.limit === undefined ? this.offsetWithoutLimit() : ""} OFFSET ${this.count(node.offset)}`;
    return sql;
  }

  /** One member of a compound query, without its CTEs (the compound's WITH has them). */
  protected compoundMember(node: N.QueryNode, ctx: CompileContext): string {
    if (node.kind === "select" && !hasOwnOrderOrLimit(node)) return this.selectBody(node, ctx);
    return `(${node.kind === "select" ? this.selectBody(node, ctx) : this.compound(node, ctx)})`;
  }

  /** The compound so far, grouped so that a following INTERSECT applies to all of it. */
  protected groupCompound(sql: string): string {
    return `(${sql})`;
  }

  /** A table in FROM or JOIN position: a stored table, or a derived table's `(query) AS "name"`. */
  protected source(table: N.TableNode, ctx: CompileContext): string {
    if (table.query === undefined) return this.table(table);
    return `(${this.innerQuery(table.query, ctx)}) AS ${this.quote(table.alias ?? table.name)}`;
  }

  /** SELECT … without its WITH clause. */
  protected selectBody(node: N.SelectNode, ctx: CompileContext): string {
    const distinct = node.distinctOn ? `${this.distinctOn(node.distinctOn, ctx)} ` : node.distinct ? "DISTINCT " : "";
    let sql = `SELECT ${distinct}${this.selections(node.selections, ctx)}${this.fromWhere(node, ctx)}`;
    if (node.groupBy && node.groupBy.length > 0)
      sql += ` GROUP BY ${node.groupBy.map((g) => this.expr(g, ctx)).join(", ")}`;
    if (node.having) sql += ` HAVING ${this.expr(node.having, ctx)}`;
    if (node.orderBy.length > 0) sql += ` ORDER BY ${node.orderBy.map((o) => this.orderBy(o, ctx)).join(", ")}`;
    if (node.limit !== undefined) sql += ` LIMIT ${this.count(node.limit)}`;
    if (node.offset !== undefined)
      sql += `${node.limit === undefined ? this.offsetWithoutLimit() : ""} OFFSET ${this.count(node.offset)}`;
    if (node.lock) sql += this.lock(node.lock);
    return sql;
  }

  /** ` FROM … LEFT JOIN … WHERE …`: the part of a select that dialects reuse in their own subqueries. */
  protected fromWhere(node: N.SelectNode, ctx: CompileContext): string {
    let sql = ` FROM ${this.source(node.from, ctx)}`;
    for (const join of node.joins)
      sql += ` ${join.type === "inner" ? "INNER" : "LEFT"} JOIN ${this.source(join.table, ctx)} ON ${this.expr(join.on, ctx)}`;
    if (node.asOfSystemTime !== undefined) sql += this.asOfSystemTime(node.asOfSystemTime);
    if (node.where) sql += ` WHERE ${this.expr(node.where, ctx)}`;
    return sql;
  }

  /** ` AS OF SYSTEM TIME …` is CockroachDB's; other dialects refuse it. */
  protected asOfSystemTime(_time: Date | string): string {
    throw asOfSystemTimeUnsupported(this.dialectName);
  }

  /** `DISTINCT ON (…)` is PostgreSQL's; other dialects refuse it. */
  protected distinctOn(_on: readonly N.ExpressionNode[], _ctx: CompileContext): string {
    throw distinctOnUnsupported();
  }

  /** Row locks: ` FOR UPDATE [OF …] [NOWAIT | SKIP LOCKED]`. */
  protected lock(lock: N.LockNode): string {
    const of = lock.of.length > 0 ? ` OF ${lock.of.map((t) => this.quote(t.alias ?? t.name)).join(", ")}` : "";
    const wait = lock.wait === "wait" ? "" : ` ${lock.wait.toUpperCase()}`;
    return ` FOR ${lock.mode.toUpperCase()}${of}${wait}`;
  }

  /** The type name used by CAST. */
  protected abstract castType(type: N.DataType): string;

  /** A date/time part; the standard spelling, which SQLite replaces with strftime(). */
  protected extract(node: N.ExtractNode, ctx: CompileContext): string {
    return `EXTRACT(${node.part.toUpperCase()} FROM ${this.expr(node.expr, ctx)})`;
  }

  /** Concatenation treating NULL as empty text. */
  protected concat(node: N.ConcatNode, ctx: CompileContext): string {
    return `(${node.args.map((a) => `coalesce(${this.expr(a, ctx)}, '')`).join(" || ")})`;
  }

  /** `round(x, digits)`. */
  protected round(node: N.RoundNode, ctx: CompileContext): string {
    return `round(${this.expr(node.expr, ctx)}, ${this.param(node.digits, ctx)})`;
  }

  /**
   * LIMIT and OFFSET are written as literals, checked to be whole numbers: SQLite runs a bound
   * LIMIT about three times slower (measured: 73k vs 220k primary-key lookups/s).
   */
  private exprList(nodes: readonly N.ExpressionNode[], ctx: CompileContext): string {
    return nodes.map((v) => this.expr(v, ctx)).join(", ");
  }

  protected count(n: number): string {
    if (!Number.isSafeInteger(n) || n < 0) throw invalidLimit(n);
    return String(n);
  }

  /** SQLite needs a LIMIT before OFFSET; PostgreSQL does not. */
  protected offsetWithoutLimit(): string {
    return "";
  }

  protected orderBy(item: N.OrderByNode, ctx: CompileContext): string {
    const nulls = item.nulls ? ` NULLS ${item.nulls.toUpperCase()}` : "";
    return `${this.expr(item.expr, ctx)} ${item.direction.toUpperCase()}${nulls}`;
  }

  protected selections(selections: readonly N.SelectionNode[], ctx: CompileContext): string {
    return selections.map((s) => this.selection(s, ctx)).join(", ");
  }

  /** One select-list item; dialects may wrap it so its value decodes exactly (SQLite bigints). */
  protected selection(selection: N.SelectionNode, ctx: CompileContext): string {
    const sql = this.expr(selection.expr, ctx);
    return selection.alias === undefined ? sql : `${sql} AS ${this.quote(selection.alias)}`;
  }

  protected insert(node: N.InsertNode, ctx: CompileContext): string {
    const columns = node.columns.map((c) => this.quote(c)).join(", ");
    const rows = node.rows.map((row) => `(${row.map((v) => this.expr(v, ctx)).join(", ")})`).join(", ");
    const body = node.columns.length === 0 ? this.defaultValues(node.rows.length) : `(${columns}) VALUES ${rows}`;
    const conflict = node.onConflict ? this.onConflict(node.onConflict, ctx) : "";
    return `INSERT INTO ${this.table(node.table)} ${body}${conflict}${this.returning(node.returning, ctx)}`;
  }

  protected onConflict(node: N.OnConflictNode, ctx: CompileContext): string {
    const target = node.target.length > 0 ? ` (${node.target.map((c) => this.quote(c)).join(", ")})` : "";
    if (node.set === undefined) return ` ON CONFLICT${target} DO NOTHING`;
    const set = node.set.map(([column, value]) => `${this.quote(column)} = ${this.expr(value, ctx)}`).join(", ");
    const where = node.where ? ` WHERE ${this.expr(node.where, ctx)}` : "";
    return ` ON CONFLICT${target} DO UPDATE SET ${set}${where}`;
  }

  /** An insert with no explicit column: every column takes its default. */
  protected defaultValues(rows: number): string {
    if (rows !== 1) throw emptyMultiRowInsert();
    return "DEFAULT VALUES";
  }

  protected update(node: N.UpdateNode, ctx: CompileContext): string {
    const set = node.set.map(([column, value]) => `${this.quote(column)} = ${this.expr(value, ctx)}`).join(", ");
    const where = node.where ? ` WHERE ${this.expr(node.where, ctx)}` : "";
    return `UPDATE ${this.table(node.table)} SET ${set}${where}${this.returning(node.returning, ctx)}`;
  }

  protected delete(node: N.DeleteNode, ctx: CompileContext): string {
    const where = node.where ? ` WHERE ${this.expr(node.where, ctx)}` : "";
    return `DELETE FROM ${this.table(node.table)}${where}${this.returning(node.returning, ctx)}`;
  }

  protected returning(selections: readonly N.SelectionNode[], ctx: CompileContext): string {
    return selections.length === 0 ? "" : ` RETURNING ${this.selections(selections, ctx)}`;
  }

  /**
   * A constant in DDL, where PostgreSQL accepts no bound parameters. Only column defaults declared
   * in code reach here; strings are quoted with doubled quotes.
   */
  protected literal(value: unknown): string {
    if (value === null) return "NULL";
    if (typeof value === "number" || typeof value === "bigint") return String(value);
    if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
    return `'${String(value).replace(/'/g, "''")}'`;
  }

  /** The key of this dialect's text in a per-dialect SQL node. */
  protected abstract readonly sqlKey: "postgres" | "sqlite";

  protected raw(node: N.RawNode, ctx: CompileContext): string {
    const parts = node.sql.split("{}");
    if (parts.length - 1 !== node.params.length) throw rawPlaceholderMismatch(parts.length - 1, node.params.length);
    let sql = parts[0]!;
    for (let i = 1; i < parts.length; i++)
      sql += this.param(this.encode(undefined, node.params[i - 1]), ctx) + parts[i];
    return sql;
  }

  /** Renders any expression. */
  expr(node: N.ExpressionNode, ctx: CompileContext): string {
    switch (node.kind) {
      case "column":
        return ctx.inDdl ? this.quote(node.name) : `${this.quote(node.table)}.${this.quote(node.name)}`;
      case "value":
        return this.value(node, ctx);
      case "binary":
        return `${this.operand(node.left, ctx)} ${node.op} ${this.operand(node.right, ctx)}`;
      case "ilike":
        return this.ilike(node, ctx);
      case "in":
        if (node.values.length === 0) return node.negated ? "1 = 1" : "1 = 0";
        return `${this.operand(node.left, ctx)} ${node.negated ? "NOT IN" : "IN"} (${this.exprList(node.values, ctx)})`;
      case "inSubquery":
        return `${this.operand(node.left, ctx)} ${node.negated ? "NOT IN" : "IN"} (${this.query(node.query, ctx)})`;
      case "isNull":
        return `${this.operand(node.operand, ctx)} IS ${node.negated ? "NOT " : ""}NULL`;
      case "between":
        return `${this.operand(node.operand, ctx)} BETWEEN ${this.operand(node.low, ctx)} AND ${this.operand(node.high, ctx)}`;
      case "and":
      case "or":
        return node.items.map((i) => this.operand(i, ctx)).join(node.kind === "and" ? " AND " : " OR ");
      case "not":
        return `NOT ${this.operand(node.operand, ctx)}`;
      case "function":
        return `${node.name}(${node.distinct ? "DISTINCT " : ""}${node.args.map((a) => this.expr(a, ctx)).join(", ")})`;
      case "param":
        if (ctx.inDdl) throw conditionNotForDdl(`a Param ("${node.name}")`);
        ctx.params.push(this.namedParam(node));
        if (node.secret) markSecret(ctx);
        return this.placeholder(ctx.params.length);
      case "excluded":
        return `EXCLUDED.${this.quote(node.column)}`;
      case "cast":
        return `CAST(${this.expr(node.expr, ctx)} AS ${this.castType(node.type)})`;
      case "extract":
        return this.extract(node, ctx);
      case "concat":
        return this.concat(node, ctx);
      case "round":
        return this.round(node, ctx);
      case "star":
        return "*";
      case "raw":
        return `(${this.raw(node, ctx)})`;
      case "exists":
        return `EXISTS (${this.query(node.query, ctx)})`;
      case "arrayContains":
        return this.arrayContains(node, ctx);
      case "arrayQuantified":
        return this.arrayQuantified(node, ctx);
      case "arrayConcat":
        return this.arrayConcat(node, ctx);
      case "arrayRemove":
        return this.arrayRemove(node, ctx);
      case "arrayReplace":
        return this.arrayReplace(node, ctx);
      case "dateFormat":
        return this.dateFormat(node, ctx);
      case "atTimeZone":
        return this.atTimeZone(node, ctx);
      case "now":
        return this.now(node);
      case "jsonAccess":
        return this.jsonAccess(node, ctx);
      case "jsonContains":
        return this.jsonContains(node, ctx);
      case "relatedArray":
        return this.relatedArray(node, ctx);
      case "subquery":
        return `(${this.select(node.query, ctx)})`;
      case "case": {
        const whens = node.whens.map((w) => `WHEN ${this.expr(w.when, ctx)} THEN ${this.expr(w.then, ctx)}`);
        return `CASE ${whens.join(" ")} ELSE ${this.expr(node.else, ctx)} END`;
      }
      case "tuple":
        return `(${node.items.map((i) => this.expr(i, ctx)).join(", ")})`;
      case "dialectSql":
        return `(${node.sql[this.sqlKey]})`;
      case "window":
        return this.window(node, ctx);
    }
  }

  /** `fn(…) OVER (PARTITION BY … ORDER BY …)`; the same spelling on every dialect. */
  protected window(node: N.WindowNode, ctx: CompileContext): string {
    const parts: string[] = [];
    if (node.partitionBy.length > 0) parts.push(`PARTITION BY ${this.exprList(node.partitionBy, ctx)}`);
    if (node.orderBy.length > 0) parts.push(`ORDER BY ${node.orderBy.map((o) => this.orderBy(o, ctx)).join(", ")}`);
    return `${this.expr(node.fn, ctx)} OVER (${parts.join(" ")})`;
  }

  /** Parenthesises compound operands so precedence never depends on the caller. */
  protected operand(node: N.ExpressionNode, ctx: CompileContext): string {
    const sql = this.expr(node, ctx);
    switch (node.kind) {
      case "binary":
      case "and":
      case "or":
      case "not":
      case "between":
      case "in":
      case "inSubquery":
      case "ilike":
      case "isNull":
      case "arrayContains":
      case "arrayQuantified":
      case "arrayConcat":
      case "atTimeZone":
      case "jsonAccess":
      case "jsonContains":
        return `(${sql})`;
      default:
        return sql;
    }
  }

  protected ilike(node: N.ILikeNode, ctx: CompileContext): string {
    return `${this.operand(node.left, ctx)} ${node.negated ? "NOT ILIKE" : "ILIKE"} ${this.operand(node.right, ctx)}`;
  }
}

/** Whether a compound's member select has its own ORDER BY, LIMIT or OFFSET, which it must keep to itself. */
export function hasOwnOrderOrLimit(node: N.SelectNode): boolean {
  return node.orderBy.length > 0 || node.limit !== undefined || node.offset !== undefined;
}

/** The CTEs a query reads, each once: a compound's members' are hoisted, as SQLite takes WITH only first. */
function ctesOf(node: N.QueryNode): readonly N.CteNode[] {
  if (node.kind === "select") return node.with ?? [];
  const all: N.CteNode[] = [];
  const visit = (query: N.QueryNode): void => {
    for (const cte of query.with ?? []) {
      const same = all.find((c) => c.name === cte.name);
      if (same === undefined) all.push(cte);
      else if (same !== cte) throw cteNameClash(cte.name);
    }
    if (query.kind === "compound") for (const member of [query.first, ...query.rest.map((r) => r.query)]) visit(member);
  };
  visit(node);
  return all;
}

/** Whether JS puts this key before the others in an object: an array index such as "2024". */
function isIndexKey(name: string): boolean {
  return /^(0|[1-9]\d{0,9})$/.test(name) && Number(name) < 2 ** 32 - 1;
}

/**
 * The names a statement's result columns get, when each is known, no two are the same, and one
 * looks like an array index (only then does an object's key order differ from the select list's).
 */
function resultColumns(node: N.StatementNode): string[] | undefined {
  let query: N.StatementNode = node;
  while (query.kind === "compound") query = query.first;
  const selections =
    query.kind === "select"
      ? query.selections
      : query.kind === "insert" || query.kind === "update" || query.kind === "delete"
        ? query.returning
        : undefined;
  if (selections === undefined || selections.length === 0) return undefined;
  const names: string[] = [];
  for (const s of selections) {
    const name = s.alias ?? (s.expr.kind === "column" ? s.expr.name : undefined);
    if (name === undefined || names.includes(name)) return undefined;
    names.push(name);
  }
  return names.some(isIndexKey) ? names : undefined;
}
