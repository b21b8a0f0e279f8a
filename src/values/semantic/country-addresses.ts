/**
 * Version 3: the parts of an address that depend on its country, so a row
 * whose country is not the United States (pagila's address → city →
 * country) gets a region and a postal code of that country: `Kanagawa` and
 * `231-0062` in Japan, `Ontario` and `K1A 0B1`'s shape in Canada, `SW1A 2AA`'s
 * in the United Kingdom. Regions (states, provinces, prefectures) for the
 * larger countries; elsewhere a city of the country stands for the district.
 * Postal codes by each country's format; a plain five digits where the
 * country has none known here. Written for this project from common
 * knowledge.
 */
import type { RowRandom } from '../random.js';
import { citiesOfCountry, codesOfCountry } from './country-cities.js';
import { madeRegionCode, regionCodesOf } from './region-codes.js';

/** `alpha2|Region;Region;…` or `alpha2|Region=CODE;…` (an abbreviation a code column writes). */
const REGIONS = `GB|Greater London;West Midlands;Greater Manchester;West Yorkshire;Kent;Essex;Merseyside;Hampshire;Lancashire;Surrey;Devon;Norfolk;Glasgow City;City of Edinburgh;Cardiff
JP|Tokyo;Osaka;Kanagawa;Aichi;Saitama;Chiba;Hyogo;Hokkaido;Fukuoka;Shizuoka;Hiroshima;Kyoto;Miyagi;Nagano;Okinawa;Nagasaki
CA|Ontario=ON;Quebec=QC;British Columbia=BC;Alberta=AB;Manitoba=MB;Saskatchewan=SK;Nova Scotia=NS;New Brunswick=NB;Newfoundland and Labrador=NL;Prince Edward Island=PE
AU|New South Wales=NSW;Victoria=VIC;Queensland=QLD;Western Australia=WA;South Australia=SA;Tasmania=TAS;Australian Capital Territory=ACT;Northern Territory=NT
DE|Bavaria;Berlin;Hamburg;Hesse;Saxony;Baden-Württemberg;North Rhine-Westphalia;Lower Saxony;Brandenburg;Thuringia;Rhineland-Palatinate;Schleswig-Holstein;Bremen
FR|Île-de-France;Auvergne-Rhône-Alpes;Occitanie;Nouvelle-Aquitaine;Hauts-de-France;Grand Est;Brittany;Normandy;Pays de la Loire;Provence-Alpes-Côte d'Azur
IT|Lombardy;Lazio;Campania;Sicily;Veneto;Piedmont;Tuscany;Emilia-Romagna;Apulia;Liguria;Sardinia
ES|Madrid;Catalonia;Andalusia;Valencia;Galicia;Basque Country;Castile and León;Aragon;Canary Islands;Balearic Islands
IN|Maharashtra=MH;Delhi=DL;Karnataka=KA;Tamil Nadu=TN;Gujarat=GJ;Uttar Pradesh=UP;West Bengal=WB;Telangana=TG;Kerala=KL;Rajasthan=RJ;Punjab=PB
CN|Guangdong;Beijing;Shanghai;Zhejiang;Jiangsu;Sichuan;Shandong;Hubei;Henan;Fujian;Tianjin
BR|São Paulo=SP;Rio de Janeiro=RJ;Minas Gerais=MG;Bahia=BA;Paraná=PR;Rio Grande do Sul=RS;Pernambuco=PE;Ceará=CE;Amazonas=AM;Distrito Federal=DF
MX|Mexico City;Jalisco;Nuevo León;Puebla;Guanajuato;Veracruz;Yucatán;Baja California;Chihuahua;State of Mexico
RU|Moscow;Saint Petersburg;Moscow Oblast;Sverdlovsk Oblast;Novosibirsk Oblast;Tatarstan;Krasnodar Krai
AR|Buenos Aires;Córdoba;Santa Fe;Mendoza;Tucumán;Salta
KR|Seoul;Busan;Gyeonggi;Incheon;Daegu;Gwangju
NL|North Holland;South Holland;Utrecht;North Brabant;Gelderland;Groningen
PH|Metro Manila;Cebu;Davao del Sur;Laguna;Cavite;Bulacan
ID|Jakarta;West Java;East Java;Central Java;Bali;North Sumatra
NG|Lagos;Kano;Oyo;Rivers;Kaduna;Federal Capital Territory
ZA|Gauteng;Western Cape;KwaZulu-Natal;Eastern Cape;Free State
TR|Istanbul;Ankara;Izmir;Bursa;Antalya
PL|Masovia;Lesser Poland;Silesia;Greater Poland;Lower Silesia;Pomerania
CH|Zurich=ZH;Bern=BE;Geneva=GE;Vaud=VD;Basel-Stadt=BS;Ticino=TI
IE|Dublin;Cork;Galway;Limerick;Kildare
NZ|Auckland;Wellington;Canterbury;Waikato;Otago
SE|Stockholm;Västra Götaland;Skåne;Uppsala
PT|Lisbon;Porto;Braga;Setúbal;Faro
PK|Punjab;Sindh;Khyber Pakhtunkhwa;Balochistan;Islamabad Capital Territory
TH|Bangkok;Chiang Mai;Phuket;Khon Kaen
AE|Dubai;Abu Dhabi;Sharjah
SA|Riyadh;Makkah;Eastern Province
EG|Cairo;Giza;Alexandria`;

