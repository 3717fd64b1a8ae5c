/**
 * identity.Provider (account collectors): docs/core/identity.md. The core reads no metadata key; the
 * console renders additional_options_schema. There is no verify RPC; sync is opt-in.
 */
import { defineSuite } from '../../src/model/suite.js';
import { deterministicInitCheck, initRespondsCheck } from '../../src/checks/builders.js';
import { channelSchemaCheck } from '../../src/checks/channel-schema.js';
import { accountCollectorInitSurface, syncCheck } from './accounts.js';

export default defineSuite((entry) => {
  const surface = accountCollectorInitSurface(entry);
  return [
    initRespondsCheck(entry, surface),
    channelSchemaCheck({
      path: ['additional_options_schema'],
      sources: entry.sources.metadata,
      failureEffect: 'the console renders the trusted-account auto-sync options form from this schema (inferred consumer); an invalid schema breaks that form',
    }),
    deterministicInitCheck(entry, surface),
    syncCheck(entry),
  ];
});
