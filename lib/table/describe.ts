import type { ColumnType } from "../columns/column-type";
import type { ForeignKeyType } from "../columns/foreign-key";
import type { ExpressionNode } from "../sql/ast/nodes";
import { conditionText } from "../sql/dialects/condition-text";
import { tableConstraints } from "./constraints";
import type * as D from "./description";
import { tableMetaOf, type ColumnMeta, type TableMeta } from "./metadata";

// Everything here reads metadata through its own getters, never instanceof, so that a table
// declared with another installed copy of piccolo-orm is described alike.

/**
 * A table's public description as plain, frozen, JSON-serialisable data: names, primary key,
 * columns (data type, nullability, defaults, references), constraints, indexes and M2M fields.
 * Validation, CRUD, the admin and schema tools read this rather than internal metadata.
 * @example describeTable(Band).columns.map((c) => c.property) // ["id", "name", "manager", "popularity"]
 */
export function describeTable(table: abstract new (...args: never[]) => unknown): D.TableDescription {
  const meta = tableMetaOf(table);
  let description = meta.cache.get("description") as D.TableDescription | undefined;
  if (description === undefined) {
    description = deepFreeze(describeMeta(meta));
    meta.cache.set("description", description);
  }
  return description;
}

function describeMeta(meta: TableMeta): D.TableDescription {
  const propertyOf = new Map(meta.columns.map((c) => [c.dbName, c.property]));
  const properties = (dbNames: readonly string[]) => dbNames.map((name) => propertyOf.get(name) ?? name);
  const constraints = tableConstraints(meta);
  return {
    ...tableReference(meta),
    primaryKey: meta.primaryKeys.map((c) => c.property),
    columns: meta.columns.map(describeColumn),
    unique: constraints.unique.map((u) => ({ name: u.name, columns: properties(u.columns) })),
    indexes: constraints.indexes.map((i) => ({
      name: i.name,
      columns: properties(i.columns),
      method: i.method ?? null,
      unique: i.unique,
      where: i.where === undefined ? null : sqlText(i.where),
    })),
    checks: constraints.checks.map((c) => ({ name: c.name, check: sqlText(c.condition) })),
    m2m: meta.m2m.map((relation) => {
      const { join, sourceKey, targetKey, target } = relation.resolved;
      return {
        field: relation.property,
        joinTable: tableReference(join),
        otherTable: tableReference(target),
        sourceKey: sourceKey.property,
        targetKey: targetKey.property,
      };
    }),
  };
}

/** A condition's SQL text, copied: freezing the description must not freeze the table's own nodes. */
function sqlText(node: ExpressionNode): D.SqlText {
  const text = conditionText(node);
  return typeof text === "string" ? text : { ...text };
}

function tableReference(meta: TableMeta): D.TableReference {
  return { className: meta.className, tableName: meta.tableName, schema: meta.schema ?? null };
}

function describeColumn(column: ColumnMeta): D.ColumnDescription {
  const type = column.type;
  const fk = type.kind === "foreignKey" ? (type as ForeignKeyType) : undefined;
  const stored = fk ? fk.targetColumn.type : type;
  return {
    property: column.property,
    dbName: column.dbName,
    dataType: { ...dataType(stored, fk !== undefined), choices: choices(type) },
    nullable: type.nullable,
    unique: type.options.unique ?? false,
    primaryKey: column.primaryKey,
    default: valueSource(type.options.default, type.defaultNow),
    autoUpdate: valueSource(type.options.autoUpdate, type.autoUpdateNow),
    index: type.options.index ?? false,
    helpText: type.options.helpText ?? null,
    secret: type.secret,
    references: fk ? reference(fk) : null,
  };
}

/** The data type; a referenced serial key is stored as a plain integer. */
function dataType(type: ColumnType<unknown>, asReference: boolean): D.DataTypeDescription {
  const element = type.params.element;
  let kind = type.kind as D.DataKind;
  if (asReference && kind === "serial") kind = "integer";
  if (asReference && kind === "bigserial") kind = "bigint";
  return {
    kind,
    length: type.params.length ?? null,
    precision: type.params.precision ?? null,
    scale: type.params.scale ?? null,
    element: element === undefined ? null : { ...dataType(element, false), nullable: element.nullable },
    choices: choices(type),
  };
}

function choices(type: ColumnType<unknown>): readonly D.PlainValue[] | null {
  return type.choiceValues === undefined ? null : type.choiceValues.map(plainValue);
}

function reference(fk: ForeignKeyType): D.ReferenceDescription {
  const column = fk.targetColumn;
  return {
    ...tableReference(fk.target),
    property: column.property,
    dbName: column.dbName,
    onDelete: fk.onDelete,
    onUpdate: fk.onUpdate,
  };
}

function valueSource(value: unknown, isNow: boolean): D.ValueSourceDescription | null {
  if (isNow) return { kind: "now" };
  if (value === undefined) return null;
  if (typeof value === "function") return { kind: "function" };
  return { kind: "constant", value: plainValue(value) };
}

/** A constant as JSON holds it: Dates as ISO text, bigints as digits, bytes as hex digits. */
function plainValue(value: unknown): D.PlainValue {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "bigint") return value.toString();
  if (value instanceof Uint8Array) return Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString("hex");
  if (Array.isArray(value)) return value.map(plainValue);
  if (typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plainValue(v)]));
  return value as D.PlainValue;
}

function deepFreeze<TValue>(value: TValue): TValue {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    for (const item of Object.values(value)) deepFreeze(item);
    Object.freeze(value);
  }
  return value;
}

/**
 * The table class a foreign key column references, or undefined when the column is not a foreign
 * key: what tools that follow `references` (CRUD field paths, the admin's pickers) describe next.
 * @example referencedTable(Band, "manager") === Manager
 */
export function referencedTable(
  table: abstract new (...args: never[]) => unknown,
  property: string,
): (abstract new (...args: never[]) => unknown) | undefined {
  const type = tableMetaOf(table).column(property).type;
  return type.kind === "foreignKey" ? (type as ForeignKeyType).target.cls : undefined;
}
