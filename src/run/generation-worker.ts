/**
 * A row-generation worker thread (run by generation-pool.ts). It rebuilds the
 * value functions from the schema and plan it is sent (structured clones:
 * closures cannot cross threads), then encodes the row ranges it is asked
 * for as COPY text, each in one buffer transferred back.
 */
import { parentPort } from 'node:worker_threads';
import { DatagenError } from '../errors.js';
import { createBlockEncoder } from '../format/table-rows.js';
import { createValueSource } from '../generate/value-source.js';
import type { GenerationPlan } from '../plan/plan-model.js';
import type { Schema } from '../schema/model.js';
import { loadLocale } from '../values/semantic/load-locale.js';

export interface WorkerInit {
  readonly kind: 'init';
  readonly schema: Schema;
  readonly plan: GenerationPlan;
}

export interface WorkerJob {
  readonly kind: 'job';
  readonly id: number;
  readonly tableIndex: number;
  readonly partition: number | null;
  readonly start: number;
  readonly end: number;
}

export type WorkerReply =
  | { readonly id: number; readonly bytes: Uint8Array }
  | {
      readonly id: number;
      readonly error: {
        readonly message: string;
        readonly stack: string | null;
        readonly code: string | null;
        readonly data: Record<string, unknown> | null;
        readonly exitCode: number | null;
      };
    };

function describeError(error: unknown): Extract<WorkerReply, { error: unknown }>['error'] {
  const e = error instanceof Error ? error : new Error(String(error));
  return {
    message: e.message,
    stack: e.stack ?? null,
    code: error instanceof DatagenError ? error.code : null,
    data: error instanceof DatagenError ? (error.data as Record<string, unknown>) : null,
    exitCode: error instanceof DatagenError ? error.exitCode : null,
  };
}

const port = parentPort;
if (port !== null) {
  // The plan's locale is loaded (an import) before the value functions are built; jobs wait for it.
  let encoder: Promise<(job: WorkerJob) => Uint8Array> | null = null;
  port.on('message', (message: WorkerInit | WorkerJob) => {
    if (message.kind === 'init') {
      encoder = loadLocale(message.plan.locale).then(() =>
        createBlockEncoder(createValueSource(message.schema, message.plan)),
      );
      return;
    }
    (encoder ?? Promise.reject(new Error('generation worker got a job before its plan')))
      .then((encode) => {
        const bytes = encode(message);
        port.postMessage({ id: message.id, bytes } satisfies WorkerReply, [bytes.buffer as ArrayBuffer]);
      })
      .catch((error: unknown) => {
        port.postMessage({ id: message.id, error: describeError(error) } satisfies WorkerReply);
      });
  });
}
