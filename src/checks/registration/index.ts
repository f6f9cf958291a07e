// Dynamic Registration checks, both directions (platform under test: configuration, response, refusal).
export * from './configuration.js';
export * from './response.js';
export * from './refusal.js';
// Member types of the three documents by JSON Schema (both directions).
export * from './schema.js';
// Tool under test (we play the platform): its registration request and how it ends.
export * from './request.js';
export * from './ending.js';
