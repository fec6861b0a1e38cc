-- One writer per store: the lease the running server (or a CLI import) holds and renews. A single
-- row (id 1), so taking it is one upsert; times are the holder's clock in ms since 1970.
CREATE TABLE server_lease (
  id integer PRIMARY KEY CHECK (id = 1),
  holder_id text NOT NULL,
  purpose text NOT NULL,
  pid integer NOT NULL,
  host text NOT NULL,
  started_at_ms bigint NOT NULL,
  heartbeat_at_ms bigint NOT NULL,
  expires_at_ms bigint NOT NULL
);
