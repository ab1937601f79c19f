/** Marks an instance whose row exists in the database (loaded or saved): save() then updates. */
export const persisted = Symbol("piccolo.persisted");

/** Passed to a table's constructor by the ORM when it fills the instance itself from a row. */
export const loading = Symbol("piccolo.loading");
