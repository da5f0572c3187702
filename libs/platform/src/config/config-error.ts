import { DomainError } from '../errors/domain-error.js';

/** A configuration value is missing or malformed; the message names the variable. */
export class ConfigError extends DomainError {}
