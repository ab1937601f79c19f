import { paramNeedsName, paramNotBound } from "../errors/factories";
import { NamedParam, type CompiledQuery } from "../sql/compiler/compiled-query";
import type { Dialect } from "../sql/dialects/dialect";
import { Expression } from "./expression";

/**
 * A value given later: freeze a query once, then run it with new values through `bind()`.
 * @example const byName = Band.select().where(Band.c.name.eq(Param("name"))).freeze();
 *          await byName.bind({ name: "Pythonistas" });
 */
export function Param<V = any>(name: string): Expression<V, any> {
  if (typeof name !== "string" || name === "") throw paramNeedsName();
  return new Expression<V, any>({ kind: "param", name }, [], undefined);
}

/** The compiled query with its named parameters replaced by the bound values. */
export function bindParams(
  compiled: CompiledQuery,
  values: Readonly<Record<string, unknown>> | undefined,
  dialect: Dialect,
): CompiledQuery {
  if (!compiled.params.some((p) => p instanceof NamedParam)) return compiled;
  const params = compiled.params.map((p) => {
    if (!(p instanceof NamedParam)) return p;
    if (values === undefined || !(p.name in values)) throw paramNotBound(p.name);
    return p.encode ? p.encode(values[p.name]) : dialect.compiler.encode(undefined, values[p.name]);
  });
  return { ...compiled, params };
}
