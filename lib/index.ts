import "reflect-metadata";

export { Table, TableInstance, type TableClass } from "./table/table";
export {
  table,
  column,
  m2m,
  type TableOptions,
  type ColumnDecorator,
  type TableDecorator,
  type M2MDecorator,
} from "./table/decorators";
export type { M2MOptions } from "./table/m2m";
export { describeTable, referencedTable } from "./table/describe";
export type {
  TableDescription,
  ColumnDescription,
  DataTypeDescription,
  DataKind,
  ElementDescription,
  ValueSourceDescription,
  ReferenceDescription,
  UniqueDescription,
  IndexDescription,
  CheckDescription,
  M2MDescription,
  TableReference,
  PlainValue,
  SqlText,
} from "./table/description";
export type { AddM2MOptions, GetM2MOptions } from "./query/m2m-rows";
export type { M2MArrayOptions, M2MOrder } from "./query/m2m-select";
export type {
  TableCondition,
  IndexDeclaration,
  CheckDeclaration,
  TableConstraintOptions,
  IndexMethod,
} from "./table/constraints";
export type {
  M2M,
  M2MRef,
  M2MRow,
  M2MAccessor,
  M2MKeys,
  JoinValues,
  Ref,
  ColumnKeys,
  Columns,
  ForeignKeyRef,
  Insertable,
  Updatable,
  Values,
  VisibleValues,
  RowOf,
  Selectable,
  PrimaryKeyRow,
  TableKey,
  SelectedItem,
} from "./table/types";

export { ColumnType, type ColumnKind, type ColumnOptions, type ColumnParams } from "./columns/column-type";
export { Serial } from "./columns/serial";
export { BigSerial } from "./columns/big-serial";
export { Varchar } from "./columns/varchar";
export { Char } from "./columns/char";
export { now, type WithNow } from "./columns/now";
export { Text } from "./columns/text";
export { Integer } from "./columns/integer";
export { BigIntColumn } from "./columns/big-int";
export { SmallInt } from "./columns/small-int";
export { Real } from "./columns/real";
export { DoublePrecision } from "./columns/double-precision";
export { Numeric, Decimal } from "./columns/numeric";
export { BooleanColumn } from "./columns/boolean";
export { DateColumn } from "./columns/date";
export type { DateString, TimeString } from "./columns/temporal-text";
export { Timestamp } from "./columns/timestamp";
export { Timestamptz } from "./columns/timestamptz";
export { UUID } from "./columns/uuid";
export { JSONColumn } from "./columns/json";
export { JSONB } from "./columns/jsonb";
export { Interval } from "./columns/interval";
export { Time } from "./columns/time";
export { Bytea } from "./columns/bytea";
export { Email } from "./columns/email";
export { Secret } from "./columns/secret";
export { ArrayColumn } from "./columns/array";
export { ForeignKey, ForeignKeyType, type ForeignKeyOptions } from "./columns/foreign-key";
export { uuid7 } from "./utils/uuid7";

export {
  Engine,
  type IsolationLevel,
  type TransactionOptions,
  type QueryLogEntry,
  type QueryLogOption,
} from "./engine/engine";
export { setDefaultEngine, getDefaultEngine, bindEngine, unbindEngine, withEngine } from "./engine/engine-binding";
export { SQLiteEngine, type SQLiteEngineOptions } from "./engine/sqlite/sqlite-engine";
export { PostgresEngine, type PostgresEngineOptions, type PostgresConfig } from "./engine/postgres/postgres-engine";
export { CockroachEngine, type CockroachEngineOptions } from "./engine/cockroach/cockroach-engine";

