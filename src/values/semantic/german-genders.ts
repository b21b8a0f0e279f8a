/**
 * Version 21: the gender of German nouns of faker's de word list (which
 * carries none), for adjectives declined as they are before them: by the
 * endings that tell it (`-ung` feminine, `-ismus` masculine, `-chen`
 * neuter), else by the lists below; a noun neither names is left out of
 * titles. Strong endings, as a title without an article takes them:
 * `Dunkler Wald`, `Dunkle Nacht`, `Dunkles Haus`.
 */

export type GermanGender = 'm' | 'f' | 'n';

const FEMININE_ENDING = /(ung|heit|keit|schaft|ion|tät|ie|ik|ei|ur|anz|enz)$/;
const MASCULINE_ENDING = /(ismus|ling|eur|ist)$/;
const NEUTER_ENDING = /(chen|lein|tum|ium|ment)$/;

const words = (text: string) => new Set(text.split(' '));

const MASCULINE = words(
  'Adler Aufzug Autor Bahnhof Ball Baum Bogen Bär Bürostuhl Computer Darm Daumen Denker Diamant Dinosaurier ' +
    'Drache Durchfall Elefant Elektromotor Ellenbogen Entdecker Erfinder Fahrer Fels Fernseher Feuerstein Film ' +
    'Finger Fisch Flaschenzug Flughafen Fluss Frieden Fuß Fußball Geist Gott Granit Hafer Hagel Hebel Hund ' +
    'Hunger Hurrikan Kaffee Käse Kilometer Klappstuhl Knöchel Kopf Krebs Krieg Laden Laser Löwe Magen Mais ' +
    'Mann Mathematiker Meter Mensch Monat Mond Mund Musiker Nachttisch Nagel Ozean Palast Pilz Politiker Quarz ' +
    'Regen Saft Sandstein Schaukelstuhl Schnee Schrank Schreibtisch Sessel Sport Sprengstoff Staatsmann Stahl ' +
    'Stuhl Säugling Tag Tee Teppich Tempel Tisch Tornado Urknall Vogel Vulkan Wein Weizen Wind ' +
    'Wissenschaftler Wolkenkratzer Würfel Zeh Zimmermann',
);

const NEUTER = words(
  'Alphabet Atom Auge Automobil Badezimmer Bein Benzin Bett Bier Brot Buch Dach Eisen Erdbeben Essen Fahrrad ' +
    'Fenster Fernsehen Feuer Flugzeug Gebirge Gebäude Gehirn Gemüse Glücksspiel Gold Gramm Haus Herz Hochhaus ' +
    'Hotel Insekt Internet Kamel Kilogramm Kind Kino Kupfer Land Leben Meer Messing Metall Mineral Molekül ' +
    'Museum Parkhaus Pferd Pfund Platin Pulver Rad Radio Regal Reptil Riff Salz Schaf Schach Schiff ' +
    'Schlafzimmer Schwert Segel Silber Skelett Sonnensystem Spiel Säugetier Telefon Theater Tier Tor Wasser ' +
    'Wohnhaus Wohnzimmer Zeitalter Zimmer Zinn',
);

const FEMININE = words(
  'Antike Axt Bibliothek Blume Bronze Brücke Burg Dame Dampfmaschine Eisenbahn Erde Farbe Fläche Frau Frucht ' +
    'Gerste Geschichte Hand Haut Hitze Hütte Karte Kartoffel Katastrophe Katze Kirche Klinge Kraft Kreide ' +
    'Kunst Kuppel Lampe Lawine Leber Lunge Länge Masse Medizin Milch Milchstraße Milz Minute Niere Pflanze ' +
    'Pyramide Rampe Rolltreppe Sache Säure Schlange Schlucht Schraube Schrift Schule Schusswaffe Seele Sekunde ' +
    'Sonne Sprache Stadt Stunde Treppe Tür Waffe Wärme Wolke Zahl Zeit',
);

/** A German noun's gender, or null where neither its ending nor the lists tell it. */
export function germanGender(noun: string): GermanGender | null {
  if (MASCULINE.has(noun)) return 'm';
  if (NEUTER.has(noun)) return 'n';
  if (FEMININE.has(noun)) return 'f';
  if (FEMININE_ENDING.test(noun)) return 'f';
  if (MASCULINE_ENDING.test(noun)) return 'm';
  if (NEUTER_ENDING.test(noun)) return 'n';
  return null;
}

/** An adjective's stem (`leise` → `leis`) with the strong ending before a noun of `gender`, no article (`leiser`, `leise`, `leises`). */
export function withEnding(stem: string, gender: GermanGender): string {
  return stem + (gender === 'm' ? 'er' : gender === 'f' ? 'e' : 'es');
}
