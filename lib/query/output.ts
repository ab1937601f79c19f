import { asListColumnCount, assertKnownOptions, conflictingOptions } from "../errors/factories";

/** Options of `select().output(...)`. */
export interface OutputOptions {
  /** One JSON string of the whole result. */
  asJson?: boolean;
  /** For a single-column select: the values themselves, not objects. */
  asList?: boolean;
  /** `{ "manager.name": x }` becomes `{ manager: { name: x } }`. */
  nested?: boolean;
  /** JSON columns are parsed (the default); false returns them as JSON text. */
  loadJson?: boolean;
}

const optionNames = ["asJson", "asList", "nested", "loadJson"];

/** Dotted keys as nested objects, at the type level. */
export type Nested<TRow> = {
  [K in keyof TRow as K extends `${infer Head}.${string}` ? Head : K]: K extends `${infer Head}.${string}`
    ? Nested<{ [P in keyof TRow as P extends `${Head}.${infer Rest}` ? Rest : never]: TRow[P] }>
    : TRow[K];
};

/** One row of the result after `output(options)`: a value for `asList`, nested objects for `nested`. */
export type OutputRow<TRow, TOptions extends OutputOptions> = TOptions["asList"] extends true
  ? TRow[keyof TRow]
  : TOptions["nested"] extends true
    ? Nested<TRow>
    : TRow;

/** True when the row R has exactly one key. */
type OneKey<TRow> = { [K in keyof TRow]-?: [Exclude<keyof TRow, K>] extends [never] ? true : false }[keyof TRow];

/** `output(options)`'s check that `asList` comes with a single-column select. */
export type AsListCheck<TRow, TOptions extends OutputOptions> = TOptions["asList"] extends true
  ? OneKey<TRow> extends true
    ? unknown
    : { readonly "asList needs a select of exactly one column": never }
  : unknown;

/** The result of `first()`: one row of a list result, or null. */
export type FirstOf<Out> = Out extends readonly (infer E)[] ? E | null : Out;

/** The result type after `output(options)`, given the row type and the current result type. */
export type OutputOf<TRow, Out, TOptions extends OutputOptions> = TOptions["asJson"] extends true
  ? string
  : Out extends readonly unknown[]
    ? OutputRow<TRow, TOptions>[]
    : OutputRow<TRow, TOptions> | null;

/** Checks output options against the selection. */
export function checkOutput(options: OutputOptions, selected: number): OutputOptions {
  assertKnownOptions("output()", options, optionNames);
  if (options.asList && selected !== 1) throw asListColumnCount(selected);
  if (options.asList && options.nested) throw conflictingOptions("output", "asList", "nested");
  return options;
}

/** Builds the function that turns one mapped row into its output form. */
export function rowTransform(
  options: OutputOptions,
  keys: readonly string[],
): ((row: Record<string, unknown>) => unknown) | undefined {
  if (options.asList) {
    const key = keys[0]!;
    return (row) => row[key];
  }
  if (options.nested && keys.some((k) => k.includes("."))) {
    const paths = keys.map((k) => k.split("."));
    return (row) => {
      const out: Record<string, unknown> = {};
      paths.forEach((path, i) => {
        let target = out;
        for (const part of path.slice(0, -1)) target = (target[part] ??= {}) as Record<string, unknown>;
        target[path[path.length - 1]!] = row[keys[i]!];
      });
      return out;
    };
  }
  return undefined;
}
