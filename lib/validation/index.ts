// Validation of writes: column rules and class-validator decorators, installed into the write path
// on import (lib/index.ts imports this, so every write is validated).
import { installWriteValidator } from "../table/write-validation";
import { writeValidator } from "./validator";

installWriteValidator(writeValidator);

export { validate, type ValidateOptions } from "./validator";
export { rules, type RulesDecorator, type PropertyRule } from "./tc39-rules";
export { tableJsonSchema, type JsonSchema, type JsonSchemaOptions, type JsonSchemaVariant } from "./json-schema";
