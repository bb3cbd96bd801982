// Shards the Scim database on a fresh sharded cluster (mongosh, connected to a mongos, before the service first
// starts): mongosh "mongodb://mongos:27017" --eval 'const database = "scim"' --file deploy/mongo/shard-collections.js
//
// The shard keys, and why (docs/mongodb.md, "Sharding"):
// - resources: tenant and type. Every unique index (userName, Group displayName …) must begin with the shard key for
//   MongoDB to enforce it, and uniqueness is per tenant and type, so the key can hold no more. Every query names
//   both, so each is routed to the shards holding that tenant's resources of that type.
// - memberships: tenant, group, member: the unique (t, g, m) index itself, so the rows of one very large group can
//   still be split across chunks; queries by member name the tenant, so they stay within the tenant's range.
// - tombstones: tenant and type, as resources (the deleted_newest_type index begins with them).
// - tombstoneMemberships: the unique (t, o, g, m) index itself.
// - audit: tenant, then time: the admin's queries name a tenant, and one tenant's records spread over time.
// - events: tenant, then position: the unique (t, p) index itself; a tenant's events are read in position order.
// - eventPositions: tenant: one counter document per tenant.
// - subscriptions: tenant and id: the unique (t, sid) index itself.
// - requestLog: tenant, then time, as audit: the console's log pages name a tenant.
// - requestMinutes, credentialActivity: their unique keys (tenant, credential[, minute]), which upserts name.
// consoleKeys (the console's cookie keys, a handful of documents) stays unsharded on the primary shard.
// Ranged, not hashed, keys: a hashed key cannot back a unique index, and tenants are then ranges of chunks that
// the balancer moves whole.
const name = typeof database === 'string' ? database : 'scim';

const keys = {
  resources: { '_id.t': 1, '_id.rt': 1 },
  memberships: { t: 1, g: 1, m: 1 },
  tombstones: { '_id.t': 1, '_id.rt': 1 },
  tombstoneMemberships: { t: 1, o: 1, g: 1, m: 1 },
  audit: { t: 1, atTicks: 1 },
  events: { t: 1, p: 1 },
  eventPositions: { t: 1 },
  subscriptions: { t: 1, sid: 1 },
  requestLog: { t: 1, atTicks: 1 },
  requestMinutes: { t: 1, c: 1, minuteTicks: 1 },
  credentialActivity: { t: 1, c: 1 },
};

sh.enableSharding(name);
for (const [collection, key] of Object.entries(keys)) {
  const namespace = `${name}.${collection}`;
  const existing = db.getSiblingDB('config').collections.findOne({ _id: namespace });
  if (existing && !existing.dropped) {
    print(`${namespace} is sharded already on ${JSON.stringify(existing.key)}`);
    continue;
  }

  sh.shardCollection(namespace, key);
  print(`${namespace} sharded on ${JSON.stringify(key)}`);
}
