/**
 * Whether an instance's row exists in the database (loaded or saved), so that save() updates it.
 * A private field: as fast as a property, yet invisible to Object.keys, spread and console.log,
 * so instances show only their columns.
 */
export abstract class PersistedState {
  #persisted = false;
  #prefetched: Map<string, unknown> | undefined = undefined;
  /** By the foreign key's column (ColumnMeta) of the other table. */
  #reversePrefetched: Map<object, { key: unknown; rows: readonly object[] }> | undefined = undefined;

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

  /** Keeps the rows whose foreign key points at the instance, loaded by prefetchReverse() while its key was `key`. */
  static setReversePrefetched(instance: object, foreignKey: object, key: unknown, rows: readonly object[]): void {
    ((instance as PersistedState).#reversePrefetched ??= new Map()).set(foreignKey, { key, rows });
  }

  /** The prefetched rows of a reverse foreign key: undefined when not prefetched (or the instance's key changed since). */
  static getReversePrefetched(instance: object, foreignKey: object, key: unknown): readonly object[] | undefined {
    const entry = (instance as PersistedState).#reversePrefetched?.get(foreignKey);
    return entry !== undefined && entry.key === key ? entry.rows : undefined;
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
/** Keeps the rows of another table that point at an instance, loaded by prefetchReverse(). */
export const setReversePrefetched = PersistedState.setReversePrefetched;
/** The prefetched rows that point at an instance, if its key is still the one they were loaded for. */
export const getReversePrefetched = PersistedState.getReversePrefetched;

/** Passed to a table's constructor by the ORM when it fills the instance itself from a row. */
export const loading = Symbol.for("piccolo-orm.loading");
