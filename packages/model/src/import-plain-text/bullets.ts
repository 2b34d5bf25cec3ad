// Bullet characters seen in scraped text, from typographic bullets to ASCII stand-ins. Not the
// em dash: Russian and other typography open dialogue and quotations with it.
const BULLET = /^(?:[•·▪▫■□◦‣○●►▸▹▶➤➢✓✔∙⁃◆◇*+]|[-–](?=\s))\s*(.+)$/u;
const NUMBERED = /^(\d{1,3})[.)]\s+(.+)$/u;

/** The item text of a bulleted line, or undefined. */
export function bulletItem(text: string): string | undefined {
  const m = BULLET.exec(text);
  const item = m?.[1]?.trim();
  return item ? item : undefined;
}

/** The number and item text of a numbered line ("1. First", "2) Second"), or undefined. */
export function numberedItem(text: string): { n: number; text: string } | undefined {
  const m = NUMBERED.exec(text);
  if (!m?.[1] || !m[2]) return undefined;
  return { n: Number(m[1]), text: m[2].trim() };
}
