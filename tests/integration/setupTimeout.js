/* global jest */
// Kernels take a moment: integration tests get 60 s each (they wait on promises, not sleeps).
jest.setTimeout(60000);
