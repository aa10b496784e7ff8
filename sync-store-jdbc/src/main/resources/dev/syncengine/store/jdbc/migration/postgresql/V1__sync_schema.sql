-- SyncEngine schema, PostgreSQL 12+.
-- Every *_at / *_until / source_version column holds epoch microseconds (UTC), so no value depends
-- on a session time zone and bucketing for the dashboard is integer arithmetic.

CREATE TABLE sync_connection (
  id VARCHAR(64) PRIMARY KEY,
  name VARCHAR(255) NOT NULL,
  config TEXT NOT NULL,
  credentials TEXT,
  paused BOOLEAN NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);

CREATE TABLE sync_mapping (
  connection_id VARCHAR(64) NOT NULL,
  version_no INT NOT NULL,
  spec TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (connection_id, version_no)
);

CREATE TABLE sync_job (
  id BIGSERIAL PRIMARY KEY,
  connection_id VARCHAR(64) NOT NULL,
  record_id VARCHAR(255) NOT NULL,
  kind VARCHAR(16) NOT NULL,
  source_version BIGINT NOT NULL,
  payload TEXT,
  idempotency_key VARCHAR(255),
  state VARCHAR(16) NOT NULL,
  attempts INT NOT NULL,
  run_at BIGINT NOT NULL,
  due_at BIGINT,
  lease_owner VARCHAR(255),
  lease_until BIGINT,
  generation BIGINT NOT NULL,
  enqueued_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  last_error TEXT,
  CONSTRAINT sync_job_record UNIQUE (connection_id, record_id)
);

-- due_at = run_at while pending, lease_until while claimed, null when done or dead: one ordered
-- index serves claims of due work and of expired leases alike.
CREATE INDEX sync_job_due ON sync_job (due_at) WHERE due_at IS NOT NULL;
CREATE INDEX sync_job_conn_state ON sync_job (connection_id, state);
CREATE INDEX sync_job_state_updated ON sync_job (state, updated_at);

CREATE TABLE sync_inbox (
  connection_id VARCHAR(64) NOT NULL,
  idempotency_key VARCHAR(255) NOT NULL,
  job_id BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  PRIMARY KEY (connection_id, idempotency_key)
);
CREATE INDEX sync_inbox_expiry ON sync_inbox (expires_at);

CREATE TABLE sync_id_map (
  connection_id VARCHAR(64) NOT NULL,
  record_id VARCHAR(255) NOT NULL,
  item_id VARCHAR(255),
  source_version BIGINT,
  snapshot TEXT,
  previous_snapshot TEXT,
  item_state VARCHAR(32),
  updated_at BIGINT,
  PRIMARY KEY (connection_id, record_id)
);
CREATE INDEX sync_id_map_item ON sync_id_map (connection_id, item_id);

CREATE TABLE sync_cursor (
  connection_id VARCHAR(64) NOT NULL,
  cursor_name VARCHAR(255) NOT NULL,
  cursor_value TEXT NOT NULL,
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (connection_id, cursor_name)
);

CREATE TABLE sync_event_log (
  id BIGSERIAL PRIMARY KEY,
  connection_id VARCHAR(64) NOT NULL,
  job_id BIGINT NOT NULL,
  record_id VARCHAR(255),
  item_id VARCHAR(255),
  action VARCHAR(32),
  status VARCHAR(16) NOT NULL,
  attempt INT NOT NULL,
  error_code VARCHAR(100),
  message VARCHAR(2000),
  duration_ms BIGINT NOT NULL,
  latency_ms BIGINT NOT NULL,
  logged_at BIGINT NOT NULL,
  detail TEXT
);
CREATE INDEX sync_event_log_at ON sync_event_log (logged_at);
CREATE INDEX sync_event_log_conn_at ON sync_event_log (connection_id, logged_at);
CREATE INDEX sync_event_log_record ON sync_event_log (connection_id, record_id);
