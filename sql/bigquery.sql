-- dmscope daily aggregate, BigQuery GoogleSQL (cloud.google.com/bigquery/docs/reference/standard-sql/
-- query-syntax#group_by_clause, .../export-statements#export_data_statement).
--
-- Input: a table or view `project.dataset.raw_results`, one row per result a device reported (see
-- sql/README.md): event_time TIMESTAMP, device_id STRING, family STRING (a dmscope family id),
-- result_code INT64 (NULL when the platform gives a status word only), status STRING (NULL when the code
-- decides), model, firmware, region, server STRING. Replace `project.dataset` and the bucket below.
-- Output: one row per day × family × code × status × model × firmware × region × server, with
-- operations (the raw rows: dmscope's count column) and devices (distinct devices of the row: exact per row,
-- summed by dmscope as an upper bound). Rows without a code or a status are kept: dmscope rejects them
-- visibly.

CREATE OR REPLACE TABLE `project.dataset.dmscope_daily` AS
SELECT
  DATE(event_time, 'UTC') AS day,
  family,
  result_code,
  status,
  model,
  firmware,
  region,
  server,
  COUNT(*) AS operations,
  -- exact, never APPROX_COUNT_DISTINCT: an estimate can fall below the truth, and the sum must not
  COUNT(DISTINCT device_id) AS devices
FROM `project.dataset.raw_results`
GROUP BY day, family, result_code, status, model, firmware, region, server;

EXPORT DATA OPTIONS (
  uri = 'gs://your-bucket/dmscope/daily-*.parquet',
  format = 'PARQUET',
  overwrite = true
) AS
SELECT * FROM `project.dataset.dmscope_daily`
ORDER BY day, family, result_code, status, model, firmware, region, server;
