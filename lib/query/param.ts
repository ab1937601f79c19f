import { paramNeedsName, paramNotBound, paramUnknown } from "../errors/factories";
import { NamedParam, type CompiledQuery } from "../sql/compiler/compiled-query";
import type { Dialect } from "../sql/dialects/dialect";
import { FreeExpression, type BoundParams, type IntersectionOf } from "./expression";

/**
 * A named parameter: its value is given later by `bind()`. `TValue` is the type of the value to bind,
 * `TName` the parameter's name.
 */
export class ParamRef<TValue, TName extends string = string> extends FreeExpression<TValue> {
  declare readonly $paramName: TName;
}

/**
 * A value given later: freeze a query once, then run it with new values through `bind()`.
 * Used in place, a parameter takes the type of what it is compared with; declared apart, give its type
 * and name (`Param<number, "minPop">("minPop")`), and pass it to `freeze()` so `bind()` checks names
 * and value types.
 * @example const byName = Band.select().where(Band.c.name.eq(Param("name"))).freeze();
 *          await byName.bind({ name: "Pythonistas" });
 */
export function Param<TValue, TName extends string = string>(name: TName): ParamRef<TValue, TName> {
  if (typeof name !== "string" || name === "") throw paramNeedsName();
  return new ParamRef<TValue, TName>({ kind: "param", name }, [], undefined);
}

/** The values `bind()` takes for the declared parameters: each name with its value's type. */
export type ParamValues<TParams extends readonly ParamRef<unknown>[]> = {
  readonly [TParam in TParams[number] as TParam["$paramName"]]: TParam["$type"];
};

/**
 * The values `bind()` takes for the `Param()`s among an update's values, given as they are or in arithmetic
 * (`Band.c.popularity.plus(Param("by"))`); `unknown` when there are none.
 */
export type ValuesParams<TValues> = IntersectionOf<
  {
    [TKey in keyof TValues]: TValues[TKey] extends ParamRef<infer TValue, infer TName>
      ? ParamRecord<TName, TValue>
      : TValues[TKey] extends BoundParams<infer TBound>
        ? unknown extends TBound
          ? never
          : TBound
        : never;
  }[keyof TValues]
>;

/** One parameter's value under its name. */
type ParamRecord<TName extends string, TValue> = { readonly [TKey in TName]: TValue };

/** The compiled query with its named parameters replaced by the bound values. */
export function bindParams(
  compiled: CompiledQuery,
  values: Readonly<Record<string, unknown>> | undefined,
  dialect: Dialect,
): CompiledQuery {
  const names = new Set<string>();
  for (const p of compiled.params) if (p instanceof NamedParam) names.add(p.name);
  if (names.size === 0 && values === undefined) return compiled;
  // A bound name the query does not use is a typo or a stale call: refuse it rather than ignore it.
  const unknown = Object.keys(values ?? {}).find((name) => !names.has(name));
  if (unknown !== undefined) throw paramUnknown(unknown, [...names]);
  if (names.size === 0) return compiled;
  const params = compiled.params.map((p) => {
    if (!(p instanceof NamedParam)) return p;
    if (values === undefined || !(p.name in values)) throw paramNotBound(p.name);
    return p.encode ? p.encode(values[p.name]) : dialect.compiler.encode(undefined, values[p.name]);
  });
  return { ...compiled, params };
}
