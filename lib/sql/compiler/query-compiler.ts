import type { ColumnType } from "../../columns/column-type";
import { rawPlaceholderMismatch } from "../../errors/factories";
import { UnsupportedFeatureError } from "../../errors/orm-error";
import type * as N from "../ast/nodes";
import type { CompiledQuery } from "./compiled-query";

/**
 * Renders node trees as SQL. The base class writes standard SQL; each dialect overrides the small
 * hooks where its spelling differs (placeholders, column types, ILIKE, catalogue look-ups).
 * Every value becomes a bound parameter and every identifier is quoted.
 */
export abstract class QueryCompiler {
  /** The placeholder for the `index`-th parameter (1-based). */
  protected abstract placeholder(index: number): string;
  /** The DDL type of a column definition (may include PRIMARY KEY for SQLite's rowid alias). */
  protected abstract columnType(column: N.ColumnDefinitionNode): string;
  /** Converts a JS value to what the driver expects for this column type. */
  abstract encode(type: ColumnType<unknown> | undefined, value: unknown): unknown;
  /** SQL that returns one row when the table exists. */
  protected abstract tableExists(node: N.TableExistsNode, params: unknown[]): string;

  /** Compiles a statement into SQL text and parameters. */
  compile(node: N.StatementNode): CompiledQuery {
    const params: unknown[] = [];
    const sql = this.statement(node, params);
    return { sql, params };
  }

  /** Quotes an identifier, doubling embedded quotes. */
  quote(identifier: string): string {
    return `"${identifier.replace(/"/g, '""')}"`;
  }

  protected statement(node: N.StatementNode, params: unknown[]): string {
    switch (node.kind) {
      case "select":
        return this.select(node, params);
      case "insert":
        return this.insert(node, params);
      case "update":
        return this.update(node, params);
      case "delete":
        return this.delete(node, params);
      case "createTable":
        return this.createTable(node);
      case "createIndex":
        return this.createIndex(node);
      case "dropTable":
        return `DROP TABLE ${node.ifExists ? "IF EXISTS " : ""}${this.table(node.table)}${node.cascade ? this.dropCascade() : ""}`;
      case "tableExists":
        return this.tableExists(node, params);
      case "raw":
        return this.raw(node, params);
    }
  }

  protected dropCascade(): string {
    return " CASCADE";
  }

  protected table(table: N.TableNode): string {
    const name = table.schema ? `${this.quote(table.schema)}.${this.quote(table.name)}` : this.quote(table.name);
    return table.alias && table.alias !== table.name ? `${name} AS ${this.quote(table.alias)}` : name;
  }

  protected param(value: unknown, params: unknown[]): string {
    params.push(value);
    return this.placeholder(params.length);
  }

  protected select(node: N.SelectNode, params: unknown[]): string {
    let sql = `SELECT ${node.distinct ? "DISTINCT " : ""}${this.selections(node.selections, params)} FROM ${this.table(node.from)}`;
    for (const join of node.joins) sql += ` LEFT JOIN ${this.table(join.table)} ON ${this.expr(join.on, params)}`;
    if (node.where) sql += ` WHERE ${this.expr(node.where, params)}`;
    if (node.orderBy.length > 0) sql += ` ORDER BY ${node.orderBy.map((o) => this.orderBy(o, params)).join(", ")}`;
    if (node.limit !== undefined) sql += ` LIMIT ${this.param(node.limit, params)}`;
    if (node.offset !== undefined) sql += `${node.limit === undefined ? this.offsetWithoutLimit() : ""} OFFSET ${this.param(node.offset, params)}`;
    return sql;
  }

  /** SQLite needs a LIMIT before OFFSET; PostgreSQL does not. */
  protected offsetWithoutLimit(): string {
    return "";
  }

  protected orderBy(item: N.OrderByNode, params: unknown[]): string {
    const nulls = item.nulls ? ` NULLS ${item.nulls.toUpperCase()}` : "";
    return `${this.expr(item.expr, params)} ${item.direction.toUpperCase()}${nulls}`;
  }

  protected selections(selections: readonly N.SelectionNode[], params: unknown[]): string {
    return selections.map((s) => this.selection(s, params)).join(", ");
  }

  /** One select-list item; dialects may wrap it so its value decodes exactly (SQLite bigints). */
  protected selection(selection: N.SelectionNode, params: unknown[]): string {
    const sql = this.expr(selection.expr, params);
    return selection.alias === undefined ? sql : `${sql} AS ${this.quote(selection.alias)}`;
  }

  protected insert(node: N.InsertNode, params: unknown[]): string {
    const columns = node.columns.map((c) => this.quote(c)).join(", ");
    const rows = node.rows.map((row) => `(${row.map((v) => this.expr(v, params)).join(", ")})`).join(", ");
    const body = node.columns.length === 0 ? this.defaultValues(node.rows.length) : `(${columns}) VALUES ${rows}`;
    return `INSERT INTO ${this.table(node.table)} ${body}${this.returning(node.returning, params)}`;
  }

