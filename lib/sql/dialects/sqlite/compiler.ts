import { valueKind, type DataType } from "../../ast/data-type";
import type * as N from "../../ast/nodes";
import {
  ilikePatternNotString,
  lockWaitUnsupported,
  timeZoneUnsupported,
  unsupportedFunction,
  unsupportedIndexMethod,
  unsupportedStatement,
} from "../../../errors/factories";
import { NamedParam } from "../../compiler/compiled-query";
import { DdlCompiler } from "../../compiler/ddl-compiler";
import { hasOwnOrderOrLimit, type CompileContext } from "../../compiler/query-compiler";
import { strftimePattern } from "../date-format";
import { encodeArray, encodeValue } from "./codecs";
import * as emulate from "./emulation";
import { ilikeToGlob } from "./ilike";
import { scaledNumeric } from "./numeric";
import * as numeric from "./numeric-sql";

// SQLite stores exact decimals as scaled INTEGERs or keyed TEXT (see numeric.ts), dates and JSON as
// TEXT, so nothing passes through a float.
const ddlTypes: Record<string, string> = {
  text: "TEXT",
  integer: "INTEGER",
  bigint: "INTEGER",
  smallint: "INTEGER",
  real: "REAL",
  double: "REAL",
  numeric: "TEXT",
  boolean: "INTEGER",
  date: "TEXT",
  timestamp: "TEXT",
  timestamptz: "TEXT",
  uuid: "TEXT",
  json: "TEXT",
  jsonb: "TEXT",
  interval: "REAL",
  time: "TEXT",
  bytea: "BLOB",
  array: "TEXT",
};

/** ceil(x) adds 1 to the truncated value when x is above it; floor(x) subtracts 1 when x is below. */
const roundingFunctions = { ceil: [">", "+"], floor: ["<", "-"] } as const;

const strftimeParts: Record<string, string> = {
  year: "%Y",
  month: "%m",
  day: "%d",
  hour: "%H",
  minute: "%M",
  dow: "%w",
  doy: "%j",
};

/** Zone names that mean UTC, the one zone SQLite's stored UTC text is already in. */
const utcZones = ["UTC", "ETC/UTC", "GMT", "ETC/GMT"];

/** SQLite: `?` placeholders, ILIKE emulated with lower(), rowid primary keys, TEXT for exact values. */
export class SQLiteCompiler extends DdlCompiler {
  protected readonly dialectName = "SQLite";
  protected readonly sqlKey = "sqlite";

  // The exact text the codecs write: Date.toISOString() for timestamps, "YYYY-MM-DD", "HH:MM:SS".
  protected nowDefault(type: DataType): string {
    switch (valueKind(type)) {
      case "date":
        return "(strftime('%Y-%m-%d', 'now'))";
      case "time":
        return "(strftime('%H:%M:%S', 'now'))";
      default:
        return "(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))";
    }
  }

  /** SQLite indexes are all B-trees: any other method is refused rather than silently ignored. */
  protected override indexMethod(node: N.CreateIndexNode): string {
    if (node.method !== undefined && node.method !== "btree")
      throw unsupportedIndexMethod("SQLite", node.method, node.name);
    return "";
  }

  constructor(
    /** True when connections have piccolo's exact Numeric functions (better-sqlite3 registers them; sqlite3 cannot). */
    private readonly numericFunctions = true,
  ) {
    super();
  }

  /** SQLite alters a column only by adding, dropping or renaming it; the rest is a table rebuild. */
  protected override alterAction(action: N.AlterActionNode): string {
    if (action.kind === "addColumn" || action.kind === "dropColumn" || action.kind === "renameColumn")
      return super.alterAction(action);
    throw unsupportedStatement(
      "SQLite",
      `${action.kind} (column ${"name" in action ? action.name : action.columns.join(", ")})`,
    );
  }

  protected override statement(node: N.StatementNode, ctx: CompileContext): string {
    if (node.kind === "foreignKeys") return `PRAGMA foreign_keys = ${node.enabled ? "ON" : "OFF"}`;
    if (node.kind === "foreignKeyCheck") return "PRAGMA foreign_key_check";
    if (node.kind === "legacyAlterTable") return `PRAGMA legacy_alter_table = ${node.enabled ? "ON" : "OFF"}`;
    // A rebuild's carry-over steps are run by the migration runner; they compile for previews:
    // "save" to the catalogue query it runs, "restore" to a comment saying what it does.
    if (node.kind === "tableObjects" || (node.kind === "carryOver" && node.phase === "save")) {
      const master = node.table.schema ? `${this.quote(node.table.schema)}.sqlite_master` : "sqlite_master";
      return (
        `SELECT type, name, ` +
        `sql FROM ${master} WHERE tbl_name = ${this.param(node.table.name, ctx)} AND type IN ('index', 'trigger') ` +
        `AND sql IS NOT NULL ORDER BY rowid`
      );
    }
    if (node.kind === "carryOver")
      return `-- recreate the other indexes and triggers of ${this.table(node.table)} read before the rebuild`;
    return super.statement(node, ctx);
  }

