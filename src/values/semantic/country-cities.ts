/**
 * Cities by country, so a city agrees with its country (a `city` table whose
 * rows point at a `country` table, a row with both columns). Keyed by the
 * country names faker's en locale writes (locale-data.ts' COUNTRIES), each
 * with its ISO 3166 alpha-2 code (a parent known by its code) and its
 * capital first, then other large cities; the United States takes faker's
 * own list of US cities. Written for this project from common knowledge.
 */
import { COUNTRY_ALPHA2, COUNTRY_ALPHA3, COUNTRY_NUMERIC } from './locale-data.js';

/** `name|alpha2|city;city;…`, one country a line. */
const TABLE = `Afghanistan|AF|Kabul;Kandahar;Herat;Mazar-i-Sharif;Jalalabad
Åland Islands|AX|Mariehamn
Albania|AL|Tirana;Durrës;Vlorë;Shkodër;Elbasan
Algeria|DZ|Algiers;Oran;Constantine;Annaba;Blida
American Samoa|AS|Pago Pago;Tafuna
Andorra|AD|Andorra la Vella;Escaldes-Engordany
Angola|AO|Luanda;Huambo;Lobito;Benguela;Lubango
Anguilla|AI|The Valley
Antarctica|AQ|McMurdo Station
Antigua and Barbuda|AG|St. John's
Argentina|AR|Buenos Aires;Córdoba;Rosario;Mendoza;La Plata;Mar del Plata;Salta
Armenia|AM|Yerevan;Gyumri;Vanadzor
Aruba|AW|Oranjestad
Australia|AU|Canberra;Sydney;Melbourne;Brisbane;Perth;Adelaide;Hobart;Darwin
Austria|AT|Vienna;Graz;Linz;Salzburg;Innsbruck
Azerbaijan|AZ|Baku;Ganja;Sumqayit
Bahamas|BS|Nassau;Freeport
Bahrain|BH|Manama;Riffa;Muharraq
Bangladesh|BD|Dhaka;Chittagong;Khulna;Rajshahi;Sylhet
Barbados|BB|Bridgetown
Belarus|BY|Minsk;Gomel;Mogilev;Vitebsk;Grodno;Brest
Belgium|BE|Brussels;Antwerp;Ghent;Charleroi;Liège;Bruges
Belize|BZ|Belmopan;Belize City
Benin|BJ|Porto-Novo;Cotonou;Parakou
Bermuda|BM|Hamilton
Bhutan|BT|Thimphu;Phuntsholing
Bolivia|BO|Sucre;La Paz;Santa Cruz de la Sierra;Cochabamba;El Alto
Bonaire, Sint Eustatius and Saba|BQ|Kralendijk
Bosnia and Herzegovina|BA|Sarajevo;Banja Luka;Tuzla;Mostar
Botswana|BW|Gaborone;Francistown
Bouvet Island|BV|Bouvetøya
Brazil|BR|Brasília;São Paulo;Rio de Janeiro;Salvador;Fortaleza;Belo Horizonte;Manaus;Curitiba;Recife;Porto Alegre
British Indian Ocean Territory (Chagos Archipelago)|IO|Diego Garcia
Brunei Darussalam|BN|Bandar Seri Begawan
Bulgaria|BG|Sofia;Plovdiv;Varna;Burgas
Burkina Faso|BF|Ouagadougou;Bobo-Dioulasso
Burundi|BI|Gitega;Bujumbura
Cambodia|KH|Phnom Penh;Siem Reap;Battambang
Cameroon|CM|Yaoundé;Douala;Garoua;Bamenda
Canada|CA|Ottawa;Toronto;Montreal;Vancouver;Calgary;Edmonton;Winnipeg;Quebec City;Halifax
Cape Verde|CV|Praia;Mindelo
Cayman Islands|KY|George Town
Central African Republic|CF|Bangui
Chad|TD|N'Djamena;Moundou
Chile|CL|Santiago;Valparaíso;Concepción;Antofagasta;Viña del Mar
China|CN|Beijing;Shanghai;Guangzhou;Shenzhen;Chengdu;Wuhan;Tianjin;Xi'an;Hangzhou;Nanjing
Christmas Island|CX|Flying Fish Cove
Cocos (Keeling) Islands|CC|West Island
Colombia|CO|Bogotá;Medellín;Cali;Barranquilla;Cartagena
Comoros|KM|Moroni
Congo|CG|Brazzaville;Pointe-Noire
Cook Islands|CK|Avarua
Costa Rica|CR|San José;Alajuela;Cartago;Limón
Côte d'Ivoire|CI|Yamoussoukro;Abidjan;Bouaké
Croatia|HR|Zagreb;Split;Rijeka;Osijek;Zadar
Cuba|CU|Havana;Santiago de Cuba;Camagüey;Holguín
Curaçao|CW|Willemstad
Cyprus|CY|Nicosia;Limassol;Larnaca;Paphos
Czechia|CZ|Prague;Brno;Ostrava;Plzeň;Olomouc
Democratic Republic of the Congo|CD|Kinshasa;Lubumbashi;Mbuji-Mayi;Kisangani
Denmark|DK|Copenhagen;Aarhus;Odense;Aalborg
Djibouti|DJ|Djibouti
Dominica|DM|Roseau
Dominican Republic|DO|Santo Domingo;Santiago de los Caballeros;La Romana
Ecuador|EC|Quito;Guayaquil;Cuenca
Egypt|EG|Cairo;Alexandria;Giza;Port Said;Luxor;Aswan
El Salvador|SV|San Salvador;Santa Ana;San Miguel
Equatorial Guinea|GQ|Malabo;Bata
Eritrea|ER|Asmara;Massawa
Estonia|EE|Tallinn;Tartu;Narva;Pärnu
Eswatini|SZ|Mbabane;Manzini
Ethiopia|ET|Addis Ababa;Dire Dawa;Mekelle;Gondar
Faroe Islands|FO|Tórshavn
Falkland Islands (Malvinas)|FK|Stanley
Fiji|FJ|Suva;Nadi;Lautoka
Finland|FI|Helsinki;Espoo;Tampere;Turku;Oulu
France|FR|Paris;Marseille;Lyon;Toulouse;Nice;Nantes;Strasbourg;Bordeaux;Lille;Rennes
French Guiana|GF|Cayenne;Kourou
French Polynesia|PF|Papeete
French Southern Territories|TF|Port-aux-Français
Gabon|GA|Libreville;Port-Gentil
Gambia|GM|Banjul;Serekunda
Georgia|GE|Tbilisi;Batumi;Kutaisi
Germany|DE|Berlin;Hamburg;Munich;Cologne;Frankfurt am Main;Stuttgart;Düsseldorf;Leipzig;Dresden;Bremen
Ghana|GH|Accra;Kumasi;Tamale;Takoradi
Gibraltar|GI|Gibraltar
Greece|GR|Athens;Thessaloniki;Patras;Heraklion;Larissa
Greenland|GL|Nuuk
Grenada|GD|St. George's
Guadeloupe|GP|Basse-Terre;Pointe-à-Pitre
Guam|GU|Hagåtña;Dededo
Guatemala|GT|Guatemala City;Quetzaltenango;Antigua Guatemala
Guernsey|GG|St Peter Port
Guinea|GN|Conakry;Kankan
Guinea-Bissau|GW|Bissau
Guyana|GY|Georgetown
Haiti|HT|Port-au-Prince;Cap-Haïtien
Heard Island and McDonald Islands|HM|Atlas Cove
Holy See (Vatican City State)|VA|Vatican City
Honduras|HN|Tegucigalpa;San Pedro Sula
Hong Kong|HK|Hong Kong;Kowloon
Hungary|HU|Budapest;Debrecen;Szeged;Miskolc;Pécs
Iceland|IS|Reykjavík;Akureyri
India|IN|New Delhi;Mumbai;Bangalore;Kolkata;Chennai;Hyderabad;Ahmedabad;Pune;Jaipur;Lucknow
Indonesia|ID|Jakarta;Surabaya;Bandung;Medan;Semarang;Makassar;Denpasar
Iran|IR|Tehran;Mashhad;Isfahan;Karaj;Shiraz;Tabriz
Iraq|IQ|Baghdad;Basra;Mosul;Erbil
Ireland|IE|Dublin;Cork;Limerick;Galway;Waterford
Isle of Man|IM|Douglas
Israel|IL|Jerusalem;Tel Aviv;Haifa;Beersheba
Italy|IT|Rome;Milan;Naples;Turin;Palermo;Genoa;Bologna;Florence;Venice
Jamaica|JM|Kingston;Montego Bay
Japan|JP|Tokyo;Yokohama;Osaka;Nagoya;Sapporo;Fukuoka;Kobe;Kyoto;Sendai;Hiroshima
Jersey|JE|St Helier
Jordan|JO|Amman;Zarqa;Irbid;Aqaba
Kazakhstan|KZ|Astana;Almaty;Shymkent;Karaganda
Kenya|KE|Nairobi;Mombasa;Kisumu;Nakuru
Kiribati|KI|South Tarawa
Democratic People's Republic of Korea|KP|Pyongyang;Hamhung;Chongjin
Republic of Korea|KR|Seoul;Busan;Incheon;Daegu;Daejeon;Gwangju
Kuwait|KW|Kuwait City;Hawalli
Kyrgyz Republic|KG|Bishkek;Osh
Lao People's Democratic Republic|LA|Vientiane;Luang Prabang;Pakse
Latvia|LV|Riga;Daugavpils;Liepāja
Lebanon|LB|Beirut;Tripoli;Sidon
Lesotho|LS|Maseru
Liberia|LR|Monrovia
Libyan Arab Jamahiriya|LY|Tripoli;Benghazi;Misrata
Liechtenstein|LI|Vaduz;Schaan
Lithuania|LT|Vilnius;Kaunas;Klaipėda
Luxembourg|LU|Luxembourg;Esch-sur-Alzette
Macao|MO|Macau
Madagascar|MG|Antananarivo;Toamasina
Malawi|MW|Lilongwe;Blantyre
Malaysia|MY|Kuala Lumpur;George Town;Johor Bahru;Ipoh;Kuching
Maldives|MV|Malé
Mali|ML|Bamako;Sikasso
Malta|MT|Valletta;Birkirkara;Sliema
Marshall Islands|MH|Majuro
Martinique|MQ|Fort-de-France
Mauritania|MR|Nouakchott;Nouadhibou
Mauritius|MU|Port Louis;Curepipe
Mayotte|YT|Mamoudzou
Mexico|MX|Mexico City;Guadalajara;Monterrey;Puebla;Tijuana;León;Mérida;Cancún
Micronesia|FM|Palikir;Weno
Moldova|MD|Chișinău;Bălți
Monaco|MC|Monaco
Mongolia|MN|Ulaanbaatar;Erdenet
Montenegro|ME|Podgorica;Nikšić
Montserrat|MS|Brades
Morocco|MA|Rabat;Casablanca;Marrakesh;Fez;Tangier;Agadir
Mozambique|MZ|Maputo;Beira;Nampula
Myanmar|MM|Naypyidaw;Yangon;Mandalay
Namibia|NA|Windhoek;Walvis Bay
Nauru|NR|Yaren
Nepal|NP|Kathmandu;Pokhara;Lalitpur
Netherlands|NL|Amsterdam;Rotterdam;The Hague;Utrecht;Eindhoven;Groningen
New Caledonia|NC|Nouméa
New Zealand|NZ|Wellington;Auckland;Christchurch;Hamilton;Dunedin
Nicaragua|NI|Managua;León;Granada
Niger|NE|Niamey;Zinder
Nigeria|NG|Abuja;Lagos;Kano;Ibadan;Port Harcourt;Benin City
Niue|NU|Alofi
Norfolk Island|NF|Kingston
North Macedonia|MK|Skopje;Bitola;Ohrid
Northern Mariana Islands|MP|Saipan
Norway|NO|Oslo;Bergen;Trondheim;Stavanger;Tromsø
Oman|OM|Muscat;Salalah;Sohar
Pakistan|PK|Islamabad;Karachi;Lahore;Faisalabad;Rawalpindi;Peshawar
Palau|PW|Ngerulmud;Koror
Palestine|PS|Ramallah;Gaza;Hebron;Nablus
Panama|PA|Panama City;Colón;David
Papua New Guinea|PG|Port Moresby;Lae
Paraguay|PY|Asunción;Ciudad del Este;Encarnación
Peru|PE|Lima;Arequipa;Trujillo;Cusco;Chiclayo
Philippines|PH|Manila;Quezon City;Davao City;Cebu City;Zamboanga City
Pitcairn Islands|PN|Adamstown
Poland|PL|Warsaw;Kraków;Łódź;Wrocław;Poznań;Gdańsk;Szczecin
Portugal|PT|Lisbon;Porto;Braga;Coimbra;Faro
Puerto Rico|PR|San Juan;Bayamón;Ponce;Mayagüez
Qatar|QA|Doha;Al Rayyan
Réunion|RE|Saint-Denis;Saint-Pierre
Romania|RO|Bucharest;Cluj-Napoca;Timișoara;Iași;Constanța
Russian Federation|RU|Moscow;Saint Petersburg;Novosibirsk;Yekaterinburg;Kazan;Nizhny Novgorod;Samara
Rwanda|RW|Kigali;Butare
Saint Barthélemy|BL|Gustavia
Saint Helena|SH|Jamestown
Saint Kitts and Nevis|KN|Basseterre
Saint Lucia|LC|Castries
Saint Martin|MF|Marigot
Saint Pierre and Miquelon|PM|Saint-Pierre
Saint Vincent and the Grenadines|VC|Kingstown
Samoa|WS|Apia
San Marino|SM|San Marino;Serravalle
Sao Tome and Principe|ST|São Tomé
Saudi Arabia|SA|Riyadh;Jeddah;Mecca;Medina;Dammam
Senegal|SN|Dakar;Touba;Thiès
Serbia|RS|Belgrade;Novi Sad;Niš;Kragujevac
Seychelles|SC|Victoria
Sierra Leone|SL|Freetown;Bo
Singapore|SG|Singapore
Sint Maarten|SX|Philipsburg
Slovakia|SK|Bratislava;Košice;Prešov;Žilina
Slovenia|SI|Ljubljana;Maribor;Celje
Solomon Islands|SB|Honiara
Somalia|SO|Mogadishu;Hargeisa
South Africa|ZA|Pretoria;Johannesburg;Cape Town;Durban;Port Elizabeth;Bloemfontein
South Georgia and the South Sandwich Islands|GS|King Edward Point
South Sudan|SS|Juba;Wau
Spain|ES|Madrid;Barcelona;Valencia;Seville;Zaragoza;Málaga;Bilbao;Palma
Sri Lanka|LK|Sri Jayawardenepura Kotte;Colombo;Kandy;Galle
Sudan|SD|Khartoum;Omdurman;Port Sudan
Suriname|SR|Paramaribo
Svalbard & Jan Mayen Islands|SJ|Longyearbyen
Sweden|SE|Stockholm;Gothenburg;Malmö;Uppsala;Västerås
Switzerland|CH|Bern;Zurich;Geneva;Basel;Lausanne;Lucerne
Syrian Arab Republic|SY|Damascus;Aleppo;Homs;Latakia
Taiwan|TW|Taipei;Kaohsiung;Taichung;Tainan
Tajikistan|TJ|Dushanbe;Khujand
Tanzania|TZ|Dodoma;Dar es Salaam;Mwanza;Arusha;Zanzibar City
Thailand|TH|Bangkok;Chiang Mai;Pattaya;Phuket;Khon Kaen
Timor-Leste|TL|Dili
Togo|TG|Lomé;Sokodé
Tokelau|TK|Fakaofo
Tonga|TO|Nukuʻalofa
Trinidad and Tobago|TT|Port of Spain;San Fernando;Chaguanas
Tunisia|TN|Tunis;Sfax;Sousse
Turkey|TR|Ankara;Istanbul;Izmir;Bursa;Antalya;Adana
Turkmenistan|TM|Ashgabat;Türkmenabat
Turks and Caicos Islands|TC|Cockburn Town
Tuvalu|TV|Funafuti
Uganda|UG|Kampala;Gulu;Mbarara
Ukraine|UA|Kyiv;Kharkiv;Odesa;Dnipro;Lviv;Zaporizhzhia
United Arab Emirates|AE|Abu Dhabi;Dubai;Sharjah;Al Ain
United Kingdom|GB|London;Birmingham;Manchester;Glasgow;Liverpool;Leeds;Edinburgh;Bristol;Cardiff;Belfast
United States of America|US|
United States Minor Outlying Islands|UM|Wake Island
Uruguay|UY|Montevideo;Salto;Paysandú
Uzbekistan|UZ|Tashkent;Samarkand;Bukhara;Namangan
Vanuatu|VU|Port Vila
Venezuela|VE|Caracas;Maracaibo;Valencia;Barquisimeto
Vietnam|VN|Hanoi;Ho Chi Minh City;Da Nang;Haiphong;Can Tho
Virgin Islands, British|VG|Road Town
Virgin Islands, U.S.|VI|Charlotte Amalie
Wallis and Futuna|WF|Mata-Utu
Western Sahara|EH|Laayoune;Dakhla
Yemen|YE|Sana'a;Aden;Taiz
Zambia|ZM|Lusaka;Kitwe;Ndola
Zimbabwe|ZW|Harare;Bulawayo;Mutare`;