/** `alpha2|City=Region;…`: the region of each listed city of country-cities.ts (`Salvador` is in Bahia). */
const CITY_REGIONS = `GB|London=Greater London;Birmingham=West Midlands;Manchester=Greater Manchester;Glasgow=Glasgow City;Liverpool=Merseyside;Leeds=West Yorkshire;Edinburgh=City of Edinburgh;Bristol=City of Bristol;Cardiff=Cardiff;Belfast=County Antrim
JP|Tokyo=Tokyo;Yokohama=Kanagawa;Osaka=Osaka;Nagoya=Aichi;Sapporo=Hokkaido;Fukuoka=Fukuoka;Kobe=Hyogo;Kyoto=Kyoto;Sendai=Miyagi;Hiroshima=Hiroshima
CA|Ottawa=Ontario;Toronto=Ontario;Montreal=Quebec;Vancouver=British Columbia;Calgary=Alberta;Edmonton=Alberta;Winnipeg=Manitoba;Quebec City=Quebec;Halifax=Nova Scotia
AU|Canberra=Australian Capital Territory;Sydney=New South Wales;Melbourne=Victoria;Brisbane=Queensland;Perth=Western Australia;Adelaide=South Australia;Hobart=Tasmania;Darwin=Northern Territory
DE|Berlin=Berlin;Hamburg=Hamburg;Munich=Bavaria;Cologne=North Rhine-Westphalia;Frankfurt am Main=Hesse;Stuttgart=Baden-Württemberg;Düsseldorf=North Rhine-Westphalia;Leipzig=Saxony;Dresden=Saxony;Bremen=Bremen
FR|Paris=Île-de-France;Marseille=Provence-Alpes-Côte d'Azur;Lyon=Auvergne-Rhône-Alpes;Toulouse=Occitanie;Nice=Provence-Alpes-Côte d'Azur;Nantes=Pays de la Loire;Strasbourg=Grand Est;Bordeaux=Nouvelle-Aquitaine;Lille=Hauts-de-France;Rennes=Brittany
IT|Rome=Lazio;Milan=Lombardy;Naples=Campania;Turin=Piedmont;Palermo=Sicily;Genoa=Liguria;Bologna=Emilia-Romagna;Florence=Tuscany;Venice=Veneto
ES|Madrid=Madrid;Barcelona=Catalonia;Valencia=Valencia;Seville=Andalusia;Zaragoza=Aragon;Málaga=Andalusia;Bilbao=Basque Country;Palma=Balearic Islands
IN|New Delhi=Delhi;Mumbai=Maharashtra;Bangalore=Karnataka;Kolkata=West Bengal;Chennai=Tamil Nadu;Hyderabad=Telangana;Ahmedabad=Gujarat;Pune=Maharashtra;Jaipur=Rajasthan;Lucknow=Uttar Pradesh
CN|Beijing=Beijing;Shanghai=Shanghai;Guangzhou=Guangdong;Shenzhen=Guangdong;Chengdu=Sichuan;Wuhan=Hubei;Tianjin=Tianjin;Xi'an=Shaanxi;Hangzhou=Zhejiang;Nanjing=Jiangsu
BR|Brasília=Distrito Federal;São Paulo=São Paulo;Rio de Janeiro=Rio de Janeiro;Salvador=Bahia;Fortaleza=Ceará;Belo Horizonte=Minas Gerais;Manaus=Amazonas;Curitiba=Paraná;Recife=Pernambuco;Porto Alegre=Rio Grande do Sul
MX|Mexico City=Mexico City;Guadalajara=Jalisco;Monterrey=Nuevo León;Puebla=Puebla;Tijuana=Baja California;León=Guanajuato;Mérida=Yucatán;Cancún=Quintana Roo
RU|Moscow=Moscow;Saint Petersburg=Saint Petersburg;Novosibirsk=Novosibirsk Oblast;Yekaterinburg=Sverdlovsk Oblast;Kazan=Tatarstan;Nizhny Novgorod=Nizhny Novgorod Oblast;Samara=Samara Oblast
AR|Buenos Aires=Buenos Aires;Córdoba=Córdoba;Rosario=Santa Fe;Mendoza=Mendoza;La Plata=Buenos Aires;Mar del Plata=Buenos Aires;Salta=Salta
KR|Seoul=Seoul;Busan=Busan;Incheon=Incheon;Daegu=Daegu;Daejeon=Daejeon;Gwangju=Gwangju
NL|Amsterdam=North Holland;Rotterdam=South Holland;The Hague=South Holland;Utrecht=Utrecht;Eindhoven=North Brabant;Groningen=Groningen
PH|Manila=Metro Manila;Quezon City=Metro Manila;Davao City=Davao del Sur;Cebu City=Cebu;Zamboanga City=Zamboanga del Sur
ID|Jakarta=Jakarta;Surabaya=East Java;Bandung=West Java;Medan=North Sumatra;Semarang=Central Java;Makassar=South Sulawesi;Denpasar=Bali
NG|Abuja=Federal Capital Territory;Lagos=Lagos;Kano=Kano;Ibadan=Oyo;Port Harcourt=Rivers;Benin City=Edo
ZA|Pretoria=Gauteng;Johannesburg=Gauteng;Cape Town=Western Cape;Durban=KwaZulu-Natal;Port Elizabeth=Eastern Cape;Bloemfontein=Free State
TR|Ankara=Ankara;Istanbul=Istanbul;Izmir=Izmir;Bursa=Bursa;Antalya=Antalya;Adana=Adana
PL|Warsaw=Masovia;Kraków=Lesser Poland;Łódź=Łódź;Wrocław=Lower Silesia;Poznań=Greater Poland;Gdańsk=Pomerania;Szczecin=West Pomerania
CH|Bern=Bern;Zurich=Zurich;Geneva=Geneva;Basel=Basel-Stadt;Lausanne=Vaud;Lucerne=Lucerne
IE|Dublin=Dublin;Cork=Cork;Limerick=Limerick;Galway=Galway;Waterford=Waterford
NZ|Wellington=Wellington;Auckland=Auckland;Christchurch=Canterbury;Hamilton=Waikato;Dunedin=Otago
SE|Stockholm=Stockholm;Gothenburg=Västra Götaland;Malmö=Skåne;Uppsala=Uppsala;Västerås=Västmanland
PT|Lisbon=Lisbon;Porto=Porto;Braga=Braga;Coimbra=Coimbra;Faro=Faro
PK|Islamabad=Islamabad Capital Territory;Karachi=Sindh;Lahore=Punjab;Faisalabad=Punjab;Rawalpindi=Punjab;Peshawar=Khyber Pakhtunkhwa
TH|Bangkok=Bangkok;Chiang Mai=Chiang Mai;Pattaya=Chonburi;Phuket=Phuket;Khon Kaen=Khon Kaen
AE|Abu Dhabi=Abu Dhabi;Dubai=Dubai;Sharjah=Sharjah;Al Ain=Abu Dhabi
SA|Riyadh=Riyadh;Jeddah=Makkah;Mecca=Makkah;Medina=Medina;Dammam=Eastern Province
EG|Cairo=Cairo;Alexandria=Alexandria;Giza=Giza;Port Said=Port Said;Luxor=Luxor;Aswan=Aswan`;

