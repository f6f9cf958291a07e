// What the platform sent our tool (a person or the platform decides when a launch happens).
import { RecordLog, type WaitOptions } from '../record-log.js';
import type { AuthResponseRecord, LoginInitiationRecord, RegistrationInitiationRecord } from './records.js';

interface ToolRecords {
  initiation: LoginInitiationRecord;
  response: AuthResponseRecord;
  registration: RegistrationInitiationRecord;
}

export type ToolRecordKind = keyof ToolRecords;
export type ToolRecordOf<K extends ToolRecordKind> = ToolRecords[K];
export type ToolWaitOptions = WaitOptions;
export type ToolMarks = { [K in ToolRecordKind]: number };

export class ToolLog extends RecordLog<ToolRecords> {
  constructor() {
    super(['initiation', 'response', 'registration']);
  }

  get initiation(): LoginInitiationRecord[] {
    return this.list('initiation');
  }

  get response(): AuthResponseRecord[] {
    return this.list('response');
  }

  get registration(): RegistrationInitiationRecord[] {
    return this.list('registration');
  }
}
