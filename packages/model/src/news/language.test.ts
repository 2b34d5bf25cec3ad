import { describe, expect, it } from 'vitest';
import { detectLanguage, normalizeLanguage } from './language.js';

describe('detectLanguage', () => {
  it.each([
    ['The government said on Monday that the talks with the union would continue.', 'en'],
    [
      'Die Regierung hat am Montag mitgeteilt, dass die Gespräche mit der Gewerkschaft nicht enden.',
      'de',
    ],
    [
      'Le gouvernement a annoncé lundi que les discussions avec le syndicat se poursuivent dans la ville.',
      'fr',
    ],
    [
      'El gobierno dijo el lunes que las conversaciones con los sindicatos para el acuerdo siguen.',
      'es',
    ],
    ['Правительство заявило в понедельник, что переговоры продолжатся.', 'ru'],
    ['Уряд заявив у понеділок, що переговори триватимуть і надалі.', 'uk'],
    ['قالت الحكومة يوم الاثنين إن المحادثات ستستمر.', 'ar'],
    ['حکومت نے پیر کو کہا کہ مذاکرات جاری رہیں گے۔', 'ur'],
    ['دولت روز دوشنبه گفت که گفتگوها ادامه خواهد یافت.', 'fa'],
    ['הממשלה הודיעה ביום שני כי השיחות יימשכו.', 'he'],
    ['Η κυβέρνηση ανακοίνωσε τη Δευτέρα ότι οι συνομιλίες θα συνεχιστούν.', 'el'],
    ['सरकार ने सोमवार को कहा कि बातचीत जारी रहेगी।', 'hi'],
    ['政府周一表示，谈判将继续进行。', 'zh'],
    ['政府は月曜日、交渉を続けると発表した。', 'ja'],
    ['정부는 월요일 협상을 계속하겠다고 밝혔다.', 'ko'],
  ])('%j is %s', (text, language) => {
    expect(detectLanguage(text)).toBe(language);
  });
});

describe('normalizeLanguage', () => {
  it.each([
    ['en_GB', 'en-GB'],
    ['en-gb, fr', 'en-GB'],
    ['EN', 'en'],
    ['ur', 'ur'],
    ['x-default', undefined],
    ['und', undefined],
    ['not a tag!', undefined],
    ['', undefined],
    [null, undefined],
  ])('%j → %j', (raw, tag) => {
    expect(normalizeLanguage(raw)).toBe(tag);
  });
});
