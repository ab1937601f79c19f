// Which instances have a row in the database (loaded or saved), so that save() updates them.
// A WeakSet rather than a property keeps instances' own keys to their columns (console.log, spread).
const persistedRows = new WeakSet<object>();

/** Records that the instance's row exists in the database. */
export function markPersisted(instance: object): void {
  persistedRows.add(instance);
}

/** Records that the instance's row was deleted. */
export function markRemoved(instance: object): void {
  persistedRows.delete(instance);
}

/** Whether save() should update (true) or insert (false). */
export function isPersisted(instance: object): boolean {
  return persistedRows.has(instance);
}

/** Passed to a table's constructor by the ORM when it fills the instance itself from a row. */
export const loading = Symbol("piccolo.loading");
