// The module's exports and its declarations name the same things: a function added to one and not the other fails.
import { readFileSync } from 'node:fs';

const client = await import('../token-client.js');
const declarations = readFileSync(new URL('../token-client.d.ts', import.meta.url), 'utf8');
const declared = new Set([
    ...[...declarations.matchAll(/^export (?:function|class) (\w+)/gm)].map((match) => match[1]),
    ...[...declarations.matchAll(/^export \{ \w+ as (\w+) \}/gm)].map((match) => match[1]),
]);
const exported = new Set(Object.keys(client));
const missing = [...exported].filter((name) => !declared.has(name));
const extra = [...declared].filter((name) => !exported.has(name));
if (missing.length || extra.length) {
    console.error(`Undeclared exports: ${missing.join(', ') || 'none'}; declared but not exported: ${extra.join(', ') || 'none'}`);
    process.exit(1);
}
console.log(`${exported.size} exports, all declared`);
// The module's BroadcastChannel would keep Node running.
process.exit(0);
