// The configuration kinds the administration pages edit through /api/v1/<path>: their schema
// (the API's own, from @relais/protocol), the columns of their list and the fields of their form.
import {
  Agent,
  AgentSelection,
  CHANNELS,
  Client,
  Disposition,
  PauseCode,
  Queue,
  Site,
  Skill,
  Webhook,
} from '@relais/protocol';
import type { z } from 'zod';
import type { MessageKey } from '../i18n/messages-en.ts';
import type { FieldSpec, FormValues } from './form-model.ts';

export interface Column {
  /** Path in the entry ("serviceLevel.target"). */
  path: string;
  label: MessageKey;
  numeric?: boolean;
  /** Values shown as the messages `${labels}.${value}`. */
  labels?: string;
}

export interface KindSection {
  /** URL segment of the API and of the page: /api/v1/<path>, /admin/<path>. */
  path: string;
  title: MessageKey;
  /** The engine's name for it, which starts its error messages ("queue.sites[0]: …"). */
  noun: string;
  schema: z.ZodObject;
  columns: readonly Column[];
  fields: readonly FieldSpec[];
  /** Importable from CSV (POST /api/v1/imports/<path>). */
  importable: boolean;
  /** A new entry's form starts with these. */
  defaults?: FormValues;
}

const id = (label: MessageKey = 'admin.f.id'): FieldSpec => ({
  path: 'id',
  label,
  kind: { type: 'text' },
  required: true,
  isId: true,
  hint: 'admin.hint.id',
});

/** One key of a queue's voice menu. */
const MENU_CHOICE_FIELDS: readonly FieldSpec[] = [
  { path: 'digit', label: 'admin.f.menuDigit', kind: { type: 'text' }, required: true },
  {
    path: 'queueId',
    label: 'admin.f.menuQueue',
    kind: { type: 'ref', path: 'queues' },
    required: true,
  },
];

const STEP_FIELDS: readonly FieldSpec[] = [
  { path: 'afterSeconds', label: 'admin.f.afterSeconds', kind: { type: 'number' }, required: true },
  {
    path: 'addSkills',
    label: 'admin.f.addSkills',
    kind: { type: 'levels' },
    hint: 'admin.hint.levels',
  },
  { path: 'dropSkills', label: 'admin.f.dropSkills', kind: { type: 'list' } },
  {
    path: 'minProficiencyDelta',
    label: 'admin.f.minProficiencyDelta',
    kind: { type: 'number' },
  },
  {
    path: 'addSites',
    label: 'admin.f.addSites',
    kind: { type: 'list', literal: 'network' },
    hint: 'admin.hint.addSites',
  },
  { path: 'raisePriority', label: 'admin.f.raisePriority', kind: { type: 'number' } },
  { path: 'moveToQueue', label: 'admin.f.moveToQueue', kind: { type: 'ref', path: 'queues' } },
];

