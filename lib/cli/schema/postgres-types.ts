import type { SchemaColumnKind } from "../../migrations/schema";
import { constant } from "./constant-default";
import { nowKinds, type ModelledDefault, type ModelledType } from "./model";

// How PostgreSQL's format_type() spellings map to piccolo's column kinds.
const simpleTypes: Readonly<Record<string, SchemaColumnKind>> = {
  integer: "integer",
  bigint: "bigint",
  smallint: "smallint",
  text: "text",
  boolean: "boolean",
  real: "real",
  "double precision": "double",
  numeric: "numeric",
  date: "date",
  "timestamp without time zone": "timestamp",
  "timestamp with time zone": "timestamptz",
  "time without time zone": "time",
  interval: "interval",
  uuid: "uuid",
  json: "json",
  jsonb: "jsonb",
  bytea: "bytea",
};

/** A format_type() spelling as piccolo models it, with what was lost; undefined when there is no such type. */
export function postgresType(spelling: string): { type: ModelledType; lost?: string } | undefined {
  const array = /^(.*?)((?:\[\])+)$/.exec(spelling);
  if (array) {
    const element = scalarType(array[1]!);
    if (element === undefined || element.type.type === "json" || element.type.type === "jsonb") return undefined;
    if (element.type.type === "bytea") return undefined;
    const lost = [element.lost, array[2]!.length > 2 ? "more than one dimension" : undefined].filter(Boolean);
    return {
      type: { type: "array", element: { ...element.type, null: true } },
      ...(lost.length > 0 ? { lost: lost.join(", ") } : {}),
    };
  }
  return scalarType(spelling);
}

function scalarType(spelling: string): { type: ModelledType; lost?: string } | undefined {
  let m = /^character varying\((\d+)\)$/.exec(spelling);
  if (m) return { type: { type: "varchar", length: Number(m[1]) } };
  if (spelling === "character varying")
    return { type: { type: "text" }, lost: "varchar without a length becomes Text" };
  m = /^character\((\d+)\)$/.exec(spelling);
  if (m) return { type: { type: "char", length: Number(m[1]) } };
  m = /^numeric\((\d+),(\d+)\)$/.exec(spelling);
  if (m) return { type: { type: "numeric", precision: Number(m[1]), scale: Number(m[2]) } };
  m = /^(timestamp|time)\(\d\) (with(?:out)? time zone)$/.exec(spelling);
  if (m) {
    const plain = scalarType(`${m[1]} ${m[2]}`);
    return plain && { type: plain.type, lost: "its fractional-second precision" };
  }
  if (/^interval\b./.test(spelling)) return { type: { type: "interval" }, lost: "its interval fields or precision" };
  const kind = simpleTypes[spelling];
  return kind === undefined ? undefined : { type: { type: kind } };
}

// The current date/time, also as piccolo writes it for zone-less columns: taken in UTC, then cast
// (`((CURRENT_TIMESTAMP AT TIME ZONE 'UTC'::text))::date`, `date_trunc('second'::text, …)::time`).
const nowExpression = new RegExp(
  "^\\(*(now\\(\\)|CURRENT_TIMESTAMP|CURRENT_DATE|CURRENT_TIME|LOCALTIMESTAMP|LOCALTIME|" +
    "statement_timestamp\\(\\)|transaction_timestamp\\(\\)|date_trunc\\('second'::text, \\(?CURRENT_TIMESTAMP)",
  "i",
);

/** A column default as pg_get_expr() prints it, as piccolo models it; undefined when it cannot. */
export function postgresDefault(expression: string | null, type: ModelledType): ModelledDefault | undefined {
  if (expression === null || /^NULL(::.*)?$/i.test(expression)) return {};
  const text = expression.replace(/^\((.*)\)$/s, "$1");
  if (nowExpression.test(text)) return nowKinds.includes(type.type) ? { defaultNow: true } : undefined;
  const literal = /^'((?:[^']|'')*)'(?:::[\w ."[\]()]+)?$/s.exec(text);
  const number = /^\(?(-?\d+(?:\.\d+)?)\)?(?:::[\w ]+)?$/.exec(text);
  const raw = literal ? literal[1]!.replace(/''/g, "'") : number ? number[1]! : undefined;
  if (/^(true|false)$/.test(text)) return type.type === "boolean" ? { default: text === "true" } : undefined;
  if (raw === undefined) return undefined;
  return constant(raw, type);
}
