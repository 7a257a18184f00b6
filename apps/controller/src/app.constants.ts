/** DI token of the validated `Config` object. */
export const CONFIG = Symbol('CONFIG');
