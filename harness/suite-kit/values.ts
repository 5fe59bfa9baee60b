// Short constructors for DynamoDB attribute values, so suite tables and expectations read like the items they hold.
export type AV = Record<string, any>;

export const S = (s: string) => ({ S: s });
/** Numbers are strings on the wire: `N(1)` and `N('1e3')` both work. */
export const N = (n: number | string) => ({ N: String(n) });
export const L = (...xs: AV[]) => ({ L: xs });
export const M = (m: AV) => ({ M: m });
