-- The error of the waits announced to contacts (engine SPEC RT5): answered contacts that were
-- told a wait, the sum of |wait − estimate| and of wait − estimate.
ALTER TABLE report_rows ADD COLUMN ewt_answered REAL NOT NULL DEFAULT 0;
ALTER TABLE report_rows ADD COLUMN ewt_abs_error_ms REAL NOT NULL DEFAULT 0;
ALTER TABLE report_rows ADD COLUMN ewt_error_ms REAL NOT NULL DEFAULT 0;
ALTER TABLE report_history ADD COLUMN ewt_answered REAL NOT NULL DEFAULT 0;
ALTER TABLE report_history ADD COLUMN ewt_abs_error_ms REAL NOT NULL DEFAULT 0;
ALTER TABLE report_history ADD COLUMN ewt_error_ms REAL NOT NULL DEFAULT 0;
