-- Custom SQL migration file, put your code below! --
-- The planner estimates `text LIKE '%term%'` on the client search expression from a histogram of that
-- expression. With the default 100 entries a surname shared by 15,000 of a million clients is estimated
-- at ~100 rows, so a manager's or team's search filters 15,000 heap rows instead of combining the
-- trigram index with the scope's index. 1,000 entries make common terms estimate within a few percent.
ALTER INDEX "clients_search_trgm_idx" ALTER COLUMN 1 SET STATISTICS 1000;
