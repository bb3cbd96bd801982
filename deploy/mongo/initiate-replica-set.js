// Health check of the docker compose MongoDB (mongosh --file). On the first run it initiates the single-node replica
// set rs0 (transactions and change streams need a replica set); every later run finds it initiated and does nothing.
// It succeeds only once this node is the writable primary, so services that wait for "healthy" can write at once.
try {
  rs.status();
} catch (error) {
  if (error.codeName !== 'NotYetInitialized') {
    throw error;
  }
  rs.initiate({ _id: 'rs0', members: [{ _id: 0, host: 'mongo:27017' }] });
}

if (!db.hello().isWritablePrimary) {
  quit(1);
}
