import type { ColumnSchema, ElementSchema, JsonValue, TableSchema } from "../../migrations/schema";
import { tableKey } from "../../migrations/schema";
import { columnRefMembers } from "../../query/column-ref";
import { reservedProperties } from "../../table/decorators";
import { foreignKeyOrder } from "./fk-order";
import type { ReadDatabase, ReadTable } from "./model";

// Column kind → the piccolo column factory and its field's value type.
const factories: Readonly<Record<string, readonly [string, string]>> = {
  serial: ["Serial", "number"],
  bigserial: ["BigSerial", "bigint"],
  varchar: ["Varchar", "string"],
  char: ["Char", "string"],
  text: ["Text", "string"],
  integer: ["Integer", "number"],
  bigint: ["BigIntColumn", "bigint"],
  smallint: ["SmallInt", "number"],
  real: ["Real", "number"],
  double: ["DoublePrecision", "number"],
  numeric: ["Numeric", "Numeric"],
  boolean: ["BooleanColumn", "boolean"],
  date: ["DateColumn", "string"],
  timestamp: ["Timestamp", "Date"],
  timestamptz: ["Timestamptz", "Date"],
  time: ["Time", "string"],
  interval: ["Interval", "number"],
  uuid: ["UUID", "string"],
  json: ["JSONColumn", "unknown"],
  jsonb: ["JSONB", "unknown"],
  bytea: ["Bytea", "Uint8Array"],
  array: ["ArrayColumn", "unknown[]"],
};

const identifier = /^[A-Za-z_$][\w$]*$/;
const importable = new Set([
  "Table",
  "table",
  "column",
  "ForeignKey",
  "now",
  "Ref",
  ...Object.values(factories).map((f) => f[0]),
]);
const words = (name: string) => name.split(/[^A-Za-z0-9]+|(?<=[a-z0-9])(?=[A-Z])/).filter(Boolean);

/** A class name for a table: PascalCase, not clashing with an import or another class. */
function className(name: string, taken: Set<string>): string {
  let base = words(name)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join("");
  if (base === "" || /^\d/.test(base)) base = `T${base}`;
  if (importable.has(base)) base = `${base}Table`;
  let out = base;
  for (let n = 2; taken.has(out); n++) out = `${base}${n}`;
  taken.add(out);
  return out;
}

/** A property name for a column: its own name when that is a usable identifier. */
function propertyName(name: string, taken: Set<string>): string {
  let base = identifier.test(name) ? name : name.replace(/[^\w$]+/g, "_").replace(/^(?=\d)/, "_") || "_";
  if (reservedProperties.has(base) || columnRefMembers.has(base) || base.startsWith("$"))
    base = `${base.replace(/^\$+/, "")}_`;
  let out = base;
  for (let n = 2; taken.has(out); n++) out = `${base}${n}`;
  taken.add(out);
  return out;
}

const literal = (value: JsonValue): string =>
  Array.isArray(value) ? `[${value.map(literal).join(", ")}]` : JSON.stringify(value);

/** The generated classes, with the names chosen for tables and columns. */
interface Naming {
  readonly classes: ReadonlyMap<string, string>;
  readonly properties: ReadonlyMap<string, ReadonlyMap<string, string>>;
}

function naming(tables: readonly ReadTable[]): Naming {
  const taken = new Set<string>();
  const classes = new Map<string, string>();
  const properties = new Map<string, Map<string, string>>();
  for (const { table } of tables) {
    const key = tableKey(table.name, table.schema);
    classes.set(key, className(table.name, taken));
    const own = new Set<string>();
    properties.set(key, new Map(table.columns.map((c) => [c.name, propertyName(c.name, own)])));
  }
  return { classes, properties };
}

function typeOptions(c: Pick<ColumnSchema, "type" | "length" | "precision" | "scale">): string[] {
  if ((c.type === "varchar" || c.type === "char") && c.length !== undefined) return [`length: ${c.length}`];
  if (c.type === "numeric" && c.precision !== undefined) return [`digits: [${c.precision}, ${c.scale ?? 0}]`];
  return [];
}

function elementExpression(e: ElementSchema, choices: readonly string[] | undefined): string {
  const options = [...typeOptions(e), ...(e.null ? ["null: true"] : [])];
  if (choices) options.push(`choices: ${literal(choices)}`);
  return `${factories[e.type]![0]}(${options.length > 0 ? `{ ${options.join(", ")} }` : ""})`;
}

function elementType(e: ElementSchema): string {
  const base = factories[e.type]![1];
  return e.null ? `(${base} | null)[]` : `${base}[]`;
}

