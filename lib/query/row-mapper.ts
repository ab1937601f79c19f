import type { Decoder } from "../sql/dialects/dialect";
import { loading, markPersisted } from "../table/instance-state";

/** Turns a driver row (an array) into a result value. */
export type RowMapper<R> = (row: unknown[]) => R;

function valueCode(decoders: readonly (Decoder | undefined)[], i: number): string {
  return decoders[i] ? `d[${i}](r[${i}])` : `r[${i}]`;
}

/**
 * Compiles, once per query shape, a function that builds a plain object with fixed keys: V8 then
 * sees one object shape and the decoders are called without any per-row look-up.
 */
export function plainRowMapper<R>(keys: readonly string[], decoders: readonly (Decoder | undefined)[]): RowMapper<R> {
  const fields = keys.map((key, i) => `${JSON.stringify(key)}: ${valueCode(decoders, i)}`).join(", ");
  return new Function("d", `return function mapRow(r) { return { ${fields} }; };`)(decoders) as RowMapper<R>;
}

/** The same for table instances: `new Cls(loading)` skips defaults, then each property is set. */
export function instanceRowMapper<R>(cls: unknown, properties: readonly string[], decoders: readonly (Decoder | undefined)[]): RowMapper<R> {
  const assignments = properties.map((p, i) => `o[${JSON.stringify(p)}] = ${valueCode(decoders, i)};`).join(" ");
  const body = `return function mapInstance(r) { const o = new C(L); ${assignments} P(o); return o; };`;
  return new Function("d", "C", "L", "P", body)(decoders, cls, loading, markPersisted) as RowMapper<R>;
}
