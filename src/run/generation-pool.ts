/**
 * Row generation on worker threads (`-j N`). A table's rows are cut into
 * blocks [a, b); each block is encoded as COPY text (or CSV, JSON Lines) on whichever worker is
 * free, and the blocks are handed on in row order, so the bytes are the same
 * for any number of workers or block size (every value is a function of
 * seed, table, column and row). Each table stream keeps a bounded number of
 * blocks in flight, so memory stays flat however many rows there are; a
 * worker takes a job only with a token of the run's thread budget, which
 * compression shares.
 *
 * `-j N` is N generating threads: N - 1 workers (no more than the machine
 * has cores less one: more generating threads than cores cannot go faster;
 * each costs ~25-50 MiB) and the calling thread, which has the value
 * functions built already. It passes blocks on to the output (a write per
 * block) and, while the block it must write next is not back, encodes a
 * block no worker has taken yet (the last one queued, so the workers keep
 * the blocks next in order): it saves a worker's start (its modules, faker's
 * data, the value functions: ~0.2 s of CPU) and uses the time the calling
 * thread would wait. Each busy thread holds a token of the budget. Workers
 * are started on first need (or before the plan: worker-head-start.ts;
 * those get it when the pool is made), rebuild the value functions from the schema and plan (structured clones)
 * and take blocks once they say they are ready. Tables below `minRows` rows
 * are generated on the calling thread: a worker's start costs more than
 * they do; so are a run's tables when too few rows would go to workers
 * (parallel-threshold.ts).
 */
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import {
  type DeflateMessage,
  type DeflateReply,
  type DeflateThreads,
  hasExited,
  stopWorker,
  type ThreadBudget,
} from '../archive/index.js';
import { createTypeLookup, type TypeLookup } from '../checks/type-resolution.js';
import { fromSpares, releasable } from '../encode/chunk-release.js';
import type { GroupJobs, ParquetCodecOptions } from '../encode/parquet-table.js';
import type { RowRange } from '../encode/table-chunks.js';
import {
  createBlockEncoder,
  type ParquetGroupJobs,
  serialTableRows,
  type TableRows,
  type TableRowsRequest,
} from '../format/table-rows.js';
import type { ValueSource } from '../generate/value-source.js';
import type { Schema } from '../schema/model.js';
import { type BlockQueue, orderedBlocks } from './block-stream.js';
import { deflateHere } from './deflate-here.js';
import type { WorkerJob, WorkerReply } from './generation-worker.js';
import { type GenerationError, poolWorkerCount, replyError } from './generation-worker-start.js';
import {
  blocksInFlight,
  groupsInFlight,
  MIN_PARALLEL_ROWS,
  rowsInBlocks,
  WORKER_START_ROWS,
} from './parallel-threshold.js';
import { type BlockReply, type GroupQueue, rowGroupJobs } from './row-group-jobs.js';
import {
  type Job,
  type Slot,
  sendJob,
  setReady,
  slotForNextJob,
  slotsText,
  startSlot,
  takeAnswered,
} from './worker-slots.js';

export interface GenerationPoolOptions {
  /** Worker threads (at most). */
  readonly workers: number;
  /** Shared with compression: worker jobs running at once. */
  readonly budget: ThreadBudget;
  /** Rows per block; default: sized from the table's first blocks to about `TARGET_BLOCK_BYTES`. */
  readonly blockRows?: number;
  /** Tables with fewer rows are generated on the calling thread (default `MIN_PARALLEL_ROWS`; 0: every table on workers). */
  readonly minRows?: number;
  /** Workers started before the plan was made (worker-head-start.ts): the first ones the pool uses (null: none left). */
  readonly headStart?: () => Worker | null;
}

export interface GenerationPool {
  readonly tableRows: TableRows;
  /** A Parquet file's row groups on the workers; undefined for a table made on the calling thread. */
  readonly groupJobs: ParquetGroupJobs;
  /**
   * The workers as deflate threads: an archive's compression on the same threads (and tokens) as generation.
   * Undefined in a run too small for workers (`WORKER_START_ROWS`): a generation worker started only to
   * deflate costs 0.3-0.9 s of CPU (its modules, the plan's value functions), the shared deflate workers
   * (archive/deflate-pool.ts) ~15 ms, and compress to the same bytes.
   */
  readonly deflateThreads?: DeflateThreads;
  /** Stop the workers (waits for them to exit). */
  close(): Promise<void>;
}

