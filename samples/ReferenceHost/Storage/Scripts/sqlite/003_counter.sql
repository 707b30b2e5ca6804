-- The counter (書かない窓口): who entered a submission (NULL for the resident online), and its フリガナ for staff to
-- search by (the values of the form's katakana fields, spaces removed).
ALTER TABLE submissions ADD COLUMN entered_by TEXT;
ALTER TABLE submissions ADD COLUMN kana TEXT;
