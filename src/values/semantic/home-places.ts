/**
 * Version 5: an address of the run's home country (the United States for en,
 * the locale's country else) whose city, region and postal code agree: a
 * table with a city beside a region or postal code picks its city from
 * records of real cities with their region (in the locale's spelling) and
 * the first digits of their postal codes; the region column writes the
 * city's region (its code in a code column) and the postal code starts as
 * the city's do. Where the row's country is another one
 * (place-values.ts' country wrappers) these are not used. Also the real
 * two-letter codes of the locale's regions (ISO 3166-2: `MD` for the
 * Comunidad de Madrid, `13` for 東京都) where faker's abbreviations are no
 * such codes. Written for this project from common knowledge.
 */
import type { RowRandom } from '../random.js';
import { escapeFreeTexts } from '../types/escape-free.js';
import { STATES } from './locale-data.js';
import type { LocaleDictionary } from './locale-dictionary.js';
import { madeRegionCode } from './region-codes.js';
import {
  createPicker,
  type SemanticBuild,
  type SemanticGenerator,
  siblingOfKind,
  siblingReader,
} from './semantic-generator.js';

/**
 * `alpha2|City=Region=postal prefix;…`: regions as the locale's faker data names them, US cities as faker's
 * en list with the first three digits of their ZIP codes (`770` for Houston: the city's own, not any of its state's).
 */
