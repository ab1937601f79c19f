import { Inject, Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from "@nestjs/common";
import { defer, lastValueFrom, type Observable } from "rxjs";
import type { Engine } from "../engine/engine";
import { PICCOLO_ENGINE } from "./tokens";

/**
 * Runs each request's handler in one transaction of the module's engine: it commits when the
 * handler's result is ready and rolls back when the handler throws (the exception then goes on to
 * the exception filters). Apply it with `@UseInterceptors(TransactionInterceptor)` on a controller
 * or route, or to every route with `{ provide: APP_INTERCEPTOR, useClass: TransactionInterceptor }`.
 */
@Injectable()
export class TransactionInterceptor implements NestInterceptor {
  constructor(@Inject(PICCOLO_ENGINE) private readonly engine: Engine) {}

  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    // The handler runs when next.handle() is subscribed to, so subscribing inside the transaction's
    // callback puts every query of the handler in the transaction.
    return defer(() => this.engine.transaction(() => lastValueFrom(next.handle(), { defaultValue: undefined })));
  }
}