  protected placeholder(): string {
    return "?";
  }

  protected columnType(column: N.ColumnDefinitionNode): string {
    const kind = column.type.kind;
    // Only the exact spelling INTEGER PRIMARY KEY makes the column an alias of the rowid; a serial
    // column outside a single-column key (a migration's passing state) is a plain integer.
    if (kind === "serial" || kind === "bigserial") return column.primaryKey ? "INTEGER PRIMARY KEY" : "INTEGER";
    return this.typeName(column.type);
  }

  /** A column type's DDL (a foreign key's type is its target's, a serial's as a plain integer). */
  private typeName(type: DataType): string {
    switch (type.kind) {
      case "varchar":
      case "email":
        return `VARCHAR(${type.length ?? 255})`;
      case "char":
        return `CHAR(${type.length ?? 1})`;
      default:
        if (valueKind(type) === "numeric" && scaledNumeric(type) !== undefined) return "INTEGER";
        return ddlTypes[valueKind(type)]!;
    }
  }

  protected castType(type: DataType): string {
    return valueKind(type) === "varchar" || type.kind === "char" ? "TEXT" : (ddlTypes[valueKind(type)] ?? "TEXT");
  }

  protected override extract(node: N.ExtractNode, ctx: CompileContext): string {
    const expr = this.expr(node.expr, ctx);
    if (node.part === "epoch") return `CAST(strftime('%s', ${expr}) AS INTEGER)`;
    if (node.part === "second") return `CAST(strftime('%f', ${expr}) AS REAL)`;
    return `CAST(strftime('${strftimeParts[node.part]}', ${expr}) AS INTEGER)`;
  }

  // SQLite's transactions take the database's write lock up front (BEGIN IMMEDIATE), which already
  // excludes every other writer: FOR UPDATE/SHARE add nothing. Not waiting cannot be emulated.
  protected override lock(lock: N.LockNode): string {
    if (lock.wait !== "wait") throw lockWaitUnsupported(lock.wait === "nowait" ? "nowait" : "skipLocked");
    return "";
  }

  encode(type: DataType | undefined, value: unknown): unknown {
    return encodeValue(type, value);
  }

  /** Bigints and scaled-integer Numerics are read as text so that values beyond 2^53 come back exact on both drivers. */
  protected override selection(selection: N.SelectionNode, ctx: CompileContext): string {
    const expr = selection.expr;
    if (ctx.innerQuery) return super.selection(selection, ctx);
    const form = numeric.numericForm(expr);
    if ((expr.kind === "column" && valueKind(expr.type) === "bigint") || form?.kind === "scaled") {
      const alias = selection.alias ?? (expr.kind === "column" ? expr.name : undefined);
      const sql = `CAST(${this.expr(expr, ctx)} AS TEXT)`;
      return alias === undefined ? sql : `${sql} AS ${this.quote(alias)}`;
    }
    return super.selection(selection, ctx);
  }

  private numericContext(ctx: CompileContext): numeric.NumericContext {
    return {
      expr: (node) => this.expr(node, ctx),
      operand: (node) => this.operand(node, ctx),
      bind: (value) => this.param(value, ctx),
      bindNamed: (name, encode) => {
        ctx.params.push(new NamedParam(name, encode));
        return this.placeholder();
      },
      functions: this.numericFunctions,
    };
  }

  /** Numerics compare, add and aggregate by value in their stored form (numeric-sql.ts). */
  override expr(node: N.ExpressionNode, ctx: CompileContext): string {
    if (node.kind === "function" && node.name in roundingFunctions) return this.rounding(node, ctx);
    if (node.kind === "function" && node.name === "reverse") throw unsupportedFunction("SQLite", "reverse");
    if (!numeric.mayInvolveNumeric(node)) return super.expr(node, ctx);
    let sql: string | undefined;
    switch (node.kind) {
      case "binary":
        if (["=", "<>", "<", ">", "<=", ">="].includes(node.op))
          sql = numeric.comparison(node, this.numericContext(ctx));
        else if (["+", "-", "*", "/"].includes(node.op)) sql = numeric.arithmetic(node, this.numericContext(ctx));
        break;
      case "between":
        sql = numeric.between(node, this.numericContext(ctx));
        break;
      case "in":
        sql = numeric.inList(node, this.numericContext(ctx));
        break;
      case "function":
        sql = numeric.aggregate(node, this.numericContext(ctx));
        break;
      case "cast":
        if (valueKind(node.type) === "text" || valueKind(node.type) === "varchar")
          sql = numeric.asText(node.expr, this.numericContext(ctx));
        else if (valueKind(node.type) === "numeric")
          sql = numeric.convert(node.expr, node.type, this.numericContext(ctx));
        break;
      default:
        // Any other node compiles as usual; its operands are rewritten when they are visited.
        break;
    }
    return sql ?? super.expr(node, ctx);
  }

