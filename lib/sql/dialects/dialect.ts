import type { ColumnType } from "../../columns/column-type";
import type { DatabaseErrorFields, DatabaseErrorKind } from "../../errors/database-error";
import type { QueryCompiler } from "../compiler/query-compiler";

/** Turns a driver value into the column's JS value (null stays null). */
export type Decoder = (value: unknown) => unknown;

/** What a dialect recognised in a driver error. */
export interface ClassifiedError {
  readonly kind: DatabaseErrorKind;
  readonly fields: DatabaseErrorFields;
}

/** Everything that differs between databases, in one object per dialect. */
export interface Dialect {
  readonly name: "postgres" | "sqlite";
  readonly compiler: QueryCompiler;
  /** The decoder for a column type's values, or undefined when the driver's value is already right. */
  decoder(type: ColumnType<unknown>): Decoder | undefined;
  /** Maps a driver error to a typed error kind and the server's fields. */
  classifyError(error: unknown): ClassifiedError;
}
