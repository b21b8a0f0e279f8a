/**
 * Version 23: a helpdesk's words. A ticket's subject is a problem as a
 * customer writes it (`Cannot export invoices`, `Login page not loading`,
 * `Question about my subscription`), and a ticket's comment or message body
 * is an exchange of support sentences (were title words, `Rotten Orchid`,
 * and sentences of random nouns).
 */
import type { Table } from '../../schema/model.js';
import type { RowRandom } from '../random.js';
import type { SemanticGenerator } from './semantic-generator.js';

const list = (text: string, by = ','): string[] => text.split(by).map((w) => w.trim());

const OBJECTS = list(
  'invoices, my account, the dashboard, reports, the mobile app, notifications, my password, two-factor login, the API, webhooks, my subscription, payments, the checkout page, file uploads, the calendar sync, user permissions, the search, email alerts, the CSV export, my order, the integration with Slack, the billing page, team invites, the login page',
);
const VERBS = list(
  'export, log in to, update, cancel, download, reset, access, connect, delete, open, sync, edit',
);
const SYMPTOMS = list(
  'not loading, not working, showing an error, very slow, missing data, stuck on loading, out of date, returning 500 errors, showing the wrong totals, not updating',
);
const ASKS = list(
  'Question about, Request to change, Help with, Feedback on, Billing question about, How do I set up, Refund request for',
);

const capitalized = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const pick = (rand: RowRandom, from: readonly string[]) => from[rand.below(from.length)] as string;

/** A ticket's subject: a thing that fails, an action that cannot be done, or a question. */
function subject(rand: RowRandom): string {
  const object = pick(rand, OBJECTS);
  const form = rand.below(10);
  if (form < 4) return `${capitalized(object.replace(/^(the|my) /, ''))} ${pick(rand, SYMPTOMS)}`;
  if (form < 7) return `Cannot ${pick(rand, VERBS)} ${object}`;
  return `${pick(rand, ASKS)} ${object}`;
}

const OPENINGS = list(
  'Hi there! | Hello! | Thanks for reaching out. | Thanks for the quick reply. | Hi team! | Thanks for your patience.',
  '|',
);
const MIDDLES = list(
  "I tried again this morning and it still happens. | Could you send a screenshot of the error you see? | We have passed this on to our engineering team. | This should be fixed in the latest release. | I cleared my cache and the problem is still there. | Can you tell me which browser and version you are using? | The issue started after yesterday's update. | I have reset the settings on your account. | It works on my phone but not on my laptop. | We are seeing this for a few other customers as well. | Please try logging out and back in. | I have attached the file that fails to upload. | We have issued a refund to your card.",
  '|',
);
const CLOSINGS = list(
  "Let us know if that helps. | Thanks! | Looking forward to your reply. | I'll keep this ticket open until it is resolved. | Best regards. | Have a great day.",
  '|',
);

/** A comment or message on a ticket: an opening, one or two sentences, and mostly a closing. */
function body(rand: RowRandom): string {
  const parts = [pick(rand, OPENINGS), pick(rand, MIDDLES)];
  if (rand.chance(0.4)) parts.push(pick(rand, MIDDLES));
  if (rand.chance(0.7)) parts.push(pick(rand, CLOSINGS));
  return parts.join(' ');
}

const TICKET_TABLE = /ticket|issue|incident|case|support|helpdesk|request|complaint/;
const BODY_TABLE = /comment|message|repl|note|response|conversation|thread|event/;

/** Whether a table holds a helpdesk's tickets, or (`through` true) the comments on them. */
function isTicketTable(table: Table, through: boolean): boolean {
  const name = table.name.toLowerCase();
  if (!through) return TICKET_TABLE.test(name) && !BODY_TABLE.test(name);
  return (
    BODY_TABLE.test(name) &&
    (TICKET_TABLE.test(name) ||
      table.foreignKeys.some((fk) => TICKET_TABLE.test(fk.references.name.toLowerCase())))
  );
}

/** Which helpdesk text a column holds (a ticket's subject, a comment's body), or null. */
export function supportTextOf(table: Table, tokens: readonly string[]): 'subject' | 'body' | null {
  const compact = tokens.join('');
  if (['subject', 'title', 'summary'].includes(compact) && isTicketTable(table, false)) return 'subject';
  if (
    ['body', 'message', 'content', 'text', 'comment', 'bodytext'].includes(compact) &&
    isTicketTable(table, true)
  )
    return 'body';
  return null;
}

/** The generator of a helpdesk column's text, within `maxLength` (its shorter forms drawn again). */
export function supportTextGenerator(what: 'subject' | 'body', maxLength: number): SemanticGenerator | null {
  if (maxLength < (what === 'subject' ? 40 : 120)) return null;
  const make = what === 'subject' ? subject : body;
  return {
    random(rand) {
      for (let i = 0; i < 8; i++) {
        const text = make(rand);
        if (text.length <= maxLength) return text;
      }
      return make(rand).slice(0, maxLength).trimEnd();
    },
  };
}

/** The plan's words for a helpdesk column. */
export function supportTextText(what: 'subject' | 'body'): string {
  return what === 'subject'
    ? ", a ticket's subject as a customer writes it (Cannot export invoices, Dashboard not loading)"
    : ', support sentences (Thanks for reaching out. Could you send a screenshot of the error you see?)';
}
