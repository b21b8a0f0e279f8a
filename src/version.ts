import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** datagen's version, from package.json. */
export const VERSION: string = (require('../package.json') as { version: string }).version;

/**
 * The version of the value generators: the same schema, seed and options
 * give the same bytes within one generator version. A change that alters the
 * values of an existing run raises it (and keeps the older behaviour for
 * configurations that pin `generator_version`); a configuration pinned to a
 * newer version than this is refused rather than silently producing other data.
 * A constraint fix (output that failed to load, or a table cut to fewer rows)
 * may change the values of the schemas it concerns within a version.
 */
export const GENERATOR_VERSION = 22;

/**
 * What each generator version changed (the older behaviour stays available
 * under `generator_version`):
 * - 1: the first versioned generators.
 * - 2: text columns with no recognised meaning get readable words of the
 *   locale (a small vocabulary for label-like and short columns, codes,
 *   tokens, unique `word-word-N`) instead of lorem; emails under a pattern
 *   CHECK are built from the row's names; unique columns and generic text
 *   follow `--locale`; word lists pass a blocklist of vulgar words.
 * - 3: dates and timestamps whose name tells no stage of a row's life fall
 *   in the ten years before the reference date (were 2000..2030, future
 *   included); a time meaning under CHECK bounds (`birth_date >
 *   '1900-01-01'`) keeps its values where they meet them, value by value.
 *   Also no lorem by default anywhere (and `last_*_at` times after the row's creation, `*_expires_at` deadlines): numbers kept as text (`zip`, `amount
 *   text`, `item_count varchar`, `version`, `port`) get numbers of their
 *   meaning; text under length CHECKs (`length(x) >= n`) keeps its meaning,
 *   else readable words sized to the bounds; `text[]` columns get 0–5
 *   distinct words of their vocabulary. Integer yes/no flags (`active`,
 *   `is_deleted`) are 0/1 and tries (`attempts`, `retry_count`) small;
 *   `updated_at` follows the row's `created_at` before any other start;
 *   MIME types in `content_type`, file names whose extension agrees;
 *   `schema_migrations.version` 14-digit timestamps, increasing; label
 *   vocabularies skewed with the first word at most about 40% of rows;
 *   unique text under a length minimum is words sized to it; events named
 *   by a past participle (`edited_at`, `reviewed_at`) after the creation;
 *   byte sizes, dimensions, positions, locales, host names, password
 *   hashes and polymorphic `*_type` model names (app-values.ts); an
 *   address's region and postal code of its country (country-addresses.ts),
 *   a country table's ISO numeric code, third address lines mostly NULL;
 *   short unique codes as `PRD-0042`, `AB12CD`, `harbor42` (short-codes.ts);
 *   a period's end after its own start (`currentPeriodEnd`,
 *   `multicast_session_end`), a bare `expires` and participle times
 *   (`emailVerified`) after the creation, unique past times in the past,
 *   things' names of 1-3 words, network prefixes, a city's own region;
 *   a text `host` a host name, `link` a URL, a bare `image` an image URL.
 * - 4: implied references: an integer `user_id` with no FK, in a schema with
 *   a `users` table of integer keys, holds those keys (plan/implied-keys.ts);
 *   a start of the row's work (`started_at`, `published_at`) at or after its
 *   creation, and its last change (`updated_at`) at or after the latest such
 *   start; an end after its own pair's start (`end_date` after `begin_date`
 *   beside a `start_time`, `closed_at` after `opened_at`, `read_at` after
 *   `sent_at`), after the creation where that start is NULL (row-time-order.ts);
 *   counters by meaning (`posts_day` up to 20, `likes_given`, `days_visited`);
 *   radio measures (`dr` 0–15, `f_port` 1–223, `battery_level` 0–100, RSSI,
 *   SNR; radio-values.ts); OAuth terms (`provider` in a sign-in table,
 *   `token_type`, `scope`, `grant_type`, `session_state`, an accounts
 *   table's `type`) and a text `tenant_id`'s few slugs (auth-values.ts);
 *   region codes that agree with the row: a `state_code` beside a `state`
 *   is that region's code, ISO codes for every listed country's regions and
 *   codes of a city's letters elsewhere (no US codes abroad), a locale
 *   without abbreviations codes of its regions' letters (region-codes.ts,
 *   row-region-codes.ts).
 * - 5: the stages of a row's life in order beyond version 4's pairs
 *   (submitted ≤ reviewed ≤ approved, sent ≤ delivered ≤ read, opened ≤
 *   resolved ≤ closed, requested ≤ granted, published ≤ archived, checked
 *   in ≤ out, born ≤ died, hired ≤ terminated, begin ≤ end, since ≤ until,
 *   first_X ≤ last_X), by stage word whatever the time word around it
 *   (time-stages.ts); an address of the home country (the locale's, the
 *   United States for en) takes its city, region and postal code's first
 *   digits from one record (home-places.ts; a US city its own three ZIP digits); region codes are the locale's
 *   real ones (ISO 3166-2 `AN`, `01`), never a name cut short, also in a
 *   `region_code` beside an address; moments kept as integers
 *   (`expires_at integer`, `iat`, `exp`, `created`, `sent_at bigint`) are
 *   epoch seconds (milliseconds in a bigint `*_ms`) in the dataset's window,
 *   in the row's time order (epoch-times.ts); a unique one (`created integer
 *   UNIQUE`) any second of that window, spread by the key's keyed bijection
 *   (was 1, 2, 3, …), not in the row's time order.
 * - 6: a chain's first stage of a creation or past kind (`submission_time`,
 *   `sent_at`, `hire_date`) at or after the row's creation column
 *   (time-stages.ts `followsCreation`); a child's creation after its
 *   parent's creation column as well as its first start, and the first time
 *   of a table with no start column (`payment_date`) after its parents'
 *   (generate/parent-time.ts); creations end two days before the reference
 *   date (a later date of the row, rounded to a day or a zone's margin
 *   after, stays in the past); `resolved` before `closed` and `assigned_at`
 *   by the status (generate/status-dates.ts); a moment kept as an integer
 *   under numeric bounds that hold its window (`ts > 0`) keeps its epoch
 *   seconds, unique too (was 1, 2, 3), and a unique one alone in its key
 *   (not under `--append`) at or after the row's creation
 *   (epoch-row-order.ts); real cities of the country where the
 *   locale lists none (ja, pt_BR); `zip5`, `cep`, `plz` as postal codes.
 * - 7: a hire is a life event, not a stage of the record's life: a hire
 *   (`hire_date`, `hired_at`, `employment_date`) beside the row's creation
 *   column falls at or before it, often years before (the employee was
 *   hired before the record was made in this system), and after an
 *   eighteenth birthday where the row has a birth date (life-events.ts);
 *   version 6 put it at or after the creation. A locale's postal code longer
 *   than its column (`char(5)` under ja, `varchar(8)` under pt_BR) is its
 *   digits without the separator where they fit, else its first five
 *   digits (the country's older five-digit form), never a cut `400-4`.
 *   A unique moment kept as an integer follows the row's creation up to
 *   ten million rows (epoch-row-order.ts `maxOrderedRows`; was one million).
 * - 8: postal codes by more names (`zip3`, `zip_code_prefix`,
 *   `postcode_prefix`, `outward_code`: were words or codes); a foreign
 *   country's postal code longer than its column keeps that country's shape
 *   (its compact form, its first part: `SW1A` of `SW1A 2AA`, `K1A` of
 *   `K1A 0B1`, else its first characters) instead of a US ZIP; a birth date
 *   beside a hire and the row's creation is 18 years or more before the
 *   creation, so the hire (at or before the creation) is after an eighteenth
 *   birthday in every row (version 7 put the hire on the creation's day,
 *   under 18, where the birthday came later; life-events.ts).
 * - 9: money in a small type around the type's room: a price or an amount
 *   whose type's largest value is under 50 times the usual median is
 *   log-normal around a fiftieth of it (`rental_rate numeric(4,2)` 0.99 to
 *   4.99, `replacement_cost numeric(5,2)` tens; version 8 reached 56.50 and
 *   409.99), and an amount whose row leads to a price through its foreign
 *   keys (a payment → its rental → its film's `rental_rate`) is that price,
 *   some with a late fee of 1 to 5 (money-room.ts); a loan's period
 *   (`rental_duration`) 3 to 7 days and its return (`return_date` beside
 *   `rental_date`) about that period after the loan (loan-returns.ts; was up
 *   to 17 months); booleans named as flags (`activebool`, `is_deleted`) set in
 *   the share their word tells (were half), and a flag meaning what an
 *   earlier one of the row does (`active` after `activebool`, `enabled`
 *   after `is_active`, `disabled` its opposite) agrees with it
 *   (flag-agreement.ts); `zip9`/`zip_plus4` a ZIP+4, `zip4` its four digits,
 *   `outward_code` a British outward code outside a listed foreign country
 *   (postal-shapes.ts; was a US ZIP's first four digits).
 * - 10: a table of daily prices (`open`, `high`, `low`, `close`, `volume`)
 *   holds candles: low ≤ open, close ≤ high, each series a random walk over
 *   its dates, a day opening near the last close (price-series.ts; were
 *   drawn alone over the type); a date beside a foreign key in a unique key
 *   (`daily_price (security_id, trade_date)`) is a series' consecutive days
 *   ending the day before the reference date, the same run for every parent,
 *   trading days where the table holds prices (date-series.ts,
 *   plan/key-components.ts; was unique alone over the type, `2807-11-22`);
 *   a drug's name a generic drug's, its dose one of its strengths, ICD-10
 *   codes with their titles (medical-values.ts; were words and 261,142 mg);
 *   a line's unit price its product's, its amount the price times the
 *   quantity less a discount, an extended price the price times the
 *   quantity, nothing paid under a `denied` or `submitted` status, an
 *   auction's bids money with the maximum bid at or above the bid and the
 *   current price at or above the initial one (line-amounts.ts); an
 *   order's line count (`o_ol_cnt`) 1 to 15 (was 0 most often); a trade's
 *   charge, commission and tax (`t_chrg`, `t_comm`, `t_tax`), a bid and a
 *   bare `rate` of money's scale money, an exchange rate log-normal around
 *   1 (were any value of the type, or a fraction); a name behind its table's
 *   prefix (`i_created`,
 *   `ic_updated`, `i_num_bids`) read without it where it tells nothing with
 *   it (version-ten-names.ts); a person's `location` a city, a badge's name
 *   among a Q&A site's badges, a `license` a licence's name
 *   (community-values.ts; were words).
 * - 11: every pair of a row's lifecycle times in order whatever rule made
 *   each and whatever prefix the names carry: creation ≤ start ≤ end,
 *   creation ≤ update ≤ removal, start ≤ removal (`i_created` ≤
 *   `i_updated`, `cfp_loader_start` ≤ `cfp_loader_stop`, `f_depart_time` ≤
 *   `f_arrive_time`; lifecycle-order.ts; auctionmark's `i_updated` was
 *   before `i_created` in 333 of 809 rows); a row's first past moment in a
 *   table with no creation column (a badge's `date`) after its parents'
 *   starts (time-values.ts, generate/parent-time.ts; was ten years apart);
 *   TPC-C in its specification's ranges: `o_carrier_id` 1 to 10,
 *   `o_all_local` 1 (a few 0), a tax in a type of fractions 0 to 0.2,
 *   `c_credit` GC or BC, money to date and balances (`w_ytd`,
 *   `c_ytd_payment`, `c_balance`, `c_credit_lim`) money, a stock table's
 *   `quantity` stock on hand; a post's `post_type_id` 1 to 8 (questions and
 *   answers most), a badge's `class` 1 to 3 (version-eleven-names.ts;
 *   were any integer); `parent_id`, `accepted_answer_id` with no FK and no
 *   table of that name the keys of their own table (plan/implied-keys.ts).
 * - 12: under an exact fan-out (`per_parent: {min, max}`), an order's total
 *   (`total`, `total_amount`, `amount`, `subtotal`) is the sum of its
 *   lines' amounts (a line's amount, else its quantity times its unit
 *   price), and exactly one child per parent is its default (`is_default`,
 *   `is_primary`: the first of its children), an order's line count
 *   (`o_ol_cnt`) its lines' number (child-totals.ts, generate/child-rows.ts;
 *   were drawn alone), and a key's counter beside the FK (`order_line
 *   (ol_w_id, ol_d_id, ol_o_id, ol_number)`) numbers each parent's
 *   children 1..n (generate/sibling-numbers.ts; was 1..rows); TPC-C's newest orders (the
 *   last 30% by `o_id`) have no carrier yet (`o_carrier_id` NULL; was a
 *   random 10%) (version-eleven-names.ts `undeliveredFrom`); a place's
 *   `location` (a department's, `office_location`) a city and a salaries
 *   table's `amount` a salary (version-twelve-names.ts; were words and a
 *   purchase's amount).
 * - 13: (version 12 stays byte-identical under `generator_version: 12`):
 *   Under `--locale` (locale-thirteen.ts): phone numbers in the locale's
 *   national form (`0#### ######` in de, `04 ## ## ## ##` in fr), a mobile
 *   column's in its mobile form, never `00` after a trunk `0` (were faker's
 *   "human" forms, `+49-###-#######`; a unique column's North American); a currency column 80% the locale's
 *   own currency (EUR, JPY, BRL); shop departments in German and Japanese
 *   and German job titles (`Teamleiter Vertrieb`; locale-tables.ts), where
 *   faker's locale data has none (were en's). Under `ja`, prices, amounts
 *   and salaries in whole yen, a hundred times the dollar figure where the
 *   type holds it (`12.34` → `1234.00`), whole units in a small type
 *   (were dollar-like values with cents).
 *   A status's words by what the row is (an employee `active`,
 *   `on_leave`, `terminated`; an issue `open`, `in_progress`, `resolved`,
 *   `closed`; an order `delivered` most often), a text `gender` F/M (or
 *   female/male), `severity`, `priority` and `visibility` in their usual
 *   words (status-vocabularies.ts; were a hashed subset of orders' words or
 *   any nouns), a `termination_date` or `published_at` set exactly when
 *   the status has reached it (generate/status-dates.ts); a period's start
 *   in a key beside its parent (`salaries (emp_no, from_date)`) a year
 *   apart from a day of each parent's own (generate/series-offsets.ts; was
 *   one run of days for every parent: every employee's first salary on
 *   2025-12-31); an upper bound at or above the row's lower one
 *   (`max_salary` ≥ `min_salary`, bound-pairs.ts); a nullable order's total
 *   summed from its lines under an exact fan-out never NULL
 *   (generate/compile-column.ts; version 12 left a tenth NULL); a `budget`
 *   tens of thousands in whole thousands, a `revenue` hundreds of
 *   thousands, a `credit_limit` in whole 500s (money-scales.ts; were a
 *   purchase's amount or any value of the type).
 * - 14: (version 13 stays byte-identical under `generator_version: 13`):
 *   Under `--locale`, product names and a product table's descriptions in
 *   the locale's words and grammar (`Ergonomischer Stuhl aus Holz`, `Chaise
 *   ergonomique en bois`, `軽量アルミ製チェア`; locale-products.ts; were
 *   faker's English words under de and ja, unagreed under fr, es, pt_BR);
 *   Spanish words for es text, Japanese honorifics (`様`), a town before the
 *   block numbers (`西新宿2-8-1`, the prefecture and city too where the row
 *   has no city), building names and firms mostly 株式会社, ja mobiles
 *   `090-####-####`, French and Brazilian job titles in their order and
 *   gender, Brazil's real area codes with mobiles `9####-####`, a unique
 *   mobile column in the mobile form, and HR departments for a department's
 *   name (locale-fourteen.ts, locale-words.ts; were en's or faker's forms).
 *   a history's period ends where its parent's next period starts
 *   (`salaries.to_date` = the next `from_date`, also a CHECK-derived
 *   `end_date`), the latest `to_date` 9999-01-01 (generate/series-offsets.ts
 *   `periodChainOf`, time-values.ts, generate/row-attempt.ts; version 13's
 *   overlapped); a salary in such a history rises 2-6% a period from the
 *   employee's first (hr-histories.ts; was drawn alone each row).
 *   TPC-H's columns (by their table prefix) as its specification writes
 *   them: `o_orderstatus` F/O/P and `l_linestatus` O/F by the row's date,
 *   `l_returnflag` R/A/N, `o_orderpriority` `1-URGENT`..`5-LOW`,
 *   `l_shipmode`, `l_shipinstruct`, `c_mktsegment`, `p_type`,
 *   `p_container`, `p_brand` of its `p_mfgr`, `o_clerk` `Clerk#000000951`;
 *   Quartz's `trigger_state` and `trigger_type` in its words
 *   (spec-vocabularies.ts; were label words). A departments table's
 *   names (`dept_name`, `department_name`) a company's departments (Sales,
 *   Engineering, Human Resources; numbered past the list where unique),
 *   not a shop's (hr-histories.ts; were `Garden`, or `bad-outset-692`).
 * - 15: (version 14 stays byte-identical under `generator_version: 14`):
 *   the employees sample's histories read as careers: an employee's
 *   `titles` consecutive periods climbing one ladder (Staff → Senior Staff;
 *   Assistant Engineer → Engineer → Senior Engineer → Technique Leader),
 *   `dept_emp` (from the hire) and `dept_manager` consecutive periods too,
 *   the latest ending 9999-01-01, a chained `to_date` never NULL; a
 *   history's period ends at the next period its parent holds (not an empty
 *   slot), so a salary series with gaps changes too (describe-histories.ts,
 *   hr-histories.ts). Oracle HR's `jobs.job_id` a department-and-role code
 *   (`AD_PRES`, `IT_PROG`) and `job_title` the title it names.
 * - 16: (version 15 stays byte-identical under `generator_version: 15`):
 *   a job's salary range by its title's level (President > VP > Director >
 *   Manager > Engineer > Rep > Clerk; max 1.5-2.2x min) and a salary inside
 *   the `min_X`/`max_X` range its foreign key leads to (Oracle HR's
 *   employees and job_history); the employees sample's departments `d001`..,
 *   a manager's period on or after his hire, no period of no days; TPC-H's
 *   line dates from the order (ship 1-121 days after `o_orderdate`, commit
 *   30-90, receipt 1-30 after ship) and `o_orderstatus` O/P/F by the ship
 *   window; Quartz's `misfire_instr` (0 mostly, 1, 2, -1), a job queue's
 *   `job_class` (`SendEmailJob`) and `queue` (`default`, `mailers`), a
 *   2-3 character place or a country beside its `_name` a country code; a
 *   text `timezone_name`, `tz_name` or `time_zone_id` time zone names. A
 *   CHECK pinning one column of a multi-column foreign key to values
 *   (`payable_type = 'accounts_payable'`, IN lists) is met by picking parent
 *   rows whose column holds them (the parent's column takes them in blocks
 *   of its first rows; version 15 drew parents at random and cut the table
 *   at the first miss).
 * - 17: (version 16 stays byte-identical under `generator_version: 16`):
 *   the one `&&` range column of an EXCLUDE (`room_id WITH =, during WITH
 *   &&`) or a `WITHOUT OVERLAPS` key, in no other key, is a series of
 *   periods: each parent row an equal share of the rows and its own run of
 *   consecutive, disjoint periods over the three years before the reference
 *   date (15-minute grain; dates by day; number ranges in steps of 10),
 *   inside the bounds CHECKs put on lower()/upper() (version 16: one-second
 *   ranges over 2000-9999, parents by the FK's fan-out). A CHECK pinning one
 *   column of a composite foreign key is met by the parents holding those
 *   values for text, varchar and integer columns too (class-table
 *   inheritance: `customers`/`suppliers` under `parties (id, type)`); a free
 *   foreign key picked again after a failed CHECK picks evenly among its
 *   parents from its eighth try on (`CHECK (a_id < b_id)` over a small
 *   parent keeps its rows). TPC-H's `o_orderstatus` as its lines'
 *   `l_linestatus` say (F all shipped, O none, else P), read through the
 *   line key's permutation. OMOP's `year/month/day_of_birth` the row's
 *   `birth_datetime` parts (else 1930-2015, 1-12, 1-28); an integer
 *   `status`/`state` with no default 0..4, mostly 0; a `slug`/`permalink`
 *   the row's title or name in kebab case (a unique one numbered by the
 *   row: `summer-sale-17`), a unique username the row's person
 *   (`ana.silva17`); tags (`tags text[]`, `tags varchar`, `keywords`, a tags
 *   table's `name`) short topic or product-attribute words, popular ones
 *   most often; `symbol`/`ticker` a ticker (AAPL); `iso_3166_2` a
 *   subdivision code (US-CA); job titles under es a role and a function
 *   (`Directora de Ventas`).
 * - 18: (version 17 stays byte-identical under `generator_version: 17`):
 *   a hire (`hire_date`, `hired_at`) with no creation column in its row
 *   between 1985 and the reference date, recent years most often (was the
 *   last five years), up to 35 years before a creation column (was 15); a
 *   birth date drawn before a hire makes the person 18 or older at the
 *   hire, born 1936 or later. A range column (`tsrange`, `tstzrange`,
 *   `daterange`) no CHECK constrains a period in the five years before the
 *   reference date, one in twenty open-ended, none empty (`booking`,
 *   `reservation`, `scheduled`, `validity`: within a year either side; was
 *   2000-2030 with empty and open-start ranges). A name prefix
 *   (`title_of_courtesy`, `salutation`, a short `title` beside a first
 *   name) and a `gender`/`sex` column (word list, CHECK list or enum) agree
 *   with the first name's sex (`Mrs.`/`Mr.`, es `Sra.`/`Sr.`, fr `Mme`/`M`,
 *   de `Frau`/`Herr`). A `region`/`province` beside a text country column a
 *   subdivision of that country; `nationality` a country. Unique word-pair
 *   slugs and usernames numbered only once the pairs run out.
 *   `reading_time` 1-30 minutes; `*_iterations` 600000 mostly (310000,
 *   100000); `standard_cost`/`unit_cost` 35-85% of the row's list price; a
 *   product `size` XS-XXL or an even 28-48. A pattern CHECK over
 *   `lower()`/`upper()`/`btrim()` of a column (`lower(file) ~ '\.(png|pdf)$'`)
 *   met by values already folded (was NULL in every row, or no rows).
 * - 19: (version 18 stays byte-identical under `generator_version: 18`):
 *   an EXCLUDE over a range of two columns (`room_id WITH =,
 *   tsrange(start_at, end_at) WITH &&`; daterange, tstzrange, numeric
 *   ranges; with or without `=`) gets disjoint periods per key, both columns
 *   from one period, never NULL, an inclusive upper bound two units or more
 *   (was one row per key, or one row). A UNIQUE key's nullable foreign key
 *   is NULL once the key's values run out, an exactly-one-of CHECK setting
 *   the other column (the table was cut). A read-back composite FK may share
 *   its column with a one-column FK it implies, its key column made to its
 *   own domain (Boundary's `primary_auth_method_id`, NULL before). A domain
 *   CHECK over `lower()`/`upper()`/`btrim()` met inside array elements and
 *   composite fields. Balances around 1,200 at their scale, a tenth below
 *   zero unless a CHECK names them (were small and positive); `nationality`
 *   the row's country in about 88% of rows; `gender`/`sex` in the locale's
 *   words (char(1) F/M), `gender_code` F/M by the first name; a package's
 *   `arch`, `release` (`3.el9`), `epoch` (mostly 0); status words by the
 *   table's sense (tag aliases, uploads, bans; otherwise
 *   active/pending/inactive/deleted); a place column follows its sibling of
 *   the same prefix (`shipping_state` the `shipping_city`); json/jsonb
 *   documents by name (address, countries, settings, metadata by table,
 *   tags); en titles as distinct two-word titles so their unique slugs need
 *   no number; a range period's length by its name (bookings an hour to two
 *   weeks, validity a month to three years). `--size` targets up to 64 MB
 *   measured on a sample, not a whole extra run.
 * - 20: (version 19 stays byte-identical under `generator_version: 19`):
 *   a ledger (a table with an account FK, an `amount` and a `balance`): each
 *   balance is the account's previous balance plus the amount, the amount the
 *   change between balances and the first one the opening deposit, in the
 *   rows' creation order (a NOT NULL account FK with no fan-out configured
 *   takes an exact skewed fan-out, a fifth of accounts without rows); de/fr/es
 *   titles a unique slug is made from are two words of the locale in its
 *   order, the slug their ASCII form with no number; `package_release`
 *   (`1.el9`) and `package_epoch` (mostly 0) beside a `package_version` (also
 *   `pkg_`, `rpm_`). Tables no longer cut or left empty: two UNIQUE keys that
 *   differ only in a nullable FK each, under an exactly-one CHECK, take turns
 *   over the rows; a nullable plain column of a UNIQUE key is NULL past the
 *   key's room; a two-column period with an inclusive upper bound (`'[]'`)
 *   is at least two units long; a point CHECK with strict `st_x`/`st_y`
 *   bounds at its SRID box's edge is met; curved PostGIS subtypes
 *   (CIRCULARSTRING, COMPOUNDCURVE, CURVEPOLYGON, MULTICURVE, MULTISURFACE)
 *   get valid values (were NULL).
 * - 21: (version 20 stays byte-identical under `generator_version: 20`):
 *   package builds: `nvr`/`nvra` the row's name-version-release (`.arch`),
 *   the name the row's own or its package's through the FK; a `name` in no
 *   key of a package table a package's name (`python3-requests`), `size` a
 *   byte size, an integer `buildtime` seconds since the epoch; digests named
 *   by their algorithm or one word ending in `hash` (`payloadhash`, `sigmd5`,
 *   `file_sha256`) hex of that algorithm's length; de titles' adjectives
 *   declined by the noun's gender (`Dunkler Vulkan`, `Dunkle Wolke`,
 *   `Dunkles Schiff`); ja titles pairs of the locale's words with no space;
 *   de/fr/es/ja `title` columns without a slug from the same pairs; a ledger
 *   under `CHECK (amount > 0)` (or `>= 0`) runs its balance too (deposits
 *   only), and accounts of up to 65,536 rows (was 4,096); `*_postal` a postal
 *   code of the row's country; `graded`/`scored`/`marked` times at or after
 *   `submitted`; a CURVEPOLYGON/MULTISURFACE column's `CHECK (st_area(g) > 0)`
 *   met by construction (its table was left empty).
 * - 22: (the default; version 21 stays byte-identical under
 *   `generator_version: 21`):
 *   a row's money adds up beside a base column (a total the sum of its
 *   parts, net gross less tax and deductions, tax a usual rate, a discount
 *   none or a round share, `amount_paid` as the row's status says,
 *   `amount_due` total less paid); status dates for payments, grading,
 *   publishing, enrolments and pick-ups, an ending (failed, void, dropped)
 *   setting only its own date; `estimated_*`/`expected_*`/`scheduled_*`/
 *   `due_*`/`eta` days to weeks after the row's latest earlier time; measures
 *   with a unit (`width_cm`, `weight_kg`) in a parcel's range; seats and
 *   licences small round counts; course credits 0.5-10; `last4` four digits;
 *   card brands and payment methods from real lists; a top-level
 *   `SELECT AddGeometryColumn(...)` (or PostGIS's DO-block form) read as the
 *   column it adds, which gets values; a table that a call kept before the
 *   data writes (an INSERT, or triggers it makes) holds only that code's
 *   rows, and one a called routine alters (a CHECK or key added, a column
 *   dropped, renamed or retyped) gets none; a CHECK calling an overloaded
 *   one-expression function inlined with the overload its argument types
 *   resolve to (its table was empty).
 */
/** The version a run uses: the one pinned (`generator_version`), else this datagen's. */
export function effectiveGeneratorVersion(pinned: number | undefined): number {
  return pinned ?? GENERATOR_VERSION;
}

/** The largest seed: values are hashed from a 32-bit seed. */
export const MAX_SEED = 0xffffffff;

/** A seed datagen takes: a whole number from 0 to MAX_SEED. */
export function isSeed(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 && value <= MAX_SEED;
}

/** The one wording of a seed refused, wherever it was given (`--seed`, `seed:` in a YAML file, the library's `seed`). */
export function seedMessage(where: string, written: unknown): string {
  return `${where} expects a whole number from 0 to ${MAX_SEED}, got "${String(written)}"`;
}
