-- The tracking book (Sổ theo dõi hồ sơ, form 07): one volume a year, and in it a running number per
-- dossier, given in the receiving transaction and printed on the receipt and in the book. The
-- number itself is in the reception event, so that it travels by sync and survives a rebuild;
-- this table only says which number each station gave last.
--
-- Station s numbers its dossiers of a year s*100000+1 … s*100000+99999, as it mints codes in its
-- own block of a day's numbers (docs/HUONG-DAN.md, "Sổ theo dõi hồ sơ"): two PCs of one office
-- working offline can never give the same number.
CREATE TABLE book_counters (
	office  TEXT NOT NULL,
	year    INTEGER NOT NULL,                       -- the volume: year of reception, office zone
	station INTEGER NOT NULL,
	last    INTEGER NOT NULL,                       -- last n given; the number is station*100000+n
	PRIMARY KEY (office, year, station)
) WITHOUT ROWID;
