import { valueKind, type DataType } from "../../ast/data-type";
import type * as N from "../../ast/nodes";
import { DdlCompiler } from "../../compiler/ddl-compiler";
import type { CompileContext } from "../../compiler/query-compiler";
import { toCharPattern } from "../date-format";
import { arrayLiteral, encodeValue } from "./codecs";

const ddlTypes: Record<string, string> = {
  serial: "SERIAL",
  bigserial: "BIGSERIAL",
  text: "TEXT",
  integer: "INTEGER",
  bigint: "BIGINT",
  smallint: "SMALLINT",
  real: "REAL",
  double: "DOUBLE PRECISION",
  boolean: "BOOLEAN",
  date: "DATE",
  timestamp: "TIMESTAMP",
  timestamptz: "TIMESTAMPTZ",
  uuid: "UUID",
  json: "JSON",
  jsonb: "JSONB",
  interval: "INTERVAL",
  time: "TIME",
  bytea: "BYTEA",
};

// node-postgres parses these arrays lossily (numerics as floats, dates and timestamps in local
// time), so they are selected as text arrays and decoded element by element.
const textArrayElements = new Set(["numeric", "date", "timestamp"]);

/** PostgreSQL: `$n` placeholders, native ILIKE, SERIAL keys. */
export class PostgresCompiler extends DdlCompiler {
  protected readonly dialectName: string = "PostgreSQL";
  protected readonly sqlKey = "postgres";

  // The ORM reads and writes dates, times and zone-less timestamps as UTC, so their server-side
  // "now" is taken in UTC too, whatever the session's TimeZone (CURRENT_DATE would use it).
  protected nowDefault(type: DataType): string {
    switch (valueKind(type)) {
      case "timestamp":
        return "(CURRENT_TIMESTAMP AT TIME ZONE 'UTC')";
      case "date":
        return "(CAST((CURRENT_TIMESTAMP AT TIME ZONE 'UTC') AS DATE))";
      case "time":
        // Truncated to whole seconds, as the client-side default and SQLite's strftime('%S') are.
        return "(CAST(date_trunc('second', CURRENT_TIMESTAMP AT TIME ZONE 'UTC') AS TIME))";
      default:
        return "CURRENT_TIMESTAMP";
    }
  }

  /** A DO block that finds the column's constraints of that type in pg_constraint and drops each by name. */
  protected override dropColumnConstraints(node: N.DropColumnConstraintsNode): string {
    const table = this.literal(this.table(node.table));
    const type = { unique: "'u'", foreignKey: "'f'", primaryKey: "'p'" }[node.constraint];
    return (
      "DO $piccolo$ DECLARE r record; BEGIN " +
      "FOR r IN SELECT c.conname FROM pg_constraint c JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY (c.conkey) " +
      `WHERE c.conrelid = ${table}::regclass AND c.contype = ${type} AND a.attname = ${this.literal(node.column)} LOOP ` +
      `EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I', ${table}, r.conname); END LOOP; END $piccolo$`
    );
  }

  protected placeholder(index: number): string {
    return `$${index}`;
  }

  protected override statement(node: N.StatementNode, ctx: CompileContext): string {
    if (node.kind === "advisoryLock") return `SELECT pg_advisory_xact_lock(${this.param(node.key, ctx)})`;
    return super.statement(node, ctx);
  }

  protected columnType(column: N.ColumnDefinitionNode): string {
    return this.typeName(column.type);
  }

  protected typeName(type: DataType): string {
    switch (type.kind) {
      case "varchar":
      case "email":
        return `VARCHAR(${type.length ?? 255})`;
      case "char":
        return `CHAR(${type.length ?? 1})`;
      case "array":
        return `${this.typeName(type.element!)}[]`;
      case "numeric":
        return type.precision === undefined ? "NUMERIC" : `NUMERIC(${type.precision}, ${type.scale ?? 0})`;
      default:
        return ddlTypes[type.kind]!;
    }
  }

  protected castType(type: DataType): string {
    return this.typeName(type);
  }

  protected override distinctOn(on: readonly N.ExpressionNode[], ctx: CompileContext): string {
    return `DISTINCT ON (${on.map((e) => this.expr(e, ctx)).join(", ")})`;
  }

  // round(double precision, integer) does not exist in PostgreSQL: numerics only.
  protected override round(node: N.RoundNode, ctx: CompileContext): string {
    return `round(CAST(${this.expr(node.expr, ctx)} AS NUMERIC), ${this.param(node.digits, ctx)})`;
  }

  // concat() takes "any", so a bare parameter has no type PostgreSQL can infer: bind it as text.
  protected override concat(node: N.ConcatNode, ctx: CompileContext): string {
    return `concat(${node.args.map((a) => (a.kind === "value" ? `CAST(${this.expr(a, ctx)} AS TEXT)` : this.expr(a, ctx))).join(", ")})`;
  }

  encode(type: DataType | undefined, value: unknown): unknown {
    return encodeValue(type, value);
  }

  protected override literal(value: unknown): string {
    if (Array.isArray(value)) return super.literal(arrayLiteral(value));
    if (Buffer.isBuffer(value)) return `decode('${value.toString("hex")}', 'hex')`;
    return super.literal(value);
  }

  protected override selection(selection: N.SelectionNode, ctx: CompileContext): string {
    const expr = selection.expr;
    if (
      !ctx.innerQuery &&
      expr.kind === "column" &&
      valueKind(expr.type) === "array" &&
      textArrayElements.has(valueKind(expr.type.element!))
    ) {
      return `CAST(${this.expr(expr, ctx)} AS TEXT[]) AS ${this.quote(selection.alias ?? expr.name)}`;
    }
    return super.selection(selection, ctx);
  }