interface CountryCities {
  readonly name: string;
  readonly alpha2: string;
  /** Empty for the United States: faker's US city list is used. */
  readonly cities: readonly string[];
}

const RECORDS: readonly CountryCities[] = TABLE.split('\n').map((line) => {
  const [name = '', alpha2 = '', cities = ''] = line.split('|');
  return { name, alpha2, cities: cities === '' ? [] : cities.split(';') };
});

/** Alpha-3 by alpha-2, from faker's country code records (the two lists are aligned). */
const ALPHA3_BY_ALPHA2: ReadonlyMap<string, string> = new Map(
  COUNTRY_ALPHA2.map((a2, i) => [a2, COUNTRY_ALPHA3[i] as string]),
);

/** ISO numeric codes by alpha-2, as integers write them (`20`, not `020`). */
const NUMERIC_BY_ALPHA2: ReadonlyMap<string, string> = new Map(
  COUNTRY_ALPHA2.map((a2, i) => [a2, String(Number(COUNTRY_NUMERIC[i] ?? Number.NaN))]),
);

/** The record of a country as a country column writes it: its name, alpha-2 or alpha-3 code (any case). */
const BY_TEXT: ReadonlyMap<string, CountryCities> = new Map(
  RECORDS.flatMap((r) => {
    const keys: [string, CountryCities][] = [
      [r.name.toLowerCase(), r],
      [r.alpha2.toLowerCase(), r],
    ];
    const alpha3 = ALPHA3_BY_ALPHA2.get(r.alpha2);
    if (alpha3 !== undefined) keys.push([alpha3.toLowerCase(), r]);
    const numeric = NUMERIC_BY_ALPHA2.get(r.alpha2);
    if (numeric !== undefined && numeric !== 'NaN') keys.push([numeric, r]);
    return keys;
  }),
);