const REGION_OF_CITY: ReadonlyMap<string, ReadonlyMap<string, string>> = new Map(
  CITY_REGIONS.split('\n').map((line) => {
    const [alpha2 = '', list = ''] = line.split('|');
    return [alpha2, new Map(list.split(';').map((e) => e.split('=') as [string, string]))];
  }),
);

/**
 * Version 3: the region of a city of country `alpha2` (`Salvador` → `Bahia`,
 * `BA` when `abbreviated`), undefined for a city not listed here or a region
 * with no abbreviation.
 */
export function regionOfCity(
  alpha2: string,
  city: string,
  abbreviated: boolean,
  version = 3,
): string | undefined {
  const region = REGION_OF_CITY.get(alpha2)?.get(city);
  if (region === undefined || !abbreviated) return region;
  return regionCodeOfName(alpha2, region, version);
}

/** The code of a region of the country by its listed name (version 4: also the codes region-codes.ts adds). */
export function regionCodeOfName(alpha2: string, region: string, version: number): string | undefined {
  const regions = REGIONS_BY_ALPHA2.get(alpha2);
  const at = regions?.names.indexOf(region) ?? -1;
  if (at < 0) return undefined;
  return regions?.codes?.[at] ?? (version >= 4 ? regionCodesOf(alpha2)?.[at] : undefined);
}

/**
 * Postal code shapes: `#` a digit, `%` a digit but 0, `@` a letter, `^` a
 * letter Canada's codes use; anything else as written. `GB` is made apart.
 */
