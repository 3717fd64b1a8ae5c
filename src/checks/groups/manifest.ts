/**
 * The `manifest` group: the plugin's register manifest (--manifest) judged as spacectl and the
 * repository service read it, and cross-checked with the live plugin as the type's core reads
 * both. Per-type rules are data in each type's entry (`manifest`).
 */
import type { ManifestRules, MetadataModel, ServiceTypeEntry } from '../../model/service-type.js';
import { findServiceType } from '../../catalog/index.js';
import { manifestRulesOf } from '../../catalog/manifest-rules.js';
import { firstDifference, isJsonObject, type Json, type JsonObject } from '../../grpc/struct.js';
import { declaredType, type Manifest } from '../../manifest/load.js';
import { judgeImageName } from '../../manifest/image-name.js';
import type { CheckDetail } from '../../model/results.js';
import type { CheckDefinition, RunContext, Verdict } from '../../model/check.js';
import { assessAgainst } from '../schema.js';
import { COMMON_SOURCES, type CheckSource } from '../../spec.js';
import type { ReflectedType } from '../../config.js';

export const MANIFEST_GROUP = 'manifest';

/** Keys only the 1.x register request has, and keys only the 2.x one has (docs/core/README.md#manifest). */
const LEGACY_ONLY_KEYS = ['service_type', 'template', 'project_id'];
const CURRENT_ONLY_KEYS = ['resource_type', 'plugin_id', 'registry_type', 'registry_config', 'docs'];

export function manifestChecks(entry: ServiceTypeEntry): CheckDefinition[] {
  const rules = manifestRulesOf(entry.name);
  const checks = [registerFieldsCheck(), imageNameCheck()];
  const sources = entry.sources.capability ?? [COMMON_SOURCES.manifest];
  if (rules.capabilitySchema) checks.push(capabilityCheck(rules.capabilitySchema, sources));
  checks.push(typeMatchesCheck(entry));
  if (rules.metadataModelBy || rules.shadowedByMetadata) checks.push(metadataAgreesCheck(rules, [...sources, ...entry.sources.metadata]));
  return checks;
}

function registerFieldsCheck(): CheckDefinition {
  return {
    group: MANIFEST_GROUP,
    name: 'register-fields',
    sources: [COMMON_SOURCES.manifest],
    description: 'The manifest has the fields Plugin.register requires (name, resource_type, image), each of the kind the request carries (schemas/manifest.json)',
    async run(context) {
      const manifest = manifestOf(context);
      const document = manifest.document;
      const legacy = LEGACY_ONLY_KEYS.filter((key) => key in document);
      const current = CURRENT_ONLY_KEYS.filter((key) => key in document);
      const warnings: string[] = [];
      const details: CheckDetail[] = manifest.problems.map((problem) => ({
        message: `${problem.path}: ${problem.problem}`,
        path: problem.path,
        coreEffect: 'spacectl cannot build the register request from this value, so register is never called',
      }));
      if (legacy.length > 0 && current.length > 0) {
        details.push({
          message: `the manifest mixes 1.x keys (${legacy.join(', ')}) with 2.x keys (${current.join(', ')})`,
          expected: 'the keys of one register request: 2.x resource_type, ... or 1.x service_type, ...',
          actual: [...legacy, ...current],
          coreEffect: 'spacectl builds the request from every key: each core version lacks some of these fields, so register is never called on either',
        });
      }
      let checked = document;
      if (legacy.length > 0 && current.length === 0) {
        warnings.push(`a 1.x manifest (${legacy.join(', ')}): a 1.x core registers it; a 2.x core reads resource_type instead of service_type and has no ${legacy.join('/')} field, so register fails there`);
        // Judged with service_type in the place 2.x gives resource_type.
        if ('service_type' in document) checked = { ...withoutKeys(document, ['service_type']), resource_type: document['service_type'] ?? null };
      }
      const assessment = assessAgainst('manifest.json', checked);
      details.push(...assessment.failures);
      warnings.push(...assessment.warnings.map((detail) => detail.message));
      if (details.length === 0) return { status: 'passed', warnings };
      return { status: 'failed', message: `${manifest.file}: ${details.length} problem(s): ${details[0]?.message}`, details, warnings };
    },
  };
}

