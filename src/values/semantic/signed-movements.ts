/**
 * Version 24: a movement's amount whose CHECK says only that it is not zero
 * (`amount <> 0`, a ledger's or a bank's transactions) takes the sign of its
 * direction: negative where the row's direction or type column says money
 * went out (`debit`, `withdrawal`, `fee`, `payment`), positive where it came
 * in (`credit`, `deposit`, `refund`); without such a column, negative in
 * about two rows of five. Version 23 made them all positive.
 */
import type { Table } from '../../schema/model.js';
import { nameTokens } from './column-names.js';
import { type SemanticBuild, type SemanticGenerator, siblingReader } from './semantic-generator.js';

/** Values of a direction that take money out (compacted: `transfer_out` → transferout). */
const OUTGOING = new Set(
  'debit dr withdrawal withdraw fee charge out outflow outgoing expense purchase payment transferout spend sent'.split(
    ' ',
  ),
);
const INCOMING = new Set(
  'credit cr deposit refund in inflow incoming income interest topup transferin received reward'.split(' '),
);
/** Names of a movement's direction column (`direction`, `type`, `entry_type`, `dr_cr`). */
const DIRECTION_NAMES = new Set(
  'direction type kind side flow drcr transactiontype entrytype movementtype txntype txtype'.split(' '),
);

/** A movement's amount (`amount`, `transaction_amount`), not a total, tax or fee. */
function isMovementAmount(tokens: readonly string[]): boolean {
  return (
    tokens.includes('amount') &&
    tokens.length <= 2 &&
    !tokens.some((w) => ['total', 'tax', 'fee', 'due', 'paid', 'refunded'].includes(w))
  );
}

/** Whether a CHECK of the table says the column is not zero (`amount <> 0`, `amount != 0`). */
function saysNotZero(table: Table, column: string): boolean {
  const name = column.toLowerCase();
  return table.checks.some((c) =>
    c.expr.text
      .toLowerCase()
      .replace(/["()\s]/g, '')
      .replace(/::[a-z]+/g, '')
      .match(new RegExp(`(^|[^a-z0-9_])${name}(<>|!=)0(\\.0*)?($|[^0-9.])`)),
  );
}

/** Version 24: `usual`'s amounts with their direction's sign (see the module's comment); `usual` elsewhere. */
export function withMovementSign(build: SemanticBuild, usual: SemanticGenerator): SemanticGenerator {
  if (!isMovementAmount(build.tokens) || !saysNotZero(build.table, build.column.name)) return usual;
  const direction = build.table.columns.find(
    (c) => c.name !== build.column.name && DIRECTION_NAMES.has(nameTokens(c.name).join('')),
  );
  const read = direction === undefined ? null : siblingReader(build.ctx, direction.name);
  return {
    random(rand, row) {
      const text = usual.random(rand, row);
      const said = read?.(row);
      const word = typeof said === 'string' ? said.toLowerCase().replace(/[^a-z]/g, '') : '';
      const out = OUTGOING.has(word) ? true : INCOMING.has(word) ? false : rand.chance(0.4);
      return out && !text.startsWith('-') ? `-${text}` : text;
    },
  };
}
