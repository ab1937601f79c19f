import type { DataType } from "../../ast/data-type";
import type { DatabaseErrorKind } from "../../../errors/database-error";
import type { CompiledQuery } from "../../compiler/compiled-query";
import type { ClassifiedError, Decoder, Dialect, DialectCapabilities } from "../dialect";
import { decoderFor } from "./codecs";
import { PostgresCompiler } from "./compiler";

const errorKinds: Record<string, DatabaseErrorKind> = {
  "23505": "unique",
  "23503": "foreignKey",
  "23502": "notNull",
  "23514": "check",
  "40001": "serialization",
  "40P01": "deadlock",
  "53300": "tooManyConnections",
  "57014": "timeout", // query_canceled: statement_timeout (or a cancel request)
  "57P01": "connectionLost", // admin_shutdown: pg_terminate_backend, or the server shutting down
  "57P02": "connectionLost", // crash_shutdown
  "57P03": "connection", // cannot_connect_now (starting up, shutting down)
  ECONNREFUSED: "connection",
  ECONNRESET: "connectionLost",
  ETIMEDOUT: "connection",
  ENOTFOUND: "connection",
  EHOSTUNREACH: "connection",
  ENETUNREACH: "connection",
  EPIPE: "connectionLost",
};

// The cause in plain words, leading the message, so "Client has encountered a connection error"
// never stands alone.
const reasons: Record<string, string> = {
  "53300": "The server refused the connection: too many connections (lower the pool's max, or raise max_connections)",
  "57014": "The statement was cancelled: it ran longer than its statement timeout",
  "57P01": "The connection was terminated by the server (pg_terminate_backend or a shutdown)",
  "57P02": "The connection was terminated by the server (crash shutdown)",
  "57P03": "The server cannot accept connections now (starting up or shutting down)",
  ECONNREFUSED: "The connection was refused: is the server running, on this host and port?",
  ECONNRESET: "The connection was reset by the server or the network",
  EPIPE: "The connection was closed while writing to it",
  ETIMEDOUT: "The connection timed out",
  ENOTFOUND: "The server's host name was not found",
};

// node-postgres's own connection failures carry no code, only these messages.
const lostMessages = /^(Connection terminated|Client has encountered a connection error)/;
const connectTimeout = /^timeout exceeded when trying to connect/;

/** The kind of a driver error: by SQLSTATE (class 08 is connection exceptions) or Node's socket code. */
function errorKind(code: string | undefined, message: string | undefined): DatabaseErrorKind {
  const known = code !== undefined && Object.hasOwn(errorKinds, code) ? errorKinds[code] : undefined;
  if (known !== undefined) return known;
  if (code !== undefined && code.startsWith("08")) return "connection";
  if (message !== undefined && lostMessages.test(message)) return "connectionLost";
  return message !== undefined && connectTimeout.test(message) ? "connection" : "other";
}

/** The plain-words cause of a connection error, a timeout or too many connections. */
function errorReason(kind: DatabaseErrorKind, code: string | undefined): string | undefined {
  if (code !== undefined && Object.hasOwn(reasons, code)) return reasons[code];
  if (kind === "connectionLost") return "The connection was lost (terminated by the server or closed)";
  return undefined;
}

/**
 * The columns of `Key (a, "B c")=(…) already exists.` (unique) or `… is not present in table …`
 * (foreign key, whose columns are then the failing table's). A key on an expression, or a foreign
 * key still referenced from another table (the key is then the referenced table's), gives none.
 */