/** Written blocks' buffers kept for reuse (about the blocks in flight). */
const MAX_SPARES = 12;

/** The pool's state and steps: workers (slots), the queue of jobs, spare buffers, the first failure. */
class Pool {
  private readonly slots: Slot[] = [];
  private readonly maxWorkers: number;
  private readonly queue: Job[] = [];
  private readonly serial: TableRows;
  /** Domains followed to their base types, for JSON Lines. */
  private readonly types: TypeLookup;
  /** Buffers of blocks written out (chunk-release.ts), sent back to a worker with its next job. */
  private readonly spares: ArrayBufferLike[] = [];
  private readonly minRows: number;
  /** The run's tables of blocks are big enough for workers (`WORKER_START_ROWS`): else every table is made here. */
  readonly parallel: boolean;
  private readonly budget: ThreadBudget;
  private readonly unlisten: () => void;
  private nextId = 1;
  private failure: Error | null = null;
  private closed = false;
  private here: ReturnType<typeof createBlockEncoder> | null = null;
  /** What a table's row groups (row-group-jobs.ts) ask of the pool. */
  private readonly groupQueue: GroupQueue = {
    enqueue: (message, owner, made) => this.enqueue(message, owner, made),
    encodeHere: (mine, encode) => this.encodeHere(mine, encode),
    drop: (mine) => this.drop(mine),
  };
  /** What a table's block stream (block-stream.ts) asks of the pool. */
  private readonly blockQueue: BlockQueue<Job> = {
    submit: (message, mine) => this.submit(message, mine),
    encodeHere: (mine) => this.encodeHere(mine),
    drop: (mine) => this.drop(mine),
  };

  constructor(
    private readonly schema: Schema,
    private readonly source: ValueSource,
    private readonly options: GenerationPoolOptions,
  ) {
    this.maxWorkers = poolWorkerCount(options.workers, availableParallelism());
    this.types = createTypeLookup(schema);
    this.serial = serialTableRows(source, this.types);
    this.minRows = options.blockRows === undefined ? (options.minRows ?? MIN_PARALLEL_ROWS) : 0;
    this.parallel =
      options.blockRows !== undefined ||
      options.minRows !== undefined ||
      rowsInBlocks(source.plan, this.minRows) >= WORKER_START_ROWS;
    this.budget = options.budget;
    this.unlisten = this.budget.listen(() => this.pump());
    process.on('beforeExit', this.stalled);
    if (this.parallel) this.startEarly();
  }

  /** Workers started before the plan get it now: they build the value functions while this thread writes what comes before the rows. */
  private startEarly(): void {
    while (this.slots.length < this.maxWorkers) {
      const early = this.options.headStart?.() ?? null;
      if (early === null) return;
      this.start(early);
    }
  }

  /**
   * The process is about to end with nothing left to wait on. With a job
   * still waiting that cannot be: a worker's thread ended without a word
   * (its `exit` unheard), so its `ready` or reply never comes. A worker gone
   * before it was ready is replaced (its jobs were never sent); any other
   * stall fails the run with the pool's state, not an output cut short.
   */
  private readonly stalled = (): void => {
    const waiting = this.queue.length + this.slots.reduce((n, slot) => n + slot.jobs.length, 0);
    if (this.closed || this.failure !== null || waiting === 0) return;
    const gone = this.slots.filter((slot) => hasExited(slot.worker));
    if (gone.length > 0 && gone.every((slot) => slot.jobs.length === 0)) {
      for (const slot of gone) this.slots.splice(this.slots.indexOf(slot), 1);
      this.pump();
      return;
    }
    this.fail(
      new Error(
        `generation pool stalled: ${this.queue.length} jobs queued, workers ${slotsText(this.slots)}, ${this.budget.size} tokens`,
      ),
    );
  };

