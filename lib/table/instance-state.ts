/**
 * Whether an instance's row exists in the database (loaded or saved), so that save() updates it.
 * A private field: as fast as a property, yet invisible to Object.keys, spread and console.log,
 * so instances show only their columns.
 */
export abstract class PersistedState {
  #persisted = false;

  /** Records that the instance's row exists in the database. */
  static mark(instance: object): void {
    (instance as PersistedState).#persisted = true;
  }

  /** Records that the instance's row was deleted. */
  static unmark(instance: object): void {
    (instance as PersistedState).#persisted = false;
  }

  /** Whether save() should update (true) or insert (false). */
  static isPersisted(instance: object): boolean {
    return (instance as PersistedState).#persisted;
  }
}

/** Records that the instance's row exists in the database. */
export const markPersisted = PersistedState.mark;
/** Records that the instance's row was deleted. */
export const markRemoved = PersistedState.unmark;
/** Whether save() should update (true) or insert (false). */
export const isPersisted = PersistedState.isPersisted;

/** Passed to a table's constructor by the ORM when it fills the instance itself from a row. */
export const loading = Symbol("piccolo.loading");
