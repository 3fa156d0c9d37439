import { randomBytes } from 'node:crypto';

/**
 * Large downloads (exports, spreadsheets) as streamed responses: the text is
 * made and sent a piece at a time, so a big file never sits in memory whole.
 */

/** An async generator of text as a streamed response body. */
export function streamText(chunks: AsyncGenerator<string>): ReadableStream<Uint8Array> {
	const encoder = new TextEncoder();
	return new ReadableStream({
		async pull(controller) {
			const { value, done } = await chunks.next();
			if (done) controller.close();
			else controller.enqueue(encoder.encode(value));
		},
		async cancel() {
			await chunks.return(undefined);
		}
	});
}

/** A value read only when the JSON writer reaches it (one part of an export at a time). */
export class Later {
	readonly read: () => Promise<unknown>;
	constructor(read: () => Promise<unknown>) {
		this.read = read;
	}
}

const isAsyncIterable = (v: unknown): v is AsyncIterable<unknown> => typeof v === 'object' && v !== null && Symbol.asyncIterator in v;

/** Pieces are sent once they are this long, not per value. */
const CHUNK = 32 * 1024;

/**
 * `JSON.stringify(value, null, space)` as a stream, with the same bytes, where
 * `value` may hold a `Later` (read when reached; `undefined` is written as
 * `null`) and async iterables (written as arrays, one item at a time: a query
 * read in batches). Everything else is written by `JSON.stringify` itself.
 */
export async function* jsonText(value: unknown, space = 2): AsyncGenerator<string> {
	const gap = ' '.repeat(space);
	const newline = gap ? '\n' : '';
	// A stand-in for a streamed value. JSON writes the NUL as the six characters `\u0000`; text from the
	// database cannot hold a NUL at all, and the nonce is new per download.
	const nonce = randomBytes(8).toString('hex');
	const standIn = new RegExp(`"\\\\u0000${nonce}:(\\d+)\\\\u0000"`, 'g');
	let buffer = '';

	async function* write(v: unknown, indent: string): AsyncGenerator<void> {
		const deferred: unknown[] = [];
		const text =
			JSON.stringify(
				v,
				(_key, x) => {
					if (!(x instanceof Later) && !isAsyncIterable(x)) return x;
					deferred.push(x);
					return `\u0000${nonce}:${deferred.length - 1}\u0000`;
				},
				gap
			) ?? 'null';
		let at = 0;
		for (const match of text.matchAll(standIn)) {
			buffer += text.slice(at, match.index).replaceAll('\n', '\n' + indent);
			at = match.index + match[0].length;
			// The streamed value starts where the stand-in stood, at that line's indentation.
			const lineStart = text.lastIndexOf('\n', match.index) + 1;
			const lineIndent = indent + /^ */.exec(text.slice(lineStart))![0];
			const x = deferred[Number(match[1])];
			if (x instanceof Later) {
				yield* write((await x.read()) ?? null, lineIndent);
				continue;
			}
			buffer += '[';
			let count = 0;
			for await (const item of x as AsyncIterable<unknown>) {
				buffer += `${count++ ? ',' : ''}${newline}${lineIndent}${gap}`;
				yield* write(item, lineIndent + gap);
				// A full buffer goes out from the loop below, before the next item is read.
				if (buffer.length >= CHUNK) yield;
			}
			buffer += count ? `${newline}${lineIndent}]` : ']';
		}
		buffer += text.slice(at).replaceAll('\n', '\n' + indent);
	}

	for await (const _full of write(value, '')) {
		yield buffer;
		buffer = '';
	}
	if (buffer) yield buffer;
}
