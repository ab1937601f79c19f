// The catalogue queries `piccolo schema generate` reads a PostgreSQL schema with, all in one place.
// Each takes the schema name as its one parameter ({}).

/** Tables, partitioned tables, partitions, views, materialized views and foreign tables. */
export const relationsSql = `SELECT c.relname AS name, c.relkind AS kind, c.relispartition AS partition
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = {} AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
ORDER BY c.relname`;

/** Columns in order, with the type as format_type prints it and what kind of type it is. */
export const columnsSql = `SELECT c.relname AS "table", a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type,
  t.typtype AS typtype, t.typname AS typname, a.attnotnull AS notnull, pg_get_expr(d.adbin, d.adrelid) AS "default",
  a.attidentity AS identity, a.attgenerated AS generated,
  CASE WHEN t.typtype = 'd' THEN format_type(t.typbasetype, t.typtypmod) END AS domain_base,
  CASE WHEN t.typtype = 'e'
    THEN ARRAY(SELECT e.enumlabel::text FROM pg_enum e WHERE e.enumtypid = t.oid ORDER BY e.enumsortorder) END AS labels,
  CASE WHEN et.typtype = 'e'
    THEN ARRAY(SELECT e.enumlabel::text FROM pg_enum e WHERE e.enumtypid = et.oid ORDER BY e.enumsortorder)
    END AS element_labels,
  et.typtype AS element_typtype, et.typname AS element_typname
FROM pg_attribute a
JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_type t ON t.oid = a.atttypid
LEFT JOIN pg_type et ON et.oid = t.typelem AND t.typcategory = 'A'
LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
WHERE n.nspname = {} AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped
ORDER BY c.relname, a.attnum`;

/** Primary keys, uniques, foreign keys, checks and exclusions, columns in the constraint's order. */
export const constraintsSql = `SELECT c.relname AS "table", k.conname AS name, k.contype AS type,
  ARRAY(SELECT a.attname::text FROM unnest(k.conkey) WITH ORDINALITY u(n, i)
    JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.n ORDER BY u.i) AS columns,
  ft.relname AS ref_table, fn.nspname AS ref_schema,
  ARRAY(SELECT a.attname::text FROM unnest(k.confkey) WITH ORDINALITY u(n, i)
    JOIN pg_attribute a ON a.attrelid = k.confrelid AND a.attnum = u.n ORDER BY u.i) AS ref_columns,
  k.confdeltype AS on_delete, k.confupdtype AS on_update, pg_get_constraintdef(k.oid) AS definition,
  k.conparentid <> 0 AS inherited
FROM pg_constraint k
JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_class ft ON ft.oid = k.confrelid LEFT JOIN pg_namespace fn ON fn.oid = ft.relnamespace
WHERE n.nspname = {} AND c.relkind IN ('r', 'p')
ORDER BY c.relname, k.conname`;

/** Indexes that back no constraint: columns (0 for an expression), method, uniqueness, predicate. */
export const indexesSql = `SELECT c.relname AS "table", i.relname AS name, am.amname AS method, x.indisunique AS "unique",
  ARRAY(SELECT CASE WHEN u.n = 0 THEN NULL ELSE a.attname::text END FROM unnest(x.indkey::int2[]) WITH ORDINALITY u(n, o)
    LEFT JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = u.n ORDER BY u.o) AS columns,
  pg_get_expr(x.indpred, x.indrelid) AS "where", pg_get_indexdef(x.indexrelid) AS definition,
  x.indnkeyatts <> x.indnatts AS has_include
FROM pg_index x
JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class c ON c.oid = x.indrelid
JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_am am ON am.oid = i.relam
WHERE n.nspname = {} AND c.relkind IN ('r', 'p')
  AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = x.indexrelid AND k.contype IN ('p', 'u', 'x'))
  AND NOT (c.relispartition)
ORDER BY c.relname, i.relname`;

/** Domains, with their base type and checks, reported as what they cannot keep. */
export const domainsSql = `SELECT t.typname AS name, format_type(t.typbasetype, t.typtypmod) AS base,
  ARRAY(SELECT pg_get_constraintdef(k.oid) FROM pg_constraint k WHERE k.contypid = t.oid) AS checks
FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
WHERE n.nspname = {} AND t.typtype = 'd' ORDER BY t.typname`;

/** User triggers of the schema's tables. */
export const triggersSql = `SELECT c.relname AS "table", g.tgname AS name
FROM pg_trigger g JOIN pg_class c ON c.oid = g.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = {} AND NOT g.tgisinternal AND NOT c.relispartition ORDER BY c.relname, g.tgname`;
