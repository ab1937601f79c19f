import { Module, type DynamicModule, type Provider } from "@nestjs/common";
import { APP_FILTER } from "@nestjs/core";
import { Engine } from "../engine/engine";
import { PiccoloExceptionFilter } from "./exception-filter";
import {
  checkAsyncOptions,
  checkModuleOptions,
  type PiccoloModuleAsyncOptions,
  type PiccoloModuleOptions,
  type PiccoloModuleRootOptions,
} from "./options";
import { PiccoloLifecycle } from "./piccolo-lifecycle";
import { TransactionInterceptor } from "./transaction-interceptor";
import { PICCOLO_ENGINE, PICCOLO_MODULE_OPTIONS } from "./tokens";

/**
 * piccolo-orm in a NestJS app: the engine injectable (`@InjectEngine()`, or by its class), tables
 * bound to it, the pool connected at bootstrap (a wrong config stops the app from starting) and
 * closed at shutdown, database errors answered as 400/409. Global: import it once, in the root module.
 * @example
 * import { Module } from "@nestjs/common";
 * import { PiccoloModule } from "piccolo-orm/nestjs";
 * \@Module({ imports: [PiccoloModule.forRoot({ engine: DB, tables: [Band] })] })
 * class AppModule {}
 */
@Module({})
export class PiccoloModule {
  /** The module with options known now. */
  static forRoot(options: PiccoloModuleRootOptions): DynamicModule {
    checkModuleOptions("PiccoloModule.forRoot()", options, ["mapErrors"]);
    const { mapErrors = true, ...rest } = options;
    return build([{ provide: PICCOLO_MODULE_OPTIONS, useValue: rest }], [], mapErrors);
  }

  /** The module with options from a factory, e.g. one that reads a ConfigService: `inject: [ConfigService]`. */
  static forRootAsync(options: PiccoloModuleAsyncOptions): DynamicModule {
    checkAsyncOptions(options);
    const options$: Provider = {
      provide: PICCOLO_MODULE_OPTIONS,
      inject: options.inject ?? [],
      useFactory: async (...args: never[]) =>
        checkModuleOptions("PiccoloModule.forRootAsync() useFactory", await options.useFactory(...args)),
    };
    return build([options$], options.imports ?? [], options.mapErrors ?? true);
  }
}

function build(optionProviders: Provider[], imports: DynamicModule["imports"], mapErrors: boolean): DynamicModule {
  const engine: Provider = {
    provide: PICCOLO_ENGINE,
    inject: [PiccoloLifecycle, PICCOLO_MODULE_OPTIONS],
    useFactory: async (lifecycle: PiccoloLifecycle, options: PiccoloModuleOptions) => {
      await lifecycle.start();
      return options.engine;
    },
  };
  const providers: Provider[] = [
    ...optionProviders,
    PiccoloLifecycle,
    engine,
    { provide: Engine, useExisting: PICCOLO_ENGINE },
    TransactionInterceptor,
  ];
  if (mapErrors) providers.push({ provide: APP_FILTER, useClass: PiccoloExceptionFilter });
  return {
    module: PiccoloModule,
    global: true,
    imports,
    providers,
    exports: [PICCOLO_ENGINE, Engine, TransactionInterceptor],
  };
}
