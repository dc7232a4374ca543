-- Một Cửa schema, version 8: the words of the search index, for the dossier list (data/list_words.go).
-- A search's last word is a prefix ("nguyen" also finds "nguyenx"), and a prefix longer than the
-- index's prefix lengths (1–4 letters) makes FTS5 merge a list as long as the office for each query
-- (a tenth of a second at 1,000,000 dossiers for "nguyen"). When no longer word begins with it, the
-- word alone is searched instead, which reads the same rows as they lie: this table tells.
CREATE VIRTUAL TABLE IF NOT EXISTS dossier_search_terms USING fts5vocab(dossier_search, row);
