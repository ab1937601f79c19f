/**
 * An app that takes its engine from the project config at run time: `node project-engine-app.js
 * [configPath]`, run in a project folder. Prints one JSON line: what it saw, or the error's code.
 */
import { OrmError, Table, Varchar, column, getDefaultEngine, loadProjectEngine, table } from "../../lib";

/** Declared without `db`: it runs on the config's DB. */
@table({ tablename: "project_song" })
class ProjectSong extends Table<ProjectSong>() {
  @column(Varchar({ length: 50 })) title!: string;
}

async function main(): Promise<void> {
  try {
    const configPath = process.argv[2];
    const DB = loadProjectEngine(configPath === undefined ? {} : { configPath });
    await DB.startPool();
    await ProjectSong.insert(new ProjectSong({ title: "From config" }));
    const count = await ProjectSong.count();
    console.log(JSON.stringify({ isDefault: getDefaultEngine() === DB, dialect: DB.dialect.constructor.name, count }));
    await DB.close();
  } catch (error) {
    console.log(JSON.stringify({ code: (error as OrmError).code, message: (error as Error).message }));
    process.exitCode = 1;
  }
}

void main();
