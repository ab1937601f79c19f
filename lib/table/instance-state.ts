/**
 * Whether an instance's row exists in the database (loaded or saved), so that save() updates it.
 * A private field: as fast as a property, yet invisible to Object.keys, spread and console.log,
 * so instances show only their columns.
 */
export abstract class PersistedState {
  #persisted = false;
  #prefetched: Map<string, unknown> | undefined = undefined;

  /** Keeps the row a foreign key points at, loaded by prefetch(). */
  static setPrefetched(instance: object, property: string, related: unknown): void {
    ((instance as PersistedState).#prefetched ??= new Map()).set(property, related);
  }

  /** The prefetched row of a foreign key: undefined when it was not prefetched (or the key changed since). */
  static getPrefetched(instance: object, property: string, key: unknown): unknown {
    const related = (instance as PersistedState).#prefetched?.get(property);
    if (related === undefined) return undefined;
    if (related === null) return key === null || key === undefined ? null : undefined;
    return Object.values(related).includes(key) ? related : undefined;
  }

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

/** Keeps the row a foreign key points at, loaded by prefetch(). */
export const setPrefetched = PersistedState.setPrefetched;
/** The prefetched row of a foreign key, if it still matches the key. */
export const getPrefetched = PersistedState.getPrefetched;

/** Passed to a table's constructor by the ORM when it fills the instance itself from a row. */
export const loading = Symbol.for("piccolo-orm.loading");
