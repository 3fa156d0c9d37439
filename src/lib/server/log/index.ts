import pino from 'pino';
import { config } from '../config.ts';

/**
 * Structured JSON logs on stdout. Never log what members write: logs are read
 * by operators, not by the people concerned.
 */
export const log = pino({
	level: config().LOG_LEVEL,
	base: { app: 'herstelplein' },
	redact: { paths: ['password', '*.password', 'token', '*.token'], remove: true }
});
