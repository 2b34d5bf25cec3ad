import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runProcess } from './run-process.js';
import { requireTool, requireToolFile } from './tools.js';

/** One finding of an EPUB validator, in a shape shared by both runners. */
export interface EpubCheckMessage {
  id: string;
  severity: 'FATAL' | 'ERROR' | 'WARNING' | 'INFO' | 'USAGE';
  message: string;
  /** `path:line:column` inside the EPUB, when the validator gives one. */
  location?: string;
}

export interface EpubCheckReport {
  validator: 'epubcheck-ts' | 'epubcheck-java';
  fatals: number;
  errors: number;
  warnings: number;
  /** Fatal errors, errors and warnings (never info or usage): what a test asserts is empty. */
  problems: EpubCheckMessage[];
}

function normaliseSeverity(value: string): EpubCheckMessage['severity'] {
  const upper = value.toUpperCase();
  if (upper === 'FATAL' || upper === 'ERROR' || upper === 'WARNING' || upper === 'USAGE')
    return upper;
  return 'INFO';
}

function summarise(
  validator: EpubCheckReport['validator'],
  messages: EpubCheckMessage[],
): EpubCheckReport {
  const problems = messages.filter(
    (m) => m.severity === 'FATAL' || m.severity === 'ERROR' || m.severity === 'WARNING',
  );
  return {
    validator,
    fatals: problems.filter((m) => m.severity === 'FATAL').length,
    errors: problems.filter((m) => m.severity === 'ERROR').length,
    warnings: problems.filter((m) => m.severity === 'WARNING').length,
    problems,
  };
}

/** One line per problem, for assertion messages: `ERROR RSC-005 OEBPS/x.xhtml:3:7 message`. */
export function formatEpubCheckProblems(report: EpubCheckReport): string {
  return report.problems
    .map((p) => `${p.severity} ${p.id}${p.location ? ` ${p.location}` : ''} ${p.message}`)
    .join('\n');
}

/**
 * Validates an EPUB in-process with @likecoin/epubcheck-ts (a TypeScript port of EPUBCheck,
 * about 0.35 s a run). Loaded lazily so that importing the helpers costs nothing.
 */
export async function epubcheckTs(epub: Uint8Array): Promise<EpubCheckReport> {
  const { EpubCheck } = await import('@likecoin/epubcheck-ts');
  const result = await EpubCheck.validate(epub);
  return summarise(
    'epubcheck-ts',
    result.messages.map((m) => {
      const msg: EpubCheckMessage = {
        id: m.id,
        severity: normaliseSeverity(m.severity),
        message: m.message,
      };
      if (m.location)
        msg.location = [m.location.path, m.location.line, m.location.column]
          .filter((x) => x !== undefined)
          .join(':');
      return msg;
    }),
  );
}

/** Where Debian puts the EPUBCheck jar; EPUBCHECK_JAR overrides it. */
export function epubcheckJarPath(): string {
  return process.env['EPUBCHECK_JAR'] ?? '/usr/share/java/epubcheck.jar';
}

interface JavaReport {
  messages?: {
    ID?: string;
    severity?: string;
    message?: string;
    locations?: { path?: string; line?: number; column?: number }[];
  }[];
}

/**
 * Validates an EPUB with the reference Java EPUBCheck (Debian's 4.2.6, about 5 s a run,
 * mostly JVM start). The JSON report goes to stdout (`--json -`); the exit code only says
 * whether errors were found, so the report is what counts.
 */
export async function epubcheckJava(epub: Uint8Array): Promise<EpubCheckReport> {
  const dir = await mkdtemp(join(tmpdir(), 'broadsheet-epubcheck-'));
  try {
    const file = join(dir, 'book.epub');
    await writeFile(file, epub);
    const jar = requireToolFile(epubcheckJarPath(), 'epubcheck');
    const { stdout, stderr, code } = await runProcess(requireTool('java', 'default-jre-headless'), [
      '-jar',
      jar,
      file,
      '--json',
      '-',
    ]);
    const start = stdout.indexOf('{');
    if (start < 0)
      throw new Error(
        `EPUBCheck printed no JSON report (exit ${String(code)}): ${stderr.slice(0, 2000)}`,
      );
    const report = JSON.parse(stdout.slice(start)) as JavaReport;
    return summarise(
      'epubcheck-java',
      (report.messages ?? []).flatMap((m) => {
        const base = {
          id: m.ID ?? 'UNKNOWN',
          severity: normaliseSeverity(m.severity ?? 'INFO'),
          message: m.message ?? '',
        };
        const locations = m.locations?.length ? m.locations : [undefined];
        return locations.map((l): EpubCheckMessage => {
          if (!l?.path) return base;
          return {
            ...base,
            location: `${l.path}:${String(l.line ?? -1)}:${String(l.column ?? -1)}`,
          };
        });
      }),
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
