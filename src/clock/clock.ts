/** The current time, injected everywhere so tests fix it (DESIGN.md invariant 7). */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();
