// The deep_link_return_url: the tool's browser auto-posts the LtiDeepLinkingResponse here.
import { MEDIA_TYPE } from '../../../lti/vocab.js';
import { html, type InboundRequest, type InboundResponse } from '../../inbound-server.js';
import { refuse, mediaType } from './http.js';
import type { DeepLinkReturnRecord } from './records.js';
import type { ServiceLog } from './service-log.js';

export function deepLinkReturn(req: InboundRequest, log: ServiceLog, now: number): InboundResponse {
  const isForm = mediaType(req.headers) === MEDIA_TYPE.formUrlEncoded;
  const rec: DeepLinkReturnRecord = {
    exchangeId: req.exchangeId, at: now, method: req.method, contentType: req.headers['content-type'] ?? '',
    form: isForm && req.method === 'POST' ? Object.fromEntries(new URLSearchParams(req.body)) : {},
    query: Object.fromEntries(req.url.searchParams),
  };
  const res = req.method === 'POST'
    ? html(200, '<!doctype html><title>lti-conform</title><p>Deep linking response received</p>')
    : refuse(405, 'invalid_request', `the deep-linking return URL takes the form POST of the response, not ${req.method}`, { allow: 'POST' });
  rec.status = res.status;
  log.push('deepLinkReturn', rec);
  return res;
}
