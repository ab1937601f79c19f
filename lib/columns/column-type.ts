import { assertKnownOptions, invalidValue, nowNotForColumn } from "../errors/factories";
import { valueKind, type DataType, type DataTypeKind } from "../sql/ast/data-type";
import type { ValueNode } from "../sql/ast/nodes";
import { Now } from "./now";
import type { Secret } from "./secret";

/** The logical column kinds; each dialect maps them to DDL and converts their values. */
export type ColumnKind = DataTypeKind | "foreignKey";

/** Options every column type accepts. */
export interface ColumnOptions<TValue> {
  /** Allow NULL (default false, except for foreign keys). */
  null?: boolean;
  /** A constant, or a function called for each new row. */
  default?: NoInfer<TValue> | null | (() => NoInfer<TValue> | null);
  unique?: boolean;
  /** Create an index on this column with `createTable()`. */
  index?: boolean;
  primaryKey?: boolean;
  /** The column's name in the database, when it differs from the property name. */
  dbColumnName?: string;
  /** The only values allowed: a list, or an enum-like object whose values are used. */
  choices?: readonly TValue[] | Readonly<Record<string, TValue>>;
  /** Documentation shown by tools such as the admin. */
  helpText?: string;
  /** Leave the column out of `select()` and `toDict()` unless named, and out of error reports. */
  secret?: boolean;
  /** A value (or a function giving one) that every `update()` and `save()` writes unless it sets this column itself. */
  autoUpdate?: NoInfer<TValue> | null | (() => NoInfer<TValue> | null);
}

/** What `choices` may be for values of type B: a list, or an object (a TypeScript enum included) whose values are used. */
export type Choices<TBase> =
  readonly TBase[] | { readonly [key: string]: TBase | (TBase extends number ? string : never) };

/**
 * The value type `choices` allow: a TypeScript enum's own type (`Genre`), a list's element type
 * (a literal union for `as const` lists), or B when there are no choices. The names a numeric
 * enum maps its values back to are not values.
 */
export type ChoiceValue<TChoices, TBase> = [TChoices] extends [never]
  ? TBase
  : TChoices extends readonly (infer E)[]
    ? E
    : TChoices[Exclude<keyof TChoices, number>];

/** Options of a column type whose value type its `choices` decide (Varchar, Integer). */
export type OptionsWithChoices<TChoices, TBase> = Omit<ColumnOptions<ChoiceValue<TChoices, TBase>>, "choices"> & {
  choices?: TChoices;
};

/**
 * Options with the `null` and `secret` flags captured as literals, so that `@column(...)` can check
 * the field: `Varchar({ null: true })` needs a `string | null` field, `Integer({ secret: true })` a `Secret<number>`.
 */
export type FlagOptions<Options, Null extends boolean, Hidden extends boolean> = Options & {
  null?: Null;
  secret?: Hidden;
};

/** The column type a factory returns: `Secret<V>` when secret, nullable (for `@column`'s check) when `null: true`. */
export type TypedColumn<TValue, Null extends boolean, Hidden extends boolean> = ColumnType<
  [Hidden] extends [true] ? Secret<TValue> : TValue,
  Null
>;

/** Names of the options above, for the unknown-option check. */
export const commonOptionNames = [
  "null",
  "default",
  "unique",
  "index",
  "primaryKey",
  "dbColumnName",
  "choices",
  "helpText",
  "secret",
  "autoUpdate",
];

/** Column kinds whose `default` and `autoUpdate` may be `now`. */
const nowKinds: readonly ColumnKind[] = ["timestamp", "timestamptz", "date", "time"];

/** Type parameters the dialect reads to render DDL. */
export interface ColumnParams {
  readonly length?: number;
  readonly precision?: number;
  readonly scale?: number;
  /** The element type of an array column. */
  readonly element?: ColumnType<unknown>;
}

/**
 * The values of an enum-like object. A numeric TypeScript enum also maps each value back to its
 * name (`Size[1] === "Small"`); those reverse entries, whose keys are numbers, are not choices.
 */
function enumValues<TValue>(choices: Readonly<Record<string, TValue>>): TValue[] {
  const isReverse = (key: string) => {
    const name = choices[key];
    return typeof name === "string" && (choices as Record<string, unknown>)[name] === Number(key);
  };
  return Object.keys(choices)
    .filter((key) => !isReverse(key))
    .map((key) => choices[key]!);
}

/** Turns a value into the column's canonical JS form, or returns an error message. */
export type Coercer<TValue> = (value: unknown) => TValue | InvalidValue;

/** The result of a failed coercion: what was expected, and the rule it broke (a class-validator-style name). */
export class InvalidValue {
  constructor(
    readonly expected: string,
    /** The rule's name in `ValidationError.fields` constraints: "maxLength", "isInt", "isIn"…; "type" when none is more precise. */
    readonly rule = "type",
  ) {}
}

const notNullable = new InvalidValue(
  "a value (the column is not nullable: declare it with { null: true } to allow null)",
  "notNull",
);

/**
 * A column's logical type and options, as recorded by `@column(...)`. Column types never write SQL:
 * the dialect reads `kind` and `params` to render DDL and to encode and decode values.
 */
