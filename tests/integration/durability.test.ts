import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { like } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '#lib/server/db/index.ts';
import { initiative } from '#lib/server/initiatives/schema.ts';

describe('the embedded database after a crash', () => {
	it('loses no acknowledged write when the process is killed with SIGKILL', async () => {
		const dir = await mkdtemp(path.join(tmpdir(), 'hp-crash-'));
		try {
			const child = spawn(process.execPath, ['tests/helpers/durability-writer.ts', dir], { stdio: ['ignore', 'pipe', 'inherit'] });
			let acknowledged = 0;
			await new Promise<void>((resolve, reject) => {
				child.on('exit', (code) => reject(new Error(`writer exited early with ${code}`)));
				createInterface({ input: child.stdout! }).on('line', (line) => {
					if (line === 'ready') return;
					acknowledged = Number(line);
					// Kill in the middle of the stream of writes, not after a quiet moment.
					if (acknowledged === 400) {
						child.removeAllListeners('exit');
						child.kill('SIGKILL');
						child.once('exit', () => resolve());
					}
				});
			});
			expect(acknowledged).toBeGreaterThanOrEqual(400);

			const reopened = await openDatabase({ dataDir: dir });
			const rows = await reopened.db.select({ slug: initiative.slug }).from(initiative).where(like(initiative.slug, 'crash-%'));
			await reopened.close();
			const stored = new Set(rows.map((r) => r.slug));
			const missing = Array.from({ length: acknowledged }, (_, i) => `crash-${i + 1}`).filter((s) => !stored.has(s));
			expect(missing).toEqual([]);
		} finally {
			await rm(dir, { recursive: true, force: true });
		}
	}, 120_000);
});
