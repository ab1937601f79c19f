import { conditionText } from "../sql/dialects/condition-text";
import { tableConstraints } from "../table/constraints";
import type { TableMeta } from "../table/metadata";
import type { ConstraintSchema, IndexSchema } from "./schema";

/** A condition as migration files store it (see conditionText). */
export const storedCondition = conditionText;

/** A table class's unique and check constraints as migration files store them. */
export function storedConstraints(meta: TableMeta): ConstraintSchema[] {
  const declared = tableConstraints(meta);
  return [
    ...declared.unique.map((u): ConstraintSchema => ({ type: "unique", name: u.name, columns: u.columns })),
    ...declared.checks.map((c): ConstraintSchema => ({
      type: "check",
      name: c.name,
      check: storedCondition(c.condition),
    })),
  ];
}

/** A table class's declared indexes as migration files store them. */
export function storedIndexes(meta: TableMeta): IndexSchema[] {
  return tableConstraints(meta).indexes.map((i) => ({
    name: i.name,
    columns: i.columns,
    method: i.method,
    unique: i.unique,
    where: i.where === undefined ? undefined : storedCondition(i.where),
  }));
}
