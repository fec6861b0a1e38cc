-- One writer per store: the lease the running server (or a CLI import) holds and renews. A single
-- row (id 1), so taking it is one upsert; times are the holder's clock in ms since 1970.
CREATE TABLE server_lease (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  holder_id TEXT NOT NULL,
  purpose TEXT NOT NULL,
  pid INTEGER NOT NULL,
  host TEXT NOT NULL,
  started_at_ms INTEGER NOT NULL,
  heartbeat_at_ms INTEGER NOT NULL,
  expires_at_ms INTEGER NOT NULL
) STRICT;
