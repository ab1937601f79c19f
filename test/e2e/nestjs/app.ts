/**
 * A small NestJS app on piccolo-orm, as a user writes one (compiled by tsc with
 * experimentalDecorators and emitDecoratorMetadata): tables declared without `db`, the engine
 * built by a config service through `PiccoloModule.forRootAsync`, a service and a controller.
 */
import {
  Body,
  Controller,
  Get,
  HttpException,
  Inject,
  Injectable,
  Module,
  Post,
  UseInterceptors,
  type DynamicModule,
} from "@nestjs/common";
import { Engine, Integer, PostgresEngine, SQLiteEngine, Table, Varchar, column, table } from "../../../lib";
import type { PostgresConfig } from "../../../lib";
import { InjectEngine, PiccoloModule, TransactionInterceptor, Transactional } from "../../../lib/nestjs";

/** A band; no `db`: PiccoloModule binds it to the app's engine. */
@table({ tablename: "nest_band" })
export class NestBand extends Table<NestBand>() {
  @column(Varchar({ length: 50, unique: true })) name!: string;
  @column(Integer()) popularity!: number;
}

/** What the config service hands out, as an app would read it from its environment. */
export type DatabaseSettings = { kind: "sqlite"; path: string } | { kind: "postgres"; config: PostgresConfig };

const SETTINGS = "DATABASE_SETTINGS";

/** A ConfigService-like provider: the engine is built from it at bootstrap. */
@Injectable()
export class AppConfigService {
  constructor(@Inject(SETTINGS) private readonly settings: DatabaseSettings) {}

  createEngine(): Engine {
    const s = this.settings;
    return s.kind === "sqlite" ? new SQLiteEngine({ path: s.path }) : new PostgresEngine({ config: s.config });
  }
}

/** The config module, as `@nestjs/config`'s ConfigModule would be imported. */
@Module({})
export class AppConfigModule {
  static register(settings: DatabaseSettings): DynamicModule {
    return {
      module: AppConfigModule,
      providers: [{ provide: SETTINGS, useValue: settings }, AppConfigService],
      exports: [AppConfigService],
    };
  }
}

/** Thrown by handlers that must roll back. */
class Teapot extends HttpException {
  constructor() {
    super("rolled back on purpose", 418);
  }
}

/** Band writes; the service methods run in transactions of the module's engine. */
@Injectable()
export class BandService {
  constructor(@InjectEngine() readonly db: Engine) {}

  async create(name: string, popularity: number): Promise<NestBand> {
    const band = new NestBand({ name, popularity });
    await band.save();
    return band;
  }

  /** Both bands or neither. */
  @Transactional()
  async createPair(first: string, second: string, fail: boolean): Promise<{ inTransaction: boolean }> {
    await this.create(first, 1);
    await this.create(second, 2);
    if (fail) throw new Teapot();
    return { inTransaction: this.db.inTransaction };
  }
}

@Controller("bands")
export class BandController {
  constructor(
    private readonly bands: BandService,
    private readonly engine: Engine,
  ) {}

  @Get()
  list() {
    return NestBand.select(NestBand.c.name, NestBand.c.popularity).orderBy(NestBand.c.name);
  }

  @Post()
  async create(@Body() body: { name: string; popularity: number }) {
    const band = await this.bands.create(body.name, body.popularity);
    return { id: band.id, name: band.name };
  }

  @Post("pair")
  createPair(@Body() body: { first: string; second: string; fail?: boolean }) {
    return this.bands.createPair(body.first, body.second, body.fail === true);
  }

  /** Request-scoped transaction by interceptor: the whole handler, or nothing. */
  @Post("interceptor")
  @UseInterceptors(TransactionInterceptor)
  async viaInterceptor(@Body() body: { names: string[]; fail?: boolean }) {
    for (const name of body.names) await this.bands.create(name, 0);
    if (body.fail === true) throw new Teapot();
    return { inTransaction: this.engine.inTransaction, count: await NestBand.count() };
  }

  /** @Transactional() listed above the route decorator: the route metadata must survive the wrapping. */
  @Transactional()
  @Post("decorated")
  async decorated(@Body() body: { name: string; fail?: boolean }) {
    await this.bands.create(body.name, 0);
    if (body.fail === true) throw new Teapot();
    return { inTransaction: this.engine.inTransaction };
  }

  /** Which engine was injected, by token and by class. */
  @Get("engine")
  whichEngine() {
    return { sameEngine: this.engine === this.bands.db, dialect: this.engine.dialect.constructor.name };
  }
}

/** The app: engine from the config service via forRootAsync. */
@Module({})
export class AppModule {
  static withSettings(settings: DatabaseSettings): DynamicModule {
    return {
      module: AppModule,
      imports: [
        PiccoloModule.forRootAsync({
          imports: [AppConfigModule.register(settings)],
          inject: [AppConfigService],
          useFactory: (config: AppConfigService) => ({ engine: config.createEngine(), tables: [NestBand] }),
        }),
      ],
      controllers: [BandController],
      providers: [BandService],
    };
  }
}
