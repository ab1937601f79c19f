import {
  CheckViolationError,
  ForeignKeyViolationError,
  NotNullViolationError,
  UniqueViolationError,
  type DatabaseError,
} from "../errors/database-error";
import { QueryError, ValidationError, type FieldError } from "../errors/orm-error";
import { CrudError, conflict, internalError, invalidBody } from "./errors";
import type { CrudResponse } from "./action";
import type { CrudModel } from "./model";

/** The JSON body of an error response. */
export interface ErrorBody {
  readonly error: {
    readonly status: number;
    readonly code: string;
    readonly message: string;
    readonly fields: readonly FieldError[];
  };
}

/** What the request was writing, to name the fields of a conflict the database did not name. */
export interface WriteContext {
  readonly fields: readonly string[];
}

/**
 * An error as the response the client gets: CRUD errors keep their status; validation → 422;
 * unique and foreign key violations → 409 naming the fields; other usage errors → 400; anything
 * else → 500 with no detail (never SQL or a stack trace).
 */
export function toCrudError(error: unknown, model: CrudModel, write?: WriteContext): CrudError {
  if (error instanceof CrudError) return error;
  if (error instanceof ValidationError) return invalidBody(error.fields);
  if (error instanceof UniqueViolationError) {
    const fields = properties(model, error);
    const named = fields.length > 0 ? fields.join(", ") : "a unique field";
    return conflict(
      `Another row already has this ${named}.`,
      fields.map((field) => ({ field, constraints: { unique: `another row has this ${field}` } })),
    );
  }
  if (error instanceof ForeignKeyViolationError) return foreignKeyConflict(error, model, write);
  if (error instanceof NotNullViolationError || error instanceof CheckViolationError) {
    const rule = error instanceof NotNullViolationError ? "required" : "check";
    const fields = properties(model, error);
    return invalidBody(
      (fields.length > 0 ? fields : [""]).map((field) => ({ field, constraints: { [rule]: plain(error) } })),
    );
  }
  if (error instanceof QueryError) return new CrudError(error.message, error.code, 400);
  return internalError();
}

/** On a write, the foreign keys that point nowhere; on a delete, the rows that still refer to this one. */
function foreignKeyConflict(error: ForeignKeyViolationError, model: CrudModel, write?: WriteContext): CrudError {
  if (write === undefined) {
    const by = error.table && error.table !== model.description.tableName ? ` (rows of ${error.table})` : "";
    return conflict(`Other rows${by} refer to this row; delete or change them first.`, []);
  }
  let fields = properties(model, error);
  if (fields.length === 0)
    fields = model.visible
      .filter((c) => c.references !== null && write.fields.includes(c.property))
      .map((c) => c.property);
  return conflict(
    `${fields.join(", ") || "A foreign key"} refers to a row that does not exist.`,
    fields.map((field) => ({ field, constraints: { foreignKey: `${field} refers to a row that does not exist` } })),
  );
}

/** The table's property names of the columns a database error names (by database name). */
function properties(model: CrudModel, error: DatabaseError): string[] {
  if (error.table !== undefined && error.table !== model.description.tableName) return [];
  const names = error.columns ?? (error.column === undefined ? [] : [error.column]);
  return names.map((db) => model.description.columns.find((c) => c.dbName === db)?.property ?? db);
}

/** A constraint error's message; it describes the clash in words and never holds SQL. */
function plain(error: DatabaseError): string {
  return error.message;
}

/** The response of an error: `{ error: { status, code, message, fields } }`. */
export function errorResponse(error: CrudError): CrudResponse {
  return {
    status: error.status,
    headers: { ...error.headers },
    body: { error: { status: error.status, code: error.code, message: error.message, fields: error.fields } },
  };
}