/** Other ways a country column writes the United States. */
const US_NAMES = ['united states', 'usa', 'us', 'u.s.', 'u.s.a.', 'america'];

/**
 * The cities of the country a column's text names (a name as faker writes
 * it, or an alpha-2/alpha-3 code), `us` for the United States (its list is
 * the caller's), or undefined for text naming no country known here.
 */
export function citiesOfCountry(text: string): readonly string[] | 'us' | undefined {
  // Read per row by the city, region and postal code columns: each text's answer computed once.
  let cities = CITIES_BY_TEXT.get(text);
  if (cities === undefined && !CITIES_BY_TEXT.has(text)) {
    cities = readCitiesOfCountry(text);
    remember(CITIES_BY_TEXT, text, cities);
  }
  return cities;
}

/** Answers by the text as written, bounded (a column of free text does not grow them without end). */
const CITIES_BY_TEXT = new Map<string, readonly string[] | 'us' | undefined>();
const CODES_BY_TEXT = new Map<string, CountryCodes | undefined>();
const REMEMBERED = 4096;

function remember<V>(map: Map<string, V>, text: string, value: V): void {
  if (map.size >= REMEMBERED) map.clear();
  map.set(text, value);
}

type CountryCodes = {
  readonly alpha2: string;
  readonly alpha3: string;
  readonly numeric: string | undefined;
};

