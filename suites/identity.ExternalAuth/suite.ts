/**
 * identity.ExternalAuth: docs/core/identity.md. The core requires no metadata key, so metadata is
 * judged by what it does with the answer (stored, re-sent on authorize), not by a strict schema.
 * There is no verify RPC: init is the only check the core makes before users sign in.
 */
import { defineSuite } from '../../src/model/suite.js';
import { deterministicInitCheck, initRespondsCheck } from '../../src/checks/builders.js';
import { concerning, CORE_2X } from './core-generation.js';
import { authorizeCheck, externalAuthInitSurface, withLegacyHint } from './sign-in.js';

export default defineSuite((entry) => {
  const surface = externalAuthInitSurface(entry);
  return [withLegacyHint(initRespondsCheck(entry, surface)), deterministicInitCheck(entry, surface), authorizeCheck(entry, surface)].map((check) => concerning(CORE_2X, check));
});