/** Renders one column as `@column(Factory({ … })) property!: Type;`, noting the imports it uses. */
function renderColumn(
  read: ReadTable,
  c: ColumnSchema,
  property: string,
  naming: Naming,
  tablesByKey: ReadonlyMap<string, ReadTable>,
  uses: Set<string>,
): string {
  const options: string[] = [];
  const choices = read.choices.get(c.name);
  let expression: string;
  let fieldType: string;
  if (c.references) {
    const key = tableKey(c.references.table, c.references.schema);
    const target = tablesByKey.get(key)!;
    const targetColumn = target.table.columns.find((x) => x.name === c.references!.column)!;
    const targetKeys = target.table.columns.filter((x) => x.primaryKey);
    const targetClass = naming.classes.get(key)!;
    if (!(targetKeys.length === 1 && targetKeys[0] === targetColumn))
      options.push(`targetColumn: ${literal(naming.properties.get(key)!.get(targetColumn.name)!)}`);
    if (c.references.onDelete !== "cascade") options.push(`onDelete: ${literal(c.references.onDelete)}`);
    if (c.references.onUpdate !== "cascade") options.push(`onUpdate: ${literal(c.references.onUpdate)}`);
    if (!c.null && !c.primaryKey) options.push("null: false");
    const value = factories[targetColumn.type]![1];
    fieldType = `Ref<${targetClass}${value === "number" ? "" : `, ${value}`}>`;
    uses.add("ForeignKey").add("Ref");
    expression = `ForeignKey(() => ${targetClass}, `;
  } else {
    const [factory, value] = factories[c.type]!;
    uses.add(factory);
    options.push(...typeOptions(c));
    if (c.null) options.push("null: true");
    if (c.type === "array") {
      const element = elementExpression(c.element!, choices);
      uses.add(factories[c.element!.type]![0]);
      fieldType = elementType(c.element!);
      expression = `${factory}(${element}, `;
    } else {
      if (choices) options.push(`choices: ${literal(choices)}`);
      fieldType = value;
      expression = `${factory}(`;
    }
  }
  if (c.primaryKey) options.push("primaryKey: true");
  if (c.unique && !c.primaryKey) options.push("unique: true");
  if (c.default !== undefined && c.default !== null) options.push(`default: ${literal(c.default)}`);
  else if (c.defaultNow) {
    options.push("default: now");
    uses.add("now");
  }
  if (property !== c.name) options.push(`dbColumnName: ${literal(c.name)}`);
  const args = options.length > 0 ? `{ ${options.join(", ")} }` : "";
  const call = expression.endsWith(", ")
    ? args
      ? `${expression}${args})`
      : `${expression.slice(0, -2)})`
    : `${expression}${args})`;
  const nullable = c.null && !c.primaryKey;
  return `  @column(${call}) ${property}!: ${fieldType}${nullable ? " | null" : ""};`;
}

function renderTable(
  read: ReadTable,
  naming: Naming,
  tablesByKey: ReadonlyMap<string, ReadTable>,
  uses: Set<string>,
): string {
  const t: TableSchema = read.table;
  const key = tableKey(t.name, t.schema);
  const cls = naming.classes.get(key)!;
  const props = naming.properties.get(key)!;
  const prop = (name: string) => literal(props.get(name) ?? name);
  const options = [`tablename: ${literal(t.name)}`];
  if (t.schema) options.push(`schema: ${literal(t.schema)}`);
  const uniques = (t.constraints ?? []).filter((c) => c.type === "unique");
  if (uniques.length > 0)
    options.push(`unique: [${uniques.map((u) => `[${u.columns.map(prop).join(", ")}]`).join(", ")}]`);
  if (t.indexes && t.indexes.length > 0) {
    const list = t.indexes.map((i) => {
      const parts = [`columns: [${i.columns.map(prop).join(", ")}]`, `name: ${literal(i.name)}`];
      if (i.unique) parts.push("unique: true");
      if (i.method) parts.push(`method: ${literal(i.method)}`);
      if (i.where !== undefined) parts.push(`where: ${literal(i.where)}`);
      return `{ ${parts.join(", ")} }`;
    });
    options.push(`indexes: [\n    ${list.join(",\n    ")},\n  ]`);
  }
  const checks = (t.constraints ?? []).filter((c) => c.type === "check");
  if (checks.length > 0) {
    const list = checks.map(
      (c) => `{ check: ${literal(c.check as JsonValue)}${c.name ? `, name: ${literal(c.name)}` : ""} }`,
    );
    options.push(`checks: [\n    ${list.join(",\n    ")},\n  ]`);
  }
  const ownKey = t.columns.some((c) => c.primaryKey);
  const lines = t.columns.map((c) => renderColumn(read, c, props.get(c.name)!, naming, tablesByKey, uses));
  const decorator = options.some((o) => o.includes("\n"))
    ? `@table({\n  ${options.join(",\n  ")},\n})`
    : `@table({ ${options.join(", ")} })`;
  return `${decorator}\nexport class ${cls} extends Table<${cls}${ownKey ? ", null" : ""}>() {\n${lines.join("\n")}\n}\n`;
}

/**
 * The TypeScript source of table classes for the tables read: decorators in the project's style,
 * in foreign-key order, without `db` (the engine comes from the project's config), with everything
 * that could not be modelled listed in a comment at the top.
 */
export function renderTables(db: ReadDatabase): string {
  const ordered = foreignKeyOrder(db.tables);
  const names = naming(ordered);
  const byKey = new Map(ordered.map((t) => [tableKey(t.table.name, t.table.schema), t]));
  const uses = new Set<string>(["Table", "table", "column"]);
  const classes = ordered.map((t) => renderTable(t, names, byKey, uses));
  const values = [...uses].filter((u) => u !== "Ref").sort();
  const imports = `import { ${values.join(", ")}${uses.has("Ref") ? ", type Ref" : ""} } from "piccolo-orm";`;
  const header = [
    `// Generated by \`piccolo schema generate\` from ${db.source} (${db.dialect}).`,
    ...(db.notes.length === 0
      ? ["// Everything was modelled."]
      : [`// Not modelled (${db.notes.length}):`, ...db.notes.map((n) => `//   - ${n.replace(/\n/g, " ")}`)]),
  ];
  return `${header.join("\n")}\n${imports}\n\n${classes.join("\n")}`;
}
