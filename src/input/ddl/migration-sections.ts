/**
 * Migration tools' files as users pass them: one file holds an Up and a Down
 * section (goose `-- +goose Up/Down`, dbmate `-- migrate:up/down`,
 * sql-migrate `-- +migrate Up/Down`, Play evolutions `-- !Ups/!Downs`), or a
 * whole file undoes another (golang-migrate `*.down.sql`, diesel `down.sql`,
 * Flyway undo `U1__*.sql`, sqitch `revert/*.sql`). The Down side undoes the
 * Up side: run as DDL it drops the tables just made. It is left out, with a
 * warning; the schema is what the Up sections make.
 */
import { basename, dirname } from 'node:path';
import { formatLocation, type SourceLocation, type Warning } from '../../errors.js';
import { linesAtTopLevel } from './source-text.js';

const PLAY = 'Play evolutions';

/** A marker line: an up or a down section starts after it. */
const MARKERS: readonly { readonly tool: string; readonly pattern: RegExp }[] = [
  { tool: 'goose', pattern: /^--\s*\+goose\s+(up|down)\b/i },
  { tool: 'dbmate', pattern: /^--\s*migrate:(up|down)\b/i },
  { tool: 'sql-migrate', pattern: /^--\s*\+migrate\s+(up|down)\b/i },
  { tool: 'micrate', pattern: /^--\s*\+micrate\s+(up|down)\b/i },
  { tool: PLAY, pattern: /^(?:#|--)\s*-*\s*!(up|down)s\b/i },
];

const ANY_MARKER = /^[ \t]*(?:--|#)\s*(?:\+goose|migrate:|\+migrate|\+micrate|-*\s*!(?:up|down)s)/im;

export interface DownSections {
  /** The text with every Down section (and Play's `#` marker lines, not SQL) blanked: same length, same lines. */
  readonly text: string;
  /** The left-out sections' first lines, and the tool whose markers they are. */
  readonly leftOut: readonly {
    readonly location: SourceLocation;
    readonly lines: number;
    readonly tool: string;
  }[];
}

interface LeftOutSection {
  readonly location: SourceLocation;
  lines: number;
  readonly tool: string;
}

/** Blank out the Down sections of a file with migration tools' section markers. */
export function withoutDownSections(file: string, text: string): DownSections {
  if (!ANY_MARKER.test(text)) return { text, leftOut: [] };
  const lines = text.split('\n');
  const topLevel = linesAtTopLevel(text);
  const markers = lines.map((line, index) => (topLevel[index] === false ? undefined : markerOf(line.trim())));
  // Play evolutions' `#` lines (`# --- !Ups`, `# Users schema`) are Play's comments, not SQL.
  const hashComments = markers.some((m) => m?.tool === PLAY);
  const leftOut: LeftOutSection[] = [];
  let down: LeftOutSection | null = null;
  const kept = lines.map((line, index) => {
    const trimmed = line.trim();
    const marker = markers[index];
    if (marker !== undefined) {
      down = marker.down
        ? { location: { file, line: index + 1, column: 1 }, lines: 0, tool: marker.tool }
        : null;
      if (down !== null) leftOut.push(down);
    }
    if (hashComments && topLevel[index] !== false && trimmed.startsWith('#')) return ' '.repeat(line.length);
    if (marker !== undefined || down === null) return line;
    if (trimmed !== '') down.lines = index + 1 - down.location.line;
    return ' '.repeat(line.length);
  });
  return { text: leftOut.length === 0 && !hashComments ? text : kept.join('\n'), leftOut };
}

function markerOf(line: string): { tool: string; down: boolean } | undefined {
  for (const { tool, pattern } of MARKERS) {
    const m = pattern.exec(line);
    if (m !== null) return { tool, down: (m[1] ?? '').toLowerCase() === 'down' };
  }
  return undefined;
}

/**
 * Whether a file, by its name, undoes a migration (golang-migrate and
 * node-pg-migrate `*.down.sql`, diesel's `down.sql`, Flyway undo
 * `U<version>__*.sql`, a sqitch `revert/` script): what tool, or undefined.
 */
export function downMigrationFile(file: string): string | undefined {
  const name = basename(file);
  if (/(^|[._-])down\.sql$/i.test(name)) return 'a down migration (*.down.sql, down.sql)';
  if (/^U\d+(?:[._]\d+)*__.*\.sql$/.test(name)) return 'a Flyway undo migration (U<version>__*.sql)';
  if (basename(dirname(file)) === 'revert') return 'a sqitch revert script (revert/*.sql)';
  return undefined;
}

/** What was left out as undoing a migration, across the files read: one warning at the end. */
export interface DownMigrationLog {
  /** A whole file (`what`: which kind of undo it is by its name). */
  noteFile(file: string, what: string): void;
  /** The Down sections of one file. */
  noteSections(file: string, sections: DownSections['leftOut']): void;
  warning(): Warning | null;
}

export function createDownMigrationLog(): DownMigrationLog {
  const items: { location: SourceLocation; text: string }[] = [];
  return {
    noteFile(file, what) {
      items.push({ location: { file, line: 1, column: 1 }, text: `${file} (${what})` });
    },
    noteSections(file, sections) {
      const [first] = sections;
      if (first === undefined) return;
      const lines = sections.map((s) => `${s.location.line}-${s.location.line + s.lines}`).join(', ');
      items.push({
        location: first.location,
        text: `the ${[...new Set(sections.map((s) => s.tool))].join('/')} Down section${sections.length === 1 ? '' : 's'} of ${file} (lines ${lines})`,
      });
    },
    warning() {
      const [first] = items;
      if (first === undefined) return null;
      const shown = items.slice(0, 5).map((i) => i.text);
      if (items.length > 5) shown.push(`${items.length - 5} more`);
      return {
        code: 'DOWN_MIGRATION',
        message: `left out what undoes a migration: ${shown.join('; ')}. Run as DDL it would drop what the up migrations made; the schema is what those make`,
        where: formatLocation(first.location),
      };
    },
  };
}
