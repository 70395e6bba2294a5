/** How many orders a demo workspace gets unless told (`--demo N`). */
export const DEFAULT_DEMO_ORDERS = 100_000;
