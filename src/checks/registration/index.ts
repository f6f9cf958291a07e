// Dynamic Registration checks, both directions (platform under test: configuration, response, refusal).
export * from './configuration.js';
export * from './response.js';
export * from './refusal.js';