function imageNameCheck(): CheckDefinition {
  return {
    group: MANIFEST_GROUP,
    name: 'image-name',
    sources: [COMMON_SOURCES.manifest],
    description: 'The image name (after the last /) passes the repository service\'s check: at most 48 characters of letters, digits and -',
    async run(context) {
      const image = manifestOf(context).document['image'];
      if (typeof image !== 'string' || image === '') return { status: 'skipped', message: 'the manifest has no image string to judge (see manifest/register-fields)' };
      const verdict = judgeImageName(image);
      if (verdict.ok) {
        const warnings = verdict.tolerated === undefined ? [] : [`the image name "${verdict.name}" ends in "${verdict.tolerated}": the repository service tolerates one trailing character outside [a-zA-Z0-9-], though its rule allows none`];
        return { status: 'passed', warnings };
      }
      return {
        status: 'failed',
        message: verdict.reason,
        details: [{ message: verdict.reason, path: '$.image', expected: 'a name of at most 48 letters, digits and -', actual: image, coreEffect: `register raises ${verdict.error} and the plugin is not registered` }],
      };
    },
  };
}

function capabilityCheck(schemaFile: string, sources: readonly CheckSource[]): CheckDefinition {
  return {
    group: MANIFEST_GROUP,
    name: 'capability',
    sources,
    description: `capability has the keys this type's core requires (schemas/${schemaFile})`,
    async run(context) {
      const capability = manifestOf(context).document['capability'] ?? {};
      if (!isJsonObject(capability)) return { status: 'skipped', message: 'capability is not a mapping (see manifest/register-fields)' };
      const assessment = assessAgainst(schemaFile, capability);
      const details = assessment.failures.map(underCapability);
      const warnings = assessment.warnings.map(underCapability).map((detail) => `${detail.message} (${detail.coreEffect ?? 'tolerated by the core'})`);
      if (details.length === 0) return { status: 'passed', warnings };
      return { status: 'failed', message: `capability breaks ${details.length} rule(s): ${details[0]?.message}`, details, warnings };
    },
  };
}

/**
 * The type was taken from the manifest: compared with the type the plugin's reflection points to,
 * so a run never checks a plugin as a type it does not serve and passes.
 */
function judgeAgainstReflection(declared: { key: string; value: string }, named: ServiceTypeEntry | undefined, reflected: ReflectedType | undefined): Verdict {
  if (!reflected) return { status: 'skipped', message: `the type was taken from the manifest (${declared.value}) and the plugin's reflection names no type to compare it with; give --type to compare it with the type the plugin is checked as` };
  if (named?.name === reflected.name) return { status: 'passed' };
  return {
    status: 'failed',
    message: `the manifest registers the plugin as ${declared.value}, but its reflection serves ${reflected.name} (${reflected.reason})`,
    details: [{
      message: `${declared.key} names another type than the plugin serves`,
      path: `$.${declared.key}`,
      expected: reflected.name,
      actual: declared.value,
      coreEffect: `cores pick plugins by this type: registered as ${declared.value}, the plugin is offered where its services are not served, and never where it works as ${reflected.name}`,
    }],
  };
}

/**
 * The type the manifest registers the plugin as must be the type it is checked (and works) as:
 * the consuming core picks plugins by resource_type, and the repository calls `<Kind>.init` on it.
 */
function typeMatchesCheck(entry: ServiceTypeEntry): CheckDefinition {
  return {
    group: MANIFEST_GROUP,
    name: 'type-matches',
    sources: [COMMON_SOURCES.manifest],
    description: 'The manifest\'s resource_type is the type the plugin is checked as (--type), whose services it serves',
    async run(context) {
      const declared = declaredType(manifestOf(context).document);
      if (!declared) return { status: 'skipped', message: 'the manifest names no resource_type (see manifest/register-fields)' };
      const named = findServiceType(declared.value);
      if (context.config.typeSource === 'manifest') return judgeAgainstReflection(declared, named, context.config.reflectedType);
      const kind = declared.value.split('.')[1] ?? '';
      if (named?.name !== entry.name) {
        return {
          status: 'failed',
          message: `the manifest registers the plugin as ${declared.value}, but it is checked as ${entry.name}`,
          details: [{
            message: `${declared.key} names another type than the plugin serves`,
            path: `$.${declared.key}`,
            expected: [entry.name, ...entry.aliases],
            actual: declared.value,
            coreEffect: `cores pick plugins by this type: registered as ${declared.value}, the plugin is offered where it is called as one (the repository calls ${kind || '(none)'}.init on it), and never where it works as ${entry.name}`,
          }],
        };
      }
      const warnings = entry.services[kind] ? [] : [`${declared.value}: the repository's Plugin.get_plugin_metadata and Plugin.verify call ${kind}.init and ${kind}.verify, which a ${entry.name} plugin does not serve; the ${entry.name.split('.')[0]} core itself calls the plugin's own services`];
      return { status: 'passed', warnings };
    },
  };
}

