import type { ColumnRefMembers } from "../query/column-ref";
import type { Condition, Expression, OrderItem } from "../query/expression";
import { describeTable, referencedTable } from "../table/describe";
import type { ColumnDescription, TableDescription } from "../table/description";
import { isGenerated } from "../validation/json-schema";
import { invalidCrudOption, unknownParameters } from "./errors";
import type { ResolvedOptions } from "./options";

/** A table class as the CRUD layer uses it: its public column accessor and queries. */
export type AnyTable = abstract new (...args: never[]) => unknown;

/** How deep field paths may follow foreign keys (`concert.band1.manager.name` is 3 hops). */
const MAX_HOPS = 3;

/** A field path resolved to its column reference and description. */
export interface ResolvedPath {
  readonly path: string;
  readonly ref: ColumnRefMembers<unknown>;
  readonly column: ColumnDescription;
}

/** What the CRUD layer knows of one table, built once from `describeTable()` and the options. */
export interface CrudModel {
  readonly table: AnyTable;
  readonly description: TableDescription;
  /** Non-secret columns: what responses hold and filters may name. */
  readonly visible: readonly ColumnDescription[];
  readonly writable: readonly ColumnDescription[];
  readonly primaryKey: readonly ColumnDescription[];
  /** Foreign keys with the path (in the referenced table) their readable value comes from. */
  readonly readable: ReadonlyMap<string, string | undefined>;
  /** A field path (`name`, `manager.name`) as a column reference; secret columns are unknown. */
  resolve(path: string, what: string): ResolvedPath;
}

/** A row of a table known only at run time: its values by property. */
export type CrudRow = Record<string, unknown>;

/** A select of a table known only at run time, as the CRUD layer chains it. */
export interface CrudSelect extends PromiseLike<CrudRow[]> {
  where(condition: Condition): CrudSelect;
  orderBy(...items: (Expression<unknown> | OrderItem)[]): CrudSelect;
  limit(n: number): CrudSelect;
  offset(n: number): CrudSelect;
  first(): PromiseLike<CrudRow | null>;
}

/** A count, optionally filtered. */
export interface CrudCount extends PromiseLike<number> {
  where(condition: Condition): PromiseLike<number>;
}

/** An insert, update or delete whose changed rows come back through `returning()`. */
export interface CrudWrite {
  where(condition: Condition): CrudWrite;
  returning(...columns: ColumnRefMembers<unknown>[]): PromiseLike<CrudRow[]>;
}

/** A table's public statics as the CRUD layer calls them, for a table known only at run time. */
export interface TableStatics {
  readonly c: Record<string, ColumnRefMembers<unknown>>;
  select(...columns: unknown[]): CrudSelect;
  count(): CrudCount;
  insert(...rows: object[]): CrudWrite;
  update(values: Record<string, unknown>): CrudWrite;
  delete(): CrudWrite;
}

/** The statics of a table class (`Band.c`, `Band.select`), reached through their public names. */
export function staticsOf(table: AnyTable): TableStatics {
  return table as unknown as TableStatics;
}

/** The column accessor of a table class (`Band.c`). */
export function columnsOf(table: AnyTable): Record<string, ColumnRefMembers<unknown>> {
  return staticsOf(table).c;
}

/** Builds the model, checking the options that name columns. */
export function buildModel(table: AnyTable, options: ResolvedOptions): CrudModel {
  const description = describeTable(table);
  const visible = description.columns.filter((c) => !c.secret);
  const byName = new Map(description.columns.map((c) => [c.property, c]));
  const writable = options.writable
    ? options.writable.map((name) => {
        const column = byName.get(name);
        if (column === undefined) throw invalidCrudOption(description.className, "writable", `no column "${name}"`);
        return column;
      })
    : visible.filter((c) => !isGenerated(c));
  const resolve = (path: string, what: string) => resolvePath(table, path, what);
  const readable = new Map<string, string | undefined>();
  for (const column of visible.filter((c) => c.references !== null)) {
    const target = referencedTable(table, column.property)!;
    const declared = options.readable[column.property] ?? (target as { readable?: unknown }).readable;
    if (declared !== undefined && typeof declared !== "string")
      throw invalidCrudOption(description.className, "readable", `${column.property} needs a column path string`);
    readable.set(column.property, declared);
  }
  for (const [key, path] of Object.entries(options.readable)) {
    if (!readable.has(key)) throw invalidCrudOption(description.className, "readable", `"${key}" is not a foreign key`);
    try {
      resolve(`${key}.${path}`, "readable column");
    } catch {
      throw invalidCrudOption(description.className, "readable", `"${key}.${path}" is not a visible column`);
    }
  }
  return {
    table,
    description,
    visible,
    writable,
    primaryKey: description.primaryKey.map((name) => byName.get(name)!),
    readable,
    resolve,
  };
}

/** Follows a dotted path through foreign keys; a secret or missing column is an unknown parameter. */
export function resolvePath(table: AnyTable, path: string, what: string): ResolvedPath {
  const parts = path.split(".");
  if (parts.length > MAX_HOPS + 1) throw unknownParameters(what, [path], []);
  let current: AnyTable = table;
  let ref: ColumnRefMembers<unknown> | undefined;
  let column: ColumnDescription | undefined;
  for (const [i, part] of parts.entries()) {
    const description = describeTable(current);
    const visible = description.columns.filter((c) => !c.secret);
    column = visible.find((c) => c.property === part);
    if (column === undefined)
      throw unknownParameters(
        what,
        [path],
        visible.map((c) => [...parts.slice(0, i), c.property].join(".")),
      );
    ref = i === 0 ? columnsOf(current)[part] : (ref as unknown as Record<string, ColumnRefMembers<unknown>>)[part];
    if (i < parts.length - 1) {
      const next = column.references === null ? undefined : referencedTable(current, part);
      if (next === undefined) throw unknownParameters(what, [path], []);
      current = next;
    }
  }
  return { path, ref: ref!, column: column! };
}
