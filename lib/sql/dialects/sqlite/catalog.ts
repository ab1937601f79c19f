// The catalogue queries `piccolo schema generate` reads a SQLite database with, all in one place.
// The pragma table-valued functions take the table or index name as a bound parameter.

/** Tables (with their CREATE statement, where checks are read), views and triggers. */
export const objectsSql =
  'SELECT type, name, tbl_name AS "table", sql FROM sqlite_master ' +
  "WHERE type IN ('table', 'view', 'trigger') AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY type, name";

/** A table's columns, hidden and generated ones included (`hidden` 2 and 3 are generated). */
export const columnsSql =
  'SELECT cid, name, type, "notnull", dflt_value AS "default", pk, hidden FROM pragma_table_xinfo({}) ORDER BY cid';

/** A table's foreign keys, one row per column (`to` is NULL when the target's primary key is meant). */
export const foreignKeysSql =
  'SELECT id, seq, "table", "from", "to", on_update, on_delete FROM pragma_foreign_key_list({}) ORDER BY id, seq';

/** A table's indexes: "c" made by CREATE INDEX, "u" by UNIQUE, "pk" by PRIMARY KEY. */
export const indexListSql = 'SELECT name, "unique", origin, partial FROM pragma_index_list({}) ORDER BY name';

/** An index's columns in order (name NULL for an expression). */
export const indexColumnsSql = "SELECT seqno, name FROM pragma_index_info({}) ORDER BY seqno";

/** An index's CREATE statement, where a partial index's condition is read. */
export const indexSqlSql = "SELECT sql FROM sqlite_master WHERE type = 'index' AND name = {}";

// The catalogue queries alter() reads one table with before a rebuild: `master` is the (quoted)
// sqlite_master of the table's database; the pragmas take the database's name as their last argument.

/** The table's CREATE statement, where checks and named unique constraints are read. */
export const tableSqlOf = (master: string): string => `SELECT sql FROM ${master} WHERE type = 'table' AND name = {}`;

/** As the queries above, in a named database (`main` unless the table has a schema). */
export const columnsInSql =
  'SELECT cid, name, type, "notnull", dflt_value AS "default", pk, hidden FROM pragma_table_xinfo({}, {}) ORDER BY cid';
export const foreignKeysInSql =
  'SELECT id, seq, "table", "from", "to", on_update, on_delete FROM pragma_foreign_key_list({}, {}) ORDER BY id, seq';
export const indexListInSql = 'SELECT name, "unique", origin, partial FROM pragma_index_list({}, {}) ORDER BY name';
export const indexColumnsInSql = "SELECT seqno, name FROM pragma_index_info({}, {}) ORDER BY seqno";
export const indexSqlOf = (master: string): string => `SELECT sql FROM ${master} WHERE type = 'index' AND name = {}`;
