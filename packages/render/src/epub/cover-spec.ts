import type { Article, Edition } from '@broadsheet/model';
import { leadArticles } from '../shared/edition.js';
import type { CoverSpec } from './cover.js';
import type { CoverPicture } from './cover-picture.js';
import { calendarDate, formatDate } from '../display/dates.js';
import { directionOf } from '../display/direction.js';
import { articleDisplay, editionDisplay } from '../display/display-model.js';

/** What a cover shows, with the alt text that describes it to a screen reader. */
export interface CoverPlan {
  spec: CoverSpec;
  alt: string;
}

/** The alt text's last sentence when the cover shows a picture: what the picture shows. */
function pictureAlt(photoLabel: string, picture: CoverPicture | undefined): string {
  if (!picture) return '';
  return picture.alt === '' ? `. ${photoLabel}` : `. ${photoLabel}: ${picture.alt}`;
}

/**
 * A single article's cover: publisher masthead, date, headline and standfirst or highlights,
 * and its picture when given (coverPicture).
 */
export function articleCoverSpec(article: Article, picture?: CoverPicture): CoverPlan {
  const lang = article.language;
  const display = articleDisplay(article);
  const publisher = article.publisher?.name ?? article.source?.name;
  // An article may carry only its update date (scraped pages often do): use it then.
  const firstDate = article.publishedAt ?? article.updatedAt;
  return {
    spec: {
      masthead: publisher ?? article.section ?? '',
      title: '',
      dateLine: firstDate ? formatDate(calendarDate(firstDate) ?? firstDate, lang).text : '',
      headlines: [
        article.headline,
        ...(article.standfirst ? [article.standfirst] : article.highlights.slice(0, 2)),
      ],
      footer: article.authors.map((a) => a.name).join(', '),
      language: lang,
      direction: display.dir,
      ...(picture && { picture: picture.bytes }),
    },
    alt: `${display.labels.cover}: ${article.headline}${pictureAlt(display.labels.photo, picture)}`,
  };
}

/**
 * An edition's front page: masthead, edition title and date, the lead story's picture when
 * given (coverPicture), the lead headlines.
 */
export function editionCoverSpec(edition: Edition, picture?: CoverPicture): CoverPlan {
  const lang = edition.language;
  const display = editionDisplay(edition);
  const l = display.labels;
  const dateText = display.date.text;
  const masthead = edition.publisher?.name ?? edition.title;
  return {
    spec: {
      masthead,
      title: masthead === edition.title ? '' : edition.title,
      dateLine: dateText,
      headlines: leadArticles(edition, 5).map((a) => a.headline),
      footer: display.articleCount,
      language: lang,
      direction: directionOf(lang),
      ...(picture && { picture: picture.bytes }),
    },
    alt: `${l.cover}: ${edition.title}, ${dateText}. ${leadArticles(edition, 3)
      .map((a) => a.headline)
      .join('; ')}${pictureAlt(l.photo, picture)}`,
  };
}
