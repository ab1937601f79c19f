import { findTableMeta } from "../table/metadata";

/**
 * The table classes among a module's exports, for an AppConfig's `tables`.
 * @example import * as tables from "./tables"; new AppConfig({ name: "music", tables: tableFinder(tables) })
 */
export function tableFinder(module: Record<string, unknown>): (abstract new (...args: never[]) => unknown)[] {
  return Object.values(module).filter(
    (v): v is abstract new (...args: never[]) => unknown => typeof v === "function" && findTableMeta(v) !== undefined,
  );
}
