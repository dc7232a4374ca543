-- Một Cửa schema, version 2: the dossier list (data/list.go) reads its orders from indexes, so that
-- the first page of a million dossiers under any filter and any order is a short index walk.

-- Every dossier by reception time, those never received (refused at the counter) included.
CREATE INDEX dossiers_list_received ON dossiers(received_at);
-- By due date, a dossier without one as due at the end of time; the expression is the one
-- List sorts by (dueKey), character for character.
CREATE INDEX dossiers_list_due ON dossiers(ifnull(due_at, 9223372036854775807));
-- Per unit and per procedure by reception time: those filters with the default order, their counts.
CREATE INDEX dossiers_list_unit ON dossiers(unit_id, received_at);
CREATE INDEX dossiers_list_procedure ON dossiers(procedure_id, received_at);
