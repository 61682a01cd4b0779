/**
 * Assignment profiles: one JSON file per profile in this folder, validated on load (schema
 * first, then what a schema cannot say: dataset lengths, sanity tasks of graded models).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import type { ErrorObject } from 'ajv';
import { datasetInfo } from '../../reference/data';
import type { DatasetName, Profile } from './types';
import { profileSchema } from './schema';

export type { Profile, Experiment, DatasetName } from './types';
export { profileSchema, GRADABLE_PARTS, DATASET_NAMES } from './schema';

export const PROFILES_DIR = __dirname;
/** The profile `npm run grade` uses when none is given. */
/** What `npm run grade` uses without --profile: a first look in about three minutes (a class wants `standard` or its year's). */
export const DEFAULT_PROFILE = 'first-look';

const ajv = new Ajv({ allErrors: true, allowUnionTypes: true });
const validate = ajv.compile(profileSchema);

/** Profile names: the JSON files of this folder, without `.json`. */
export function listProfiles(dir = PROFILES_DIR): string[] {
  return readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -'.json'.length)).sort();
}

function at(data: unknown, pointer: string): unknown {
  return pointer.split('/').slice(1).reduce<unknown>((v, key) => (v as Record<string, unknown> | undefined)?.[key.replace(/~1/g, '/').replace(/~0/g, '~')], data);
}

const show = (v: unknown) => (v === undefined ? 'nothing' : JSON.stringify(v)?.slice(0, 120));

/** One ajv error as "<where> requires <what>, got <actual>" (also used for other JSON files the harness reads). */
export function describeError(e: ErrorObject, data: unknown): string {
  const path = e.instancePath || '(top level)';
  switch (e.keyword) {
    case 'required': return `${path} requires the key "${(e.params as { missingProperty: string }).missingProperty}", got ${show(Object.keys(at(data, e.instancePath) as object ?? {}))}`;
    case 'additionalProperties': return `${path} requires only known keys, got an unknown "${(e.params as { additionalProperty: string }).additionalProperty}" (check its spelling)`;
    case 'enum': return `${path} requires one of ${(e.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')}, got ${show(at(data, e.instancePath))}`;
    case 'propertyNames': return `${path} requires keys that name a sequence model, got ${show((e.params as { propertyName: string }).propertyName)}`;
    case 'type': return `${path} requires ${/^[aeiou]/.test(String((e.params as { type: string }).type)) ? 'an' : 'a'} ${(e.params as { type: string }).type}, got ${show(at(data, e.instancePath))}`;
    case 'minimum': case 'maximum': case 'exclusiveMinimum': case 'exclusiveMaximum': {
      const { comparison, limit } = e.params as { comparison: string; limit: number };
      return `${path} requires a number ${comparison} ${limit}, got ${show(at(data, e.instancePath))}`;
    }
    case 'minItems': return `${path} requires at least ${(e.params as { limit: number }).limit} item(s), got ${show(at(data, e.instancePath))}`;
    case 'uniqueItems': return `${path} requires distinct items, got ${show(at(data, e.instancePath))}`;
    default: return `${path} requires a value that ${e.message}, got ${show(at(data, e.instancePath))}`;
  }
}

/** Throws one error listing every problem, each as "<where> requires <what>, got <actual>". */
export function validateProfile(data: unknown, where: string): Profile {
  const problems: string[] = [];
  if (!validate(data)) {
    // oneOf reports each branch; keep the most specific messages only
    const errors = (validate.errors ?? []).filter((e) => e.keyword !== 'oneOf' && !(e.keyword === 'const' && e.instancePath.endsWith('/kind')));
    problems.push(...new Set(errors.map((e) => describeError(e, data))));
  } else {
    const p = data as Profile;
    const lengthOk = (dataset: DatasetName, L: number, path: string) => {
      try { datasetInfo(dataset, L); } catch (e) { problems.push(`${path}: ${(e as Error).message}`); }
    };
    for (const [model, task] of Object.entries(p.sanity)) {
      lengthOk(task.dataset, task.length, `/sanity/${model}/length`);
      if (!p.models.includes(model)) problems.push(`/sanity/${model} requires ${model} among /models (it is not graded), got models ${show(p.models)}`);
    }
    p.experiments.forEach((x, k) => x.lengths.forEach((L, j) => lengthOk(x.dataset, L, `/experiments/${k}/lengths/${j}`)));
    for (const pattern of Object.keys(p.rubric)) {
      if (pattern.indexOf('*') !== -1 && pattern.indexOf('*') !== pattern.length - 1) problems.push(`/rubric/${pattern} requires "*" only at the end (a prefix pattern such as "gcn.*"), got "${pattern}"`);
    }
  }
  if (problems.length) throw new Error(`profile ${where} is invalid:\n  - ${problems.join('\n  - ')}`);
  return data as Profile;
}

/** Reads and validates `<dir>/<name>.json`. */
export function loadProfile(name: string, dir = PROFILES_DIR): Profile {
  const known = listProfiles(dir);
  if (!known.includes(name)) throw new Error(`--profile requires one of ${known.join(', ')}, got "${name}" (profiles are the JSON files of ${dir})`);
  const file = join(dir, `${name}.json`);
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new Error(`profile ${file} requires valid JSON, got ${(e as Error).message}`);
  }
  const profile = validateProfile(data, file);
  if (profile.name !== name) throw new Error(`profile ${file} requires "name": "${name}" (its file name), got "${profile.name}"`);
  return profile;
}

/**
 * Points of a check: its exact id in the rubric, else the longest matching prefix pattern
 * (`lstm.*`), else 0.
 */
export function pointsFor(profile: Profile, checkId: string): number {
  if (checkId in profile.rubric) return profile.rubric[checkId];
  let best: { length: number; points: number } | undefined;
  for (const [pattern, points] of Object.entries(profile.rubric)) {
    if (!pattern.endsWith('*')) continue;
    const prefix = pattern.slice(0, -1);
    if (checkId.startsWith(prefix) && (!best || prefix.length > best.length)) best = { length: prefix.length, points };
  }
  return best?.points ?? 0;
}

/** True when the rubric names the check (exactly or by a prefix). */
export function hasRubricEntry(profile: Profile, checkId: string): boolean {
  return checkId in profile.rubric || Object.keys(profile.rubric).some((p) => p.endsWith('*') && checkId.startsWith(p.slice(0, -1)));
}
