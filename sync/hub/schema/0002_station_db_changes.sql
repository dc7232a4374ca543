-- hub.db, version 2: the health page counts how often another database used a station's token
-- (a reinstalled PC, or two PCs sharing one token: then it keeps growing).

ALTER TABLE stations ADD COLUMN db_changes INTEGER NOT NULL DEFAULT 0;
