import { driverMissing } from "../errors/factories";

/** Requires an optional driver package, or explains which package to install. */
export function loadDriver<TDriver>(packageName: string, engine: string): TDriver {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- optional peer drivers load by name, on first use
    return require(packageName) as TDriver;
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === "MODULE_NOT_FOUND" && String((error as Error).message).includes(`'${packageName}'`)) {
      throw driverMissing(packageName, engine, error);
    }
    throw error;
  }
}