  private keepSpare(buffer: ArrayBufferLike): void {
    if (this.spares.length < MAX_SPARES) this.spares.push(buffer);
  }

  private fail(error: Error): void {
    if (this.failure !== null) return;
    this.failure = error;
    for (const job of this.queue.splice(0)) job.reject(error);
    for (const slot of this.slots) {
      if (slot.jobs.length > 0) {
        for (const job of slot.jobs.splice(0)) job.reject(error);
        this.budget.release();
      }
      void slot.worker.terminate();
    }
  }

  private start(given?: Worker): Slot {
    const slot = startSlot(given ?? this.options.headStart?.() ?? null, this.schema, this.source.plan, {
      answered: (reply) => this.answered(slot, reply),
      failed: (error) => this.fail(error),
      exited: (code) => {
        if (!this.closed) this.fail(new Error(`generation worker exited with code ${code}`));
      },
    });
    this.slots.push(slot);
    return slot;
  }

  /** A worker's reply: it is ready, or a job of its own is done (by id: a deflate job is answered at once, a block once the worker has its plan). */
  private answered(slot: Slot, reply: WorkerReply | DeflateReply): void {
    if ('kind' in reply) setReady(slot);
    else {
      const job = takeAnswered(slot, reply.id, this.budget);
      if (job === undefined) return;
      job.settle(reply);
    }
    this.pump();
  }

  /** A worker started while there are fewer than the most, then the slot to take the next job (worker-slots.ts). */
  private nextSlot(): Slot | undefined {
    if (this.slots.length < this.maxWorkers) this.start();
    return slotForNextJob(this.slots, this.budget);
  }

  private pump(): void {
    while (this.queue.length > 0 && this.failure === null) {
      const slot = this.nextSlot();
      if (slot === undefined) return;
      sendJob(slot, this.queue.shift() as Job, this.spares);
    }
  }

  /** Queue a block; `owner` collects the stream's jobs so a stream given up early can take back those not started. */
  private submit(message: Omit<WorkerJob, 'kind' | 'id' | 'spares'>, owner: Set<Job>): Promise<Uint8Array> {
    return this.enqueue(message, owner, ({ buffer, length }) =>
      releasable(new Uint8Array(buffer, 0, length), () => this.keepSpare(buffer)),
    );
  }

