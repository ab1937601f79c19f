import { Catch, Injectable, Optional, type ArgumentsHost, type ExceptionFilter } from "@nestjs/common";
import { HttpAdapterHost } from "@nestjs/core";
import { ConstraintViolationError, ForeignKeyViolationError, UniqueViolationError } from "../errors/database-error";
import { ValidationError, type FieldError } from "../errors/orm-error";

/** The JSON body the filter answers with. */
export interface PiccoloErrorBody {
  statusCode: number;
  error: string;
  message: string;
  /** The piccolo error code, e.g. "PICCOLO_INVALID_VALUE" (docs/errors.md). */
  code: string;
  /** ValidationError: every failing field with its rule messages (never the value). */
  fields?: readonly FieldError[];
  /** Constraint violations: the table and the constraint's columns, as the database names them. */
  table?: string;
  columns?: readonly string[];
}

/** The status and body for an error the filter handles. */
export function errorResponse(error: ValidationError | ConstraintViolationError): PiccoloErrorBody {
  if (error instanceof ValidationError)
    return { statusCode: 400, error: "Bad Request", message: error.message, code: error.code, fields: error.fields };
  const conflict = error instanceof UniqueViolationError || error instanceof ForeignKeyViolationError;
  const body: PiccoloErrorBody = {
    statusCode: conflict ? 409 : 400,
    error: conflict ? "Conflict" : "Bad Request",
    message: error.message,
    code: error.code,
  };
  // PostgreSQL's `detail` holds the clashing values, so only names are sent.
  if (error.table !== undefined) body.table = error.table;
  if (error.columns !== undefined) body.columns = error.columns;
  return body;
}

/**
 * Answers a `ValidationError` with 400 and its `fields`, a unique or foreign key violation with 409,
 * a not null or check violation with 400. Other errors go on to NestJS's default handling.
 * `PiccoloModule` registers it for every route (`mapErrors: false` turns that off).
 */
@Catch(ValidationError, ConstraintViolationError)
@Injectable()
export class PiccoloExceptionFilter implements ExceptionFilter {
  constructor(@Optional() private readonly adapterHost?: HttpAdapterHost) {}

  catch(error: ValidationError | ConstraintViolationError, host: ArgumentsHost): void {
    const body = errorResponse(error);
    const response: unknown = host.switchToHttp().getResponse();
    const adapter = this.adapterHost?.httpAdapter;
    if (adapter !== undefined) adapter.reply(response, body, body.statusCode);
    else (response as { status(code: number): { json(body: unknown): void } }).status(body.statusCode).json(body);
  }
}
