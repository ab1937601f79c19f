import { valueKind } from "../../ast/data-type";
import { numericUnsupportedOnSQLite } from "../../../errors/factories";
import { parseDecimal, rescale, type Rounding } from "../../../utils/decimal";
import type * as N from "../../ast/nodes";
import { decimalKey, encodeKeyed, numericFunctions, scaledBinding, scaledNumeric } from "./numeric";

// SQL for Numeric values on SQLite, in their two stored forms (see numeric.ts): scaled INTEGERs
// compare and add as integers once both sides have one scale; keyed TEXT compares by its key.

/** How a numeric expression is held: a scaled INTEGER of some scale, or keyed TEXT. */
export type NumericForm = { readonly kind: "scaled"; readonly scale: number } | { readonly kind: "keyed" };

/** What the renderer needs from the compiler. */
export interface NumericContext {
  /** Renders an expression, binding its parameters. */
  expr(node: N.ExpressionNode): string;
  /** Renders an operand, parenthesised when compound. */
  operand(node: N.ExpressionNode): string;
  /** Binds an encoded value. */
  bind(value: unknown): string;
  /** Binds a Param whose value is encoded when it is bound. */
  bindNamed(name: string, encode: (value: unknown) => unknown): string;
  /** True when the connection has the exact arithmetic functions (better-sqlite3). */
  readonly functions: boolean;
}

const withDigits =
  "declare the column Numeric({ digits: [p, s] }) with p <= 18, which SQLite stores as a scaled integer, or use the better-sqlite3 driver";

function formOfType(node: { readonly type?: N.ColumnNode["type"] | undefined }): NumericForm | undefined {
  if (valueKind(node.type) !== "numeric") return undefined;
  const scale = scaledNumeric(node.type);
  return scale === undefined ? { kind: "keyed" } : { kind: "scaled", scale };
}

/** The stored form of a numeric expression, or undefined for other expressions. */
export function numericForm(node: N.ExpressionNode): NumericForm | undefined {
  switch (node.kind) {
    case "column":
    case "value":
      return formOfType(node);
    case "binary":
      return ["+", "-", "*", "/"].includes(node.op) ? (numericForm(node.left) ?? numericForm(node.right)) : undefined;
    case "function":
      return ["min", "max", "sum", "coalesce"].includes(node.name) && node.args[0]
        ? numericForm(node.args[0])
        : undefined;
    default:
      return undefined;
  }
}

/** A cheap first test: only these nodes over a numeric operand are rendered here. */
export function mayInvolveNumeric(node: N.ExpressionNode): boolean {
  switch (node.kind) {
    case "binary":
      return numericForm(node.left) !== undefined || numericForm(node.right) !== undefined;
    case "between":
      return numericForm(node.operand) !== undefined;
    case "in":
      return numericForm(node.left) !== undefined;
    case "function":
      return node.args[0] !== undefined && numericForm(node.args[0]) !== undefined;
    case "cast":
      return numericForm(node.expr) !== undefined || valueKind(node.type) === "numeric";
    default:
      return false;
  }
}

function isIntegerLike(node: N.ExpressionNode): boolean {
  if (node.kind === "value" && node.type === undefined)
    return typeof node.value === "bigint" || Number.isInteger(node.value);
  if (node.kind === "binary")
    return ["+", "-", "*"].includes(node.op) && isIntegerLike(node.left) && isIntegerLike(node.right);
  if (node.kind !== "column" && node.kind !== "value") return false;
  return ["integer", "smallint", "bigint"].includes(valueKind(node.type) ?? "");
}

const power = (digits: number) => `1${"0".repeat(digits)}`;

/** A scaled integer divided by 10^digits, rounded half away from zero (SQLite's integer division truncates). */
function roundDown(x: () => string, digits: number): string {
  const d = power(digits);
  const half = `5${"0".repeat(digits - 1)}`;
  return `(CASE WHEN ${x()} < 0 THEN (${x()} - ${half}) / ${d} ELSE (${x()} + ${half}) / ${d} END)`;
}

