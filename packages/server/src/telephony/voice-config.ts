// Checks a queue's voice menu and announcement before it is stored (rules VOICE5): every
// key once, every chosen queue known to the tenant, every audio file present and readable here
// (rtpengine runs on this host, or reads the same path on its own).
import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import type { VoiceMenu, QueueAnnouncement } from '@relais/protocol';
import type { Store } from '@relais/store';
import { ApiError } from '../http/errors.ts';

interface VoiceRow {
  id: string;
  voiceMenu?: VoiceMenu;
  announcement?: QueueAnnouncement;
}

export async function checkVoiceFields(
  store: Store,
  tenantId: string,
  queue: VoiceRow,
): Promise<void> {
  const menu = queue.voiceMenu;
  if (menu !== undefined) {
    const digits = menu.choices.map((choice) => choice.digit);
    const twice = digits.find((digit, i) => digits.indexOf(digit) !== i);
    if (twice !== undefined) {
      throw new ApiError(
        400,
        'ValidationFailed',
        `queue.voiceMenu.choices: the key "${twice}" leads to two queues; give each key one queue`,
      );
    }
    for (const [index, choice] of menu.choices.entries()) {
      if (choice.queueId === queue.id) continue;
      if ((await store.getConfig(tenantId, 'queue', choice.queueId)) === undefined) {
        throw new ApiError(
          404,
          'UnknownQueue',
          `queue.voiceMenu.choices[${index}].queueId: no queue with id "${choice.queueId}" (key "${choice.digit}"); create the queue first or choose another`,
          { queueId: choice.queueId },
        );
      }
    }
    await audioFile(menu.promptFile, 'queue.voiceMenu.promptFile');
  }
  if (queue.announcement !== undefined) {
    await audioFile(queue.announcement.file, 'queue.announcement.file');
  }
}

async function audioFile(path: string, field: string): Promise<void> {
  try {
    await access(path, constants.R_OK);
    if ((await stat(path)).isFile()) return;
  } catch {
    // Reported below: missing and unreadable read the same to the admin.
  }
  throw new ApiError(
    400,
    'ValidationFailed',
    `${field}: no readable audio file at "${path}"; copy the WAV file there (on rtpengine's host) first`,
    { path },
  );
}
