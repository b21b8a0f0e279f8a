/**
 * Archive writing throughput: MB/s of COPY payload through writeCustomArchive
 * (gzip levels 1 and 6, and none), next to single-threaded zlib.deflateSync of
 * the same bytes in the same run, with the ratio and the peak RSS.
 *
 * Runs on the built library: `npm run build && node bench/archive.mjs`
 * (or import { runArchiveBench } from a bench runner). BENCH_ARCHIVE_MIB sets
 * the payload size (default 64), BENCH_RUNS the repetitions (default 3, best kept).
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { deflateSync } from 'node:zlib';
import { writeCustomArchive } from '../dist/archive/index.js';

const MiB = 1024 * 1024;

/** COPY rows that compress about as well as generated data does (~3-4x at level 6). */
function makePayload(bytes) {
  const batches = [];
  let total = 0;
  let i = 1;
  const words = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf', 'hotel', 'india', 'juliet'];
  while (total < bytes) {
    let batch = '';
    while (batch.length < 64 * 1024) {
      const h = Math.imul(i, 2654435761) >>> 0;
      const w = words[h % words.length];
      batch += `${i}\t${w}-${h.toString(36)}@example.com\t${w} ${words[(h >>> 8) % words.length]}\t${(h % 100000) / 100}\t2024-0${(h % 9) + 1}-1${h % 10} 12:34:56+00\n`;
      i++;
    }
    const buf = Buffer.from(batch);
    batches.push(buf);
    total += buf.length;
  }
  return { batches, total };
}

function tableEntries(batches) {
  return [
    {
      dumpId: 1,
      desc: 'TABLE',
      section: 'pre-data',
      namespace: 'public',
      tag: 'bench',
      owner: null,
      tablespace: '',
      tableam: 'heap',
      defn: 'CREATE TABLE public.bench (id bigint, email text, name text, amount numeric, at timestamptz);\n',
      dropStmt: 'DROP TABLE public.bench;\n',
      dependencies: [],
    },
    {
      dumpId: 2,
      desc: 'TABLE DATA',
      section: 'data',
      namespace: 'public',
      tag: 'bench',
      owner: null,
      defn: null,
      dropStmt: null,
      copyStmt: 'COPY public.bench (id, email, name, amount, at) FROM stdin;\n',
      dependencies: [1],
      data: async function* () {
        yield* batches;
      },
    },
  ];
}

/** Best of `runs` timings: a shared or busy machine only ever makes a run slower. */
async function timed(fn, runs) {
  let best = null;
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    const result = await fn();
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    if (best === null || seconds < best.seconds) best = { seconds, result };
  }
  return best;
}

/**
 * Run the benchmark and return its report: printable lines joined with newlines.
 * `quick`: 16 MiB and one run per figure, unless the environment variables say otherwise.
 */
export async function runArchiveBench({ quick = false } = {}) {
  const size = Number(process.env.BENCH_ARCHIVE_MIB ?? (quick ? 16 : 64)) * MiB;
  const runs = Number(process.env.BENCH_RUNS ?? (quick ? 1 : 3));
  const cores = availableParallelism();
  const { batches, total } = makePayload(size);
  const whole = Buffer.concat(batches);
  const dir = mkdtempSync(join(tmpdir(), 'datagen-bench-'));
  const header = {
    dbname: 'bench',
    createdAt: new Date(0),
    remoteVersion: '15',
    pgDumpVersion: '15 (datagen)',
  };
  let peakRss = process.memoryUsage.rss();
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage.rss());
  }, 20);
  const mbps = (seconds) => (total / 1e6 / seconds).toFixed(1);
  const lines = [
    `archive writer: custom format, ${(total / MiB).toFixed(1)} MiB of COPY payload, ${cores} cores, best of ` +
      `${runs} (payload held in memory, output to ${tmpdir()})`,
  ];
  try {
    for (const level of [1, 6]) {
      const single = await timed(() => deflateSync(whole, { level }), runs);
      const write = (workers) =>
        timed(
          () =>
            writeCustomArchive({
              entries: tableEntries(batches),
              header,
              compression: { method: 'gzip', level },
              output: join(dir, `bench-${level}-${workers}.dump`),
              workers,
              sync: false,
            }),
          runs,
        );
      const one = await write(1);
      const all = await write(cores);
      const archiveBytes = statSync(join(dir, `bench-${level}-${cores}.dump`)).size;
      lines.push(
        `gzip:${level}  deflateSync (1 thread) ${mbps(single.seconds)} MB/s` +
          ` | writeCustomArchive ${cores} workers ${mbps(all.seconds)} MB/s (${(single.seconds / all.seconds).toFixed(2)}x)` +
          ` | 1 worker ${mbps(one.seconds)} MB/s` +
          ` | ratio ${(total / archiveBytes).toFixed(2)} (deflateSync ${(total / single.result.length).toFixed(2)})`,
      );
    }
    const none = await timed(
      () =>
        writeCustomArchive({
          entries: tableEntries(batches),
          header,
          compression: { method: 'none', level: 0 },
          output: join(dir, 'bench-none.dump'),
          sync: false,
        }),
      runs,
    );
    lines.push(`none    writeCustomArchive ${mbps(none.seconds)} MB/s`);
  } finally {
    clearInterval(sampler);
    rmSync(dir, { recursive: true, force: true });
  }
  lines.push(
    `peak RSS ${(peakRss / MiB).toFixed(0)} MiB (the ${(total / MiB).toFixed(0)} MiB payload and its concatenated copy for deflateSync included)`,
  );
  return lines.join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(await runArchiveBench());
}
