// The way many generators work: a faker call per value and a Set of seen
// values to keep keys unique. Same table shape as examples/shop.sql's
// customer table, COPY text out. Used as the baseline in run.mjs.
import { faker } from '@faker-js/faker';

function escapeCopy(value) {
  return value.replace(/[\\\t\n\r]/g, (c) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[c]);
}

export function fakerCustomers(rows) {
  faker.seed(1);
  const emails = new Set();
  let bytes = 0;
  const started = process.hrtime.bigint();
  let batch = [];
  for (let i = 0; i < rows; i++) {
    const first = faker.person.firstName();
    const last = faker.person.lastName();
    let email = faker.internet.email({ firstName: first, lastName: last });
    while (emails.has(email))
      email = faker.internet.email({
        firstName: first,
        lastName: last,
        provider: faker.internet.domainName(),
      });
    emails.add(email);
    const line = [
      String(i + 1),
      escapeCopy(first),
      escapeCopy(last),
      escapeCopy(email),
      faker.phone.number(),
      faker.date.birthdate().toISOString().slice(0, 10),
      faker.date.past({ years: 5 }).toISOString(),
      i > 0 ? String(1 + Math.floor(faker.number.int({ min: 0, max: i - 1 }))) : '\\N',
    ].join('\t');
    batch.push(line);
    if (batch.length === 1000) {
      bytes += Buffer.byteLength(batch.join('\n') + '\n');
      batch = [];
    }
  }
  bytes += Buffer.byteLength(batch.join('\n') + '\n');
  return { rows, bytes, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
}

/** The bench's reference table (bench/reference-table.sql) the same way: a faker call per value, a Set for the unique email. */
export function fakerReference(rows) {
  faker.seed(1);
  const emails = new Set();
  let bytes = 0;
  const started = process.hrtime.bigint();
  let batch = [];
  for (let i = 0; i < rows; i++) {
    const first = faker.person.firstName();
    const last = faker.person.lastName();
    let email = faker.internet.email({ firstName: first, lastName: last });
    while (emails.has(email))
      email = faker.internet.email({
        firstName: first,
        lastName: last,
        provider: faker.internet.domainName(),
      });
    emails.add(email);
    const line = [
      String(i + 1),
      escapeCopy(first),
      escapeCopy(last),
      escapeCopy(email),
      escapeCopy(faker.location.city()),
      faker.date.past({ years: 5 }).toISOString(),
      faker.finance.amount({ min: 0, max: 99999999, dec: 2 }),
      faker.datatype.boolean() ? 't' : 'f',
    ].join('\t');
    batch.push(line);
    if (batch.length === 1000) {
      bytes += Buffer.byteLength(batch.join('\n') + '\n');
      batch = [];
    }
  }
  bytes += Buffer.byteLength(batch.join('\n') + '\n');
  return { rows, bytes, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
}