/** Renders a node as a scaled integer of `scale`; values with more decimals are rounded half away from zero. */
function scaled(node: N.ExpressionNode, scale: number, ctx: NumericContext, what: string): string {
  // better-sqlite3 binds every JS number as a REAL, which would make the sum a REAL.
  if (node.kind === "value")
    return `CAST(${ctx.bind(scaledBinding(rescale(parseDecimal(node.value), scale)!))} AS INTEGER)`;
  if (node.kind === "param")
    return `CAST(${ctx.bindNamed(node.name, (v) => scaledBinding(rescale(parseDecimal(v), scale)!))} AS INTEGER)`;
  const form = numericForm(node);
  if (form?.kind === "scaled") {
    if (form.scale === scale) return ctx.expr(node);
    if (form.scale < scale) return `(${ctx.operand(node)} * ${power(scale - form.scale)})`;
    return roundDown(() => ctx.operand(node), form.scale - scale);
  }
  if (form === undefined && isIntegerLike(node)) return `(CAST(${ctx.expr(node)} AS INTEGER) * ${power(scale)})`;
  throw numericUnsupportedOnSQLite(
    `${what} a Numeric with digits and ${form ? "a Numeric without digits (or with more than 18)" : "a non-integer expression"}`,
    "give both the same kind of Numeric column, or compare with a value",
  );
}

/** The key part of keyed TEXT, with its trailing space, which compares as the values do. */
const keyOf = (x: () => string) => `substr(${x()}, 1, instr(${x()}, ' '))`;

/** The display part of keyed TEXT. */
const displayOf = (x: () => string) => `substr(${x()}, instr(${x()}, ' ') + 1)`;

/** Renders a node as keyed TEXT. */
function keyed(node: N.ExpressionNode, ctx: NumericContext, what: string): string {
  if (node.kind === "value") return ctx.bind(encodeKeyed(parseDecimal(node.value)));
  if (node.kind === "param") return ctx.bindNamed(node.name, (v) => encodeKeyed(parseDecimal(v)));
  if (numericForm(node)?.kind === "keyed") return ctx.expr(node);
  throw numericUnsupportedOnSQLite(
    `${what} a Numeric without digits (or with more than 18) and ${numericForm(node) ? "a Numeric with digits" : "another type"}`,
    "give both the same kind of Numeric column, or compare with a value",
  );
}

/** Renders the key of a node that is (or converts to) keyed TEXT: values and Params are bound as their key. */
function keyOperand(node: N.ExpressionNode, ctx: NumericContext, suffix = " "): string {
  if (node.kind === "value") return ctx.bind(decimalKey(parseDecimal(node.value)) + suffix);
  if (node.kind === "param") return ctx.bindNamed(node.name, (v) => decimalKey(parseDecimal(v)) + suffix);
  return keyOf(() => keyed(node, ctx, "compare"));
}

const roundingFor: Record<string, Rounding> = { ">": "floor", "<=": "floor", "<": "ceil", ">=": "ceil" };

/** A comparison of two numeric operands (either side may be numeric), or undefined when neither is. */
export function comparison(node: N.BinaryNode, ctx: NumericContext): string | undefined {
  const left = numericForm(node.left);
  const right = numericForm(node.right);
  if (!left && !right) return undefined;
  const op = node.op;
  if (left?.kind === "keyed" || right?.kind === "keyed") {
    if (node.right.kind === "value" && left?.kind === "keyed") {
      // Stored text is "key display": it lies between "key " and "key!" exactly when the values are equal.
      const key = decimalKey(parseDecimal(node.right.value));
      const l = () => ctx.operand(node.left);
      if (op === "=" || op === "<>")
        return `${l()} ${op === "=" ? "BETWEEN" : "NOT BETWEEN"} ${ctx.bind(`${key} `)} AND ${ctx.bind(`${key}!`)}`;
      const bound = op === ">" || op === "<=" ? `${key}!` : `${key} `;
      return `${l()} ${op === "<=" ? "<" : op} ${ctx.bind(bound)}`;
    }
    return `${keyOperand(node.left, ctx)} ${op} ${keyOperand(node.right, ctx)}`;
  }
  const scale = Math.max(left?.kind === "scaled" ? left.scale : 0, right?.kind === "scaled" ? right.scale : 0);
  const l = () => scaled(node.left, scale, ctx, "compare");
  if (node.right.kind === "value") {
    const value = parseDecimal(node.right.value);
    const exact = rescale(value, scale, "exact");
    if (exact !== undefined) return `${l()} ${op} ${ctx.bind(scaledBinding(exact))}`;
    // More decimals than the scale: no stored value equals it, and x > 35.255 is x > 35.25.
    if (op === "=") return `${l()} <> ${l()}`;
    if (op === "<>") return `${l()} = ${l()}`;
    return `${l()} ${op} ${ctx.bind(scaledBinding(rescale(value, scale, roundingFor[op])!))}`;
  }
  return `${l()} ${op} ${scaled(node.right, scale, ctx, "compare")}`;
}