function keyColumns(kind: DatabaseErrorKind, detail: string | undefined): string[] | undefined {
  if (detail === undefined || !detail.startsWith("Key (")) return undefined;
  if (kind !== "unique" && !(kind === "foreignKey" && detail.includes(" is not present in table "))) return undefined;
  const end = detail.indexOf(")=(");
  if (end < 0) return undefined;
  const names: string[] = [];
  const list = detail.slice("Key (".length, end);
  for (let i = 0; i < list.length;) {
    let name: string;
    if (list[i] === '"') {
      let j = i + 1;
      name = "";
      for (; j < list.length; j++) {
        if (list[j] === '"' && list[j + 1] === '"') {
          name += '"';
          j++;
        } else if (list[j] === '"') break;
        else name += list[j];
      }
      i = j + 1;
    } else {
      const match = /^[a-z_][a-z0-9_$]*/.exec(list.slice(i));
      if (match === null) return undefined;
      name = match[0];
      i += name.length;
    }
    names.push(name);
    if (i === list.length) break;
    if (list.slice(i, i + 2) !== ", ") return undefined; // an expression, not a column list
    i += 2;
  }
  return names.length > 0 ? names : undefined;
}

// A constraint's columns in its order; a unique index that is no constraint has them in pg_index.
// A key on an expression (attnum 0) has no column list to give.
const constraintColumnsSql = `SELECT a.attname AS col
FROM pg_class t JOIN pg_namespace n ON n.oid = t.relnamespace
CROSS JOIN LATERAL (
  SELECT c.conkey AS keys FROM pg_constraint c WHERE c.conrelid = t.oid AND c.conname = $1
  UNION ALL
  SELECT x.indkey::int2[] FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
  WHERE x.indrelid = t.oid AND i.relname = $1 AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conrelid = t.oid AND c.conname = $1)
) AS k
CROSS JOIN LATERAL unnest(k.keys) WITH ORDINALITY AS u(attnum, n)
JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = u.attnum
WHERE t.relname = $2 AND ($3::text IS NULL OR n.nspname = $3) AND 0 <> ALL (k.keys)
ORDER BY u.n`;

/** The PostgreSQL dialect. */
export class PostgresDialect implements Dialect {
  readonly name: "postgres" | "cockroach" = "postgres";
  readonly capabilities: DialectCapabilities = {
    alterColumn: true,
    addConstrainedColumn: true,
    dropConstrainedColumn: true,
    foreignKeysPragma: false,
    advisoryLock: true,
    forwardReferences: false,
  };
  readonly compiler: PostgresCompiler = new PostgresCompiler();

  decoder(type: DataType): Decoder | undefined {
    return decoderFor(type);
  }

  classifyError(error: unknown): ClassifiedError {
    const e = error as {
      code?: string;
      message?: string;
      detail?: string;
      hint?: string;
      position?: string;
      constraint?: string;
      schema?: string;
      table?: string;
      column?: string;
    };
    const kind = errorKind(e.code, e.message);
    const columns =
      keyColumns(kind, e.detail) ?? (kind === "notNull" && e.column !== undefined ? [e.column] : undefined);
    const column = e.column ?? (columns?.length === 1 ? columns[0] : undefined);
    const position = e.position === undefined ? undefined : Number(e.position);
    return {
      kind,
      reason: errorReason(kind, e.code),
      fields: {
        code: e.code,
        detail: e.detail,
        hint: e.hint,
        position,
        constraint: e.constraint,
        schema: e.schema,
        table: e.table,
        column,
        columns,
      },
    };
  }

  /**
   * The columns of a unique or foreign key constraint whose detail did not list them (a foreign key
   * still referenced from another table, a detail hidden for lack of privileges), from the
   * catalogue. Inside a transaction the failed statement has aborted it, so nothing can be read.
   */
  async describeError(
    classified: ClassifiedError,
    query: (compiled: CompiledQuery) => Promise<Record<string, unknown>[]>,
  ): Promise<ClassifiedError> {
    const { constraint, table, schema, columns } = classified.fields;
    if (classified.kind !== "unique" && classified.kind !== "foreignKey") return classified;
    if (columns !== undefined || constraint === undefined || table === undefined) return classified;
    const rows = await query({ sql: constraintColumnsSql, params: [constraint, table, schema ?? null] }).catch(
      () => [],
    );
    if (rows.length === 0) return classified;
    const names = rows.map((r) => String(r.col));
    return {
      kind: classified.kind,
      fields: {
        ...classified.fields,
        columns: names,
        column: names.length === 1 ? names[0] : classified.fields.column,
      },
    };
  }
}
