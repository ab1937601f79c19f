import type { DataType } from "../ast/data-type";
import type { DatabaseErrorFields, DatabaseErrorKind } from "../../errors/database-error";
import type { CompiledQuery } from "../compiler/compiled-query";
import type { DdlCompiler } from "../compiler/ddl-compiler";

/** Turns a driver value into the column's JS value (null stays null). */
export type Decoder = (value: unknown) => unknown;

/** What a dialect recognised in a driver error. */
export interface ClassifiedError {
  readonly kind: DatabaseErrorKind;
  readonly fields: DatabaseErrorFields;
  /** The cause in plain words, leading the message ("The connection was terminated by the server"). */
  readonly reason?: string;
}

/** What a dialect can do in place; the migration runner plans schema changes from these flags. */
export interface DialectCapabilities {
  /** ALTER COLUMN (type, null, default), ADD/DROP CONSTRAINT: false means columns change by table rebuild. */
  readonly alterColumn: boolean;
  /** ADD COLUMN of a UNIQUE column, or of a NOT NULL column whose backfill differs from its default. */
  readonly addConstrainedColumn: boolean;
  /** DROP COLUMN of a column that is indexed, unique or a foreign key. */
  readonly dropConstrainedColumn: boolean;
  /** Foreign keys can be switched off for a rebuild (outside the transaction) and checked before commit. */
  readonly foreignKeysPragma: boolean;
  /**
   * Transactions can take an advisory lock (PostgreSQL); false where BEGIN already takes the
   * database's write lock (SQLite's BEGIN IMMEDIATE).
   */
  readonly advisoryLock: boolean;
  /** CREATE TABLE may reference a table that does not exist yet (SQLite); else such keys are added by ALTER TABLE later. */
  readonly forwardReferences: boolean;
  /**
   * The migration lock is a row of a lock table (created before the first migration transaction)
   * instead of an advisory lock: CockroachDB's advisory lock functions lock nothing.
   */
  readonly lockTable?: boolean;
  /** Generated keys are 64-bit (CockroachDB's unique_rowid()): a table's default `id` is a BigSerial. */
  readonly int64Keys?: boolean;
}

/** Everything that differs between databases, in one object per dialect. */
export interface Dialect {
  readonly name: "postgres" | "sqlite" | "cockroach";
  readonly compiler: DdlCompiler;
  readonly capabilities: DialectCapabilities;
  /** The decoder for a column type's values, or undefined when the driver's value is already right. */
  decoder(type: DataType): Decoder | undefined;
  /** Maps a driver error to a typed error kind and the server's fields. */
  classifyError(error: unknown): ClassifiedError;
  /**
   * Adds what only the catalogue knows to a classified error (SQLite: the name of the unique index
   * that failed); `query` runs catalogue SQL on the connection the error came from.
   */
  describeError?(
    classified: ClassifiedError,
    query: (compiled: CompiledQuery) => Promise<Record<string, unknown>[]>,
  ): Promise<ClassifiedError>;
}
