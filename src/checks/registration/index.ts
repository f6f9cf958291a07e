// Dynamic Registration checks, both directions (platform under test: configuration, response, refusal).
export * from './configuration.js';
export * from './response.js';
export * from './refusal.js';
// Tool under test (we play the platform): its registration request and how it ends.
export * from './request.js';
export * from './ending.js';