/** `x BETWEEN low AND high` for a numeric x, or undefined for others. */
export function between(node: N.BetweenNode, ctx: NumericContext): string | undefined {
  const form = numericForm(node.operand);
  if (!form) return undefined;
  if (form.kind === "keyed") {
    // Stored "key display" lies between "low " and "high!" exactly when low <= value <= high.
    const x =
      node.low.kind === "value" && node.high.kind === "value"
        ? ctx.operand(node.operand)
        : keyOperand(node.operand, ctx);
    return `${x} BETWEEN ${keyOperand(node.low, ctx)} AND ${keyOperand(node.high, ctx, node.high.kind === "value" ? "!" : " ")}`;
  }
  const bound = (n: N.ExpressionNode, rounding: Rounding) =>
    n.kind === "value"
      ? ctx.bind(scaledBinding(rescale(parseDecimal(n.value), form.scale, rounding)!))
      : scaled(n, form.scale, ctx, "compare");
  return `${ctx.operand(node.operand)} BETWEEN ${bound(node.low, "ceil")} AND ${bound(node.high, "floor")}`;
}

/** `x IN (…)` for a numeric x and a list of values, or undefined for others. */
export function inList(node: N.InNode, ctx: NumericContext): string | undefined {
  const form = numericForm(node.left);
  if (!form || !node.values.every((v) => v.kind === "value")) return undefined;
  const values = node.values;
  const op = node.negated ? "NOT IN" : "IN";
  if (form.kind === "keyed") {
    if (values.length === 0) return node.negated ? "1 = 1" : "1 = 0";
    const left = keyOperand(node.left, ctx);
    return `${left} ${op} (${values.map((v) => keyOperand(v, ctx)).join(", ")})`;
  }
  // A value with more decimals than the scale equals no stored value.
  const exact = values.map((v) => rescale(parseDecimal(v.value), form.scale, "exact")).filter((u) => u !== undefined);
  if (exact.length === 0) return node.negated ? "1 = 1" : "1 = 0";
  return `${ctx.operand(node.left)} ${op} (${exact.map((u) => ctx.bind(scaledBinding(u))).join(", ")})`;
}

/** `a + b`, `a - b`, `a * b`, `a / b` with a numeric operand, or undefined for others. */
export function arithmetic(node: N.BinaryNode, ctx: NumericContext): string | undefined {
  const form = numericForm(node);
  if (!form) return undefined;
  const verb = { "+": "add", "-": "subtract", "*": "multiply", "/": "divide" }[node.op as "+"] as
    "add" | "subtract" | "multiply" | "divide";
  if (form.kind === "scaled") {
    if (verb === "multiply") return wholeMultiple(node, form.scale, ctx);
    if (verb === "divide")
      throw numericUnsupportedOnSQLite(
        "divide Numeric values stored as scaled integers",
        "read the values and compute with exact decimals in JS",
      );
    return `${scaled(node.left, form.scale, ctx, verb)} ${node.op} ${scaled(node.right, form.scale, ctx, verb)}`;
  }
  if (verb === "divide")
    throw numericUnsupportedOnSQLite("divide Numeric values", "read the values and compute with exact decimals in JS");
  if (!ctx.functions)
    throw numericUnsupportedOnSQLite(
      `${verb} Numeric values without digits (or with more than 18) on the sqlite3 driver`,
      withDigits,
    );
  const arg = (n: N.ExpressionNode) =>
    numericForm(n) === undefined && isIntegerLike(n) ? ctx.expr(n) : keyed(n, ctx, verb);
  return `${numericFunctions[verb]}(${arg(node.left)}, ${arg(node.right)})`;
}

