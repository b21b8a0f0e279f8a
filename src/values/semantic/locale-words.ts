/**
 * Version 14's words for locales other than en where faker's locale data
 * has none or has them out of grammar: Spanish words for text (faker's es
 * has only company jargon and en's lists), French and Brazilian job titles
 * in their order and both genders, HR departments, Japanese towns and
 * buildings, Brazil's area codes (DDD). Written for datagen from common
 * knowledge, not taken from elsewhere. Product words are in
 * locale-products.ts.
 */

/**
 * Spanish words for titles and sentences. Nouns carry their gender
 * (`mesa:f`), adjectives their masculine and feminine forms (`nuevo|nueva`,
 * one form when both are alike), so a title agrees (`Casa nueva`).
 */
export const ES_WORDS = {
  nouns: (
    'casa:f ciudad:f mesa:f ventana:f puerta:f calle:f playa:f montaña:f luz:f noche:f mañana:f semana:f ' +
    'empresa:f idea:f historia:f música:f familia:f escuela:f biblioteca:f cocina:f tienda:f plaza:f ' +
    'carta:f palabra:f pregunta:f respuesta:f reunión:f oficina:f fiesta:f comida:f ' +
    'libro:m camino:m río:m mar:m cielo:m árbol:m jardín:m barrio:m pueblo:m mercado:m proyecto:m ' +
    'equipo:m trabajo:m viaje:m tiempo:m día:m año:m mundo:m país:m coche:m tren:m puente:m ' +
    'sol:m viento:m fuego:m café:m pan:m vino:m precio:m pedido:m cliente:m producto:m servicio:m ' +
    'informe:m mensaje:m plan:m museo:m teatro:m parque:m hotel:m restaurante:m'
  ).split(' '),
  adjectives: (
    'nuevo|nueva viejo|vieja pequeño|pequeña bonito|bonita rápido|rápida tranquilo|tranquila ' +
    'antiguo|antigua moderno|moderna claro|clara oscuro|oscura blanco|blanca negro|negra rojo|roja ' +
    'largo|larga corto|corta alto|alta bajo|baja lleno|llena vacío|vacía seguro|segura sencillo|sencilla ' +
    'barato|barata caro|cara limpio|limpia perfecto|perfecta único|única práctico|práctica ' +
    'grande verde azul fuerte alegre feliz útil fácil difícil especial natural central popular ' +
    'amable suave libre simple interesante importante excelente elegante'
  ).split(' '),
  verbs: (
    'abrir cerrar comprar vender buscar encontrar llevar traer mirar escuchar hablar escribir leer ' +
    'aprender enseñar viajar caminar correr trabajar descansar cocinar preparar mejorar cambiar ' +
    'empezar terminar pagar recibir enviar compartir ayudar esperar llegar volver'
  ).split(' '),
};

/** A job title's words with masculine and feminine forms (`Directeur|Directrice`). */
export interface GenderedJobWords {
  /** The role, `m|f` (one form when both are alike); `+` in front: takes a seniority. */
  readonly types: readonly string[];
  /** The function, written after the role as the locale links it (`des ventes`, `de Vendas`). */
  readonly areas: readonly string[];
  /** Seniorities after the function (`senior`, `Sênior`). */
  readonly levels: readonly string[];
}

/** French titles as French firms write them: the role, then its function (`Responsable des achats`). */
const FR_JOBS: GenderedJobWords = {
  types: [
    'Directeur|Directrice',
    'Responsable',
    '+Chef de projet|Cheffe de projet',
    '+Ingénieur|Ingénieure',
    '+Analyste',
    '+Consultant|Consultante',
    'Technicien|Technicienne',
    'Assistant|Assistante',
    'Gestionnaire',
    'Coordinateur|Coordinatrice',
    '+Chargé d’études|Chargée d’études',
    'Conseiller|Conseillère',
    'Adjoint au responsable|Adjointe au responsable',
  ],
  areas: [
    'des ventes',
    'marketing',
    'des ressources humaines',
    'des achats',
    'comptable',
    'financier|financière',
    'logistique',
    'de production',
    'qualité',
    'du service client',
    'informatique',
    'juridique',
    'de la communication',
    'des opérations',
    'de la paie',
    'commercial|commerciale',
    'recherche et développement',
    'de la formation',
  ],
  levels: ['senior', 'junior', 'confirmé|confirmée'],
};