const POSTAL_FORMATS: Readonly<Record<string, string>> = {
  CA: '^%^ %^%',
  JP: '%##-####',
  DE: '#####',
  FR: '%####',
  IT: '#####',
  ES: '#####',
  MX: '#####',
  KR: '#####',
  TR: '%####',
  ID: '%####',
  TH: '%####',
  MY: '%####',
  SA: '%####',
  EG: '%####',
  UA: '%####',
  FI: '#####',
  PK: '%####',
  MA: '%####',
  DZ: '%####',
  KE: '%####',
  LK: '%####',
  GR: '%## ##',
  CZ: '%## ##',
  SK: '%## ##',
  SE: '%## ##',
  PL: '%#-###',
  PT: '%###-###',
  BR: '%####-###',
  NL: '%### @@',
  AU: '%###',
  NZ: '%###',
  AT: '%###',
  BE: '%###',
  CH: '%###',
  DK: '%###',
  NO: '%###',
  HU: '%###',
  ZA: '%###',
  PH: '%###',
  BD: '%###',
  AR: '@%###@@@',
  IN: '%#####',
  CN: '%#####',
  RU: '%#####',
  SG: '%#####',
  KZ: '%#####',
  VN: '%#####',
  NG: '%#####',
  BY: '%#####',
  IE: '@%# @@%%',
  IL: '%######',
  IR: '%####-#####',
};

/** UK postcode areas of large towns (`SW`, `M`, `EH`…): the outward code starts with one. */
const GB_AREAS = 'B BS CF E EC EH G L LS M N NE NG NW S SE SW W WC BT CB OX RG BN CV LE PL YO'.split(' ');
/** Letters of a UK inward code (not C I K M O V). */
const GB_INWARD = 'ABDEFGHJLNPQRSTUWXYZ';
const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const CANADA_LETTERS = 'ABCEGHJKLMNPRSTVXY';
const DEFAULT_FORMAT = '%####';

interface CountryRegions {
  readonly names: readonly string[];
  /** Abbreviations aligned with `names`, where the country has them. */
  readonly codes: readonly string[] | null;
}

const REGIONS_BY_ALPHA2: ReadonlyMap<string, CountryRegions> = new Map(
  REGIONS.split('\n').map((line) => {
    const [alpha2 = '', list = ''] = line.split('|');
    const entries = list.split(';').map((e) => e.split('='));
    const coded = entries.every((e) => e.length === 2);
    return [
      alpha2,
      { names: entries.map((e) => e[0] as string), codes: coded ? entries.map((e) => e[1] as string) : null },
    ];
  }),
);

/** The alpha-2 code of a country a column's text names, unless it is the United States or unknown here. */
export function foreignCountry(text: string | null | undefined): string | undefined {
  if (typeof text !== 'string') return undefined;
  const cities = citiesOfCountry(text);
  if (cities === undefined || cities === 'us') return undefined;
  return codesOfCountry(text)?.alpha2;
}

/**
 * A region of the country (`alpha2`) for a state/district column: its
 * name, or its abbreviation for a code column (undefined where the country
 * has none); a city of the country where no regions are listed.
 */
export function regionsOf(
  alpha2: string,
  country: string,
  abbreviated: boolean,
  version = 3,
): readonly string[] | undefined {
  const regions = REGIONS_BY_ALPHA2.get(alpha2);
  // Version 4: codes for every listed country, and a code of a city's letters where none are listed.
  const codes = version >= 4 ? regionCodesOf(alpha2) : undefined;
  if (regions !== undefined) return abbreviated ? (regions.codes ?? codes) : regions.names;
  if (abbreviated && version < 4) return undefined;
  const cities = citiesOfCountry(country);
  if (!Array.isArray(cities)) return undefined;
  return abbreviated ? [...new Set(cities.map((c) => madeRegionCode(c, 3)))] : cities;
}

function letterOf(rand: RowRandom, letters: string): string {
  return letters[rand.below(letters.length)] as string;
}

/** `SW1A 2AA`'s shape: an area of a large town, a district, a space, a sector digit and two letters. */
function britishPostcode(rand: RowRandom): string {
  const area = GB_AREAS[rand.below(GB_AREAS.length)] as string;
  const district = 1 + rand.below(area.length === 1 ? 20 : 12);
  return `${area}${district} ${rand.below(10)}${letterOf(rand, GB_INWARD)}${letterOf(rand, GB_INWARD)}`;
}

/** A postal code in the shape the country (`alpha2`) writes them. */
export function postalCodeOf(alpha2: string, rand: RowRandom): string {
  if (alpha2 === 'GB') return britishPostcode(rand);
  const format = POSTAL_FORMATS[alpha2] ?? DEFAULT_FORMAT;
  let code = '';
  for (const c of format) {
    if (c === '#') code += String(rand.below(10));
    else if (c === '%') code += String(1 + rand.below(9));
    else if (c === '@') code += letterOf(rand, LETTERS);
    else if (c === '^') code += letterOf(rand, CANADA_LETTERS);
    else code += c;
  }
  return code;
}
