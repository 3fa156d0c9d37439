// The V8 flags the server runs with. They live in ONE place, package.json's `config.nodeFlags`, which the npm
// scripts put on the `node` command (`node $npm_package_config_nodeFlags scripts/start.js`); NODE_OPTIONS
// cannot carry every V8 flag. The bench and the browser tests start the server with the same list from here.
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

export const serverNodeFlags: string[] = String(pkg.config?.nodeFlags ?? '')
	.split(/\s+/)
	.filter(Boolean);
