/** Injection token of the validated `CoreConfig` each app provides. */
export const CORE_CONFIG = Symbol('CORE_CONFIG');
