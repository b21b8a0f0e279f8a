/**
 * Words kept out of generated text in every locale: faker's word lists hold
 * a few vulgar, sexual or violent words (de `Penis`, `vergewaltigen`; fr
 * `emmerder`) that must never turn up in a demo database's ordinary text.
 * Matched whole and case-insensitively, against each word of an entry;
 * words that are ordinary in another of the locales (fr `bite` is en
 * `bite`, fr `con` is es `con`) are left out of the list.
 */

const BLOCKED: ReadonlySet<string> = new Set(
  [
    // en
    'anal anus arse ass asshole bastard bitch blowjob boob boobs cock condom crap cum cunt dick dildo',
    'fag faggot fuck fucking genital genitals horny nazi nigger nipple nude orgasm penis piss porn',
    'porno pornography prostitute pussy rape rapist retard semen sex sexual sexy shit slut sperm',
    'testicle tits vagina whore',
    // de
    'arsch arschling arschloch bordell ficken fotze geil hure kacke nackt nutte onanieren pimmel',
    'pissen porno schlampe scheiße scheisse schwanz sexismus sexuell titten vergewaltigen',
    'vergewaltigung verscheißern versklaven sklaverei wichsen',
    // fr
    'branler chier connard connasse couille couilles emmerder enculé foutre merde',
    'nichon pisser putain pute salope',
    // es
    'cabrón coño follar gilipollas joder mierda polla puta puto verga',
    // pt
    'bosta buceta caralho cu foder merda piroca porra puta',
  ]
    .join(' ')
    .split(' '),
);

/** Whether a word (or any word of an entry) is blocked. */
export function isBlocked(entry: string): boolean {
  const lower = entry.toLowerCase();
  if (BLOCKED.has(lower)) return true;
  if (!/[\s-]/.test(lower)) return false;
  return lower.split(/[\s-]+/).some((w) => BLOCKED.has(w));
}

/** The entries of a word list that are not blocked (the list itself when none is). */
export function withoutBlocked(list: readonly string[]): readonly string[] {
  const kept = list.filter((w) => !isBlocked(w));
  return kept.length === list.length ? list : kept;
}

/** The blocked words (tests check generated text against them). */
export const BLOCKED_WORDS: readonly string[] = [...BLOCKED];