  protected arrayContains(node: N.ArrayContainsNode, ctx: CompileContext): string {
    return `${this.operand(node.array, ctx)} @> ${this.operand(node.values, ctx)}`;
  }

  protected arrayQuantified(node: N.ArrayQuantifiedNode, ctx: CompileContext): string {
    return `${this.operand(node.value, ctx)} = ${node.quantifier.toUpperCase()} (${this.expr(node.array, ctx)})`;
  }

  // `array || $1` could also mean array || element: the cast says which.
  protected arrayConcat(node: N.ArrayConcatNode, ctx: CompileContext): string {
    const side = (operand: N.ExpressionNode) =>
      operand.kind === "value"
        ? `CAST(${this.expr(operand, ctx)} AS ${this.typeName(node.type)})`
        : this.operand(operand, ctx);
    return `${side(node.left)} || ${side(node.right)}`;
  }

  /** An array element, cast to the element type so that the polymorphic array functions resolve. */
  private element(value: N.ExpressionNode, type: DataType, ctx: CompileContext): string {
    return `CAST(${this.expr(value, ctx)} AS ${this.typeName(type.element!)})`;
  }

  protected arrayRemove(node: N.ArrayRemoveNode, ctx: CompileContext): string {
    return `array_remove(${this.expr(node.array, ctx)}, ${this.element(node.value, node.type, ctx)})`;
  }

  protected arrayReplace(node: N.ArrayReplaceNode, ctx: CompileContext): string {
    const from = this.element(node.from, node.type, ctx);
    return `array_replace(${this.expr(node.array, ctx)}, ${from}, ${this.element(node.to, node.type, ctx)})`;
  }

  // A timestamptz is formatted as its UTC wall clock, as SQLite formats its stored UTC text, whatever the session's TimeZone.
  protected dateFormat(node: N.DateFormatNode, ctx: CompileContext): string {
    const value = this.operand(node.expr, ctx);
    const utc = valueKind(node.type) === "timestamptz" ? `(${value} AT TIME ZONE 'UTC')` : value;
    return `to_char(${utc}, ${this.param(toCharPattern(node.pattern), ctx)})`;
  }

  // A timestamptz's parts are its UTC wall clock's (the epoch is the same either way), whatever the session's TimeZone.
  protected override extract(node: N.ExtractNode, ctx: CompileContext): string {
    if (valueKind(node.type) !== "timestamptz") return super.extract(node, ctx);
    return `EXTRACT(${node.part.toUpperCase()} FROM (${this.operand(node.expr, ctx)} AT TIME ZONE 'UTC'))`;
  }

  // A zone-less timestamp holds UTC (see codecs.ts): it is made an instant first.
  protected atTimeZone(node: N.AtTimeZoneNode, ctx: CompileContext): string {
    const value = this.operand(node.expr, ctx);
    const instant = valueKind(node.type) === "timestamptz" ? value : `(${value} AT TIME ZONE 'UTC')`;
    return `${instant} AT TIME ZONE CAST(${this.param(node.zone, ctx)} AS TEXT)`;
  }

  // Keys are cast so that PostgreSQL picks `-> text` for object keys and `-> integer` for indexes.
  protected jsonAccess(node: N.JsonAccessNode, ctx: CompileContext): string {
    const last = node.path.length - 1;
    const steps = node.path.map((key, i) => {
      const op = node.asText && i === last ? "->>" : "->";
      return ` ${op} CAST(${this.param(key, ctx)} AS ${typeof key === "number" ? "INTEGER" : "TEXT"})`;
    });
    return `${this.operand(node.operand, ctx)}${steps.join("")}`;
  }

  // `json` has no @> operator: it is compared as jsonb.
  protected jsonContains(node: N.JsonContainsNode, ctx: CompileContext): string {
    const operand =
      node.value.type?.kind === "json"
        ? `CAST(${this.expr(node.operand, ctx)} AS JSONB)`
        : this.operand(node.operand, ctx);
    return `${operand} @> CAST(${this.value(node.value, ctx)} AS JSONB)`;
  }

  // ARRAY() of no rows is an empty array; element types node-postgres parses lossily come as text.
  protected relatedArray(node: N.RelatedArrayNode, ctx: CompileContext): string {
    const sql = `ARRAY(${this.select(node.query, ctx)})`;
    return textArrayElements.has(valueKind(node.element)) ? `CAST(${sql} AS TEXT[])` : sql;
  }

  protected tableExists(node: N.TableExistsNode, ctx: CompileContext): string {
    const schema = node.table.schema ? this.param(node.table.schema, ctx) : "current_schema()";
    return `SELECT 1 FROM information_schema.tables WHERE table_schema = ${schema} AND table_name = ${this.param(node.table.name, ctx)}`;
  }

  // Constraint-backed indexes (the primary key's, a UNIQUE's) are listed too, as Piccolo does.
  protected tableIndexes(node: N.TableIndexesNode, ctx: CompileContext): string {
    const schema = node.table.schema ? this.param(node.table.schema, ctx) : "current_schema()";
    const table = this.param(node.table.name, ctx);
    return `SELECT indexname AS name FROM pg_indexes WHERE schemaname = ${schema} AND tablename = ${table} ORDER BY indexname`;
  }

  protected tableColumns(node: N.TableColumnsNode, ctx: CompileContext): string {
    const schema = node.table.schema ? this.param(node.table.schema, ctx) : "current_schema()";
    return (
      `SELECT column_name AS name, is_nullable = 'NO' AS notnull FROM information_schema.columns WHERE table_schema = ${schema} ` +
      `AND table_name = ${this.param(node.table.name, ctx)} ORDER BY ordinal_position`
    );
  }
}
