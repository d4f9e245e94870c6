import { athenaTableFormat } from '../../../../src/core/rules/athena/table-format';
import { ruleTester } from '../../rule-tester';

ruleTester(athenaTableFormat, {
  valid: [
    {
      name: 'Parquet with Snappy',
      filename: 't.sql',
      code: "CREATE EXTERNAL TABLE t (a string) STORED AS PARQUET LOCATION 's3://b/t/' TBLPROPERTIES ('parquet.compression'='SNAPPY');\n",
    },
    {
      name: 'Iceberg (ZSTD by default)',
      filename: 't.sql',
      code: "CREATE TABLE t (a string, ts timestamp) PARTITIONED BY (day(ts)) LOCATION 's3://b/t/' TBLPROPERTIES ('table_type'='ICEBERG');\n",
    },
    {
      name: 'CTAS with ZSTD',
      filename: 't.sql',
      code: "CREATE TABLE t WITH (format = 'ORC', write_compression = 'ZSTD') AS SELECT 1 AS a;\n",
    },
    {
      name: 'MySQL table',
      filename: 'db.sql',
      code: 'CREATE TABLE t (id INT AUTO_INCREMENT PRIMARY KEY) ENGINE=InnoDB;\n',
    },
  ],
  invalid: [
    {
      name: 'CSV serde',
      filename: 't.sql',
      code: "CREATE EXTERNAL TABLE logs (line string)\nROW FORMAT SERDE 'org.apache.hadoop.hive.serde2.OpenCSVSerde'\nLOCATION 's3://b/logs/';\n",
      errors: [{ message: 'stored as CSV', line: 1, column: 23, endLine: 1, endColumn: 27 }],
      output: null,
    },
    {
      name: 'TEXTFILE',
      filename: 't.sql',
      code: "CREATE EXTERNAL TABLE logs (line string) STORED AS TEXTFILE LOCATION 's3://b/logs/';\n",
      errors: [{ message: 'TEXTFILE', line: 1, column: 52, endLine: 1, endColumn: 60 }],
      output: null,
    },
    {
      name: 'Parquet without compression: suggestion adds TBLPROPERTIES',
      filename: 't.sql',
      code: "CREATE EXTERNAL TABLE o (a string)\nSTORED AS PARQUET\nLOCATION 's3://b/o/';\n",
      errors: [
        {
          message: 'without a compression property',
          line: 2,
          column: 11,
          endLine: 2,
          endColumn: 18,
          suggestions: [
            {
              output:
                "CREATE EXTERNAL TABLE o (a string)\nSTORED AS PARQUET\nLOCATION 's3://b/o/'\nTBLPROPERTIES ('parquet.compression'='SNAPPY');\n",
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'CTAS with GZIP',
      filename: 't.sql',
      code: "CREATE TABLE t WITH (format = 'PARQUET', write_compression = 'GZIP') AS SELECT 1 AS a;\n",
      errors: [{ message: 'GZIP', line: 1, column: 14, endLine: 1, endColumn: 15 }],
      output: null,
    },
  ],
});
