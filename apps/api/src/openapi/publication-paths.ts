/**
 * OpenAPI paths of /v1/publications: scheduled editions made from feeds. The helpers every
 * write route shares come from document.ts, so the answers are described the same way.
 */
type JsonObject = Record<string, unknown>;

export interface PathHelpers {
  ref: (name: string) => JsonObject;
  problem: (description: string) => JsonObject;
  writeErrors: JsonObject;
  accessErrors: JsonObject;
}

const idParameter = {
  name: 'id',
  in: 'path',
  required: true,
  description: 'The publication id, made from its title when it was created.',
  schema: { type: 'string' },
  example: 'morning-brief',
};

const example = {
  title: 'Morning Brief',
  feeds: ['f3b1c2d4'],
  schedule: '0 6 * * *',
  timeZone: 'Europe/London',
  maxArticles: 30,
  formats: ['epub', 'pdf'],
  deliver: { email: ['reader@kindle.com'] },
};

export function publicationPaths({ ref, problem, writeErrors, accessErrors }: PathHelpers) {
  const unprocessable = problem(
    'The body is well formed but cannot be used: an unknown feed (`feeds.<i>`), a schedule that is not cron or never fires (`schedule`), an unknown time zone (`timeZone`), or an address that is not one (`deliver.email.<i>`); `errors` names each.',
  );
  const body = {
    required: true,
    content: { 'application/json': { schema: ref('PublicationRequest'), example } },
  };
  const resource = (description: string) => ({
    description,
    content: { 'application/json': { schema: ref('PublicationResource') } },
  });
  const tags = ['publications'];
  const security = [{ bearer: [] }];
  return {
    '/v1/publications': {
      get: {
        operationId: 'listPublications',
        summary: 'List publications',
        description: 'By title. Each with its next scheduled issue and its last issue.',
        tags,
        responses: {
          '200': {
            description: 'Every publication.',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  properties: {
                    items: { type: 'array', items: ref('PublicationResource') },
                    total: { type: 'integer' },
                  },
                },
              },
            },
          },
          // Express itself answers 400 to a malformed URL on any route.
          '4XX': problem('A malformed request.'),
        },
      },
      post: {
        operationId: 'createPublication',
        summary: 'Create a publication: a scheduled edition made from feeds',
        description:
          'Needs the `feeds:write` scope. At each time the cron `schedule` names in `timeZone`, an issue is made of the articles that arrived in the feeds since the previous issue (newest first, at most `maxArticles`), rendered ahead in `formats` and, with `deliver`, mailed. Nothing new: no issue.',
        tags,
        security,
        requestBody: body,
        responses: {
          '201': {
            ...resource('Created.'),
            headers: { Location: { schema: { type: 'string' } } },
          },
          ...writeErrors,
          '422': unprocessable,
        },
      },
    },
    '/v1/publications/{id}': {
      get: {
        operationId: 'getPublication',
        summary: 'Get a publication',
        description:
          'With `nextIssueAt`, `lastIssue`, its recent issues and the state of their mail deliveries.',
        tags,
        parameters: [idParameter],
        responses: {
          '200': resource('The publication.'),
          '404': problem('No such publication.'),
        },
      },
      put: {
        operationId: 'putPublication',
        summary: 'Replace a publication',
        description:
          'Needs the `feeds:write` scope. Its issues, and where the next one starts, stay.',
        tags,
        security,
        parameters: [idParameter],
        requestBody: body,
        responses: {
          '200': resource('Replaced.'),
          ...writeErrors,
          '404': problem('No such publication.'),
          '422': unprocessable,
        },
      },
      delete: {
        operationId: 'deletePublication',
        summary: 'Delete a publication',
        description: 'Needs the `feeds:write` scope. Its issues stay as editions.',
        tags,
        security,
        parameters: [idParameter],
        responses: {
          '204': { description: 'Deleted.' },
          ...accessErrors,
          '404': problem('No such publication.'),
        },
      },
    },
    '/v1/publications/{id}/issues': {
      get: {
        operationId: 'listPublicationIssues',
        summary: "List a publication's issues, newest first",
        tags,
        parameters: [idParameter],
        responses: {
          '200': {
            description: 'Its 100 newest issues.',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  properties: { items: { type: 'array', items: ref('IssueSummary') } },
                },
              },
            },
          },
          '404': problem('No such publication.'),
        },
      },
      post: {
        operationId: 'makePublicationIssue',
        summary: 'Make an issue now, outside the schedule',
        description:
          'Needs the `feeds:write` scope. The issue holds what arrived since the previous one; it is rendered ahead and delivered like a scheduled one. The answer is its edition: download it at /v1/editions/{id}.epub or .pdf.',
        tags,
        security,
        parameters: [idParameter],
        responses: {
          '201': {
            description: 'The issue, as the edition it is.',
            headers: {
              Location: { description: 'The edition.', schema: { type: 'string' } },
            },
            content: { 'application/json': { schema: ref('Edition') } },
          },
          ...accessErrors,
          '404': problem('No such publication.'),
          '422': problem('Nothing arrived in its feeds since the previous issue: no issue made.'),
        },
      },
    },
  };
}
