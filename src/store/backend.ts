/** Which SQL engine a store runs on. */
export type Backend = 'sqlite' | 'postgres';
