import { AppRegistry, PostgresEngine, SQLiteEngine } from "piccolo-orm";

// SQLite by default (example.sqlite beside this file, or PICCOLO_SQLITE_PATH); PICCOLO_ENGINE=postgres uses the PG* variables.
export const DB =
  process.env.PICCOLO_ENGINE === "postgres"
    ? new PostgresEngine({ config: { database: process.env.PGDATABASE ?? "piccolo_example" } })
    : new SQLiteEngine({ path: process.env.PICCOLO_SQLITE_PATH ?? "example.sqlite" });

export const APP_REGISTRY = new AppRegistry({
  apps: ["./music/piccolo_app"],
});
