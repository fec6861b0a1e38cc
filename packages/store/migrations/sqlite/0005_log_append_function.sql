-- PLACEHOLDER on branch reports-perf only: version 5 is reserved for the PostgreSQL log append
-- function (another branch). It keeps versions contiguous so that 0006 can be tested here; when
-- merging, take the other branch's file instead of this one.
SELECT 1;
