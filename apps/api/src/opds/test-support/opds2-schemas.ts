import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

const SCHEMA_DIR = fileURLToPath(new URL('./fixtures/opds2-schemas/', import.meta.url));

function schemaFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? schemaFiles(join(dir, e.name))
      : e.name.endsWith('.schema.json')
        ? [join(dir, e.name)]
        : [],
  );
}

// ajv-formats is CommonJS: its default export arrives as the module object under NodeNext.
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

/**
 * The official OPDS 2.0 schemas (and the Readium Web Publication Manifest schemas they refer
 * to), loaded into one draft-07 ajv by their own `$id`s, so every `$ref` resolves offline.
 * `strict: false`: the published schemas use keywords ajv's strict mode warns about.
 */
function loadValidators(): { feed: ValidateFunction; publication: ValidateFunction } {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  for (const file of schemaFiles(SCHEMA_DIR))
    ajv.addSchema(JSON.parse(readFileSync(file, 'utf8')) as object);
  const get = (id: string) => {
    const validate = ajv.getSchema(id);
    if (!validate) throw new Error(`schema ${id} is not among the fixtures`);
    return validate;
  };
  return {
    feed: get('https://drafts.opds.io/schema/feed.schema.json'),
    publication: get('https://drafts.opds.io/schema/publication.schema.json'),
  };
}

let validators: ReturnType<typeof loadValidators> | undefined;

/** The schema's complaints about `doc` as an OPDS 2 feed or publication; [] when it is valid. */
export function opds2Errors(kind: 'feed' | 'publication', doc: unknown): ErrorObject[] {
  validators ??= loadValidators();
  const validate = validators[kind];
  return validate(doc) ? [] : [...(validate.errors ?? [])];
}
