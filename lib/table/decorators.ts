import "reflect-metadata";
import { BooleanColumn } from "../columns/boolean";
import type { ColumnType } from "../columns/column-type";
import { Integer } from "../columns/integer";
import { Serial } from "../columns/serial";
import { BigSerial } from "../columns/big-serial";
import { Timestamptz } from "../columns/timestamptz";
import { Varchar } from "../columns/varchar";
import type { Engine } from "../engine/engine";
import {
  assertKnownOptions,
  cannotInferColumnType,
  duplicatePrimaryKey,
  reservedColumnName,
  serialInCompositeKey,
} from "../errors/factories";
import { columnRefMembers } from "../query/column-ref";
import { globalStore } from "../utils/global-store";
import { snakeCase } from "../utils/names";
import { loading } from "./instance-state";
import { declareConstraints, type TableConstraintOptions } from "./constraints";
import { TableMeta, registerTable, type ColumnMeta } from "./metadata";
import { M2MRelation, type M2MOptions } from "./m2m";
import type { FieldCheck, M2M } from "./types";

// TC39 decorators keep class metadata in context.metadata, which exists only when Symbol.metadata
// does; Node 20 lacks it, so define it before any user class is declared (this module loads first).
(Symbol as { metadata?: symbol }).metadata ??= Symbol.for("Symbol.metadata");

/** A column declaration waiting for its class's @table(). */
interface PendingColumn {
  readonly property: string;
  readonly type: ColumnType<unknown> | undefined;
  /** The legacy prototype it was declared on, to infer its type from design:type. */
  readonly prototype?: object;
  /** Set for an @m2m() field, which is not a column. */
  readonly m2m?: { readonly joinTable: () => abstract new (...args: never[]) => unknown; readonly options: M2MOptions };
}

// Global, so that @column() of one installed copy of piccolo-orm and @table() of another agree.
const pendingKey = Symbol.for("piccolo-orm.columns.v1");
const legacyPending = globalStore("legacyColumns.v1", () => new WeakMap<object, PendingColumn[]>());

/** Options of @table(); `unique`, `indexes` and `checks` name columns by property (`K`), checked against the class. */
export interface TableOptions<TKey extends string = string> extends TableConstraintOptions<TKey> {
  /** The engine this table's queries run on. */
  db?: Engine;
  /** The table's name in the database (default: the class name in snake_case). */
  tablename?: string;
  /** The schema, on PostgreSQL (default: the search path's). */
  schema?: string;
}

/**
 * A decorator usable both as a legacy (experimentalDecorators) and a TC39 field decorator; the
 * field's type must fit the column: its value type, `| null` exactly when the column accepts NULL,
 * a foreign key's `Ref<Target>`, a secret column's `Secret<...>`.
 */
export interface ColumnDecorator<TValue, Null extends boolean = boolean> {
  /** Legacy, on a public field. */
  <Proto extends object, TKey extends keyof Proto & string>(
    target: Proto,
    propertyKey: TKey & FieldCheck<Proto[TKey], TValue, Null>,
  ): void;
  /** Legacy, on a private, protected or symbol-keyed field, whose type TypeScript does not expose. */
  <Proto extends object, TKey extends string | symbol>(
    target: Proto,
    propertyKey: TKey extends keyof Proto ? never : TKey,
  ): void;
  /** TC39. */
  <This, Field>(
    value: undefined,
    context: ClassFieldDecoratorContext<This, Field> & FieldCheck<Field, TValue, Null>,
  ): void;
}

/** The decorator @m2m() returns: legacy or TC39, on a field typed `M2M<Other>`. */
export interface M2MDecorator {
  <TKey extends string>(target: { [P in TKey]?: M2M<unknown, unknown> }, propertyKey: TKey): void;
  <This, TField extends M2M<unknown, unknown>>(
    value: undefined,
    context: ClassFieldDecoratorContext<This, TField>,
  ): void;
}

/**
 * A decorator usable both as a legacy and a TC39 class decorator; the class's instances must have
 * every property `K` that its options name, so a misspelt column does not compile.
 */
