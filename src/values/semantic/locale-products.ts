/**
 * Version 14: product names and descriptions in the locale's language and
 * grammar. faker's de and ja commerce words are en's (`Recycled Chicken`
 * under de) and its fr, es and pt_BR ones join a noun and an adjective
 * without agreement (`Frites Recyclé`); here each locale has its own words,
 * nouns with their gender and adjectives in their forms, written for datagen:
 * `Ergonomischer Stuhl aus Holz`, `Chaise ergonomique en bois`, `Silla
 * ergonómica de madera`, `Cadeira ergonômica de madeira`, `軽量アルミ製チェア`.
 * A description is the product's name as a sentence and one to three of the
 * locale's shop sentences. Unique names are (adjective, noun, material)
 * triples, each written one way: injective.
 */
import type { RowRandom } from '../random.js';
import type { LocaleDictionary } from './locale-dictionary.js';
import {
  type SemanticBuild,
  type SemanticGenerator,
  siblingOfKind,
  siblingReader,
} from './semantic-generator.js';
import { capitalize, cut } from './text-fit.js';
import { createDigits, type SemanticUniqueGenerator } from './unique-digits.js';

/** A locale's product words: `noun:g` (g: m, f, n; p plural), adjective forms, materials, shop sentences. */
export interface ProductWords {
  readonly nouns: readonly string[];
  readonly adjectives: readonly string[];
  readonly materials: readonly string[];
  readonly sentences: readonly string[];
  /** The name from its parts (adjective and material may be absent). */
  readonly name: (adjective: string | null, noun: string, gender: string, material: string | null) => string;
  /** A sentence of the name (`Chaise ergonomique en bois.`). */
  readonly end: string;
  /** Between sentences. */
  readonly between: string;
}

const words = (text: string): readonly string[] => text.trim().split(/\s+/);

/** German adjective endings without an article (strong nominative): `kleiner Tisch`, `kleine Lampe`, `kleines Regal`. */
const DE_ENDINGS: Readonly<Record<string, string>> = { m: 'er', f: 'e', n: 'es', p: 'e' };

/** Romance forms: `m|f` → the gender's, plural adds `s` (`es` after a consonant in es; `-al` → `-ais` in pt). */
function romance(form: string, gender: string, plural: (w: string) => string): string {
  const [m = form, f = m] = form.split('|');
  const one = gender.startsWith('f') ? f : m;
  return gender.endsWith('p')
    ? one
        .split(' ')
        .map((w, i) => (i === 0 ? plural(w) : w))
        .join(' ')
    : one;
}

const frPlural = (w: string): string =>
  /[sx]$/.test(w) ? w : w.endsWith('al') ? `${w.slice(0, -1)}ux` : `${w}s`;
const esPlural = (w: string): string => (/[aeiouáéó]$/.test(w) ? `${w}s` : `${w}es`);
const ptPlural = (w: string): string =>
  /[ae]l$/.test(w) ? `${w.slice(0, -1)}is` : /[aeiouêô]$/.test(w) ? `${w}s` : `${w}es`;

