import { unsupportedStatement } from "../../errors/factories";
import type * as N from "../ast/nodes";
import { QueryCompiler, type CompileContext, type SchemaStatementNode } from "./query-compiler";

/**
 * The query compiler plus DDL: CREATE, ALTER and DROP statements, column definitions, constraints
 * and indexes, in standard (PostgreSQL) spelling. The dialect compilers extend this class and
 * override the hooks where their spelling differs (column types, ALTER actions, index methods).
 */
export abstract class DdlCompiler extends QueryCompiler {
  protected schemaStatement(node: SchemaStatementNode, ctx: CompileContext): string {
    switch (node.kind) {
      case "createTable":
        return this.createTable(node);
      case "createIndex":
        return this.createIndex(node);
      case "dropTable":
        return `DROP TABLE ${node.ifExists ? "IF EXISTS " : ""}${this.table(node.table)}${node.cascade ? this.dropCascade() : ""}`;
      case "tableExists":
        return this.tableExists(node, ctx);
      case "tableIndexes":
        return this.tableIndexes(node, ctx);
      case "tableColumns":
        return this.tableColumns(node, ctx);
      case "alterTable":
        return `ALTER TABLE ${this.table(node.table)} ${this.alterAction(node.action)}`;
      case "renameTable":
        return `ALTER TABLE ${this.table(node.table)} RENAME TO ${this.quote(node.to)}`;
      case "dropIndex":
        return `DROP INDEX ${node.ifExists ? "IF EXISTS " : ""}${this.table({ kind: "table", name: node.name, schema: node.schema })}`;
      case "dropColumnConstraints":
        return this.dropColumnConstraints(node);
      case "insertSelect":
        return this.insertSelect(node, ctx);
      case "foreignKeys":
        throw unsupportedStatement(this.dialectName, "switch foreign key enforcement per connection");
      case "foreignKeyCheck":
        throw unsupportedStatement(this.dialectName, "check foreign keys on demand");
      case "addConstraint":
        return `ALTER TABLE ${this.table(node.table)} ADD ${this.tableConstraint(node.constraint)}`;
      case "dropConstraint":
        return `ALTER TABLE ${this.table(node.table)} DROP CONSTRAINT ${this.quote(node.name)}`;
      case "tableObjects":
        throw unsupportedStatement(this.dialectName, "list a table's indexes and triggers");
      case "legacyAlterTable":
        throw unsupportedStatement(this.dialectName, "switch legacy ALTER TABLE behaviour");
      case "carryOver":
        throw unsupportedStatement(this.dialectName, "carry indexes and triggers over a table rebuild");
      case "advisoryLock":
        throw unsupportedStatement(
          this.dialectName,
          "take an advisory lock (its transactions lock the database instead)",
        );
      case "lockTable":
        throw unsupportedStatement(this.dialectName, "create a lock table (it has advisory locks)");
    }
  }

  /** The DDL type of a column definition (may include PRIMARY KEY for SQLite's rowid alias). */
  protected abstract columnType(column: N.ColumnDefinitionNode): string;

  /** SQL that returns one row when the table exists. */
  protected abstract tableExists(node: N.TableExistsNode, ctx: CompileContext): string;

  /** SQL that lists the table's index names in a `name` column, sorted. */
  protected abstract tableIndexes(node: N.TableIndexesNode, ctx: CompileContext): string;

  /** SQL that lists the table's columns (`name`, `notnull`), in table order. */
  protected abstract tableColumns(node: N.TableColumnsNode, ctx: CompileContext): string;

  /** One ALTER TABLE action in standard (PostgreSQL) spelling; dialects refuse what they lack. */
  protected alterAction(action: N.AlterActionNode): string {
    switch (action.kind) {
      case "addColumn":
        return `ADD COLUMN ${this.columnDefinition(action.column)}`;
      case "dropColumn":
        return `DROP COLUMN ${this.quote(action.name)}`;
      case "renameColumn":
        return `RENAME COLUMN ${this.quote(action.from)} TO ${this.quote(action.to)}`;
      case "alterColumnType": {
        const type = this.columnType({
          name: action.name,
          type: action.type,
          primaryKey: false,
          notNull: false,
          unique: false,
        });
        return `ALTER COLUMN ${this.quote(action.name)} TYPE ${type} USING ${this.quote(action.name)}::${type}`;
      }
      case "setNotNull":
        return `ALTER COLUMN ${this.quote(action.name)} ${action.notNull ? "SET" : "DROP"} NOT NULL`;
      case "setDefault":
        if (action.now) return `ALTER COLUMN ${this.quote(action.name)} SET DEFAULT ${this.nowDefault(action.now)}`;
        return action.default === undefined
          ? `ALTER COLUMN ${this.quote(action.name)} DROP DEFAULT`
          : `ALTER COLUMN ${this.quote(action.name)} SET DEFAULT ${this.literal(this.encode(action.default.type, action.default.value))}`;
      case "addUnique":
        return `ADD UNIQUE (${this.quote(action.name)})`;
      case "addForeignKey":
        return `ADD FOREIGN KEY (${this.quote(action.name)})${this.references(action.references)}`;
      case "addPrimaryKey":
        return `ADD PRIMARY KEY (${action.columns.map((c) => this.quote(c)).join(", ")})`;
    }
  }

  protected dropColumnConstraints(node: N.DropColumnConstraintsNode): string {
    throw unsupportedStatement(
      this.dialectName,
      `drop the ${node.constraint} constraint of ${node.table.name}.${node.column}`,
    );
  }

