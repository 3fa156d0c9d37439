import { DrizzleQueryError } from 'drizzle-orm';
import pino from 'pino';
import { config } from '../config.ts';

/**
 * Structured JSON logs on stdout. Never log what members write: logs are read
 * by operators, not by the people concerned.
 */
export function createLog(destination?: pino.DestinationStream): pino.Logger {
	return pino(
		{
			level: config().LOG_LEVEL,
			base: { app: 'herstelplein' },
			redact: { paths: ['password', '*.password', 'token', '*.token'], remove: true },
			serializers: { err: errorForLog }
		},
		destination
	);
}

export const log = createLog();

/** Fields of a PostgreSQL error that name things (tables, constraints), never values. */
const DATABASE_FIELDS = ['code', 'severity', 'schema', 'table', 'column', 'dataType', 'constraint', 'routine'] as const;

type DatabaseError = Error & Partial<Record<(typeof DATABASE_FIELDS)[number], string>>;

/** An error from PostgreSQL (node-postgres or PGlite): it has a five-character SQLSTATE code. */
function isDatabaseError(error: Error): error is DatabaseError {
	const { code, severity } = error as DatabaseError;
	return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) && typeof severity === 'string';
}

/**
 * An error as it goes into the log. A failed query carries what a member
 * wrote: its parameters (text, image bytes), and PostgreSQL quotes values in
 * its message (`invalid input syntax for type uuid: "…"`) and detail
 * (`Key (email)=(…) already exists`). Only the query's shape stays (the SQL
 * with $1, $2 …), the error code and the names of tables and constraints.
 */
export function errorForLog(error: unknown, depth = 0): unknown {
	if (!(error instanceof Error)) return error;
	if (depth > 4) return { type: error.name };
	let type = error.constructor?.name ?? error.name;
	let message = error.message;
	let fields: Record<string, unknown>;
	if (error instanceof DrizzleQueryError) {
		message = `Failed query: ${error.query}`;
		fields = { params: `${error.params.length} not logged` };
	} else if (isDatabaseError(error)) {
		type = 'DatabaseError';
		const names = new Set(DATABASE_FIELDS.map((field) => error[field]).filter(Boolean));
		message = message.replace(/"([^"]*)"/g, (quoted, inner: string) => (names.has(inner) ? quoted : '"…"'));
		fields = Object.fromEntries(DATABASE_FIELDS.filter((field) => error[field] !== undefined).map((field) => [field, error[field]]));
	} else {
		// Other errors keep their plain own fields (a status, a code); objects in them may hold anything.
		fields = Object.fromEntries(Object.entries(error).filter(([key, value]) => key !== 'cause' && ['string', 'number', 'boolean'].includes(typeof value)));
	}
	return {
		type,
		message,
		...fields,
		// The stack starts with the message: the safe one takes its place.
		stack: error.stack?.replace(error.message, message),
		...(error.cause !== undefined ? { cause: errorForLog(error.cause, depth + 1) } : {})
	};
}
