/** A minimal valid article input. */
export function articleInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    headline: 'Rivers rise after the spring thaw',
    language: 'en',
    publishedAt: '2018-05-02T09:00:00+05:00',
    section: 'Environment',
    tags: ['Weather', 'Rivers'],
    standfirst: 'Snowmelt swelled three rivers overnight.',
    body: [
      { type: 'paragraph', text: 'The river authority said levels would peak on Thursday.' },
      { type: 'paragraph', text: 'Farmers moved livestock to higher ground.' },
    ],
    ...overrides,
  };
}
