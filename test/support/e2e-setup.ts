import { jest } from '@jest/globals';

// End-to-end suites start real processes and servers; their hooks need more than Jest's 5 s.
jest.setTimeout(120_000);
