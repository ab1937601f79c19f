// piccolo-orm/nestjs: the NestJS integration. Loads @nestjs/common, @nestjs/core and rxjs, so the
// main entry (piccolo-orm) never imports this folder.
export { PiccoloModule } from "./piccolo-module";
export { PICCOLO_ENGINE, PICCOLO_MODULE_OPTIONS, InjectEngine } from "./tokens";
export {
  type PiccoloModuleOptions,
  type PiccoloModuleRootOptions,
  type PiccoloModuleAsyncOptions,
  type AnyTableClass,
} from "./options";
export { Transactional, type TransactionalOptions, type TransactionalMethod } from "./transactional";
export { TransactionInterceptor } from "./transaction-interceptor";
export { PiccoloExceptionFilter, errorResponse, type PiccoloErrorBody } from "./exception-filter";