const RECORDS = `US|New York=New York=100;Los Angeles=California=900;Chicago=Illinois=606;Houston=Texas=770;Phoenix=Arizona=850;Philadelphia=Pennsylvania=191;San Antonio=Texas=782;San Diego=California=921;Dallas=Texas=752;San Jose=California=951;Austin=Texas=787;Jacksonville=Florida=322;Fort Worth=Texas=761;Columbus=Ohio=432;Charlotte=North Carolina=282;Indianapolis=Indiana=462;San Francisco=California=941;Seattle=Washington=981;Denver=Colorado=802;Nashville-Davidson=Tennessee=372;Oklahoma City=Oklahoma=731;El Paso=Texas=799;Boston=Massachusetts=021;Las Vegas=Nevada=891;Detroit=Michigan=482;Memphis=Tennessee=381;Louisville/Jefferson County=Kentucky=402;Baltimore=Maryland=212;Milwaukee=Wisconsin=532;Albuquerque=New Mexico=871;Tucson=Arizona=857;Fresno=California=937;Sacramento=California=958;Kansas City=Missouri=641;Atlanta=Georgia=303;Omaha=Nebraska=681;Colorado Springs=Colorado=809;Raleigh=North Carolina=276;Miami=Florida=331;Virginia Beach=Virginia=234;Minneapolis=Minnesota=554;Tulsa=Oklahoma=741;Tampa=Florida=336;New Orleans=Louisiana=701;Wichita=Kansas=672;Cleveland=Ohio=441;Honolulu=Hawaii=968;Lexington-Fayette=Kentucky=405;St. Paul=Minnesota=551;Cincinnati=Ohio=452;Pittsburgh=Pennsylvania=152;Anchorage=Alaska=995;Plano=Texas=750;Lincoln=Nebraska=685;Orlando=Florida=328;Newark=New Jersey=071;Toledo=Ohio=436;Jersey City=New Jersey=073;Madison=Wisconsin=537;Buffalo=New York=142;Scottsdale=Arizona=852;Reno=Nevada=895;Boise City=Idaho=837;Richmond=Virginia=232;Spokane=Washington=992;Des Moines=Iowa=503;Birmingham=Alabama=352;Montgomery=Alabama=361;Little Rock=Arkansas=722;Salt Lake City=Utah=841;Providence=Rhode Island=029;Hartford=Connecticut=061;New Haven=Connecticut=065;Wilmington=Delaware=198;Burlington=Vermont=054;Manchester=New Hampshire=031;Concord=New Hampshire=033;Portland=Maine=041;Auburn=Maine=042;Huntington=West Virginia=257;Charleston=South Carolina=294;Columbia=South Carolina=292;Jackson=Mississippi=392;Gulfport=Mississippi=395;Fargo=North Dakota=581;Bismarck=North Dakota=585;Sioux Falls=South Dakota=571;Rapid City=South Dakota=577;Billings=Montana=591;Missoula=Montana=598;Cheyenne=Wyoming=820;Casper=Wyoming=826;Santa Fe=New Mexico=875;Topeka=Kansas=666;Springfield=Illinois=627;Grand Rapids=Michigan=495;Ann Arbor=Michigan=481;Baton Rouge=Louisiana=708;Knoxville=Tennessee=379;Savannah=Georgia=314;Tallahassee=Florida=323;Rochester=New York=146;Albany=New York=122;Worcester=Massachusetts=016;Allentown=Pennsylvania=181;Eugene=Oregon=974;Salem=Oregon=973;Tacoma=Washington=984;Hilo=Hawaii=967;Provo=Utah=846;Fayetteville=Arkansas=727;Cedar Rapids=Iowa=524;St. Louis=Missouri=631;Akron=Ohio=443;Evansville=Indiana=477;Green Bay=Wisconsin=543;Duluth=Minnesota=558;Trenton=New Jersey=086;Frederick=Maryland=217;Nashua=New Hampshire=030;Kenosha=Wisconsin=531;Nampa=Idaho=836;Olympia=Washington=985;Carson City=Nevada=897;Pocatello=Idaho=832;Warwick=Rhode Island=028
ES|Madrid=Comunidad de Madrid=28;Alcalá de Henares=Comunidad de Madrid=28;Barcelona=Cataluña=08;Tarragona=Cataluña=43;Lérida=Cataluña=25;Gerona=Cataluña=17;Valencia=Comunidad Valenciana=46;Alicante=Comunidad Valenciana=03;Elche=Comunidad Valenciana=03;Castellón de la Plana=Comunidad Valenciana=12;Sevilla=Andalucía=41;Málaga=Andalucía=29;Córdoba=Andalucía=14;Granada=Andalucía=18;Almería=Andalucía=04;Cádiz=Andalucía=11;Huelva=Andalucía=21;Jaén=Andalucía=23;Zaragoza=Aragón=50;Huesca=Aragón=22;Teruel=Aragón=44;Murcia=Región de Murcia=30;Cartagena=Región de Murcia=30;Palma=Baleares=07;Ibiza=Baleares=07;Las Palmas de Gran Canaria=Canarias=35;Santa Cruz de Tenerife=Canarias=38;Bilbao=País Vasco=48;San Sebastián=País Vasco=20;Vitoria=País Vasco=01;Oviedo=Principado de Asturias=33;Gijón=Principado de Asturias=33;La Coruña=Galicia=15;Vigo=Galicia=36;Santiago de Compostela=Galicia=15;Lugo=Galicia=27;Orense=Galicia=32;Valladolid=Castilla y León=47;Salamanca=Castilla y León=37;Burgos=Castilla y León=09;León=Castilla y León=24;Segovia=Castilla y León=40;Toledo=Castilla-La Mancha=45;Albacete=Castilla-La Mancha=02;Ciudad Real=Castilla-La Mancha=13;Guadalajara=Castilla-La Mancha=19;Santander=Cantabria=39;Logroño=La Rioja=26;Pamplona=Navarra=31;Badajoz=Extremadura=06;Cáceres=Extremadura=10;Mérida=Extremadura=06
FR|Paris=Île-de-France=75;Versailles=Île-de-France=78;Boulogne-Billancourt=Île-de-France=92;Créteil=Île-de-France=94;Marseille=Provence-Alpes-Côte d'Azur=13;Nice=Provence-Alpes-Côte d'Azur=06;Toulon=Provence-Alpes-Côte d'Azur=83;Aix-en-Provence=Provence-Alpes-Côte d'Azur=13;Lyon=Rhône-Alpes=69;Grenoble=Rhône-Alpes=38;Saint-Étienne=Rhône-Alpes=42;Toulouse=Midi-Pyrénées=31;Montauban=Midi-Pyrénées=82;Nantes=Pays de la Loire=44;Angers=Pays de la Loire=49;Le Mans=Pays de la Loire=72;Strasbourg=Alsace=67;Mulhouse=Alsace=68;Colmar=Alsace=68;Montpellier=Languedoc-Roussillon=34;Nîmes=Languedoc-Roussillon=30;Perpignan=Languedoc-Roussillon=66;Bordeaux=Aquitaine=33;Pau=Aquitaine=64;Lille=Nord-Pas-de-Calais=59;Calais=Nord-Pas-de-Calais=62;Rennes=Bretagne=35;Brest=Bretagne=29;Reims=Champagne-Ardenne=51;Troyes=Champagne-Ardenne=10;Rouen=Haute-Normandie=76;Le Havre=Haute-Normandie=76;Caen=Basse-Normandie=14;Cherbourg=Basse-Normandie=50;Dijon=Bourgogne=21;Auxerre=Bourgogne=89;Clermont-Ferrand=Auvergne=63;Vichy=Auvergne=03;Tours=Centre=37;Orléans=Centre=45;Bourges=Centre=18;Amiens=Picardie=80;Beauvais=Picardie=60;Limoges=Limousin=87;Metz=Lorraine=57;Nancy=Lorraine=54;Besançon=Franche-Comté=25;Belfort=Franche-Comté=90;Poitiers=Poitou-Charentes=86;La Rochelle=Poitou-Charentes=17;Ajaccio=Corse=20;Bastia=Corse=20
DE|Berlin=Berlin=10;Hamburg=Hamburg=20;München=Bayern=80;Nürnberg=Bayern=90;Augsburg=Bayern=86;Regensburg=Bayern=93;Würzburg=Bayern=97;Köln=Nordrhein-Westfalen=50;Düsseldorf=Nordrhein-Westfalen=40;Dortmund=Nordrhein-Westfalen=44;Essen=Nordrhein-Westfalen=45;Duisburg=Nordrhein-Westfalen=47;Wuppertal=Nordrhein-Westfalen=42;Bielefeld=Nordrhein-Westfalen=33;Bonn=Nordrhein-Westfalen=53;Münster=Nordrhein-Westfalen=48;Frankfurt am Main=Hessen=60;Wiesbaden=Hessen=65;Kassel=Hessen=34;Darmstadt=Hessen=64;Stuttgart=Baden-Württemberg=70;Mannheim=Baden-Württemberg=68;Karlsruhe=Baden-Württemberg=76;Freiburg im Breisgau=Baden-Württemberg=79;Heidelberg=Baden-Württemberg=69;Ulm=Baden-Württemberg=89;Leipzig=Sachsen=04;Dresden=Sachsen=01;Chemnitz=Sachsen=09;Bremen=Bremen=28;Bremerhaven=Bremen=27;Hannover=Niedersachsen=30;Braunschweig=Niedersachsen=38;Oldenburg=Niedersachsen=26;Göttingen=Niedersachsen=37;Kiel=Schleswig-Holstein=24;Lübeck=Schleswig-Holstein=23;Flensburg=Schleswig-Holstein=24;Magdeburg=Sachsen-Anhalt=39;Halle (Saale)=Sachsen-Anhalt=06;Erfurt=Thüringen=99;Jena=Thüringen=07;Gera=Thüringen=07;Rostock=Mecklenburg-Vorpommern=18;Schwerin=Mecklenburg-Vorpommern=19;Potsdam=Brandenburg=14;Cottbus=Brandenburg=03;Saarbrücken=Saarland=66;Mainz=Rheinland-Pfalz=55;Trier=Rheinland-Pfalz=54;Koblenz=Rheinland-Pfalz=56
JP|札幌市=北海道=060;青森市=青森県=030;盛岡市=岩手県=020;仙台市=宮城県=980;秋田市=秋田県=010;山形市=山形県=990;福島市=福島県=960;水戸市=茨城県=310;宇都宮市=栃木県=320;前橋市=群馬県=371;さいたま市=埼玉県=330;千葉市=千葉県=260;新宿区=東京都=160;世田谷区=東京都=154;八王子市=東京都=192;横浜市=神奈川県=220;川崎市=神奈川県=210;新潟市=新潟県=950;富山市=富山県=930;金沢市=石川県=920;福井市=福井県=910;甲府市=山梨県=400;長野市=長野県=380;岐阜市=岐阜県=500;静岡市=静岡県=420;浜松市=静岡県=430;名古屋市=愛知県=450;津市=三重県=514;大津市=滋賀県=520;京都市=京都府=600;大阪市=大阪府=530;堺市=大阪府=590;神戸市=兵庫県=650;奈良市=奈良県=630;和歌山市=和歌山県=640;鳥取市=鳥取県=680;松江市=島根県=690;岡山市=岡山県=700;広島市=広島県=730;山口市=山口県=753;徳島市=徳島県=770;高松市=香川県=760;松山市=愛媛県=790;高知市=高知県=780;福岡市=福岡県=810;北九州市=福岡県=802;佐賀市=佐賀県=840;長崎市=長崎県=850;熊本市=熊本県=860;大分市=大分県=870;宮崎市=宮崎県=880;鹿児島市=鹿児島県=890;那覇市=沖縄県=900
BR|São Paulo=São Paulo=01;Campinas=São Paulo=13;Rio de Janeiro=Rio de Janeiro=20;Belo Horizonte=Minas Gerais=30;Salvador=Bahia=40;Fortaleza=Ceará=60;Brasília=Distrito Federal=70;Curitiba=Paraná=80;Recife=Pernambuco=50;Porto Alegre=Rio Grande do Sul=90;Manaus=Amazonas=69;Belém=Pará=66;Goiânia=Goiás=74;São Luís=Maranhão=65;Maceió=Alagoas=57;Natal=Rio Grande do Norte=59;Teresina=Piauí=64;João Pessoa=Paraíba=58;Florianópolis=Santa Catarina=88;Vitória=Espírito Santo=29;Cuiabá=Mato Grosso=78;Campo Grande=Mato Grosso do Sul=79;Aracaju=Sergipe=49;Porto Velho=Rondônia=76;Macapá=Amapá=68;Rio Branco=Acre=69;Boa Vista=Roraima=69;Palmas=Tocantins=77`;

