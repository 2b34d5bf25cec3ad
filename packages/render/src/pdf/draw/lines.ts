import { pdfText } from '../../display/escape.js';
import { layoutParagraph, type TextLine, type TextStyle } from '../text/paragraph.js';

/** One line of text (running headers, footers): the first line if it would wrap. */
export function singleLine(
  text: string,
  style: TextStyle,
  width: number,
  language: string,
  direction: 'ltr' | 'rtl',
  align: 'start' | 'center' | 'end',
): TextLine | undefined {
  return layoutParagraph({
    spans: [{ text: pdfText(text), style }],
    language,
    direction,
    width,
    leading: 1.2,
    align,
    fixedDirection: true,
  })[0];
}
