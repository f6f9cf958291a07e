// The raw record of what the tool sent our services.
import { RecordLog } from '../../record-log.js';
import type { DeepLinkReturnRecord, ServiceCallRecord, TokenRequestRecord } from './records.js';

interface ServiceRecords {
  token: TokenRequestRecord;
  call: ServiceCallRecord;
  deepLinkReturn: DeepLinkReturnRecord;
}

export type RecordKind = keyof ServiceRecords;
export type RecordOf<K extends RecordKind> = ServiceRecords[K];

export class ServiceLog extends RecordLog<ServiceRecords> {
  constructor() {
    super(['token', 'call', 'deepLinkReturn']);
  }

  get token(): TokenRequestRecord[] {
    return this.list('token');
  }

  get call(): ServiceCallRecord[] {
    return this.list('call');
  }

  get deepLinkReturn(): DeepLinkReturnRecord[] {
    return this.list('deepLinkReturn');
  }
}