function metadataAgreesCheck(rules: ManifestRules, sources: readonly CheckSource[]): CheckDefinition {
  const model = rules.metadataModelBy;
  return {
    group: MANIFEST_GROUP,
    name: 'metadata-agrees',
    sources,
    description: model
      ? `capability.${model.key} picks the init metadata model the plugin's metadata fits; capability keys the core ignores agree with metadata`
      : 'capability keys the core ignores in favour of init metadata agree with it (information: a disagreement only misleads readers)',
    // Only a model the core enforces can fail this check; the rest is information.
    required: model !== undefined,
    requires: ['init/responds'],
    async run(context) {
      const capability = manifestOf(context).document['capability'];
      const metadata = context.facts.metadata ?? {};
      const capabilityObject = isJsonObject(capability) ? capability : {};
      const warnings = (rules.shadowedByMetadata ?? []).flatMap(({ key, coreEffect }) => shadowWarning(key, capabilityObject[key], metadata[key], coreEffect));
      if (!model) return { status: 'passed', warnings };
      const chosen = capabilityObject[model.key];
      const chosenModel = typeof chosen === 'string' ? model.models[chosen] : undefined;
      if (typeof chosen !== 'string' || !chosenModel) {
        return { status: 'skipped', message: `capability.${model.key} is not one of ${Object.keys(model.models).join(', ')} (see manifest/capability)` };
      }
      const details = modelMismatches(metadata, chosenModel, model.coreEffect);
      if (details.length === 0) return { status: 'passed', warnings };
      const fits = Object.entries(model.models).filter(([, candidate]) => modelMismatches(metadata, candidate, '').length === 0).map(([value]) => value);
      const plugin = fits.length > 0 ? `the plugin's init metadata fits ${fits.join(' or ')}` : `the plugin's init metadata fits no ${model.key}`;
      return { status: 'failed', message: `the manifest claims ${model.key} ${chosen}, but ${plugin}`, details, warnings };
    },
  };
}

function modelMismatches(metadata: JsonObject, model: MetadataModel, coreEffect: string): CheckDetail[] {
  const keys = Object.keys(metadata);
  const missing = model.required.filter((key) => !keys.includes(key));
  const extra = keys.filter((key) => !model.allowed.includes(key));
  return [
    ...missing.map((key) => ({ message: `metadata lacks ${key}`, path: `$.metadata.${key}`, expected: 'present', actual: '(absent)', coreEffect })),
    ...extra.map((key) => ({ message: `metadata has ${key}, which this model does not allow`, path: `$.metadata.${key}`, expected: [...model.allowed], actual: key, coreEffect })),
  ];
}

function shadowWarning(key: string, declared: Json | undefined, actual: Json | undefined, coreEffect: string): string[] {
  if (declared === undefined || actual === undefined || firstDifference(declared, actual) === undefined) return [];
  return [`capability.${key} is ${JSON.stringify(declared)} but metadata.${key} is ${JSON.stringify(actual)}: ${coreEffect}`];
}

function manifestOf(context: RunContext): Manifest {
  const manifest = context.config.manifest;
  // The runner only runs this group when a manifest was given.
  if (!manifest) throw new Error('manifest check run without --manifest');
  return manifest;
}

function underCapability(detail: CheckDetail): CheckDetail {
  const path = (detail.path ?? '$').replace(/^\$/, '$.capability');
  return { ...detail, path, message: detail.message.replace(/^\$/, '$.capability') };
}

function withoutKeys(object: JsonObject, keys: readonly string[]): JsonObject {
  return Object.fromEntries(Object.entries(object).filter(([key]) => !keys.includes(key)));
}