const DE: ProductWords = {
  nouns: words(
    'Stuhl:m Tisch:m Schrank:m Sessel:m Teppich:m Rucksack:m Handschuhe:p Schuhe:p Hut:m Becher:m ' +
      'Korb:m Spiegel:m Kissen:n Regal:n Sofa:n Handtuch:n Hemd:n Fahrrad:n Messer:n Brett:n ' +
      'Lampe:f Tasche:f Jacke:f Hose:f Decke:f Uhr:f Vase:f Schale:f Kanne:f Bank:f Mütze:f Tastatur:f',
  ),
  adjectives: words(
    'ergonomisch elegant klein modern praktisch robust leicht handgefertigt klassisch rustikal luxuriös ' +
      'weich stabil kompakt zeitlos hochwertig nachhaltig wasserdicht schlicht gemütlich',
  ),
  materials: words(
    'Holz Edelstahl Baumwolle Leder Bambus Keramik Glas Aluminium Wolle Kunststoff Marmor Leinen Eiche Filz',
  ),
  sentences: [
    'Ideal für den täglichen Gebrauch.',
    'Pflegeleicht und langlebig.',
    'Hochwertige Verarbeitung zu einem fairen Preis.',
    'Lieferung innerhalb von 2 bis 4 Werktagen.',
    'Passt zu jedem Einrichtungsstil.',
    'Ein zeitloses Design, das lange Freude macht.',
    'Einfache Montage, Anleitung liegt bei.',
    'Ein beliebtes Geschenk für Familie und Freunde.',
  ],
  name: (a, n, g, m) =>
    `${a === null ? '' : `${capitalize(a + (DE_ENDINGS[g] ?? 'e'))} `}${n}${m === null ? '' : ` aus ${m}`}`,
  end: '.',
  between: ' ',
};

const FR: ProductWords = {
  nouns: words(
    'Chaise:f Table:f Lampe:f Veste:f Chemise:f Montre:f Tasse:f Couverture:f Serviette:f Étagère:f ' +
      'Trousse:f Bougie:f Casquette:f Gants:mp Chaussures:fp Fauteuil:m Tapis:m Sac:m Coussin:m Miroir:m ' +
      'Bol:m Panier:m Pantalon:m Chapeau:m Plateau:m Bureau:m Tabouret:m Clavier:m Vase:m Vélo:m',
  ),
  adjectives: words(
    'ergonomique élégant|élégante petit|petite moderne pratique robuste léger|légère artisanal|artisanale ' +
      'classique rustique luxueux|luxueuse doux|douce solide compact|compacte intemporel|intemporelle ' +
      'raffiné|raffinée recyclé|recyclée imperméable pliable confortable',
  ),
  materials: words(
    'bois acier coton cuir bambou céramique verre aluminium laine plastique marbre lin chêne feutre',
  ),
  sentences: [
    'Idéal pour un usage quotidien.',
    'Facile à entretenir et durable.',
    'Une finition soignée à un prix juste.',
    'Livraison sous 2 à 4 jours ouvrés.',
    'S’accorde avec tous les styles d’intérieur.',
    'Un design intemporel qui dure.',
    'Montage simple, notice incluse.',
    'Une idée cadeau appréciée de tous.',
  ],
  name: (a, n, g, m) =>
    `${n}${a === null ? '' : ` ${romance(a, g, frPlural)}`}${m === null ? '' : ` en ${m}`}`,
  end: '.',
  between: ' ',
};

const ES: ProductWords = {
  nouns: words(
    'Silla:f Mesa:f Lámpara:f Chaqueta:f Camisa:f Taza:f Manta:f Toalla:f Estantería:f Bolsa:f Vela:f ' +
      'Gorra:f Alfombra:f Zapatillas:fp Guantes:mp Sillón:m Bolso:m Cojín:m Espejo:m Cuenco:m Cesto:m ' +
      'Pantalón:m Sombrero:m Reloj:m Escritorio:m Taburete:m Teclado:m Jarrón:m',
  ),
  adjectives: words(
    'ergonómico|ergonómica elegante pequeño|pequeña moderno|moderna práctico|práctica robusto|robusta ' +
      'ligero|ligera artesanal clásico|clásica rústico|rústica lujoso|lujosa suave sólido|sólida ' +
      'compacto|compacta refinado|refinada reciclado|reciclada impermeable plegable cómodo|cómoda',
  ),
  materials: words(
    'madera acero algodón cuero bambú cerámica vidrio aluminio lana plástico mármol lino roble fieltro',
  ),
  sentences: [
    'Ideal para el uso diario.',
    'Fácil de limpiar y muy resistente.',
    'Acabado de calidad a un precio justo.',
    'Envío en 2 a 4 días laborables.',
    'Combina con cualquier estilo de decoración.',
    'Un diseño atemporal que dura años.',
    'Montaje sencillo, instrucciones incluidas.',
    'Un regalo perfecto para toda la familia.',
  ],
  name: (a, n, g, m) =>
    `${n}${a === null ? '' : ` ${romance(a, g, esPlural)}`}${m === null ? '' : ` de ${m}`}`,
  end: '.',
  between: ' ',
};

