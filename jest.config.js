/** Jest runs the ESM build of the code through ts-jest (see `npm test`). */
const esmTypeScript = {
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: { '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json' }] },
  testEnvironment: 'node',
};

export default {
  // E2E suites start real apps and servers; a slow machine must not fail them.
  testTimeout: 60_000,
  projects: [
    { ...esmTypeScript, displayName: 'unit', rootDir: 'src', testMatch: ['**/*.spec.ts'] },
    // The web client's slices and message mapping, compiled with the client's own tsconfig.
    {
      ...esmTypeScript,
      displayName: 'web',
      rootDir: 'web/src',
      testMatch: ['**/*.spec.ts'],
      transform: { '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'web/tsconfig.json' }] },
    },
    { ...esmTypeScript, displayName: 'e2e', rootDir: 'test', testMatch: ['**/*.e2e-spec.ts'] },
    // Needs PostgreSQL and redis-server; run by `npm run test:services` (and .ci/run), not by `npm test`.
    {
      ...esmTypeScript,
      displayName: 'services',
      rootDir: '.',
      roots: ['<rootDir>/src', '<rootDir>/test'],
      testMatch: ['**/*.services-spec.ts'],
    },
    // Needs Chromium; run by `npm run test:browser` (and .ci/run), not by `npm test`.
    { ...esmTypeScript, displayName: 'browser', rootDir: 'test', testMatch: ['**/*.browser-spec.ts'] },
    // Needs podman; run by `npm run test:container` (and .ci/run), not by `npm test`.
    { ...esmTypeScript, displayName: 'container', rootDir: 'test', testMatch: ['**/*.container-spec.ts'] },
  ],
};
