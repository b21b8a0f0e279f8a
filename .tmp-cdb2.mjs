import pg from 'pg';
import { readdirSync, readFileSync } from 'node:fs';
function statFields(pid){const t=readFileSync(`/proc/${pid}/stat`,'utf8');return t.slice(t.lastIndexOf(') ')+2).split(' ');}
function cpu(pm){const o=statFields(pm);let k=+o[11]+ +o[12]+ +o[13]+ +o[14];for(const p of readdirSync('/proc').filter(d=>/^\d+$/.test(d))){try{const f=statFields(p);if(f[1]===pm)k+=+f[11]+ +f[12]}catch{}}return k/100;}
const pm = readFileSync('/tmp/suite38b-pg/data/postmaster.pid','utf8').split('\n')[0];
const conn = { host: '/tmp/suite38b-pg', port: 5602, user: 'postgres', database: 'postgres' };
const admin = new pg.Client(conn); await admin.connect();
const N = 15; const names = Array.from({length: N}, (_, i) => `z${process.pid}_${i}`);
const strategy = process.argv[2];
let c0 = cpu(pm);
for (const n of names) await admin.query(`CREATE DATABASE ${n} TEMPLATE template0 STRATEGY ${strategy}`);
const create = cpu(pm) - c0; c0 = cpu(pm);
for (const n of names) { const c = new pg.Client({ ...conn, database: n }); await c.connect(); await c.query('select 1'); await c.end(); }
await new Promise(r => setTimeout(r, 300));
const connect1 = cpu(pm) - c0; c0 = cpu(pm);
for (const n of names) { const c = new pg.Client({ ...conn, database: n }); await c.connect(); await c.query('select 1'); await c.end(); }
await new Promise(r => setTimeout(r, 300));
const connect2 = cpu(pm) - c0; c0 = cpu(pm);
for (const n of names) await admin.query(`DROP DATABASE ${n}`);
const drop = cpu(pm) - c0;
console.log(strategy, 'per db ms: create', (create/N*1000).toFixed(0), 'first connect', (connect1/N*1000).toFixed(0), 'second connect', (connect2/N*1000).toFixed(0), 'drop', (drop/N*1000).toFixed(0));
await admin.end();
