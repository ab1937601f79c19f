import { crud, type CrudHandler, type TableLike } from "../crud";
import { describeTable, or, type Condition } from "../index";
import { labelPathOf, type AnyTableStatics } from "./model";
import type { PickerOption } from "./pages/form";
import { isTextColumn } from "./values";

/** Options a picker shows at most (the rest is found by typing). */
export const PICKER_LIMIT = 20;

const resolvers = new WeakMap<object, CrudHandler>();

/** A table's column path resolver (through foreign keys), made once per table. */
function resolverOf(table: TableLike): CrudHandler {
  let handler = resolvers.get(table);
  if (handler === undefined) {
    handler = crud(table, { prefix: `/${describeTable(table).tableName}` });
    resolvers.set(table, handler);
  }
  return handler;
}

/** The key and label references of a table's rows as pickers show them. */
function refs(table: TableLike) {
  const statics = table as unknown as AnyTableStatics;
  const description = describeTable(table);
  const keyProperty = description.primaryKey[0]!;
  const labelPath = labelPathOf(table);
  const label = resolverOf(table).model.resolve(labelPath, "field");
  return {
    statics,
    key: statics.c[keyProperty],
    keyColumn: description.columns.find((c) => c.property === keyProperty)!,
    label,
  };
}

/** The rows of a table whose label contains `search` (or whose key is it), ordered by label, as options. */
export async function searchOptions(table: TableLike, search: string): Promise<PickerOption[]> {
  const { statics, key, keyColumn, label } = refs(table);
  let query = statics
    .select(key.as("value"), label.ref.as("label"))
    .orderBy(label.ref.asc(), key.asc())
    .limit(PICKER_LIMIT);
  const text = search.trim();
  if (text !== "") {
    const conditions: Condition<unknown>[] = [];
    if (isTextColumn(label.column))
      conditions.push(
        (label.ref as unknown as AnyTableStatics["c"][string]).ilike(`%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`),
      );
    const numeric = ["integer", "smallint", "serial", "bigint", "bigserial"].includes(keyColumn.dataType.kind);
    if (!numeric || /^\d+$/.test(text)) conditions.push(key.eq(numeric ? Number(text) : text));
    query = query.where(
      conditions.length === 1 ? conditions[0] : or(...(conditions as [Condition<unknown>, Condition<unknown>])),
    );
  }
  return toOptions((await query) as { value: unknown; label: unknown }[]);
}

/** The options of the given keys (the values a form holds already). */
export async function chosenOptions(table: TableLike, keys: readonly unknown[]): Promise<PickerOption[]> {
  if (keys.length === 0) return [];
  const { statics, key, label } = refs(table);
  const rows = await statics.select(key.as("value"), label.ref.as("label")).where(key.isIn(keys));
  return toOptions(rows as { value: unknown; label: unknown }[]);
}

function toOptions(rows: readonly { value: unknown; label: unknown }[]): PickerOption[] {
  return rows.map((row) => ({
    value: String(row.value),
    label: row.label === null ? `#${String(row.value)}` : String(row.label),
  }));
}

/** The first options of a picker and the chosen ones, without repeats. */
export async function initialOptions(table: TableLike, chosen: readonly unknown[]): Promise<PickerOption[]> {
  const [picked, first] = await Promise.all([chosenOptions(table, chosen), searchOptions(table, "")]);
  const seen = new Set(picked.map((o) => o.value));
  return [...picked, ...first.filter((o) => !seen.has(o.value))];
}
