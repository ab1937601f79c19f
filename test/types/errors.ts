/** Errors: a string code on every error, the database fields typed, the category classes narrow. */
import { expectTypeOf } from "expect-type";
import {
  type ConnectionError,
  type ConstraintViolationError,
  DatabaseError,
  type DefinitionError,
  OrmError,
  type QueryError,
  type UniqueViolationError,
  ValidationError,
} from "../../lib";

export function errorTypes(error: unknown): void {
  if (error instanceof OrmError) expectTypeOf(error.code).toEqualTypeOf<string>();
  if (error instanceof DatabaseError) {
    expectTypeOf(error.driverCode).toEqualTypeOf<string | undefined>();
    expectTypeOf(error.hint).toEqualTypeOf<string | undefined>();
    expectTypeOf(error.position).toEqualTypeOf<number | undefined>();
    expectTypeOf(error.schema).toEqualTypeOf<string | undefined>();
  }
  if (error instanceof ValidationError) expectTypeOf(error.column).toEqualTypeOf<string>();
  expectTypeOf<UniqueViolationError>().toMatchTypeOf<ConstraintViolationError>();
  expectTypeOf<ConnectionError>().toMatchTypeOf<DatabaseError>();
  expectTypeOf<QueryError>().toMatchTypeOf<OrmError>();
  expectTypeOf<DefinitionError>().toMatchTypeOf<OrmError>();
  // @ts-expect-error the code is read-only
  new OrmError("x").code = "PICCOLO_OTHER";
}