  /** Windows as usual, refusing the exact Numeric sum that SQLite cannot run over a window. */
  protected override window(node: N.WindowNode, ctx: CompileContext): string {
    numeric.assertWindowable(node.fn);
    return super.window(node, ctx);
  }

  /** ceil() and floor() need SQLite's math extension: compared with the truncated value instead. */
  private rounding(node: N.FunctionNode, ctx: CompileContext): string {
    const [op, sign] = roundingFunctions[node.name as keyof typeof roundingFunctions];
    const x = () => this.operand(node.args[0]!, ctx);
    return `(CAST(${x()} AS INTEGER) ${sign} (${x()} ${op} CAST(${x()} AS INTEGER)))`;
  }

  protected override concat(node: N.ConcatNode, ctx: CompileContext): string {
    const numbers = this.numericContext(ctx);
    return `(${node.args.map((a) => `coalesce(${numeric.asText(a, numbers) ?? this.expr(a, ctx)}, '')`).join(" || ")})`;
  }

  protected override round(node: N.RoundNode, ctx: CompileContext): string {
    const value = numeric.asReal(node.expr, this.numericContext(ctx)) ?? this.expr(node.expr, ctx);
    return `round(${value}, ${this.param(node.digits, ctx)})`;
  }

  /**
   * SQLite takes no parentheses around a compound's members: a member with its own ORDER BY or
   * LIMIT, or a compound member, is read as a derived table instead.
   */
  protected override compoundMember(node: N.QueryNode, ctx: CompileContext): string {
    if (node.kind === "select" && !hasOwnOrderOrLimit(node)) return this.selectBody(node, ctx);
    return `SELECT * FROM (${node.kind === "select" ? this.selectBody(node, ctx) : this.compound(node, ctx)})`;
  }

  /** SQLite applies compound operators left to right, all of one precedence: nothing to group. */
  protected override groupCompound(sql: string): string {
    return sql;
  }

  protected override offsetWithoutLimit(): string {
    return " LIMIT -1";
  }

  protected override dropCascade(): string {
    return "";
  }

  // A bound pattern becomes a case-insensitive GLOB (see ilike.ts); lower() folds ASCII only.
  protected override ilike(node: N.ILikeNode, ctx: CompileContext): string {
    const right = node.right;
    if (right.kind === "value" && typeof right.value === "string") {
      return `${this.operand(node.left, ctx)} ${node.negated ? "NOT GLOB" : "GLOB"} ${this.param(ilikeToGlob(right.value), ctx)}`;
    }
    throw ilikePatternNotString();
  }

  protected override literal(value: unknown): string {
    if (Buffer.isBuffer(value)) return `X'${value.toString("hex")}'`;
    return typeof value === "boolean" ? (value ? "1" : "0") : super.literal(value);
  }

  private renderer(node: N.ExpressionNode, ctx: CompileContext): emulate.Render {
    return () => this.operand(node, ctx);
  }

  protected arrayContains(node: N.ArrayContainsNode, ctx: CompileContext): string {
    return emulate.arrayContains(this.renderer(node.array, ctx), this.renderer(node.values, ctx));
  }

  /** An element value compared with json_each's "value": a bigint beyond 2^53 is bound as text, which never equals json_each's integer. */
  private elementValue(value: N.ExpressionNode, ctx: CompileContext): emulate.Render {
    const isBigint = value.kind === "value" && valueKind(value.type) === "bigint";
    // Array elements are JSON, where a Numeric is its text (not a column's stored form).
    const isNumeric = value.kind === "value" && valueKind(value.type) === "numeric";
    return isBigint
      ? () => `CAST(${this.expr(value, ctx)} AS INTEGER)`
      : isNumeric
        ? () => this.param(value.value, ctx)
        : this.renderer(value, ctx);
  }

