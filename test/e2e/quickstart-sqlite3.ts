// examples/quickstart.ts on the sqlite3 driver, run by quickstart.test.ts as a child process. Its
// output is the quickstart's, after one first line naming the driver it ran on.
import { Table, table, column, Varchar, Integer, SQLiteEngine } from "../../lib";

const DB = new SQLiteEngine({ path: ":memory:", driver: "sqlite3" });

@table({ db: DB })
class Band extends Table<Band>() {
  @column(Varchar({ length: 100 })) name!: string;
  @column(Integer({ default: 0 })) popularity!: number;
}

async function main(): Promise<void> {
  console.log("driver:", DB.driver);
  await Band.createTable({ ifNotExists: true }).run();
  await Band.insert(
    new Band({ name: "Pythonistas", popularity: 1000 }),
    new Band({ name: "Asyncio Allstars", popularity: 800 }),
  ).run();
  const all = await Band.select(Band.c.name, Band.c.popularity).run();
  console.log("all bands:", all);
  const popular = await Band.select(Band.c.name).where(Band.c.popularity.gt(900)).run();
  console.log("popular:", popular);
  await Band.update({ popularity: 1100 }).where(Band.c.name.eq("Pythonistas")).run();
  const band = await Band.objects().get(Band.c.name.eq("Pythonistas")).run();
  band!.popularity += 1;
  await band!.save();
  console.log("after save:", await Band.select().orderBy(Band.c.popularity.desc()));
  await DB.close();
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