export interface TableDecorator<TKey extends string = never> {
  <TClass extends abstract new (...args: never[]) => HasColumns<TKey>>(target: TClass & NamesItself<TClass>): TClass;
  <TClass extends abstract new (...args: never[]) => HasColumns<TKey>>(
    value: TClass & NamesItself<TClass>,
    context: ClassDecoratorContext<TClass>,
  ): TClass;
}

/** Why `@table()` refuses a class; shown in the compiler's message. */
export interface TableMismatch {
  readonly "@table: the class must pass itself to Table<...>()": "class Band extends Table<Band>() — a copy declares its own columns";
}

/** `unknown` when the class C extends `Table<C>()`, a TableMismatch when it names another class. */
type NamesItself<TClass> = TClass extends { readonly $rowType?: (row: infer Row) => unknown }
  ? TClass extends abstract new (...args: never[]) => infer Instance
    ? [Instance] extends [Row]
      ? [Row] extends [Instance]
        ? unknown
        : TableMismatch
      : TableMismatch
    : unknown
  : unknown;

/** Instances with the properties K; options typed only as `TableOptions` (K = string) check nothing. */
type HasColumns<TKey extends string> = string extends TKey ? unknown : { [P in TKey]: unknown };

const tableOptionNames = ["db", "tablename", "schema", "unique", "indexes", "checks"];

function isTc39Context(context: unknown): context is DecoratorContext {
  return typeof context === "object" && context !== null && "kind" in context;
}

/**
 * Declares a column: `@column(Varchar({ length: 100 })) name!: string`. Under experimentalDecorators
 * with emitDecoratorMetadata, a bare `@column()` infers Varchar, Integer, BooleanColumn or
 * Timestamptz from the property's declared type.
 */
export function column<TValue, Null extends boolean = boolean>(
  type?: ColumnType<TValue, Null>,
): ColumnDecorator<TValue, Null> {
  return fieldDecorator({ type: type });
}

/**
 * Declares an M2M field through a join table that has a foreign key to each side; it is not a
 * column: `@m2m(() => GenreToBand) genres!: M2M<Genre, GenreToBand>`, reached as `Band.m2m.genres`.
 * Name the join table's keys (`{ sourceKey, targetKey }`) only when several fit.
 */
export function m2m(
  joinTable: () => abstract new (...args: never[]) => unknown,
  options: M2MOptions = {},
): M2MDecorator {
  assertKnownOptions("m2m()", options, ["sourceKey", "targetKey"], "definition");
  return fieldDecorator({ type: undefined, m2m: { joinTable, options } });
}

function fieldDecorator(declaration: Pick<PendingColumn, "type" | "m2m">) {
  return (targetOrValue: object | undefined, context: string | symbol | ClassFieldDecoratorContext) => {
    if (isTc39Context(context)) {
      const metadata = context.metadata as Record<symbol, PendingColumn[]>;
      if (!Object.prototype.hasOwnProperty.call(metadata, pendingKey)) metadata[pendingKey] = [];
      metadata[pendingKey]!.push({ property: String(context.name), ...declaration });
      return;
    }
    const prototype = targetOrValue!;
    if (!legacyPending.has(prototype)) legacyPending.set(prototype, []);
    legacyPending.get(prototype)!.push({ property: String(context), ...declaration, prototype });
  };
}

/**
 * Declares a table class: records its metadata and returns a subclass whose constructor assigns
 * `new Band({ ... })` values after the class's own field initialisers have run.
 * @example
 * \@table({ db: DB })
 * class Band extends Table<Band>() {
 *   \@column(Varchar({ length: 50 })) name!: string;
 * }
 */
export function table<const TKey extends string = never>(options: TableOptions<TKey> = {}): TableDecorator<TKey> {
  assertKnownOptions("table()", options, tableOptionNames, "definition");
  return (cls: new (...args: unknown[]) => object, context?: ClassDecoratorContext) => {
    const pending = isTc39Context(context) ? tc39Columns(context.metadata) : legacyColumns(cls.prototype);
    return defineTable(cls, options, pending);
  };
}

