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
export type Nested<R> = {
  [K in keyof R as K extends `${infer Head}.${string}` ? Head : K]: K extends `${infer Head}.${string}`
    ? Nested<{ [P in keyof R as P extends `${Head}.${infer Rest}` ? Rest : never]: R[P] }>
    : R[K];
};

/** One row of the result after `output(options)`: a value for `asList`, nested objects for `nested`. */
export type OutputRow<R, O extends OutputOptions> = O["asList"] extends true
  ? R[keyof R]
  : O["nested"] extends true
    ? Nested<R>
    : R;

/** True when the row R has exactly one key. */
type OneKey<R> = { [K in keyof R]-?: [Exclude<keyof R, K>] extends [never] ? true : false }[keyof R];

/** `output(options)`'s check that `asList` comes with a single-column select. */
export type AsListCheck<R, O extends OutputOptions> = O["asList"] extends true
  ? OneKey<R> extends true
    ? unknown
    : { readonly "asList needs a select of exactly one column": never }
  : unknown;

/** The result of `first()`: one row of a list result, or null. */
export type FirstOf<Out> = Out extends readonly (infer E)[] ? E | null : Out;

/** The result type after `output(options)`, given the row type and the current result type. */
export type OutputOf<R, Out, O extends OutputOptions> = O["asJson"] extends true
  ? string
  : Out extends readonly unknown[]
    ? OutputRow<R, O>[]
    : OutputRow<R, O> | null;

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
