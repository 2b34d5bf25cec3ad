/**
 * News agencies and picture libraries, in the spellings bylines, datelines and credits use:
 * "(Reuters)", "By Jane Doe, AP", "МОСКВА, 3 марта. /ТАСС/", "新华社北京3月5日电", "(서울=연합뉴스)".
 * A bare name from this list in parentheses is a credit, after a byline an affiliation, and
 * after a title-case place a dateline's agency.
 */
export const AGENCIES: readonly string[] = [
  'Reuters',
  'AFP',
  'Agence France-Presse',
  'AP',
  'Associated Press',
  'The Associated Press',
  'Getty Images',
  'Getty',
  'EPA',
  'EPA-EFE',
  'EFE',
  'ANSA',
  'Xinhua',
  'TASS',
  'ТАСС',
  'РИА Новости',
  'Интерфакс',
  'Рейтер',
  'Укрінформ',
  'УНІАН',
  'Bloomberg',
  'ANI',
  'PTI',
  'IANS',
  'UNI',
  'भाषा',
  'APP',
  'SPA',
  'WAM',
  'QNA',
  'KUNA',
  'MENA',
  'IRNA',
  'Anadolu',
  'Anadolu Agency',
  'dpa',
  'ΑΠΕ',
  'ΑΠΕ-ΜΠΕ',
  'Kyodo',
  '共同',
  '時事',
  'Yonhap',
  '연합뉴스',
  'UPI',
  'AAP',
  'Shutterstock',
  'Alamy',
  'CNS',
  '新华社',
  '新華社',
  '中新社',
  'اے ایف پی',
  'رائٹرز',
  'اے پی',
  'رويترز',
  'واس',
];

const AGENCY_SET = new Set(AGENCIES.map((a) => a.toLowerCase()));

/** Whether a name, as written, is one of the AGENCIES ("reuters" and " AP " count). */
export function isAgency(name: string): boolean {
  return AGENCY_SET.has(name.trim().toLowerCase());
}

/**
 * AP style puts the agency after the name with no comma: "ALICE SMITH Associated Press".
 * Returns the name and the agency, or undefined when the text does not end in an agency.
 */
export function splitAgencySuffix(text: string): { name: string; agency: string } | undefined {
  const agency = AGENCIES.find((a) => text.endsWith(` ${a}`) && text.length > a.length + 1);
  return agency === undefined ? undefined : { name: text.slice(0, -agency.length - 1), agency };
}
