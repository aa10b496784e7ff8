-- Target changes (two-way connections, issue #18): one row per webhook delivery from the target
-- (Webflow collection_item_* webhooks), unique per (connection, delivery key) for as long as the
-- row is kept, so a redelivery is accepted and dropped. Claimed under a lease like sync_job; the
-- reverse path (target -> source) consumes it. Times are epoch microseconds, as everywhere.
CREATE TABLE sync_target_change (
  id BIGINT AUTO_INCREMENT PRIMARY KEY,
  connection_id VARCHAR(64) NOT NULL,
  item_id VARCHAR(255) NOT NULL,
  trigger_type VARCHAR(64) NOT NULL,
  kind VARCHAR(16) NOT NULL,
  target_version BIGINT NOT NULL,
  payload LONGTEXT,
  delivery_key VARCHAR(255) NOT NULL,
  state VARCHAR(16) NOT NULL,
  attempts INT NOT NULL,
  run_at BIGINT NOT NULL,
  lease_owner VARCHAR(255),
  lease_until BIGINT,
  received_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  last_error LONGTEXT,
  CONSTRAINT sync_target_change_delivery UNIQUE (connection_id, delivery_key)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX sync_target_change_state ON sync_target_change (state, run_at);
CREATE INDEX sync_target_change_conn ON sync_target_change (connection_id, id);