/** A whole number written without decimals ("2", 3, but not "2.0", whose product PostgreSQL prints with one more decimal). */
function wholeNumber(node: N.ExpressionNode): boolean {
  if (node.kind === "value") {
    const d = parseDecimal(node.value);
    return d.scale === 0;
  }
  return numericForm(node) === undefined && isIntegerLike(node);
}

/**
 * A scaled integer times a whole number, which keeps the scale, so the text is PostgreSQL's. On
 * overflow SQLite would silently switch to a REAL: abs() of the smallest integer raises
 * "integer overflow" instead.
 */
function wholeMultiple(node: N.BinaryNode, scale: number, ctx: NumericContext): string {
  const [numeric, whole] = numericForm(node.left) ? [node.left, node.right] : [node.right, node.left];
  if (!wholeNumber(whole)) {
    throw numericUnsupportedOnSQLite(
      "multiply a Numeric stored as a scaled integer by anything but a whole number",
      'multiply by an Integer column or a whole number such as "3", or compute with exact decimals in JS',
    );
  }
  // better-sqlite3 binds numbers as REALs, so `qty + 1` is a REAL: the factor is made an integer again.
  const factor = () =>
    `CAST(${whole.kind === "value" ? ctx.bind(scaledBinding(parseDecimal(whole.value).units)) : ctx.expr(whole)} AS INTEGER)`;
  const product = () => `${scaled(numeric, scale, ctx, "multiply")} * ${factor()}`;
  return `(CASE WHEN typeof(${product()}) = 'integer' THEN ${product()} ELSE abs(-9223372036854775807 - 1) END)`;
}

/** sum() and avg() over a numeric expression, or undefined for other functions. */
export function aggregate(node: N.FunctionNode, ctx: NumericContext): string | undefined {
  const arg = node.args[0];
  const form = arg && (node.name === "sum" || node.name === "avg") ? numericForm(arg) : undefined;
  if (!form || !arg) return undefined;
  const distinct = node.distinct ? "DISTINCT " : "";
  if (node.name === "avg") {
    // Avg() is a JS number on both engines: a float average of the exact values.
    if (form.kind === "scaled") return `(avg(${distinct}${ctx.expr(arg)}) / ${power(form.scale)}.0)`;
    return `avg(${distinct}CAST(${displayOf(() => ctx.expr(arg))} AS REAL))`;
  }
  if (form.kind === "scaled") return undefined;
  if (!ctx.functions)
    throw numericUnsupportedOnSQLite(
      "sum Numeric values without digits (or with more than 18) on the sqlite3 driver",
      withDigits,
    );
  if (node.distinct) throw numericUnsupportedOnSQLite("sum distinct Numeric values without digits", withDigits);
  return `${numericFunctions.sum}(${ctx.expr(arg)})`;
}

/** A numeric expression as PostgreSQL's text (for Concat and casts to text), or undefined for others. */
export function asText(node: N.ExpressionNode, ctx: NumericContext): string | undefined {
  const form = numericForm(node);
  if (!form) return undefined;
  if (form.kind === "keyed") return displayOf(() => ctx.expr(node));
  if (form.scale === 0) return `CAST(${ctx.expr(node)} AS TEXT)`;
  const x = () => ctx.operand(node);
  const d = power(form.scale);
  return (
    `(CASE WHEN ${x()} < 0 THEN '-' ELSE '' END || (abs(${x()}) / ${d}) ` +
    `|| '.' || substr('${d.slice(1)}' || (abs(${x()}) % ${d}), -${form.scale}))`
  );
}

/** A numeric expression as a REAL (for Round), or undefined for others. */
export function asReal(node: N.ExpressionNode, ctx: NumericContext): string | undefined {
  const form = numericForm(node);
  if (!form) return undefined;
  if (form.kind === "keyed") return `CAST(${displayOf(() => ctx.expr(node))} AS REAL)`;
  return `(${ctx.operand(node)} / ${power(form.scale)}.0)`;
}

