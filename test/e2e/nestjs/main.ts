/**
 * The app's entry point, as `node dist/main.js` runs it: settings from NEST_DB (JSON). It starts,
 * answers one request over HTTP, then closes, and the process must end by itself (no pool left
 * open). A wrong database config must stop it at bootstrap with NestJS's default handling (exit 1).
 */
import { NestFactory } from "@nestjs/core";
import { AppModule, type DatabaseSettings } from "./app";

async function main(): Promise<void> {
  const settings = JSON.parse(process.env.NEST_DB ?? "{}") as DatabaseSettings;
  const app = await NestFactory.create(AppModule.withSettings(settings), { logger: ["error"] });
  app.enableShutdownHooks();
  await app.listen(0, "127.0.0.1");
  const response = await fetch(`${await app.getUrl()}/bands/engine`);
  console.log(`engine: ${JSON.stringify(await response.json())}`);
  await app.close();
  console.log("closed");
}

void main();
