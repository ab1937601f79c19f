import type { TableMeta } from "../table/metadata";

/** The `autoUpdate` values of the columns an update does not set itself, by property name. */
export function autoUpdates(meta: TableMeta, set: ReadonlySet<string>): [string, unknown][] {
  const out: [string, unknown][] = [];
  for (const column of meta.columns) {
    if (set.has(column.property)) continue;
    const value = column.type.autoUpdateValue();
    if (value !== undefined) out.push([column.property, value]);
  }
  return out;
}
