-- What a claimed job's write in flight carries, for lag that counts each change once.
-- claimed_generation: the generation the current claim took (the write carries up to it).
-- arrived_since_claim: arrival (epoch microseconds) of the first change merged after that claim.
-- When the claim's write succeeds, arrived_since_claim becomes enqueued_at, so the next write's lag
-- runs from the oldest change it actually delivers. Both are null unless the job is claimed.
ALTER TABLE sync_job ADD COLUMN claimed_generation BIGINT;
ALTER TABLE sync_job ADD COLUMN arrived_since_claim BIGINT;
