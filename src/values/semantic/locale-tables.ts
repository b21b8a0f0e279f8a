/**
 * Words a locale needs where faker's locale data has none and its en lists
 * stand in (generator version 13): shop departments in German and Japanese
 * (faker's de and ja have no `commerce.department`; fr, es and pt_BR
 * translate en's 22) and German job titles (faker's de has no
 * `person.job_*`). Written for datagen as translations of en's lists, not
 * taken from elsewhere; a locale faker covers keeps faker's words.
 */

/** en's 22 shop departments in German and Japanese, in en's order (`Automotive` … `Toys`). */
export const LOCALE_DEPARTMENTS: Readonly<Record<string, readonly string[]>> = {
  de: [
    'Auto',
    'Baby',
    'Beauty',
    'Bücher',
    'Bekleidung',
    'Computer',
    'Elektronik',
    'Spiele',
    'Garten',
    'Lebensmittel',
    'Gesundheit',
    'Haushalt',
    'Industrie',
    'Schmuck',
    'Kinder',
    'Filme',
    'Musik',
    'Outdoor',
    'Schuhe',
    'Sport',
    'Werkzeug',
    'Spielzeug',
  ],
  ja: [
    '自動車',
    'ベビー',
    '美容',
    '本',
    'ファッション',
    'パソコン',
    '家電',
    'ゲーム',
    'ガーデン',
    '食品',
    'ヘルスケア',
    'ホーム',
    '産業',
    'ジュエリー',
    'キッズ',
    '映画',
    '音楽',
    'アウトドア',
    'シューズ',
    'スポーツ',
    '工具',
    'おもちゃ',
  ],
};

/** A locale's job titles as word lists: `[descriptor] type area` (`Senior Referent Vertrieb`, `Leiter Einkauf`). */
export interface JobWords {
  readonly descriptors: readonly string[];
  readonly types: readonly string[];
  readonly areas: readonly string[];
}

/** German job titles as German firms write them: the role, then the function (`Teamleiter Kundenservice`). */
export const LOCALE_JOB_WORDS: Readonly<Record<string, JobWords>> = {
  de: {
    descriptors: ['Senior', 'Junior', 'Leitender', 'Stellvertretender', 'Kaufmännischer', 'Technischer'],
    types: [
      'Leiter',
      'Teamleiter',
      'Abteilungsleiter',
      'Bereichsleiter',
      'Projektleiter',
      'Referent',
      'Sachbearbeiter',
      'Berater',
      'Spezialist',
      'Koordinator',
      'Manager',
      'Assistent',
      'Ingenieur',
      'Entwickler',
      'Analyst',
      'Techniker',
      'Planer',
      'Mitarbeiter',
    ],
    areas: [
      'Vertrieb',
      'Marketing',
      'Personal',
      'Einkauf',
      'Buchhaltung',
      'Controlling',
      'Finanzen',
      'Logistik',
      'Produktion',
      'Qualitätssicherung',
      'Kundenservice',
      'IT',
      'Recht',
      'Forschung und Entwicklung',
      'Unternehmenskommunikation',
      'Beschaffung',
      'Verwaltung',
      'Instandhaltung',
      'Datenschutz',
      'Innendienst',
    ],
  },
};