export const KIND_SECTIONS: readonly KindSection[] = [
  {
    path: 'sites',
    title: 'admin.section.sites',
    noun: 'site',
    schema: Site,
    importable: true,
    columns: [
      { path: 'id', label: 'admin.f.id' },
      { path: 'city', label: 'admin.f.city' },
      { path: 'timeZone', label: 'admin.f.timeZone' },
      { path: 'positions', label: 'admin.f.positions', numeric: true },
    ],
    fields: [
      id(),
      { path: 'city', label: 'admin.f.city', kind: { type: 'text' }, required: true },
      {
        path: 'timeZone',
        label: 'admin.f.timeZone',
        kind: { type: 'text' },
        required: true,
        hint: 'admin.hint.timeZone',
      },
      { path: 'positions', label: 'admin.f.positions', kind: { type: 'number' }, required: true },
    ],
  },
  {
    path: 'agents',
    title: 'admin.section.agents',
    noun: 'agent',
    schema: Agent,
    importable: true,
    columns: [
      { path: 'id', label: 'admin.f.id' },
      { path: 'name', label: 'admin.f.name' },
      { path: 'siteId', label: 'admin.f.siteId' },
      { path: 'skills', label: 'admin.f.skills' },
    ],
    fields: [
      id(),
      { path: 'name', label: 'admin.f.name', kind: { type: 'text' } },
      {
        path: 'siteId',
        label: 'admin.f.siteId',
        kind: { type: 'ref', path: 'sites' },
        required: true,
      },
      {
        path: 'skills',
        label: 'admin.f.skills',
        kind: { type: 'levels' },
        required: true,
        hint: 'admin.hint.levels',
      },
      {
        path: 'capacity',
        label: 'admin.f.capacity',
        kind: { type: 'levels' },
        hint: 'admin.hint.capacity',
      },
      { path: 'exclusiveVoice', label: 'admin.f.exclusiveVoice', kind: { type: 'boolean' } },
      { path: 'autoAnswer', label: 'admin.f.autoAnswer', kind: { type: 'boolean' } },
      { path: 'sipUser', label: 'admin.f.sipUser', kind: { type: 'text' } },
      {
        path: 'sipPassword',
        label: 'admin.f.sipPassword',
        kind: { type: 'password' },
        hint: 'admin.hint.sipPassword',
      },
    ],
  },
  {
    path: 'skills',
    title: 'admin.section.skills',
    noun: 'skill',
    schema: Skill,
    importable: true,
    columns: [
      { path: 'id', label: 'admin.f.id' },
      { path: 'kind', label: 'admin.f.skillKind', labels: 'admin.skillKind' },
    ],
    fields: [
      id(),
      {
        path: 'kind',
        label: 'admin.f.skillKind',
        kind: { type: 'select', options: ['language', 'skill'], labels: 'admin.skillKind' },
      },
    ],
  },
  {
    path: 'queues',
    title: 'admin.section.queues',
    noun: 'queue',
    schema: Queue,
    importable: true,
    columns: [
      { path: 'id', label: 'admin.f.id' },
      { path: 'clientId', label: 'admin.f.clientId' },
      { path: 'channel', label: 'admin.f.channel', labels: 'channel' },
      { path: 'skills', label: 'admin.f.queueSkills' },
      { path: 'steps', label: 'admin.f.steps', numeric: true },
    ],
    fields: [
      id(),
      {
        path: 'clientId',
        label: 'admin.f.clientId',
        kind: { type: 'ref', path: 'clients' },
        required: true,
      },
      {
        path: 'channel',
        label: 'admin.f.channel',
        kind: { type: 'select', options: CHANNELS, labels: 'channel' },
        required: true,
      },
      {
        path: 'skills',
        label: 'admin.f.queueSkills',
        kind: { type: 'levels' },
        required: true,
        hint: 'admin.hint.levels',
      },
      { path: 'priority', label: 'admin.f.priority', kind: { type: 'number' } },
      {
        path: 'strategy',
        label: 'admin.f.strategy',
        kind: { type: 'select', options: AgentSelection.options, labels: 'admin.strategy' },
      },
      { path: 'sites', label: 'admin.f.sites', kind: { type: 'list' }, hint: 'admin.hint.list' },
      {
        path: 'phoneNumbers',
        label: 'admin.f.phoneNumbers',
        kind: { type: 'list' },
        hint: 'admin.hint.phoneNumbers',
      },
      {
        path: 'voiceMenu.promptFile',
        label: 'admin.f.menuPrompt',
        kind: { type: 'text' },
        hint: 'admin.hint.menuPrompt',
      },
      {
        path: 'voiceMenu.choices',
        label: 'admin.f.menuChoices',
        kind: {
          type: 'repeat',
          fields: MENU_CHOICE_FIELDS,
          max: 12,
          // Not the routing steps' words: both lists are on the queue form.
          words: {
            item: 'admin.form.menuChoice',
            add: 'admin.form.addMenuChoice',
            remove: 'admin.form.removeMenuChoice',
          },
        },
        hint: 'admin.hint.menuChoices',
      },
      { path: 'voiceMenu.timeoutSeconds', label: 'admin.f.menuTimeout', kind: { type: 'number' } },
      {
        path: 'voiceMenu.attempts',
        label: 'admin.f.menuAttempts',
        kind: { type: 'number' },
        hint: 'admin.hint.menuAttempts',
      },
      {
        path: 'voiceMenu.onFailure',
        label: 'admin.f.menuFailure',
        kind: { type: 'select', options: ['queue', 'hang-up'], labels: 'admin.menuFailure' },
      },
      {
        path: 'announcement.file',
        label: 'admin.f.announcement',
        kind: { type: 'text' },
        hint: 'admin.hint.announcement',
      },
      {
        path: 'announcement.everySeconds',
        label: 'admin.f.announcementEvery',
        kind: { type: 'number' },
      },
      {
        path: 'announcePosition.say',
        label: 'admin.f.announcePosition',
        kind: {
          type: 'select',
          options: ['position', 'wait', 'both'],
          labels: 'admin.announceSay',
        },
        hint: 'admin.hint.announcePosition',
      },
      {
        path: 'announcePosition.everySeconds',
        label: 'admin.f.announcePositionEvery',
        kind: { type: 'number' },
      },
      { path: 'homeSiteId', label: 'admin.f.homeSiteId', kind: { type: 'ref', path: 'sites' } },
      {
        path: 'serviceLevel.thresholdSeconds',
        label: 'admin.f.slThreshold',
        kind: { type: 'number' },
      },
      {
        path: 'serviceLevel.target',
        label: 'admin.f.slTarget',
        kind: { type: 'number' },
        hint: 'admin.hint.slTarget',
      },
      {
        path: 'serviceLevel.formula',
        label: 'admin.f.slFormula',
        kind: {
          type: 'select',
          options: ['answered', 'offered', 'abandon-neutral', 'abandon-positive'],
          labels: 'admin.slFormula',
        },
      },
      {
        path: 'serviceLevel.shortAbandonSeconds',
        label: 'admin.f.shortAbandon',
        kind: { type: 'number' },
      },
      { path: 'weight', label: 'admin.f.weight', kind: { type: 'number' } },
      { path: 'offerTimeoutSeconds', label: 'admin.f.offerTimeout', kind: { type: 'number' } },
      {
        path: 'preferredAgentWaitSeconds',
        label: 'admin.f.preferredAgentWait',
        kind: { type: 'number' },
        hint: 'admin.hint.preferredAgentWait',
      },
      {
        path: 'wrapUp.mode',
        label: 'admin.f.wrapUpMode',
        kind: { type: 'select', options: ['timed', 'manual'], labels: 'admin.wrapUp' },
      },
      { path: 'wrapUp.seconds', label: 'admin.f.wrapUpSeconds', kind: { type: 'number' } },
      { path: 'maxWaitSeconds', label: 'admin.f.maxWait', kind: { type: 'number' } },
      { path: 'maxSize', label: 'admin.f.maxSize', kind: { type: 'number' } },
      {
        path: 'overflow.kind',
        label: 'admin.f.overflow',
        kind: {
          type: 'select',
          options: ['queue', 'callback', 'voicemail', 'disconnect'],
          labels: 'admin.overflow',
        },
        hint: 'admin.hint.overflow',
      },
      {
        path: 'overflow.queueId',
        label: 'admin.f.overflowQueue',
        kind: { type: 'ref', path: 'queues' },
      },
      {
        path: 'steps',
        label: 'admin.f.steps',
        kind: { type: 'repeat', fields: STEP_FIELDS, max: 20 },
        hint: 'admin.hint.steps',
      },
      {
        path: 'script',
        label: 'admin.f.script',
        kind: { type: 'longText' },
        hint: 'admin.hint.script',
      },
    ],
  },
  {
    path: 'clients',
    title: 'admin.section.clients',
    noun: 'client',
    schema: Client,
    importable: true,
    columns: [
      { path: 'id', label: 'admin.f.id' },
      { path: 'name', label: 'admin.f.name' },
    ],
    fields: [id(), { path: 'name', label: 'admin.f.name', kind: { type: 'text' }, required: true }],
  },
  {
    path: 'pause-codes',
    title: 'admin.section.pauseCodes',
    noun: 'pauseCode',
    schema: PauseCode,
    importable: true,
    columns: [
      { path: 'id', label: 'admin.f.id' },
      { path: 'label', label: 'admin.f.label' },
      { path: 'productive', label: 'admin.f.productive' },
    ],
    fields: [
      id(),
      { path: 'label', label: 'admin.f.label', kind: { type: 'text' }, required: true },
      { path: 'productive', label: 'admin.f.productive', kind: { type: 'boolean' } },
    ],
  },
  {
    path: 'dispositions',
    title: 'admin.section.dispositions',
    noun: 'disposition',
    schema: Disposition,
    importable: true,
    columns: [
      { path: 'id', label: 'admin.f.id' },
      { path: 'label', label: 'admin.f.label' },
      { path: 'success', label: 'admin.f.success' },
    ],
    fields: [
      id(),
      { path: 'label', label: 'admin.f.label', kind: { type: 'text' }, required: true },
      { path: 'success', label: 'admin.f.success', kind: { type: 'boolean' } },
    ],
  },
  {
    path: 'webhooks',
    title: 'admin.section.webhooks',
    noun: 'webhook',
    schema: Webhook,
    importable: false,
    defaults: { active: true, events: '*' },
    columns: [
      { path: 'id', label: 'admin.f.id' },
      { path: 'url', label: 'admin.f.url' },
      { path: 'events', label: 'admin.f.events' },
      { path: 'active', label: 'admin.f.active' },
    ],
    fields: [
      id(),
      { path: 'url', label: 'admin.f.url', kind: { type: 'text' }, required: true },
      {
        path: 'events',
        label: 'admin.f.events',
        kind: { type: 'list' },
        required: true,
        hint: 'admin.hint.events',
      },
      {
        path: 'secret',
        label: 'admin.f.secret',
        kind: { type: 'password' },
        required: true,
        hint: 'admin.hint.secret',
      },
      { path: 'active', label: 'admin.f.active', kind: { type: 'boolean' } },
    ],
  },
];

export const sectionAt = (path: string): KindSection | undefined =>
  KIND_SECTIONS.find((section) => section.path === path);
