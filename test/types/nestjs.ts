/** piccolo-orm/nestjs: module options and @Transactional() are checked by the compiler. */
import { Injectable, Module } from "@nestjs/common";
import { expectTypeOf } from "expect-type";
import { SQLiteEngine, Table, Varchar, column, table, type Engine } from "../../lib";
import { InjectEngine, PiccoloModule, Transactional, type PiccoloModuleOptions } from "../../lib/nestjs";

@table()
class Song extends Table<Song>() {
  @column(Varchar()) title!: string;
}

const engine = new SQLiteEngine({ path: ":memory:" });

@Module({ imports: [PiccoloModule.forRoot({ engine, tables: [Song], mapErrors: false })] })
export class AppModule {}

// @ts-expect-error engine is required
PiccoloModule.forRoot({ tables: [Song] });
// @ts-expect-error the option is tables
PiccoloModule.forRoot({ engine, tabels: [Song] });
// @ts-expect-error tables are classes, not instances
PiccoloModule.forRoot({ engine, tables: [new Song()] });

PiccoloModule.forRootAsync({
  inject: ["CONFIG"],
  useFactory: (config: { path: string }): PiccoloModuleOptions => ({ engine: new SQLiteEngine(config) }),
});
PiccoloModule.forRootAsync({
  // @ts-expect-error the factory must return the options (with an engine)
  useFactory: () => ({ tables: [Song] }),
});

@Injectable()
export class SongService {
  constructor(@InjectEngine() readonly db: Engine) {}

  @Transactional({ isolationLevel: "serializable" })
  async add(title: string): Promise<Song> {
    return new Song({ title });
  }

  // @ts-expect-error a transactional method must return a promise: the transaction ends when it settles
  @Transactional()
  addNow(title: string): Song {
    return new Song({ title });
  }

  // @ts-expect-error not an isolation level
  @Transactional({ isolationLevel: "snapshot" })
  async other(): Promise<void> {}
}

export async function transactionalTypes(service: SongService): Promise<void> {
  expectTypeOf(await service.add("x")).toEqualTypeOf<Song>();
}
