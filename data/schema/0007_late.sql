-- The late list (stats_late.go, docs/DOMAIN.md §7): one row per dossier received at the counter, resolved,
-- and late in either mode by Judge (data/verdict.go), with what the list shows. Kept by the
-- projection in the same transaction as each event (late.go: the dossier's old row out, the new one
-- in), so that a year's list is one range of this table in its own order instead of a replay of the
-- logs of every late dossier. `motcua check` compares it with a replay of the log.
-- Times are unix seconds, as in dossiers; the key is the list's order (end of processing, then rid).
CREATE TABLE late_dossiers (
	finished_at    INTEGER NOT NULL,
	rid            INTEGER NOT NULL,              -- dossiers.rid
	late_ts        INTEGER NOT NULL,              -- 1: late in the timestamp mode
	late_date      INTEGER NOT NULL,              -- 1: late in the date mode
	code           TEXT NOT NULL,
	applicant      TEXT NOT NULL,
	procedure_name TEXT NOT NULL,                 -- as the intake named it
	unit           TEXT NOT NULL,                 -- processing unit code
	due_at         INTEGER,                       -- NULL: no due time
	supplements    INTEGER NOT NULL,
	apologised     INTEGER NOT NULL,              -- 1: an apology letter (form 04) was issued
	apology_no     TEXT NOT NULL,                 -- the latest letter's number, reason and new date
	apology_reason TEXT NOT NULL,
	apology_due    INTEGER,
	PRIMARY KEY (finished_at, rid)
) WITHOUT ROWID;

-- An office upgraded from an earlier version: the same rows from its dossiers rows and its log.
-- Judge in SQL as in 0006 (timestamp mode: more than one supplement, or minutes compared; date
-- mode: office-local dates; no due time is never late in the date mode). The intake's procedure
-- name and unit and the latest apology are read from the log in its canonical order (time, id),
-- events marked as conflicts left out, as the replay does. Candidates come from the partial index
-- 0006 made for the list this table replaces.
INSERT INTO late_dossiers(finished_at, rid, late_ts, late_date, code, applicant, procedure_name, unit, due_at,
	supplements, apologised, apology_no, apology_reason, apology_due)
SELECT c.finished_at, c.rid, c.late_ts, c.late_date, c.code, c.applicant,
	COALESCE((SELECT json_extract(e.payload, '$.proc_name') FROM events e
		WHERE e.dossier = c.id AND e.conflict IS NULL
			AND (e.type = 'submitted' OR (e.type IN ('received', 'refused') AND json_extract(e.payload, '$.proc') <> ''))
		ORDER BY e.at DESC, e.id DESC LIMIT 1), ''),
	COALESCE((SELECT code FROM units WHERE id = c.unit_id),
		(SELECT json_extract(e.payload, '$.to_unit') FROM events e
			WHERE e.dossier = c.id AND e.conflict IS NULL AND e.type = 'transferred' ORDER BY e.at DESC, e.id DESC LIMIT 1),
		(SELECT NULLIF(json_extract(e.payload, '$.unit'), '') FROM events e
			WHERE e.dossier = c.id AND e.conflict IS NULL AND e.type = 'submitted' ORDER BY e.at DESC, e.id DESC LIMIT 1),
		(SELECT json_extract(e.payload, '$.unit') FROM events e
			WHERE e.dossier = c.id AND e.conflict IS NULL AND e.type = 'received'
				AND json_extract(e.payload, '$.proc') <> '' ORDER BY e.at DESC, e.id DESC LIMIT 1),
		''),
	c.due_at, c.supplements, c.apologies > 0,
	COALESCE(json_extract(a.payload, '$.doc_no'), ''), COALESCE(json_extract(a.payload, '$.reason'), ''), c.apology_due
FROM (
	SELECT d.*,
		d.supplements > 1 OR (d.due_at IS NOT NULL AND d.finished_at / 60 > d.due_at / 60) AS late_ts,
		d.due_at IS NOT NULL AND (d.finished_at + 25200) / 86400 > (d.due_at + 25200) / 86400 AS late_date,
		(SELECT e.seq FROM events e WHERE e.dossier = d.id AND e.conflict IS NULL AND e.type = 'apology_issued'
			ORDER BY e.at DESC, e.id DESC LIMIT 1) AS apology_seq
	FROM dossiers d INDEXED BY dossiers_late
	WHERE d.finished_at IS NOT NULL AND d.received_at IS NOT NULL AND d.code IS NOT NULL
		AND (d.finished_at > d.due_at OR d.supplements > 1) -- dossiers_late's condition, word for word
) c LEFT JOIN events a ON a.seq = c.apology_seq
WHERE c.late_ts OR c.late_date;

-- Nothing reads that index any more; every projection write paid for it.
DROP INDEX dossiers_late;
