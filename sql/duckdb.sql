-- dmscope daily aggregate, DuckDB (duckdb.org/docs/sql/query_syntax/groupby, .../sql/statements/copy).
--
-- Input: a table or view named raw_results, one row per result a device reported (see sql/README.md):
--   event_time  TIMESTAMP (UTC) or TIMESTAMPTZ    device_id  VARCHAR
--   family      VARCHAR: a dmscope family id (scomo, fumo, lwm2m-5, lwm2m-9, adu, hawkbit, hawkbit-ddi,
--               mender, aws-iot-jobs)
--   result_code INTEGER, NULL when the platform gives a status word only
--   status      VARCHAR, NULL when the result code decides
--   model, firmware, region, server  VARCHAR
-- Output: one row per day × family × code × status × model × firmware × region × server, with
--   operations  the raw rows of that group: dmscope's count column
--   devices     the distinct devices of that group: exact per row; summed by dmscope as an upper bound
-- Rows without a code or a status are kept (both NULL): dmscope rejects them visibly, never silently.

SET TimeZone = 'UTC';

CREATE OR REPLACE TABLE dmscope_daily AS
SELECT
  CAST(event_time AS DATE) AS day,
  family,
  result_code,
  status,
  model,
  firmware,
  region,
  server,
  count(*) AS operations,
  -- exact, never approx_count_distinct: an estimate can fall below the truth, and the sum must not
  count(DISTINCT device_id) AS devices
FROM raw_results
GROUP BY ALL
ORDER BY ALL;

COPY dmscope_daily TO 'dmscope-daily.parquet' (FORMAT parquet, COMPRESSION zstd);
