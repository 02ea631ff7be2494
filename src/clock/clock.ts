/** The current time, injected everywhere so tests fix it (rule "time is passed in"). */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();
