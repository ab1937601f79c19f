import type { Condition } from "../query/expression";
import { and } from "../query/expression";
import type { Scalar } from "../query/scalar";
import { CrudError, badParameter, unknownParameters } from "./errors";
import type { CrudModel, ResolvedPath } from "./model";
import type { FilterParam } from "./query-string";
import { isOrdered, isText, parseQueryValue } from "./values";

type AnyCondition = Condition<unknown>;
type TextScalar = Scalar<string | null, string, unknown>;

/** The filters as one condition (undefined when there are none); every unknown field is named at once. */
export function filterCondition(model: CrudModel, filters: readonly FilterParam[]): AnyCondition | undefined {
  const unknown: string[] = [];
  const conditions: AnyCondition[] = [];
  for (const filter of filters) {
    let resolved: ResolvedPath;
    try {
      resolved = model.resolve(filter.path, "filter");
    } catch (error) {
      if (!(error instanceof CrudError)) throw error;
      unknown.push(filter.parameter);
      continue;
    }
    conditions.push(condition(resolved, filter));
  }
  if (unknown.length > 0)
    throw unknownParameters(
      "filter",
      unknown,
      model.visible.map((c) => c.property),
    );
  if (conditions.length === 0) return undefined;
  const [first, ...rest] = conditions as [AnyCondition, ...AnyCondition[]];
  return rest.length === 0 ? first : and(first, ...rest);
}

/** One filter's condition; an operator the column's type lacks is a 400. */
function condition({ ref, column }: ResolvedPath, filter: FilterParam): AnyCondition {
  const { op, parameter } = filter;
  const type = column.dataType;
  const value = () => parseQueryValue(filter.values[0] ?? "", type, parameter);
  const notFor = () => badParameter(parameter, `${op} does not apply to ${type.kind} columns`);
  switch (op) {
    case "eq":
      return ref.eq(value());
    case "ne":
      return ref.ne(value());
    case "gt":
    case "gte":
    case "lt":
    case "lte":
      if (!isOrdered(type)) throw notFor();
      return ref[op](value() as never);
    case "contains":
      if (!isText(type)) throw notFor();
      return (ref as unknown as TextScalar).ilike(`%${escapeLike(filter.values[0] ?? "")}%`);
    case "ilike":
      if (!isText(type)) throw notFor();
      return (ref as unknown as TextScalar).ilike(filter.values[0] ?? "");
    case "in":
      if (filter.values.length === 0) throw badParameter(parameter, "give at least one value (comma-separated)");
      return ref.isIn(filter.values.map((v) => parseQueryValue(v, type, parameter)) as never[]);
    case "isNull": {
      const wanted = filter.values[0];
      if (wanted !== "true" && wanted !== "false") throw badParameter(parameter, "use true or false");
      return wanted === "true" ? ref.isNull() : ref.isNotNull();
    }
  }
}

/** Escapes the wildcards of a LIKE pattern, so that `contains` matches the text as given. */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
