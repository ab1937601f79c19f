/** The project config docs/migrations.md's app imports (`../piccolo.config`); only type-checked. */
import { SQLiteEngine } from "piccolo-orm";

export const DB = new SQLiteEngine({ path: "piccolo.sqlite" });
export const APP_REGISTRY = { apps: [] };
