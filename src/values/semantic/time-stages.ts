/**
 * Version 5: the stages of a row's life beyond version 4's pairs, as
 * chains of words (`submitted` ≤ `reviewed` ≤ `approved`, `sent` ≤
 * `delivered` ≤ `read`, `opened` ≤ `resolved` ≤ `closed`, `born` ≤ `died`,
 * `first_seen` ≤ `last_seen`, `since` ≤ `until`). A time column's stage is
 * its name's stage word (participle or noun: `approval_time`,
 * `termination_date`) once the time words around it (`_at`, `_on`, `_date`,
 * `_time`, `_ts`, `date_`) are dropped; the other words are its subject. A
 * column follows the columns of the same subject at an earlier stage of a
 * chain they share (the latest of them in the row), the row's creation
 * where they are all NULL. Every word has one rank over all chains, and a
 * column only follows columns of a lower rank or the creation (which
 * follows nothing), so the columns of a row never read each other in a cycle.
 */
import type { Table } from '../../schema/model.js';
import { nameTokens } from './column-names.js';
import { isCreationName } from './number-time-names.js';
import type { SemanticKind } from './semantic-kind.js';

interface Chain {
  /** The stages in order, each its words (participles, nouns, bare verbs). */
  readonly levels: readonly (readonly string[])[];
  /** The later stage anywhere up to the reference date (a death after a birth), not mostly soon after. */
  readonly uniform?: boolean;
  /** Version 7: stages of a person's life (born, hired), not of the record's: they do not follow its creation. */
  readonly lifeEvent?: boolean;
  /** The generator version from which the chain is read (words only it has are no stage before). */
  readonly since?: number;
}

const CHAINS: readonly Chain[] = [
  {
    levels: [
      ['drafted'],
      ['submitted', 'submission', 'submit', 'applied', 'application', 'filed', 'proposed'],
      ['reviewed', 'review'],
      [
        'approved',
        'approval',
        'rejected',
        'rejection',
        'accepted',
        'acceptance',
        'declined',
        'denied',
        'denial',
        'decided',
        'decision',
      ],
    ],
  },
  {
    levels: [
      ['queued'],
      ['sent', 'send', 'dispatched', 'emitted'],
      ['delivered', 'delivery', 'received', 'receipt', 'bounced'],
      ['read', 'seen', 'opened', 'clicked', 'viewed', 'acknowledged', 'answered', 'replied'],
    ],
  },
  {
    levels: [
      ['opened', 'open', 'reported', 'raised', 'logged'],
      ['assigned', 'triaged'],
      ['resolved', 'resolution', 'fixed', 'solved'],
      ['closed', 'close', 'closure'],
    ],
  },
  {
    levels: [
      ['requested', 'request'],
      ['granted', 'grant', 'fulfilled', 'revoked'],
    ],
  },
  {
    levels: [
      ['published', 'publish', 'posted', 'released'],
      ['unpublished', 'archived', 'retired'],
    ],
  },
  {
    levels: [
      ['checkedin', 'checkin'],
      ['checkedout', 'checkout'],
    ],
  },
  {
    levels: [
      ['born', 'birth'],
      ['died', 'death', 'deceased'],
    ],
    uniform: true,
    lifeEvent: true,
  },
  {
    levels: [
      ['hired', 'hire', 'employed', 'employment', 'onboarded'],
      ['terminated', 'termination', 'fired', 'resigned', 'resignation', 'left', 'separated', 'separation'],
    ],
    uniform: true,
    lifeEvent: true,
  },
  {
    levels: [
      ['start', 'starts', 'started', 'begin', 'begins', 'began', 'from', 'since', 'commenced'],
      [
        'end',
        'ends',
        'ended',
        'finish',
        'finished',
        'completed',
        'completion',
        'until',
        'till',
        'to',
        'thru',
      ],
    ],
  },
  {
    levels: [
      ['first', 'earliest'],
      ['last', 'latest'],
    ],
  },
  // Version 21: work handed in, then marked (`submitted_at` ≤ `graded_at`).
  {
    levels: [
      ['submitted', 'submission', 'submit', 'turnedin'],
      ['graded', 'grading', 'scored', 'marked'],
    ],
    since: 21,
  },
];

