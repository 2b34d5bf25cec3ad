import { ValidationError } from '@broadsheet/model';
import type { ParseError } from 'jsonc-parser';

/** 1-based line and column (in characters) of a UTF-16 offset; \n, \r\n and \r end lines. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, Math.max(0, Math.min(offset, text.length)));
  const lines = before.split(/\r\n|\r|\n/);
  const last = lines.at(-1) ?? '';
  return { line: lines.length, column: [...last].length + 1 };
}

/** Node's message without the position (reported separately) or the echo of the whole input. */
function reasonFrom(message: string): string {
  return message
    .replace(/ in JSON at position \d+(?: \(line \d+ column \d+\))?$/, '')
    .replace(/, (?:\.\.\.)?".*$/s, '')
    .replace(/^Unexpected end of JSON input$/, 'unexpected end of input');
}

async function offsetFromScanner(text: string): Promise<number | undefined> {
  // Loaded only on this error path: Node names the offending position for most syntax
  // errors but not for "Unexpected token", and a person needs a line to look at.
  const { parse } = await import('jsonc-parser');
  const errors: ParseError[] = [];
  parse(text, errors, {
    disallowComments: true,
    allowTrailingComma: false,
    allowEmptyContent: false,
  });
  return errors[0]?.offset;
}

/**
 * Parses JSON; a syntax error becomes a ValidationError whose path is `line L, column C`, so
 * the command prints `FILE: line 3, column 14: Unexpected token '}'`.
 */
export async function parseJsonText(text: string): Promise<unknown> {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    const given = /at position (\d+)/.exec(error.message)?.[1];
    const offset =
      given !== undefined
        ? Number(given)
        : /^Unexpected end of JSON input$/.test(error.message)
          ? text.length
          : ((await offsetFromScanner(text)) ?? 0);
    const { line, column } = lineAndColumn(text, offset);
    throw new ValidationError([
      {
        path: `line ${line}, column ${column}`,
        message: `invalid JSON: ${reasonFrom(error.message)}`,
      },
    ]);
  }
}