/** ISO 3166-2 codes of the locale's regions, aligned with faker's list, where its abbreviations are none. */
const ISO_CODES: Readonly<Record<string, readonly string[]>> = {
  // Andalucía … Región de Murcia, in faker es' order.
  ES: 'AN AR AS IB CN CB CM CL CT VC EX GA RI MD NC PV MC'.split(' '),
};

export interface HomeRecord {
  readonly city: string;
  readonly region: string;
  readonly postalPrefix: string;
}

const RECORDS_BY_ALPHA2: ReadonlyMap<string, readonly HomeRecord[]> = new Map(
  RECORDS.split('\n').map((line) => {
    const [alpha2 = '', list = ''] = line.split('|');
    const records = list.split(';').map((entry) => {
      const [city = '', region = '', postalPrefix = ''] = entry.split('=');
      return { city, region, postalPrefix };
    });
    return [alpha2, records];
  }),
);

/** The home country's city records (the locale's country, the United States for en), or undefined. */
export function homeRecordsOf(alpha2: string): readonly HomeRecord[] | undefined {
  return RECORDS_BY_ALPHA2.get(alpha2);
}

function homeOf(build: SemanticBuild): string {
  return build.locale?.home.alpha2 ?? 'US';
}

/**
 * Version 5: the codes of the locale's regions (aligned with its `states`):
 * ISO 3166-2 where faker's abbreviations are not codes (es `And`, ja `1`:
 * `AN`, `01`), else faker's; empty where it has none.
 */