  /** An insert with no explicit column: every column takes its default. */
  protected defaultValues(rows: number): string {
    if (rows !== 1) throw new UnsupportedFeatureError("Inserting several rows that set no column at all is not supported: give at least one value.");
    return "DEFAULT VALUES";
  }

  protected update(node: N.UpdateNode, params: unknown[]): string {
    const set = node.set.map(([column, value]) => `${this.quote(column)} = ${this.expr(value, params)}`).join(", ");
    const where = node.where ? ` WHERE ${this.expr(node.where, params)}` : "";
    return `UPDATE ${this.table(node.table)} SET ${set}${where}${this.returning(node.returning, params)}`;
  }

  protected delete(node: N.DeleteNode, params: unknown[]): string {
    const where = node.where ? ` WHERE ${this.expr(node.where, params)}` : "";
    return `DELETE FROM ${this.table(node.table)}${where}${this.returning(node.returning, params)}`;
  }

  protected returning(selections: readonly N.SelectionNode[], params: unknown[]): string {
    return selections.length === 0 ? "" : ` RETURNING ${this.selections(selections, params)}`;
  }

  protected createTable(node: N.CreateTableNode): string {
    const columns = node.columns.map((c) => this.columnDefinition(c));
    return `CREATE TABLE ${node.ifNotExists ? "IF NOT EXISTS " : ""}${this.table(node.table)} (${columns.join(", ")})`;
  }

  protected columnDefinition(column: N.ColumnDefinitionNode): string {
    let sql = `${this.quote(column.name)} ${this.columnType(column)}`;
    if (column.primaryKey && !/PRIMARY KEY/.test(sql)) sql += " PRIMARY KEY";
    if (column.notNull && !column.primaryKey) sql += " NOT NULL";
    if (column.unique && !column.primaryKey) sql += " UNIQUE";
    if (column.default !== undefined) sql += ` DEFAULT ${this.literal(this.encode(column.default.type, column.default.value))}`;
    if (column.references) {
      const r = column.references;
      sql += ` REFERENCES ${this.table(r.table)} (${this.quote(r.column)}) ON DELETE ${r.onDelete.toUpperCase()} ON UPDATE ${r.onUpdate.toUpperCase()}`;
    }
    return sql;
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

  protected createIndex(node: N.CreateIndexNode): string {
    const columns = node.columns.map((c) => this.quote(c)).join(", ");
    return `CREATE INDEX ${node.ifNotExists ? "IF NOT EXISTS " : ""}${this.quote(node.name)} ON ${this.table(node.table)} (${columns})`;
  }

  protected raw(node: N.RawNode, params: unknown[]): string {
    const parts = node.sql.split("{}");
    if (parts.length - 1 !== node.params.length) throw rawPlaceholderMismatch(parts.length - 1, node.params.length);
    let sql = parts[0]!;
    for (let i = 1; i < parts.length; i++) sql += this.param(this.encode(undefined, node.params[i - 1]), params) + parts[i];
    return sql;
  }

  /** Renders any expression. */
  expr(node: N.ExpressionNode, params: unknown[]): string {
    switch (node.kind) {
      case "column":
        return `${this.quote(node.table)}.${this.quote(node.name)}`;
      case "value":
        return this.param(this.encode(node.type, node.value), params);
      case "binary":
        return `${this.operand(node.left, params)} ${node.op} ${this.operand(node.right, params)}`;
      case "ilike":
        return this.ilike(node, params);
      case "in":
        if (node.values.length === 0) return node.negated ? "1 = 1" : "1 = 0";
        return `${this.operand(node.left, params)} ${node.negated ? "NOT IN" : "IN"} (${node.values.map((v) => this.expr(v, params)).join(", ")})`;
      case "inSubquery":
        return `${this.operand(node.left, params)} ${node.negated ? "NOT IN" : "IN"} (${this.select(node.query, params)})`;
      case "isNull":
        return `${this.operand(node.operand, params)} IS ${node.negated ? "NOT " : ""}NULL`;
      case "between":
        return `${this.operand(node.operand, params)} BETWEEN ${this.operand(node.low, params)} AND ${this.operand(node.high, params)}`;
      case "and":
      case "or":
        return node.items.map((i) => this.operand(i, params)).join(node.kind === "and" ? " AND " : " OR ");
      case "not":
        return `NOT ${this.operand(node.operand, params)}`;
      case "function":
        return `${node.name}(${node.args.map((a) => this.expr(a, params)).join(", ")})`;
      case "star":
        return "*";
      case "raw":
        return `(${this.raw(node, params)})`;
      case "exists":
        return `EXISTS (${this.select(node.query, params)})`;
    }
  }

  /** Parenthesises compound operands so precedence never depends on the caller. */
  protected operand(node: N.ExpressionNode, params: unknown[]): string {
    const sql = this.expr(node, params);
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
        return `(${sql})`;
      default:
        return sql;
    }
  }

  protected ilike(node: N.ILikeNode, params: unknown[]): string {
    return `${this.operand(node.left, params)} ${node.negated ? "NOT ILIKE" : "ILIKE"} ${this.operand(node.right, params)}`;
  }
}
