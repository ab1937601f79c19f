/**
 * What the database's own catalogue says about a table's indexes and constraints, in one shape for
 * both engines: PostgreSQL's pg_indexes and pg_constraint; SQLite's sqlite_master, PRAGMA
 * index_list and index_info. Tests compare it after createTable, migrations and rebuilds.
 */
import type { EngineContext } from "./engines";

/** One index as the catalogue lists it (constraint-backing indexes left out). */
export interface CatalogueIndex {
  readonly name: string;
  readonly columns: string[];
  readonly unique: boolean;
  readonly partial: boolean;
  /** The access method: PostgreSQL's, or "btree" on SQLite. */
  readonly method: string;
}

/** A table's indexes, unique constraints (as column lists) and check constraint names, sorted. */
export interface Catalogue {
  readonly indexes: CatalogueIndex[];
  readonly unique: string[][];
  readonly checks: string[];
  /** Triggers by name. */
  readonly triggers: string[];
}

const byName = <T extends { name: string }>(a: T, b: T) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
const byColumns = (a: string[], b: string[]) => (a.join() < b.join() ? -1 : a.join() > b.join() ? 1 : 0);

/** The catalogue entry of a table. */
export async function catalogue(ctx: EngineContext, table: string): Promise<Catalogue> {
  const db = ctx.engine;
  if (ctx.family === "postgres") {
    const constraints = await db.rawQuery(
      "SELECT conname, contype, ARRAY(SELECT a.attname::text FROM unnest(c.conkey) WITH ORDINALITY k(n, i) JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n ORDER BY k.i) AS cols " +
        "FROM pg_constraint c WHERE conrelid = CAST({} AS regclass) ORDER BY conname",
      [table],
    );
    const backing = new Set(
      constraints.filter((c) => c.contype === "u" || c.contype === "p").map((c) => c.conname as string),
    );
    const rows = await db.rawQuery(
      "SELECT i.relname AS name, ix.indisunique AS uniq, ix.indpred IS NOT NULL AS partial, am.amname AS method, " +
        "ARRAY(SELECT a.attname::text FROM unnest(ix.indkey) WITH ORDINALITY k(n, o) JOIN pg_attribute a ON a.attrelid = ix.indrelid AND a.attnum = k.n ORDER BY k.o) AS cols " +
        "FROM pg_index ix JOIN pg_class i ON i.oid = ix.indexrelid JOIN pg_am am ON am.oid = i.relam WHERE ix.indrelid = CAST({} AS regclass)",
      [table],
    );
    const triggers = await db.rawQuery(
      "SELECT tgname FROM pg_trigger WHERE tgrelid = CAST({} AS regclass) AND NOT tgisinternal ORDER BY tgname",
      [table],
    );
    return {
      indexes: rows
        .filter((r) => !backing.has(r.name as string))
        .map((r) => ({
          name: r.name as string,
          columns: r.cols as string[],
          unique: r.uniq as boolean,
          partial: r.partial as boolean,
          method: r.method as string,
        }))
        .sort(byName),
      unique: constraints
        .filter((c) => c.contype === "u")
        .map((c) => c.cols as string[])
        .sort(byColumns),
      checks: constraints.filter((c) => c.contype === "c").map((c) => c.conname as string),
      triggers: triggers.map((t) => t.tgname as string),
    };
  }
  const list = await db.rawQuery(`PRAGMA index_list("${table}")`);
  const indexes: CatalogueIndex[] = [];
  const unique: string[][] = [];
  for (const row of list) {
    const info = await db.rawQuery(`PRAGMA index_info("${row.name as string}")`);
    const columns = info.sort((a, b) => (a.seqno as number) - (b.seqno as number)).map((i) => i.name as string);
    if (row.origin === "u") unique.push(columns);
    else if (row.origin === "c")
      indexes.push({
        name: row.name as string,
        columns,
        unique: row.unique === 1,
        partial: row.partial === 1,
        method: "btree",
      });
  }
  const sql =
    ((await db.rawQuery("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = {}", [table]))[0]?.sql as
      string | undefined) ?? "";
  const checks = [...sql.matchAll(/CONSTRAINT "([^"]+)" CHECK/g)].map((m) => m[1]!).sort();
  const triggers = await db.rawQuery(
    "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = {} ORDER BY name",
    [table],
  );
  return {
    indexes: indexes.sort(byName),
    unique: unique.sort(byColumns),
    checks,
    triggers: triggers.map((t) => t.name as string),
  };
}

/** A column as the catalogue holds it: nullability, default text and type, the same way on both engines. */
export interface CatalogueColumn {
  name: string;
  nullable: boolean;
  /** The default's text as stored (PostgreSQL keeps casts such as `'x'::text`). */
  default: string | null;
  /** Upper case, with PostgreSQL's character length: `CHARACTER VARYING(50)`, SQLite's `VARCHAR(50)`. */
  type: string;
}

/** A table's columns in table order: information_schema on PostgreSQL, pragma_table_info on SQLite. */
export async function catalogueColumns(ctx: EngineContext, table: string): Promise<CatalogueColumn[]> {
  if (ctx.family === "postgres") {
    const rows = await ctx.engine.rawQuery(
      `SELECT column_name AS name, is_nullable AS nullable, column_default AS "default",
         upper(data_type) || coalesce('(' || character_maximum_length || ')', '') AS type
       FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = {}
       ORDER BY ordinal_position`,
      [table],
    );
    return rows.map((r) => ({
      name: String(r.name),
      nullable: r.nullable === "YES",
      default: r.default === null ? null : String(r.default),
      type: String(r.type),
    }));
  }
  const rows = await ctx.engine.rawQuery(
    'SELECT name, "notnull", dflt_value AS "default", type FROM pragma_table_info({}) ORDER BY cid',
    [table],
  );
  return rows.map((r) => ({
    name: String(r.name),
    nullable: Number(r.notnull) === 0,
    default: r.default === null ? null : String(r.default),
    type: String(r.type).toUpperCase(),
  }));
}
