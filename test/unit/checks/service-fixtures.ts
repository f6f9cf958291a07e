import type { ServiceCallRecord } from '../../../src/roles/platform/services/records.js';

/** A service call as the platform emulator records it; override what a case needs. */
export function call(over: Partial<ServiceCallRecord> = {}): ServiceCallRecord {
  return {
    exchangeId: 'x1',
    at: 1_700_000_000_000,
    service: 'ags',
    operation: 'lineitems.get',
    method: 'GET',
    url: 'https://platform.example/ctx/1/lineitems',
    headers: {},
    body: '',
    token: { present: true, valid: true, expired: false, scopes: [] },
    status: 200,
    ...over,
  };
}