function readCitiesOfCountry(text: string): readonly string[] | 'us' | undefined {
  const key = text.trim().toLowerCase();
  if (US_NAMES.includes(key)) return 'us';
  const record = BY_TEXT.get(key);
  if (record === undefined) return undefined;
  return record.cities.length === 0 ? 'us' : record.cities;
}

/** The alpha-2, alpha-3 and numeric codes of the country a column's text names (name or code), or undefined. */
export function codesOfCountry(text: string): CountryCodes | undefined {
  let codes = CODES_BY_TEXT.get(text);
  if (codes === undefined && !CODES_BY_TEXT.has(text)) {
    codes = readCodesOfCountry(text);
    remember(CODES_BY_TEXT, text, codes);
  }
  return codes;
}

function readCodesOfCountry(text: string): CountryCodes | undefined {
  const key = text.trim().toLowerCase();
  const record = US_NAMES.includes(key) ? BY_TEXT.get('us') : BY_TEXT.get(key);
  if (record === undefined) return undefined;
  const numeric = NUMERIC_BY_ALPHA2.get(record.alpha2);
  return {
    alpha2: record.alpha2,
    alpha3: ALPHA3_BY_ALPHA2.get(record.alpha2) ?? record.alpha2,
    numeric: numeric === 'NaN' ? undefined : numeric,
  };
}

/** Every ISO numeric country code, as integers write them. */
export const COUNTRY_NUMBERS: readonly string[] = [...NUMERIC_BY_ALPHA2.values()].filter((n) => n !== 'NaN');
