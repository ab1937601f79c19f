import type { DataType } from "../../ast/data-type";
import type { DatabaseErrorFields, DatabaseErrorKind } from "../../../errors/database-error";
import type { CompiledQuery } from "../../compiler/compiled-query";
import type { ClassifiedError, Decoder, Dialect } from "../dialect";
import { decoderFor } from "./codecs";
import { SQLiteCompiler } from "./compiler";

const constraintKinds: Array<[RegExp, DatabaseErrorKind]> = [
  [/UNIQUE constraint failed|PRIMARYKEY|CONSTRAINT_UNIQUE/, "unique"],
  [/FOREIGN KEY constraint failed|CONSTRAINT_FOREIGNKEY/, "foreignKey"],
  [/NOT NULL constraint failed|CONSTRAINT_NOTNULL/, "notNull"],
  [/CHECK constraint failed|CONSTRAINT_CHECK/, "check"],
  // The file (or its folder) cannot be opened: the database is unreachable, as a refused connection is on a server.
  [/SQLITE_CANTOPEN|unable to open database file|Cannot open database/, "connection"],
  // SQLITE_BUSY, SQLITE_BUSY_SNAPSHOT, …: another connection holds (or has used) the write lock.
  [/^SQLITE_BUSY|^SQLITE_LOCKED/, "locked"],
  [/^SQLITE_INTERRUPT/, "timeout"],
];

/** The SQLite dialect, shared by the better-sqlite3 and sqlite3 drivers. */
export class SQLiteDialect implements Dialect {
  readonly name = "sqlite" as const;
  readonly capabilities = {
    alterColumn: false,
    addConstrainedColumn: false,
    dropConstrainedColumn: false,
    foreignKeysPragma: true,
    advisoryLock: false,
    forwardReferences: true,
  };
  readonly compiler: SQLiteCompiler;

  /** `numericFunctions`: the connections have piccolo's exact Numeric functions (better-sqlite3 registers them). */
  constructor(options: { numericFunctions?: boolean } = {}) {
    this.compiler = new SQLiteCompiler(options.numericFunctions ?? true);
  }

  decoder(type: DataType): Decoder | undefined {
    return decoderFor(type);
  }

  classifyError(error: unknown): ClassifiedError {
    const e = error as { code?: string; message?: string };
    const message = e.message ?? "";
    const match = constraintKinds.find(([pattern]) => pattern.test(`${e.code ?? ""} ${message}`));
    const kind = match ? match[1] : "other";
    return { kind, fields: { code: e.code, detail: message, ...constraintFields(kind, message) } };
  }

  /**
   * Names the unique constraint that failed, which SQLite's message does not: a unique index made
   * by CREATE UNIQUE INDEX keeps its name; a UNIQUE or PRIMARY KEY constraint (an autoindex, or
   * the rowid itself) gets PostgreSQL's default name, `<table>_<columns>_key` or `<table>_pkey`.
   */
  async describeError(
    classified: ClassifiedError,
    query: (compiled: CompiledQuery) => Promise<Record<string, unknown>[]>,
  ): Promise<ClassifiedError> {
    const { table, columns, constraint } = classified.fields;
    if (classified.kind !== "unique" || table === undefined || columns === undefined || constraint !== undefined)
      return classified;
    const rows = await query({ sql: uniqueIndexesSql, params: [table, table, table] }).catch(() => undefined);
    if (rows === undefined) return classified;
    const indexes = new Map<string, { origin: string; columns: string[] }>();
    for (const row of rows) {
      const name = String(row.name);
      const index = indexes.get(name) ?? { origin: String(row.origin), columns: [] };
      index.columns.push(String(row.col));
      indexes.set(name, index);
    }
    const key = columns.join("\u0000");
    const found = [...indexes].find(([, index]) => index.columns.join("\u0000") === key);
    const name =
      found?.[1].origin === "pk"
        ? `${table}_pkey`
        : found?.[1].origin === "c"
          ? found[0]
          : `${table}_${columns.join("_")}_key`;
    return { kind: classified.kind, fields: { ...classified.fields, constraint: name } };
  }
}

// The unique indexes of a table with their columns in index order, and how each was made
// (origin "c": CREATE UNIQUE INDEX, "u": a UNIQUE constraint, "pk": a PRIMARY KEY).
const uniqueIndexesSql =
  "SELECT name, origin, col FROM (" +
  "SELECT il.name AS name, il.origin AS origin, ii.name AS col, il.seq AS s, ii.seqno AS n" +
  " FROM pragma_index_list(?) AS il, pragma_index_info(il.name) AS ii" +
  ' WHERE il."unique" = 1' +
  // An INTEGER PRIMARY KEY is the rowid itself and has no index: list its column as the key.
  " UNION ALL SELECT '', 'pk', ti.name, -1, 0 FROM pragma_table_info(?) AS ti WHERE ti.pk = 1 AND ti.type = 'INTEGER'" +
  " AND NOT EXISTS (SELECT 1 FROM pragma_index_list(?) WHERE origin = 'pk')) ORDER BY s, n";

/**
 * What SQLite's message says: "UNIQUE constraint failed: t.a, t.b", "NOT NULL constraint failed:
 * t.a", "UNIQUE constraint failed: index 'name'" (an index on expressions), "CHECK constraint
 * failed: name". A foreign key failure names nothing. Table names are split at their first dot.
 */
function constraintFields(kind: DatabaseErrorKind, message: string): DatabaseErrorFields {
  const failed = /constraint failed: (.*)$/s.exec(message)?.[1];
  if (failed === undefined) return {};
  if (kind === "check") return /^[\w$]+$/.test(failed) ? { constraint: failed } : {};
  if (kind !== "unique" && kind !== "notNull") return {};
  const index = /^index '(.*)'$/s.exec(failed);
  if (index) return { constraint: index[1] };
  const pairs = failed
    .split(", ")
    .map((item) => [item.slice(0, item.indexOf(".")), item.slice(item.indexOf(".") + 1)] as const);
  const table = pairs[0]![0];
  if (pairs.some(([t, c]) => t !== table || t === "" || c === "")) return {};
  const columns = pairs.map(([, c]) => c);
  return { table, columns, ...(columns.length === 1 ? { column: columns[0] } : {}) };
}