export function localeRegionCodes(d: LocaleDictionary, version: number): readonly string[] {
  if (version < 5) return d.stateAbbrs;
  const iso = ISO_CODES[d.home.alpha2];
  if (iso !== undefined && iso.length === d.states.length) return iso;
  if (d.home.alpha2 === 'JP') return d.stateAbbrs.map((a) => a.padStart(2, '0'));
  return d.stateAbbrs;
}

/** A region's code as a code column of `maxLength` writes it: its listed code where it fits, else one of its letters. */
export function homeRegionCode(build: SemanticBuild, region: string): string {
  const d = build.locale;
  const at = d === null ? -1 : d.states.indexOf(region);
  const code =
    d === null ? STATES.find((s) => s.name === region)?.abbr : localeRegionCodes(d, build.version)[at];
  return code !== undefined && code.length <= build.maxLength
    ? code
    : madeRegionCode(region, build.maxLength);
}

/** The row's city column's reader and the home records by city, where version 5 makes the address agree. */
function cityRecords(build: SemanticBuild): {
  readonly read: (row: number) => string | null | undefined;
  readonly byCity: Map<string, HomeRecord>;
} | null {
  if (build.version < 5) return null;
  const records = homeRecordsOf(homeOf(build));
  const city = siblingOfKind(build, 'city');
  if (records === undefined || city === null) return null;
  return { read: siblingReader(build.ctx, city), byCity: new Map(records.map((r) => [r.city, r])) };
}

