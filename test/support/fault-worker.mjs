// @ts-check
// A render worker for fault tests: the API's own worker, except that an input whose headline
// (or edition title, or any of its headlines) carries `broadsheet-fault:crash|hang|throw` makes
// it exit its thread, spin forever without yielding (as a runaway layout would) or throw.
import render from '@broadsheet/api/dist/render/worker.js';

const MARKER = /broadsheet-fault:(crash|hang|throw)/;
const utf8 = new TextDecoder();

/**
 * @param {import('@broadsheet/api/dist/render/worker.js').RenderTask} task
 * @returns {string | undefined}
 */
function fault(task) {
  /** @type {unknown} */
  const parsed = JSON.parse(utf8.decode(task.inputJson));
  const input =
    /** @type {{ headline?: string, title?: string, sections?: { articles: { headline: string }[] }[] }} */ (
      parsed
    );
  const texts = input.sections
    ? [input.title, ...input.sections.flatMap((s) => s.articles.map((a) => a.headline))]
    : [input.headline];
  for (const text of texts) {
    const match = text === undefined ? null : MARKER.exec(text);
    if (match) return match[1];
  }
  return undefined;
}

/** @param {import('@broadsheet/api/dist/render/worker.js').RenderTask} task */
export default function faultyRender(task) {
  const injected = fault(task);
  if (injected === 'crash') process.exit(70); // in a worker thread this ends only the thread
  if (injected === 'hang') for (;;); // spins without yielding, as a runaway layout would
  if (injected === 'throw')
    return Promise.reject(new Error('render fault injected for a test (broadsheet-fault:throw)'));
  return render(task);
}
