/**
 * Words the synthetic monorepo is built from. Real repositories repeat a small vocabulary
 * (team names, domain nouns), which matters for anything that compresses or caches by content.
 */

export const TEAMS = ['payments', 'search', 'identity', 'platform', 'data', 'growth', 'checkout', 'ledger', 'infra', 'ml']

export const NOUNS = [
  'account', 'order', 'invoice', 'customer', 'session', 'token', 'report', 'event', 'queue', 'ledger', 'policy',
  'tenant', 'quota', 'price', 'cart', 'profile', 'catalog', 'shipment', 'refund', 'webhook', 'audit', 'metric',
  'schedule', 'balance', 'user', 'group', 'role', 'secret', 'config', 'cluster', 'node', 'volume', 'snapshot'
]

export const VERBS = [
  'get', 'list', 'create', 'update', 'delete', 'sync', 'resolve', 'validate', 'render', 'publish', 'enqueue', 'retry',
  'reconcile', 'parse', 'load', 'store', 'compute', 'merge', 'refresh', 'expire'
]

export const ADJECTIVES = ['pending', 'active', 'stale', 'default', 'remote', 'local', 'cached', 'primary', 'shadow', 'legacy']

export const ENVIRONMENTS = ['dev', 'staging', 'prod', 'qa', 'sandbox']

export const REGIONS = ['eu-west-1', 'us-east-1', 'us-west-2', 'ap-southeast-1', 'eu-central-1']

export const LOREM = (
  'the service keeps retrying until the upstream answers or the deadline passes so callers never see a ' +
  'partial write and the ledger stays consistent across regions even when a node is drained during an upgrade ' +
  'which is why the reconcile loop compares the desired state with what the api server reports before it acts'
).split(' ')

/** `camelCase` from words. */
export function camel(words) {
  return words.map((word, i) => (i === 0 ? word : word[0].toUpperCase() + word.slice(1))).join('')
}

export function pascal(words) {
  return words.map((word) => word[0].toUpperCase() + word.slice(1)).join('')
}

export function sentence(random, min, max) {
  const length = random.int(min, max)
  const words = []
  for (let i = 0; i < length; i++) words.push(random.pick(LOREM))
  const text = words.join(' ')
  return text[0].toUpperCase() + text.slice(1) + '.'
}
