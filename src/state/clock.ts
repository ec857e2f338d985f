/** Seconds since the epoch: the page's clock (the engine never reads one). */
export const clockNow = (): number => Math.floor(Date.now() / 1000);