export class ColumnType<TValue, Null extends boolean = boolean> {
  /** Phantom field carrying the JS value type for the typed decorator. */
  declare readonly __value?: TValue;
  /** Phantom: whether the column accepts NULL (`boolean` when unknown), which the field's type must match. */
  declare readonly __null?: Null;
  readonly choiceValues: readonly TValue[] | undefined;

  constructor(
    readonly kind: ColumnKind,
    readonly options: ColumnOptions<TValue>,
    readonly coerce: Coercer<TValue>,
    /** The value a non-null column gets when nothing is given (Piccolo's rule: every column has one). */
    readonly typeDefault: () => TValue | null,
    readonly params: ColumnParams = {},
    /** Checks values compared with the column: the type must match, but not length, range or choices. */
    readonly coerceOperand: Coercer<TValue> = coerce,
  ) {
    for (const option of ["default", "autoUpdate"] as const) {
      if ((options as Record<string, unknown>)[option] instanceof Now && !nowKinds.includes(kind))
        throw nowNotForColumn(kind, option);
    }
    const choices = options.choices;
    this.choiceValues =
      choices === undefined
        ? undefined
        : Array.isArray(choices)
          ? choices
          : enumValues(choices as Record<string, TValue>);
  }

  private cachedDataType: DataType | undefined;

  /** The plain type description the query tree carries, computed once (on first use, when a foreign key's target is known). */
  get dataType(): DataType {
    return (this.cachedDataType ??= this.describeDataType());
  }

  /** The data type of this column type; a foreign key overrides it with its target's. */
  protected describeDataType(): DataType {
    const { length, precision, scale, element } = this.params;
    return { kind: this.kind as DataTypeKind, length, precision, scale, element: element?.dataType };
  }

  /** A bound value of this type (already checked), marked secret for a secret column so that error reports redact it. */
  valueNode(value: unknown): ValueNode {
    return { kind: "value", value, type: this.dataType, secret: this.secret };
  }

  /** The kind that decides how values are stored and read: serials are integers, emails text, keys take their target's. */
  get valueKind(): ColumnKind {
    return valueKind(this.dataType);
  }

  /** True for `secret` columns, which default selects, `toDict()` and error reports leave out. */
  get secret(): boolean {
    return this.options.secret ?? false;
  }

  /** True when the column accepts NULL. */
  get nullable(): boolean {
    return this.options.null ?? false;
  }

  /** True when the default is `now`, which the database schema holds too. */
  get defaultNow(): boolean {
    return (this.options.default as unknown) instanceof Now;
  }

  /** True when the autoUpdate is `now`. */
  get autoUpdateNow(): boolean {
    return (this.options.autoUpdate as unknown) instanceof Now;
  }

  /** The value an update writes when it does not set this column, or undefined when the column has no autoUpdate. */
  autoUpdateValue(): TValue | null | undefined {
    const a = this.options.autoUpdate as unknown;
    if (a === undefined) return undefined;
    if (a instanceof Now) return this.typeDefault();
    return typeof a === "function" ? (a as () => TValue | null)() : (a as TValue | null);
  }

  /** The value a new row gets when none is given. */
  defaultValue(): TValue | null {
    const d = this.options.default;
    if ((d as unknown) instanceof Now) return this.typeDefault();
    if (d !== undefined) return typeof d === "function" ? (d as () => TValue | null)() : d;
    return this.nullable ? null : this.typeDefault();
  }

  /**
   * The canonical value of a value bound for this column, or what is wrong with it (null on a
   * non-null column, a wrong type, out of range, not one of the choices); never throws.
   */
  validateValue(value: unknown): TValue | null | InvalidValue {
    if (value === null || value === undefined) {
      return this.nullable || this.kind === "serial" || this.kind === "bigserial" ? null : notNullable;
    }
    const result = this.coerce(value);
    if (result instanceof InvalidValue || !this.choiceValues || this.choiceValues.includes(result)) return result;
    return new InvalidValue(`one of ${this.choiceValues.map((c) => JSON.stringify(c)).join(", ")}`, "isIn");
  }

  /** Checks and normalises a value bound for this column; throws a ValidationError naming table and column. */
  check(value: unknown, table: string, column: string): TValue | null {
    const result = this.validateValue(value);
    if (result instanceof InvalidValue) throw invalidValue(table, column, value, result.expected, this.secret);
    return result;
  }

  /** Checks a value compared with this column (`eq`, `gt`, `isIn`, …); undefined is refused as a likely bug. */
  checkOperand(value: unknown, table: string, column: string): TValue {
    if (value === undefined || value === null) {
      throw invalidValue(table, column, value, "a value to compare with (use isNull() or eq(null) to match NULL)");
    }
    const result = this.coerceOperand(value);
    if (result instanceof InvalidValue) throw invalidValue(table, column, value, result.expected, this.secret);
    return result;
  }
}

/** Throws for any option not in `allowed`, naming the nearest valid option. */
export function checkOptions(typeName: string, options: object, allowed: readonly string[]): void {
  assertKnownOptions(typeName, options, allowed, "definition");
}