/**
 * Text as a scaled integer, rounded half away from zero on the first dropped digit: the display
 * part of keyed TEXT, or plain decimal text as earlier versions stored every Numeric.
 */
function parseText(sql: () => string, scale: number): string {
  const d = () => displayOf(sql);
  const point = () => `instr(${d()} || '.', '.')`;
  const fraction = () => `substr(${d()}, ${point()} + 1)`;
  const units = `CAST(substr(${d()}, 1, ${point()} - 1) || substr(${fraction()} || '${"0".repeat(scale)}', 1, ${scale}) AS INTEGER)`;
  const roundUp =
    `(CASE WHEN substr(${fraction()} || '0', ${scale + 1}, 1) >= '5' THEN (CASE WHEN substr(${d()}, 1, ` +
    `1) = '-' THEN -1 ELSE 1 END) ELSE 0 END)`;
  return `(${units} + ${roundUp})`;
}

/**
 * A value of another Numeric type (or of plain decimal text) in the stored form of `type`: what a
 * table rebuild copies when a column's digits change. Text found where a scaled integer is kept
 * (a table written by an earlier version) is parsed, so a rebuild also converts such tables.
 */
export function convert(node: N.ExpressionNode, type: N.ColumnNode["type"], ctx: NumericContext): string {
  const target = scaledNumeric(type);
  if (target !== undefined) {
    const x = () => ctx.operand(node);
    const fromNumber =
      numericForm(node)?.kind === "scaled" ? scaled(node, target, ctx, "convert") : parseText(x, target);
    return `(CASE WHEN typeof(${x()}) = 'text' THEN ${parseText(x, target)} ELSE ${fromNumber} END)`;
  }
  const from = numericForm(node);
  if (from?.kind === "scaled")
    return scaledToKeyed(
      () => ctx.operand(node),
      from.scale,
      () => asText(node, ctx)!,
    );
  if (from?.kind === "keyed") {
    // Plain decimal text (no key) from an earlier version is keyed where the function exists.
    if (!ctx.functions) return ctx.expr(node);
    const x = () => ctx.operand(node);
    return `(CASE WHEN instr(${x()}, ' ') > 0 THEN ${x()} ELSE ${numericFunctions.encode}(${x()}) END)`;
  }
  if (!ctx.functions)
    throw numericUnsupportedOnSQLite(
      "convert text to a Numeric without digits (or with more than 18) on the sqlite3 driver",
      "run this migration with the better-sqlite3 driver",
    );
  return `${numericFunctions.encode}(${ctx.expr(node)})`;
}

/** Nines' complement of a digit string, through letters so that each digit is replaced once. */
function complement(sql: string): string {
  let out = sql;
  for (let d = 0; d <= 9; d++) out = `replace(${out}, '${d}', '${String.fromCharCode(97 + d)}')`;
  for (let d = 0; d <= 9; d++) out = `replace(${out}, '${String.fromCharCode(97 + d)}', '${9 - d}')`;
  return out;
}

/** A scaled integer as keyed TEXT, built in SQL as decimalKey() builds it in JS. */
function scaledToKeyed(x: () => string, scale: number, text: () => string): string {
  const digits = () => `CAST(abs(${x()}) AS TEXT)`;
  const exponent = () => `printf('%06d', length(${digits()}) - ${scale} + 500000)`;
  const significant = () => `rtrim(${digits()}, '0')`;
  const key =
    `CASE WHEN ${x()} = 0 THEN '1' WHEN ${x()} > 0 THEN '2' || ${exponent()} || ${significant()} ` +
    `ELSE '0' || ${complement(exponent())} || ${complement(significant())} || '~' END`;
  return `(${key} || ' ' || ${text()})`;
}

/** A Sum() over a window of Numerics stored as text: the exact sum is a plain aggregate, which SQLite refuses as a window function. */
export function assertWindowable(fn: N.FunctionNode): void {
  const form = fn.name === "sum" && fn.args[0] ? numericForm(fn.args[0]) : undefined;
  if (form?.kind === "keyed")
    throw numericUnsupportedOnSQLite(
      "sum Numeric values without digits (or with more than 18) over a window",
      "declare the column Numeric({ digits: [p, s] }) with p <= 18, which SQLite stores as a scaled integer",
    );
}