function tc39Columns(metadata: object | undefined): PendingColumn[] {
  const chain: PendingColumn[][] = [];
  for (let m = metadata as Record<symbol, PendingColumn[]> | null; m; m = Object.getPrototypeOf(m)) {
    if (Object.prototype.hasOwnProperty.call(m, pendingKey)) chain.unshift(m[pendingKey]!);
  }
  return chain.flat();
}

function legacyColumns(prototype: object): PendingColumn[] {
  const chain: PendingColumn[][] = [];
  for (let p: object | null = prototype; p; p = Object.getPrototypeOf(p)) {
    const own = legacyPending.get(p);
    if (own) chain.unshift(own);
  }
  return chain.flat();
}

/** Instance members a column property may not shadow (`schema generate` renames such columns). */
export const reservedProperties: ReadonlySet<string> = new Set([
  "save",
  "remove",
  "refresh",
  "toDict",
  "toJSON",
  "getRelated",
  "getReverse",
  "addM2M",
  "getM2M",
  "removeM2M",
  "updateSelf",
  "constructor",
]);

function inferType(pending: PendingColumn, className: string): ColumnType<unknown> {
  const designType = pending.prototype && Reflect.getMetadata("design:type", pending.prototype, pending.property);
  switch (designType) {
    case String:
      return Varchar();
    case Number:
      return Integer();
    case Boolean:
      return BooleanColumn();
    case Date:
      return Timestamptz();
    default:
      throw cannotInferColumnType(className, pending.property);
  }
}

function defineTable(cls: new (...args: unknown[]) => object, options: TableOptions<string>, pending: PendingColumn[]) {
  const className = cls.name;
  const columns: ColumnMeta[] = [];
  const relations: M2MRelation[] = [];
  for (const p of pending) {
    if (reservedProperties.has(p.property) || columnRefMembers.has(p.property) || p.property.startsWith("$")) {
      throw reservedColumnName(className, p.property);
    }
    if (p.m2m) {
      relations.push(new M2MRelation(() => meta, p.property, p.m2m.joinTable, p.m2m.options));
      continue;
    }
    const type = p.type ?? inferType(p, className);
    const column: ColumnMeta = {
      property: p.property,
      dbName: type.options.dbColumnName ?? p.property,
      type,
      primaryKey: type.options.primaryKey ?? false,
    };
    columns.push(column);
  }
  const keys = columns.filter((c) => c.primaryKey);
  // Several primaryKey columns make one composite key, as in TypeORM.
  const serial =
    keys.length > 1 ? keys.find((c) => c.type.kind === "serial" || c.type.kind === "bigserial") : undefined;
  if (serial)
    throw serialInCompositeKey(
      className,
      serial.property,
      keys.map((c) => c.property),
    );
  if (keys.length === 0) {
    if (columns.some((c) => c.property === "id"))
      throw duplicatePrimaryKey(className, "the default id", "your id column without primaryKey: true");
    // CockroachDB's generated keys exceed 2^53: there the default key is read as a bigint.
    const key = options.db?.dialect.capabilities.int64Keys ? BigSerial() : Serial();
    columns.unshift({ property: "id", dbName: "id", type: key, primaryKey: true });
  }

  const Decorated = class extends cls {
    constructor(...args: unknown[]) {
      super(...args);
      if (args[0] !== loading) assignInitialValues(this as Record<string, unknown>, meta, args[0]);
    }
  };
  Object.defineProperty(Decorated, "name", { value: className });
  const meta = new TableMeta(
    Decorated,
    className,
    options.tablename ?? snakeCase(className),
    options.schema,
    options.db,
    columns,
    relations,
  );
  declareConstraints(meta, options);
  registerTable(meta, cls, Decorated);
  return Decorated;
}

/**
 * Every column takes the given value, else the class's own field initialiser (`name = "x"`), else
 * the column's default; unknown names are an error.
 */
function assignInitialValues(instance: Record<string, unknown>, meta: TableMeta, values: unknown): void {
  const given = (values ?? {}) as Record<string, unknown>;
  for (const key of Object.keys(given)) meta.column(key);
  for (const column of meta.columns) {
    const value = given[column.property];
    if (value !== undefined) instance[column.property] = value;
    else if (instance[column.property] === undefined) instance[column.property] = column.type.defaultValue();
  }
}
