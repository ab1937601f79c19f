import { crud, type CrudHandler, type TableLike } from "../crud";
import { describeTable, referencedTable, type ColumnDescription, type TableDescription } from "../index";
import { invalidAdminOption } from "./errors";

/** A table class as the admin calls it, its statics reached by name (tables are only known at run time). */
/* eslint-disable @typescript-eslint/no-explicit-any -- the builders are typed per table; here it is any table */
export interface AnyTableStatics {
  readonly c: Record<string, any>;
  readonly m2m: Record<string, any>;
  select(...columns: unknown[]): any;
  objects(): any;
  readonly readable?: unknown;
}
/* eslint-enable @typescript-eslint/no-explicit-any */

/** An M2M field the admin edits: the other table must be managed by the admin too. */
export interface AdminM2M {
  readonly field: string;
  readonly other: AdminTable;
}

/** What the admin knows of one managed table. */
export interface AdminTable {
  /** The URL segment: the table's name in the database. */
  readonly slug: string;
  readonly app: string;
  readonly table: TableLike;
  readonly statics: AnyTableStatics;
  readonly description: TableDescription;
  /** The CRUD handler the admin's writes go through (validation, conflicts, hooks). */
  readonly crud: CrudHandler;
  /** Non-secret columns: what list, form, CSV and JSON show. */
  readonly visible: readonly ColumnDescription[];
  /** The columns the form edits. */
  readonly form: readonly ColumnDescription[];
  /** The single primary key column (the admin manages tables with one). */
  readonly key: ColumnDescription;
  /** The column path that names a row of this table to people. */
  readonly labelPath: string;
  m2m: AdminM2M[];
}

/** The path of a table's readable column: its `static readable`, else its first text column, else its key. */
export function labelPathOf(table: abstract new (...args: never[]) => unknown): string {
  const declared = (table as unknown as AnyTableStatics).readable;
  if (typeof declared === "string") return declared;
  const description = describeTable(table);
  const text = description.columns.find(
    (c) => !c.secret && ["varchar", "text", "char", "email"].includes(c.dataType.kind),
  );
  return text?.property ?? description.primaryKey[0]!;
}

/** The referenced table of a foreign key column. */
export function targetOf(table: TableLike, property: string): TableLike {
  return referencedTable(table, property) as TableLike;
}

export function buildAdminTable(table: TableLike, app: string): AdminTable {
  const description = describeTable(table);
  if (description.primaryKey.length !== 1)
    throw invalidAdminOption("tables", `holds ${description.className}, whose primary key is composite`);
  const handler: CrudHandler = crud(table, { prefix: `/${description.tableName}`, maxPageSize: 1000 });
  const visible = description.columns.filter((c) => !c.secret);
  return {
    slug: description.tableName,
    app,
    table,
    statics: table as unknown as AnyTableStatics,
    description,
    crud: handler,
    visible,
    form: handler.model.writable,
    key: description.columns.find((c) => c.property === description.primaryKey[0])!,
    labelPath: labelPathOf(table),
    m2m: [],
  };
}

/** Every managed table by slug, with M2M fields linked to the managed tables they reach. */
export function buildTables(groups: ReadonlyMap<string, readonly TableLike[]>): Map<string, AdminTable> {
  const bySlug = new Map<string, AdminTable>();
  for (const [app, list] of groups)
    for (const table of list) {
      const admin = buildAdminTable(table, app);
      if (bySlug.has(admin.slug)) throw invalidAdminOption("tables", `names table "${admin.slug}" twice`);
      bySlug.set(admin.slug, admin);
    }
  for (const admin of bySlug.values())
    for (const m2m of admin.description.m2m) {
      const other = bySlug.get(m2m.otherTable.tableName);
      if (other !== undefined) admin.m2m.push({ field: m2m.field, other });
    }
  return bySlug;
}