  protected arrayQuantified(node: N.ArrayQuantifiedNode, ctx: CompileContext): string {
    return emulate.arrayQuantified(node.quantifier, this.elementValue(node.value, ctx), this.renderer(node.array, ctx));
  }

  protected arrayRemove(node: N.ArrayRemoveNode, ctx: CompileContext): string {
    return emulate.arrayRemove(this.renderer(node.array, ctx), this.elementValue(node.value, ctx));
  }

  // The new element is bound as the JSON the array column stores it as (booleans as true/false, dates as ISO text).
  protected arrayReplace(node: N.ArrayReplaceNode, ctx: CompileContext): string {
    const to = node.to.kind === "value" ? node.to.value : undefined;
    const toJson = () => this.param(encodeArray([to]).slice(1, -1), ctx);
    return emulate.arrayReplace(this.renderer(node.array, ctx), this.elementValue(node.from, ctx), toJson);
  }

  protected dateFormat(node: N.DateFormatNode, ctx: CompileContext): string {
    return `strftime(${this.param(strftimePattern(node.pattern), ctx)}, ${this.expr(node.expr, ctx)})`;
  }

  // Timestamps are stored as UTC text: UTC itself is the only zone whose wall clock SQLite can tell.
  protected atTimeZone(node: N.AtTimeZoneNode, ctx: CompileContext): string {
    if (!utcZones.includes(node.zone.toUpperCase())) throw timeZoneUnsupported("SQLite", node.zone);
    return this.expr(node.expr, ctx);
  }

  protected arrayConcat(node: N.ArrayConcatNode, ctx: CompileContext): string {
    return emulate.arrayConcat(this.renderer(node.left, ctx), this.renderer(node.right, ctx));
  }

  protected jsonAccess(node: N.JsonAccessNode, ctx: CompileContext): string {
    return emulate.jsonAccess(this.renderer(node.operand, ctx), node.path, node.asText, (v) => this.param(v, ctx));
  }

  protected jsonContains(node: N.JsonContainsNode, ctx: CompileContext): string {
    return emulate.jsonContains(this.renderer(node.operand, ctx), node.value.value, (v) => this.param(v, ctx));
  }

  // json_group_array() of no rows is '[]'; its ORDER BY needs SQLite 3.44, which both drivers bundle.
  protected relatedArray(node: N.RelatedArrayNode, ctx: CompileContext): string {
    const query = node.query;
    const element = this.jsonElement(query.selections[0]!.expr, node.element, ctx);
    const order = query.orderBy.map((o) => this.orderBy(o, ctx)).join(", ");
    return `(SELECT json_group_array(${element} ORDER BY ${order})${this.fromWhere(query, ctx)})`;
  }

  /** An array element as JSON: booleans (stored 0/1) as true/false, JSON text as JSON rather than a string. */
  private jsonElement(expr: N.ExpressionNode, type: DataType, ctx: CompileContext): string {
    switch (valueKind(type)) {
      case "boolean": {
        const isNull = this.operand(expr, ctx);
        return `json(CASE WHEN ${isNull} IS NULL THEN NULL WHEN ${this.operand(expr, ctx)} THEN 'true' ELSE 'false' END)`;
      }
      case "json":
      case "jsonb":
        return `json(${this.expr(expr, ctx)})`;
      case "numeric":
        return numeric.asText(expr, this.numericContext(ctx)) ?? this.expr(expr, ctx);
      default:
        return this.expr(expr, ctx);
    }
  }

  protected tableExists(node: N.TableExistsNode, ctx: CompileContext): string {
    const master = node.table.schema ? `${this.quote(node.table.schema)}.sqlite_master` : "sqlite_master";
    return `SELECT 1 FROM ${master} WHERE type = 'table' AND name = ${this.param(node.table.name, ctx)}`;
  }

  // Automatic indexes (of UNIQUE and PRIMARY KEY constraints) are listed too, as Piccolo does.
  protected tableIndexes(node: N.TableIndexesNode, ctx: CompileContext): string {
    const master = node.table.schema ? `${this.quote(node.table.schema)}.sqlite_master` : "sqlite_master";
    return `SELECT name FROM ${master} WHERE type = 'index' AND tbl_name = ${this.param(node.table.name, ctx)} ORDER BY name`;
  }

  protected tableColumns(node: N.TableColumnsNode, ctx: CompileContext): string {
    const schema = node.table.schema === undefined ? "" : `, ${this.param(node.table.schema, ctx)}`;
    return `SELECT name, "notnull" FROM pragma_table_info(${this.param(node.table.name, ctx)}${schema}) ORDER BY cid`;
  }
}