const PT_BR: ProductWords = {
  nouns: words(
    'Cadeira:f Mesa:f Luminária:f Jaqueta:f Camisa:f Caneca:f Manta:f Toalha:f Estante:f Bolsa:f Vela:f ' +
      'Mochila:f Almofada:f Luvas:fp Sapatos:mp Poltrona:f Tapete:m Espelho:m Cesto:m Relógio:m ' +
      'Chapéu:m Boné:m Banco:m Teclado:m Vaso:m Sofá:m Prato:m Copo:m',
  ),
  adjectives: words(
    'ergonômico|ergonômica elegante pequeno|pequena moderno|moderna prático|prática robusto|robusta ' +
      'leve artesanal clássico|clássica rústico|rústica luxuoso|luxuosa macio|macia resistente ' +
      'compacto|compacta refinado|refinada reciclado|reciclada impermeável dobrável confortável',
  ),
  materials: words(
    'madeira aço algodão couro bambu cerâmica vidro alumínio lã plástico mármore linho carvalho feltro',
  ),
  sentences: [
    'Ideal para o uso diário.',
    'Fácil de limpar e muito resistente.',
    'Acabamento de qualidade por um preço justo.',
    'Entrega em 2 a 4 dias úteis.',
    'Combina com qualquer estilo de decoração.',
    'Um design atemporal que dura anos.',
    'Montagem simples, manual incluso.',
    'Um ótimo presente para toda a família.',
  ],
  name: (a, n, g, m) =>
    `${n}${a === null ? '' : ` ${romance(a, g, ptPlural)}`}${m === null ? '' : ` de ${m}`}`,
  end: '.',
  between: ' ',
};

const JA: ProductWords = {
  nouns: words(
    'チェア:n テーブル:n ソファ:n ラグ:n クッション:n ミラー:n ランプ:n シェルフ:n リュック:n トートバッグ:n ' +
      '財布:n 腕時計:n マグカップ:n タンブラー:n 弁当箱:n タオル:n ブランケット:n スリッパ:n 手袋:n 帽子:n ' +
      'ジャケット:n シャツ:n スニーカー:n 傘:n キーボード:n 花瓶:n 収納ボックス:n まな板:n',
  ),
  adjectives: words(
    '軽量 高級 防水 手作り 北欧風 大容量 折りたたみ コンパクト 抗菌 ヴィンテージ シンプル 和風 多機能 お洒落な 頑丈な 洗える',
  ),
  materials: words(
    '木製 ステンレス製 綿 本革 竹製 陶器 ガラス製 アルミ製 ウール プラスチック製 天然木 麻 ヒノキ フェルト',
  ),
  sentences: [
    '毎日の暮らしに便利です。',
    'お手入れが簡単で長く使えます。',
    '丁寧な仕上げでお求めやすい価格です。',
    '2〜4営業日でお届けします。',
    'どんなインテリアにもよく合います。',
    '飽きのこないシンプルなデザインです。',
    '組み立ては簡単、説明書付きです。',
    'ご家族やご友人へのギフトにも最適です。',
  ],
  name: (a, n, _g, m) => `${a ?? ''}${m ?? ''}${n}`,
  end: '。',
  between: '',
};

export const PRODUCT_WORDS: Readonly<Record<string, ProductWords>> = {
  de: DE,
  fr: FR,
  es: ES,
  pt_BR: PT_BR,
  ja: JA,
};

/** The locale's product words (version 14), or undefined where it has none of its own. */
function productWordsOf(d: LocaleDictionary, version: number): ProductWords | undefined {
  return version >= 14 ? PRODUCT_WORDS[d.code] : undefined;
}

