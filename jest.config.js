// Jest runs the TypeScript sources as ES modules (NestJS 12 is ESM-only), compiled by SWC.
const shared = {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest'] },
  moduleNameMapper: {
    '^(\\.{1,2}/.*)\\.js$': '$1',
    // The browser code's alias for library files (apps/gateway/web/tsconfig.json).
    '^@shared/(tickets|channels)/(.*)\\.js$': '<rootDir>/libs/$1/src/$2',
    // Its ES build imports its metadata JSON without an import attribute, which Jest 30 warns about
    // (50 times a run) and its next major refuses; the CommonJS build of the same version is the same code.
    '^libphonenumber-js/max$': '<rootDir>/node_modules/libphonenumber-js/max/index.cjs',
  },
};

export default {
  projects: [
    { ...shared, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs,tools}/**/*.spec.ts'] },
    {
      ...shared,
      displayName: 'e2e',
      testMatch: ['<rootDir>/apps/**/test/**/*.e2e-spec.ts'],
      setupFilesAfterEnv: ['<rootDir>/test/support/e2e-setup.ts'],
    },
    {
      // Real processes under injected faults (README, "Reliability"); run in band, after e2e.
      ...shared,
      displayName: 'faults',
      testMatch: ['<rootDir>/test/faults/*.fault-spec.ts'],
      setupFilesAfterEnv: ['<rootDir>/test/support/e2e-setup.ts'],
    },
  ],
};
