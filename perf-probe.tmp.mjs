const show = (l) => { const m = process.memoryUsage(); console.error(l.padEnd(12), 'rss', Math.round(m.rss/2**20), 'heap', Math.round(m.heapUsed/2**20), 'ext', Math.round(m.external/2**20), 'maxRSS', Math.round(process.resourceUsage().maxRSS/1024)); };
show('start');
const { runGenerateCommand } = await import('./dist/cli/generate-command.js'); show('cli import');
await runGenerateCommand(['bench/reference-table.sql', '-r', '10', '-F', 'copy', '-f', '/dev/null', '-j', '1']); show('gen');
