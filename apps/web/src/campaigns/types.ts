// The protocol's campaign shapes as types (the contract exports the schemas; these are their
// parsed values).
import type {
  CampaignState,
  CampaignView,
  LeadView,
  ListImportResult,
  SuppressionListView,
} from '@relais/protocol';
import type { z } from 'zod';

export type CampaignRow = z.infer<typeof CampaignView>;
export type CampaignStateName = z.infer<typeof CampaignState>;
export type Lead = z.infer<typeof LeadView>;
export type ImportResult = z.infer<typeof ListImportResult>;
export type SuppressionList = z.infer<typeof SuppressionListView>;
