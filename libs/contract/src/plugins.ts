import { z } from 'zod';
import { ORG_LEVELS } from './labels';
import { id, legalDate } from './common';
import { appliedRuleOut } from './records';

// ---- procedure inputs and outputs (named for the procedure they belong to) ----
export const bilingualLabelOut = z.object({ zh: z.string(), en: z.string() });
export const pluginId = z.string().trim().min(1).max(60);
export const settingOut = z.object({
  enabled: z.boolean(),
  config: z.record(z.string(), z.unknown()),
  governing: z.record(z.string(), z.unknown()),
  from: z.union([
    z.object({ kind: z.literal('org'), orgId: z.string() }),
    z.object({ kind: z.literal('deployment') }),
    z.object({ kind: z.literal('default') }),
  ]),
});
export const jsonSchema = z.record(z.string(), z.unknown());
export const manifestOut = z.object({
  id: z.string(),
  version: z.string(),
  label: bilingualLabelOut,
  description: bilingualLabelOut,
  /** For the caller's own body. */
  setting: settingOut,
  configSchema: jsonSchema,
  recordTypes: z.array(
    z.object({
      key: z.string(),
      label: bilingualLabelOut,
      subjects: z.array(z.string()),
      polarity: z.string(),
      defaultSeverity: z.string(),
      payloadVersion: z.number(),
      payloadSchema: jsonSchema,
    }),
  ),
  rules: z.array(
    z.object({
      id: z.string(),
      summaryZh: z.string(),
      summaryEn: z.string(),
      source: appliedRuleOut.shape.source,
      setting: z.string().nullable(),
    }),
  ),
  indicators: z.array(
    z.object({
      key: z.string(),
      label: bilingualLabelOut,
      unit: z.string(),
      better: z.enum(['higher', 'lower']),
      source: appliedRuleOut.shape.source,
    }),
  ),
  nav: z.array(z.object({ key: z.string(), label: bilingualLabelOut, path: z.string(), permission: z.string() })),
  forms: z.record(
    z.string(),
    z.object({ title: bilingualLabelOut, schema: jsonSchema, ui: z.record(z.string(), z.unknown()) }),
  ),
});
export const settingInput = z.object({
  pluginId: pluginId,
  enabled: z.boolean(),
  config: z.record(z.string(), z.unknown()).optional(),
});
export const pluginsListInput = z.void();
export const pluginsListOutput = z.array(manifestOut);
export const pluginsManifestInput = z.object({ pluginId: pluginId });
export const pluginsSettingsInput = z.object({ pluginId: pluginId });
export const pluginsSettingsOutput = z.array(
  z.object({
    orgId: z.string().nullable(),
    orgName: z.string().nullable(),
    enabled: z.boolean(),
    config: z.record(z.string(), z.unknown()),
    updatedAt: z.string(),
  }),
);
export const pluginsEffectiveInput = z.object({ pluginId: pluginId, orgId: id });
export const pluginsConfigureInput = settingInput.extend({ orgId: id });
export const pluginsRunScanInput = z.object({ pluginId: pluginId, day: legalDate.optional() });
export const pluginsRunScanOutput = z.object({
  scanned: z.number(),
  breaches: z.number(),
  draftsCreated: z.number(),
  alreadyProposed: z.number(),
});
export const pluginsScanSubtreeInput = z.object({ pluginId: pluginId });
export const pluginsScanSubtreeOutput = z.object({
  day: z.string(),
  draftsCreated: z.number().int(),
  alreadyProposed: z.number().int(),
  drafts: z.array(
    z.object({
      recordId: z.uuid(),
      status: z.string(),
      typeKey: z.string(),
      severity: z.string(),
      subjectKind: z.enum(['org', 'person']),
      subjectId: z.uuid(),
      subjectName: z.string(),
      facts: z.string(),
      decisionDate: z.string(),
      created: z.boolean(),
    }),
  ),
});
export const pluginsIndicatorValuesInput = z.object({
  pluginId: pluginId,
  indicator: z.string().max(100),
  year: z.number().int().min(2000).max(2100),
  level: z.enum(ORG_LEVELS).default('district'),
});
export const pluginsIndicatorValuesOutput = z.array(
  z.object({ orgId: z.string(), orgName: z.string(), value: z.number(), sample: z.number(), evidence: z.string() }),
);
