const show = (l) => { const m = process.memoryUsage(); console.error(l.padEnd(12), 'rss', Math.round(m.rss/2**20), 'heap', Math.round(m.heapUsed/2**20), 'ext', Math.round(m.external/2**20), 'maxRSS', Math.round(process.resourceUsage().maxRSS/1024)); };
const { loadSchema } = await import('./dist/run/load-schema.js'); show('import');
const s = await loadSchema(['bench/reference-table.sql']); show('loaded');