export { Expression, Condition, OrderItem, and, or, not } from "./query/expression";
export { ColumnRef } from "./query/column-ref";
export type { ElementOf, ContainsOperand, JsonPath, ArrowKey, ArrowTextKey } from "./query/column-operators";
export { Scalar, type Operand, type Subquery } from "./query/scalar";
export { WhereRaw, OrderByRaw, Exists, Outer } from "./query/raw-expressions";
export { Param, type ParamRef, type ParamValues } from "./query/param";
export {
  Count,
  Avg,
  Sum,
  Min,
  Max,
  Upper,
  Lower,
  Length,
  Concat,
  Coalesce,
  Cast,
  Extract,
  Round,
  type DatePart,
  type SumOf,
  type Aggregate,
} from "./query/functions";
export { RowNumber, Rank, DenseRank, Lag, Lead, type Window, type WindowSpec } from "./query/window";
export { CompoundQuery, type SetOperand, type SameShape, type CompoundRow } from "./query/set-operation";
export {
  DerivedTable,
  With,
  WithRecursive,
  QuerySource,
  type SourceRow,
  type SourceColumns,
} from "./query/query-source";
export type { OutputOptions, Nested } from "./query/output";
export type { BindValues, LockOptions } from "./query/read-query";
export { Query } from "./query/query";
export { SelectQuery } from "./query/select";
export { ObjectsQuery, GetOrCreateQuery } from "./query/objects";
export { GetOrCreateResultQuery, type GetOrCreateResult } from "./query/objects";
export { InsertQuery, type OnConflictOptions } from "./query/insert";
export { UpdateQuery, type WriteOptions } from "./query/update";
export { DeleteQuery } from "./query/delete";
export type { CountOptions } from "./query/count";
export { CountQuery, ExistsQuery } from "./query/count";
export { RawQuery } from "./query/raw";
export { CreateTableQuery, DropTableQuery, TableExistsQuery } from "./query/ddl";
export { AlterQuery, type AlterColumn, type AlterConstraint, type NewColumnName } from "./query/alter";
export {
  CreateIndexQuery,
  DropIndexQuery,
  TableIndexesQuery,
  type CreateIndexOptions,
  type IndexColumns,
} from "./query/indexes";
export { createTables, CreateTablesQuery } from "./query/create-tables";
export type { CompiledQuery } from "./sql/compiler/compiled-query";

export {
  defineMigration,
  MigrationRunner,
  type Migration,
  type Operation,
  type RawOperation,
  type PlannedMigration,
  type ColumnSchema,
  type TableSchema,
} from "./migrations";
export { AppConfig, AppRegistry, tableFinder, type AppConfigOptions, type AppCommand } from "./apps";
export { loadProjectEngine, type LoadProjectEngineOptions } from "./apps";

export * from "./errors";

export { Transaction, Savepoint } from "./engine/transaction-context";
export { Atomic, type RunnableQuery } from "./engine/atomic";
export type { TransactionType } from "./engine/transaction-options";
export type { RunOptions } from "./engine/run-options";
export { validate, rules, type ValidateOptions, type RulesDecorator, type PropertyRule } from "./validation";
export type { SaveOptions } from "./table/table";
export type { ValidateOption } from "./table/write-validation";
// Issue 10's query features.
export { SelectRaw } from "./query/raw-expressions";
export { CreateQuery } from "./query/objects";
export type { WithColumns } from "./query/select";
export type { AsOfSystemTime, IntervalUnit } from "./query/as-of-system-time";
export { Related } from "./query/reverse-select";
export { DateFormat, AtTimeZone, Now } from "./query/date-functions";
export { Abs, Ceil, Floor, Trim, Ltrim, Rtrim, Replace, Substring, Reverse, NullIf } from "./query/scalar-functions";
export { Case, When, WhenClause } from "./query/case";
export type { Joined, LeftJoined, JoinTarget, JoinedRowOf, RootCondition, RootSelectable } from "./query/explicit-join";
export type { ColumnRefMembers, ArrayOperators, JsonOperators } from "./query/column-ref";
export type { ScalarMembers, TextOperators, ArithmeticOperators } from "./query/scalar";
export type { Transient } from "./table/types";
// Issue 10's type holes (types branch): bind() from where()'s Params, callback() results.
export type { BoundParams, ParamCondition, ParamsOf, Combined } from "./query/expression";
export type { WithParams } from "./query/filtered-query";
export type { ValuesParams } from "./query/param";
export type { CallbackResult, WithCallback } from "./query/query";
