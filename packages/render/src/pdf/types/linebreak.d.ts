declare module 'linebreak' {
  /** UAX #14 line breaking (the implementation pdfkit itself uses). */
  export default class LineBreaker {
    constructor(text: string);
    nextBreak(): { position: number; required: boolean } | null;
  }
}
