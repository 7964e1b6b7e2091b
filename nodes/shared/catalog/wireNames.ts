import type { Param } from './types';

/** Synqly's field names on the wire: the snake_case of a param's name, unless the param names its own. */

export const snakeCase = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** The field name a param has on the wire: `wire`, or the snake_case of its name. */
export const wireName = (param: Param) => param.wire ?? snakeCase(param.name);
