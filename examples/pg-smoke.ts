import {
  Table,
  table,
  column,
  Varchar,
  Integer,
  PostgresEngine,
  ForeignKey,
  Ref,
  BigIntColumn,
  Numeric,
  Timestamp,
  Timestamptz,
  DateColumn,
  JSONB,
  BooleanColumn,
  UUID,
} from "../lib";
const DB = new PostgresEngine({ config: { host: "127.0.0.1", user: "postgres", database: "test" } });
@table({ db: DB })
class Manager extends Table<Manager>() {
  @column(Varchar()) name!: string;
}
@table({ db: DB })
class Band extends Table<Band>() {
  @column(Varchar({ length: 100 })) name!: string;
  @column(Integer({ default: 0 })) popularity!: number;
  @column(ForeignKey(() => Manager)) manager!: Ref<Manager> | null;
  @column(BigIntColumn()) big!: bigint;
  @column(Numeric({ digits: [10, 2] })) price!: string;
  @column(Timestamp()) ts!: Date;
  @column(Timestamptz()) tstz!: Date;
  @column(DateColumn()) day!: string;
  @column(JSONB({ null: true })) data!: unknown;
  @column(BooleanColumn()) active!: boolean;
  @column(UUID()) uid!: string;
}
async function main() {
  await Band.dropTable({ ifExists: true });
  await Manager.dropTable({ ifExists: true });
  await Manager.createTable();
  await Band.createTable();
  console.log(Band.createTable().toSQL().sql);
  const m = new Manager({ name: "Guido" });
  await m.save();
  await Band.insert(
    new Band({
      name: "P",
      manager: m.id,
      big: 9007199254740993n,
      price: "12.10",
      ts: new Date("2024-01-02T03:04:05.678Z"),
      tstz: new Date("2024-01-02T03:04:05.678Z"),
      day: "2024-02-29",
      data: { a: [1, "x"] },
      active: true,
    }),
  ).run();
  const rows = await Band.select(
    Band.c.name,
    Band.c.manager.name,
    Band.c.big,
    Band.c.price,
    Band.c.ts,
    Band.c.tstz,
    Band.c.day,
    Band.c.data,
    Band.c.active,
    Band.c.uid,
  );
  console.log(rows);
  console.log(Band.select(Band.c.name).where(Band.c.manager.name.ilike("g%")).toSQL());
  console.log(
    await Band.count().where(Band.c.manager.name.eq("Guido")),
    await Band.exists().where(Band.c.name.eq("zz")),
  );
  const b = await Band.objects().get(Band.c.name.eq("P"));
  console.log(b, await b!.getRelated(Band.c.manager));
  console.log(
    await Band.update({ popularity: Band.c.popularity.plus(5) })
      .where(Band.c.manager.name.eq("Guido"))
      .returning(Band.c.popularity),
  );
  await DB.transaction(async () => {
    await Band.delete().where(Band.c.name.eq("P"));
    throw new Error("rollback");
  }).catch((e) => console.log("rolled back:", e.message));
  console.log(await Band.count());
  await DB.close();
}
main().catch((e) => {
  console.error(e);
  process.exit(1);
});