/** Brazilian titles: role `de` function, a seniority after some (`Analista de Sistemas Sênior`). */
const PT_BR_JOBS: GenderedJobWords = {
  types: [
    'Gerente',
    '+Analista',
    'Coordenador|Coordenadora',
    'Diretor|Diretora',
    'Assistente',
    'Supervisor|Supervisora',
    '+Engenheiro|Engenheira',
    '+Desenvolvedor|Desenvolvedora',
    '+Consultor|Consultora',
    '+Especialista',
    'Técnico|Técnica',
    'Auxiliar',
    'Comprador|Compradora',
  ],
  areas: [
    'de Vendas',
    'de Marketing',
    'de Recursos Humanos',
    'de Finanças',
    'de Logística',
    'de Compras',
    'de TI',
    'de Sistemas',
    'de Projetos',
    'de Qualidade',
    'de Operações',
    'de Atendimento ao Cliente',
    'de Contabilidade',
    'de Produção',
    'de Suprimentos',
    'de Departamento Pessoal',
    'Comercial',
    'Financeiro|Financeira',
    'Administrativo|Administrativa',
  ],
  levels: ['Júnior', 'Pleno', 'Sênior'],
};

/** Version 17: Spanish titles, role and function agreeing in gender (`Directora de Ventas`, `Analista de Sistemas Sénior`). */
export const ES_JOBS: GenderedJobWords = {
  types: [
    'Director|Directora',
    'Jefe|Jefa',
    '+Analista',
    '+Ingeniero|Ingeniera',
    '+Consultor|Consultora',
    'Técnico|Técnica',
    'Asistente',
    'Coordinador|Coordinadora',
    'Gerente',
    '+Especialista',
    'Responsable',
    'Administrativo|Administrativa',
  ],
  areas: [
    'de Ventas',
    'de Marketing',
    'de Recursos Humanos',
    'de Compras',
    'de Contabilidad',
    'de Finanzas',
    'de Logística',
    'de Producción',
    'de Calidad',
    'de Atención al Cliente',
    'de Sistemas',
    'de Asesoría Jurídica',
    'de Comunicación',
    'de Operaciones',
    'de Nóminas',
    'Comercial',
    'de I+D',
    'de Formación',
  ],
  levels: ['Sénior', 'Júnior'],
};

export const GENDERED_JOB_WORDS: Readonly<Record<string, GenderedJobWords>> = {
  fr: FR_JOBS,
  pt_BR: PT_BR_JOBS,
};

/** An HR department's names (`Vertrieb`, `人事部`), not a shop's (`Garten`): for `department_name`. */
export const HR_DEPARTMENTS: Readonly<Record<string, readonly string[]>> = {
  de: [
    'Vertrieb',
    'Marketing',
    'Personal',
    'Finanzen',
    'Buchhaltung',
    'Controlling',
    'Einkauf',
    'Logistik',
    'Produktion',
    'Qualitätssicherung',
    'Kundenservice',
    'IT',
    'Recht',
    'Forschung und Entwicklung',
    'Unternehmenskommunikation',
    'Geschäftsführung',
    'Verwaltung',
    'Facility Management',
  ],
  fr: [
    'Ventes',
    'Marketing',
    'Ressources humaines',
    'Finance',
    'Comptabilité',
    'Contrôle de gestion',
    'Achats',
    'Logistique',
    'Production',
    'Qualité',
    'Service client',
    'Informatique',
    'Juridique',
    'Recherche et développement',
    'Communication',
    'Direction générale',
    'Administration',
    'Services généraux',
  ],
  es: [
    'Ventas',
    'Marketing',
    'Recursos Humanos',
    'Finanzas',
    'Contabilidad',
    'Compras',
    'Logística',
    'Producción',
    'Calidad',
    'Atención al Cliente',
    'Sistemas',
    'Asesoría Jurídica',
    'Investigación y Desarrollo',
    'Comunicación',
    'Dirección General',
    'Administración',
    'Operaciones',
  ],
  ja: [
    '営業部',
    'マーケティング部',
    '人事部',
    '経理部',
    '財務部',
    '総務部',
    '法務部',
    '広報部',
    '経営企画部',
    '開発部',
    '研究開発部',
    '製造部',
    '品質管理部',
    '物流部',
    '購買部',
    '情報システム部',
    'カスタマーサポート部',
    '海外事業部',
  ],
  pt_BR: [
    'Vendas',
    'Marketing',
    'Recursos Humanos',
    'Financeiro',
    'Contabilidade',
    'Compras',
    'Logística',
    'Produção',
    'Qualidade',
    'Atendimento ao Cliente',
    'TI',
    'Jurídico',
    'Pesquisa e Desenvolvimento',
    'Comunicação',
    'Diretoria',
    'Administrativo',
    'Operações',
  ],
};