  protected insertSelect(node: N.InsertSelectNode, ctx: CompileContext): string {
    const columns = node.columns.map((c) => this.quote(c)).join(", ");
    const values = node.values.map((v) => this.expr(v, ctx)).join(", ");
    return `INSERT INTO ${this.table(node.table)} (${columns}) SELECT ${values} FROM ${this.table(node.from)}`;
  }

  protected references(r: N.ReferencesNode): string {
    return (
      ` REFERENCES ${this.table(r.table)} (${this.quote(r.column)}) ` +
      `ON DELETE ${r.onDelete.toUpperCase()} ON UPDATE ${r.onUpdate.toUpperCase()}`
    );
  }

  protected dropCascade(): string {
    return " CASCADE";
  }

  protected createTable(node: N.CreateTableNode): string {
    const columns = node.columns.map((c) => this.columnDefinition(c, node.columns));
    const keys = node.columns.filter((c) => c.primaryKey);
    // Several key columns make one composite key: a table-level clause, never a PRIMARY KEY per column.
    if (keys.length > 1) columns.push(`PRIMARY KEY (${keys.map((c) => this.quote(c.name)).join(", ")})`);
    for (const constraint of node.constraints ?? []) columns.push(this.tableConstraint(constraint));
    return `CREATE TABLE ${node.ifNotExists ? "IF NOT EXISTS " : ""}${this.table(node.table)} (${columns.join(", ")})`;
  }

  /** A column of CREATE TABLE or ADD COLUMN; a column of a composite key (among `siblings`) is NOT NULL, its key a table-level clause. */
  protected columnDefinition(
    column: N.ColumnDefinitionNode,
    siblings: readonly N.ColumnDefinitionNode[] = [column],
  ): string {
    const composite = column.primaryKey && siblings.filter((c) => c.primaryKey).length > 1;
    const own = composite ? { ...column, primaryKey: false, notNull: true } : column;
    let sql = `${this.quote(own.name)} ${this.columnType(own)}`;
    if (own.primaryKey && !/PRIMARY KEY/.test(sql)) sql += " PRIMARY KEY";
    if (own.notNull && !own.primaryKey) sql += " NOT NULL";
    if (own.unique && !column.primaryKey) sql += " UNIQUE";
    const fallback = this.defaultText(own);
    if (fallback !== undefined) sql += ` DEFAULT ${fallback}`;
    if (own.references) sql += this.references(own.references);
    return sql;
  }

  /** A column's default as CREATE TABLE writes it, or undefined for none. */
  private defaultText(column: N.ColumnDefinitionNode): string | undefined {
    if (column.default !== undefined) return this.literal(this.encode(column.default.type, column.default.value));
    return column.defaultNow ? this.nowDefault(column.type) : undefined;
  }

  /**
   * A column's declared type and default as CREATE TABLE writes them (a key's own PRIMARY KEY left
   * out): what SQLite's table_info reads back, so that a rebuild can tell what it would change.
   */
  declaredColumn(column: N.ColumnDefinitionNode): { readonly type: string; readonly default: string | undefined } {
    return { type: this.columnType(column).replace(/ PRIMARY KEY$/, ""), default: this.defaultText(column) };
  }

  /** The database's current date or time in the form the column type stores, as a column default. */
  protected abstract nowDefault(type: N.DataType): string;

  /** `Now()` in a query: the same text as a `now` default of its type (timestamptz unless it met a column). */
  protected now(node: N.NowNode): string {
    return this.nowDefault(node.type ?? { kind: "timestamptz" });
  }

  /** `CONSTRAINT name UNIQUE (a, b)` or `CONSTRAINT name CHECK (condition)`. */
  protected tableConstraint(constraint: N.TableConstraintNode): string {
    const name = `CONSTRAINT ${this.quote(constraint.name)}`;
    if (constraint.kind === "unique")
      return `${name} UNIQUE (${constraint.columns.map((c) => this.quote(c)).join(", ")})`;
    return `${name} CHECK (${this.ddlCondition(constraint.condition)})`;
  }

  /** A condition as DDL text (for migration files): literal values, bare column names. */
  renderCondition(node: N.ExpressionNode): string {
    return this.ddlCondition(node);
  }

  /**
   * A condition inside DDL (a check, a partial index), where PostgreSQL takes no bound parameters:
   * values are written as the dialect's literals and columns by their bare names, so that the
   * condition survives a table rename (SQLite rebuilds).
   */
  protected ddlCondition(node: N.ExpressionNode): string {
    return this.expr(node, { params: [], secretParams: undefined, inDdl: true });
  }

  protected createIndex(node: N.CreateIndexNode): string {
    const columns = node.columns.map((c) => this.quote(c)).join(", ");
    const head = `CREATE ${node.unique ? "UNIQUE " : ""}INDEX ${node.ifNotExists ? "IF NOT EXISTS " : ""}${this.quote(node.name)}`;
    const where = node.where ? ` WHERE ${this.ddlCondition(node.where)}` : "";
    return `${head} ON ${this.table(node.table)}${this.indexMethod(node)} (${columns})${where}`;
  }

  /** ` USING method`; dialects without index methods refuse every one but btree. */
  protected indexMethod(node: N.CreateIndexNode): string {
    return node.method === undefined ? "" : ` USING ${node.method.toUpperCase()}`;
  }
}
