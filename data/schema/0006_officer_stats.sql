-- Per day and official: what the staff evaluation (officer.go, docs/DOMAIN.md §8) adds up. Kept by the
-- projection in the same transaction as each event, exactly as daily_stats is (the dossier's old
-- contribution out, the new one in), so a year's evaluation reads a few thousand rows instead of
-- every event of a million dossiers. A dossier counts once for each official who acted on it
-- (received, transferred or was handed it, processed, asked for a supplement or an obligation),
-- on the day its processing ended; only dossiers received at the counter and finished count.
-- day = local date as days since 1970-01-01, as in daily_stats.
CREATE TABLE officer_stats (
	day        INTEGER NOT NULL,
	officer    TEXT NOT NULL,                     -- username
	handled    INTEGER NOT NULL DEFAULT 0,        -- dossiers finished that day this official acted on
	early_ts   INTEGER NOT NULL DEFAULT 0,        -- of those, verdicts in the timestamp mode
	late_ts    INTEGER NOT NULL DEFAULT 0,
	early_date INTEGER NOT NULL DEFAULT 0,        -- verdicts in the date mode
	late_date  INTEGER NOT NULL DEFAULT 0,
	step_ts    INTEGER NOT NULL DEFAULT 0,        -- index 2 points (own last step against the due time), timestamp mode
	step_date  INTEGER NOT NULL DEFAULT 0,        -- the same in the date mode
	visits     INTEGER NOT NULL DEFAULT 0,        -- index 3 points (2 − supplements, at least 0)
	rated_dis  INTEGER NOT NULL DEFAULT 0,        -- rated "không hài lòng" (index 7 is 0 for those)
	PRIMARY KEY (day, officer)
) WITHOUT ROWID;

-- An office upgraded from an earlier version: the same figures from its log and dossiers rows, by
-- the rules of Judge (data/verdict.go) written in SQL. Timestamp mode: more than one supplement is
-- late, else minutes are compared; date mode: office-local dates; no due date is on time. An
-- official's step time is the time of their last step (the latest of their events).
-- `motcua check` compares the result with a replay of the log.
INSERT INTO officer_stats(day, officer, handled, early_ts, late_ts, early_date, late_date, step_ts, step_date, visits, rated_dis)
SELECT (d.finished_at + 25200) / 86400, s.officer, count(*),
	sum(d.supplements <= 1 AND d.due_at IS NOT NULL AND d.finished_at / 60 < d.due_at / 60),
	sum(d.supplements > 1 OR (d.due_at IS NOT NULL AND d.finished_at / 60 > d.due_at / 60)),
	sum(d.due_at IS NOT NULL AND (d.finished_at + 25200) / 86400 < (d.due_at + 25200) / 86400),
	sum(d.due_at IS NOT NULL AND (d.finished_at + 25200) / 86400 > (d.due_at + 25200) / 86400),
	sum(CASE WHEN d.due_at IS NULL OR s.last / 60 = d.due_at / 60 THEN 1 WHEN s.last / 60 < d.due_at / 60 THEN 2 ELSE 0 END),
	sum(CASE WHEN d.due_at IS NULL OR (s.last + 25200) / 86400 = (d.due_at + 25200) / 86400 THEN 1
		WHEN (s.last + 25200) / 86400 < (d.due_at + 25200) / 86400 THEN 2 ELSE 0 END),
	sum(2 - min(d.supplements, 2)),
	sum(d.rating = 3)
FROM (
	SELECT dossier, officer, max(t) AS last FROM (
		SELECT dossier, actor AS officer, CAST(strftime('%s', at) AS INTEGER) AS t FROM events
			WHERE conflict IS NULL AND actor <> ''
				AND type IN ('received', 'transferred', 'processed', 'supplement_requested', 'obligation_requested')
		UNION ALL
		SELECT dossier, json_extract(payload, '$.to_handler'), CAST(strftime('%s', at) AS INTEGER) FROM events
			WHERE conflict IS NULL AND type = 'transferred' AND json_extract(payload, '$.to_handler') <> '')
	GROUP BY dossier, officer) s
JOIN dossiers d ON d.id = s.dossier
WHERE d.finished_at IS NOT NULL AND d.received_at IS NOT NULL
GROUP BY 1, 2;

-- The late list (stats_late.go) reads only the dossiers that can be late in either mode: finished
-- after their due time, or asked to supplement more than once. A partial index of those, in the
-- list's order (end of processing, then rid), so that a year's list does not read every dossier
-- finished in the year. Its condition is written exactly as the query writes it: SQLite uses a
-- partial index only for a query whose WHERE contains the index's terms.
CREATE INDEX dossiers_late ON dossiers(finished_at)
	WHERE received_at IS NOT NULL AND (finished_at > due_at OR supplements > 1);
