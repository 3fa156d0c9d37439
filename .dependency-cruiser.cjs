// The layout of src/, checked by a machine (`npm test` runs it; see src/lib/server/README.md).
// Rooms, from low to high: the kernel (config, log, db, mail, jobs, notify), the
// capabilities (accounts, initiatives, directory, activities, …) with their access modules in
// access/, then the rooms that compose them (personal-data, demo, app.ts) and serve the routes
// (http), then the routes.
const KERNEL = '^src/lib/server/(config|log|db|mail|jobs|notify|pagecache)(/|\\.ts$)';
const CAPABILITIES = '^src/lib/server/(accounts|initiatives|directory|activities|exchange|messages|announcements|moderation|deals|profiles|stories|outside|handover|expertise|space|impact|access)/';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
	forbidden: [
		{
			name: 'no-circular',
			severity: 'error',
			comment: 'A circle between modules: split the shared part into a module both can import.',
			from: { path: '^src/' },
			to: { circular: true }
		},
		{
			name: 'routes-not-to-database',
			severity: 'error',
			comment: 'Routes stay thin: they call a capability, never the database or its query builder.',
			from: { path: '^src/routes/', pathNot: '^src/routes/healthz/' },
			to: { path: ['^src/lib/server/db/', '^node_modules/drizzle-orm/'], dependencyTypesNot: ['type-only'] }
		},
		{
			name: 'lib-not-to-routes',
			severity: 'error',
			comment: 'Nothing in src/lib depends on a route.',
			from: { path: '^src/lib/' },
			to: { path: '^src/routes/' }
		},
		{
			name: 'kernel-not-to-capabilities',
			severity: 'error',
			comment:
				'The kernel serves every capability and knows none (db/schema.ts only gathers their tables). The notice room (notify/) may name the person table: its preferences belong to a person and its digest mails go to one.',
			from: { path: KERNEL, pathNot: '^src/lib/server/db/schema\\.ts$' },
			to: {
				path: [CAPABILITIES, '^src/lib/server/(personal-data|demo)/', '^src/lib/server/app\\.ts$'],
				pathNot: ['^src/lib/server/accounts/schema\\.ts$', '^src/lib/server/personal-data/part\\.ts$']
			}
		},
		{
			name: 'capabilities-not-to-composition',
			severity: 'error',
			comment:
				'A capability exports its own personal-data part (typed by personal-data/part.ts) and to-do source (typed by start/todo.ts) and imports nothing back from the rooms that compose all capabilities.',
			from: { path: CAPABILITIES },
			to: { path: ['^src/lib/server/(personal-data|demo|start)/', '^src/lib/server/app\\.ts$'], pathNot: ['^src/lib/server/personal-data/part\\.ts$', '^src/lib/server/start/todo\\.ts$'] }
		},
		{
			name: 'accounts-below-activities',
			severity: 'error',
			comment: 'Accounts come before the things people do with them: they import no activity, directory or access module.',
			from: { path: '^src/lib/server/accounts/' },
			to: { path: '^src/lib/server/(directory|activities|access)/' }
		},
		{
			name: 'activity-core-not-to-sub-rooms',
			severity: 'error',
			comment:
				'The sub-rooms of activities (guests, import, network) build on its core; the core does not reach into them. Only notifications/queues.ts joins the guest part to the mail core.',
			from: { path: '^src/lib/server/activities/[^/]+\\.ts$' },
			to: { path: '^src/lib/server/activities/(guests|import|network)/' }
		},
		{
			name: 'notification-core-not-to-guests',
			severity: 'error',
			comment: 'The guest part of activity mails depends on the notification core, not the other way round.',
			from: { path: '^src/lib/server/activities/notifications/', pathNot: '^src/lib/server/activities/notifications/queues\\.ts$' },
			to: { path: '^src/lib/server/activities/guests/' }
		},
		{
			name: 'outside-not-to-its-kinds',
			severity: 'error',
			comment: 'Outside requests (outside/) are shared by the capabilities built on them (handover, the expertise pool); they name none of them.',
			from: { path: '^src/lib/server/outside/' },
			to: { path: '^src/lib/server/(handover|expertise)/' }
		}
	],
	options: {
		doNotFollow: { path: 'node_modules' },
		exclude: { path: ['^src/lib/paraglide/', '\\.svelte-kit/'] },
		tsConfig: { fileName: 'tsconfig.json' },
		tsPreCompilationDeps: true,
		combinedDependencies: true,
		enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'], extensions: ['.ts', '.js', '.svelte', '.json'] }
	}
};
