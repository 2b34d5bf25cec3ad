/**
 * Nice increment of the worker threads that do heavy work (renders, page and text imports):
 * Linux gives each thread its own nice value, so when cores are short the HTTP thread runs
 * first and the workers take the time left over. Requests such as /health keep their latency
 * while an edition renders or a hostile page is measured, and the workers are slowed, never
 * starved outright. 0 would keep the server's own priority.
 */
export const WORKER_NICE_INCREMENT = 10;