/** Japanese town names (町名) an address's block numbers follow (`西新宿2-8-1`). */
export const JA_TOWNS: readonly string[] = (
  '中央 本町 栄町 緑町 旭町 錦町 桜町 新町 幸町 寿町 昭和町 大手町 元町 港町 末広町 弥生町 ' +
  '日の出町 若葉 青葉 泉町 宮町 東町 西町 南町 北町 駅前 富士見 松が丘 山手町 平和町 高砂 ' +
  '千代田 住吉町 宝町 花園 本郷 丸の内 西新宿 東新宿 南青山 北青山 東中野 西荻窪 上大岡 ' +
  '中町 下町 上町 大通 春日 天神 今泉 梅田 曙町 朝日町 白山 八幡町 神明町 稲荷町 柳町 ' +
  '桜木町 明石町 清水 野田 小松原 大宮町 石川町 吉田町 宮前'
).split(' ');

/** Japanese building names' last word (`サンハイツ`, `田中ビル`). */
export const JA_BUILDING_SUFFIXES: readonly string[] = [
  'ビル',
  'ハイツ',
  'マンション',
  'コーポ',
  'ハイム',
  'レジデンス',
  '荘',
  'タワー',
];

/** Japanese building names' first word where it is no family name. */
export const JA_BUILDING_NAMES: readonly string[] = (
  'サン グリーン パーク ロイヤル グランド フォレスト リバーサイド ヒルズ シャトー エクセル ' +
  'プレミア セントラル ステーション メゾン アーバン'
).split(' ');

/** Honorifics a Japanese name takes (faker's ja prefixes are `Mr.`, `Mrs.`): 様 most of all. */
export const JA_HONORIFICS: readonly string[] = ['様', '様', '様', 'さん', '氏', '先生'];

/** Japanese legal forms, weighted as firms are registered: mostly 株式会社. */
export const JA_LEGAL_FORMS: readonly string[] = [
  ...Array<string>(12).fill('株式会社'),
  '有限会社',
  '有限会社',
  '有限会社',
  '合同会社',
  '合同会社',
  '合資会社',
  '合名会社',
];

/** Japanese firms' trades after the family name (`田中商事`, `山本建設`). */
export const JA_BUSINESSES: readonly string[] = (
  '商事 物産 建設 工業 電機 製作所 食品 運輸 不動産 証券 保険 印刷 化学 通信 興業 産業 製薬 ' +
  '電気 情報 技研 設計 商会 システム 精機 工務店 ホールディングス'
).split(' ');

/** Brazil's area codes in use (DDD), for `(11) 3456-7890` and `(11) 91234-5678`. */
export const BR_AREA_CODES: readonly string[] = (
  '11 12 13 14 15 16 17 18 19 21 22 24 27 28 31 32 33 34 35 37 38 41 42 43 44 45 46 47 48 49 ' +
  '51 53 54 55 61 62 63 64 65 66 67 68 69 71 73 74 75 77 79 81 82 83 84 85 86 87 88 89 91 92 93 94 95 96 97 98 99'
).split(' ');
