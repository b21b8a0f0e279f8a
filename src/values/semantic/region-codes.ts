/**
 * Version 4: region codes where version 3 had none, so a `state_code`
 * column agrees with the row's country instead of falling back to US
 * postal codes: ISO 3166-2 subdivision codes (or the abbreviations the
 * country writes) of the regions country-addresses.ts lists, and a code
 * made of a region's (or a city's) letters where the country has none.
 * Written for this project from common knowledge.
 */
/** `alpha2|CODE;CODE;…`, aligned with country-addresses.ts' region names of that country. */
const CODES = `GB|LND;WMD;MAN;WYK;KEN;ESS;MSY;HAM;LAN;SRY;DEV;NFK;GLG;EDH;CRF
JP|13;27;14;23;11;12;28;01;40;22;34;26;04;20;47;42
DE|BY;BE;HH;HE;SN;BW;NW;NI;BB;TH;RP;SH;HB
FR|IDF;ARA;OCC;NAQ;HDF;GES;BRE;NOR;PDL;PAC
IT|LOM;LAZ;CAM;SIC;VEN;PIE;TOS;EMR;PUG;LIG;SAR
ES|MD;CT;AN;VC;GA;PV;CL;AR;CN;IB
CN|GD;BJ;SH;ZJ;JS;SC;SD;HB;HA;FJ;TJ
MX|CMX;JAL;NLE;PUE;GUA;VER;YUC;BCN;CHH;MEX
RU|MOW;SPE;MOS;SVE;NVS;TA;KDA
AR|B;X;S;M;T;A
KR|11;26;41;28;27;29
NL|NH;ZH;UT;NB;GE;GR
PH|NCR;CEB;DAS;LAG;CAV;BUL
ID|JK;JB;JI;JT;BA;SU
NG|LA;KN;OY;RI;KD;FC
ZA|GP;WC;KZN;EC;FS
TR|34;06;35;16;07
PL|MZ;MA;SL;WP;DS;PM
IE|D;CO;G;LK;KE
NZ|AUK;WGN;CAN;WKO;OTA`;

const CODES_BY_ALPHA2: ReadonlyMap<string, readonly string[]> = new Map(
  CODES.split('\n').map((line) => {
    const [alpha2 = '', list = ''] = line.split('|');
    return [alpha2, list.split(';')];
  }),
);

/** Version 4's codes of a country's listed regions (aligned with their names), or undefined. */
export function regionCodesOf(alpha2: string): readonly string[] | undefined {
  return CODES_BY_ALPHA2.get(alpha2);
}

/**
 * A code made of a name's letters, at most `max` long: the initials of a
 * name of several words (`Pays de la Loire` → `PL`), else its first letters
 * (`Kanagawa` → `KAN`), upper-case ASCII.
 */
export function madeRegionCode(name: string, max: number): string {
  const words = name
    .normalize('NFD')
    .replace(/[^\x20-\x7e]/g, '')
    .toUpperCase()
    .split(/[^A-Z]+/)
    .filter((w) => w.length > 2 || /^[A-Z]{1,2}$/.test(w));
  const width = Math.max(1, Math.min(3, max));
  if (words.length >= 2)
    return words
      .map((w) => w[0])
      .join('')
      .slice(0, width);
  return (words[0] ?? 'XX').slice(0, Math.min(width, 3));
}

/** Version 17: ISO 3166-2 codes of subdivisions (`DE-BY`, `JP-13`) of the countries listed here. */
export function listedSubdivisionCodes(): readonly string[] {
  return [...CODES_BY_ALPHA2].flatMap(([alpha2, codes]) => codes.map((code) => `${alpha2}-${code}`));
}
