import { migrationDependency } from "../errors/factories";
import type { Migration } from "./operations";

/** "app:id", the key of a migration across apps. */
export function migrationKey(m: Pick<Migration, "app" | "id">): string {
  return `${m.app}:${m.id}`;
}

/**
 * Orders migrations so that each runs after the previous one of its app and after its declared
 * dependencies; ties go to the earlier id, so the order is stable. A cycle or a dependency on a
 * migration that does not exist is an error.
 */
export function orderMigrations(migrations: readonly Migration[]): Migration[] {
  const byKey = new Map<string, Migration>();
  for (const m of migrations) {
    if (byKey.has(migrationKey(m)))
      throw migrationDependency(`${migrationKey(m)} is given twice (two migration files with one id?)`);
    byKey.set(migrationKey(m), m);
  }
  const requires = new Map<string, string[]>();
  const byApp = new Map<string, Migration[]>();
  for (const m of migrations) byApp.set(m.app, [...(byApp.get(m.app) ?? []), m]);
  for (const list of byApp.values()) {
    list.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    list.forEach((m, i) => requires.set(migrationKey(m), i === 0 ? [] : [migrationKey(list[i - 1]!)]));
  }
  for (const m of migrations) {
    for (const dep of m.dependencies ?? []) {
      if (!byKey.has(dep)) throw migrationDependency(`${migrationKey(m)} depends on ${dep}, which does not exist`);
      requires.get(migrationKey(m))!.push(dep);
    }
  }
  const out: Migration[] = [];
  const state = new Map<string, "visiting" | "done">();
  const visit = (key: string, path: string[]) => {
    if (state.get(key) === "done") return;
    if (state.get(key) === "visiting") throw migrationDependency(`cycle: ${[...path, key].join(" -> ")}`);
    state.set(key, "visiting");
    for (const dep of requires.get(key) ?? []) visit(dep, [...path, key]);
    state.set(key, "done");
    out.push(byKey.get(key)!);
  };
  const sorted = [...migrations].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : a.app < b.app ? -1 : 1));
  for (const m of sorted) visit(migrationKey(m), []);
  return out;
}