/** Stage words only chains of a later version have, and that version. */
const LATER_WORDS: ReadonlyMap<string, number> = (() => {
  const words = new Map<string, number>();
  const earlier = new Set(CHAINS.filter((c) => c.since === undefined).flatMap((c) => c.levels.flat()));
  for (const chain of CHAINS)
    if (chain.since !== undefined)
      for (const w of chain.levels.flat()) if (!earlier.has(w)) words.set(w, chain.since);
  return words;
})();

/** Words around a stage word that only say it is a time. */
const TIME_WORDS = new Set(['at', 'on', 'date', 'time', 'ts', 'timestamp', 'datetime', 'dt', 'utc', 'when']);
/** Two-word stages read as one (`check_in_date`, `checked_out_at`). */
const PHRASES: Readonly<Record<string, string>> = {
  'check in': 'checkin',
  'checked in': 'checkedin',
  'check out': 'checkout',
  'checked out': 'checkedout',
  'turned in': 'turnedin',
};

interface StageWord {
  /** Rank over all chains: a column follows only lower ranks. */
  readonly rank: number;
  /** The chains the word is in, and its level in each. */
  readonly levels: ReadonlyMap<number, number>;
}

/** Each word's rank (its longest chain of earlier words, over all chains) and its level per chain. */
function rankWords(): ReadonlyMap<string, StageWord> {
  const before = new Map<string, Set<string>>();
  const levels = new Map<string, Map<number, number>>();
  CHAINS.forEach((chain, c) => {
    chain.levels.forEach((words, level) => {
      for (const word of words) {
        if (!levels.has(word)) levels.set(word, new Map());
        levels.get(word)?.set(c, level);
        const earlier = before.get(word) ?? new Set<string>();
        for (const lower of chain.levels.slice(0, level)) for (const w of lower) earlier.add(w);
        before.set(word, earlier);
      }
    });
  });
  const ranks = new Map<string, number>();
  const rankOf = (word: string, seen: readonly string[]): number => {
    const known = ranks.get(word);
    if (known !== undefined) return known;
    if (seen.includes(word))
      throw new Error(`time-stages: stage words in a cycle: ${[...seen, word].join(' < ')}`);
    let rank = 0;
    for (const w of before.get(word) ?? []) rank = Math.max(rank, rankOf(w, [...seen, word]) + 1);
    ranks.set(word, rank);
    return rank;
  };
  const words = new Map<string, StageWord>();
  for (const [word, inChains] of levels) words.set(word, { rank: rankOf(word, []), levels: inChains });
  return words;
}

const STAGE_WORDS = rankWords();

/** A time column's stage: its stage word and the words it is of (`email` in `email_sent_at`). */
export interface TimeStage {
  readonly word: string;
  readonly subject: string;
}

/** A column name's stage (`approval_time` → approval; `first_seen` → first, of seen), or null. */
export function timeStageOf(name: string): TimeStage | null {
  let t = [...nameTokens(name)];
  while (t.length > 1 && TIME_WORDS.has(t[t.length - 1] ?? '')) t.pop();
  while (t.length > 1 && TIME_WORDS.has(t[0] ?? '')) t.shift();
  const joined: string[] = [];
  for (const w of t) {
    const phrase = PHRASES[`${joined[joined.length - 1] ?? ''} ${w}`];
    if (phrase !== undefined) joined[joined.length - 1] = phrase;
    else joined.push(w);
  }
  t = joined;
  const head = t[0] ?? '';
  if (t.length >= 2 && (head === 'first' || head === 'last' || head === 'earliest' || head === 'latest'))
    return { word: head, subject: t.slice(1).join(' ') };
  const last = t[t.length - 1] ?? '';
  if (!STAGE_WORDS.has(last) || (t.length === 1 && TIME_WORDS.has(last))) return null;
  return { word: last, subject: t.slice(0, -1).join(' ') };
}

const TIME_KINDS: ReadonlySet<SemanticKind> = new Set([
  'created_at',
  'updated_at',
  'due_at',
  'birth_date',
  'past_time',
]);

