import { Inject, Injectable, type OnApplicationShutdown } from "@nestjs/common";
import { bindEngine, getDefaultEngine, setDefaultEngine, unbindEngine } from "../engine/engine-binding";
import { activateEngine, deactivateEngine } from "./engine-registry";
import type { PiccoloModuleOptions } from "./options";
import { PICCOLO_MODULE_OPTIONS } from "./tokens";

/** Binds the tables and connects when the module is created; unbinds and closes the engine on shutdown. */
@Injectable()
export class PiccoloLifecycle implements OnApplicationShutdown {
  constructor(@Inject(PICCOLO_MODULE_OPTIONS) private readonly options: PiccoloModuleOptions) {}

  /** Runs while Nest creates the module: a failing connection stops `NestFactory.create()`. */
  async start(): Promise<void> {
    const { engine, tables = [] } = this.options;
    bindEngine(engine, tables);
    if (this.options.setDefault ?? true) setDefaultEngine(engine);
    activateEngine(engine);
    try {
      if (this.options.startPool ?? true) await engine.startPool();
    } catch (error) {
      this.unbind();
      throw error;
    }
  }

  async onApplicationShutdown(): Promise<void> {
    this.unbind();
    if (this.options.closeOnShutdown ?? true) await this.options.engine.close();
  }

  private unbind(): void {
    const { engine, tables = [] } = this.options;
    unbindEngine(tables);
    if (getDefaultEngine() === engine) setDefaultEngine(undefined);
    deactivateEngine(engine);
  }
}