/** A noun entry's word and gender (`Stuhl:m` → Stuhl, m). */
function split(entry: string): [string, string] {
  const colon = entry.lastIndexOf(':');
  return [entry.slice(0, colon), entry.slice(colon + 1)];
}

/** A row's product name: adjective + noun + material in half the rows, one of the two in the rest. */
function drawName(p: ProductWords, rand: RowRandom): string {
  const [noun, gender] = split(rand.pick(p.nouns));
  const shape = rand.below(4);
  const adjective = shape === 3 ? null : rand.pick(p.adjectives);
  const material = shape === 2 ? null : rand.pick(p.materials);
  return p.name(adjective, noun, gender, material);
}

/** Version 14: a product name in the locale's words and grammar; null before, or under en. */
export function localeProductName(build: SemanticBuild, d: LocaleDictionary): SemanticGenerator | null {
  const p = productWordsOf(d, build.version);
  if (p === undefined) return null;
  const { maxLength } = build;
  return {
    random(rand) {
      const name = drawName(p, rand);
      return name.length <= maxLength ? name : cut(split(rand.pick(p.nouns))[0], maxLength);
    },
  };
}

/** Whether a description column describes products (its table's or a sibling's name says so). */
function describesProducts(build: SemanticBuild): boolean {
  const table = build.table.name.toLowerCase();
  return /product|item|article|artikel|produit|producto|produto|catalog|goods|sku|商品/.test(table);
}

/**
 * Version 14: a product table's description: the product's name as a
 * sentence and one to three of the locale's shop sentences, whole sentences
 * within the limit; null elsewhere (the locale's words then).
 */
export function localeProductDescription(
  build: SemanticBuild,
  d: LocaleDictionary,
): SemanticGenerator | null {
  const p = productWordsOf(d, build.version);
  if (p === undefined || !describesProducts(build)) return null;
  const { maxLength } = build;
  // The row's own product where it has a name column (`Ergonomischer Stuhl.`).
  const nameColumn = siblingOfKind(build, 'product_name');
  const readName = nameColumn === null ? null : siblingReader(build.ctx, nameColumn);
  return {
    random(rand, row) {
      const own = readName === null ? null : readName(row);
      let out = (typeof own === 'string' && own !== '' ? own : drawName(p, rand)) + p.end;
      if (out.length > maxLength) return cut(rand.pick(p.sentences), maxLength);
      const more = 1 + rand.below(3);
      const first = rand.below(p.sentences.length);
      for (let s = 0; s < more; s++) {
        // Three apart in a list of eight: no sentence twice.
        const next = out + p.between + p.sentences[(first + 3 * s) % p.sentences.length];
        if (next.length > maxLength) break;
        out = next;
      }
      return out;
    },
  };
}

/**
 * Version 14: unique product names, every (adjective, noun, material) once,
 * in the locale's grammar; null where the longest does not fit `max` (the
 * older forms then).
 */
export function grammaticalProductUnique(
  max: number,
  d: LocaleDictionary,
  version: number,
): SemanticUniqueGenerator | null {
  const p = productWordsOf(d, version);
  if (p === undefined) return null;
  const nouns = p.nouns.map(split);
  const longest = (list: readonly string[]): number => list.reduce((m, s) => Math.max(m, s.length), 0);
  if (longest(p.adjectives) + longest(p.nouns) + longest(p.materials) + 8 > max) return null;
  const digits = createDigits([p.adjectives.length, nouns.length, p.materials.length]);
  const out = [0, 0, 0];
  return {
    space: digits.space,
    value(k) {
      digits.split(k, out);
      const [noun, gender] = nouns[out[1] as number] as [string, string];
      return p.name(
        p.adjectives[out[0] as number] as string,
        noun,
        gender,
        p.materials[out[2] as number] as string,
      );
    },
  };
}
