-- The target item's version after our last write to it (Webflow's lastUpdated), or NULL when the
-- target did not say. Two-way sync (issue #18): a target webhook delivery carrying this version is
-- the echo of our own write. Epoch microseconds, as every time here.
ALTER TABLE sync_id_map ADD COLUMN target_version BIGINT;