/** Whether `kind` is one of a time column's kinds. */
export function isTimeKind(kind: SemanticKind | null): boolean {
  return kind !== null && TIME_KINDS.has(kind);
}

/** Where a time column's value comes from under the stage chains. */
export interface StageOrder {
  /** The columns it follows (the latest of them), earlier stages of its own chains; empty for a chain's first stage. */
  readonly follows: readonly string[];
  /** The row's creation column, followed where `follows` are all NULL (or none), or null. */
  readonly creation: string | null;
  /** The later stage spread up to the reference date rather than mostly soon after (a death). */
  readonly uniform: boolean;
}

/**
 * A time column's place among its row's stages: the columns of its subject
 * at an earlier stage of a chain it shares with them, or, for a chain's
 * first stage, the creation alone. Null when no other time column of the
 * row is in a chain with it (version 4's rules decide). `kindOf` gives a
 * column's meaning (null: configured or no time).
 */
export function stageOrderOf(
  table: Table,
  column: string,
  kindOf: (column: string) => SemanticKind | null,
  version = 20,
): StageOrder | null {
  // A stage of a later version's chain only (`graded`, 21) is none before it; its chains are skipped.
  const stageAt = (name: string) => {
    const stage = timeStageOf(name);
    return stage === null || (LATER_WORDS.get(stage.word) ?? 0) > version ? null : stage;
  };
  const own = stageAt(column);
  if (own === null || isCreationName(column)) return null;
  const mine = STAGE_WORDS.get(own.word) as StageWord;
  const follows: string[] = [];
  let partnered = false;
  let uniform = false;
  for (const other of table.columns) {
    if (other.name === column || other.generated || isCreationName(other.name)) continue;
    const stage = stageAt(other.name);
    if (stage === null || stage.subject !== own.subject || !isTimeKind(kindOf(other.name))) continue;
    const theirs = STAGE_WORDS.get(stage.word) as StageWord;
    for (const [chain, level] of mine.levels) {
      if ((CHAINS[chain]?.since ?? 0) > version) continue;
      const at = theirs.levels.get(chain);
      if (at === undefined || at === level) continue;
      partnered = true;
      if (at < level && theirs.rank < mine.rank) {
        follows.push(other.name);
        uniform ||= CHAINS[chain]?.uniform === true;
        break;
      }
    }
  }
  if (!partnered) return null;
  const creation =
    table.columns.find(
      (c) => c.name !== column && !c.generated && isCreationName(c.name) && kindOf(c.name) === 'created_at',
    )?.name ?? null;
  return { follows, creation, uniform };
}

/**
 * Version 6: a chain's first stage of a creation or past kind follows the
 * row's creation column (a birth does not); version 7: not a life event's
 * (`hire_date`: life-events.ts places it before the creation).
 */
export function followsCreation(
  kind: SemanticKind | null,
  order: StageOrder,
  column: string,
  version: number,
): boolean {
  if (version >= 7 && isLifeEventStart(column)) return false;
  return order.creation !== null && (kind === 'created_at' || kind === 'past_time');
}

/** The first stage of a life event's chain (`hire_date`, `hired_at`, `born`), by its stage word. */
export function isLifeEventStart(name: string): boolean {
  const stage = timeStageOf(name);
  if (stage === null) return false;
  return CHAINS.some((chain) => chain.lifeEvent === true && chain.levels[0]?.includes(stage.word) === true);
}

/** Version 5: a bare birth by its stage word (`born`, `born_at`, `date_born`): a person's birth date. */
export function isBirthStage(name: string): boolean {
  const stage = timeStageOf(name);
  return stage !== null && stage.subject === '' && (stage.word === 'born' || stage.word === 'birth');
}

/**
 * Version 11: whether `column` is its row's first past moment in a table with
 * no creation-kind column (`kindOf`: a column's meaning).
 */
export function isRowFirstMoment(
  table: Table,
  column: string,
  kindOf: (column: string) => SemanticKind | null,
): boolean {
  if (table.columns.some((c) => c.name !== column && !c.generated && kindOf(c.name) === 'created_at'))
    return false;
  const first = table.columns.find(
    (c) => !c.generated && (c.name === column || kindOf(c.name) === 'past_time'),
  );
  return first?.name === column;
}