  /** Queue a job; its reply as `made` makes it. */
  private enqueue<T>(
    message: Omit<WorkerJob, 'kind' | 'id' | 'spares'>,
    owner: Set<Job>,
    made: (reply: BlockReply) => T,
  ): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      if (this.failure !== null) return reject(this.failure);
      const job: Job = {
        message: { kind: 'job', id: this.nextId++, ...message },
        transfer: [],
        settle: (reply) => {
          owner.delete(job);
          if ('error' in reply) return reject(replyError(reply as GenerationError));
          resolve(made(reply as BlockReply));
        },
        reject: (error) => {
          owner.delete(job);
          reject(error);
        },
      };
      owner.add(job);
      this.queue.push(job);
      this.pump();
    });
  }

  /** A deflate job, ahead of the blocks waiting (it frees an archive chunk; blocks only make more). */
  deflate(message: Omit<DeflateMessage, 'id'>, transfer: ArrayBuffer[]): Promise<DeflateReply> {
    return new Promise<DeflateReply>((resolve, reject) => {
      if (this.failure !== null) return reject(this.failure);
      // Its output goes back to the workers once written (as a spare: one too small for a block is dropped there).
      const settle = (reply: WorkerReply | DeflateReply): void => {
        const { output } = reply as DeflateReply;
        if (output !== undefined) releasable(output, () => this.keepSpare(output.buffer));
        resolve(reply as DeflateReply);
      };
      const job: Job = { message: { ...message, id: this.nextId++ }, transfer, settle, reject };
      this.queue.unshift(job);
      this.pump();
    });
  }

  /**
   * The oldest deflate job no worker has taken, run on the calling thread (with a token) while the
   * archive waits for a chunk; false when there is none (or no token). The workers deflated every chunk
   * while this thread, its blocks made, waited for them (`-F c -Z 1 -j 2`, 1M reference rows: the
   * worker's thread 1.74 CPU s, this one 1.16).
   */
  deflateHere(): boolean {
    let at = -1;
    for (let i = 0; i < this.queue.length; i++) if (this.queue[i]?.message.kind === 'deflate') at = i;
    if (at < 0 || this.failure !== null || !this.budget.tryAcquire()) return false;
    const [job] = this.queue.splice(at, 1) as [Job];
    try {
      job.settle(deflateHere(job.message as DeflateMessage).reply);
    } finally {
      this.budget.release();
    }
    return true;
  }

  /**
   * The calling thread encodes the last of `mine`'s blocks no worker has
   * taken, holding a token while it does; false when there is none (or no
   * token). Its bytes are the workers' bytes: the same encoder, the same plan.
   */
  private encodeHere(mine: Set<Job>, encode?: (message: Omit<WorkerJob, 'spares'>) => BlockReply): boolean {
    if (this.failure !== null) return false;
    for (let i = this.queue.length - 1; i >= 0; i--) {
      const job = this.queue[i] as Job;
      if (job.message.kind !== 'job' || !mine.has(job)) continue;
      if (!this.budget.tryAcquire()) return false;
      this.queue.splice(i, 1);
      try {
        if (encode !== undefined) job.settle(encode(job.message));
        else {
          this.here ??= createBlockEncoder(this.source, this.types);
          const bytes = this.here(job.message, (length) => fromSpares(this.spares, length));
          job.settle({ id: job.message.id, buffer: bytes.buffer, length: bytes.length });
        }
      } catch (error) {
        job.reject(error instanceof Error ? error : new Error(String(error)));
      } finally {
        this.budget.release();
      }
      return true;
    }
    return false;
  }

  /** Drop `mine`'s jobs not yet started (a stream given up early). */
  private drop(mine: Set<Job>): void {
    for (let i = this.queue.length - 1; i >= 0; i--)
      if (mine.has(this.queue[i] as Job)) this.queue.splice(i, 1);
  }

  /**
   * A Parquet file's row groups of a table on the workers (parquet-table.ts
   * queues them), or undefined where its rows are made on the calling
   * thread (as `tableRows` decides).
   */
  groupJobs(tableIndex: number, range: RowRange, codec: ParquetCodecOptions): GroupJobs | undefined {
    if (!this.parallel || range.end - range.start < Math.max(1, this.minRows)) return undefined;
    const inFlight = groupsInFlight(this.options.workers, availableParallelism());
    return rowGroupJobs(this.groupQueue, tableIndex, codec, inFlight);
  }

  /** A table's COPY text (or CSV, JSON Lines): on the calling thread below `minRows` rows (or in a run too small for workers), else in blocks on the workers. */
  tableRows(request: TableRowsRequest): AsyncIterable<Uint8Array> {
    const start = request.range?.start ?? 0;
    const end = request.range?.end ?? this.source.plan.tables[request.tableIndex]?.rows ?? 0;
    return !this.parallel || end - start < Math.max(1, this.minRows)
      ? this.serial(request)
      : orderedBlocks<Job>(this.blockQueue, request, {
          first: start,
          rows: end,
          maxInFlight: blocksInFlight(this.options.workers, availableParallelism()),
          ...(this.options.blockRows === undefined ? {} : { blockRows: this.options.blockRows }),
        });
  }

  async close(): Promise<void> {
    this.closed = true;
    this.unlisten();
    process.off('beforeExit', this.stalled);
    await Promise.all(this.slots.map((slot) => stopWorker(slot.worker)));
  }
}

export function createGenerationPool(
  schema: Schema,
  source: ValueSource,
  options: GenerationPoolOptions,
): GenerationPool {
  const pool = new Pool(schema, source, options);
  return {
    ...(pool.parallel
      ? {
          deflateThreads: {
            deflate: (message, transfer) => pool.deflate(message, transfer),
            runWaiting: () => pool.deflateHere(),
          },
        }
      : {}),
    tableRows: (request) => pool.tableRows(request),
    groupJobs: (tableIndex, range, codec) => pool.groupJobs(tableIndex, range, codec),
    close: () => pool.close(),
  };
}
