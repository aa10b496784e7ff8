-- Create intents: before a sink sends a create, the key (the Webflow slug) each record's item is
-- being created under, so that a create whose outcome was never recorded (a crash, a lost
-- response) is found and adopted on the next write instead of being made twice.
-- One row per record that has a create in flight; removed when the record's id map row is written
-- or deleted. Separate from sync_id_map so that an intent is never mistaken for a mapping.
CREATE TABLE sync_create_intent (
  connection_id VARCHAR(64) NOT NULL,
  record_id VARCHAR(255) NOT NULL,
  create_key VARCHAR(1024) NOT NULL,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (connection_id, record_id)
);
