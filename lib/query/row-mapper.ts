import type { Decoder } from "../sql/dialects/dialect";
import { loading, markPersisted } from "../table/instance-state";

/** Turns a driver row (an array) into a result value. */
export type RowMapper<TRow> = (row: unknown[]) => TRow;

type Decoders = readonly (Decoder | undefined)[];

function valueCode(decoders: Decoders, i: number): string {
  return decoders[i] ? `d[${i}](r[${i}])` : `r[${i}]`;
}

// Mappers are compiled once per shape (keys and decoders) and reused by every query of that
// shape: compiling a function costs far more than running a query on SQLite.
const mappers = new Map<string, RowMapper<unknown>>();
const maxMappers = 2000;
const decoderIds = new WeakMap<Decoder, number>();
let nextDecoderId = 1;

function shapeKey(kind: string, names: readonly string[], decoders: Decoders, extra: string): string {
  const ids = decoders.map((d) => {
    if (d === undefined) return 0;
    let id = decoderIds.get(d);
    if (id === undefined) decoderIds.set(d, (id = nextDecoderId++));
    return id;
  });
  return `${kind}|${extra}|${JSON.stringify(names)}|${ids.join(",")}`;
}

function memo<TRow>(key: string, build: () => RowMapper<TRow>): RowMapper<TRow> {
  let mapper = mappers.get(key) as RowMapper<TRow> | undefined;
  if (mapper === undefined) {
    mapper = build();
    if (mappers.size >= maxMappers) mappers.delete(mappers.keys().next().value!);
    mappers.set(key, mapper);
  }
  return mapper;
}

/**
 * A function that builds a plain object with fixed keys: V8 then sees one object shape and the
 * decoders are called without any per-row look-up.
 */
export function plainRowMapper<TRow>(keys: readonly string[], decoders: Decoders): RowMapper<TRow> {
  return memo(shapeKey("plain", keys, decoders, ""), () => {
    const fields = keys.map((key, i) => `${JSON.stringify(key)}: ${valueCode(decoders, i)}`).join(", ");
    return new Function("d", `return function mapRow(r) { return { ${fields} }; };`)(decoders) as RowMapper<TRow>;
  });
}

const classIds = new WeakMap<object, number>();
let nextClassId = 1;

/** The same for table instances: `new Cls(loading)` skips defaults, then each property is set. */
export function instanceRowMapper<TRow>(
  cls: object,
  properties: readonly string[],
  decoders: Decoders,
): RowMapper<TRow> {
  let classId = classIds.get(cls);
  if (classId === undefined) classIds.set(cls, (classId = nextClassId++));
  return memo(shapeKey("instance", properties, decoders, String(classId)), () => {
    const assignments = properties.map((p, i) => `o[${JSON.stringify(p)}] = ${valueCode(decoders, i)};`).join(" ");
    const body = `return function mapInstance(r) { const o = new C(L); ${assignments} P(o); return o; };`;
    return new Function("d", "C", "L", "P", body)(decoders, cls, loading, markPersisted) as RowMapper<TRow>;
  });
}
