import pino from "pino";

/** One logger for the process; main.ts sets its level from the parsed environment. */
export const logger = pino({ level: "info" });
