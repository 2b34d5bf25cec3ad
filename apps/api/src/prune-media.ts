import { runPruneMedia } from './media/prune-command.js';

runPruneMedia(process.argv.slice(2), process.env, {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
}).then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`prune-media: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
