import { badParameter, unknownParameters } from "./errors";

/** The filter operators, written after the field and two underscores: `popularity__gte=10`. */
export const operators = ["eq", "ne", "gt", "gte", "lt", "lte", "contains", "ilike", "in", "isNull"] as const;
export type Operator = (typeof operators)[number];

/** The parameters that are not filters. */
export const listParameters = ["__order", "__page", "__pageSize", "__cursor", "__fields", "__readable"] as const;

/** One filter of the query string: the field path, the operator and its raw values. */
export interface FilterParam {
  /** The parameter as written (`popularity__gte`), for messages. */
  readonly parameter: string;
  readonly path: string;
  readonly op: Operator;
  /** One value, or several for `in` (comma-separated, or the parameter repeated). */
  readonly values: readonly string[];
}

/** One ordering field: `-popularity` is descending. */
export interface OrderParam {
  readonly path: string;
  readonly desc: boolean;
}

/** A list request's query string, parsed but not yet checked against the table. */
export interface ListParams {
  readonly filters: readonly FilterParam[];
  readonly order: readonly OrderParam[];
  readonly page: number;
  readonly pageSize: number;
  /** undefined: page numbers; "": the first page of a cursor walk; else the cursor to continue from. */
  readonly cursor: string | undefined;
  readonly fields: readonly string[] | undefined;
  readonly readable: boolean;
}

/** Filters only (for /count, /ids and bulk delete); every other parameter is unknown there. */
export function parseFilters(search: URLSearchParams, allowed: readonly string[] = []): FilterParam[] {
  const filters: FilterParam[] = [];
  const unknown: string[] = [];
  for (const key of new Set(search.keys())) {
    if (allowed.includes(key)) continue;
    const values = search.getAll(key);
    const split = key.lastIndexOf("__");
    if (key.startsWith("__")) unknown.push(key);
    else if (split <= 0) filters.push({ parameter: key, path: key, op: "eq", values: [values.at(-1)!] });
    else {
      const op = key.slice(split + 2) as Operator;
      if (!operators.includes(op)) unknown.push(key);
      else filters.push({ parameter: key, path: key.slice(0, split), op, values: filterValues(op, values) });
    }
  }
  if (unknown.length > 0)
    throw unknownParameters("parameter or operator", unknown, [...allowed, ...operators.map((o) => `<field>__${o}`)]);
  return filters;
}

function filterValues(op: Operator, values: string[]): string[] {
  if (op !== "in") return [values.at(-1)!];
  return values.length === 1 ? values[0]!.split(",").filter((v) => v !== "") : values;
}

/** Parses a list request's parameters; `pageSize` and its maximum come from the options. */
export function parseListParams(search: URLSearchParams, pageSize: number, maxPageSize: number): ListParams {
  const filters = parseFilters(search, listParameters);
  const order = list(search.get("__order")).map((item) =>
    item.startsWith("-") ? { path: item.slice(1), desc: true } : { path: item.replace(/^\+/, ""), desc: false },
  );
  const size = search.has("__pageSize") ? whole(search.get("__pageSize")!, "__pageSize", 1) : pageSize;
  if (size > maxPageSize) throw badParameter("__pageSize", `the largest page size is ${maxPageSize}`);
  const cursor = search.get("__cursor") ?? undefined;
  const page = search.has("__page") ? whole(search.get("__page")!, "__page", 1) : 1;
  if (cursor !== undefined && search.has("__page"))
    throw badParameter("__page", "use either __page or __cursor, not both");
  const readable = search.get("__readable");
  if (readable !== null && !["true", "false"].includes(readable)) throw badParameter("__readable", "use true or false");
  return {
    filters,
    order,
    page,
    pageSize: size,
    cursor,
    fields: search.has("__fields") ? list(search.get("__fields")) : undefined,
    readable: readable === "true",
  };
}

function list(text: string | null): string[] {
  return (text ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "");
}

function whole(text: string, parameter: string, min: number): number {
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < min || !Number.isSafeInteger(n))
    throw badParameter(parameter, `"${text}" is not a whole number of ${min} or more`);
  return n;
}
