import { AppConfig, tableFinder } from "piccolo-orm";
import * as tables from "./tables";

export const APP_CONFIG = new AppConfig({
  name: "music",
  tables: tableFinder(tables),
  migrationsFolder: "migrations",
});
