-- Arrival (epoch microseconds) of the first change merged into a claimed job, which the write in
-- flight does not carry. When that write succeeds it becomes the job's enqueued_at, so the next
-- write's lag runs from the oldest change it actually delivers. Null unless the job is claimed.
ALTER TABLE sync_job ADD COLUMN arrived_since_claim BIGINT;