/** Version 5: a city column beside a region or postal code takes a city of the home records (where most fit), `usual` else. */
export function withHomeCity(build: SemanticBuild, usual: SemanticGenerator): SemanticGenerator {
  if (build.version < 5 || siblingOfKind(build, 'state', 'postal_code') === null) return usual;
  const all = homeRecordsOf(homeOf(build)) ?? [];
  const records = all.filter((r) => r.city.length <= build.maxLength);
  // A column too short for most of them (`city varchar(5)`) keeps the usual cities, and the regions their variety.
  if (records.length === 0 || records.length < all.length * 0.8) return usual;
  // A picker: an ASCII list is copied as bytes by the COPY writer (no escape scan).
  return createPicker(records.map((r) => r.city));
}

/** Version 5: a region column beside a home city writes that city's region (its code in a code column). */
export function withHomeRegion(
  build: SemanticBuild,
  abbreviated: boolean,
  usual: SemanticGenerator,
): SemanticGenerator {
  const cities = cityRecords(build);
  if (cities === null) return usual;
  const regions = [...cities.byCity.values()].map((r) =>
    abbreviated ? homeRegionCode(build, r.region) : r.region,
  );
  return {
    escapeFree: usual.escapeFree === true && escapeFreeTexts(regions),
    random(rand, row) {
      const city = cities.read(row);
      const record = typeof city === 'string' ? cities.byCity.get(city) : undefined;
      if (record === undefined) return usual.random(rand, row);
      const region = abbreviated ? homeRegionCode(build, record.region) : record.region;
      return region.length <= build.maxLength ? region : usual.random(rand, row);
    },
  };
}

/**
 * Version 5: a postal code beside a home city starts as that city's do (`28` in Madrid, `770` in Houston,
 * with or without a state column beside it); `usual` else, and where the code is shorter than the start.
 */
export function withHomePostalCode(build: SemanticBuild, usual: SemanticGenerator): SemanticGenerator {
  const cities = cityRecords(build);
  if (cities === null) return usual;
  const prefixOf = (row: number): string | undefined => {
    const city = cities.read(row);
    return typeof city === 'string' ? cities.byCity.get(city)?.postalPrefix : undefined;
  };
  const prefixed = (rand: RowRandom, row: number): string => {
    const code = usual.random(rand, row);
    const prefix = prefixOf(row);
    if (prefix === undefined || prefix === '' || code.length < prefix.length) return code;
    if (!/^\d+$/.test(code.slice(0, prefix.length))) return code;
    return prefix + code.slice(prefix.length);
  };
  const usualWrite = usual.write;
  if (usualWrite === undefined) return { random: prefixed, escapeFree: usual.escapeFree === true };
  return {
    random: prefixed,
    escapeFree: usual.escapeFree === true,
    // The usual code's bytes, its first digits then overwritten by the city's (digits: a byte each).
    write(rand, row, out) {
      const start = out.pos;
      usualWrite(rand, row, out);
      const prefix = prefixOf(row);
      if (prefix === undefined || prefix === '' || out.pos - start < prefix.length) return;
      for (let i = 0; i < prefix.length; i++) {
        const c = out.buf[start + i] as number;
        if (c < 48 || c > 57) return;
      }
      for (let i = 0; i < prefix.length; i++) out.buf[start + i] = prefix.charCodeAt(i);
    },
  };
}
