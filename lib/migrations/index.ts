// Installs the planner behind Table.alter().
import "./alter-plan";
export type { ColumnSchema, ElementSchema, TableSchema, ReferencesSchema, JsonValue, SchemaColumnKind } from "./schema";
export { defineMigration, type Migration, type Operation, type RawOperation } from "./operations";
export { Snapshot } from "./snapshot";
export { tableSchemaOf } from "./from-tables";
export { diffSchemas, type RenameQuestion, type RenameResolver, type SchemaDiff } from "./differ";
export { renderMigration, newMigrationId, migrationFileName } from "./generator";
export {
  MigrationRunner,
  type RunnerEvent,
  type RunnerStepEvent,
  type ForwardsOptions,
  type BackwardsOptions,
  type MigrationStatus,
  type PlannedMigration,
  type PlannedStep,
} from "./runner";
export { describeOperation } from "./describe";
export { planOperation } from "./planner";
export { migrationTableName } from "./migration-table";
